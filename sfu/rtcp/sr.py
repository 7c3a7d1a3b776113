"""RTCP sender report (RFC 3550 section 6.4.1).

::

    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    |V=2|P|    RC   |   PT=SR=200   |             length            |
    |                         SSRC of sender                        |
    +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
    |              NTP timestamp, most significant word             |
    |             NTP timestamp, least significant word             |
    |                         RTP timestamp                         |
    |                     sender's packet count                     |
    |                      sender's octet count                     |
    +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
    |                 report blocks (see rr.py) ...                 |
"""

import struct
from dataclasses import dataclass, field

from sfu.errors import ParseError
from sfu.rtcp.header import PT_SR, pack_packet
from sfu.rtcp.rr import BLOCK_SIZE, ReportBlock, parse_blocks

_SENDER_INFO = struct.Struct("!IQIII")


@dataclass
class SenderReport:
    """SR packet: the sender's wall-clock/RTP clock pairing plus optional report blocks."""

    ssrc: int
    "SSRC of the sender."
    ntp_timestamp: int
    "64-bit NTP timestamp (seconds << 32 | fraction)."
    rtp_timestamp: int
    "RTP timestamp matching ``ntp_timestamp``."
    packet_count: int
    "Packets sent since the start."
    octet_count: int
    "Payload octets sent since the start."
    reports: list[ReportBlock] = field(default_factory=list)
    "Report blocks, at most 31."

    @classmethod
    def parse(cls, count: int, body: bytes) -> "SenderReport":
        """Parse an SR body. :raises ParseError: body shorter than announced."""
        if len(body) < 24 + count * BLOCK_SIZE:
            raise ParseError("SR truncated")
        ssrc, ntp, rtp, packets, octets = _SENDER_INFO.unpack_from(body, 0)
        return cls(ssrc, ntp, rtp, packets, octets, parse_blocks(body, 24, count))

    def __bytes__(self) -> bytes:
        body = _SENDER_INFO.pack(
            self.ssrc,
            self.ntp_timestamp,
            self.rtp_timestamp & 0xFFFFFFFF,
            self.packet_count & 0xFFFFFFFF,
            self.octet_count & 0xFFFFFFFF,
        ) + b"".join(bytes(r) for r in self.reports)
        return pack_packet(len(self.reports), PT_SR, body)
