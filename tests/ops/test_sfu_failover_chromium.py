"""Media recovery in real Chromium when the SFU host of a group room crashes (issue 8,
acceptance 2, with the web client): two pages in a room of a ``fjord signaling`` + two
``fjord sfu`` cluster; kill -9 of the room's SFU host; both pages get ``media_lost``,
rebuild their transports (``window.fjord.mediaRestarts``) and decode each other (and the
screen one of them shares) again within 10 s, on the other host."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis as redis_sync

from cluster.registry import room_key

sys.path.insert(0, str(Path(__file__).parent.parent / "e2e"))
from e2e_support import CHROMIUM, CHROMIUM_ARGS, LOOPBACK_ARG, RoomPage, poll, room_url  # noqa: E402
from test_sfu_failover import RECOVERY_S, cluster, kill_group  # noqa: E402, F401

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(120)]


@pytest.fixture(scope="module")
def browser(playwright_driver: Any) -> Iterator[Any]:
    chromium = playwright_driver.chromium.launch(executable_path=str(CHROMIUM),
                                                 args=[*CHROMIUM_ARGS, LOOPBACK_ARG])
    yield chromium
    chromium.close()


def test_chromium_recovers_media_when_the_sfu_host_crashes(cluster: dict,  # noqa: F811
                                                           browser: Any) -> None:
    server = cluster["server"]
    meeting = server.create_meeting(room_mode="group")
    room = meeting["roomUrl"].split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    pages: list[RoomPage] = []
    store = redis_sync.Redis.from_url(cluster["redis_url"])
    try:
        for name in ("Ann", "Ben"):
            page = RoomPage(browser, name).open(
                room_url(meeting["roomUrl"], displayName=name, precallReview="off"))
            pages.append(page)
        a, b = pages
        a_id, b_id = a.wait_joined(), b.wait_joined()
        poll(lambda: a.receives_from(b_id) and b.receives_from(a_id), 30)
        a.page.click("#screen-button")  # a shared screen must come back too
        screen = f"{a_id}:screen"
        poll(lambda: b.media_from(screen)["framesDecoded"] > 0, 15)
        node = store.get(room_key(room)).decode()
        kill_group(cluster["hosts"][node.rsplit("-w", 1)[0]])
        killed_at = time.monotonic()
        poll(lambda: a.fjord("mediaRestarts") >= 1 and b.fjord("mediaRestarts") >= 1,
             RECOVERY_S)
        # stats are those of the new transports: frames decoded since the restart
        poll(lambda: a.media_from(b_id)["framesDecoded"] > 5
             and b.media_from(a_id)["framesDecoded"] > 5
             and b.media_from(screen)["framesDecoded"] > 0,
             max(0.1, RECOVERY_S - (time.monotonic() - killed_at)))
        elapsed = time.monotonic() - killed_at
        print(f"chromium recovered {elapsed:.1f} s after kill -9 of the host of {node}")
        assert store.get(room_key(room)).decode() != node
        assert a.fjord("phase") == "in-call" and b.fjord("phase") == "in-call"
        assert a.fjord("selfId") == a_id  # recovered in place, not rejoined as someone new
        assert "transport_failed" not in a.fjord("errors()") + b.fjord("errors()")
    finally:
        for page in pages:
            page.close()
        store.close()
