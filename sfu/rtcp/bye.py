"""RTCP goodbye (RFC 3550 section 6.6): SSRCs leaving, optional reason text."""

import struct
from dataclasses import dataclass, field

from sfu.errors import ParseError
from sfu.rtcp.header import PT_BYE, pack_packet


@dataclass
class Goodbye:
    """BYE packet."""

    sources: list[int] = field(default_factory=list)
    "SSRC/CSRC identifiers leaving, at most 31."
    reason: bytes | None = None
    "Optional reason for leaving (opaque bytes, never logged)."

    @classmethod
    def parse(cls, count: int, body: bytes) -> "Goodbye":
        """Parse a BYE body. :raises ParseError: SSRC list or reason overruns the body."""
        if len(body) < 4 * count:
            raise ParseError("BYE truncated")
        sources = list(struct.unpack_from(f"!{count}I", body, 0))
        reason = None
        pos = 4 * count
        if pos < len(body):
            length = body[pos]
            if pos + 1 + length > len(body):
                raise ParseError("BYE reason truncated")
            reason = bytes(body[pos + 1 : pos + 1 + length])
        return cls(sources, reason)

    def __bytes__(self) -> bytes:
        body = bytearray(struct.pack(f"!{len(self.sources)}I", *self.sources))
        if self.reason is not None:
            body += bytes((len(self.reason),)) + self.reason
            while len(body) % 4:
                body += b"\x00"
        return pack_packet(len(self.sources), PT_BYE, bytes(body))
