"""Receiver estimated maximum bitrate, application layer feedback FMT=15
(draft-alvestrand-rmcat-remb-03 section 2.2).

::

    |V=2|P| FMT=15  |   PT=206      |             length            |
    |                  SSRC of packet sender                        |
    |                  SSRC of media source (0)                     |
    |  Unique identifier 'R' 'E' 'M' 'B'                            |
    |  Num SSRC     | BR Exp    |  BR Mantissa                      |
    |   SSRC feedback                                               |  (repeated)

bitrate = mantissa (18 bits) << exp (6 bits), in bits per second.
"""

import struct
from dataclasses import dataclass, field

from sfu.errors import ParseError
from sfu.rtcp.header import PT_PSFB, pack_packet

FMT_AFB = 15
REMB_ID = b"REMB"


@dataclass
class ReceiverEstimatedMaxBitrate:
    """REMB: the total bitrate the receiver wants the listed SSRCs to stay under."""

    sender_ssrc: int
    "SSRC of the receiver."
    bitrate: int
    "Estimated maximum bitrate in bit/s (rounded down to the 18-bit mantissa)."
    ssrcs: list[int] = field(default_factory=list)
    "Media SSRCs the estimate applies to."
    media_ssrc: int = 0
    "Always 0 for REMB."

    @classmethod
    def parse(cls, fmt: int, body: bytes) -> "ReceiverEstimatedMaxBitrate":
        """Parse the body. :raises ParseError: not a REMB message, or SSRC list truncated."""
        if len(body) < 16 or body[8:12] != REMB_ID:
            raise ParseError("not a REMB application feedback")
        sender, media = struct.unpack_from("!II", body, 0)
        count = body[12]
        exp = body[13] >> 2
        mantissa = ((body[13] & 0x03) << 16) | (body[14] << 8) | body[15]
        if len(body) < 16 + 4 * count:
            raise ParseError("REMB SSRC list truncated")
        ssrcs = list(struct.unpack_from(f"!{count}I", body, 16))
        return cls(sender, mantissa << exp, ssrcs, media)

    def __bytes__(self) -> bytes:
        exp = 0
        mantissa = max(int(self.bitrate), 0)
        while mantissa >= (1 << 18):
            mantissa >>= 1
            exp += 1
        body = (
            struct.pack("!II", self.sender_ssrc, self.media_ssrc)
            + REMB_ID
            + bytes((len(self.ssrcs), (exp << 2) | (mantissa >> 16), (mantissa >> 8) & 0xFF,
                     mantissa & 0xFF))
            + struct.pack(f"!{len(self.ssrcs)}I", *self.ssrcs)
        )
        return pack_packet(FMT_AFB, PT_PSFB, body)
