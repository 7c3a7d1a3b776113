"""Picture loss indication, payload-specific feedback FMT=1 (RFC 4585 section 6.3.1).

::

    |V=2|P|  FMT=1  |   PT=206      |          length=2             |
    |                  SSRC of packet sender                        |
    |                  SSRC of media source                         |
"""

import struct
from dataclasses import dataclass

from sfu.errors import ParseError
from sfu.rtcp.header import PT_PSFB, pack_packet

FMT_PLI = 1


@dataclass
class PictureLossIndication:
    """PLI: the receiver lost picture data and asks for a keyframe."""

    sender_ssrc: int
    "SSRC of the receiver."
    media_ssrc: int
    "SSRC of the video stream."

    @classmethod
    def parse(cls, fmt: int, body: bytes) -> "PictureLossIndication":
        """Parse the body. :raises ParseError: body shorter than 8 bytes."""
        if len(body) < 8:
            raise ParseError("PLI truncated")
        return cls(*struct.unpack_from("!II", body, 0))

    def __bytes__(self) -> bytes:
        return pack_packet(FMT_PLI, PT_PSFB, struct.pack("!II", self.sender_ssrc, self.media_ssrc))
