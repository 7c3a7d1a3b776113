"""Roles, knocking, host controls and chat over the WebSocket API of a real ``fjord serve``
(issue 6, acceptance 1 and 2, protocol side): every host action is authorized server-side."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import websockets

from tests.conftest import FjordServer, wait_until
from tests.signaling_client import SignalingClient, let_in


async def enter(server: FjordServer, url: str, name: str) -> SignalingClient:
    client = await SignalingClient.connect(server, url)
    reply = await client.join(name, url)
    assert reply["type"] == "joined", reply
    return client


async def test_knock_hold_then_accept(fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting("normal", isLocked=True)
    host = await enter(fjord_server, meeting["hostRoomUrl"], "Host")
    assert host.joined["locked"] is True and host.joined["knocks"] == []

    guest = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    pending = await guest.join("Guest", meeting["roomUrl"])
    assert pending["type"] == "knock-pending"
    knock = await host.expect("knock")
    assert knock["participant"] == {"id": pending["selfId"], "displayName": "Guest"}

    # While knocking the guest can do nothing but wait.
    await guest.send({"type": "chat", "text": "let me in"})
    assert (await guest.expect("error"))["code"] == "not_joined"

    await host.send({"type": "knock-hold", "participantId": pending["selfId"],
                     "message": "One minute please"})
    assert (await guest.expect("knock-held"))["message"] == "One minute please"
    await host.send({"type": "knock-accept", "participantId": pending["selfId"]})
    joined = await guest.expect("joined")
    assert joined["selfId"] == pending["selfId"] and joined["role"] == "participant"
    assert [p["displayName"] for p in joined["participants"]] == ["Host"]
    assert (await host.expect("participant-joined"))["participant"]["id"] == pending["selfId"]
    await host.close()
    await guest.close()


async def test_knock_rejected_and_viewer_or_host_enter_directly(
    fjord_server: FjordServer,
) -> None:
    meeting = fjord_server.create_meeting("group", isLocked=True)
    host = await enter(fjord_server, meeting["hostRoomUrl"], "Host")
    viewer = await enter(fjord_server, meeting["viewerRoomUrl"], "Viewer")
    assert viewer.joined["role"] == "viewer"

    guest = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    assert (await guest.join("Guest", meeting["roomUrl"]))["type"] == "knock-pending"
    knock = await host.expect("knock")
    await host.send({"type": "knock-reject", "participantId": knock["participant"]["id"],
                     "message": "Not today"})
    assert (await guest.expect("knock-rejected"))["message"] == "Not today"
    assert (await host.expect("knock-cancelled"))["participantId"] == knock["participant"]["id"]
    await host.close()
    await viewer.close()


async def test_one_address_cannot_fill_the_waiting_places(tmp_path: Path) -> None:
    """A locked room's 50 waiting places went to whoever knocked: one address knocking 50
    times shut every other guest out (room_full) and flooded the hosts with knocks. Now an
    address holds ``max_knocks_per_ip`` of them (2 here): one more knock from it is refused
    by name, a guest from another address still knocks, and an answered knock gives its
    place back."""
    from tests.conftest import start_fjord, stop_fjord

    server = start_fjord(tmp_path / "data", tmp_path / "fjord.log", FJORD_MAX_KNOCKS_PER_IP="2")
    try:
        meeting = server.create_meeting("normal", isLocked=True)
        url = meeting["roomUrl"]
        host = await enter(server, meeting["hostRoomUrl"], "Host")
        knockers = [await SignalingClient.connect(server, url) for _ in range(3)]
        pending = [await knocker.join(f"Guest{i}", url) for i, knocker in enumerate(knockers[:2])]
        assert [p["type"] for p in pending] == ["knock-pending"] * 2
        refused = await knockers[2].join("Guest2", url)
        assert (refused["type"], refused["code"]) == ("error", "too_many_knocks"), refused
        assert "2 " in refused["message"]
        other = await SignalingClient.connect(server, url, source="127.0.0.2")
        assert (await other.join("Elsewhere", url))["type"] == "knock-pending"
        await host.send({"type": "knock-reject", "participantId": pending[0]["selfId"]})
        assert (await knockers[0].expect("knock-rejected"))["type"] == "knock-rejected"
        again = await SignalingClient.connect(server, url)
        assert (await again.join("Guest3", url))["type"] == "knock-pending"
        assert [k["participant"]["displayName"] for k in
                [await host.expect("knock") for _ in range(3)]] == ["Guest0", "Guest1",
                                                                     "Elsewhere"]
    finally:
        # In a thread, as in test_ended_meeting_stays_ended_after_a_restart: the clients
        # still connected must answer the server's close.
        await asyncio.to_thread(stop_fjord, server)


async def test_forged_host_actions_are_refused(fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting("normal")
    host = await enter(fjord_server, meeting["hostRoomUrl"], "Host")
    eve = await enter(fjord_server, meeting["roomUrl"], "Eve")
    host_id = host.joined["selfId"]
    for action in (
        {"type": "mute", "participantId": host_id},
        {"type": "remove", "participantId": host_id},
        {"type": "end-meeting"},
        {"type": "lock", "locked": True},
        {"type": "knock-accept", "participantId": host_id},
        {"type": "chat-delete", "messageId": "m_1"},
    ):
        await eve.send(action)
        error = await eve.expect("error")
        assert error["code"] == "forbidden", action
    # Nothing happened: the host is still in, unmuted, and the room unlocked.
    await host.send({"type": "ping"})
    seen = []
    while (kind := (await host.recv())["type"]) != "pong":
        seen.append(kind)
    assert seen == ["participant-joined"]
    other = await enter(fjord_server, meeting["roomUrl"], "Other")
    assert other.joined["locked"] is False
    for c in (host, eve, other):
        await c.close()


async def test_viewer_cannot_publish(fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting("group")
    viewer = await enter(fjord_server, meeting["viewerRoomUrl"], "Viewer")
    await viewer.send({"type": "publish", "sdp": "v=0\r\n"})
    assert (await viewer.expect("error"))["code"] == "forbidden"
    await viewer.close()


async def test_mute_remove_lock_and_end(fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting("normal")
    host = await enter(fjord_server, meeting["hostRoomUrl"], "Host")
    ada = await enter(fjord_server, meeting["roomUrl"], "Ada")
    bo = await enter(fjord_server, meeting["roomUrl"], "Bo")
    ada_id, bo_id = ada.joined["selfId"], bo.joined["selfId"]

    await host.send({"type": "mute", "participantId": ada_id})
    assert (await ada.expect("muted"))["by"] == host.joined["selfId"]

    await host.send({"type": "remove", "participantId": bo_id})
    assert (await bo.expect("removed"))["by"] == host.joined["selfId"]
    assert (await ada.expect("participant-left"))["participantId"] == bo_id

    await host.send({"type": "lock", "locked": True})
    assert (await ada.expect("room-locked"))["locked"] is True
    late = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    assert (await late.join("Late", meeting["roomUrl"]))["type"] == "knock-pending"
    await host.send({"type": "lock", "locked": False})  # unlocking lets the knockers in
    assert (await late.expect("joined"))["locked"] is False

    await host.send({"type": "end-meeting"})
    for client in (host, ada, late):
        assert (await client.expect("meeting-ended"))["type"] == "meeting-ended"
    again = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    assert (await again.join("Again", meeting["roomUrl"]))["code"] == "meeting_ended"


async def test_a_hosts_lock_outlives_the_room_emptying(fjord_server: FjordServer) -> None:
    """A host who locked the room and left (or whose page reloaded while alone) finds it
    still locked: the next participant knocks rather than walks in; an unlock is kept too."""
    meeting = fjord_server.create_meeting("normal")
    host = await enter(fjord_server, meeting["hostRoomUrl"], "Host")
    await host.send({"type": "lock", "locked": True})
    assert (await host.expect("room-locked"))["locked"] is True
    await host.close()
    assert fjord_server.request("GET", f"/v1/meetings/{meeting['meetingId']}")[1]["isLocked"]
    guest = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    assert (await guest.join("Guest", meeting["roomUrl"]))["type"] == "knock-pending"
    await guest.close()

    host = await enter(fjord_server, meeting["hostRoomUrl"], "Host")
    assert host.joined["locked"] is True
    await host.send({"type": "lock", "locked": False})
    assert (await host.expect("room-locked"))["locked"] is False
    await host.close()
    assert not fjord_server.request("GET", f"/v1/meetings/{meeting['meetingId']}")[1]["isLocked"]
    guest = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    assert (await guest.join("Guest", meeting["roomUrl"]))["type"] == "joined"
    await guest.close()


async def test_chat_relay_limits_and_delete(fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting("normal")
    host = await enter(fjord_server, meeting["hostRoomUrl"], "Host")
    ada = await enter(fjord_server, meeting["roomUrl"], "Ada")
    assert ada.joined["chatEnabled"] is True

    await ada.send({"type": "chat", "text": "hello there"})
    got = [await c.expect("chat") for c in (host, ada)]
    assert got[0] == got[1]
    assert got[0]["text"] == "hello there" and got[0]["from"] == ada.joined["selfId"]
    assert got[0]["displayName"] == "Ada"

    await ada.send({"type": "chat", "text": "x" * 2001})
    assert (await ada.expect("error"))["code"] == "bad_message"
    # an override that makes "txt.exe" read as "exe.txt", a NUL, a blank message
    for text in ("see \u202etxt.exe", "a\x00b", " \n "):
        await ada.send({"type": "chat", "text": text})
        assert (await ada.expect("error"))["code"] == "bad_message"
    await ada.send({"type": "chat", "text": "two\nlines\tand \u05e9\u05dc\u05d5\u05dd"})
    assert (await host.expect("chat"))["text"] == "two\nlines\tand \u05e9\u05dc\u05d5\u05dd"

    await host.send({"type": "chat-delete", "messageId": got[0]["id"]})
    assert (await ada.expect("chat-deleted"))["messageId"] == got[0]["id"]
    # An id no message had: an error to the host, nothing to the others.
    await host.send({"type": "chat-delete", "messageId": "m_999"})
    assert (await host.expect("error"))["code"] == "unknown_chat_message"
    await ada.send({"type": "ping"})
    assert (await ada.recv())["type"] == "pong"

    for i in range(15):
        await ada.send({"type": "chat", "text": f"spam {i}"})
    assert (await ada.expect("error"))["code"] == "rate_limited"
    await host.close()
    await ada.close()


async def test_delete_meeting_refuses_joins(fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting("group")
    inside = await enter(fjord_server, meeting["roomUrl"], "A")
    status, _ = fjord_server.request("DELETE", f"/v1/meetings/{meeting['meetingId']}")
    assert status == 204
    await inside.expect("meeting-ended")
    late = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    assert (await late.join("B", meeting["roomUrl"]))["code"] == "room_not_found"


@pytest.mark.parametrize("role", ["participant", "viewer"])
async def test_capacity_counts_viewers_apart(role: str) -> None:
    from signaling.rooms import RoomFull, RoomRegistry
    from tests.features.room_fakes import FakeConn, meeting_record

    registry = RoomRegistry(4, 2, max_viewers=3)
    meeting = meeting_record("group")
    for _ in range(2):
        registry.join(meeting, "P", "participant", FakeConn())
    for _ in range(3):
        registry.join(meeting, "V", "viewer", FakeConn())
    with pytest.raises(RoomFull):
        registry.join(meeting, "X", role, FakeConn())


async def test_room_ends_at_end_date_plus_grace() -> None:
    import datetime as dt

    from signaling.rooms import GRACE, RoomRegistry
    from tests.features.room_fakes import FakeConn, meeting_record

    registry = RoomRegistry(4, 200)
    events: list[str] = []
    registry.observers.append(lambda event, room, p: events.append(event))
    end = dt.datetime.now(dt.UTC) - GRACE + dt.timedelta(seconds=0.3)
    meeting = meeting_record("normal", end_date=end)
    a, b = FakeConn(), FakeConn()
    registry.join(meeting, "A", "host", a)
    registry.join(meeting, "B", "participant", b)
    assert await wait_until(lambda: b.closed is not None, 10)
    assert a.sent[-1] == {"type": "meeting-ended"} and b.closed == (1000, "meeting ended")
    assert registry.get(meeting.room_name) is None
    assert events == ["room.client.joined", "room.client.joined", "room.session.started",
                      "room.client.left", "room.client.left", "room.session.ended"]


async def test_ended_meeting_stays_ended_after_a_restart(tmp_path: Path) -> None:
    from tests.conftest import start_fjord, stop_fjord

    server = start_fjord(tmp_path / "data", tmp_path / "one.log")
    try:
        meeting = server.create_meeting()
        host = await SignalingClient.connect(server, meeting["hostRoomUrl"])
        assert (await host.join("Host", meeting["hostRoomUrl"]))["role"] == "host"
        await host.send({"type": "end-meeting"})
        assert (await host.expect("meeting-ended"))["type"] == "meeting-ended"
    finally:
        # In a thread: this loop must answer the server's WebSocket close, or the server
        # waits for its connections until stop_fjord kills it 10 s later.
        await asyncio.to_thread(stop_fjord, server)
    server = start_fjord(tmp_path / "data", tmp_path / "two.log")
    try:
        for url in (meeting["roomUrl"], meeting["hostRoomUrl"]):
            client = await SignalingClient.connect(server, url)
            assert (await client.join("Late", url))["code"] == "meeting_ended"
    finally:
        await asyncio.to_thread(stop_fjord, server)


async def test_knockers_left_over_from_an_unlock_get_the_next_free_place() -> None:
    from signaling.rooms import RoomRegistry
    from tests.features.room_fakes import FakeConn, meeting_record

    registry = RoomRegistry(4, 200)
    meeting = meeting_record("normal", locked=True)
    hosts = [registry.join(meeting, f"H{i}", "host", FakeConn()) for i in range(3)]
    room = hosts[0][0]
    first, second = FakeConn(), FakeConn()
    _, k1, admitted = registry.join(meeting, "K1", "participant", first)
    _, k2, _ = registry.join(meeting, "K2", "participant", second)
    assert not admitted and set(room.waiting) == {k1.id, k2.id}
    room.locked = False
    registry.lock_changed(room)  # one place left: the first knocker gets it
    assert k1.id in room.participants and k2.id in room.waiting
    assert not any(m["type"] == "joined" for m in second.sent)
    registry.leave(room, hosts[0][1].id)  # a place frees up: the waiting knocker, first
    assert k2.id in room.participants and not room.waiting


async def test_pin_names_only_other_senders_of_the_room(fjord_server: FjordServer) -> None:
    """A pin of nobody (an unknown id, oneself, a viewer) is refused by name rather than
    silently kept; a pin of a participant is accepted (no reply)."""
    meeting = fjord_server.create_meeting("group")
    ana = await enter(fjord_server, meeting["roomUrl"], "Ana")
    ben = await enter(fjord_server, meeting["roomUrl"], "Ben")
    viewer = await enter(fjord_server, meeting["viewerRoomUrl"], "Viewer")
    for ids in (["p_nobody"], [ana.joined["selfId"]], [viewer.joined["selfId"]]):
        await ana.send({"type": "pin", "participantIds": ids})
        error = await ana.expect("error")
        assert error["code"] == "unknown_peer" and ids[0] in error["message"], error
    ben_id = ben.joined["selfId"]
    await ana.send({"type": "pin", "participantIds": [ben_id, ben_id]})
    await ana.send({"type": "ping"})
    while (reply := await ana.recv())["type"] != "pong":
        assert reply["type"] != "error", reply
    for client in (ana, ben, viewer):
        await client.close()


async def test_video_viewport_names_only_streams_of_other_senders(
        fjord_server: FjordServer) -> None:
    """Adaptive stream: a tile of nobody is refused by name, as a pin is; tiles of another
    participant's camera and screen are accepted (no reply); too many messages get
    ``rate_limited``; a normal room has no SFU to tell (``wrong_topology``)."""
    meeting = fjord_server.create_meeting("group")
    ana = await enter(fjord_server, meeting["roomUrl"], "Ana")
    ben = await enter(fjord_server, meeting["roomUrl"], "Ben")
    viewer = await enter(fjord_server, meeting["viewerRoomUrl"], "Viewer")
    ben_id = ben.joined["selfId"]

    def tiles(*ids: str) -> dict:
        return {"type": "video-viewport", "streams": [
            {"streamId": i, "visible": False, "width": 0, "height": 0} for i in ids]}

    for ids in (["p_nobody"], [ben_id, ana.joined["selfId"] + ".1"],
                [viewer.joined["selfId"]]):
        await ana.send(tiles(*ids))
        error = await ana.expect("error")
        assert error["code"] == "unknown_peer" and ids[-1].split(".")[0] in error["message"]
    await ana.send(tiles(ben_id, f"{ben_id}.1"))
    await ana.send({"type": "ping"})
    while (reply := await ana.recv())["type"] != "pong":
        assert reply["type"] != "error", reply
    for _ in range(12):  # the burst is 10
        await ana.send(tiles(ben_id))
    assert (await ana.expect("error"))["code"] == "rate_limited"

    # a tile of someone who just left (the message crossed participant-left) is skipped;
    # a tile of nobody still is an error
    cat = await enter(fjord_server, meeting["roomUrl"], "Cat")
    cat_id = cat.joined["selfId"]
    await cat.close()
    assert (await ana.expect("participant-left"))["participantId"] == cat_id
    await ana.send(tiles(cat_id))
    await ana.send(tiles(cat_id, "p_nobody"))
    error = await ana.expect("error")
    assert error["code"] == "unknown_peer" and "p_nobody" in error["message"]

    normal = fjord_server.create_meeting("normal")
    cy = await enter(fjord_server, normal["roomUrl"], "Cy")
    dee = await enter(fjord_server, normal["roomUrl"], "Dee")
    await cy.send(tiles(dee.joined["selfId"]))
    assert (await cy.expect("error"))["code"] == "wrong_topology"
    for client in (ana, ben, viewer, cy, dee):
        await client.close()


async def test_an_admitted_participant_whose_connection_dropped_is_let_back_in(
    fjord_server: FjordServer,
) -> None:
    """A patient let into a locked room whose connection dropped for a moment (a mobile
    network, a restarted proxy) was sent back to the waiting room: the clinician had to let
    them in again. Their page rejoins with ``joined.rejoinToken``, once, and not after a
    host removed them."""
    meeting = fjord_server.create_meeting("normal", isLocked=True)
    host = await enter(fjord_server, meeting["hostRoomUrl"], "Host")
    guest = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    joined = await let_in(host, guest, "Guest", meeting["roomUrl"])
    token = joined["rejoinToken"]
    assert "rejoinToken" not in host.joined  # hosts enter anyway
    await guest.close()  # the socket drops: no leave
    assert (await host.expect("participant-left"))["participantId"] == joined["selfId"]

    async def rejoin(rejoin_token: str) -> tuple[SignalingClient, dict]:
        client = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
        await client.send({"type": "join", "displayName": "Guest", "rejoinToken": rejoin_token})
        return client, await client.recv()

    back, reply = await rejoin(token)
    assert reply["type"] == "joined" and reply["rejoinToken"] != token, reply
    assert (await host.expect("participant-joined"))["participant"]["id"] == reply["selfId"]
    copy, reply_copy = await rejoin(token)  # once only
    assert reply_copy["type"] == "knock-pending"
    await copy.close()
    await host.send({"type": "remove", "participantId": reply["selfId"]})
    await back.expect("removed")
    removed, reply_removed = await rejoin(reply["rejoinToken"])
    assert reply_removed["type"] == "knock-pending"
    await host.send({"type": "knock-accept", "participantId": reply_removed["selfId"]})
    leaving_token = (await removed.expect("joined"))["rejoinToken"]
    await removed.send({"type": "leave"})  # left on purpose: knocks like anyone next time
    await host.expect("participant-left")
    left, reply_left = await rejoin(leaving_token)
    assert reply_left["type"] == "knock-pending"
    await left.close()
    bad = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    await bad.send({"type": "join", "displayName": "Guest", "rejoinToken": "no spaces"})
    assert (await bad.expect("error"))["code"] == "bad_message"
    await host.close()


async def test_a_page_back_before_the_server_noticed_its_drop_does_not_knock(
    fjord_server: FjordServer,
) -> None:
    """A phone changes networks: its old socket is half-open, and the server notices only
    at its next ping timeout, while the page reconnects half a second later with its
    rejoinToken. It knocked (its token was kept only once the old connection closed) and
    the host had to let it in again. The new connection now takes the old one's place
    (the others see it leave and come back), once."""
    meeting = fjord_server.create_meeting("normal", isLocked=True)
    host = await enter(fjord_server, meeting["hostRoomUrl"], "Host")
    guest = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    joined = await let_in(host, guest, "Guest", meeting["roomUrl"])
    token = joined["rejoinToken"]
    back = await SignalingClient.connect(fjord_server, meeting["roomUrl"])  # guest still open
    await back.send({"type": "join", "displayName": "Guest", "rejoinToken": token})
    reply = await back.recv()
    assert reply["type"] == "joined", reply
    assert [p["displayName"] for p in reply["participants"]] == ["Host"]
    assert (await host.expect("participant-left"))["participantId"] == joined["selfId"]
    assert (await host.expect("participant-joined"))["participant"]["id"] == reply["selfId"]
    with pytest.raises(websockets.ConnectionClosed) as closed:  # the old connection
        while True:
            await guest.recv()
    assert closed.value.rcvd.code == 4409
    again = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    await again.send({"type": "join", "displayName": "Guest", "rejoinToken": token})
    assert (await again.recv())["type"] == "knock-pending"  # once
    for client in (again, back, host):
        await client.close()


async def test_a_removed_participant_cannot_come_back_with_an_older_rejoin_token(
    fjord_server: FjordServer,
) -> None:
    """A participant whose connection dropped holds that connection's rejoinToken for 60 s.
    If it knocks anew instead (a reloaded page) and a host lets it in and then removes it,
    the older token must not bring it back past the host: a host's removal withdraws every
    readmission the room keeps."""
    meeting = fjord_server.create_meeting("normal", isLocked=True)
    host = await enter(fjord_server, meeting["hostRoomUrl"], "Host")

    async def knock_and_be_let_in() -> tuple[SignalingClient, dict]:
        client = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
        return client, await let_in(host, client, "Mallory", meeting["roomUrl"])

    first, joined = await knock_and_be_let_in()
    old_token = joined["rejoinToken"]
    await first.close()  # dropped: old_token readmits for 60 s
    await host.expect("participant-left")
    second, joined_again = await knock_and_be_let_in()  # knocked anew, old_token unused
    await host.send({"type": "remove", "participantId": joined_again["selfId"]})
    await second.expect("removed")
    await host.expect("participant-left")

    back = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    await back.send({"type": "join", "displayName": "Mallory", "rejoinToken": old_token})
    assert (await back.recv())["type"] == "knock-pending"
    await back.close()
    await host.close()


async def test_a_rejected_knocker_cannot_come_in_with_an_older_rejoin_token(
    fjord_server: FjordServer,
) -> None:
    """As after a removal: a knocker a host turned away must not walk in on the token of
    an earlier connection of its own that dropped."""
    meeting = fjord_server.create_meeting("normal", isLocked=True)
    host = await enter(fjord_server, meeting["hostRoomUrl"], "Host")
    first = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    old_token = (await let_in(host, first, "Mallory", meeting["roomUrl"]))["rejoinToken"]
    await first.close()  # dropped: old_token readmits for 60 s
    await host.expect("participant-left")
    second = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    pending = await second.join("Mallory", meeting["roomUrl"])  # knocks anew
    assert pending["type"] == "knock-pending"
    await host.expect("knock")
    await host.send({"type": "knock-reject", "participantId": pending["selfId"]})
    await second.expect("knock-rejected")

    back = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    await back.send({"type": "join", "displayName": "Mallory", "rejoinToken": old_token})
    assert (await back.recv())["type"] == "knock-pending"
    await back.close()
    await host.close()
