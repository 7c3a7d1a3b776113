"""Issue 14, ``startTrigger: "prompt"`` (Whereby: "A prompt to start the recording will be
shown to the first user with permission to start the recording"), through a real ``fjord
serve`` and its signaling: the first host to join is told ``joined.recordingPrompt: true``;
a participant before it, a second host and the hosts of a meeting with another trigger are
not, and nothing records until the host answers Start, which sends ``start-recording``.
The page's dialog is checked in Chromium by tests/e2e/test_cloud_recording.py."""

from __future__ import annotations

import pytest

from tests.conftest import FjordServer, wait_until
from tests.integration.test_aiortc_group import GroupPeer
from tests.recording.conftest import Bucket
from tests.recording.test_recorded_room import (  # noqa: F401 (fixtures)
    host_started_meeting,
    server,
)
from tests.signaling_client import SignalingClient

pytestmark = [pytest.mark.timeout(120), pytest.mark.usefixtures("loopback_host_candidates")]


async def test_the_first_host_is_prompted_and_start_records(
    server: FjordServer, bucket: Bucket  # noqa: F811
) -> None:
    meeting = host_started_meeting(server, bucket, trigger="prompt")
    room = meeting["roomName"]

    def recordings() -> list[dict]:
        return server.request("GET", f"/v1/recordings?roomName={room}")[1]["results"]

    guest = await SignalingClient.connect(server, meeting["roomUrl"])
    first = await SignalingClient.connect(server, meeting["hostRoomUrl"])
    second = await SignalingClient.connect(server, meeting["hostRoomUrl"])
    host = GroupPeer(first)
    try:
        joined = await guest.join("Guest", meeting["roomUrl"])
        assert joined["recordingPrompt"] is False  # no permission to start it
        joined = await first.join("First host", meeting["hostRoomUrl"])
        assert joined["role"] == "host" and joined["recordingPrompt"] is True, joined
        assert joined["recording"] is False and recordings() == []  # nothing starts by itself
        joined = await second.join("Second host", meeting["hostRoomUrl"])
        assert joined["recordingPrompt"] is False  # the first host was asked already
        await host.publish()
        await first.send({"type": "start-recording"})  # what the prompt's Start sends
        assert (await guest.expect("recording-status", timeout=20))["status"] == "recording"
        assert [r["state"] for r in recordings()] == ["recording"]
    finally:
        await guest.close()
        await second.close()
        await host.close()
    # The last one left: the recording stops and is kept.
    assert await wait_until(lambda: [r["state"] for r in recordings()] == ["finished"], 60)


async def test_other_triggers_prompt_nobody(server: FjordServer, bucket: Bucket  # noqa: F811
                                            ) -> None:
    meeting = host_started_meeting(server, bucket, trigger="none")
    host = await SignalingClient.connect(server, meeting["hostRoomUrl"])
    try:
        joined = await host.join("Host", meeting["hostRoomUrl"])
        assert joined["role"] == "host" and joined["recordingPrompt"] is False
    finally:
        await host.close()
