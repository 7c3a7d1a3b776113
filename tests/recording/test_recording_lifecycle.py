"""Issue 14, findings 1 and 2 of the fresh-eyes test: no recording stays ``recording``
forever. A recording no live process records (its process was killed; rows of an older
version) is reconciled as failed, its multipart upload completed from the parts the bucket
holds (or aborted when they make no file), ``recording.failed`` sent; a recorder that
cannot start (any exception) ends its recording as failed at once."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from botocore.exceptions import ClientError

from fjord.settings_loading import load_settings
from keys.room_keys import RoomKeySigner
from operability.logs import JsonFormatter
from recording.uploader import MIN_PART, MultipartUploader
from signaling.app import create_app
from signaling.context import SignalingContext
from signaling.recording_control import LEASE_S
from signaling.recording_settings import BucketDestination
from signaling.recordings import LeaseHolder
from signaling.rooms import RoomRegistry
from signaling.store import Store
from tests.conftest import wait_until
from tests.features.room_fakes import FakeConn
from tests.recording.conftest import Bucket, CuttableProxy
from tests.recording.test_recordings_api import END, client_for


class Hooks:
    """The webhook dispatcher: what was emitted."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, dict[str, Any]]] = []

    def __call__(self, event: str, room: object, participant: object) -> None:
        pass

    def emit(self, org_id: str, event: str, data: dict[str, Any]) -> None:
        self.sent.append((org_id, event, data))

    def failed(self) -> list[dict[str, Any]]:
        """The data of every ``recording.failed`` sent; nothing else was sent, as every
        recording of these tests fails."""
        assert [e for _, e, _ in self.sent if e != "recording.failed"] == []
        return [data for _, _, data in self.sent]


def make_ctx(store: Store, tmp_path: Path, media: object = None) -> SignalingContext:
    return SignalingContext(
        settings=load_settings(data_dir=str(tmp_path), public_url="https://meet.example.test",
                               recording_allowed_private_ips=["127.0.0.1"]),
        store=store, signer=RoomKeySigner.from_data_dir(tmp_path / "keys"),
        turn_secrets=[b"test-secret"], rooms=RoomRegistry(4, 200), media=media,
        webhooks=Hooks())  # type: ignore[arg-type]


async def test_recordings_no_live_process_records_are_reconciled_as_failed(
        store: Store, tmp_path: Path, bucket: Bucket) -> None:
    """A row whose lease ran out (its process was killed mid-recording) and one of an older
    version (no lease) end failed, with an endDate and a ``recording.failed``: the
    killed one's upload is completed from its parts 1 and 2 (the file up to its last part,
    part 3 past a missing one left out), one without part 1 (no header: an encrypted
    recording's) is aborted; a row another live node holds is left alone; a second pass (or
    node) reconciles nothing again."""
    ctx = make_ctx(store, tmp_path)
    destination = BucketDestination("s3", bucket.name, "", "us-east-1", bucket.endpoint,
                                    "AKIDTEST", "test-secret")
    org_id = await store.ensure_organization("acme")
    now = dt.datetime.now(dt.UTC)
    killed = await store.recordings.start(org_id, "room-k", "s_1", "room-k.mkv", destination,
                                          "m_k", now - dt.timedelta(seconds=1))
    old = await store.recordings.start(org_id, "room-o", "", "room-o.mkv", destination, None,
                                       None)
    live = await store.recordings.start(org_id, "room-l", "", "room-l.mkv", destination,
                                        "m_l", now + dt.timedelta(seconds=LEASE_S))
    headless = await store.recordings.start(org_id, "room-h", "", "room-h.mkv.age",
                                            destination, "m_h", now - dt.timedelta(seconds=1))
    uploads = {key: bucket.client.create_multipart_upload(Bucket=bucket.name, Key=key)
               for key in ("room-k.mkv", "room-l.mkv", "room-h.mkv.age")}
    for key, number, body in (("room-k.mkv", 1, b"1" * MIN_PART), ("room-k.mkv", 2, b"2" * 100),
                              ("room-k.mkv", 4, b"4" * 100), ("room-h.mkv.age", 2, b"2")):
        bucket.client.upload_part(Bucket=bucket.name, Key=key, PartNumber=number,
                                  UploadId=uploads[key]["UploadId"], Body=body)

    assert await ctx.recording.reconcile() == 3
    assert await ctx.recording.reconcile() == 0
    app = create_app(ctx)
    async with await client_for(app, store, "acme") as http:
        states = {r["recordingId"]: r for r in (await http.get("/v1/recordings")).json()[
            "results"]}
    assert states[killed.recording_id]["state"] == "failed"
    # Killed before its first renewal: it ends where it started, never before.
    assert states[killed.recording_id]["endDate"] == states[killed.recording_id]["startDate"]
    assert states[old.recording_id]["state"] == "failed"
    assert states[live.recording_id]["state"] == "recording"
    assert bucket.read("room-k.mkv") == b"1" * MIN_PART + b"2" * 100
    assert states[killed.recording_id]["sizeInMegaBytes"] == (MIN_PART + 100) / 1e6
    assert states[headless.recording_id]["state"] == "failed"
    assert states[headless.recording_id]["sizeInMegaBytes"] == 0
    assert states[old.recording_id]["sizeInMegaBytes"] == 0
    finished = {d["recordingId"]: d for d in ctx.webhooks.failed()}  # type: ignore[union-attr]
    assert set(finished) == {killed.recording_id, old.recording_id, headless.recording_id}
    assert finished[killed.recording_id]["status"] == "failed"
    assert "no live server recorded it" in finished[killed.recording_id]["error"]
    assert finished[killed.recording_id]["sizeInMegaBytes"] == (MIN_PART + 100) / 1e6
    assert finished[killed.recording_id]["roomName"] == "/room-k"
    assert finished[killed.recording_id]["meetingId"] == "m_k"
    assert finished[killed.recording_id]["roomSessionId"] == "s_1"
    left = [u["Key"] for u in bucket.client.list_multipart_uploads(Bucket=bucket.name).get(
        "Uploads", [])]
    assert left == ["room-l.mkv"]  # the live node's upload is untouched
    objects = [o["Key"] for o in bucket.client.list_objects_v2(Bucket=bucket.name)["Contents"]]
    assert objects == ["room-k.mkv"]


async def test_two_nodes_reconciling_at_once_end_each_orphan_once(
        store: Store, tmp_path: Path, bucket: Bucket) -> None:
    """Two nodes that start at once (sharing the database) reconcile together: each orphan
    is completed and reported once. A row a node claimed and then died with (its upload
    completed, the row not ended: its claim's lease ran out) is ended by the next pass with
    the object the bucket holds."""
    nodes = [make_ctx(store, tmp_path), make_ctx(store, tmp_path)]
    destination = BucketDestination("s3", bucket.name, "", "us-east-1", bucket.endpoint,
                                    "AKIDTEST", "test-secret")
    org_id = await store.ensure_organization("acme")
    past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    killed = [await store.recordings.start(org_id, f"room-{i}", "", f"room-{i}.mkv",
                                           destination, None, past) for i in range(3)]
    for i in range(3):
        upload = bucket.client.create_multipart_upload(Bucket=bucket.name, Key=f"room-{i}.mkv")
        bucket.client.upload_part(Bucket=bucket.name, Key=f"room-{i}.mkv", PartNumber=1,
                                  UploadId=upload["UploadId"], Body=b"h" * (i + 1))
        if i == 2:  # completed by a node that died before it ended the row
            bucket.client.complete_multipart_upload(
                Bucket=bucket.name, Key="room-2.mkv", UploadId=upload["UploadId"],
                MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": bucket.client.list_parts(
                    Bucket=bucket.name, Key="room-2.mkv", UploadId=upload["UploadId"])[
                        "Parts"][0]["ETag"]}]})

    ended = await asyncio.gather(*(node.recording.reconcile() for node in nodes))
    assert sum(ended) == 3
    sent = [d for node in nodes for d in node.webhooks.failed()]  # type: ignore[union-attr]
    assert sorted(d["recordingId"] for d in sent) == sorted(r.recording_id for r in killed)
    for i, record in enumerate(killed):
        stored = await store.recordings.get(org_id, record.recording_id)
        assert stored is not None and stored.status == "failed"
        assert stored.size_bytes == i + 1
        assert bucket.read(f"room-{i}.mkv") == b"h" * (i + 1)
    assert bucket.client.list_multipart_uploads(Bucket=bucket.name).get("Uploads", []) == []


async def test_a_recording_being_reconciled_shows_no_end_date_before_it_ends(
        store: Store, tmp_path: Path) -> None:
    """While a node completes an orphan's file (it claimed the row and set its endDate, the
    last renewal), the API showed ``state: recording`` with an ``endDate`` already set. The
    end date now comes with an end state only."""
    destination = BucketDestination("s3", "b", "", "us-east-1", None, "AKIDTEST", "test-secret")
    org_id = await store.ensure_organization("acme")
    now = dt.datetime.now(dt.UTC)
    orphan = await store.recordings.start(org_id, "room-k", "", "room-k.mkv", destination,
                                          None, now - dt.timedelta(seconds=1))
    assert await store.recordings.claim_orphan(orphan, now, now - dt.timedelta(seconds=30),
                                               now + dt.timedelta(seconds=LEASE_S))
    async with await client_for(create_app(make_ctx(store, tmp_path)), store, "acme") as http:
        got = (await http.get(f"/v1/recordings/{orphan.recording_id}")).json()
        assert (got["state"], got["endDate"]) == ("recording", None)
        assert await store.recordings.end_orphan(orphan.recording_id, 0)
        got = (await http.get(f"/v1/recordings/{orphan.recording_id}")).json()
    assert got["state"] == "failed"
    ended = now - dt.timedelta(seconds=30)  # shown to the millisecond
    assert dt.datetime.fromisoformat(got["endDate"]) == ended.replace(
        microsecond=ended.microsecond // 1000 * 1000)


class FailingMedia:
    """An in-process SFU whose recorder raises what botocore raises for an endpoint it
    cannot use (finding 2: ``ValueError: Invalid endpoint``)."""

    records_here = True

    async def start_recording(self, *args: object, **kwargs: object) -> object:
        raise ValueError("Invalid endpoint: https://s3.us-east-1\n.amazonaws.com")


async def test_a_recorder_that_cannot_start_ends_its_recording_as_failed(
        store: Store, tmp_path: Path, bucket: Bucket) -> None:
    ctx = make_ctx(store, tmp_path, FailingMedia())
    app = create_app(ctx)
    async with await client_for(app, store, "acme") as http:
        meeting = (await http.post("/v1/meetings", json={
            "endDate": END, "roomMode": "group", "recording": {
                "type": "cloud", "startTrigger": "automatic", "destination": {
                    "provider": "s3", "bucket": bucket.name, "endpoint": bucket.endpoint,
                    "accessKeyId": "AKIDTEST", "accessKeySecret": "test-secret"}}})).json()
        record = await store.meetings.by_room_name(meeting["roomName"][1:])
        assert record is not None
        ctx.rooms.join(record, "Ann", "host", FakeConn())  # the automatic trigger

        async def states() -> list[str]:
            return [r["state"] for r in (await http.get("/v1/recordings")).json()["results"]]

        async def failed() -> bool:
            return await states() == ["failed"]

        assert await wait_until(failed, 10)
        listed = (await http.get("/v1/recordings")).json()["results"][0]
        assert listed["endDate"] is not None
    hooks = ctx.webhooks.failed()  # type: ignore[union-attr]
    assert [h["status"] for h in hooks] == ["failed"]
    assert not ctx.recording.is_recording(record.room_name)



class FailingBucket:
    """A boto3 client whose bucket always answers SlowDown (retried)."""

    def create_multipart_upload(self, **kwargs: object) -> dict[str, str]:
        raise ClientError({"Error": {"Code": "SlowDown"}}, "CreateMultipartUpload")


class SlowBucketMedia:
    """An in-process SFU whose recorder's uploader retries a failing bucket, and whose
    stop completes the file only once ``release`` is set."""

    records_here = True

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.uploader: MultipartUploader | None = None

    async def start_recording(self, room_name: str, destination: object, key: str,
                              *args: object, **kwargs: object) -> object:
        self.uploader = MultipartUploader(FailingBucket(), "bucket", key, retry_base=0.01,
                                          retry_max=0.05)
        self.uploader.start()
        return SimpleNamespace(wait_failed=asyncio.Event().wait, stop=self._stop)

    async def _stop(self) -> int:
        await self.release.wait()
        return 0


async def test_upload_retries_name_the_recording_and_end_date_is_when_it_stopped(
        store: Store, tmp_path: Path, bucket: Bucket) -> None:
    """Findings 18 and 17: "recording upload retry" warnings carried no recording id; the
    endDate was when the upload gave up, not when the recording stopped."""
    media = SlowBucketMedia()
    ctx = make_ctx(store, tmp_path, media)
    lines: list[str] = []
    handler = logging.Handler()
    handler.setFormatter(JsonFormatter())
    handler.emit = lambda record: lines.append(handler.format(record))  # type: ignore[method-assign]
    uploader_log = logging.getLogger("recording.uploader")
    uploader_log.addHandler(handler)
    try:
        async with await client_for(create_app(ctx), store, "acme") as http:
            meeting = (await http.post("/v1/meetings", json={
                "endDate": END, "roomMode": "group", "recording": {
                    "type": "cloud", "startTrigger": "automatic", "destination": {
                        "provider": "s3", "bucket": bucket.name, "endpoint": bucket.endpoint,
                        "accessKeyId": "AKIDTEST", "accessKeySecret": "test-secret"}}})).json()
            record = await store.meetings.by_room_name(meeting["roomName"][1:])
            assert record is not None
            room, ann, _ = ctx.rooms.join(record, "Ann", "host", FakeConn())
            assert await wait_until(lambda: any("upload retry" in x for x in lines), 10)
            recording_id = (await http.get("/v1/recordings")).json()["results"][0][
                "recordingId"]
            retry = json.loads(next(x for x in lines if "upload retry" in x))
            assert retry["recording"] == recording_id and "SlowDown" in retry["msg"]

            ctx.rooms.leave(room, ann.id)  # the room empties: the recording stops now
            assert await wait_until(lambda: bool(ctx.recording.stopping), 10)
            got = (await http.get(f"/v1/recordings/{recording_id}")).json()
            assert got["state"] == "recording"  # its file is still being completed
            released = dt.datetime.now(dt.UTC)
            media.release.set()

            async def ended() -> bool:
                got = (await http.get(f"/v1/recordings/{recording_id}")).json()
                return got["state"] != "recording"

            assert await wait_until(ended, 10)
            got = (await http.get(f"/v1/recordings/{recording_id}")).json()
            assert dt.datetime.fromisoformat(got["endDate"]) < released
    finally:
        uploader_log.removeHandler(handler)
        if media.uploader is not None and media.uploader._task is not None:  # noqa: SLF001
            media.uploader._task.cancel()  # noqa: SLF001


class HeldStopMedia:
    """An in-process SFU whose recorder uploaded parts 1 and 2 of its file to the bucket and
    whose stop never returns: the bucket holds its last request (the final part's upload, a
    slow bucket) open past the shutdown's budget."""

    records_here = True

    def __init__(self, bucket: Bucket) -> None:
        self.bucket = bucket

    async def start_recording(self, room_name: str, destination: object, key: str,
                              *args: object, **kwargs: object) -> object:
        s3, name = self.bucket.client, self.bucket.name
        upload = s3.create_multipart_upload(Bucket=name, Key=key)["UploadId"]
        for number, body in ((1, b"1" * MIN_PART), (2, b"2" * 100)):
            s3.upload_part(Bucket=name, Key=key, PartNumber=number, UploadId=upload, Body=body)
        return SimpleNamespace(wait_failed=asyncio.Event().wait, stop=asyncio.Event().wait,
                               uploaded=MIN_PART + 100)


async def _recorded_room(ctx: SignalingContext, http: Any, endpoint: str, bucket: Bucket
                         ) -> str:
    """A cloud-recorded meeting joined (the automatic trigger); its recording's id."""
    meeting = (await http.post("/v1/meetings", json={
        "endDate": END, "roomMode": "group", "recording": {
            "type": "cloud", "startTrigger": "automatic", "destination": {
                "provider": "s3", "bucket": bucket.name, "endpoint": endpoint,
                "accessKeyId": "AKIDTEST", "accessKeySecret": "test-secret"}}})).json()
    record = await ctx.store.meetings.by_room_name(meeting["roomName"][1:])
    assert record is not None
    ctx.rooms.join(record, "Ann", "host", FakeConn())
    assert await wait_until(lambda: bool(ctx.recording.running), 10)
    assert await wait_until(lambda: bucket.client.list_multipart_uploads(
        Bucket=bucket.name).get("Uploads", []) != [], 10)
    return (await http.get("/v1/recordings")).json()["results"][0]["recordingId"]


async def test_a_recording_not_completed_at_shutdown_keeps_its_uploaded_parts(
        store: Store, tmp_path: Path, bucket: Bucket) -> None:
    """SIGTERM while the bucket is too slow to complete a recording within the stop's
    budget: its upload was aborted, and nothing of it was kept. It is now completed from
    the parts the bucket holds, and the recording is ``failed`` with the kept file's size
    (the API and ``recording.failed``)."""
    ctx = make_ctx(store, tmp_path, HeldStopMedia(bucket))
    async with await client_for(create_app(ctx), store, "acme") as http:
        recording_id = await _recorded_room(ctx, http, bucket.endpoint, bucket)
        await ctx.recording.close(budget=0.2)
        got = (await http.get(f"/v1/recordings/{recording_id}")).json()
    assert got["state"] == "failed" and got["endDate"] is not None
    assert got["sizeInMegaBytes"] == (MIN_PART + 100) / 1e6
    assert bucket.read(got["filename"]) == b"1" * MIN_PART + b"2" * 100
    assert bucket.client.list_multipart_uploads(Bucket=bucket.name).get("Uploads", []) == []
    finished = ctx.webhooks.failed()  # type: ignore[union-attr]
    assert [(d["recordingId"], d["status"], d["sizeInMegaBytes"]) for d in finished] == [
        (recording_id, "failed", (MIN_PART + 100) / 1e6)]
    assert "not completed within the server's 0.2 s shutdown" in finished[0]["error"]


async def test_a_recording_whose_bucket_is_away_at_shutdown_is_left_to_the_next_process(
        store: Store, tmp_path: Path, bucket: Bucket, monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGTERM while the bucket cannot be reached at all: the recording cannot be completed
    within the shutdown's bound, so it is left (``recording``, no endDate shown while it is,
    no ``recording.failed`` yet) to the next reconciling; the node's next process (same
    node id, another boot) completes it at once, with the endDate of the stop."""
    monkeypatch.setattr("signaling.recording_control.STOP_SALVAGE_S", 1.0)
    proxy = CuttableProxy(bucket.endpoint)
    await proxy.restore()
    ctx = make_ctx(store, tmp_path, HeldStopMedia(bucket))
    ctx.recording.holder = LeaseHolder("node-a", "boot1")
    async with await client_for(create_app(ctx), store, "acme") as http:
        recording_id = await _recorded_room(ctx, http, proxy.endpoint, bucket)
        await proxy.cut()
        stopped = dt.datetime.now(dt.UTC)
        await ctx.recording.close(budget=0.2)
        got = (await http.get(f"/v1/recordings/{recording_id}")).json()
        assert (got["state"], got["endDate"]) == ("recording", None)
        assert ctx.webhooks.failed() == []  # type: ignore[union-attr]

        await proxy.restore()
        restarted = make_ctx(store, tmp_path)
        restarted.recording.holder = LeaseHolder("node-a", "boot2")
        try:
            assert await restarted.recording.reconcile() == 1
        finally:
            await proxy.cut()
        got = (await http.get(f"/v1/recordings/{recording_id}")).json()
    assert got["state"] == "failed"
    assert got["sizeInMegaBytes"] == (MIN_PART + 100) / 1e6
    assert abs(dt.datetime.fromisoformat(got["endDate"]) - stopped) < dt.timedelta(seconds=5)
    finished = restarted.webhooks.failed()  # type: ignore[union-attr]
    assert [(d["recordingId"], d["status"]) for d in finished] == [(recording_id, "failed")]


async def test_two_servers_with_data_dirs_of_their_own_hold_leases_as_two_nodes(
        tmp_path: Path) -> None:
    """Two ``fjord serve`` on one host sharing a database, each with its own data dir and no
    ``node_id``: both were the host's name in their leases, and each took the other's live
    recordings for its own earlier process's, ending them at its start. The default lease
    node names the data dir too; a restart of the same one is the same node."""
    from fjord.data_dir import prepare_data_dir
    from fjord.serve import _lease_holder

    dirs = [prepare_data_dir(load_settings(data_dir=str(tmp_path / name))) for name in "ab"]
    closers: list[Any] = []
    first, second = (_lease_holder(load_settings(data_dir=str(d.root)), d, closers)
                     for d in dirs)
    assert first is not None and second is not None and first.node != second.node
    for close in closers:
        await close()
    closers.clear()
    again = _lease_holder(load_settings(data_dir=str(dirs[0].root)), dirs[0], closers)
    assert again is not None and (again.node, again.boot != first.boot) == (first.node, True)
    await closers[0]()
