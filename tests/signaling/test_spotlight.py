"""``spotlight``: a host shows participants large on every page; the room keeps them."""

from __future__ import annotations

from typing import Any

from tests.conftest import FjordServer
from tests.signaling_client import SignalingClient


async def _joined(server: FjordServer, url: str, name: str) -> SignalingClient:
    client = await SignalingClient.connect(server, url)
    assert (await client.join(name, url))["type"] == "joined"
    return client


def _spotlight(participant_id: str, active: bool = True) -> dict[str, Any]:
    return {"type": "spotlight", "participantId": participant_id, "active": active}


async def test_a_host_spotlights_a_guest_and_everyone_is_told(
        fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting()
    host = await _joined(fjord_server, meeting["hostRoomUrl"], "Host")
    guest = await _joined(fjord_server, meeting["roomUrl"], "Guest")
    assert host.joined["spotlights"] == [] and guest.joined["spotlights"] == []
    guest_id, host_id = guest.joined["selfId"], host.joined["selfId"]

    await host.send(_spotlight(guest_id))
    told = {"type": "spotlight", "participantIds": [guest_id], "by": host_id}
    assert await guest.expect("spotlight") == told
    assert await host.expect("spotlight") == told
    await host.send(_spotlight(host_id))  # a host may spotlight itself too
    assert (await guest.expect("spotlight"))["participantIds"] == [guest_id, host_id]

    await host.send(_spotlight(guest_id, active=False))
    assert (await guest.expect("spotlight"))["participantIds"] == [host_id]
    for client in (host, guest):
        await client.close()


async def test_a_participant_who_is_no_host_is_refused(fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting()
    host = await _joined(fjord_server, meeting["hostRoomUrl"], "Host")
    guest = await _joined(fjord_server, meeting["roomUrl"], "Guest")

    await guest.send(_spotlight(guest.joined["selfId"]))
    refusal = await guest.expect("error")
    assert refusal["code"] == "forbidden"
    late = await _joined(fjord_server, meeting["roomUrl"], "Late")
    assert late.joined["spotlights"] == []  # nothing changed
    for client in (host, guest, late):
        await client.close()


async def test_unknown_participants_viewers_and_too_many_are_refused(
        fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting("group")
    host = await _joined(fjord_server, meeting["hostRoomUrl"], "Host")
    viewer = await _joined(fjord_server, meeting["viewerRoomUrl"], "Viewer")
    guests = [await _joined(fjord_server, meeting["roomUrl"], f"G{i}") for i in range(5)]

    await host.send(_spotlight("p_nobody"))
    assert (await host.expect("error"))["code"] == "unknown_peer"
    await host.send(_spotlight(viewer.joined["selfId"]))
    assert (await host.expect("error"))["code"] == "bad_message"
    await host.send({"type": "spotlight", "participantId": guests[0].joined["selfId"]})
    assert (await host.expect("error"))["code"] == "bad_message"  # active is required

    for guest in guests[:4]:
        await host.send(_spotlight(guest.joined["selfId"]))
        await host.expect("spotlight")
    await host.send(_spotlight(guests[4].joined["selfId"]))
    refusal = await host.expect("error")
    assert refusal["code"] == "too_many_spotlights" and "at most 4" in refusal["message"]
    late = await _joined(fjord_server, meeting["roomUrl"], "Late")
    assert late.joined["spotlights"] == [g.joined["selfId"] for g in guests[:4]]
    for client in (host, viewer, *guests, late):
        await client.close()


async def test_the_spotlight_outlives_the_hosts_reconnect_and_ends_with_its_participant(
        fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting()
    host = await _joined(fjord_server, meeting["hostRoomUrl"], "Host")
    guest = await _joined(fjord_server, meeting["roomUrl"], "Guest")
    other = await _joined(fjord_server, meeting["roomUrl"], "Other")
    guest_id = guest.joined["selfId"]
    await host.send(_spotlight(guest_id))
    await other.expect("spotlight")

    await host.close()  # the host's page reconnects: the room keeps the spotlight
    back = await _joined(fjord_server, meeting["hostRoomUrl"], "Host")
    assert back.joined["spotlights"] == [guest_id]

    await guest.close()
    while (await other.expect("participant-left"))["participantId"] != guest_id:
        pass  # the host's first page left before
    late = await _joined(fjord_server, meeting["roomUrl"], "Late")
    assert late.joined["spotlights"] == []
    # removing the spotlight of someone who left: nobody with that id is here
    await back.send(_spotlight(guest_id, active=False))
    assert (await back.expect("error"))["code"] == "unknown_peer"
    for client in (back, other, late):
        await client.close()


async def test_spotlighting_twice_changes_nothing_and_tells_nobody(
        fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting()
    host = await _joined(fjord_server, meeting["hostRoomUrl"], "Host")
    guest = await _joined(fjord_server, meeting["roomUrl"], "Guest")
    guest_id = guest.joined["selfId"]
    await host.send(_spotlight(guest_id))
    await guest.expect("spotlight")
    await host.send(_spotlight(guest_id))
    await host.send({"type": "chat", "text": "after"})
    assert (await guest.recv())["type"] == "chat"  # no second spotlight came first
    for client in (host, guest):
        await client.close()


async def test_a_host_flooding_spotlights_is_rate_limited(fjord_server: FjordServer) -> None:
    """Each change goes to everyone in the room: a host sending them at the connection's
    rate made every page lay its grid out 50 times a second."""
    meeting = fjord_server.create_meeting()
    host = await _joined(fjord_server, meeting["hostRoomUrl"], "Host")
    guest = await _joined(fjord_server, meeting["roomUrl"], "Guest")
    for i in range(20):
        await host.send(_spotlight(guest.joined["selfId"], active=i % 2 == 0))
    refusal = await host.expect("error")
    assert refusal["code"] == "rate_limited" and "spotlight" in refusal["message"]
    for client in (host, guest):
        await client.close()
