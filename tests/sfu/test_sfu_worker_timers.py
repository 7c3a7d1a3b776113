"""The SFU worker's periodic tick: one room's failure does not stop the others'."""

from __future__ import annotations

import logging

import pytest

from sfu.worker import SfuWorker
from tests.conftest import wait_until


class FakeRoom:
    """What the worker's tick reads of a room (sfu.router.Router's shape), counting its
    polls and reports; ``failing`` ones raise from both."""

    def __init__(self, room_id: str, failing: bool) -> None:
        self.room_id = room_id
        self.failing = failing
        self.participants: dict = {}
        self.allocators: dict = {}
        self.polls = self.reports = 0

    def poll(self) -> None:
        self.polls += 1
        if self.failing:
            raise RuntimeError("a bug in one room")

    def send_reports(self) -> None:
        self.reports += 1
        if self.failing:
            raise RuntimeError("a bug in one room's reports")


async def test_a_room_whose_tick_fails_does_not_stop_the_others(
    worker: SfuWorker, caplog: pytest.LogCaptureFixture
) -> None:
    broken, healthy = FakeRoom("broken", True), FakeRoom("healthy", False)
    worker.rooms["broken"] = broken  # type: ignore[assignment]
    worker.rooms["healthy"] = healthy  # type: ignore[assignment]
    try:
        with caplog.at_level(logging.ERROR, logger="sfu.worker"):
            assert await wait_until(lambda: healthy.polls >= 5 and healthy.reports >= 1, 10), (
                healthy.polls, healthy.reports)
        assert broken.polls >= 5
        assert "sfu tick of room broken failed" in caplog.text
    finally:  # the worker closes real rooms only
        del worker.rooms["broken"], worker.rooms["healthy"]
