"""RTCP receiver report and report block (RFC 3550 section 6.4.2, block layout 6.4.1).

::

    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    |V=2|P|    RC   |   PT=RR=201   |             length            |
    |                     SSRC of packet sender                     |
    +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
    |                 SSRC_1 (SSRC of first source)                 |
    | fraction lost |       cumulative number of packets lost       |
    |           extended highest sequence number received           |
    |                      interarrival jitter                      |
    |                         last SR (LSR)                         |
    |                   delay since last SR (DLSR)                  |
    +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
"""

import struct
from dataclasses import dataclass, field

from sfu.errors import ParseError
from sfu.rtcp.header import PT_RR, pack_packet

_BLOCK = struct.Struct("!IB3sIIII")
BLOCK_SIZE = 24


@dataclass
class ReportBlock:
    """Reception statistics about one source."""

    ssrc: int
    "SSRC of the source reported on."
    fraction_lost: int
    "Fraction lost since the previous report, in 1/256."
    packets_lost: int
    "Cumulative packets lost (signed 24 bits)."
    highest_sequence: int
    "Extended highest sequence number received (cycles << 16 | seq)."
    jitter: int
    "Interarrival jitter in RTP timestamp units."
    lsr: int
    "Middle 32 bits of the NTP timestamp of the last SR received, 0 if none."
    dlsr: int
    "Delay since that SR, in units of 1/65536 s."

    @classmethod
    def parse(cls, data: bytes, offset: int) -> "ReportBlock":
        """Parse 24 bytes at ``offset``. :raises ParseError: fewer than 24 bytes remain."""
        if offset + BLOCK_SIZE > len(data):
            raise ParseError("report block truncated")
        ssrc, fraction, lost, highest, jitter, lsr, dlsr = _BLOCK.unpack_from(data, offset)
        packets_lost = int.from_bytes(lost, "big", signed=True)
        return cls(ssrc, fraction, packets_lost, highest, jitter, lsr, dlsr)

    def __bytes__(self) -> bytes:
        lost = max(-(1 << 23), min(self.packets_lost, (1 << 23) - 1))
        return _BLOCK.pack(
            self.ssrc,
            self.fraction_lost,
            lost.to_bytes(3, "big", signed=True),
            self.highest_sequence,
            self.jitter,
            self.lsr,
            self.dlsr,
        )


def parse_blocks(body: bytes, offset: int, count: int) -> list[ReportBlock]:
    """Parse ``count`` report blocks from ``body`` starting at ``offset``."""
    return [ReportBlock.parse(body, offset + i * BLOCK_SIZE) for i in range(count)]


@dataclass
class ReceiverReport:
    """RR packet: reception statistics from a participant that sends no media."""

    ssrc: int
    "SSRC of the packet sender."
    reports: list[ReportBlock] = field(default_factory=list)
    "Report blocks, at most 31."

    @classmethod
    def parse(cls, count: int, body: bytes) -> "ReceiverReport":
        """Parse an RR body. :raises ParseError: body shorter than announced."""
        if len(body) < 4 + count * BLOCK_SIZE:
            raise ParseError("RR truncated")
        (ssrc,) = struct.unpack_from("!I", body, 0)
        return cls(ssrc, parse_blocks(body, 4, count))

    def __bytes__(self) -> bytes:
        body = struct.pack("!I", self.ssrc) + b"".join(bytes(r) for r in self.reports)
        return pack_packet(len(self.reports), PT_RR, body)
