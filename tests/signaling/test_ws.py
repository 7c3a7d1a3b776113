"""WebSocket signaling against a real ``fjord serve``: joins, relay, limits, bad input."""

from __future__ import annotations

import asyncio
import contextlib
import json
import random

import pytest
import websockets

from tests.conftest import FjordServer
from tests.signaling_client import SignalingClient, room_key, ws_url


async def joined_pair(server: FjordServer) -> tuple[SignalingClient, SignalingClient, dict]:
    meeting = server.create_meeting()
    a = await SignalingClient.connect(server, meeting["roomUrl"])
    assert (await a.join("Ada", meeting["roomUrl"]))["type"] == "joined"
    b = await SignalingClient.connect(server, meeting["roomUrl"])
    assert (await b.join("Bo", meeting["roomUrl"]))["type"] == "joined"
    return a, b, meeting


async def test_join_relay_and_leave(fjord_server: FjordServer) -> None:
    a, b, _ = await joined_pair(fjord_server)
    assert b.joined["topology"] == "p2p"
    assert [p["displayName"] for p in b.joined["participants"]] == ["Ada"]
    turn = b.joined["iceServers"][0]
    assert turn["username"].endswith(":" + b.joined["selfId"])
    assert any(u.startswith("turn:") for u in turn["urls"])
    seen = await a.expect("participant-joined")
    assert seen["participant"]["id"] == b.joined["selfId"]

    await b.send({"type": "offer", "to": a.joined["selfId"], "sdp": "v=0 fake"})
    offer = await a.expect("offer")
    assert offer == {"type": "offer", "from": b.joined["selfId"], "sdp": "v=0 fake"}
    await a.send({"type": "candidate", "to": b.joined["selfId"],
                  "candidate": {"candidate": "candidate:1 1 udp 1 127.0.0.1 9 typ host",
                                "sdpMid": "0", "sdpMLineIndex": 0}})
    assert (await b.expect("candidate"))["from"] == a.joined["selfId"]

    await b.send({"type": "leave"})
    left = await a.expect("participant-left")
    assert left["participantId"] == b.joined["selfId"]
    await a.close()


async def test_host_role_comes_from_the_room_key_only(fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting()
    host = await SignalingClient.connect(fjord_server, meeting["hostRoomUrl"])
    assert (await host.join("Host", meeting["hostRoomUrl"]))["role"] == "host"
    plain = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    await plain.send({"type": "join", "displayName": "Eve", "role": "host"})
    assert (await plain.recv())["code"] == "bad_message"
    assert (await plain.join("Eve", meeting["roomUrl"]))["role"] == "participant"
    await host.close()
    await plain.close()


async def test_foreign_or_forged_room_key_is_refused(fjord_server: FjordServer) -> None:
    one, other = fjord_server.create_meeting(), fjord_server.create_meeting()
    client = await SignalingClient.connect(fjord_server, one["roomUrl"])
    foreign_key = other["hostRoomUrl"].split("roomKey=")[1]
    await client.send({"type": "join", "displayName": "X", "roomKey": foreign_key})
    assert (await client.recv())["code"] == "invalid_room_key"


async def test_fifth_participant_gets_room_full(fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting()
    clients = []
    for name in "ABCD":
        c = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
        assert (await c.join(name, meeting["roomUrl"]))["type"] == "joined"
        clients.append(c)
    fifth = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    reply = await fifth.join("E", meeting["roomUrl"])
    assert reply == {"type": "error", "code": "room_full", "message": "this room is full"}
    for c in clients:
        await c.close()


async def test_unknown_room_and_deleted_meeting(fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting()
    bogus = meeting["roomUrl"].rsplit("/", 1)[0] + "/no-such-room"
    c = await SignalingClient.connect(fjord_server, bogus)
    assert (await c.join("A", bogus))["code"] == "room_not_found"

    inside = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    await inside.join("A", meeting["roomUrl"])
    status, _ = fjord_server.request("DELETE", f"/v1/meetings/{meeting['meetingId']}")
    assert status == 204
    assert (await inside.expect("meeting-ended"))["type"] == "meeting-ended"


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("{not json", "bad_json"),
        ("[1, 2]", "bad_json"),
        ('{"type": "dance"}', "unknown_type"),
        ('{"displayName": "A"}', "unknown_type"),
        ('{"type": "join", "displayName": ""}', "bad_message"),
        ('{"type": "offer", "to": "x", "sdp": "v=0"}', "not_joined"),
        (json.dumps({"type": "join", "displayName": "A" * 200}), "bad_message"),
        # an empty room key joined as a participant, not as the host its sender meant
        ('{"type": "join", "displayName": "A", "roomKey": ""}', "bad_message"),
        ("x" * 2_100_000, "too_large"),
    ],
)
async def test_malformed_messages_get_errors(
    fjord_server: FjordServer, frame: str, code: str
) -> None:
    meeting = fjord_server.create_meeting()
    c = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    await c.send(frame)
    assert (await c.recv())["code"] == code
    assert (await c.join("Still here", meeting["roomUrl"]))["type"] == "joined"
    await c.close()


async def test_a_frame_nested_too_deeply_is_told_so(fjord_server: FjordServer) -> None:
    """5,000 nested arrays are valid JSON the parser does not follow: the error says that."""
    meeting = fjord_server.create_meeting()
    c = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    await c.send('{"type": "ping", "x": ' + "[" * 5_000 + "]" * 5_000 + "}")
    assert await c.recv() == {"type": "error", "code": "bad_json",
                              "message": "message nests arrays and objects too deeply to parse"}
    assert (await c.join("Still here", meeting["roomUrl"]))["type"] == "joined"
    await c.close()


async def test_a_message_that_repeats_a_key_is_refused_naming_it(
        fjord_server: FjordServer) -> None:
    """Tester finding: ``{"type": "join", ..., "displayName": "A", "displayName": "B"}``
    joined as B: the last value was taken without a word."""
    meeting = fjord_server.create_meeting()
    c = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    await c.send('{"type": "ping", "x": {"a": 1, "a": 2}}')
    assert await c.recv() == {"type": "error", "code": "bad_json",
                              "message": "x.a: given more than once in one object; send it once"}
    assert (await c.join("Still here", meeting["roomUrl"]))["type"] == "joined"
    await c.close()


async def test_a_query_parameter_on_the_socket_url_is_refused_naming_it(
        fjord_server: FjordServer) -> None:
    """Tester finding: ``.../ws?roomKey=<host key>`` (the key where hostRoomUrl carries it)
    was ignored, and a join without the key in ``join`` entered as a participant, not a
    host, without a word."""
    meeting = fjord_server.create_meeting()
    key = room_key(meeting["hostRoomUrl"])
    url = ws_url(fjord_server, meeting["roomUrl"]) + f"?roomKey={key}"
    async with websockets.connect(url, ssl=fjord_server.ssl_context()) as ws:
        assert json.loads(await asyncio.wait_for(ws.recv(), 10)) == {
            "type": "error", "code": "bad_message",
            "message": "roomKey: unknown query parameter (the WebSocket URL takes none; a "
                       "room key goes in join)"}
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), 10)
        assert closed.value.rcvd.code == 1008


@pytest.mark.parametrize("room", ["%2F{room}", "{room}%2Fextra", "a%2fb", "a/b"])
async def test_a_room_name_with_a_slash_is_refused_naming_it(fjord_server: FjordServer,
                                                             room: str) -> None:
    """Tester finding: ``/v1/rooms/%2F<room>/ws`` (Whereby's roomName, ``/<room>``, encoded
    whole) got a bare 403 without a word from the server: no route matched the decoded
    path. It is refused as a query parameter on the socket URL is: an error naming
    ``roomName``, then close 1008 with a reason."""
    meeting = fjord_server.create_meeting()
    name = meeting["roomName"].strip("/")
    url = ws_url(fjord_server, meeting["roomUrl"]).replace(f"/{name}/", "/" + room.format(
        room=name) + "/")
    async with websockets.connect(url, ssl=fjord_server.ssl_context()) as ws:
        assert json.loads(await asyncio.wait_for(ws.recv(), 10)) == {
            "type": "error", "code": "bad_message",
            "message": 'roomName: has a "/" (perhaps sent as %2F); the WebSocket URL is '
                       '/v1/rooms/{roomName without "/"}/ws'}
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), 10)
        assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (1008, "bad room name")


async def test_an_empty_room_name_is_refused_naming_it(fjord_server: FjordServer) -> None:
    url = fjord_server.base_url.replace("https://", "wss://") + "/v1/rooms//ws"
    async with websockets.connect(url, ssl=fjord_server.ssl_context()) as ws:
        assert json.loads(await asyncio.wait_for(ws.recv(), 10))["message"] == (
            'roomName: empty; the WebSocket URL is /v1/rooms/{roomName without "/"}/ws')
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), 10)
        assert closed.value.rcvd.code == 1008


@pytest.mark.parametrize("path", ["/v1/nothing/ws", "/ws", "/v1/rooms/x/ws/more"])
async def test_a_websocket_to_a_path_without_one_gets_a_json_404(fjord_server: FjordServer,
                                                                 path: str) -> None:
    """As HTTP requests to an unknown path do, rather than a bare 403 with no body."""
    url = fjord_server.base_url.replace("https://", "wss://") + path
    with pytest.raises(websockets.InvalidStatus) as refused:
        await websockets.connect(url, ssl=fjord_server.ssl_context())
    response = refused.value.response
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/json"
    assert json.loads(response.body) == {
        "error": "no WebSocket at this path (signaling: /v1/rooms/{roomName}/ws)"}


async def test_messages_to_strangers_and_wrong_topology(fjord_server: FjordServer) -> None:
    a, b, _ = await joined_pair(fjord_server)
    await a.send({"type": "offer", "to": "p_nobody", "sdp": "v=0"})
    assert (await a.expect("error"))["code"] == "unknown_peer"
    await a.send({"type": "publish", "sdp": "v=0"})
    assert (await a.expect("error"))["code"] == "wrong_topology"
    # a candidate for someone who just left crossed participant-left: dropped, no error
    b_id = b.joined["selfId"]
    await b.close()
    assert (await a.expect("participant-left"))["participantId"] == b_id
    await a.send({"type": "candidate", "to": b_id, "candidate": None})
    await a.send({"type": "ping"})
    while (reply := await a.recv())["type"] != "pong":
        assert reply["type"] != "error", reply
    await a.send({"type": "offer", "to": "p_nobody", "sdp": "v=0"})
    assert (await a.expect("error"))["code"] == "unknown_peer"
    await a.close()


async def test_flood_is_rate_limited(fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting()
    c = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    await c.join("A", meeting["roomUrl"])
    for _ in range(150):
        await c.send({"type": "ping"})
    kinds = set()
    for _ in range(120):
        kinds.add((await c.recv())["type"])
        if "error" in kinds:
            break
    assert "error" in kinds
    await c.close()


async def test_flood_at_16x_the_rate_gets_one_error_and_close_1008(
    fjord_server: FjordServer,
) -> None:
    """docs/signaling.md: excess messages get one ``rate_limited``; a connection flooding
    above 10x the rate (50 messages/s by default) is closed with 1008. Sent at 16x, paced."""
    meeting = fjord_server.create_meeting()
    c = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    await c.join("Flood", meeting["roomUrl"])
    errors: list[str] = []

    async def read() -> int | None:
        try:
            while True:
                message = await c.recv(timeout=5)
                if message["type"] == "error":
                    errors.append(message["code"])
        except websockets.ConnectionClosed as exc:
            return exc.rcvd.code if exc.rcvd else None
        except TimeoutError:
            return None

    reader = asyncio.create_task(read())
    loop = asyncio.get_running_loop()
    start = loop.time()
    sent = 0
    with contextlib.suppress(websockets.ConnectionClosed):
        while not reader.done() and loop.time() - start < 20:
            due = int((loop.time() - start) * 16 * 50)  # 16x the default 50 messages/s
            for _ in range(due - sent):
                await c.send({"type": "ping"})
            sent = max(sent, due)
            await asyncio.sleep(0.02)
    code = await reader  # the close code, or None after 5 s without one
    assert code == 1008, f"not closed after {sent} messages; {len(errors)} errors"
    assert errors == ["rate_limited"]
    # Others are still served.
    other = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    assert (await other.join("Calm", meeting["roomUrl"]))["type"] == "joined"
    await other.close()


async def test_random_garbage_leaves_the_server_serving(fjord_server: FjordServer) -> None:
    """Acceptance: 100 random/malformed WS messages and REST bodies, then valid requests work."""
    rng = random.Random(1234)
    meeting = fjord_server.create_meeting()
    a, b, _ = await joined_pair(fjord_server)
    fuzz = SignalingClient(None)
    for i in range(100):
        if fuzz.ws is None or i % 20 == 0:
            fuzz = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
        kind = rng.choice(["bytes", "json", "text"])
        if kind == "bytes":
            await fuzz.send(rng.randbytes(rng.randint(0, 300)))
        elif kind == "json":
            await fuzz.send(json.dumps({"type": rng.choice(["join", "offer", "candidate", 7]),
                                        "displayName": rng.choice([None, 5, "x" * 150, "ok"]),
                                        "to": rng.choice([[], "p_1", None])}))
        else:
            await fuzz.send("".join(chr(rng.randint(1, 0x2FFF)) for _ in range(50)))
        status, body = fjord_server.request(
            "POST", "/v1/meetings",
            rng.choice([{"endDate": rng.random()}, [], "x", {"roomMode": None}, None]),
            retry_rate_limited=False,
        )
        assert status in (400, 415, 422, 429), body
    # Others were unaffected and the server still serves valid requests.
    await a.send({"type": "offer", "to": b.joined["selfId"], "sdp": "v=0 after fuzz"})
    assert (await b.expect("offer"))["sdp"] == "v=0 after fuzz"
    assert fjord_server.create_meeting()["roomUrl"]
    await a.close()
    await b.close()


@pytest.mark.parametrize(
    "frame",
    [
        "[" * 60_000,  # nesting deeper than any JSON parser follows
        json.dumps({"type": "join", "displayName": "   "}),
        json.dumps({"type": "join", "displayName": "Ada\u202eevil"}),
        json.dumps({"type": "join", "displayName": "nul\u0000"}),
        '{"type": "join", "displayName": "half \\ud83d"}',
        # Nothing visible: zero-width space, joiners, word joiner, BOM, spaces, filler.
        json.dumps({"type": "join", "displayName": "\u200b"}),
        json.dumps({"type": "join", "displayName": "\u200b\u200c\u200d\u2060\ufeff"}),
        json.dumps({"type": "join", "displayName": " \u200b\u3000\u00a0\u3164 "}),
    ],
)
async def test_hostile_frames_get_an_error_and_the_socket_stays(
    fjord_server: FjordServer, frame: str
) -> None:
    meeting = fjord_server.create_meeting()
    c = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    await c.send(frame)
    assert (await c.recv())["code"] in ("bad_json", "bad_message")
    assert (await c.join("Ada \U0001f469\u200d\U0001f4bb", meeting["roomUrl"]))["type"] == "joined"
    await c.close()


@pytest.mark.parametrize("char", list("$!<>:;"))
async def test_a_name_with_whereby_code_characters_is_refused(
    fjord_server: FjordServer, char: str
) -> None:
    """Whereby's displayName rule: none of ``$!<>:;``, so markup never reaches a customer's
    page or webhook receiver in a name. The error names the field and the characters."""
    meeting = fjord_server.create_meeting()
    c = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    await c.send({"type": "join", "displayName": f"Ada{char}Lee"})
    refused = await c.recv()
    assert refused["code"] == "bad_message", refused
    assert "displayName" in refused["message"] and "$!<>:;" in refused["message"], refused
    assert (await c.join("Ada Lee", meeting["roomUrl"]))["type"] == "joined"
    await c.close()


async def test_publish_offers_are_bounded_in_size_and_rate(fjord_server: FjordServer) -> None:
    """A publish offer is parsed by the SFU (about 45 ms per MiB): 20 connections sending
    1 MiB offers within their message limit once held the event loop, which signaling,
    TURN and the SFU share, 0.8 s of every second. A publish offer holds at most 128 KiB
    (bad_message beyond), and one participant may publish once a second with a burst of
    two: the next one gets one rate_limited, the ones after it are dropped silently."""
    meeting = fjord_server.create_meeting("group")
    c = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    assert (await c.join("Pub", meeting["roomUrl"]))["topology"] == "sfu"
    await c.send({"type": "publish", "sdp": "v=0\r\n" + "a=x\r\n" * 30_000})
    refused = await c.expect("error")
    assert (refused["code"], refused["message"]) == (
        "bad_message", "invalid field sdp: String should have at most 131072 characters")
    for _ in range(5):
        await c.send({"type": "publish", "sdp": "v=0\r\n"})
    await c.send({"type": "ping"})
    errors = []
    while (reply := await c.recv())["type"] != "pong":
        errors.append(reply["code"])
    assert errors == ["sfu_error", "sfu_error", "rate_limited"]
    await c.close()


async def test_screen_share_toggles_are_rate_limited(fjord_server: FjordServer) -> None:
    """Every ``screen-share`` goes to everyone in the room, whose pages redraw for it: at the
    connection's 50 messages/s one participant had the server send 50 a second to each of
    up to 200 others. A participant may send 2 a second (burst 4): the fifth of a burst gets
    one rate_limited and reaches nobody, nor do the ones after it."""
    a, b, _ = await joined_pair(fjord_server)
    for index in range(8):
        await a.send({"type": "screen-share", "active": index % 2 == 0})
    await a.send({"type": "ping"})
    assert (await a.expect("error"))["code"] == "rate_limited"
    await a.expect("pong")
    await b.send({"type": "ping"})
    seen = []
    while (message := await b.recv())["type"] != "pong":
        if message["type"] == "screen-share":
            seen.append(message["active"])
    assert seen == [True, False, True, False]
    await a.close()
    await b.close()


async def test_repeated_refused_host_actions_log_one_warning(
    fjord_server: FjordServer,
) -> None:
    """Each host action refused to a participant wrote a warning line: a client sending
    them at its message rate from many connections filled the logs. The first refusal of a
    session is logged, every one is answered ``forbidden`` and counted."""
    a, b, meeting = await joined_pair(fjord_server)
    for _ in range(20):
        await a.send({"type": "mute", "participantId": b.joined["selfId"]})
    for _ in range(20):
        assert (await a.expect("error"))["code"] == "forbidden"
    room = meeting["roomName"].lstrip("/")
    refusals = [line for line in fjord_server.log_path.read_text().splitlines()
                if "refused host action" in line and room in line]
    assert len(refusals) == 1, refusals
    await a.close()
    await b.close()


async def test_frame_size_limits_as_documented(fjord_server: FjordServer) -> None:
    """docs/signaling.md "Limits": over 2 MiB up to 4 MiB -> too_large, dropped, socket
    stays; sdp over 1,048,576 characters -> bad_message, up to it relayed; over 4 MiB ->
    close 1009."""
    a, b, _ = await joined_pair(fjord_server)
    await a.send("x" * 3_000_000)
    assert (await a.expect("error"))["code"] == "too_large"
    await a.send({"type": "offer", "to": b.joined["selfId"], "sdp": "v" * 1_048_577})
    assert (await a.expect("error"))["code"] == "bad_message"
    # A group room's subscribe-answer is this large (docs/signaling.md): relayed whole.
    await a.send({"type": "offer", "to": b.joined["selfId"], "sdp": "v" * 1_048_576})
    assert len((await b.expect("offer"))["sdp"]) == 1_048_576
    await a.send({"type": "ping"})
    assert (await a.expect("pong"))["type"] == "pong"
    with pytest.raises(websockets.ConnectionClosed) as closed:
        await a.send("x" * 5 * 1024 * 1024)
        await a.recv(timeout=5)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
    await b.close()


async def test_pings_do_not_extend_the_join_window(fjord_server: FjordServer) -> None:
    """docs/signaling.md: the first message must be ``join`` within 10 s of opening, or the
    connection is closed with 4408; a client pinging every second without joining too."""
    meeting = fjord_server.create_meeting()
    c = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    loop = asyncio.get_running_loop()
    opened = loop.time()
    with pytest.raises(websockets.ConnectionClosed) as closed:
        while loop.time() - opened < 40:
            await c.send({"type": "ping"})
            assert (await c.recv(timeout=15))["type"] == "pong"
            await asyncio.sleep(1.0)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4408
    assert loop.time() - opened >= 9.5


async def test_a_server_bug_closes_the_socket_with_1011(monkeypatch: pytest.MonkeyPatch) -> None:
    """A handler that raises (a bug) ends the connection with 1011 (RFC 6455 section 7.4.1:
    the server met an unexpected condition), not 1000, so a client and its logs can tell a
    server fault from a normal close; the exception still reaches the server's log."""
    from types import SimpleNamespace

    from signaling import ws as ws_module

    class BuggySession:
        joined = False

        def __init__(self, *_: object) -> None:
            pass

        async def handle(self, msg: object) -> bool:
            raise RuntimeError("a bug")

        def error(self, code: str, message: str) -> None:
            raise AssertionError(f"no protocol error expected: {code}")

        async def close(self) -> None:
            pass

    class FakeSocket:
        query_params: dict[str, str] = {}

        def __init__(self) -> None:
            self.frames = [{"type": "websocket.receive",
                            "text": json.dumps({"type": "join", "displayName": "Ada"})}]
            self.closed: tuple[int, str] | None = None

        async def accept(self) -> None:
            pass

        async def receive(self) -> dict:
            return self.frames.pop(0)

        async def send_text(self, text: str) -> None:
            pass

        async def close(self, code: int, reason: str) -> None:
            self.closed = (code, reason)

    monkeypatch.setattr(ws_module, "Session", BuggySession)
    socket = FakeSocket()
    ctx = SimpleNamespace(settings=SimpleNamespace(ws_messages_per_second=50.0,
                                                   ws_max_message_bytes=65536))
    with pytest.raises(RuntimeError, match="a bug"):
        await ws_module.room_socket(socket, "room", ctx, "127.0.0.1")  # type: ignore[arg-type]
    assert socket.closed == (1011, "internal error")


async def test_relays_to_one_participant_have_a_budget(fjord_server: FjordServer) -> None:
    """One participant could queue about 3 MiB/s of large offers for a peer (within its own
    connection's limit) until the server closed the peer as too slow: what is relayed to one
    participant is limited to 64 KiB/s after a burst of one largest offer; the excess is
    refused to its sender by name, and other recipients have budgets of their own."""
    from sfu.sdp.limits import MAX_SDP_LENGTH

    a, b, meeting = await joined_pair(fjord_server)
    c = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    assert (await c.join("Cy", meeting["roomUrl"]))["type"] == "joined"
    # Short lines: in JSON each CRLF takes 4 characters, and the budget once counted those,
    # so that an offer of the largest size with short lines could never be relayed.
    large = "v=0\r\n" + "a=x\r\n" * 209_000
    assert MAX_SDP_LENGTH - 5_000 < len(large) <= MAX_SDP_LENGTH

    await a.send({"type": "offer", "to": b.joined["selfId"], "sdp": large})
    await a.send({"type": "offer", "to": b.joined["selfId"], "sdp": large})
    refused = await a.expect("error")
    assert refused["code"] == "rate_limited"
    assert refused["message"].startswith("offer not relayed")
    candidate = {"candidate": "candidate:1 1 udp 1 127.0.0.1 9 typ host", "sdpMid": "0",
                 "sdpMLineIndex": 0}
    await a.send({"type": "candidate", "to": b.joined["selfId"], "candidate": candidate})
    await a.send({"type": "offer", "to": c.joined["selfId"], "sdp": large})
    assert (await c.expect("offer"))["sdp"] == large

    await b.send({"type": "ping"})
    relayed = []
    while (message := await b.recv())["type"] != "pong":
        if message["type"] in ("offer", "candidate"):
            relayed.append(message)
    assert [m["type"] for m in relayed] == ["offer", "candidate"]  # not the second offer
    assert relayed[0]["sdp"] == large
    assert relayed[1]["candidate"] == {**candidate, "usernameFragment": None}
    for client in (a, b, c):
        await client.close()


async def test_a_room_name_in_capitals_joins_the_room(fjord_server: FjordServer) -> None:
    """Tester finding: ``/v1/rooms/My-Room/ws`` got ``room_not_found`` while the room page
    ``/My-Room`` redirects to ``/my-room``: room names are lowercase, and a name typed or
    capitalised on its way reaches its room on the WebSocket too (no redirect there: a
    browser's WebSocket follows none). ``joined.roomName`` is the room's own name."""
    meeting = fjord_server.create_meeting()
    room = meeting["roomName"].strip("/")
    first = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    assert (await first.join("Ada", meeting["roomUrl"]))["type"] == "joined"
    shouted = meeting["roomUrl"].replace(room, room.upper())
    assert shouted != meeting["roomUrl"]
    c = await SignalingClient.connect(fjord_server, shouted)
    joined = await c.join("Bo", shouted)
    assert joined["type"] == "joined", joined
    assert joined["roomName"] == room
    assert [p["displayName"] for p in joined["participants"]] == ["Ada"]
    await c.close()
    await first.close()
