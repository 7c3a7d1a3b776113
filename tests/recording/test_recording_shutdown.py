"""Issue 14, finding 1 of the fresh-eyes test: SIGTERM of ``fjord serve`` during a recording
left it ``recording`` forever (an unfinished multipart upload in the bucket, no
``recording.finished``, 409 on delete and access link), and so did a SIGTERM right after the
last participant left (the file completed, the metadata not). Now shutdown completes both
files within its budget, sends ``recording.finished`` and keeps the state ``finished``: after
a restart the API shows them finished and their files play."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from tests.conftest import FjordServer, start_server, wait_until
from tests.features.test_webhooks import verified
from tests.integration.test_aiortc_group import GroupPeer
from tests.recording.conftest import Bucket, decode_errors, subscribed_receiver
from tests.signaling_client import SignalingClient

pytestmark = [pytest.mark.timeout(240), pytest.mark.serial,
              pytest.mark.usefixtures("loopback_host_candidates")]
IN_ROOM_S = 4.0


def recorded_meeting(server: FjordServer, bucket: Bucket, folder: str) -> dict:
    end = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
    status, meeting = server.request("POST", "/v1/meetings", {
        "endDate": end, "roomMode": "group", "recording": {
            "type": "cloud", "startTrigger": "automatic", "destination": {
                "provider": "s3", "bucket": f"{bucket.name}/{folder}",
                "endpoint": bucket.endpoint, "accessKeyId": "AKIDSHUTDOWN000001",
                "accessKeySecret": "shutdown-secret-0123456789"}}})
    assert status == 201, meeting
    return meeting


async def test_sigterm_completes_running_recordings(server: FjordServer, bucket: Bucket,
                                                   tmp_path: Path) -> None:
    receiver, hook = subscribed_receiver(server, ["recording.finished"])
    staying = recorded_meeting(server, bucket, "staying")
    leaving = recorded_meeting(server, bucket, "leaving")
    peers = []
    tasks = []
    for meeting in (staying, leaving):
        client = await SignalingClient.connect(server, meeting["roomUrl"])
        await client.join("Guest", meeting["roomUrl"])
        peer = GroupPeer(client)
        await peer.publish()
        peers.append(peer)
        tasks.append(asyncio.create_task(peer.serve_signaling()))

    def states() -> list[str]:
        return [r["state"] for r in server.request("GET", "/v1/recordings")[1]["results"]]

    assert await wait_until(lambda: states() == ["recording", "recording"], 20)
    await asyncio.sleep(IN_ROOM_S)  # media flows into both recordings
    tasks[1].cancel()
    await peers[1].client.send({"type": "leave"})  # the last one leaves, then at once:
    server.process.terminate()
    exit_code = await asyncio.to_thread(server.process.wait, 40)
    tasks[0].cancel()
    for peer in peers:
        await peer.close()
    assert exit_code == 0, server.log_text()[-3000:]

    assert bucket.client.list_multipart_uploads(Bucket=bucket.name).get("Uploads", []) == []
    objects = {o["Key"]: o["Size"]
               for o in bucket.client.list_objects_v2(Bucket=bucket.name)["Contents"]}
    assert sorted(k.split("/")[0] for k in objects) == ["leaving", "staying"]
    events = [verified(hook["secret"], r)["data"] for r in receiver.delivered()]
    receiver.stop()
    assert sorted(e["status"] for e in events) == ["completed", "completed"]
    assert {e["filename"] for e in events} == set(objects)

    restarted = start_server("serve", server.env, server.log_path, server.api_key)
    server.process = restarted.process  # the fixture stops this one
    listed = server.request("GET", "/v1/recordings")[1]["results"]
    assert [r["state"] for r in listed] == ["finished", "finished"]
    for record in listed:
        assert record["endDate"] is not None
        assert round(record["sizeInMegaBytes"] * 1e6) == objects[record["filename"]]
        path = bucket.download(record["filename"], tmp_path / record["filename"].replace("/", "_"))
        assert decode_errors(path) == "", record["filename"]

