"""Issue 14, acceptance 2 with aiortc participants: a real ``fjord serve`` records a group
room whose meeting asks for cloud recording (automatic trigger) into an S3 bucket server on
loopback. Three participants publish VP8 and Opus; everyone sees the recorder; afterwards the
bucket holds one file of 3 video + 3 audio tracks that ffmpeg decodes, ``recording.finished``
arrives signed, GET /v1/recordings lists it with its size, and its access link downloads the
same bytes. The log holds no bucket credential."""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from recording.age import decrypt, new_identity, recipient_of
from tests.conftest import FjordServer, stop_fjord, wait_until
from tests.features.test_webhooks import verified
from tests.features.test_whereby_webhooks import node_verified
from tests.integration.test_aiortc_group import GroupPeer
from tests.recording.conftest import (
    Bucket,
    ErrorBucket,
    decode_errors,
    ffprobe,
    start_recording_server,
    subscribed_receiver,
    video_frames,
)
from tests.signaling_client import SignalingClient

pytestmark = [pytest.mark.timeout(180), pytest.mark.serial,  # real media through the recorder
              pytest.mark.usefixtures("loopback_host_candidates")]
IN_ROOM_S = 10.0
KEY_ID = "AKIDRECORDEDROOM0001"
SECRET = "recorded-room-secret-0123456789abcdef"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FjordServer]:
    """One recording server for the module's tests."""
    fjord = start_recording_server(tmp_path_factory.mktemp("fjord-recording"))
    yield fjord
    stop_fjord(fjord)


async def test_a_recorded_group_room_lands_in_the_bucket(
    server: FjordServer, bucket: Bucket, tmp_path: Path
) -> None:
    began = time.time() - 2  # file times come from a coarser clock
    receiver, hook = subscribed_receiver(server, ["room.client.joined", "recording.finished"])
    end = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
    status, meeting = server.request("POST", "/v1/meetings", {
        "endDate": end, "roomMode": "group", "recording": {
            "type": "cloud", "startTrigger": "automatic", "destination": {
                "provider": "s3", "bucket": f"{bucket.name}/meetings", "endpoint": bucket.endpoint,
                "accessKeyId": KEY_ID, "accessKeySecret": SECRET}}})
    assert status == 201, meeting
    url = meeting["roomUrl"]
    room = meeting["roomName"]

    def recordings() -> list[dict]:
        return server.request("GET", f"/v1/recordings?roomName={room}")[1]["results"]

    peers: list[GroupPeer] = []
    tasks: list[asyncio.Task[None]] = []
    published: list[float] = []
    joining = time.monotonic()  # before the recording started
    try:
        for i in range(3):
            client = await SignalingClient.connect(server, url)
            joined = await client.join(f"Guest {i}", url)
            assert joined["type"] == "joined" and joined["topology"] == "sfu"
            if i == 0:  # the automatic trigger: the first participant starts it
                assert await wait_until(lambda: bool(recordings()), 20)
            else:  # everyone sees the recorder in the people list
                assert "recorder" in [p["role"] for p in joined["participants"]], joined
            peer = GroupPeer(client)
            await peer.publish()
            published.append(time.monotonic())
            peers.append(peer)
            tasks.append(asyncio.create_task(peer.serve_signaling()))
        await asyncio.sleep(IN_ROOM_S)  # the meeting runs; nothing is polled meanwhile
    finally:
        left = time.monotonic()
        for task in tasks:
            task.cancel()
        for peer in peers:
            await peer.client.send({"type": "leave"})
            await peer.close()

    def finished() -> list:
        return [r for r in receiver.delivered() if b"recording.finished" in r.body]

    assert await wait_until(lambda: bool(finished()), 30)
    event = verified(hook["secret"], finished()[0])
    assert event["data"]["status"] == "completed" and event["data"]["roomName"] == room
    joined_roles = [verified(hook["secret"], r)["data"]["role"] for r in receiver.delivered()
                    if b"room.client.joined" in r.body]
    assert sorted(joined_roles) == ["participant"] * 3 + ["recorder"]
    receiver.stop()
    # Unsubscribed with its receiver: the later tests' events would queue for it, and the
    # module's server spend its 5 s of webhook flushing at shutdown retrying them.
    server.request("DELETE", f"/v1/admin/webhooks/{hook['id']}")

    objects = bucket.client.list_objects_v2(Bucket=bucket.name)["Contents"]
    assert len(objects) == 1 and objects[0]["Key"] == event["data"]["filename"]
    assert objects[0]["Key"].startswith(f"meetings{room}-") and objects[0]["Key"].endswith(
        ".mkv")
    listed = recordings()
    assert len(listed) == 1 and listed[0]["state"] == "finished"
    assert round(listed[0]["sizeInMegaBytes"] * 1e6) == objects[0]["Size"]
    status, link = server.request(
        "GET", f"/v1/recordings/{listed[0]['recordingId']}/access-link?validForSeconds=600")
    assert status == 200
    with urllib.request.urlopen(link["accessLink"], timeout=30) as resp:
        body = resp.read()
    stored = bucket.read(objects[0]["Key"])
    assert body == stored

    path = tmp_path / "recording.mkv"
    path.write_bytes(body)
    probe = ffprobe(path)
    streams = probe["streams"]
    assert sorted(s["codec_name"] for s in streams) == ["opus"] * 3 + ["vp8"] * 3
    assert decode_errors(path) == ""
    # Its length: from the recording's start to the end of its last frame, which is at
    # least the longest audio track's (each starts where its participant's media came).
    longest = max(int(s["nb_read_frames"]) * 0.02 for s in streams if s["codec_name"] == "opus")
    assert longest - 0.5 < float(probe["format"]["duration"]) < left - joining + 0.5, probe
    in_room = {f"Guest {i}": left - t for i, t in enumerate(published)}
    print(f"in room {in_room} s, {len(body)} bytes:",
          [(s["tags"].get("title"), s["codec_name"], s["nb_read_frames"]) for s in streams])
    for s in streams:
        frames = int(s["nb_read_frames"])
        name, kind = s["tags"]["title"].rsplit(" ", 1)
        if kind == "video":  # aiortc's video track runs at 30 frames/s
            assert frames >= 0.9 * 30 * (in_room[name] - 1.0), s
        else:  # 20 ms per Opus packet
            assert abs(frames * 0.02 - in_room[name]) < 1.0, s
    log = server.log_text()
    assert SECRET not in log and KEY_ID not in log
    # Acceptance 4: no recorded media on the server's disk (data dir, temp dir, its open
    # files): 48-byte pieces of the file's frames are nowhere but in the bucket.
    pieces = [body[i:i + 48] for i in range(len(body) // 4, len(body), len(body) // 4)][:3]
    own_copy = media_on_disk(server, pieces, exclude=server.data_dir / "none", since=began)
    assert str(path) in own_copy  # the scan does see a copy (the test's own, in /tmp)
    assert not media_on_disk(server, pieces, exclude=Path(tmp_path).parents[1], since=began)


def media_on_disk(server: FjordServer, pieces: list[bytes], exclude: Path,
                  since: float) -> list[str]:
    """Files of the server (data dir, temp dir, open files) holding any of ``pieces``;
    ``exclude``: this test session's own temporary directory. Files last modified before
    ``since`` (unix s, before the recording started) cannot hold its media and are not read:
    the shared temp dir holds other runs' virtualenvs, gigabytes that took minutes to read."""
    paths = {*server.data_dir.rglob("*"), *Path(tempfile.gettempdir()).rglob("*")}
    fd_dir = Path(f"/proc/{server.process.pid}/fd")
    for fd in fd_dir.iterdir():
        with contextlib.suppress(OSError):
            paths.add(Path(os.readlink(fd)))
    found = []
    for path in paths:
        if exclude in path.parents:
            continue
        with contextlib.suppress(OSError):  # other processes' temp files come and go
            stat = path.stat()
            if not path.is_file() or stat.st_size > 256 << 20 or stat.st_mtime < since:
                continue
            data = path.read_bytes()
            if any(piece in data for piece in pieces):
                found.append(str(path))
    return found


def host_started_meeting(server: FjordServer, bucket: Bucket, trigger: str = "none") -> dict:
    """A group meeting recorded into ``bucket`` when a host starts it (``trigger`` ``none``,
    or ``prompt``: its first host is asked to)."""
    end = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
    status, meeting = server.request("POST", "/v1/meetings", {
        "endDate": end, "roomMode": "group", "fields": ["hostRoomUrl"], "recording": {
            "type": "cloud", "startTrigger": trigger, "destination": {
                "provider": "s3", "bucket": bucket.name, "endpoint": bucket.endpoint,
                "accessKeyId": KEY_ID, "accessKeySecret": SECRET}}})
    assert status == 201, meeting
    return meeting


async def test_a_host_starts_and_stops_the_recording(server: FjordServer, bucket: Bucket,
                                                    tmp_path: Path) -> None:
    """Acceptance 3 through the signaling protocol (``start-recording``/``stop-recording``,
    what the embed's commands send): hosts only; everyone is told the status."""
    meeting = host_started_meeting(server, bucket)
    room = meeting["roomName"]
    host_client = await SignalingClient.connect(server, meeting["hostRoomUrl"])
    await host_client.join("Host", meeting["hostRoomUrl"])
    guest = await SignalingClient.connect(server, meeting["roomUrl"])
    await guest.join("Guest", meeting["roomUrl"])
    host = GroupPeer(host_client)
    try:
        await host.publish()
        await guest.send({"type": "start-recording"})
        refused = await guest.expect("error")
        assert refused["code"] == "forbidden"
        await host_client.send({"type": "start-recording"})
        joined = await guest.expect("participant-joined", timeout=20)
        assert joined["participant"]["role"] == "recorder"  # in everyone's people list
        assert (await guest.expect("recording-status"))["status"] == "recording"
        await asyncio.sleep(4)
        await host_client.send({"type": "stop-recording"})
        assert (await guest.expect("recording-status", timeout=30))["status"] == "stopped"
    finally:
        await guest.close()
        await host.close()
    listed = server.request("GET", f"/v1/recordings?roomName={room}")[1]["results"]
    assert [r["state"] for r in listed] == ["finished"]
    key = listed[0]["filename"]
    path = bucket.download(key, tmp_path / "host.mkv")
    streams = ffprobe(path)["streams"]
    assert [(s["codec_name"], s["tags"]["title"]) for s in streams] == [
        ("vp8", "Host video"), ("opus", "Host audio")]
    assert int(streams[0]["nb_read_frames"]) > 30 and decode_errors(path) == ""


async def test_an_organization_key_encrypts_every_recording(server: FjordServer, bucket: Bucket,
                                                           tmp_path: Path) -> None:
    """Issue 14: ``encryptionPublicKey`` in the organization's privacy settings encrypts each
    cloud recording of its meetings (no key in the meeting) to that age recipient in memory;
    the object is age ciphertext that the private key opens into a file ffprobe reads. A
    value that is no age recipient is a 422 naming the field."""
    status, refused = server.request("PATCH", "/v1/admin/privacy",
                                     {"encryptionPublicKey": "age1notarecipient"})
    assert status == 422 and "encryptionPublicKey" in refused["error"], refused
    identity = new_identity()
    status, privacy = server.request("PATCH", "/v1/admin/privacy",
                                     {"encryptionPublicKey": recipient_of(identity)})
    assert status == 200 and privacy["encryptionPublicKey"] == recipient_of(identity)
    assert server.request("GET", "/v1/admin/privacy")[1]["encryptionPublicKey"] == \
        recipient_of(identity)
    try:
        meeting = host_started_meeting(server, bucket)
        host_client = await SignalingClient.connect(server, meeting["hostRoomUrl"])
        await host_client.join("Host", meeting["hostRoomUrl"])
        host = GroupPeer(host_client)
        try:
            await host.publish()
            await host_client.send({"type": "start-recording"})
            assert (await host_client.expect("recording-status", timeout=20))[
                "status"] == "recording"
            await asyncio.sleep(3)  # the meeting runs
            await host_client.send({"type": "stop-recording"})
            assert (await host_client.expect("recording-status", timeout=30))[
                "status"] == "stopped"
        finally:
            await host.close()
    finally:
        server.request("PATCH", "/v1/admin/privacy", {"encryptionPublicKey": None})
    listed = server.request("GET", f"/v1/recordings?roomName={meeting['roomName']}")[1][
        "results"]
    assert [r["state"] for r in listed] == ["finished"]
    key = listed[0]["filename"]
    assert key.endswith(".mkv.age")
    body = bucket.read(key)
    assert body.startswith(b"age-encryption.org/v1\n")
    path = tmp_path / "org-key.mkv"
    path.write_bytes(b"".join(decrypt(identity, io.BytesIO(body))))
    streams = ffprobe(path)["streams"]
    assert [(s["codec_name"], s["tags"]["title"]) for s in streams] == [
        ("vp8", "Host video"), ("opus", "Host audio")]
    assert int(streams[0]["nb_read_frames"]) > 0 and decode_errors(path) == ""


async def test_a_participant_who_joins_midway_is_in_the_file(server: FjordServer,
                                                            bucket: Bucket,
                                                            tmp_path: Path) -> None:
    """Acceptance 3's late joiner: a guest who joins a recorded room well after the recorder
    wrote the file's header (it declares the tracks it has once none came for 3 s) is in
    the file under its name, with decodable video from its first keyframe and its audio."""
    meeting = host_started_meeting(server, bucket)
    host_client = await SignalingClient.connect(server, meeting["hostRoomUrl"])
    await host_client.join("Host", meeting["hostRoomUrl"])
    host = GroupPeer(host_client)
    guest: GroupPeer | None = None
    try:
        await host.publish()
        await host_client.send({"type": "start-recording"})
        assert (await host_client.expect("recording-status", timeout=20))[
            "status"] == "recording"
        await asyncio.sleep(8)  # the header is written (3 s without a new track), then more
        guest_client = await SignalingClient.connect(server, meeting["roomUrl"])
        joined = await guest_client.join("Late Guest", meeting["roomUrl"])
        assert joined["recording"] is True
        guest = GroupPeer(guest_client)
        await guest.publish()
        await asyncio.sleep(5)  # the late guest is in the room
        await host_client.send({"type": "stop-recording"})
        assert (await host_client.expect("recording-status", timeout=30))[
            "status"] == "stopped"
    finally:
        if guest is not None:
            await guest.close()
        await host.close()
    listed = server.request("GET", f"/v1/recordings?roomName={meeting['roomName']}")[1][
        "results"]
    assert [r["state"] for r in listed] == ["finished"]
    path = bucket.download(listed[0]["filename"], tmp_path / "late.mkv")
    streams = ffprobe(path)["streams"]
    print("tracks:", [(s["tags"]["title"], s["nb_read_frames"]) for s in streams])
    assert [(s["codec_name"], s["tags"]["title"]) for s in streams] == [
        ("vp8", "Host video"), ("opus", "Host audio"),
        ("vp8", "Late Guest video"), ("opus", "Late Guest audio")]
    assert decode_errors(path) == ""
    late_video, late_audio = streams[2], streams[3]
    # Where the guest came in: its first frame's time (ffprobe's start_time of a track is
    # the file's start in a file stating its Duration, as in ffmpeg's own files).
    assert video_frames(path, str(late_video["index"]))[0][0] > 7.0
    assert int(late_video["nb_read_frames"]) >= 30 and int(late_audio["nb_read_frames"]) >= 150


async def test_a_bucket_refusing_the_key_fails_the_recording_while_the_room_goes_on(
    server: FjordServer, error_bucket: ErrorBucket
) -> None:
    """A customer's S3-compatible store that refuses the key with a code of its own (400
    InvalidArgument): the recording is failed within seconds while the participant is still
    in the room (the indicator goes off for everyone), not when the backlog has filled; the
    recordings API says failed and ``recording.failed`` says so too, with
    ``sizeInMegaBytes`` 0 and the bucket's refusal as its ``error``, signed so that
    Whereby's Node verifier accepts it (``recording.finished`` is for completed uploads
    only, as Whereby sends it: a receiver of it alone hears nothing)."""
    error_bucket.status, error_bucket.code = 400, "InvalidArgument"
    receiver, hook = subscribed_receiver(server, ["recording.finished", "recording.failed"])
    end = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
    status, meeting = server.request("POST", "/v1/meetings", {
        "endDate": end, "roomMode": "group", "recording": {
            "type": "cloud", "startTrigger": "automatic", "destination": {
                "provider": "s3", "bucket": "refusing-bucket", "endpoint": error_bucket.endpoint,
                "accessKeyId": KEY_ID, "accessKeySecret": SECRET}}})
    assert status == 201, meeting
    room = meeting["roomName"]

    def states() -> list[str]:
        return [r["state"] for r in server.request(
            "GET", f"/v1/recordings?roomName={room}")[1]["results"]]

    client = await SignalingClient.connect(server, meeting["roomUrl"])
    peer = GroupPeer(client)
    try:
        assert (await client.join("Guest", meeting["roomUrl"]))["type"] == "joined"
        await peer.publish()
        serving = asyncio.create_task(peer.serve_signaling())
        assert await wait_until(lambda: states() == ["failed"], 30), states()
        assert not serving.done()  # still in the room
        serving.cancel()
    finally:
        await client.send({"type": "leave"})
        await peer.close()
    assert await wait_until(lambda: bool(receiver.delivered()), 20)
    got = receiver.delivered()
    receiver.stop()
    server.request("DELETE", f"/v1/admin/webhooks/{hook['id']}")
    event = verified(hook["secret"], got[0])
    assert [verified(hook["secret"], r)["type"] for r in got] == ["recording.failed"]
    assert (event["data"]["status"], event["data"]["sizeInMegaBytes"]) == ("failed", 0)
    assert "InvalidArgument" in event["data"]["error"], event["data"]
    assert node_verified(hook["secret"], got[:1]) == [True]
    assert any(line.startswith("POST /refusing-bucket/") for line in error_bucket.seen)
    log = server.log_text()
    assert SECRET not in log and KEY_ID not in log
