"""A host's ``stop-recording`` in a meeting with an automatic ``startTrigger`` holds until
the room empties, through a real ``fjord serve``: a participant who reconnects (a network
blip) or joins afterwards does not start the recording again (it did: the patient who asked
the doctor to stop was recorded again after a reconnect); a host's ``start-recording``
still does, and a room that emptied records its next people again."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.conftest import FjordServer, wait_until
from tests.integration.test_aiortc_group import GroupPeer
from tests.recording.conftest import Bucket
from tests.recording.test_recorded_room import (  # noqa: F401 (fixtures)
    KEY_ID,
    SECRET,
    server,
)
from tests.signaling_client import SignalingClient

pytestmark = [pytest.mark.timeout(120), pytest.mark.usefixtures("loopback_host_candidates")]


async def test_a_host_stop_holds_until_the_room_empties(
    server: FjordServer, bucket: Bucket  # noqa: F811
) -> None:
    end = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
    status, meeting = server.request("POST", "/v1/meetings", {
        "endDate": end, "roomMode": "group", "fields": ["hostRoomUrl"], "recording": {
            "type": "cloud", "startTrigger": "automatic", "destination": {
                "provider": "s3", "bucket": bucket.name, "endpoint": bucket.endpoint,
                "accessKeyId": KEY_ID, "accessKeySecret": SECRET}}})
    assert status == 201, meeting
    room, url = meeting["roomName"], meeting["roomUrl"]

    def states() -> list[str]:
        results = server.request("GET", f"/v1/recordings?roomName={room}")[1]["results"]
        return [r["state"] for r in results]

    host_client = await SignalingClient.connect(server, meeting["hostRoomUrl"])
    await host_client.join("Host", meeting["hostRoomUrl"])
    host = GroupPeer(host_client)
    guest = await SignalingClient.connect(server, url)
    try:
        await host.publish()
        await guest.join("Guest", url)
        assert await wait_until(lambda: states() == ["recording"], 20)
        await host_client.send({"type": "stop-recording"})
        # The start's own recording-status may still be on its way to the guest (the guest
        # joined before the recording started): the stop's comes after it.
        while (await guest.expect("recording-status", timeout=60))["status"] != "stopped":
            pass
        assert await wait_until(lambda: states() == ["finished"], 60)

        await guest.close()  # the guest's network blips: it reconnects
        guest = await SignalingClient.connect(server, url)
        joined = await guest.join("Guest", url)
        assert joined["recording"] is False
        late = await SignalingClient.connect(server, url)
        await late.join("Late guest", url)
        await late.close()
        await asyncio.sleep(2)  # what an automatic start would have needed
        assert states() == ["finished"]

        await host_client.send({"type": "start-recording"})  # a host still can
        assert (await guest.expect("recording-status", timeout=20))["status"] == "recording"
        assert sorted(states()) == ["finished", "recording"]
    finally:
        await guest.close()
        await host.close()
    assert await wait_until(lambda: states() == ["finished", "finished"], 60)

    # The room emptied: its next people are recorded by the trigger again.
    again = await SignalingClient.connect(server, url)
    try:
        await again.join("Guest", url)
        assert await wait_until(lambda: "recording" in states(), 20)
    finally:
        await again.close()
    assert await wait_until(lambda: states() == ["finished"] * 3, 60)
