"""Group rooms in real Chromium: three participants exchange audio and video through the SFU
(issue 4, acceptance 3), a participant leaving, and a viewer who receives without sending.

The browser gathers loopback host candidates, so it reaches the SFU's UDP port directly.
Marked ``sfu``: they need the SFU wired into ``fjord serve`` (``-m "not sfu"`` skips them).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from pathlib import Path

import pytest
from e2e_support import RoomPage, poll, room_url

from tests.signaling_client import SignalingClient

pytestmark = [pytest.mark.browser, pytest.mark.sfu, pytest.mark.slow, pytest.mark.timeout(120)]

MEDIA_TIMEOUT_S = 30


def no_errors(*pages: RoomPage) -> bool:
    """Fail at once (instead of at the media timeout) when a page got an error."""
    for page in pages:
        error = page.fjord("lastError")
        assert error is None, f"{page.name} got error {error!r} (is the SFU wired in?)"
    return True


def files_under(root: Path) -> dict[Path, int]:
    """Size of each file under ``root``, but SQLite's rollback journal (``fjord.db-journal``
    exists only while a write is under way: insights of the joins, at any moment)."""
    sizes = {}
    for p in root.rglob("*"):
        if p.name.endswith("-journal"):
            continue
        with contextlib.suppress(FileNotFoundError):  # a journal just committed
            if p.is_file():
                sizes[p] = p.stat().st_size
    return sizes


def test_three_participants_through_sfu(fjord_server, chromium, open_page) -> None:
    meeting = fjord_server.create_meeting("group")
    forwarded_before = fjord_server.metrics().get("fjord_sfu_forwarded_packets_total", 0.0)
    disk_before = files_under(fjord_server.data_dir)
    pages = []
    for name in ("Ada", "Bo", "Cy"):
        page = open_page(chromium, name,
                         room_url(meeting["roomUrl"], displayName=name, precallReview="off"))
        page.wait_joined()
        pages.append(page)
    ids = {page.name: page.fjord("selfId") for page in pages}
    assert all(page.fjord("topology") == "sfu" for page in pages)

    def everyone_receives_everyone() -> bool:
        return no_errors(*pages) and all(
            page.receives_from(ids[other.name])
            for page in pages
            for other in pages
            if other is not page
        )

    try:
        poll(everyone_receives_everyone, MEDIA_TIMEOUT_S, interval=0.5)
    except AssertionError:
        seen = {
            page.name: {other: page.media_from(pid) for other, pid in ids.items()}
            for page in pages
        }
        raise AssertionError(f"media per receiver and sender: {seen}") from None
    # The SFU forwarded the media, and the call wrote nothing to the data dir: the only
    # file that may change is the database (meeting rows), and no file appeared.
    assert fjord_server.wait_metric_above(
        "fjord_sfu_forwarded_packets_total", forwarded_before + 1000) > forwarded_before + 1000
    disk_after = files_under(fjord_server.data_dir)
    assert set(disk_after) == set(disk_before)
    changed = {p for p in disk_after if disk_after[p] != disk_before[p]}
    assert all(p.name.startswith("fjord.db") for p in changed), changed
    for page in pages:
        # One publish and one subscribe transport, both on a succeeded pair (polled: one
        # snapshot may catch Chromium re-checking its selected pair, "in-progress").
        assert len(page.fjord("peerConnections()")) == 2
        poll(lambda page=page: all(pair["state"] == "succeeded"
                                   for pair in page.stats()["pairs"]), 10)
        assert page.console_errors == []

    # Cy leaves: the others drop Cy's tile and keep receiving each other.
    cy = pages.pop()
    cy.page.click("#leave-button")
    for page in pages:
        poll(lambda page=page: [p["id"] for p in page.fjord("participants()")]
             == [ids[o.name] for o in pages if o is not page], 10)
        assert page.page.locator(f'[data-participant-id="{ids["Cy"]}"]').count() == 0
    before = {page.name: page.media_from(ids[other.name])["framesDecoded"]
              for page in pages for other in pages if other is not page}
    poll(lambda: all(page.media_from(ids[other.name])["framesDecoded"] > before[page.name]
                     for page in pages for other in pages if other is not page), 10)


def test_viewer_receives_without_sending(fjord_server, chromium, open_page) -> None:
    meeting = fjord_server.create_meeting("group")
    host = open_page(chromium, "host", room_url(
        meeting["hostRoomUrl"], displayName="Host", precallReview="off"))
    host_id = host.wait_joined()
    viewer = open_page(chromium, "viewer", room_url(
        meeting["viewerRoomUrl"], displayName="Watcher", precallReview="off"))
    viewer_id = viewer.wait_joined()
    assert host.fjord("role") == "host" and viewer.fjord("role") == "viewer"

    poll(lambda: no_errors(host, viewer) and viewer.receives_from(host_id), MEDIA_TIMEOUT_S)
    assert len(viewer.fjord("peerConnections()")) == 1  # subscribe transport only
    assert viewer.page.locator(".tile--self").count() == 0
    # The host lists the viewer but shows no tile for it and receives nothing from it.
    poll(lambda: [p["id"] for p in host.fjord("participants()")] == [viewer_id], 10)
    assert host.page.locator(f'[data-participant-id="{viewer_id}"]').count() == 0
    assert host.media_from(viewer_id) == {"framesDecoded": 0, "audioPackets": 0,
                                          "audioEnergy": 0}
    # Both pages count the same people (the viewer's own page counts the viewer too).
    count = "() => document.getElementById('participant-count').textContent"
    assert host.evaluate(count) == "2 participants"
    poll(lambda: viewer.evaluate(count) == "2 participants", 10)
    assert host.console_errors == [] and viewer.console_errors == []


@pytest.mark.parametrize("departure", ["leave", "close"])
def test_newcomer_after_a_departure_is_seen_and_heard(
    fjord_server, chromium, open_page, departure: str
) -> None:
    # The SFU recycles the m-lines of someone who left for the next publisher; the people
    # already in the call must see and hear the newcomer on them.
    meeting = fjord_server.create_meeting("group")
    host = open_page(chromium, "host", room_url(
        meeting["hostRoomUrl"], displayName="Host", precallReview="off"))
    host.wait_joined()
    pat = open_page(chromium, "pat", room_url(
        meeting["roomUrl"], displayName="Pat", precallReview="off"))
    pat_id = pat.wait_joined()
    poll(lambda: no_errors(host) and host.receives_from(pat_id)
         and host.shows_video_of(pat_id), MEDIA_TIMEOUT_S)
    if departure == "leave":
        pat.page.click("#leave-button")
    else:
        pat.close()
    poll(lambda: host.fjord("participants()") == [], 10)
    quinn = open_page(chromium, "quinn", room_url(
        meeting["roomUrl"], displayName="Quinn", precallReview="off"))
    quinn_id = quinn.wait_joined()
    poll(lambda: no_errors(host) and host.receives_from(quinn_id)
         and host.shows_video_of(quinn_id), MEDIA_TIMEOUT_S)


# Pairs of tiles of the grid whose boxes overlap (each box shrunk by a pixel: borders touch).
OVERLAPPING_TILES = """
() => {
  const boxes = [...document.querySelectorAll('#grid .tile')].map((t) => t.getBoundingClientRect());
  const pairs = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, j) => {
    if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1
        && b.top < a.bottom - 1) pairs.push([i, i + 1 + j]);
  }));
  return pairs;
}
"""


def test_tiles_of_a_large_room_do_not_overlap(fjord_server, chromium, open_page) -> None:
    # 23 participants: the grid has more rows than fit. Each tile keeps its 16:9 size and the
    # grid scrolls; the rows were squeezed into the height instead, each tile covering the
    # bottom of the one above it (its name, its picture).
    meeting = fjord_server.create_meeting("group")
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    def run(coroutine: object, timeout: float = 30) -> object:
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result(timeout)

    async def join_others() -> list[SignalingClient]:
        others = []
        for i in range(22):
            others.append(await SignalingClient.connect(fjord_server, meeting["roomUrl"]))
            await others[-1].join(f"P{i}", meeting["roomUrl"])
        return others

    async def leave(clients: list[SignalingClient]) -> None:
        await asyncio.gather(*(client.close() for client in clients))

    others: list[SignalingClient] = []
    try:
        others = run(join_others())
        page = open_page(chromium, "Gil", room_url(meeting["roomUrl"], displayName="Gil",
                                                   precallReview="off"))
        page.wait_joined()
        poll(lambda: page.page.locator("#grid .tile").count() == 23, 10)
        assert page.evaluate(OVERLAPPING_TILES) == []
        last = page.page.locator("#grid .tile").last
        last.scroll_into_view_if_needed()
        assert last.is_visible() and last.locator(".tile__name").is_visible()
    finally:
        run(leave(others))
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
