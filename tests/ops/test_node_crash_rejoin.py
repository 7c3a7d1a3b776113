"""A participant of a crashed signaling node gets its place back through another node.

Two ``fjord signaling`` nodes over Redis hold a full normal room (4 people, one of them on
the first node). The first node is killed (``kill -9``): its participants keep their places
until its heartbeat key expires (the node TTL), and a participant reconnecting through the
second node within that time was refused with ``room_full`` by its own old place. The join
now waits out the node that stopped heartbeating and is let in; a fifth person while every
node is alive is still refused. A long-polling join that outlives its session meanwhile
keeps no place. A node only paused (SIGSTOP) past its TTL comes back to find its participant
reaped, and tells it to join again.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import websockets

from tests.conftest import (
    FjordServer,
    create_api_key,
    fjord_env,
    start_server,
    stop_fjord,
)
from tests.signaling_client import SignalingClient

pytestmark = pytest.mark.timeout(120)

HEARTBEAT_S = 0.5
NODE_TTL_S = 3.0
POLLING_NODE_TTL_S = 6.0  # the wait (2 heartbeats + the TTL, within MAX_WAIT_S) ...
OPEN_BEFORE_JOIN_S = 4.5  # ... after a session open this long outlasts its join timeout


@pytest.fixture
def nodes(request: pytest.FixtureRequest, tmp_path: Path,
          redis_url: str) -> Iterator[list[FjordServer]]:
    """Two signaling nodes over Redis; the node TTL is the test's parameter (indirect), else
    :data:`NODE_TTL_S`."""
    ttl = getattr(request, "param", NODE_TTL_S)
    common = {"FJORD_REDIS_URL": redis_url, "FJORD_NODE_HEARTBEAT_INTERVAL": str(HEARTBEAT_S),
              "FJORD_NODE_TTL": str(ttl)}
    data = tmp_path / "data"
    started: list[FjordServer] = []
    try:
        api_key = create_api_key(fjord_env(data, **common), "crash")
        for name in ("sig-a", "sig-b"):
            env = fjord_env(data, FJORD_NODE_ID=name, **common)
            started.append(start_server("signaling", env, tmp_path / f"{name}.log", api_key))
        yield started
    finally:
        for node in started:
            if node.process.poll() is None:
                stop_fjord(node)


@pytest.fixture
async def clients() -> AsyncIterator[list[SignalingClient]]:
    """The test's signaling clients, closed after it."""
    opened: list[SignalingClient] = []
    yield opened
    for client in opened:
        with contextlib.suppress(Exception):
            await client.close()


class Pauses:
    """Stops (SIGSTOP) and resumes (SIGCONT) signaling nodes; :meth:`close` resumes those
    still stopped, so that the nodes can be stopped for good after the test."""

    def __init__(self) -> None:
        self.stopped: list[FjordServer] = []

    def stop(self, node: FjordServer) -> None:
        os.kill(node.process.pid, signal.SIGSTOP)
        self.stopped.append(node)

    def resume(self, node: FjordServer) -> None:
        os.kill(node.process.pid, signal.SIGCONT)
        self.stopped.remove(node)

    def close(self) -> None:
        for node in list(self.stopped):
            self.resume(node)


@pytest.fixture
def pauses(nodes: list[FjordServer]) -> Iterator[Pauses]:
    """:class:`Pauses` of the nodes (resumed before the nodes are stopped)."""
    pauses = Pauses()
    yield pauses
    pauses.close()


async def told_to_join_again(client: SignalingClient) -> None:
    """``client`` is told ``unavailable`` and its socket closed with 1012 (join again)."""
    reply = await client.expect("error", timeout=10)
    assert reply["code"] == "unavailable", reply
    with pytest.raises(websockets.ConnectionClosed) as closed:
        await client.recv(10)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1012


async def nothing_more(client: SignalingClient, kinds: tuple[str, ...],
                       quiet_s: float) -> None:
    """Read ``client``'s messages until none comes for ``quiet_s``: none of ``kinds``."""
    with contextlib.suppress(TimeoutError):
        while True:
            message = await client.recv(quiet_s)
            assert message["type"] not in kinds, message


async def fill_room(node_a: FjordServer, node_b: FjordServer, url: str,
                    clients: list[SignalingClient]) -> tuple[SignalingClient,
                                                           list[SignalingClient]]:
    """Fill the normal room of ``url``: Ann through ``node_a``, Bo, Cy and Di through
    ``node_b`` (each added to ``clients``); returns Ann and the others."""
    ann = await SignalingClient.connect(node_a, url)
    clients.append(ann)
    assert (await ann.join("Ann", url))["type"] == "joined"
    others = []
    for name in ("Bo", "Cy", "Di"):
        client = await SignalingClient.connect(node_b, url)
        clients.append(client)
        assert (await client.join(name, url))["type"] == "joined"
        others.append(client)
    return ann, others


async def test_a_participant_of_a_crashed_node_rejoins_a_full_room_elsewhere(
        nodes: list[FjordServer], clients: list[SignalingClient]) -> None:
    node_a, node_b = nodes
    url = node_b.create_meeting(room_mode="normal")["roomUrl"]
    ann, others = await fill_room(node_a, node_b, url, clients)
    # Every node alive: a fifth person is refused, on either node.
    for node in (node_a, node_b):
        fifth = await SignalingClient.connect(node, url)
        clients.append(fifth)
        reply = await fifth.join("Eve", url)
        assert (reply["type"], reply.get("code")) == ("error", "room_full"), reply

    node_a.process.kill()  # no goodbye: its heartbeat key stays until the node TTL
    node_a.process.wait(10)
    asked = time.monotonic()
    again = await SignalingClient.connect(node_b, url)
    clients.append(again)
    reply = await again.join("Ann", url)
    waited = time.monotonic() - asked
    assert reply["type"] == "joined", reply
    assert waited <= 2 * HEARTBEAT_S + NODE_TTL_S + 2.0, waited
    assert sorted(p["displayName"] for p in reply["participants"]) == ["Bo", "Cy", "Di"]
    # The others see the old Ann leave and the new one come (in either order: the
    # node that reaps the dead one's places and the join race).
    expected = {("participant-left", ann.joined["selfId"]),
                ("participant-joined", reply["selfId"])}
    for client in others:
        seen = set()
        deadline = time.monotonic() + 10
        while not expected <= seen and time.monotonic() < deadline:
            message = await client.recv(max(0.01, deadline - time.monotonic()))
            if message["type"] == "participant-left":
                seen.add((message["type"], message["participantId"]))
            elif message["type"] == "participant-joined":
                seen.add((message["type"], message["participant"]["id"]))
        assert expected <= seen, seen


@pytest.mark.parametrize("nodes", [POLLING_NODE_TTL_S], indirect=True)
async def test_a_polling_join_timed_out_during_the_wait_leaves_no_ghost(
        nodes: list[FjordServer], clients: list[SignalingClient]) -> None:
    """A long-polling session not joined after its join timeout (10 s from its opening) is
    closed by the polling reaper, which leaves no room: the session has not joined yet. When
    the join, waiting for a crashed node's places, then got in, the participant entered with
    its closed connection and nobody removed it: a ghost kept a place until the meeting
    ended (found by a fresh-clone tester)."""
    node_a, node_b = nodes
    url = node_b.create_meeting(room_mode="normal")["roomUrl"]
    base = f"{node_b.base_url}/v1/rooms/{urlsplit(url).path.strip('/')}/poll"
    await fill_room(node_a, node_b, url, clients)

    async with httpx.AsyncClient(verify=node_b.ssl_context(), timeout=60) as http:
        opened = (await http.post(base)).json()
        session = f"{base}/{opened['sessionId']}"
        started = time.monotonic()
        await asyncio.sleep(OPEN_BEFORE_JOIN_S)  # the join timeout counts from the open
        node_a.process.kill()  # its places stay until its key expires
        node_a.process.wait(10)
        join = {"type": "join", "displayName": "Ann"}
        sent = await http.post(f"{session}/send", json={"messages": [join]})
        assert sent.status_code in (202, 404), sent.text
        waited = time.monotonic() - started
        assert waited > 10.0, waited  # the polling reaper closed it meanwhile

    # The poller is gone. Bo, Cy and Di are in; the old Ann was reaped, the poller never
    # got to use its place: a newcomer must get in.
    await asyncio.sleep(2 * HEARTBEAT_S + 1.0)
    eve = await SignalingClient.connect(node_b, url)
    clients.append(eve)
    reply = await eve.join("Eve", url)
    assert reply["type"] == "joined", reply
    names = sorted(p["displayName"] for p in reply["participants"])
    assert names == ["Bo", "Cy", "Di"], names


async def test_a_paused_node_tells_its_reaped_participant_to_join_again(
        nodes: list[FjordServer], clients: list[SignalingClient], pauses: Pauses) -> None:
    """Node A stops (SIGSTOP) past its TTL: B reaps Ann, the others see her leave, and her
    place is free. When A resumes, Ann's socket was still open to a node that no longer
    counted her anywhere; now A tells her ``unavailable`` and closes it (1012), and she
    joins again, once, into the full room."""
    node_a, node_b = nodes
    url = node_b.create_meeting(room_mode="normal")["roomUrl"]
    ann, others = await fill_room(node_a, node_b, url, clients)
    pauses.stop(node_a)
    for client in others:
        left = await client.expect("participant-left", timeout=3 * NODE_TTL_S + 5)
        assert left["participantId"] == ann.joined["selfId"]
    pauses.resume(node_a)
    await told_to_join_again(ann)

    again = await SignalingClient.connect(node_a, url)
    clients.append(again)
    reply = await again.join("Ann", url)
    assert reply["type"] == "joined", reply
    assert sorted(p["displayName"] for p in reply["participants"]) == ["Bo", "Cy", "Di"]
    for client in others:  # the old Ann left once: nothing more about her
        joined = await client.expect("participant-joined")
        assert joined["participant"]["id"] == reply["selfId"]
    await asyncio.sleep(4 * HEARTBEAT_S)
    for client in others:
        await nothing_more(client, ("participant-left",), 0.2)


async def test_a_paused_nodes_knocker_is_cancelled_once(
        nodes: list[FjordServer], clients: list[SignalingClient], pauses: Pauses) -> None:
    """Found by the fresh-clone tester: a knocker on node A, paused past its TTL, is reaped
    by B, whose host is told ``knock-cancelled``. When A resumed it told the knocker
    ``unavailable`` and closed it, but kept it on its waiting list, so the close cancelled
    the knock once more and B's host got a second ``knock-cancelled``."""
    node_a, node_b = nodes
    meeting = node_b.create_meeting(room_mode="normal", isLocked=True)
    host = await SignalingClient.connect(node_b, meeting["hostRoomUrl"])
    clients.append(host)
    assert (await host.join("Hal", meeting["hostRoomUrl"]))["type"] == "joined"
    knocker = await SignalingClient.connect(node_a, meeting["roomUrl"])
    clients.append(knocker)
    pending = await knocker.join("Kim", meeting["roomUrl"])
    assert pending["type"] == "knock-pending", pending
    assert (await host.expect("knock"))["participant"]["id"] == pending["selfId"]
    pauses.stop(node_a)
    cancelled = await host.expect("knock-cancelled", timeout=3 * NODE_TTL_S + 5)
    assert cancelled["participantId"] == pending["selfId"]
    pauses.resume(node_a)
    await told_to_join_again(knocker)
    await asyncio.sleep(4 * HEARTBEAT_S)
    await nothing_more(host, ("knock-cancelled",), 0.5)


async def test_nodes_paused_together_reap_nobody(
        nodes: list[FjordServer], clients: list[SignalingClient], pauses: Pauses) -> None:
    """Found by the fresh-clone tester: both signaling nodes paused past their TTL at once
    (one VM paused, its containers with it), B resuming a moment before A. B found its own
    key expired, then A's key expired too, and reaped Ann: the others were told she left and
    she was closed with 1012, though nobody had died. A node back from its own absence now
    gives the others a TTL to heartbeat, as after Redis came back."""
    node_a, node_b = nodes
    url = node_b.create_meeting(room_mode="normal")["roomUrl"]
    await fill_room(node_a, node_b, url, clients)
    for client in clients:  # what the joins told them
        await nothing_more(client, (), 0.3)
    for node in (node_a, node_b):
        pauses.stop(node)
    await asyncio.sleep(2 * NODE_TTL_S)
    for node in (node_b, node_a):
        pauses.resume(node)
        await asyncio.sleep(0.3)
    await asyncio.sleep(2 * NODE_TTL_S)
    for client in clients:
        await nothing_more(client, ("participant-left", "error"), 0.3)


async def test_a_polling_participant_of_a_long_paused_node_is_told_to_join_again(
        nodes: list[FjordServer], clients: list[SignalingClient], pauses: Pauses) -> None:
    """Found by the fresh-clone tester: node A paused past its TTL and past the polling idle
    timeout (30 s). On resuming, A's polling reaper found Pat's session idle (nobody could
    poll a paused process) and closed it: Pat left once more, and Bo, told by B's reaping
    already, got a second ``participant-left``; Pat's next poll got 404 instead of
    ``unavailable``. The reaper now gives its sessions back the time the process stalled."""
    from signaling.polling import IDLE_TIMEOUT_S

    node_a, node_b = nodes
    url = node_b.create_meeting(room_mode="normal")["roomUrl"]
    base = f"{node_a.base_url}/v1/rooms/{urlsplit(url).path.strip('/')}/poll"
    bo = await SignalingClient.connect(node_b, url)
    clients.append(bo)
    assert (await bo.join("Bo", url))["type"] == "joined"
    async with httpx.AsyncClient(verify=node_a.ssl_context(), timeout=60) as http:
        session = f"{base}/{(await http.post(base)).json()['sessionId']}"
        join = {"type": "join", "displayName": "Pat"}
        sent = await http.post(f"{session}/send", json={"messages": [join]})
        assert sent.status_code == 202, sent.text
        got = (await http.get(session, params={"cursor": 0})).json()
        assert got["messages"][0]["type"] == "joined", got
        pat = got["messages"][0]["selfId"]
        assert (await bo.expect("participant-joined"))["participant"]["id"] == pat
        pauses.stop(node_a)
        stopped = time.monotonic()
        left = await bo.expect("participant-left", timeout=3 * NODE_TTL_S + 5)
        assert left["participantId"] == pat
        await asyncio.sleep(stopped + IDLE_TIMEOUT_S + 3 - time.monotonic())
        pauses.resume(node_a)
        messages, cursor, closed = [], got["cursor"], None
        deadline = time.monotonic() + 15
        while closed is None and time.monotonic() < deadline:
            reply = await http.get(session, params={"cursor": cursor})
            assert reply.status_code == 200, reply.text
            got = reply.json()
            messages += got["messages"]
            cursor, closed = got["cursor"], got["closed"]
        assert closed is not None and closed["code"] == 1012, (closed, messages)
        assert [m.get("code") for m in messages if m["type"] == "error"] == ["unavailable"]
    await asyncio.sleep(4 * HEARTBEAT_S)
    await nothing_more(bo, ("participant-left",), 0.5)
