"""The SFU control API over Redis: wire codec, node registry, placement, drain, node loss,
and media through a remote worker (real redis-server, aiortc peers, loopback only)."""

from __future__ import annotations

import asyncio
import json
import sys

import pytest

sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent.parent / "sfu"))

from sfu_clients import Publisher, Subscriber, loopback_only  # noqa: E402

from cluster.placement import NoCapacity, NodeLoad  # noqa: E402
from cluster.registry import NodeRegistry  # noqa: E402
from sfu import control  # noqa: E402
from sfu.control import SfuConfig  # noqa: E402
from sfu.errors import NegotiationError, RoomFullError, SfuError  # noqa: E402
from sfu.worker import SfuWorker  # noqa: E402
from sfu_control import wire  # noqa: E402
from sfu_control.node import SfuNode  # noqa: E402
from sfu_control.remote import ClusterSfu, NodeUnavailable  # noqa: E402
from tests.conftest import wait_until  # noqa: E402


@pytest.mark.parametrize("request_", [
    control.JoinRequest("r", "p"), control.PublishRequest("r", "p", "v=0\r\n"),
    control.SubscribeOfferRequest("r", "p"), control.SubscribeAnswerRequest("r", "p", "sdp"),
    control.LeaveRequest("r", "p"),
])
def test_wire_round_trips_every_request(request_: object) -> None:
    data = wire.encode_request("id1", "fjord:sig:n", request_)
    assert wire.decode_request(data) == ("id1", "fjord:sig:n", request_)


def test_wire_responses_errors_and_events() -> None:
    data = wire.encode_response("a", "subscribe_offer", control.SubscribeOfferResponse(None))
    assert wire.decode_response(data, "subscribe_offer") == (
        "a", control.SubscribeOfferResponse(None))
    assert wire.response_id(data) == "a"
    with pytest.raises(RoomFullError, match="full"):
        wire.decode_response(wire.encode_error("b", RoomFullError("room is full")),
                                 "join")
    hidden = wire.encode_error("c", KeyError("secret internals"))
    with pytest.raises(SfuError, match="internal SFU error"):
        wire.decode_response(hidden, "join")
    event = wire.encode_event("transport_closed", "r", "p", "dtls-failed")
    assert wire.decode_event(event) == wire.Event("transport_closed", "r", "p", "dtls-failed")
    assert wire.response_id(event) is None
    encodings = (("q", True), ("h", True), ("f", False))
    event = wire.encode_event("send_encodings", "r", "p", mid="0", encodings=encodings)
    assert wire.decode_event(event) == wire.Event("send_encodings", "r", "p", mid="0",
                                                  encodings=encodings)


@pytest.mark.parametrize("fields", [
    {},  # no mid nor encodings
    {"mid": "0", "encodings": []},
    {"mid": "", "encodings": [["q", True]]},
    {"mid": "0", "encodings": [["q", "yes"]]},
    {"mid": "0", "encodings": [["q", True, 1]]},
    {"mid": "0", "encodings": [["q", True]] * 4},
    {"mid": "0", "encodings": [["x" * 65, True]]},
    {"mid": 0, "encodings": [["q", True]]},
])
def test_wire_rejects_malformed_send_encodings(fields: dict) -> None:
    data = json.dumps({"event": "send_encodings", "room_id": "r", "participant_id": "p",
                       "reason": "", "participant_ids": [], **fields})
    with pytest.raises(wire.WireError):
        wire.decode_event(data)


@pytest.mark.parametrize("data", [
    b"", b"[]", b"{", b'{"id": "x", "reply": "y", "op": "explode"}',
    b'{"id": "x", "reply": "y", "op": "join", "room_id": "r"}',
    b'{"id": "x", "reply": "y", "op": "join", "room_id": 1, "participant_id": "p"}',
    b'{"id": "x", "reply": "y", "op": "publish", "room_id": "r", "participant_id": "p", '
    b'"offer_sdp": null}',
    b"x" * (wire.MAX_MESSAGE_BYTES + 1),
])
def test_wire_rejects_malformed_requests(data: bytes) -> None:
    with pytest.raises(wire.WireError):
        wire.decode_request(data)


async def test_registry_heartbeat_expires_and_pending_placements_spread(redis) -> None:  # noqa: ANN001
    registry = NodeRegistry(redis, ttl=0.5)
    await registry.heartbeat(NodeLoad("n1", capacity=10))
    await registry.heartbeat(NodeLoad("n2", capacity=10))
    assert [n.node_id for n in await registry.nodes()] == ["n1", "n2"]
    # four rooms placed within one heartbeat interval spread over both nodes
    placed = [(await registry.place_room(f"room{i}"))[0] for i in range(4)]
    assert sorted(placed) == ["n1", "n1", "n2", "n2"]
    await asyncio.sleep(0.7)
    assert await registry.nodes() == []


async def test_placement_is_sticky_and_moves_off_a_dead_node(redis) -> None:  # noqa: ANN001
    registry = NodeRegistry(redis, ttl=0.5)
    await registry.heartbeat(NodeLoad("a", capacity=10))
    assert await registry.place_room("room") == ("a", False)
    await registry.heartbeat(NodeLoad("b", capacity=10))
    assert await registry.place_room("room") == ("a", False)  # sticky
    await asyncio.sleep(0.6)  # a has not beaten for over its TTL: dead
    await registry.heartbeat(NodeLoad("b", capacity=10))  # b beat just now: alive
    assert await registry.place_room("room") == ("b", True)
    await registry.release_room("room", "a")  # stale owner: no effect
    assert await registry.room_node("room") == "b"
    await registry.release_room("room", "b")
    assert await registry.room_node("room") is None


async def drain_cli(redis, *args: str):  # noqa: ANN001, ANN201
    """Run ``fjord sfu drain *args`` against the ``redis`` fixture's server; the click
    result (exit code and output)."""
    from click.testing import CliRunner

    from fjord.cli import main

    url = redis.connection_pool.connection_kwargs
    redis_url = f"redis://{url['host']}:{url['port']}/{url.get('db', 0)}"
    return await asyncio.to_thread(
        CliRunner().invoke, main, ["sfu", "drain", *args, "--redis-url", redis_url])


async def test_drain_refuses_new_placements_and_keeps_rooms(redis) -> None:  # noqa: ANN001
    registry = NodeRegistry(redis, ttl=5)
    for name in ("host-w0", "host-w1"):
        await registry.heartbeat(NodeLoad(name, capacity=10))
    assert await registry.place_room("old") == ("host-w0", False)
    result = await drain_cli(redis, "--node", "host-w0", "--no-wait")
    assert result.exit_code == 0, result.output
    assert "draining 1 node(s): host-w0" in result.output
    assert {(await registry.place_room(f"new{i}"))[0] for i in range(3)} == {"host-w1"}
    assert await registry.place_room("old") == ("host-w0", False)
    await registry.set_draining("host-w1")
    with pytest.raises(NoCapacity):
        await registry.place_room("one-more")
    # The default node id is <hostname>-<pid>: the operator who typed the host's name was
    # told no node has it, and not which do.
    result = await drain_cli(redis, "--node", "nobody", "--no-wait")
    assert result.exit_code == 1
    assert "no live SFU node named 'nobody' (live: host-w0, host-w1)" in result.output


async def test_a_drain_that_times_out_says_so(redis) -> None:  # noqa: ANN001
    """``--timeout`` ran out with "1 room(s) still open" and exit status 1, without saying
    the wait had ended nor what to do next."""
    registry = NodeRegistry(redis, ttl=30)
    await registry.heartbeat(NodeLoad("slow-w0", rooms=1, capacity=10))
    result = await drain_cli(redis, "--node", "slow", "--timeout", "0.5")
    assert result.exit_code == 1, result.output
    last = result.output.splitlines()[-1]
    assert last.startswith("fjord: timed out after 0.5 s: 1 room(s) still open on slow-w0"), last
    assert "stay drained" in last and "--node slow --timeout" in last
    assert "stop the host anyway" in last
    assert (await registry.heartbeat(NodeLoad("slow-w0", rooms=1, capacity=10))).draining


async def test_a_drained_host_started_again_takes_rooms(redis) -> None:  # noqa: ANN001
    """docs/operations.md, Upgrades: drain a host, wait, upgrade and start it, next host.
    The drain was of the process that stopped: the host's next process takes rooms again,
    or a rolling upgrade ends with every host drained. A supervisor restarting its own
    crashed worker keeps the host's drain."""
    from cluster.registry import new_epoch

    registry = NodeRegistry(redis, ttl=5)
    old = new_epoch()
    await registry.claim("host-w0", old)
    await registry.heartbeat(NodeLoad("host-w0", capacity=10), old)
    result = await drain_cli(redis, "--node", "host", "--no-wait")
    assert result.exit_code == 0, result.output
    restarted = new_epoch()
    await registry.claim("host-w0", restarted, previous=old)  # its supervisor's restart
    assert (await registry.heartbeat(NodeLoad("host-w0", capacity=10), restarted)).draining
    with pytest.raises(NoCapacity):
        await registry.place_room("during-drain")
    await registry.remove("host-w0", restarted)  # the host stops cleanly, is upgraded
    upgraded = new_epoch()
    await registry.claim("host-w0", upgraded)
    assert not (await registry.heartbeat(NodeLoad("host-w0", capacity=10), upgraded)).draining
    assert await registry.place_room("after-upgrade") == ("host-w0", False)


class Events:
    """An SfuListener that records what the cluster client reports."""

    def __init__(self) -> None:
        self.renegotiations: list[tuple[str, str]] = []
        self.closed: list[tuple[str, str, str]] = []
        self.encodings: list[tuple[str, str, str, tuple]] = []
        self.paused: list[tuple[str, str, tuple[str, ...], str]] = []

    def renegotiation_needed(self, room_id: str, participant_id: str) -> None:
        self.renegotiations.append((room_id, participant_id))

    def transport_closed(self, room_id: str, participant_id: str, reason: str) -> None:
        self.closed.append((room_id, participant_id, reason))

    def send_encodings(self, room_id: str, participant_id: str, mid: str,
                       encodings: tuple[tuple[str, bool], ...]) -> None:
        self.encodings.append((room_id, participant_id, mid, encodings))

    def video_paused(self, room_id: str, participant_id: str, publishers: tuple[str, ...],
                     reason: str = "last_n") -> None:
        self.paused.append((room_id, participant_id, publishers, reason))


async def start_node(redis, name: str, ttl: float = 2.0) -> tuple[SfuWorker, SfuNode]:  # noqa: ANN001
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0))
    await worker.start()
    node = SfuNode(worker, redis, NodeRegistry(redis, ttl), name, capacity=50, interval=0.2)
    await node.start()
    return worker, node


async def test_remote_worker_forwards_video_between_aiortc_peers(
    redis, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    loopback_only(monkeypatch)
    worker, node = await start_node(redis, "media-w0")
    cluster = ClusterSfu(redis, NodeRegistry(redis, 2.0), "sig-a", timeout=5)
    events = Events()
    cluster.listener = events
    await cluster.start()
    publisher = Publisher(cluster, "room-media", "alice")
    subscriber = Subscriber(cluster, "room-media", "bob")
    try:
        await subscriber.join()
        await publisher.start()  # a new producer: the worker asks to renegotiate bob
        assert await wait_until(lambda: ("room-media", "bob") in events.renegotiations, 15)
        assert await wait_until(lambda: len(worker.rooms["room-media"].participants) == 2, 15)
        assert await subscriber.negotiate()
        assert await wait_until(lambda: subscriber.frames["video"] >= 10, 15)
        assert subscriber.frames["audio"] > 0
        # Dynacast reaches the publisher's signaling node (here the only one) over Redis.
        encodings = (("q", True), ("h", False))
        worker.listener.send_encodings("room-media", "alice", "0", encodings)
        assert await wait_until(lambda: events.encodings == [
            ("room-media", "alice", "0", encodings)], 15)
        # So do the cameras held back from a subscriber, with the reason.
        worker.listener.video_paused("room-media", "bob", ("alice",), "bandwidth")
        worker.listener.video_paused("room-media", "bob", ("alice",), "last_n")
        assert await wait_until(lambda: events.paused == [
            ("room-media", "bob", ("alice",), "bandwidth"),
            ("room-media", "bob", ("alice",), "last_n")], 15)
        with pytest.raises(NegotiationError):
            await cluster.publish("room-media", "alice", "not sdp")
    finally:
        await subscriber.stop()
        await publisher.stop()
        await cluster.leave("room-media", "alice")
        await cluster.leave("room-media", "bob")
        await cluster.close()
        await node.close()
        await worker.close()
    assert worker.forwarded_packets > 0


async def test_lost_node_is_reported_and_room_replaced(redis) -> None:  # noqa: ANN001
    worker_a, node_a = await start_node(redis, "lost-w0", ttl=1.0)
    cluster = ClusterSfu(redis, NodeRegistry(redis, 1.0), "sig-b", timeout=2,
                         watch_interval=0.2)
    events = Events()
    cluster.listener = events
    await cluster.start()
    worker_b = node_b = None
    try:
        await cluster.join("room-x", "p1")
        assert "room-x" in worker_a.rooms
        worker_b, node_b = await start_node(redis, "lost-w1", ttl=1.0)
        # node a stops answering and heartbeating without a goodbye (a crash)
        for task in node_a._running:
            task.cancel()
        loop = asyncio.get_running_loop()
        started = loop.time()
        assert await wait_until(lambda: events.closed, 10)
        assert events.closed == [("room-x", "p1", "node-lost")]
        assert loop.time() - started < 10
        await cluster.join("room-x", "p1")  # the client rejoins
        assert "room-x" in worker_b.rooms
        assert await NodeRegistry(redis, 1.0).room_node("room-x") == "lost-w1"
        with pytest.raises(NodeUnavailable):
            await cluster._call("lost-w0", control.JoinRequest("room-y", "p2"))
    finally:
        await cluster.close()
        await node_a.close()
        await worker_a.close()
        if node_b is not None and worker_b is not None:
            await node_b.close()
            await worker_b.close()
