"""Long-polling's HTTP input: a session needs an existing meeting; ``send`` bodies that are
not JSON get 400 (as WebSocket frames get bad_json), those of another Content-Type 415,
unknown fields 400, and one message may be as large as a WebSocket frame."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from fjord.settings_loading import load_settings
from signaling.app import create_app
from signaling.context import SignalingContext
from tests.signaling.test_api import create

TOO_DEEP = "request body nests arrays and objects too deeply to parse"


@pytest.mark.parametrize(("body", "error"), [
    # valid JSON, but deeper than the parser follows: not called invalid
    (b'{"messages": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}", TOO_DEEP),
    (b'{"messages": [{"type": "ping", "x": ' + b'{"a": ' * 5_000 + b"1" + b"}" * 5_001 + b"]}",
     TOO_DEEP),
    (b'{"messages": [{"type": "ping"}', "request body is not valid JSON"),
])
async def test_a_malformed_send_body_is_a_400_and_the_session_goes_on(
        client: httpx.AsyncClient, body: bytes, error: str) -> None:
    room = (await create(client)).json()["roomName"].strip("/")
    session = (await client.post(f"/v1/rooms/{room}/poll")).json()["sessionId"]
    send = f"/v1/rooms/{room}/poll/{session}/send"
    resp = await client.post(send, content=body, headers={"Content-Type": "application/json"})
    assert resp.status_code == 400
    assert resp.json() == {"error": error}
    assert (await client.post(send, json={"messages": [{"type": "ping"}]})).status_code == 202
    got = await client.get(f"/v1/rooms/{room}/poll/{session}", params={"cursor": 0})
    assert got.json()["messages"] == [{"type": "pong"}]


async def test_a_message_that_is_not_an_object_is_told_so(client: httpx.AsyncClient) -> None:
    """null, true or a number in ``messages`` is valid JSON that is not a message: the
    error says that, not "not valid JSON"."""
    room = (await create(client)).json()["roomName"].strip("/")
    session = (await client.post(f"/v1/rooms/{room}/poll")).json()["sessionId"]
    batch = {"messages": [None, True, 1.5, [1], {"type": "ping"}]}
    resp = await client.post(f"/v1/rooms/{room}/poll/{session}/send", json=batch)
    assert resp.status_code == 202
    got = (await client.get(f"/v1/rooms/{room}/poll/{session}", params={"cursor": 0})).json()
    assert got["messages"] == [
        *[{"type": "error", "code": "bad_json", "message": "message must be a JSON object"}] * 4,
        {"type": "pong"}]


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded"])
async def test_polling_send_without_a_json_content_type_is_415(
    client: httpx.AsyncClient, content_type: str | None
) -> None:
    """As every other /v1 body (docs/api.md): a send without Content-Type: application/json
    is refused, not handled (it was a 202 and its messages ran)."""
    room = (await create(client)).json()["roomName"].strip("/")
    session = (await client.post(f"/v1/rooms/{room}/poll")).json()["sessionId"]
    headers = {"Content-Type": content_type} if content_type else {}
    resp = await client.post(f"/v1/rooms/{room}/poll/{session}/send",
                             content=b'{"messages": [{"type": "ping"}]}', headers=headers)
    assert resp.status_code == 415
    assert resp.json() == {"error": "the request body must be JSON with Content-Type: "
                                    "application/json"}
    # The refused ping was not handled: the next one gets the only pong.
    assert (await client.post(f"/v1/rooms/{room}/poll/{session}/send",
                              json={"messages": [{"type": "ping"}]})).status_code == 202
    got = await client.get(f"/v1/rooms/{room}/poll/{session}", params={"cursor": 0})
    assert got.json()["messages"] == [{"type": "pong"}]


async def test_a_repeated_key_is_refused_in_a_send_body_and_in_a_message(
        client: httpx.AsyncClient) -> None:
    """Tester finding: a repeated key took its last value silently. In the body it is a 400
    (nothing of the batch runs); in a message sent as a string, that message's error."""
    room = (await create(client)).json()["roomName"].strip("/")
    session = (await client.post(f"/v1/rooms/{room}/poll")).json()["sessionId"]
    send = f"/v1/rooms/{room}/poll/{session}/send"
    resp = await client.post(send, content=b'{"messages": [{"type": "ping", "type": "leave"}]}',
                             headers={"Content-Type": "application/json"})
    assert resp.status_code == 400
    assert resp.json() == {
        "error": "messages.0.type: given more than once in one object; send it once"}
    batch = {"messages": ['{"type": "ping", "type": "leave"}', {"type": "ping"}]}
    assert (await client.post(send, json=batch)).status_code == 202
    got = await client.get(f"/v1/rooms/{room}/poll/{session}", params={"cursor": 0})
    assert got.json()["messages"] == [
        {"type": "error", "code": "bad_json",
         "message": "type: given more than once in one object; send it once"},
        {"type": "pong"}]


async def test_a_parameter_the_polling_requests_do_not_take_is_400(
        client: httpx.AsyncClient) -> None:
    """Tester finding: ``?curser=1`` (misspelt) was ignored, so the poll answered from cursor
    0, while the REST API refuses a parameter it does not take, naming it."""
    room = (await create(client)).json()["roomName"].strip("/")
    opened = await client.post(f"/v1/rooms/{room}/poll", params={"sessionId": "x"})
    assert opened.status_code == 400
    assert opened.json() == {"error": "sessionId: unknown query parameter (this endpoint takes "
                                      "none)"}
    session = (await client.post(f"/v1/rooms/{room}/poll")).json()["sessionId"]
    send = await client.post(f"/v1/rooms/{room}/poll/{session}/send", params={"cursor": 0},
                             json={"messages": [{"type": "ping"}]})
    assert send.status_code == 400 and send.json()["error"].startswith("cursor: unknown")
    got = await client.get(f"/v1/rooms/{room}/poll/{session}", params={"curser": 1})
    assert got.status_code == 400
    assert got.json() == {"error": "curser: unknown query parameter (this endpoint takes "
                                   "cursor)"}
    assert (await client.post(f"/v1/rooms/{room}/poll/{session}/send",
                              json={"messages": [{"type": "ping"}]})).status_code == 202
    assert (await client.get(f"/v1/rooms/{room}/poll/{session}",
                             params={"cursor": 0})).json()["messages"] == [{"type": "pong"}]


async def test_a_body_sent_to_open_a_session_is_400(client: httpx.AsyncClient) -> None:
    """Opening a session takes no body: a join sent there was dropped without a word."""
    room = (await create(client)).json()["roomName"].strip("/")
    resp = await client.post(f"/v1/rooms/{room}/poll",
                             json={"type": "join", "displayName": "Ada"})
    assert resp.status_code == 400
    assert resp.json() == {"error": "request body: this endpoint takes none"}
    assert (await client.post(f"/v1/rooms/{room}/poll")).status_code == 201


async def test_one_address_opens_at_most_its_share_of_polling_sessions(
        tmp_path: Path, ctx: SignalingContext, api_key: str) -> None:
    """A polling session holds no connection, so the per-address connection cap
    (``http_max_connections_per_ip``) did not bound it: one address could take all of a
    node's polling sessions and every other browser behind a proxy that blocks WebSockets
    got 503s. It opens that many at most (429 past it); other addresses go on."""
    ctx.settings = load_settings(data_dir=str(tmp_path), public_url="https://meet.example.test",
                                 http_max_connections_per_ip=3)
    app = create_app(ctx)
    headers = {"Authorization": f"Bearer {api_key}"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="https://testserver", headers=headers) as one, \
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=("127.0.0.2", 1)),
                              base_url="https://testserver", headers=headers) as other:
        room = (await create(one)).json()["roomName"].strip("/")
        opened = [await one.post(f"/v1/rooms/{room}/poll") for _ in range(3)]
        assert [r.status_code for r in opened] == [201] * 3
        refused = await one.post(f"/v1/rooms/{room}/poll")
        assert refused.status_code == 429
        assert refused.json() == {"error": "this address has 3 polling sessions open, as many "
                                  "as it may: close one (or let it time out) first"}
        assert (await other.post(f"/v1/rooms/{room}/poll")).status_code == 201
        # the open ones are served as before
        session = opened[0].json()["sessionId"]
        sent = await one.post(f"/v1/rooms/{room}/poll/{session}/send",
                              json={"messages": [{"type": "ping"}]})
        assert sent.status_code == 202


async def test_polling_session_needs_an_existing_meeting(client: httpx.AsyncClient) -> None:
    resp = await client.post("/v1/rooms/no-such-room/poll")
    assert resp.status_code == 404
    assert resp.json() == {"error": "no meeting with this room name"}
    room = (await create(client)).json()["roomName"].strip("/")
    assert (await client.post(f"/v1/rooms/{room}/poll")).status_code == 201


async def test_polling_send_refuses_unknown_fields(client: httpx.AsyncClient) -> None:
    room = (await create(client)).json()["roomName"].strip("/")
    session = (await client.post(f"/v1/rooms/{room}/poll")).json()["sessionId"]
    resp = await client.post(f"/v1/rooms/{room}/poll/{session}/send",
                             json={"messages": [{"type": "leave"}], "extra": True})
    assert resp.status_code == 400
    assert resp.json() == {"error": "invalid field extra: extra inputs are not permitted"}


async def test_polling_send_takes_a_message_as_large_as_a_websocket_frame(
    client: httpx.AsyncClient,
) -> None:
    """A large group room's subscribe-answer goes through long-polling too: the send body
    may hold one message of up to ws_max_message_bytes (docs/signaling.md), 413 beyond."""
    room = (await create(client)).json()["roomName"].strip("/")
    session = (await client.post(f"/v1/rooms/{room}/poll")).json()["sessionId"]
    big = {"type": "join", "displayName": "x" * 300_000}
    resp = await client.post(f"/v1/rooms/{room}/poll/{session}/send", json={"messages": [big]})
    assert resp.status_code == 202
    received = (await client.get(f"/v1/rooms/{room}/poll/{session}", params={"cursor": 0}))
    assert [m["code"] for m in received.json()["messages"] if m["type"] == "error"] == [
        "bad_message"]  # read and judged (the name is too long), not refused unread
    too_big = {"messages": [{"type": "join", "displayName": "x" * (2_097_152 + 65_536)}]}
    resp = await client.post(f"/v1/rooms/{room}/poll/{session}/send", json=too_big)
    assert resp.status_code == 413 and resp.json() == {"error": "request body too large"}


async def test_a_room_name_in_capitals_polls_the_room(client: httpx.AsyncClient) -> None:
    """As the room page and the WebSocket take it: room names are lowercase, so a name in
    capitals opens, feeds and reads a session of its room."""
    room = (await create(client)).json()["roomName"].strip("/")
    shouted = room.upper()
    opened = await client.post(f"/v1/rooms/{shouted}/poll")
    assert opened.status_code == 201, opened.text
    session = opened.json()["sessionId"]
    join = {"type": "join", "displayName": "Poller"}
    sent = await client.post(f"/v1/rooms/{room.capitalize()}/poll/{session}/send",
                             json={"messages": [join]})
    assert sent.status_code == 202, sent.text
    got = await client.get(f"/v1/rooms/{shouted}/poll/{session}", params={"cursor": 0})
    assert got.status_code == 200, got.text
    assert got.json()["messages"][0]["roomName"] == room
