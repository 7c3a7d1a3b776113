"""Issue 14, the recordings API (Whereby's shapes): list with cursor and roomName, get,
access link (a presigned URL that downloads the same bytes from the bucket), delete and
bulk-delete (the object too), one organization never seeing another's."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import httpx
import pytest

from fjord.settings_loading import load_settings
from keys.room_keys import RoomKeySigner
from signaling.app import create_app
from signaling.context import SignalingContext
from signaling.recording_settings import BucketDestination
from signaling.rooms import RoomRegistry
from signaling.store import Store
from tests.recording.conftest import Bucket, CuttableProxy


@pytest.fixture
async def app(store: Store, tmp_path: Path) -> object:
    ctx = SignalingContext(
        settings=load_settings(data_dir=str(tmp_path), public_url="https://meet.example.test",
                               recording_allowed_private_ips=["127.0.0.1"]),
        store=store, signer=RoomKeySigner.from_data_dir(tmp_path / "keys"),
        turn_secrets=[b"test-secret"], rooms=RoomRegistry(4, 200))
    return create_app(ctx)


END = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).isoformat()


async def client_for(app: object, store: Store, org: str) -> httpx.AsyncClient:
    key = await store.create_api_key(await store.ensure_organization(org))
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app),  # type: ignore[arg-type]
                             base_url="https://testserver",
                             headers={"Authorization": f"Bearer {key}"})


async def finished_recording(store: Store, bucket: Bucket, org: str, room: str,
                             data: bytes) -> str:
    destination = BucketDestination("s3", bucket.name, "", "us-east-1", bucket.endpoint,
                                    "AKIDTEST", "test-secret")
    org_id = await store.ensure_organization(org)
    record = await store.recordings.start(org_id, room, "sess-1", f"{room}/rec.mkv",
                                          destination)
    bucket.client.put_object(Bucket=bucket.name, Key=f"{room}/rec.mkv", Body=data)
    await store.recordings.finish(record.recording_id, "finished", len(data))
    return record.recording_id


async def test_list_get_access_link_and_delete(app: object, store: Store,
                                               bucket: Bucket) -> None:
    data = os.urandom(300_000)
    ids = [await finished_recording(store, bucket, "acme", room, data)
           for room in ("room-a", "room-b", "room-a2")]
    other = await finished_recording(store, bucket, "globex", "room-g", b"x")
    async with await client_for(app, store, "acme") as http:
        first = (await http.get("/v1/recordings", params={"limit": 2})).json()
        second = (await http.get("/v1/recordings", params={"cursor": first["cursor"]})).json()
        assert [r["recordingId"] for r in first["results"] + second["results"]] == ids
        assert second["cursor"] is None  # the last page (Whereby's text: null)
        only_b = (await http.get("/v1/recordings", params={"roomName": "/room-b"})).json()
        assert [r["recordingId"] for r in only_b["results"]] == [ids[1]]
        got = (await http.get(f"/v1/recordings/{ids[0]}")).json()
        assert got["sizeInMegaBytes"] == 0.3 and got["filename"] == "room-a/rec.mkv"
        assert set(got) >= {"recordingId", "roomSessionId", "filename", "startDate", "endDate",
                            "sizeInMegaBytes"}
        assert "test-secret" not in str(got) and "AKIDTEST" not in str(got)
        assert (await http.get(f"/v1/recordings/{other}")).status_code == 404

        link = await http.get(f"/v1/recordings/{ids[0]}/access-link",
                              params={"validForSeconds": 43200})
        assert link.status_code == 200
        async with httpx.AsyncClient() as plain:
            downloaded = await plain.get(link.json()["accessLink"])
        assert downloaded.status_code == 200 and downloaded.content == data
        too_long = await http.get(f"/v1/recordings/{ids[0]}/access-link",
                                  params={"validForSeconds": 43201})
        assert too_long.status_code == 400

        assert (await http.delete(f"/v1/recordings/{ids[0]}")).status_code == 204
        assert (await http.get(f"/v1/recordings/{ids[0]}")).status_code == 404
        # deleting again is a no-op (Whereby documents 204 only), and the recording is gone
        assert (await http.delete(f"/v1/recordings/{ids[0]}")).status_code == 204
        assert (await http.get(f"/v1/recordings/{ids[0]}")).status_code == 404
        bulk = await http.post("/v1/recordings/bulk-delete",
                               json={"recordingIds": [ids[1], ids[2], other]})
        assert bulk.status_code == 204
        assert (await http.get("/v1/recordings")).json()["results"] == []
    keys = [o["Key"] for o in bucket.client.list_objects_v2(Bucket=bucket.name)["Contents"]]
    assert keys == ["room-g/rec.mkv"]  # another organization's id in the bulk is ignored
    async with await client_for(app, store, "globex") as http:
        assert (await http.get(f"/v1/recordings/{other}")).status_code == 200


async def test_a_running_recording_is_not_deleted(app: object, store: Store,
                                                  bucket: Bucket) -> None:
    """Deleting while the upload runs would leave the completed object orphaned: 409 naming
    the state, for the single and the bulk delete; the bulk delete still deletes the
    others (finding 3: a finished one went undeleted)."""
    destination = BucketDestination("s3", bucket.name, "", "us-east-1", bucket.endpoint,
                                    "AKIDTEST", "test-secret")
    org_id = await store.ensure_organization("acme")
    running = await store.recordings.start(org_id, "room-r", "", "room-r/rec.mkv", destination)
    done = await finished_recording(store, bucket, "acme", "room-d", b"data")
    async with await client_for(app, store, "acme") as http:
        refused = await http.delete(f"/v1/recordings/{running.recording_id}")
        assert refused.status_code == 409
        assert "state recording" in refused.json()["error"]
        assert running.recording_id in refused.json()["error"]
        bulk = await http.post("/v1/recordings/bulk-delete",
                               json={"recordingIds": [done, running.recording_id]})
        assert bulk.status_code == 409
        error = bulk.json()["error"]
        assert running.recording_id in error and done not in error
        assert "every other recording was deleted" in error
        assert (await http.get(f"/v1/recordings/{done}")).status_code == 404
        assert "Contents" not in bucket.client.list_objects_v2(Bucket=bucket.name)
        got = await http.get(f"/v1/recordings/{running.recording_id}")
        assert got.json()["state"] == "recording"
        await store.recordings.finish(running.recording_id, "finished", 0)
        assert (await http.delete(f"/v1/recordings/{running.recording_id}")).status_code == 204


async def test_a_bulk_delete_that_kept_every_id_claims_no_other_was_deleted(
        app: object, store: Store, bucket: Bucket) -> None:
    """Tester finding: two running recordings (or one named twice) got "every other
    recording was deleted", when the request named no other."""
    destination = BucketDestination("s3", bucket.name, "", "us-east-1", bucket.endpoint,
                                    "AKIDTEST", "test-secret")
    org_id = await store.ensure_organization("acme")
    ids = [(await store.recordings.start(org_id, f"room-{i}", "", f"room-{i}/rec.mkv",
                                         destination)).recording_id for i in range(2)]
    async with await client_for(app, store, "acme") as http:
        for named in (ids, [ids[0], ids[0]]):
            bulk = await http.post("/v1/recordings/bulk-delete", json={"recordingIds": named})
            assert bulk.status_code == 409
            assert "state recording" in bulk.json()["error"]
            assert "every other recording" not in bulk.json()["error"]


async def test_room_session_id_is_null_until_a_session_starts_then_its_id(
        app: object, store: Store, bucket: Bucket) -> None:
    destination = BucketDestination("s3", bucket.name, "", "us-east-1", bucket.endpoint,
                                    "AKIDTEST", "test-secret")
    org_id = await store.ensure_organization("acme")
    record = await store.recordings.start(org_id, "room-s", "", "room-s/rec.mkv", destination)
    async with await client_for(app, store, "acme") as http:
        got = (await http.get(f"/v1/recordings/{record.recording_id}")).json()
        assert got["roomSessionId"] is None  # as recording.finished carries it: never ""
        await store.recordings.set_session(record.recording_id, "s_later")
        await store.recordings.set_session(record.recording_id, "s_other")  # first one wins
        got = (await http.get(f"/v1/recordings/{record.recording_id}")).json()
        assert got["roomSessionId"] == "s_later"


async def test_sort_by_whereby_fields_pages_with_the_cursor(app: object, store: Store,
                                                            bucket: Bucket) -> None:
    """Finding 4: ``sortBy`` (Whereby's roomName, startDate, sizeInMegaBytes; :asc/:desc)
    was ignored; each order pages with its own cursor; other values are a 400 naming it."""
    sizes = {"room-b": 3, "room-a": 1, "room-c": 2}
    ids = {room: await finished_recording(store, bucket, "acme", room, b"x" * size)
           for room, size in sizes.items()}
    async with await client_for(app, store, "acme") as http:
        async def listed(sort: str) -> list[str]:
            first = (await http.get("/v1/recordings", params={"sortBy": sort,
                                                              "limit": 2})).json()
            rest = (await http.get("/v1/recordings", params={
                "sortBy": sort, "cursor": first["cursor"]})).json()
            assert rest["cursor"] is None
            return [r["roomName"] for r in first["results"] + rest["results"]]

        oldest = [r["roomName"] for r in (await http.get("/v1/recordings")).json()["results"]]
        assert oldest == ["/room-b", "/room-a", "/room-c"]
        assert await listed("startDate:asc") == oldest
        assert await listed("startDate:desc") == oldest[::-1]
        assert await listed("roomName:asc") == ["/room-a", "/room-b", "/room-c"]
        assert await listed("roomName:desc") == ["/room-c", "/room-b", "/room-a"]
        assert await listed("sizeInMegaBytes") == ["/room-a", "/room-c", "/room-b"]
        assert await listed("sizeInMegaBytes:desc") == ["/room-b", "/room-c", "/room-a"]
        for bad in ("bogus", "startDate:up", "duration:asc"):
            resp = await http.get("/v1/recordings", params={"sortBy": bad})
            assert resp.status_code == 400 and "sortBy" in resp.json()["error"], bad
        by_name = (await http.get("/v1/recordings", params={"sortBy": "roomName",
                                                            "limit": 1})).json()
        other_order = await http.get("/v1/recordings", params={
            "sortBy": "startDate", "cursor": by_name["cursor"]})
        assert other_order.status_code == 400
        null = await http.get("/v1/recordings", params={"cursor": "null"})
        assert null.status_code == 400 and "the last page has none" in null.json()["error"]
    assert len(ids) == 3


async def test_an_access_link_needs_an_object(app: object, store: Store,
                                              bucket: Bucket) -> None:
    """Finding 10: a failed recording that uploaded nothing got a presigned URL to a missing
    object; now a 409 saying why."""
    destination = BucketDestination("s3", bucket.name, "", "us-east-1", bucket.endpoint,
                                    "AKIDTEST", "test-secret")
    org_id = await store.ensure_organization("acme")
    record = await store.recordings.start(org_id, "room-f", "", "room-f/rec.mkv", destination)
    await store.recordings.finish(record.recording_id, "failed", 0)
    async with await client_for(app, store, "acme") as http:
        resp = await http.get(f"/v1/recordings/{record.recording_id}/access-link")
        assert resp.status_code == 409
        assert "state failed and no object" in resp.json()["error"]


async def test_deleting_the_meeting_deletes_its_recordings_credentials(
        app: object, store: Store, bucket: Bucket) -> None:
    """Docs finding: after DELETE /v1/meetings/{id} access links were still signed with the
    meeting's key. Now the recordings' sealed copies go with the meeting: no access link, no
    object deletion (409 saying so), the metadata still deletable with keepObject=true."""
    from signaling.recording_models import Recording

    org_id = await store.ensure_organization("acme")
    async with await client_for(app, store, "acme") as http:
        meeting = (await http.post("/v1/meetings", json={
            "endDate": END, "roomMode": "group", "recording": {
                "type": "cloud", "startTrigger": "automatic", "destination": {
                    "provider": "s3", "bucket": bucket.name, "endpoint": bucket.endpoint,
                    "accessKeyId": "AKIDTEST", "accessKeySecret": "test-secret"}}})).json()
        settings = await store.recordings.settings(meeting["meetingId"])
        assert settings is not None and settings.destination is not None
        record = await store.recordings.start(org_id, meeting["roomName"][1:], "",
                                              "rec.mkv", settings.destination,
                                              meeting["meetingId"])
        bucket.client.put_object(Bucket=bucket.name, Key="rec.mkv", Body=b"media")
        await store.recordings.finish(record.recording_id, "finished", 5)
        rec = f"/v1/recordings/{record.recording_id}"
        assert (await http.get(f"{rec}/access-link")).status_code == 200

        assert (await http.delete(f"/v1/meetings/{meeting['meetingId']}")).status_code == 204
        link = await http.get(f"{rec}/access-link")
        assert link.status_code == 409
        assert "credentials were deleted with the meeting" in link.json()["error"]
        async with store._session() as session:  # noqa: SLF001 (the sealed columns)
            row = await session.get(Recording, record.recording_id)
            assert row is not None and row.access_key_id is None
            assert row.access_key_secret is None
        refused = await http.delete(rec)
        assert refused.status_code == 409
        assert "credentials were deleted with the meeting" in refused.json()["error"]
        assert (await http.get(rec)).status_code == 200
        assert (await http.delete(rec, params={"keepObject": "true"})).status_code == 204
        assert (await http.get(rec)).status_code == 404
    keys = [o["Key"] for o in bucket.client.list_objects_v2(Bucket=bucket.name)["Contents"]]
    assert keys == ["rec.mkv"]  # this server could no longer delete it


async def test_keep_object_deletes_the_metadata_and_keeps_the_object(
        app: object, store: Store, bucket: Bucket) -> None:
    """keepObject=true deleted the object anyway wherever the credentials still reached it:
    a client keeping its file and dropping the metadata lost the file."""
    single = await finished_recording(store, bucket, "acme", "room-k", b"kept")
    bulk = await finished_recording(store, bucket, "acme", "room-l", b"kept too")
    async with await client_for(app, store, "acme") as http:
        kept = await http.delete(f"/v1/recordings/{single}", params={"keepObject": "true"})
        assert kept.status_code == 204
        assert (await http.post("/v1/recordings/bulk-delete", params={"keepObject": "true"},
                                json={"recordingIds": [bulk]})).status_code == 204
        assert (await http.get("/v1/recordings")).json()["results"] == []
    keys = {o["Key"] for o in bucket.client.list_objects_v2(Bucket=bucket.name)["Contents"]}
    assert keys == {"room-k/rec.mkv", "room-l/rec.mkv"}


async def test_deleting_a_failed_recording_aborts_its_unfinished_upload(
        app: object, store: Store, bucket: Bucket) -> None:
    """A recording failed and its upload's abort was refused too (the bucket away, or
    refusing, at its end): deleting it later removed the metadata and left the parts in
    the bucket, billed, with nothing left to name them."""
    destination = BucketDestination("s3", bucket.name, "", "us-east-1", bucket.endpoint,
                                    "AKIDTEST", "test-secret")
    record = await store.recordings.start(await store.ensure_organization("acme"), "room-f",
                                          "sess-1", "room-f/rec.mkv", destination)
    bucket.client.create_multipart_upload(Bucket=bucket.name, Key="room-f/rec.mkv")
    bucket.client.create_multipart_upload(Bucket=bucket.name, Key="room-f/rec.mkv.other")
    await store.recordings.finish(record.recording_id, "failed", 0)
    async with await client_for(app, store, "acme") as http:
        gone = await http.delete(f"/v1/recordings/{record.recording_id}")
        assert gone.status_code == 204
    left = bucket.client.list_multipart_uploads(Bucket=bucket.name).get("Uploads", [])
    assert [u["Key"] for u in left] == ["room-f/rec.mkv.other"]  # only its own object's


async def test_a_delete_while_the_bucket_is_away_keeps_the_recording(
        app: object, store: Store, bucket: Bucket) -> None:
    """The object's deletion failed on a bucket outage, was logged, and the metadata went
    anyway (204): the object stayed in the bucket with nothing left naming it. Now the
    recording stays (503 naming it) until a delete reaches the bucket."""
    proxy = CuttableProxy(bucket.endpoint)
    await proxy.restore()
    destination = BucketDestination("s3", bucket.name, "", "us-east-1", proxy.endpoint,
                                    "AKIDTEST", "test-secret")
    record = await store.recordings.start(await store.ensure_organization("acme"), "room-o",
                                          "sess-1", "room-o/rec.mkv", destination)
    bucket.client.put_object(Bucket=bucket.name, Key="room-o/rec.mkv", Body=b"mkv")
    await store.recordings.finish(record.recording_id, "finished", 3)
    other = await finished_recording(store, bucket, "acme", "room-p", b"mkv")
    rec = f"/v1/recordings/{record.recording_id}"
    async with await client_for(app, store, "acme") as http:
        await proxy.cut()
        away = await http.post("/v1/recordings/bulk-delete",
                               json={"recordingIds": [record.recording_id, other]})
        assert away.status_code == 503, away.text
        assert record.recording_id in away.json()["error"] and other not in away.json()["error"]
        assert (await http.get(rec)).status_code == 200
        assert (await http.get(f"/v1/recordings/{other}")).status_code == 404
        await proxy.restore()
        assert (await http.delete(rec)).status_code == 204
        assert (await http.get(rec)).status_code == 404
    await proxy.cut()
    assert bucket.client.list_objects_v2(Bucket=bucket.name).get("Contents", []) == []


async def test_the_meeting_list_shows_each_meetings_recording(
        app: object, store: Store, bucket: Bucket) -> None:
    """Finding 7: GET /v1/meetings omitted ``recording`` that POST and GET by id show."""
    async with await client_for(app, store, "acme") as http:
        created = (await http.post("/v1/meetings", json={
            "endDate": END, "roomMode": "group", "recording": {
                "type": "cloud", "startTrigger": "automatic", "destination": {
                    "provider": "s3", "bucket": bucket.name, "endpoint": bucket.endpoint,
                    "accessKeyId": "AKIDTEST", "accessKeySecret": "test-secret"}}})).json()
        assert "meetingId" in created, created
        plain = (await http.post("/v1/meetings", json={
            "endDate": END})).json()
        listed = (await http.get("/v1/meetings")).json()["results"]
        by_id = {m["meetingId"]: m for m in listed}
        assert by_id[created["meetingId"]]["recording"] == created["recording"]
        assert "recording" not in by_id[plain["meetingId"]]
        assert "test-secret" not in str(listed) and "AKIDTEST" not in str(listed)


@pytest.mark.parametrize("room_name", ["", "/"])
async def test_an_empty_room_name_filter_is_refused_not_dropped(
        app: object, store: Store, room_name: str) -> None:
    """Tester finding: ``GET /v1/recordings?roomName=`` (a backend whose room name variable
    was empty) listed every recording of the organization, as if no filter were given, while
    ``roomName=/`` listed none. An empty filter is a 400 naming ``roomName``, as
    ``/v1/insights/room-sessions`` answers it."""
    destination = BucketDestination("s3", "rec-bucket", "", "us-east-1", None,
                                    "AKIDTEST", "test-secret")
    org_id = await store.ensure_organization("acme")
    await store.recordings.start(org_id, "room-a", "", "room-a/rec.mkv", destination)
    async with await client_for(app, store, "acme") as http:
        resp = await http.get("/v1/recordings", params={"roomName": room_name})
        assert resp.status_code == 400, resp.text
        assert "roomName" in resp.json()["error"]
        only_a = (await http.get("/v1/recordings", params={"roomName": "room-a"})).json()
        assert [r["roomName"] for r in only_a["results"]] == ["/room-a"]


async def test_a_cursor_pages_only_the_room_filter_it_was_issued_for(
        app: object, store: Store, bucket: Bucket) -> None:
    """Tester finding: a cursor of ``roomName=/room-a`` sent with ``roomName=/room-b`` (or
    with no filter: a dashboard whose room picker changed between two pages) was taken, and
    the other list came back from the middle, its first recordings silently left out; the
    insights lists refuse a cursor of other filters."""
    first_a = await finished_recording(store, bucket, "acme", "room-a", b"a")
    await finished_recording(store, bucket, "acme", "room-b", b"b")
    second_a = await finished_recording(store, bucket, "acme", "room-a", b"a")
    async with await client_for(app, store, "acme") as http:
        page = (await http.get("/v1/recordings", params={"roomName": "/room-a",
                                                         "limit": 1})).json()
        assert [r["recordingId"] for r in page["results"]] == [first_a]
        for other in ({"roomName": "/room-b"}, {}):
            resp = await http.get("/v1/recordings", params={**other, "cursor": page["cursor"]})
            assert resp.status_code == 400, resp.text
            assert resp.json()["error"].startswith("invalid cursor")
        same = await http.get("/v1/recordings", params={"roomName": "room-a",
                                                        "cursor": page["cursor"]})
        assert [r["recordingId"] for r in same.json()["results"]] == [second_a], same.text
