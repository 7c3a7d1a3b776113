"""A participant back through a new connection before the server noticed that its old one
dropped (a half-open socket after a network change), into a room at its cap: the old
connection's place is its own (docs/signaling.md, "Locked rooms and knocking")."""

from __future__ import annotations

import contextlib

import pytest
import websockets

from signaling.rooms import REPLACED_CLOSE, RoomFull, RoomRegistry
from tests.conftest import FjordServer
from tests.features.room_fakes import FakeConn, meeting_record
from tests.signaling_client import SignalingClient


@pytest.mark.parametrize("locked", [False, True])
async def test_a_half_open_participant_takes_its_own_place_in_a_full_room(locked: bool) -> None:
    """A normal room holds 4, the half-open connection counted: the page back with its
    rejoinToken got ``room_full``. It now replaces the old connection (closed 4409), once,
    and the room still holds 4; someone else, or a spent token, is still refused."""
    rooms = RoomRegistry(4, 200)
    meeting = meeting_record("normal", locked=locked)
    room, _, _ = rooms.join(meeting, "Host", "host", FakeConn())
    old_conn = FakeConn()
    _, old, admitted = rooms.join(meeting, "Guest", "participant", old_conn,
                                  next_rejoin_token="token-1")
    if not admitted:
        assert rooms.admit(room, old.id) is not None
    for name in ("C", "D"):
        rooms.join(meeting, name, "host", FakeConn())
    assert len(room.participants) == 4
    with pytest.raises(RoomFull):
        rooms.join(meeting, "Stranger", "participant", FakeConn(), rejoin_token="made-up")
    _, back, admitted = rooms.join(meeting, "Guest", "participant", FakeConn(),
                                   rejoin_token="token-1", next_rejoin_token="token-2")
    assert admitted and back.id in room.participants and old.id not in room.participants
    assert old_conn.closed is not None and old_conn.closed[0] == REPLACED_CLOSE
    assert len(room.participants) == 4
    with pytest.raises(RoomFull):  # once: the token is spent
        rooms.join(meeting, "Guest", "participant", FakeConn(), rejoin_token="token-1")


async def test_a_half_open_page_rejoins_a_full_room(fjord_server: FjordServer) -> None:
    """Over the WebSocket API of a real server: four in a normal room, one of them back
    through a new socket while its old one is still open, is ``joined`` (the others see it
    leave and come back), not ``room_full``."""
    meeting = fjord_server.create_meeting("normal")
    clients = []
    try:
        for name in ("A", "B", "C", "Guest"):
            client = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
            clients.append(client)
            joined = await client.join(name, meeting["roomUrl"])
            assert joined["type"] == "joined", joined
        first, guest = clients[0], clients[-1]
        token, guest_id = joined["rejoinToken"], joined["selfId"]
        back = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
        clients.append(back)
        await back.send({"type": "join", "displayName": "Guest", "rejoinToken": token})
        reply = await back.recv()
        assert reply["type"] == "joined", reply
        assert sorted(p["displayName"] for p in reply["participants"]) == ["A", "B", "C"]
        assert (await first.expect("participant-left"))["participantId"] == guest_id
        assert (await first.expect("participant-joined"))["participant"]["id"] == reply["selfId"]
        with pytest.raises(websockets.ConnectionClosed) as closed:
            while True:
                await guest.recv()
        assert closed.value.rcvd.code == REPLACED_CLOSE
    finally:
        for client in clients:
            with contextlib.suppress(Exception):  # the replaced one is closed already
                await client.close()

