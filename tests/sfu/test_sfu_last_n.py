"""Active speaker and last-N through a real worker (issue 12, acceptance 6): eight aiortc
publishers, last-N = 3, two subscribers. Each subscriber's received RTP bytes grow on
exactly 3 video streams and on all 8 audio streams; when a publisher outside those 3
starts talking it becomes the dominant speaker (``active_speaker`` event) and its video
reaches both subscribers within 2 s; a pinned camera is received on top of the 3. Run on
the native fan-out and on the Python path.

Subscribers count the bytes of the RTP their DTLS transport decrypted, per SSRC, and drop
them there (nothing is decoded: eight publishers and two subscribers on a 2-core box).
"""

from __future__ import annotations

import asyncio
import math
import struct
import time
from collections import Counter

import numpy as np
import pytest
from aiortc import AudioStreamTrack, RTCSessionDescription
from av import AudioFrame
from sfu_clients import SmallVideoTrack, loopback_only, new_peer_connection

from sfu.control import SfuConfig
from sfu.native_forward import load_core
from sfu.worker import SfuWorker
from tests.conftest import wait_until

pytestmark = [pytest.mark.timeout(180), pytest.mark.slow, pytest.mark.serial]
CORE, WHY = load_core()
PUBLISHERS = 8
LAST_N = 3
SETTLE_S = 0.5
"Seconds between a window's check of the speaker order and its first byte counts."


class ToneTrack(AudioStreamTrack):
    """Background noise (about -60 dBov), with a 440 Hz tone at -10 dBov on top while
    ``speaking`` (20 ms frames, 8 kHz): aiortc puts each frame's level in the RFC 6464
    extension. The noise matters: the detector takes a speaker's quietest level as its
    noise floor, so a tone out of digital silence would be that speaker's floor."""

    def __init__(self) -> None:
        super().__init__()
        self.speaking = False
        t = np.arange(160) / 8000
        self._tone = np.sin(2 * math.pi * 440 * t) * 0.3 * 32767
        self._noise = np.random.default_rng(1)

    async def recv(self) -> AudioFrame:
        frame = await super().recv()
        samples = self._noise.normal(0, 30, 160)
        if self.speaking:
            samples = samples + self._tone
        frame.planes[0].update(samples.astype("<i2").tobytes())
        return frame


class Talker:
    """A publish-only participant: a small video and a :class:`ToneTrack`."""

    def __init__(self, worker: SfuWorker, participant_id: str) -> None:
        self.worker = worker
        self.participant_id = participant_id
        self.pc = new_peer_connection()
        self.audio = ToneTrack()

    async def start(self) -> None:
        await self.worker.join("room", self.participant_id, LAST_N)
        self.pc.addTransceiver(SmallVideoTrack(), direction="sendonly")
        self.pc.addTransceiver(self.audio, direction="sendonly")
        await self.pc.setLocalDescription(await self.pc.createOffer())
        answer = await self.worker.publish("room", self.participant_id,
                                           self.pc.localDescription.sdp)
        await self.pc.setRemoteDescription(RTCSessionDescription(sdp=answer, type="answer"))


class Counting:
    """A subscribe-only participant counting received RTP bytes per SSRC."""

    def __init__(self, worker: SfuWorker, participant_id: str) -> None:
        self.worker = worker
        self.participant_id = participant_id
        self.pc = new_peer_connection()
        self.bytes: Counter[int] = Counter()
        self.first_seen: dict[int, float] = {}

    async def start(self) -> None:
        await self.worker.join("room", self.participant_id, LAST_N)

    async def negotiate(self) -> None:
        offer = await self.worker.subscribe_offer("room", self.participant_id)
        await self.pc.setRemoteDescription(RTCSessionDescription(sdp=offer, type="offer"))
        await self.pc.setLocalDescription(await self.pc.createAnswer())
        dtls = self.pc.getTransceivers()[0].receiver.transport

        async def count(data: bytes, arrival_time_ms: int) -> None:
            ssrc = struct.unpack_from("!I", data, 8)[0]
            self.bytes[ssrc] += len(data)
            self.first_seen.setdefault(ssrc, time.monotonic())

        dtls._handle_rtp_data = count
        await self.worker.subscribe_answer("room", self.participant_id,
                                           self.pc.localDescription.sdp)

    def streams(self) -> dict[tuple[str, str], int]:
        """``(publisher, kind) -> SSRC`` of what the SFU sends this subscriber."""
        p = self.worker.rooms["room"].participants[self.participant_id]
        return {(s.consumer.producer.participant_id, s.kind): s.consumer.ssrc
                for s in p.slots if s.consumer is not None}


async def growing(subscribers: list[Counting], speakers: list[tuple[str, str]],
                  min_bytes: int = 3000, timeout: float = 20) -> list[set[str]]:
    """Per subscriber, the publishers whose video grew while each of their audio streams
    and the video of at least ``LAST_N`` publishers grew by ``min_bytes`` (the window).

    A window during which the dominant speaker changed (a new entry in ``speakers``, the
    listener's ``active_speaker`` events), or less than ``SETTLE_S`` before it, saw the
    videos of before and after the change (the packets the SFU sent before it arrive
    late on a loaded box); it is measured again, up to three times, so the sets are
    those of one speaker order.
    """
    before: list[dict[int, int]] = []

    def grown(i: int, ssrc: int) -> int:
        return subscribers[i].bytes[ssrc] - before[i].get(ssrc, 0)

    def window_done() -> bool:
        for i, s in enumerate(subscribers):
            streams = s.streams()
            audio = [ssrc for (_, kind), ssrc in streams.items() if kind == "audio"]
            video = [ssrc for (_, kind), ssrc in streams.items() if kind == "video"]
            if len(audio) < PUBLISHERS or not all(grown(i, a) >= 300 for a in audio):
                return False
            if sum(1 for v in video if grown(i, v) >= min_bytes) < LAST_N:
                return False
        return True

    for _ in range(3):
        changes = len(speakers)
        await asyncio.sleep(SETTLE_S)
        before[:] = [dict(s.bytes) for s in subscribers]
        assert await wait_until(window_done, timeout, 0.1), [
            {pub: grown(i, ssrc) for pub, ssrc in s.streams().items()}
            for i, s in enumerate(subscribers)]
        if len(speakers) == changes:
            break
    else:
        raise AssertionError(f"the dominant speaker kept changing: {speakers}")
    return [{pub for (pub, kind), ssrc in s.streams().items()
             if kind == "video" and grown(i, ssrc) > 0} for i, s in enumerate(subscribers)]


@pytest.mark.parametrize("native", [
    pytest.param("auto", marks=pytest.mark.skipif(CORE is None, reason=f"no native core: {WHY}")),
    "off",
])
async def test_last_n_forwards_three_videos_and_follows_the_speaker(
        monkeypatch: pytest.MonkeyPatch, native: str, listener) -> None:  # noqa: ANN001
    loopback_only(monkeypatch)
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0, native=native), listener)
    await worker.start()
    talkers = [Talker(worker, f"p{i}") for i in range(PUBLISHERS)]
    subscribers = [Counting(worker, f"s{i}") for i in range(2)]
    try:
        for talker in talkers:
            await talker.start()
        room = worker.rooms["room"]  # every join carries the room's last-N
        assert room.speakers.last_n == LAST_N
        for sub in subscribers:
            await sub.start()
            await sub.negotiate()
        assert await wait_until(lambda: all(
            sum(1 for t in room.participants[t.participant_id].producers.values()
                if t.ssrc is not None) == 2 for t in talkers), 20)

        # Once audio flows the room names a dominant speaker (the first one heard).
        assert await wait_until(lambda: listener.speakers, 10)
        first = await growing(subscribers, listener.speakers)
        assert all(len(videos) == LAST_N for videos in first), first
        assert first[0] == first[1]

        # Someone whose video nobody receives starts talking.
        talker = next(t for t in reversed(talkers) if t.participant_id not in first[0])
        speaker_id = talker.participant_id
        talker.audio.speaking = True
        assert await wait_until(lambda: ("room", speaker_id) in listener.speakers, 10), \
            listener.speakers
        named_at = time.monotonic()
        video = [s.streams()[(speaker_id, "video")] for s in subscribers]
        assert await wait_until(lambda: all(
            s.bytes[v] > 0 for s, v in zip(subscribers, video, strict=True)), 10)
        appeared = max(s.first_seen[v] for s, v in zip(subscribers, video, strict=True))
        assert appeared - named_at <= 2.0, f"video after {appeared - named_at:.2f} s"

        later = await growing(subscribers, listener.speakers)
        assert all(len(videos) == LAST_N and speaker_id in videos for videos in later), later
        consumers = [s.consumer for sub in subscribers
                     for s in room.participants[sub.participant_id].slots]
        assert not any(c.paused for c in consumers if c.producer.kind == "audio")
        assert sum(not c.paused for c in consumers if c.producer.kind == "video") == 2 * LAST_N
        if native == "auto":  # the resumed and the forwarded videos run in the native core
            assert all(c.route is not None for c in consumers if not c.paused)

        # s0 pins a camera it does not get: it receives 4 videos, s1 still 3.
        pinned = next(t.participant_id for t in talkers if t.participant_id not in later[0])
        await worker.pin("room", "s0", (pinned,))
        pinned_ssrc = subscribers[0].streams()[(pinned, "video")]
        assert await wait_until(lambda: subscribers[0].bytes[pinned_ssrc] > 0, 10)
        with_pin = await growing(subscribers, listener.speakers)
        assert with_pin[0] == later[0] | {pinned} and with_pin[1] == later[1], with_pin
        assert worker.stats.drops.get("internal_error", 0) == 0
    finally:
        for sub in subscribers:
            await sub.pc.close()
        for talker in talkers:
            await talker.pc.close()
        await asyncio.sleep(0)
        await worker.close()
