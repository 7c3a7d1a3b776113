"""Generic NACK, transport layer feedback FMT=1 (RFC 4585 section 6.2.1).

::

    |V=2|P|  FMT=1  |   PT=205      |          length               |
    |                  SSRC of packet sender                        |
    |                  SSRC of media source                         |
    |            PID                |             BLP               |  (repeated)

PID is a lost sequence number; bit i of BLP means PID+i+1 is lost too.
"""

import struct
from dataclasses import dataclass, field

from sfu.errors import ParseError
from sfu.rtcp.header import PT_RTPFB, pack_packet

FMT_NACK = 1


@dataclass
class GenericNack:
    """NACK listing lost packets of one media source."""

    sender_ssrc: int
    "SSRC of the receiver sending the NACK."
    media_ssrc: int
    "SSRC of the stream with losses."
    lost: list[int] = field(default_factory=list)
    "Lost 16-bit sequence numbers, in wire order."

    @classmethod
    def parse(cls, fmt: int, body: bytes) -> "GenericNack":
        """Parse the body. :raises ParseError: no FCI or a partial FCI entry."""
        if len(body) < 12 or len(body) % 4:
            raise ParseError("NACK needs at least one FCI entry")
        sender, media = struct.unpack_from("!II", body, 0)
        lost = []
        for pos in range(8, len(body), 4):
            pid, blp = struct.unpack_from("!HH", body, pos)
            lost.append(pid)
            for bit in range(16):
                if blp & (1 << bit):
                    lost.append((pid + bit + 1) & 0xFFFF)
        return cls(sender, media, lost)

    def __bytes__(self) -> bytes:
        body = bytearray(struct.pack("!II", self.sender_ssrc, self.media_ssrc))
        pending = list(self.lost)
        while pending:
            pid = pending.pop(0)
            blp = 0
            rest = []
            for seq in pending:
                diff = (seq - pid - 1) & 0xFFFF
                if diff < 16:
                    blp |= 1 << diff
                else:
                    rest.append(seq)
            pending = rest
            body += struct.pack("!HH", pid, blp)
        return pack_packet(FMT_NACK, PT_RTPFB, bytes(body))
