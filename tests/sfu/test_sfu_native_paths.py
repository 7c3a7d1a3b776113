"""Issue 13 acceptance 2 and 4 (SFU): an aiortc room forwards through the native core when
it is built (consumers routed, frames decoded), and with the core unavailable (forced) or
``native="off"`` the worker says so once and the same room runs on the Python path."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys

import pytest
from sfu_clients import Publisher, Subscriber, loopback_only

from sfu.control import SfuConfig
from sfu.native_forward import NativeEgress, load_core
from sfu.room_speakers import RoomSpeakers
from sfu.transport import RtpEgress
from sfu.worker import SfuWorker
from tests.conftest import wait_until

pytestmark = pytest.mark.timeout(60)
CORE, WHY = load_core()


async def decode_room(worker: SfuWorker) -> tuple[Publisher, Subscriber]:
    """Alice publishes, Bob subscribes; returns once Bob decoded audio and video."""
    publisher = Publisher(worker, "room", "alice")
    subscriber = Subscriber(worker, "room", "bob")
    await subscriber.join()
    await publisher.start()
    assert await subscriber.negotiate()
    assert await wait_until(
        lambda: subscriber.frames["video"] >= 10 and subscriber.frames["audio"] >= 10, 20
    ), subscriber.frames
    return publisher, subscriber


@pytest.mark.skipif(CORE is None, reason=f"native forwarding core not built: {WHY}")
async def test_room_forwards_through_the_native_core(monkeypatch: pytest.MonkeyPatch) -> None:
    loopback_only(monkeypatch)
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0))
    await worker.start()
    publisher, subscriber = await decode_room(worker)
    try:
        room = worker.rooms["room"]
        assert isinstance(room.participants["bob"].subscribe.egress, NativeEgress)
        producers = list(room.participants["alice"].producers.values())
        assert {p.kind for p in producers} == {"audio", "video"}
        # every consumer is on a native route, and the core's sends reach the counters
        assert all(p.fanout is not None and len(p.fanout.routes) == 1 for p in producers)
        before = worker.forwarded_packets
        frames = subscriber.frames["video"]
        assert await wait_until(lambda: subscriber.frames["video"] >= frames + 10, 10)
        assert worker.forwarded_packets > before
        assert worker.stats.drops.get("internal_error", 0) == 0
    finally:
        await subscriber.stop()
        await publisher.stop()
        await worker.close()


@pytest.mark.skipif(CORE is None, reason=f"native forwarding core not built: {WHY}")
async def test_a_failure_on_the_native_path_is_one_internal_error(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception from Python code the core calls is counted once: by the core, not again
    by the worker's error handler. Here the core calls the speaker detector with the audio
    levels it kept once 64 are waiting, which happens when no tick takes them: the worker's
    timers are stopped. The packet whose level it failed on was forwarded first."""
    loopback_only(monkeypatch)
    failures: list[str] = []
    failing = False
    level = RoomSpeakers.level

    def failing_level(self, participant_id: str, value: int, now: float) -> None:
        if not failing:
            return level(self, participant_id, value, now)
        failures.append(participant_id)
        raise RuntimeError("a bug in the speaker detector")

    monkeypatch.setattr(RoomSpeakers, "level", failing_level)
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0))
    await worker.start()
    publisher, subscriber = await decode_room(worker)
    try:
        assert worker.stats.drops.get("internal_error", 0) == 0
        worker._task.cancel()  # no tick takes the levels from the core any more
        with contextlib.suppress(asyncio.CancelledError):
            await worker._task
        worker._task = None
        audio = next(p for p in worker.rooms["room"].participants["alice"].producers.values()
                     if p.kind == "audio")
        (route,) = audio.fanout.routes

        def unsent() -> int:
            return audio.stats.received - route.packets

        before = unsent()
        failing = True
        assert await wait_until(lambda: len(failures) >= 3, 20)
        # between two datagrams (this coroutine runs between the loop's callbacks)
        assert worker.stats.drops["internal_error"] == len(failures)
        assert unsent() == before  # the packets whose levels failed were forwarded
    finally:
        await subscriber.stop()
        await publisher.stop()
        await worker.close()


async def test_unavailable_core_logs_one_line_and_forwards_in_python(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    loopback_only(monkeypatch)
    monkeypatch.setitem(sys.modules, "sfu._forwardcore", None)  # import raises ImportError
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0))
    with caplog.at_level(logging.INFO, logger="sfu"):
        await worker.start()
    lines = [r.getMessage() for r in caplog.records if "native forwarding core" in r.getMessage()]
    assert len(lines) == 1 and "using the Python path" in lines[0], lines
    assert worker.native is None
    publisher, subscriber = await decode_room(worker)
    try:
        room = worker.rooms["room"]
        assert isinstance(room.participants["bob"].subscribe.egress, RtpEgress)
        assert all(p.fanout is None for p in room.participants["alice"].producers.values())
        assert worker.forwarded_packets > 0
    finally:
        await subscriber.stop()
        await publisher.stop()
        await worker.close()


async def test_native_off_uses_python_even_when_built(caplog: pytest.LogCaptureFixture) -> None:
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0, native="off"))
    with caplog.at_level(logging.INFO, logger="sfu"):
        await worker.start()
    try:
        assert worker.native is None
        assert not [r for r in caplog.records if "native forwarding core" in r.getMessage()]
    finally:
        await worker.close()
