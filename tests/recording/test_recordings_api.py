"""Issue 14, the recordings API (Whereby's shapes): list with cursor and roomName, get,
access link (a presigned URL that downloads the same bytes from the bucket), delete and
bulk-delete (the object too), one organization never seeing another's."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

from fjord.settings import load_settings
from keys.room_keys import RoomKeySigner
from signaling.app import create_app
from signaling.context import SignalingContext
from signaling.recording_settings import BucketDestination
from signaling.rooms import RoomRegistry
from signaling.store import Store
from tests.recording.conftest import Bucket


@pytest.fixture
async def app(store: Store, tmp_path: Path) -> object:
    ctx = SignalingContext(
        settings=load_settings(data_dir=str(tmp_path), public_url="https://meet.example.test",
                               recording_allowed_private_ips=["127.0.0.1"]),
        store=store, signer=RoomKeySigner.from_data_dir(tmp_path / "keys"),
        turn_secrets=[b"test-secret"], rooms=RoomRegistry(4, 200))
    return create_app(ctx)


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
        assert "cursor" not in second  # the last page: no cursor (Whereby: a string or absent)
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
    the state, for the single and the bulk delete, and nothing is deleted."""
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
        assert (await http.get(f"/v1/recordings/{done}")).status_code == 200
        got = await http.get(f"/v1/recordings/{running.recording_id}")
        assert got.json()["state"] == "recording"
        await store.recordings.finish(running.recording_id, "finished", 0)
        assert (await http.delete(f"/v1/recordings/{running.recording_id}")).status_code == 204


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
