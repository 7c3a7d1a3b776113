"""What the end-to-end encryption tests read of the SFU's RTP tap (sfu/rtp_tap.py): RTP
packets reassembled into VP8 frames (RFC 7741), and the frame format of
signaling/web/e2ee-worker.js opened with a key.

Pure helpers: bytes in, frames or bytes out.
"""

from __future__ import annotations

import math
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

TRAILER = 5
"counter (4 bytes) | key id (1 byte), after the GCM tag (e2ee-worker.js)."


@dataclass(frozen=True)
class Tapped:
    """One packet the SFU routed: arrival time (monotonic s), kind, publisher, RTP bytes."""

    at: float
    kind: str
    participant_id: str
    rtp: bytes


@dataclass(frozen=True)
class Vp8Frame:
    """A whole VP8 frame as the publisher's encoder (then transform) made it."""

    at: float
    participant_id: str
    ssrc: int
    timestamp: int
    data: bytes

    @property
    def keyframe(self) -> bool:
        """RFC 6386 section 9.1: bit 0 of the frame tag is 0 for a key frame (kept clear)."""
        return (self.data[0] & 0x01) == 0

    @property
    def clear_bytes(self) -> int:
        return 10 if self.keyframe else 3

    @property
    def key_id(self) -> int:
        return self.data[-1]


@dataclass
class RtpTapReader:
    """A loopback UDP socket collecting what ``FJORD_TEST_RTP_TAP`` sends, in a thread."""

    sock: socket.socket = field(default_factory=lambda: socket.socket(socket.AF_INET,
                                                                      socket.SOCK_DGRAM))
    packets: list[Tapped] = field(default_factory=list)
    limit: int = 400_000

    def __post_init__(self) -> None:
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @property
    def address(self) -> str:
        host, port = self.sock.getsockname()
        return f"{host}:{port}"

    def _run(self) -> None:
        while not self._stop:
            try:
                data = self.sock.recv(65536)
            except (TimeoutError, OSError):
                continue
            if len(self.packets) >= self.limit:
                continue
            n = data[1]
            self.packets.append(Tapped(time.monotonic(), "video" if data[0:1] == b"v" else
                                       "audio", data[2:2 + n].decode(), data[2 + n:]))

    def close(self) -> None:
        self._stop = True
        self._thread.join(2)
        self.sock.close()

    def vp8_frames(self, participant_id: str, since: float = 0.0,
                   until: float = math.inf) -> list[Vp8Frame]:
        """The complete VP8 frames of ``participant_id`` whose last packet came in
        ``[since, until)``, in arrival order."""
        picked = [p for p in list(self.packets)
                  if p.kind == "video" and p.participant_id == participant_id]
        return [f for f in vp8_frames(picked) if since <= f.at < until]


def rtp_payload(rtp: bytes) -> tuple[int, int, int, bool, bytes]:
    """``(ssrc, sequence, timestamp, marker, payload)`` of an RTP packet (RFC 3550 5.1)."""
    cc = rtp[0] & 0x0F
    pos = 12 + 4 * cc
    if rtp[0] & 0x10:
        pos += 4 + 4 * int.from_bytes(rtp[pos + 2:pos + 4], "big")
    end = len(rtp) - (rtp[-1] if rtp[0] & 0x20 else 0)
    return (int.from_bytes(rtp[8:12], "big"), int.from_bytes(rtp[2:4], "big"),
            int.from_bytes(rtp[4:8], "big"), bool(rtp[1] & 0x80), rtp[pos:end])


def vp8_descriptor_length(payload: bytes) -> int:
    """Length of the VP8 payload descriptor (RFC 7741 section 4.2)."""
    pos = 1
    if payload[0] & 0x80:
        x = payload[1]
        pos = 2
        if x & 0x80:
            pos += 2 if payload[pos] & 0x80 else 1
        if x & 0x40:
            pos += 1
        if x & 0x30:
            pos += 1
    return pos


def vp8_frames(packets: list[Tapped]) -> list[Vp8Frame]:
    """Whole frames (first packet with S=1 and partition 0, consecutive sequence numbers,
    marker on the last) from RTP packets; incomplete frames are left out."""
    groups: dict[tuple[int, int], dict[int, tuple[float, bool, bytes]]] = {}
    owner: dict[tuple[int, int], str] = {}
    for p in packets:
        ssrc, seq, ts, marker, payload = rtp_payload(p.rtp)
        if not payload:
            continue
        groups.setdefault((ssrc, ts), {})[seq] = (p.at, marker, payload)
        owner[(ssrc, ts)] = p.participant_id
    frames = []
    for (ssrc, ts), by_seq in groups.items():
        seqs = sorted(by_seq)
        if seqs[-1] - seqs[0] > 60000:  # wrapped: put the low numbers after the high ones
            seqs = sorted(by_seq, key=lambda s: (s + 32768) % 65536)
        if any((b - a) % 65536 != 1 for a, b in zip(seqs, seqs[1:], strict=False)):
            continue
        first = by_seq[seqs[0]][2]
        if not (first[0] & 0x10) or (first[0] & 0x07) != 0 or not by_seq[seqs[-1]][1]:
            continue
        data = b"".join(by_seq[s][2][vp8_descriptor_length(by_seq[s][2]):] for s in seqs)
        frames.append(Vp8Frame(max(by_seq[s][0] for s in seqs), owner[(ssrc, ts)], ssrc,
                               ts, data))
    return sorted(frames, key=lambda f: f.at)


def open_frame(frame: Vp8Frame, key: bytes) -> bytes:
    """The VP8 frame inside an encrypted one, opened with the raw frame ``key``.

    Raises:
        cryptography.exceptions.InvalidTag: ``key`` is not the one that sealed it.
    """
    data, clear = frame.data, frame.clear_bytes
    counter = data[-TRAILER:-1]
    plain = AESGCM(key).decrypt(bytes(8) + counter, data[clear:-TRAILER], data[:clear])
    return data[:clear] + plain


def entropy_bits_per_byte(data: bytes) -> float:
    """Shannon entropy of the byte histogram of ``data`` (8.0 for uniform random bytes)."""
    counts = Counter(data)
    n = len(data)
    return -sum(c / n * math.log2(c / n) for c in counts.values())
