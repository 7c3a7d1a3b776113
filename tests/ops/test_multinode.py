"""Two ``fjord signaling`` nodes and two ``fjord sfu`` hosts over Redis (issue 8, acceptance
1): a group room is placed on a remote SFU and two participants connected to different
signaling nodes see each other, chat and decode each other's video; a normal room relays
offer/answer/candidate across the nodes; the room-size limit holds across them."""

from __future__ import annotations

import asyncio
import contextlib
import re
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aioice.ice
import pytest
import websockets
from aiortc import RTCSessionDescription

from tests.conftest import (
    FjordServer,
    create_api_key,
    fjord_env,
    start_role,
    start_server,
    stop_fjord,
    wait_until,
)
from tests.signaling_client import SignalingClient, let_in

sys.path.insert(0, str(Path(__file__).parent.parent / "integration"))
from test_aiortc_group import GroupPeer  # noqa: E402

AVATARS = "avatars.example.test"
"""The signaling nodes' ``avatar_domains``: avatars travel with the participants' views."""


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory,
            redis_url: str) -> Iterator[list[FjordServer]]:
    tmp_path = tmp_path_factory.mktemp("cluster")
    data = tmp_path / "data"
    common = {"FJORD_REDIS_URL": redis_url, "FJORD_NODE_HEARTBEAT_INTERVAL": "0.5",
              "FJORD_NODE_TTL": "2"}
    sfus = []  # two SFU hosts, each with its own UDP port: rooms go to the less loaded one
    for name in ("sfu-a", "sfu-b"):
        sfu_env = fjord_env(data, FJORD_NODE_ID=name, **common)
        sfus.append(start_role(["sfu", "--workers", "1"], sfu_env, tmp_path / f"{name}.log",
                               "Fjord SFU ready"))
    nodes: list[FjordServer] = []
    try:
        api_key = create_api_key(sfu_env, "ops")
        for name in ("sig-a", "sig-b"):
            env = fjord_env(data, FJORD_NODE_ID=name, FJORD_AVATAR_DOMAINS=AVATARS, **common)
            nodes.append(start_server("signaling", env, tmp_path / f"{name}.log", api_key))
        yield nodes
    finally:
        for node in nodes:
            stop_fjord(node)
        for sfu in sfus:
            sfu.terminate()
            sfu.wait(15)


class Peer(GroupPeer):
    """A group-room participant that publishes and subscribes, reading its signaling in
    one loop and keeping every message it was sent."""

    def __init__(self, client: SignalingClient) -> None:
        super().__init__(client)
        self.received: list[dict[str, Any]] = []
        self._answer: asyncio.Future[dict[str, Any]] | None = None

    async def publish(self) -> None:
        from test_aiortc_group import AudioStreamTrack, SmallVideo

        self.publish_pc.addTransceiver(SmallVideo(), direction="sendonly")
        self.publish_pc.addTransceiver(AudioStreamTrack(), direction="sendonly")
        await self.publish_pc.setLocalDescription(await self.publish_pc.createOffer())
        self._answer = asyncio.get_running_loop().create_future()
        await self.client.send({"type": "publish", "sdp": self.publish_pc.localDescription.sdp})
        answer = await asyncio.wait_for(self._answer, 15)
        await self.publish_pc.setRemoteDescription(RTCSessionDescription(answer["sdp"], "answer"))

    async def serve_signaling(self) -> None:
        while True:
            message = await self.client.recv(timeout=3600)
            self.received.append(message)
            if message["type"] == "publish-answer" and self._answer is not None:
                self._answer.set_result(message)
            elif message["type"] == "subscribe-offer":
                await self.subscribe_pc.setRemoteDescription(
                    RTCSessionDescription(message["sdp"], "offer"))
                await self.subscribe_pc.setLocalDescription(await self.subscribe_pc.createAnswer())
                await self.client.send(
                    {"type": "subscribe-answer", "sdp": self.subscribe_pc.localDescription.sdp})

    def got(self, kind: str, **fields: Any) -> bool:
        return any(msg["type"] == kind and all(msg.get(k) == v for k, v in fields.items())
                   for msg in self.received)


def test_signaling_nodes_export_no_metrics_of_the_sfu_and_relay_elsewhere(
    cluster: list[FjordServer]
) -> None:
    """Zeros there read as an idle SFU and relay, and fjord doctor's sfu-udp check took them
    for the SFU's count: it failed, the SFU having received its STUN."""
    text = cluster[0].metrics_text()
    assert "fjord_signaling_connections" in text
    assert "fjord_sfu_room_placements_total" in text  # signaling places the rooms
    assert "fjord_sfu_transports" not in text and "fjord_sfu_dropped_packets" not in text
    assert "fjord_turn_" not in text and "fjord_sfu_worker_processes" not in text


async def test_group_room_across_two_signaling_nodes_on_a_remote_sfu(
    cluster: list[FjordServer], redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from redis.asyncio import Redis

    from cluster.registry import NodeRegistry

    monkeypatch.setattr(aioice.ice, "get_host_addresses", lambda use_ipv4, use_ipv6:
                        ["127.0.0.1"])
    client = Redis.from_url(redis_url)
    try:
        registered = {n.node_id for n in await NodeRegistry(client, 4).nodes()}
    finally:
        await client.aclose()
    assert {"sfu-a-w0", "sfu-b-w0"} <= registered
    node_a, node_b = cluster
    meeting = node_a.create_meeting(room_mode="group")
    url = meeting["roomUrl"]
    alice = Peer(await SignalingClient.connect(node_a, url))
    bob = Peer(await SignalingClient.connect(node_b, url))
    serving = []
    try:
        joined_a = await alice.client.join("Quaxley", url)
        assert joined_a["topology"] == "sfu"
        serving.append(asyncio.create_task(alice.serve_signaling()))
        joined_b = await bob.client.join("Bob", url)
        assert [p["id"] for p in joined_b["participants"]] == [joined_a["selfId"]]
        serving.append(asyncio.create_task(bob.serve_signaling()))
        assert await wait_until(lambda: any(
            msg["type"] == "participant-joined" and msg["participant"]["id"] == joined_b["selfId"]
            for msg in alice.received), timeout=5)
        await asyncio.gather(alice.publish(), bob.publish())
        assert await wait_until(lambda: alice.frames.get("video", 0) >= 5
                         and bob.frames.get("video", 0) >= 5, timeout=30)
        await alice.client.send({"type": "chat", "text": "hello across nodes"})
        assert await wait_until(lambda: bob.got("chat", text="hello across nodes",
                                         **{"from": joined_a["selfId"]}), timeout=5)
        serving.pop().cancel()
        await bob.close()
        assert await wait_until(lambda: alice.got("participant-left",
                                           participantId=joined_b["selfId"]), timeout=5)
    finally:
        for task in serving:
            task.cancel()
        await alice.close()
        with contextlib.suppress(Exception):
            await bob.close()
    for node in cluster:
        assert "Quaxley" not in node.log_text()


async def test_normal_room_relays_offer_answer_and_candidates_across_nodes(
    cluster: list[FjordServer],
) -> None:
    node_a, node_b = cluster
    url = node_a.create_meeting(room_mode="normal")["roomUrl"]
    alice = await SignalingClient.connect(node_a, url)
    bob = await SignalingClient.connect(node_b, url)
    try:
        a_id = (await alice.join("A", url))["selfId"]
        joined = await bob.join("B", url)
        assert joined["topology"] == "p2p" and [p["id"] for p in joined["participants"]] == [a_id]
        b_id = joined["selfId"]
        assert (await alice.expect("participant-joined"))["participant"]["id"] == b_id
        await bob.send({"type": "offer", "to": a_id, "sdp": "v=0 offer"})
        offer = await alice.expect("offer", timeout=5)
        assert (offer["from"], offer["sdp"]) == (b_id, "v=0 offer")
        await alice.send({"type": "answer", "to": b_id, "sdp": "v=0 answer"})
        answer = await bob.expect("answer", timeout=5)
        assert (answer["from"], answer["sdp"]) == (a_id, "v=0 answer")
        candidate = {"candidate": "candidate:1 1 udp 1 127.0.0.1 9 typ host", "sdpMid": "0",
                     "sdpMLineIndex": 0, "usernameFragment": "u1"}
        await alice.send({"type": "candidate", "to": b_id, "candidate": candidate})
        relayed = await bob.expect("candidate", timeout=5)
        assert (relayed["from"], relayed["candidate"]) == (a_id, candidate)
    finally:
        await alice.close()
        await bob.close()


async def test_avatars_travel_across_nodes(cluster: list[FjordServer]) -> None:
    """Whereby's ``avatarUrl``, as the node that took the join accepted it, reaches the
    participants of the other node, in ``joined`` and in ``participant-joined``."""
    node_a, node_b = cluster
    url = node_a.create_meeting(room_mode="normal")["roomUrl"]
    alice = await SignalingClient.connect(node_a, url)
    bob = await SignalingClient.connect(node_b, url)
    try:
        await alice.send({"type": "join", "displayName": "A",
                          "avatarUrl": f"https://{AVATARS}/a.png"})
        assert (await alice.recv())["type"] == "joined"
        await bob.send({"type": "join", "displayName": "B",
                        "avatarUrl": f"https://{AVATARS}/b.png"})
        joined = await bob.expect("joined")
        assert [p["avatarUrl"] for p in joined["participants"]] == [f"https://{AVATARS}/a.png"]
        seen = await alice.expect("participant-joined")
        assert seen["participant"]["avatarUrl"] == f"https://{AVATARS}/b.png"
    finally:
        await alice.close()
        await bob.close()


async def test_deleting_a_meeting_on_one_node_ends_it_on_the_others(
    cluster: list[FjordServer],
) -> None:
    """The DELETE reached a node with nobody of the room: it had no room to end, told no
    other node, and the participants there stayed in the deleted meeting's room."""
    node_a, node_b = cluster
    meeting = node_a.create_meeting(room_mode="normal")
    patient = await SignalingClient.connect(node_b, meeting["roomUrl"])
    try:
        assert (await patient.join("Patient", meeting["roomUrl"]))["type"] == "joined"
        assert node_a.request("DELETE", f"/v1/meetings/{meeting['meetingId']}")[0] == 204
        assert (await patient.expect("meeting-ended", timeout=5))["type"] == "meeting-ended"
        late = await SignalingClient.connect(node_b, meeting["roomUrl"])
        assert (await late.join("Late", meeting["roomUrl"]))["code"] == "room_not_found"
        await late.close()
    finally:
        await patient.close()


async def test_a_host_lets_in_a_knocker_connected_to_the_other_node(
    cluster: list[FjordServer],
) -> None:
    """Behind a load balancer the host and a knocker land on different nodes half the time:
    the host's knock-accept found nobody knocking (unknown_knock) and the knocker waited."""
    node_a, node_b = cluster
    meeting = node_a.create_meeting(room_mode="normal", isLocked=True)
    host = await SignalingClient.connect(node_a, meeting["hostRoomUrl"])
    knocker = await SignalingClient.connect(node_b, meeting["roomUrl"])
    try:
        host_id = (await host.join("Host", meeting["hostRoomUrl"]))["selfId"]
        joined = await let_in(host, knocker, "Knocker", meeting["roomUrl"], timeout=5)
        assert [p["id"] for p in joined["participants"]] == [host_id]
    finally:
        await host.close()
        await knocker.close()


async def test_a_dropped_patient_comes_back_through_the_other_node_without_knocking(
    cluster: list[FjordServer],
) -> None:
    """A patient let into a locked room through node B loses its connection; its page
    reconnects through node A with joined.rejoinToken and is back in the room without the
    doctor letting it in again (docs/signaling.md, "Locked rooms and knocking")."""
    node_a, node_b = cluster
    meeting = node_a.create_meeting(room_mode="normal", isLocked=True)
    host = await SignalingClient.connect(node_a, meeting["hostRoomUrl"])
    patient = await SignalingClient.connect(node_b, meeting["roomUrl"])
    back = None
    try:
        await host.join("Doctor", meeting["hostRoomUrl"])
        token = (await let_in(host, patient, "Patient", meeting["roomUrl"],
                              timeout=5))["rejoinToken"]
        await patient.close()  # the connection drops: no leave
        await host.expect("participant-left", timeout=10)
        back = await SignalingClient.connect(node_a, meeting["roomUrl"])
        await back.send({"type": "join", "displayName": "Patient", "rejoinToken": token})
        joined = await back.recv()
        assert joined["type"] == "joined", joined
        entered = await host.expect("participant-joined", timeout=5)
        assert entered["participant"]["id"] == joined["selfId"]
    finally:
        for client in (host, patient, back):
            if client is not None:
                with contextlib.suppress(Exception):
                    await client.close()


async def test_a_half_open_rejoin_through_the_other_node_is_announced_once(
    cluster: list[FjordServer],
) -> None:
    """Tester finding: a participant of node B whose connection is half-open comes back
    through node A with its rejoinToken. A closed the old connection (4409) and told
    everyone participant-left, and so did B when that connection's session ended: the
    others saw the old participant leave twice. Now only the node where it came back does."""
    node_a, node_b = cluster
    meeting = node_a.create_meeting(room_mode="normal")
    host = await SignalingClient.connect(node_a, meeting["hostRoomUrl"])
    nurse = await SignalingClient.connect(node_b, meeting["roomUrl"])
    old = await SignalingClient.connect(node_b, meeting["roomUrl"])
    clients = [host, nurse, old]
    try:
        await host.join("Doctor", meeting["hostRoomUrl"])
        await nurse.join("Nurse", meeting["roomUrl"])
        joined = await old.join("Patient", meeting["roomUrl"])
        connections = node_b.metrics()["fjord_signaling_connections"]
        back = await SignalingClient.connect(node_a, meeting["roomUrl"])
        clients.append(back)
        await back.send({"type": "join", "displayName": "Patient",
                         "rejoinToken": joined["rejoinToken"]})
        assert (await back.recv())["type"] == "joined"
        with pytest.raises(websockets.ConnectionClosed) as closed:
            while True:
                await old.recv()
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4409
        assert await wait_until(  # node B's session of the old connection has ended
            lambda: node_b.metrics()["fjord_signaling_connections"] < connections, 15)
        # B relays in order: whatever its ended session sent comes before the nurse's chat
        await nurse.send({"type": "chat", "text": "after"})
        seen = []
        while not seen or seen[-1].get("text") != "after":
            seen.append(await host.recv())
        lefts = [msg for msg in seen if msg["type"] == "participant-left"]
        assert lefts == [{"type": "participant-left", "participantId": joined["selfId"]}], seen
    finally:
        for client in clients:
            with contextlib.suppress(Exception):
                await client.close()


async def test_a_participant_removed_by_a_host_of_the_other_node_knocks_to_come_back(
    cluster: list[FjordServer],
) -> None:
    """A host on node A removes a participant of node B from a locked room. Node B closed
    the socket on A's word before A's ``left`` reached it, so the session ended as a dropped
    connection and kept its readmission: the removed participant's page rejoined with its
    ``rejoinToken`` and was back in without knocking (on one node it knocks)."""
    node_a, node_b = cluster
    meeting = node_a.create_meeting(room_mode="normal", isLocked=True)
    host = await SignalingClient.connect(node_a, meeting["hostRoomUrl"])
    clients = [host]
    try:
        await host.join("Doctor", meeting["hostRoomUrl"])
        connections = node_b.metrics()["fjord_signaling_connections"]
        for attempt in range(3):  # it raced: once could pass by luck
            patient = await SignalingClient.connect(node_b, meeting["roomUrl"])
            clients.append(patient)
            joined = await let_in(host, patient, "Patient", meeting["roomUrl"], timeout=5)
            token = joined["rejoinToken"]
            await host.send({"type": "remove", "participantId": joined["selfId"]})
            await patient.expect("removed", timeout=5)
            await host.expect("participant-left", timeout=5)
            assert await wait_until(  # node B's session of the removed patient has ended
                lambda: node_b.metrics()["fjord_signaling_connections"] <= connections, 15)
            back = await SignalingClient.connect(node_a if attempt % 2 else node_b,
                                                 meeting["roomUrl"])
            clients.append(back)
            await back.send({"type": "join", "displayName": "Patient", "rejoinToken": token})
            reply = await back.recv()
            assert reply["type"] == "knock-pending", (attempt, reply)
            await back.close()
            await host.expect("knock-cancelled", timeout=5)
    finally:
        for client in clients:
            with contextlib.suppress(Exception):
                await client.close()


async def test_a_patient_whose_node_died_comes_back_without_knocking(
    cluster: list[FjordServer], tmp_path: Path,
) -> None:
    """The signaling node of a patient let into a locked room dies (kill -9). Its page
    reconnects through another node half a second later with its rejoinToken, long before
    the dead node's heartbeat expired, and again after that: it knocked both times (a dead
    node keeps no readmission, and its entry was still in the room), and the doctor had to
    let it in again. It now comes back at once, once."""
    node_a, node_b = cluster
    env = fjord_env(node_a.data_dir, FJORD_NODE_ID="sig-c", **{
        k: v for k, v in node_a.env.items()
        if k in ("FJORD_REDIS_URL", "FJORD_NODE_HEARTBEAT_INTERVAL", "FJORD_NODE_TTL")})
    meeting = node_a.create_meeting(room_mode="normal", isLocked=True)
    host = await SignalingClient.connect(node_a, meeting["hostRoomUrl"])
    clients = [host]
    try:
        await host.join("Doctor", meeting["hostRoomUrl"])
        for reaped in (False, True):  # the page comes back before the reap, and after it
            node_c = start_server("signaling", env, tmp_path / f"sig-c-{reaped}.log",
                                  node_a.api_key)
            try:
                patient = await SignalingClient.connect(node_c, meeting["roomUrl"])
                clients.append(patient)
                first = await let_in(host, patient, "Patient", meeting["roomUrl"], timeout=5)
                token = first["rejoinToken"]
            finally:
                node_c.process.kill()
                node_c.process.wait()
            if reaped:
                left = await host.expect("participant-left", timeout=15)
                assert left["participantId"] == first["selfId"]
            back = await SignalingClient.connect(node_b, meeting["roomUrl"])
            clients.append(back)
            await back.send({"type": "join", "displayName": "Patient", "rejoinToken": token})
            joined = await back.recv()
            assert joined["type"] == "joined", (reaped, joined)
            # not its old connection's place
            assert [p["displayName"] for p in joined["participants"]] == ["Doctor"], joined
            told = {}
            while len(told) < (1 if reaped else 2):
                # the dead node's place goes as the new connection takes it (its heartbeat
                # not expired yet), or once it expired; in either order with the join
                message = await host.recv(timeout=15)
                if message["type"] in ("participant-joined", "participant-left"):
                    told[message["type"]] = message
            assert told["participant-joined"]["participant"]["id"] == joined["selfId"]
            if not reaped:
                assert told["participant-left"]["participantId"] == first["selfId"]
            again = await SignalingClient.connect(node_a, meeting["roomUrl"])
            clients.append(again)
            await again.send({"type": "join", "displayName": "Patient", "rejoinToken": token})
            assert (await again.recv())["type"] == "knock-pending"  # once
            await again.close()
            await host.expect("knock-cancelled", timeout=5)
            await back.send({"type": "leave"})
            await host.expect("participant-left", timeout=5)
    finally:
        for client in clients:
            with contextlib.suppress(Exception):
                await client.close()


async def test_a_local_recording_is_shown_to_late_joiners_of_the_other_node(
    cluster: list[FjordServer],
) -> None:
    """A host records in its browser on node A: someone joining on node B was told
    ``recording: false`` (node B kept no record of it) and saw no indicator."""
    node_a, node_b = cluster
    meeting = node_a.create_meeting(room_mode="normal", recording={
        "type": "local", "startTrigger": "none", "destination": None})
    host = await SignalingClient.connect(node_a, meeting["hostRoomUrl"])
    clients = [host]
    try:
        await host.join("Host", meeting["hostRoomUrl"])
        await host.send({"type": "local-recording", "active": True})
        assert (await host.expect("recording-status"))["status"] == "recording"
        for node in (node_b, node_a):
            late = await SignalingClient.connect(node, meeting["roomUrl"])
            clients.append(late)
            assert (await late.join("Late", meeting["roomUrl"]))["recording"] is True
        await host.send({"type": "local-recording", "active": False})
        assert (await clients[1].expect("recording-status", timeout=5))["status"] == "stopped"
        after = await SignalingClient.connect(node_b, meeting["roomUrl"])
        clients.append(after)
        assert (await after.join("After", meeting["roomUrl"]))["recording"] is False
    finally:
        for client in clients:
            await client.close()


async def test_room_size_limit_holds_across_nodes(cluster: list[FjordServer]) -> None:
    node_a, node_b = cluster
    url = node_a.create_meeting(room_mode="normal")["roomUrl"]
    clients = []
    try:
        for i in range(4):
            client = await SignalingClient.connect(cluster[i % 2], url)
            clients.append(client)
            assert (await client.join(f"P{i}", url))["type"] == "joined"
        assert len(clients[-1].joined["participants"]) == 3
        for node in (node_a, node_b):
            fifth = await SignalingClient.connect(node, url)
            clients.append(fifth)
            reply = await fifth.join("P5", url)
            assert (reply["type"], reply.get("code")) == ("error", "room_full")
    finally:
        for client in clients:
            with contextlib.suppress(Exception):
                await client.close()


async def test_a_room_running_on_one_node_keeps_its_encryption_on_the_other(
        cluster: list[FjordServer]) -> None:
    """The organization turns end-to-end encryption on while a group room runs on node A.
    A browser that opened the room through node B was told an end-to-end encrypted room and
    joined with its key: node B's copy of the room became end-to-end encrypted while A's
    was not, and the two halves could not decode each other. The room keeps what it started
    with on every node (its next session takes the setting: tests/ops/test_room_bus.py):
    such a join is refused as on one node (e2ee_unavailable), and a join without a key gets
    the room as it runs. Node B, which holds none of the room's people, serves the room's
    page and its meeting as the room runs too (a page marked end-to-end encrypted would
    be refused at its join), and as the setting says once the room has emptied."""
    node_a, node_b = cluster
    meeting = node_a.create_meeting(room_mode="group")
    url = meeting["roomUrl"]

    def told(node: FjordServer) -> tuple[str, bool, bool]:
        """(the page's data-e2ee, GET /v1/meetings/{id}'s, the list's endToEndEncryption)"""
        page = urllib.request.urlopen(node.base_url + meeting["roomName"],
                                      context=node.ssl_context(), timeout=10).read().decode()
        _, one = node.request("GET", f"/v1/meetings/{meeting['meetingId']}")
        _, listed = node.request("GET", "/v1/meetings?limit=100")
        [mine] = [m for m in listed["results"] if m["meetingId"] == meeting["meetingId"]]
        return (re.search(r'data-e2ee="(\w+)"', page)[1], one["endToEndEncryption"],
                mine["endToEndEncryption"])

    clients = [await SignalingClient.connect(node_a, url)]
    try:
        assert (await clients[0].join("Host", url))["endToEndEncryption"] is False
        status, _ = node_a.request("PATCH", "/v1/admin/privacy", {"endToEndEncryption": True})
        assert status == 200
        assert told(node_a) == told(node_b) == ("off", False, False)
        keyed = await SignalingClient.connect(node_b, url)
        clients.append(keyed)
        await keyed.send({"type": "join", "displayName": "Keyed", "e2eePublicKey": "A" * 43})
        reply = await keyed.recv()
        assert (reply["type"], reply.get("code")) == ("error", "e2ee_unavailable")
        plain = await SignalingClient.connect(node_b, url)
        clients.append(plain)
        joined = await plain.join("Plain", url)
        assert (joined["type"], joined.get("endToEndEncryption")) == ("joined", False), joined
        assert [p["displayName"] for p in joined["participants"]] == ["Host"]
        for client in clients:
            await client.close()
        deadline = asyncio.get_running_loop().time() + 10
        while told(node_b) != ("on", True, True):  # the room emptied: the setting applies
            assert asyncio.get_running_loop().time() < deadline, told(node_b)
            await asyncio.sleep(0.2)
    finally:
        for client in clients:
            with contextlib.suppress(Exception):
                await client.close()
        node_a.request("PATCH", "/v1/admin/privacy", {"endToEndEncryption": False})


async def test_fjord_serve_with_redis_runs_sfu_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import start_fjord
    from tests.ops.conftest import RedisServer

    monkeypatch.setattr(aioice.ice, "get_host_addresses", lambda use_ipv4, use_ipv6:
                        ["127.0.0.1"])
    # a Redis of its own: a deployment of another data dir than the cluster's above
    redis = RedisServer(tmp_path / "redis")
    redis.directory.mkdir()
    redis.start()
    redis_url = redis.url
    server = start_fjord(tmp_path / "data", tmp_path / "serve.log", FJORD_REDIS_URL=redis_url,
                         FJORD_SFU_WORKERS="1", FJORD_NODE_ID="serve-node")
    try:
        from redis.asyncio import Redis

        from cluster.registry import NodeRegistry

        client = Redis.from_url(redis_url)
        try:
            nodes = [n.node_id for n in await NodeRegistry(client, 4).nodes()]
        finally:
            await client.aclose()
        assert "serve-node-w0" in nodes
        meeting = server.create_meeting(room_mode="group")
        url = meeting["roomUrl"]
        pub = GroupPeer(await SignalingClient.connect(server, url))
        sub = GroupPeer(await SignalingClient.connect(server, url))
        task = None
        try:
            await sub.client.join("S", url)
            task = asyncio.create_task(sub.serve_signaling())
            await pub.client.join("P", url)
            await pub.publish()
            assert await wait_until(lambda: sub.frames.get("video", 0) >= 5, timeout=30)
        finally:
            if task is not None:
                task.cancel()
            await pub.close()
            await sub.close()
    finally:
        stop_fjord(server)
        redis.stop()
