"""Signaling over HTTPS long-polling against a real ``fjord serve``: the same messages and
room keys as the WebSocket, resumable by cursor, bounded, and mixed with WebSocket peers."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from tests.conftest import FjordServer
from tests.signaling_client import SignalingClient, room_key


def poll_base(server: FjordServer, room_url: str) -> str:
    return f"{server.base_url}/v1/rooms/{urlsplit(room_url).path.strip('/')}/poll"


async def test_polling_session_joins_relays_and_resumes(fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting("normal")
    ws_peer = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    assert (await ws_peer.join("Sokrates", meeting["roomUrl"]))["type"] == "joined"
    base = poll_base(fjord_server, meeting["hostRoomUrl"])
    async with httpx.AsyncClient(verify=fjord_server.ssl_context(), timeout=30) as http:
        opened = (await http.post(base)).json()
        session = f"{base}/{opened['sessionId']}"
        join = {"type": "join", "displayName": "Poller",
                "roomKey": room_key(meeting["hostRoomUrl"])}
        assert (await http.post(f"{session}/send", json={"messages": [join]})).status_code == 202
        got = (await http.get(session, params={"cursor": 0})).json()
        joined = got["messages"][0]
        assert joined["type"] == "joined" and joined["role"] == "host"
        # The response was "lost": asking with the same cursor gives the same messages.
        again = (await http.get(session, params={"cursor": 0})).json()
        assert again["messages"] == got["messages"] and again["cursor"] == got["cursor"]

        # Relay both ways with the WebSocket participant.
        ws_id = joined["participants"][0]["id"]
        offer = {"type": "offer", "to": ws_id, "sdp": "v=0 poll"}
        bad = {"type": "chat"}
        await http.post(f"{session}/send", json={"messages": [offer, bad]})
        assert (await ws_peer.expect("offer"))["from"] == joined["selfId"]
        await ws_peer.send({"type": "answer", "to": joined["selfId"], "sdp": "v=0 ws"})
        cursor, seen = got["cursor"], []
        while "answer" not in seen:
            page = (await http.get(session, params={"cursor": cursor})).json()
            cursor = page["cursor"]
            seen += [msg.get("code", msg["type"]) for msg in page["messages"]]
        assert seen == ["bad_message", "answer"]

        # Limits and errors: too many messages per request, unknown session, bad cursor.
        many = {"messages": [{"type": "ping"}] * 21}
        assert (await http.post(f"{session}/send", json=many)).status_code == 400
        assert (await http.get(f"{base}/nope", params={"cursor": 0})).status_code == 404
        assert (await http.get(session, params={"cursor": 10_000})).status_code == 400

        await http.post(f"{session}/send", json={"messages": [{"type": "leave"}]})
        assert (await ws_peer.expect("participant-left"))["participantId"] == joined["selfId"]
        final = (await http.get(session, params={"cursor": cursor})).json()
        assert final["closed"] == {"code": 1000, "reason": "bye"}
    await ws_peer.close()
