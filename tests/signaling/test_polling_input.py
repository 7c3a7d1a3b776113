"""Long-polling ``send`` bodies that are not JSON get 400, as WebSocket frames get bad_json."""

from __future__ import annotations

import httpx
import pytest

from tests.signaling.test_api import create


@pytest.mark.parametrize("body", [
    b'{"messages": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}",
    b'{"messages": [{"type": "ping", "x": ' + b'{"a": ' * 5_000 + b"1" + b"}" * 5_001 + b"]}",
    b'{"messages": [{"type": "ping"}',
])
async def test_a_malformed_send_body_is_a_400_and_the_session_goes_on(
        client: httpx.AsyncClient, body: bytes) -> None:
    room = (await create(client)).json()["roomName"].strip("/")
    session = (await client.post(f"/v1/rooms/{room}/poll")).json()["sessionId"]
    send = f"/v1/rooms/{room}/poll/{session}/send"
    resp = await client.post(send, content=body, headers={"Content-Type": "application/json"})
    assert resp.status_code == 400
    assert resp.json() == {"error": "request body is not valid JSON"}
    assert (await client.post(send, json={"messages": [{"type": "ping"}]})).status_code == 202
    got = await client.get(f"/v1/rooms/{room}/poll/{session}", params={"cursor": 0})
    assert got.json()["messages"] == [{"type": "pong"}]
