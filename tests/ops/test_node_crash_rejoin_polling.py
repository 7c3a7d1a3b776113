"""A long-polling join that outlives the polling session's join timeout must not keep a place.

Found by the fresh-clone tester: a join into a room full only through a crashed signaling
node's places now waits until that node's heartbeat key expires (up to two heartbeat intervals
plus node_ttl). A long-polling session that has not joined after ``JOIN_TIMEOUT_S`` (10 s) is
closed by the polling reaper, which leaves no room (the session has not joined yet); when the
waiting claim then succeeds, the participant enters with its closed connection and nobody
ever removes it: a ghost keeps one of the room's places until the meeting ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import FjordServer, create_api_key, fjord_env, start_server, stop_fjord
from tests.signaling_client import SignalingClient

pytestmark = pytest.mark.timeout(120)

HEARTBEAT_S = 0.5
NODE_TTL_S = 6.0  # the wait (up to 2 heartbeats + the TTL, within MAX_WAIT_S) ...
OPEN_BEFORE_JOIN_S = 4.5  # ... after a session open this long outlasts its join timeout


@pytest.fixture
def nodes(tmp_path: Path, redis_url: str) -> Iterator[list[FjordServer]]:
    common = {"FJORD_REDIS_URL": redis_url, "FJORD_NODE_HEARTBEAT_INTERVAL": str(HEARTBEAT_S),
              "FJORD_NODE_TTL": str(NODE_TTL_S)}
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


async def test_a_polling_join_timed_out_during_the_wait_leaves_no_ghost(
        nodes: list[FjordServer]) -> None:
    node_a, node_b = nodes
    url = node_b.create_meeting(room_mode="normal")["roomUrl"]
    base = f"{node_b.base_url}/v1/rooms/{urlsplit(url).path.strip('/')}/poll"
    clients: list[SignalingClient] = []
    try:
        ann = await SignalingClient.connect(node_a, url)
        clients.append(ann)
        assert (await ann.join("Ann", url))["type"] == "joined"
        others = []
        for name in ("Bo", "Cy", "Di"):
            client = await SignalingClient.connect(node_b, url)
            clients.append(client)
            assert (await client.join(name, url))["type"] == "joined"
            others.append(client)

        async with httpx.AsyncClient(verify=node_b.ssl_context(), timeout=60) as http:
            opened = (await http.post(base)).json()
            session = f"{base}/{opened['sessionId']}"
            started = time.monotonic()
            await asyncio.sleep(OPEN_BEFORE_JOIN_S)  # the join timeout counts from the open
            node_a.process.kill()  # its places stay until its key expires (NODE_TTL_S)
            node_a.process.wait(10)
            join = {"type": "join", "displayName": "Ann"}
            sent = await http.post(f"{session}/send", json={"messages": [join]})
            assert sent.status_code in (202, 404), sent.text
            waited = time.monotonic() - started
            assert waited > 10.0, waited  # the polling reaper closed it meanwhile
            page = await http.get(session, params={"cursor": 0})
            print("poll session after the wait:", page.status_code, page.text[:300])

        # The poller is gone. Bo, Cy and Di are in; the old Ann was reaped, the poller never
        # got to use its place: a newcomer must get in.
        await asyncio.sleep(2 * HEARTBEAT_S + 1.0)
        eve = await SignalingClient.connect(node_b, url)
        clients.append(eve)
        reply = await eve.join("Eve", url)
        assert reply["type"] == "joined", reply
        names = sorted(p["displayName"] for p in reply["participants"])
        assert names == ["Bo", "Cy", "Di"], names
    finally:
        for client in clients:
            with contextlib.suppress(Exception):
                await client.close()
