"""Transport-wide congestion control feedback, transport layer FMT=15
(draft-holmer-rmcat-transport-wide-cc-extensions-01 section 3.1).

::

    |V=2|P|  FMT=15 |    PT=205     |           length              |
    |                     SSRC of packet sender                     |
    |                      SSRC of media source                     |
    |      base sequence number     |      packet status count      |
    |                 reference time                | fb pkt. count |
    |          packet chunk         |         packet chunk          |  ...
    |         recv delta            |  recv delta   | ...           |

Packet chunks are run-length (bit 15 = 0: status(2) | run length(13)) or status
vectors (bit 15 = 1: symbol size bit, then 14 one-bit or 7 two-bit symbols). Status 0 is
"not received", 1 "received, 8-bit delta", 2 "received, signed 16-bit delta". Deltas and
reference time are in 250 us and 64 ms units.
"""

import struct
from dataclasses import dataclass, field

from sfu.errors import ParseError
from sfu.rtcp.header import PT_RTPFB, pack_packet

FMT_TWCC = 15
NOT_RECEIVED, SMALL_DELTA, LARGE_DELTA = 0, 1, 2


@dataclass
class TransportFeedback:
    """transport-cc feedback: arrival times of transport-wide sequence numbers."""

    sender_ssrc: int
    "SSRC of the feedback sender."
    media_ssrc: int
    "SSRC of a media source of the transport."
    base_sequence: int
    "Transport-wide sequence number of the first status."
    reference_time: int
    "Signed 24-bit reference time in 64 ms units."
    feedback_count: int
    "Feedback packet counter, 0-255."
    statuses: list[int] = field(default_factory=list)
    "One status (0, 1 or 2) per sequence number from ``base_sequence``."
    deltas: list[int] = field(default_factory=list)
    "One receive delta in 250 us units per received status, in order."

    @classmethod
    def parse(cls, fmt: int, body: bytes) -> "TransportFeedback":
        """Parse the body. :raises ParseError: chunks or deltas overrun the body."""
        if len(body) < 16:
            raise ParseError("transport-cc feedback truncated")
        sender, media, base, count, ref_fb = struct.unpack_from("!IIHHI", body, 0)
        reference_time = ref_fb >> 8
        if reference_time & 0x800000:
            reference_time -= 1 << 24
        pos = 16
        statuses: list[int] = []
        while len(statuses) < count:
            if pos + 2 > len(body):
                raise ParseError("transport-cc packet chunk truncated")
            (chunk,) = struct.unpack_from("!H", body, pos)
            pos += 2
            if chunk & 0x8000 == 0:
                status = (chunk >> 13) & 0x03
                statuses.extend([status] * (chunk & 0x1FFF))
            elif chunk & 0x4000 == 0:
                statuses.extend((chunk >> (13 - i)) & 0x01 for i in range(14))
            else:
                statuses.extend((chunk >> (12 - 2 * i)) & 0x03 for i in range(7))
        del statuses[count:]
        deltas = []
        for status in statuses:
            if status == SMALL_DELTA:
                if pos + 1 > len(body):
                    raise ParseError("transport-cc delta truncated")
                deltas.append(body[pos])
                pos += 1
            elif status == LARGE_DELTA:
                if pos + 2 > len(body):
                    raise ParseError("transport-cc delta truncated")
                deltas.append(struct.unpack_from("!h", body, pos)[0])
                pos += 2
            elif status != NOT_RECEIVED:
                raise ParseError("transport-cc reserved status symbol")
        return cls(sender, media, base, reference_time, ref_fb & 0xFF, statuses, deltas)

    def __bytes__(self) -> bytes:
        body = bytearray(
            struct.pack(
                "!IIHHI",
                self.sender_ssrc,
                self.media_ssrc,
                self.base_sequence & 0xFFFF,
                len(self.statuses),
                ((self.reference_time & 0xFFFFFF) << 8) | (self.feedback_count & 0xFF),
            )
        )
        for i in range(0, len(self.statuses), 7):
            group = self.statuses[i : i + 7]
            chunk = 0xC000
            for j, status in enumerate(group):
                chunk |= (status & 0x03) << (12 - 2 * j)
            body += struct.pack("!H", chunk)
        deltas = iter(self.deltas)
        for status in self.statuses:
            if status == SMALL_DELTA:
                body.append(next(deltas) & 0xFF)
            elif status == LARGE_DELTA:
                body += struct.pack("!h", next(deltas))
        while len(body) % 4:
            body.append(0)
        return pack_packet(FMT_TWCC, PT_RTPFB, bytes(body))
