"""RTCP source description (RFC 3550 section 6.5).

Each chunk is an SSRC followed by items ``type(8) | length(8) | text``, ended by a zero
byte and padded to a 32-bit boundary. Item values are kept as bytes and never logged.
"""

import struct
from dataclasses import dataclass, field

from sfu.errors import ParseError
from sfu.rtcp.header import PT_SDES, pack_packet

SDES_CNAME = 1


@dataclass
class SdesChunk:
    """Items describing one source."""

    ssrc: int
    "SSRC or CSRC described."
    items: list[tuple[int, bytes]] = field(default_factory=list)
    "(item type, value) pairs, e.g. (1, cname)."


@dataclass
class SourceDescription:
    """SDES packet."""

    chunks: list[SdesChunk] = field(default_factory=list)
    "One chunk per source, at most 31."

    @classmethod
    def parse(cls, count: int, body: bytes) -> "SourceDescription":
        """Parse an SDES body. :raises ParseError: a chunk or item overruns the body."""
        chunks = []
        pos = 0
        size = len(body)
        for _ in range(count):
            if pos + 4 > size:
                raise ParseError("SDES chunk truncated")
            (ssrc,) = struct.unpack_from("!I", body, pos)
            pos += 4
            items = []
            while True:
                if pos >= size:
                    raise ParseError("SDES chunk without end marker")
                item_type = body[pos]
                if item_type == 0:
                    pos += 1
                    pos = (pos + 3) & ~3
                    break
                if pos + 2 > size or pos + 2 + body[pos + 1] > size:
                    raise ParseError("SDES item truncated")
                length = body[pos + 1]
                items.append((item_type, bytes(body[pos + 2 : pos + 2 + length])))
                pos += 2 + length
            chunks.append(SdesChunk(ssrc, items))
        return cls(chunks)

    def __bytes__(self) -> bytes:
        body = bytearray()
        for chunk in self.chunks:
            body += struct.pack("!I", chunk.ssrc)
            for item_type, value in chunk.items:
                body += bytes((item_type, len(value))) + value
            body += b"\x00"
            while len(body) % 4:
                body += b"\x00"
        return pack_packet(len(self.chunks), PT_SDES, bytes(body))
