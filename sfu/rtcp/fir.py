"""Full intra request, payload-specific feedback FMT=4 (RFC 5104 section 4.3.1).

::

    |V=2|P|  FMT=4  |   PT=206      |          length               |
    |                  SSRC of packet sender                        |
    |             SSRC of media source (unused, 0)                  |
    |                              SSRC                             |  (FCI, repeated)
    | Seq nr.       |    Reserved                                   |
"""

import struct
from dataclasses import dataclass, field

from sfu.errors import ParseError
from sfu.rtcp.header import PT_PSFB, pack_packet

FMT_FIR = 4


@dataclass
class FullIntraRequest:
    """FIR: request a decoder refresh point from each listed media sender."""

    sender_ssrc: int
    "SSRC of the requester."
    media_ssrc: int = 0
    "Unused by FIR, 0 on the wire."
    entries: list[tuple[int, int]] = field(default_factory=list)
    "(media SSRC, command sequence number 0-255) pairs."

    @classmethod
    def parse(cls, fmt: int, body: bytes) -> "FullIntraRequest":
        """Parse the body. :raises ParseError: no FCI entry or a partial one."""
        if len(body) < 16 or len(body) % 8:
            raise ParseError("FIR needs whole 8-byte FCI entries")
        sender, media = struct.unpack_from("!II", body, 0)
        entries = []
        for pos in range(8, len(body), 8):
            ssrc, seqnr = struct.unpack_from("!IB", body, pos)
            entries.append((ssrc, seqnr))
        return cls(sender, media, entries)

    def __bytes__(self) -> bytes:
        body = struct.pack("!II", self.sender_ssrc, self.media_ssrc) + b"".join(
            struct.pack("!IB3x", ssrc, seqnr & 0xFF) for ssrc, seqnr in self.entries
        )
        return pack_packet(FMT_FIR, PT_PSFB, body)
