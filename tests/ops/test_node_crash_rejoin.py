"""A participant of a crashed signaling node gets its place back through another node.

Two ``fjord signaling`` nodes over Redis hold a full normal room (4 people, one of them on
the first node). The first node is killed (``kill -9``): its participants keep their places
until its heartbeat key expires (the node TTL), and a participant reconnecting through the
second node within that time was refused with ``room_full`` by its own old place. The join
now waits out the node that stopped heartbeating and is let in; a fifth person while every
node is alive is still refused.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

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


async def test_a_participant_of_a_crashed_node_rejoins_a_full_room_elsewhere(
        nodes: list[FjordServer]) -> None:
    node_a, node_b = nodes
    url = node_b.create_meeting(room_mode="normal")["roomUrl"]
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
    finally:
        for client in clients:
            with contextlib.suppress(Exception):
                await client.close()
