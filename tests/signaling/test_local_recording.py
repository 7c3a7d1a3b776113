"""``local-recording``: the room's indicator follows the hosts that record in their browsers."""

from __future__ import annotations

from tests.conftest import FjordServer
from tests.signaling_client import SignalingClient

LOCAL = {"type": "local", "startTrigger": "none", "destination": None}


async def _joined(server: FjordServer, url: str, name: str) -> SignalingClient:
    client = await SignalingClient.connect(server, url)
    assert (await client.join(name, url))["type"] == "joined"
    return client


async def test_a_host_who_leaves_while_recording_locally_ends_the_indicator(
        fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting(recording=LOCAL)
    host = await _joined(fjord_server, meeting["hostRoomUrl"], "Host")
    guest = await _joined(fjord_server, meeting["roomUrl"], "Guest")
    await host.send({"type": "local-recording", "active": True})
    assert (await guest.expect("recording-status")) == {
        "type": "recording-status", "status": "recording", "kind": "local"}

    await host.close()  # the tab is gone, and its recording with it
    assert (await guest.expect("recording-status")) == {
        "type": "recording-status", "status": "stopped", "kind": "local"}
    await guest.close()
    later = await _joined(fjord_server, meeting["roomUrl"], "Later")
    assert later.joined["recording"] is False
    await later.close()


async def test_the_indicator_stays_while_another_host_records(
        fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting(recording=LOCAL)
    one = await _joined(fjord_server, meeting["hostRoomUrl"], "One")
    two = await _joined(fjord_server, meeting["hostRoomUrl"], "Two")
    guest = await _joined(fjord_server, meeting["roomUrl"], "Guest")
    for host in (one, two):
        await host.send({"type": "local-recording", "active": True})
        assert (await guest.expect("recording-status"))["status"] == "recording"

    await one.send({"type": "local-recording", "active": False})
    await one.close()
    late = await _joined(fjord_server, meeting["roomUrl"], "Late")
    assert late.joined["recording"] is True  # Two still records

    await two.send({"type": "local-recording", "active": False})
    assert (await guest.expect("recording-status"))["status"] == "stopped"
    assert (await late.expect("recording-status"))["status"] == "stopped"
    for client in (two, guest, late):
        await client.close()
