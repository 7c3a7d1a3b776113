"""Joins per client address (docs/signaling.md "Limits"): one address joining and leaving in
a loop cannot flood a room's participants, webhooks and insights, and others still join."""

from __future__ import annotations

import asyncio
import json

import websockets

from tests.conftest import FjordServer
from tests.signaling_client import join_message, ws_url


async def _join(server: FjordServer, url: str, name: str,
                source: str = "127.0.0.1") -> tuple[websockets.ClientConnection, dict]:
    ws = await websockets.connect(ws_url(server, url), ssl=server.ssl_context(),
                                  local_addr=(source, 0))
    await ws.send(json.dumps(join_message(name, url)))
    return ws, json.loads(await asyncio.wait_for(ws.recv(), 10))


async def test_one_address_joins_at_the_configured_rate(
    slow_join_server: FjordServer,
) -> None:
    """At 1 join a second (burst 5), a loop of joins from one address gets rate_limited
    after the burst and what the elapsed time refilled (however slow a loaded machine makes
    the loop), and the refused socket stays open, so that the same join succeeds once the
    address has its allowance again; another address joins meanwhile. Before the limit, one
    client joined and left about 40 times a second per connection, each time announced to
    everyone in the room, to the webhooks and to insights."""
    url = slow_join_server.create_meeting()["roomUrl"]
    loop = asyncio.get_running_loop()
    started = loop.time()
    admitted = 0
    while True:
        ws, answer = await _join(slow_join_server, url, f"Loop{admitted}")
        if answer["type"] != "joined" or admitted == 30:
            break
        admitted += 1
        await ws.close()
    elapsed = loop.time() - started
    assert (answer["type"], answer["code"]) == ("error", "rate_limited"), (answer, admitted)
    # A token bucket of 5 refilled at 1/s: the burst, plus what the loop's time brought back.
    assert 5 <= admitted <= 5 + elapsed, (admitted, elapsed)
    other, answer = await _join(slow_join_server, url, "Elsewhere", source="127.0.0.2")
    assert answer["type"] == "joined"
    await asyncio.sleep(1.2)
    await ws.send(json.dumps(join_message("Again", url)))
    assert json.loads(await asyncio.wait_for(ws.recv(), 10))["type"] == "joined"
    await ws.close()
    await other.close()
