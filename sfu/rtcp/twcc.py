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
MAX_STATUS_COUNT = 4096
"""Statuses one feedback packet may report: the SFU keeps the send times of its last 4096
numbers (:data:`sfu.bwe.sender.HISTORY`), so more match nothing, and a run-length chunk
claims 8191 statuses in 2 bytes: unbounded, 40 bytes would cost the worker 2 ms."""


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
        """Parse the body. :raises ParseError: chunks or deltas overrun the body, or it
        reports more than :data:`MAX_STATUS_COUNT` statuses."""
        if len(body) < 16:
            raise ParseError("transport-cc feedback truncated")
        sender, media, base, count, ref_fb = struct.unpack_from("!IIHHI", body, 0)
        if count > MAX_STATUS_COUNT:
            raise ParseError(f"transport-cc feedback reports {count} packets, over "
                             f"{MAX_STATUS_COUNT}")
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
        """Serialize; chunks chosen by :func:`encode_chunks`.

        :raises ValueError: a delta does not fit its status symbol (0..255 for status 1,
            signed 16 bits for status 2) or the delta count differs from the received
            statuses.
        """
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
        for chunk in encode_chunks(self.statuses):
            body += struct.pack("!H", chunk)
        received = [s for s in self.statuses if s != NOT_RECEIVED]
        if len(received) != len(self.deltas):
            raise ValueError("one delta is needed per received status")
        for status, delta in zip(received, self.deltas, strict=True):
            if status == SMALL_DELTA:
                if not 0 <= delta <= 0xFF:
                    raise ValueError("small delta out of range")
                body.append(delta)
            else:
                body += struct.pack("!h", delta)  # struct raises on overflow
        while len(body) % 4:
            body.append(0)
        return pack_packet(FMT_TWCC, PT_RTPFB, bytes(body))


MAX_RUN_LENGTH = 0x1FFF


def encode_chunks(statuses: list[int]) -> list[int]:
    """Encode statuses as 16-bit packet chunks (draft section 3.1.3 and 3.1.4).

    Greedy: a run of at least 14 equal statuses (7 when a status is 2), or the run that
    ends the list, becomes a run-length chunk (up to 8191); otherwise 14 statuses of 0/1
    become a one-bit status vector, else 7 statuses a two-bit vector. A vector at the
    end is padded with "not received" symbols beyond the status count.
    """
    chunks = []
    i = 0
    n = len(statuses)
    while i < n:
        status = statuses[i]
        run = 1
        while i + run < n and statuses[i + run] == status and run < MAX_RUN_LENGTH:
            run += 1
        if run >= 14 or run == n - i or (run >= 7 and status == LARGE_DELTA):
            chunks.append((status << 13) | run)
            i += run
            continue
        group = statuses[i : i + 14]
        if LARGE_DELTA not in group:
            chunk = 0x8000
            for j, s in enumerate(group):
                chunk |= s << (13 - j)
            chunks.append(chunk)
            i += 14
        else:
            chunk = 0xC000
            for j, s in enumerate(statuses[i : i + 7]):
                chunk |= s << (12 - 2 * j)
            chunks.append(chunk)
            i += 7
    return chunks
