"""Issue 14, acceptance 1: a meeting's recording settings are checked at creation, its bucket
credentials are ciphertext at rest (SQLite and PostgreSQL), never returned, never logged, and
gone with the meeting."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import httpx
import pytest

from signaling.room_model import Participant
from signaling.rooms import RECORDER, RoomFull, RoomRegistry
from signaling.store import Store
from tests.features.room_fakes import FakeConn
from tests.store.conftest import Database
from tests.store.test_at_rest import forms

KEY_ID = "AKIAFJORDTESTKEY7781"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFJORDSECRET"


def _end() -> str:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)).isoformat()


def _cloud(**destination: Any) -> dict[str, Any]:
    dest = {"provider": "s3", "bucket": "acme-recordings/meetings/2026", "region": "eu-north-1",
            "accessKeyId": KEY_ID, "accessKeySecret": SECRET, "fileFormat": "mkv"}
    dest.update(destination)
    return {"type": "cloud", "startTrigger": "automatic",
            "destination": {k: v for k, v in dest.items() if v is not None}}


async def test_credentials_are_sealed_never_returned_and_never_logged(
    client: httpx.AsyncClient, store: Store, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    resp = await client.post("/v1/meetings", json={
        "endDate": _end(), "roomMode": "group", "recording": _cloud()})
    assert resp.status_code == 201, resp.text
    created = resp.json()
    assert created["recording"]["destination"]["bucket"] == "acme-recordings/meetings/2026"
    got = await client.get(f"/v1/meetings/{created['meetingId']}")
    assert got.status_code == 200
    assert got.json()["recording"] == {
        "type": "cloud", "startTrigger": "automatic",
        "destination": {"provider": "s3", "fileFormat": "mkv", "region": "eu-north-1",
                        "bucket": "acme-recordings/meetings/2026", "endpoint": None}}
    for text in (resp.text, got.text, caplog.text):
        assert SECRET not in text and KEY_ID not in text

    # The recorder gets them back: sealed, not lost.
    settings = await store.recordings.settings(created["meetingId"])
    assert settings is not None and settings.destination is not None
    assert (settings.destination.access_key_id, settings.destination.access_key_secret) == (
        KEY_ID, SECRET)
    assert SECRET not in repr(settings)

    await store.close()
    raw = database.snapshot()
    assert created["meetingId"].encode() in raw  # the row is in these bytes
    for value in (KEY_ID, SECRET):
        for form in forms(value):
            assert form not in raw, (value, form)


async def test_credentials_go_with_the_meeting(client: httpx.AsyncClient, store: Store,
                                              database: Database) -> None:
    resp = await client.post("/v1/meetings", json={
        "endDate": _end(), "roomMode": "group", "recording": _cloud()})
    meeting_id = resp.json()["meetingId"]
    sealed_before = database.snapshot()
    assert (await client.delete(f"/v1/meetings/{meeting_id}")).status_code == 204
    assert await store.recordings.settings(meeting_id) is None
    if database.kind == "sqlite":  # secure_delete zeroes the freed cells
        await store.close()
        raw = database.snapshot()
        from sqlalchemy import create_engine, text
        engine = create_engine(database.url.replace("+aiosqlite", ""))
        with engine.connect() as conn:
            blobs = conn.execute(text("SELECT count(*) FROM meeting_recording_settings")).scalar()
        engine.dispose()
        assert blobs == 0
        assert meeting_id.encode() in sealed_before and meeting_id.encode() not in raw


SQLITE_ONLY = pytest.mark.parametrize("database", ["sqlite"], indirect=True)
"""Checks made before anything is stored need not run on both databases."""


@SQLITE_ONLY
@pytest.mark.parametrize(("recording", "field"), [
    (_cloud(fileFormat="mp4"), "recording.destination.fileFormat"),
    (_cloud(bucket=None), "recording.destination.bucket"),
    (_cloud(accessKeySecret=None), "recording.destination.accessKeySecret"),
    (_cloud(bucket="Not_A_Bucket"), "recording.destination.bucket"),
    (_cloud(bucket="acme/../etc"), "recording.destination.bucket"),
    # curl and browsers drop "." segments: the access link would name another object.
    (_cloud(bucket="acme/./calls"), "recording.destination.bucket"),
    (_cloud(bucket="acme/calls/."), "recording.destination.bucket"),
    # proxies merge "//" (nginx's merge_slashes): the same for an empty segment
    (_cloud(bucket="acme/calls//2026"), "recording.destination.bucket"),
    (_cloud(region=None), "recording.destination.region"),
    (_cloud(authenticationType="roleBased"), "recording.destination.authenticationType"),
    (_cloud(endpoint="http://127.0.0.1:9000"), "recording.destination.endpoint"),
    (_cloud(endpoint="http://s3.example.com"), "recording.destination.endpoint"),
    (_cloud(endpoint="ftp://s3.example.com"), "recording.destination.endpoint"),
    # An empty query, fragment or port: urlsplit reads them as absent, boto3 would drop them.
    (_cloud(endpoint="https://s3.example.com?"), "recording.destination.endpoint"),
    (_cloud(endpoint="https://s3.example.com#"), "recording.destination.endpoint"),
    (_cloud(endpoint="https://s3.example.com:"), "recording.destination.endpoint"),
    ({"type": "cloud", "startTrigger": "automatic", "destination": None},
     "recording.destination"),
    ({"type": "cloud", "startTrigger": "none", "destination": {"provider": "whereby"}},
     "recording.destination.provider"),
    ({"type": "cloud", "startTrigger": "none",
      "destination": {"provider": "whereby", "accessKeySecret": SECRET}},
     "recording.destination.accessKeySecret"),
    ({"type": "local", "startTrigger": "none", "destination": _cloud()["destination"]},
     "recording.destination"),
    ({"type": "local", "startTrigger": "automatic", "destination": None},
     "recording.startTrigger"),
    ({"type": "local", "startTrigger": "none", "destination": {"provider": "whereby"}},
     "recording.destination"),
    ({"type": "none", "startTrigger": "none", "destination": _cloud()["destination"]},
     "recording.destination"),
    ({"type": "none", "startTrigger": None, "destination": {"provider": "whereby"}},
     "recording.destination"),
    ({"type": "none", "startTrigger": "automatic", "destination": None},
     "recording.startTrigger"),
    ({"type": "none", "startTrigger": "none", "destination": None,
      "encryptionPublicKey": "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"},
     "recording.encryptionPublicKey"),
    ({**_cloud(), "encryptionPublicKey": "age1notarecipient"}, "recording.encryptionPublicKey"),
    # Findings 2, 11 and 17: a trailing newline passed the patterns' "$"; header injection
    # through a key; an IP-formatted bucket; a recipient with white space around it.
    (_cloud(region="us-east-1\n"), "recording.destination.region"),
    (_cloud(bucket="rec\n"), "recording.destination.bucket"),
    (_cloud(bucket="acme/meetings\n"), "recording.destination.bucket"),
    (_cloud(bucket="192.168.1.1"), "recording.destination.bucket"),
    # Names Amazon S3 reserves (it refused them at the first upload).
    (_cloud(bucket="xn--rec"), "recording.destination.bucket"),
    (_cloud(bucket="acme-s3alias/meetings"), "recording.destination.bucket"),
    (_cloud(bucket="acme--x-s3"), "recording.destination.bucket"),
    (_cloud(accessKeyId="AKIA\r\nX-Injected: 1"), "recording.destination.accessKeyId"),
    (_cloud(accessKeySecret="secret with space"), "recording.destination.accessKeySecret"),
    (_cloud(accessKeySecret="tab\there"), "recording.destination.accessKeySecret"),
    ({**_cloud(), "encryptionPublicKey":
      " age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n"},
     "recording.encryptionPublicKey"),
    ({"type": "local", "startTrigger": "none", "destination": None,
      "encryptionPublicKey": "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"},
     "recording.encryptionPublicKey"),
])
async def test_combinations_that_cannot_work_are_422_naming_the_field(
    client: httpx.AsyncClient, store: Store, recording: dict[str, Any], field: str
) -> None:
    resp = await client.post("/v1/meetings", json={
        "endDate": _end(), "roomMode": "group", "recording": recording})
    assert resp.status_code == 422, resp.text
    assert resp.json()["error"].startswith(field + ":"), resp.text
    assert SECRET not in resp.text
    page, _ = await store.meetings.page((await store.ensure_organization("acme")), 10, None)
    assert page == []  # nothing was created


SSRF_ENDPOINTS = [
    "https://127.0.0.1:9443", "https://2130706433:9443", "https://127.1:9443",
    "https://0x7f000001:9443", "https://localhost:9443", "https://0xa9fea9fe",
    "https://2852039166", "https://10.1", "https://0251.0376.0251.0376",
    "https://[64:ff9b::a9fe:a9fe]", "https://0", "https://[::ffff:127.0.0.1]",
    "https://[::1]:9443", "https://[fe80::1]", "https://[64:ff9b:1::a00:1]",
    "https://[2002:7f00:1::]", "https://127.0.0.1.:9443",
    "https://[fec0::1]", "https://[::1.1.1.1]", "https://[::8.8.8.8]",  # finding 5
]
"""Hosts that resolve (numeric forms as getaddrinfo reads them, localhost from /etc/hosts) to
loopback, private, link-local (169.254.169.254) or unspecified addresses, or carry one."""


@SQLITE_ONLY
@pytest.mark.parametrize("endpoint", SSRF_ENDPOINTS)
async def test_endpoints_resolving_to_internal_addresses_are_refused(
    client: httpx.AsyncClient, store: Store, endpoint: str
) -> None:
    resp = await client.post("/v1/meetings", json={
        "endDate": _end(), "roomMode": "group", "recording": _cloud(endpoint=endpoint)})
    assert resp.status_code == 422, resp.text
    assert resp.json()["error"].startswith("recording.destination.endpoint:"), resp.text
    page, _ = await store.meetings.page((await store.ensure_organization("acme")), 10, None)
    assert page == []


@SQLITE_ONLY
@pytest.mark.parametrize("endpoint", [
    "https://exa mple.com", "https://s3.example.com:0", "https://s3.example.com:65536",
    "https://s3.example.com:99999", "https://s3.exa_mple.com\\x", "https://[zz::1]",
    "https://s3.example.com/#x", "https://s3.example.com\n", "https://s3.exam\tple.com",
    "https://s3.example.com:443\r\n", "https://[::1%lo]:9000", "https://[fe80::1%25eth0]",
])
async def test_malformed_endpoints_are_422_naming_the_field(
    client: httpx.AsyncClient, endpoint: str
) -> None:
    resp = await client.post("/v1/meetings", json={
        "endDate": _end(), "roomMode": "group", "recording": _cloud(endpoint=endpoint)})
    assert resp.status_code == 422, resp.text
    assert resp.json()["error"].startswith("recording.destination.endpoint:"), resp.text


@SQLITE_ONLY
async def test_a_cloud_recorded_normal_room_runs_on_the_sfu_with_the_normal_limit(
    client: httpx.AsyncClient, store: Store
) -> None:
    """Issue 14: "Normal rooms whose meeting asks for cloud recording are served by the SFU"
    (it records there); the meeting stays a normal one, and so does its participant limit."""
    resp = await client.post("/v1/meetings", json={"endDate": _end(), "recording": _cloud()})
    assert resp.status_code == 201, resp.text
    assert resp.json()["roomMode"] == "normal"
    room_name = resp.json()["roomUrl"].rsplit("/", 1)[1]
    meeting = await store.meetings.by_room_name(room_name)
    assert meeting is not None and meeting.cloud_recording and meeting.topology == "sfu"
    rooms = RoomRegistry(max_normal=4, max_group=200)
    room = rooms.open(meeting)
    assert room.topology == "sfu"
    rooms.add_participant(room, Participant("p_rec", "Recorder", RECORDER, FakeConn()))
    for i in range(4):  # the recorder takes no one's place
        rooms.join(meeting, f"P{i}", "participant", FakeConn())
    with pytest.raises(RoomFull):
        rooms.join(meeting, "P5", "participant", FakeConn())

    plain = await client.post("/v1/meetings", json={"endDate": _end(), "recording": {
        "type": "local", "startTrigger": "none", "destination": None}})
    local = await store.meetings.by_room_name(plain.json()["roomUrl"].rsplit("/", 1)[1])
    assert local is not None and not local.cloud_recording and local.topology == "p2p"


@SQLITE_ONLY
async def test_wrong_types_are_400_naming_the_field(client: httpx.AsyncClient) -> None:
    bad = _cloud()
    bad["destination"]["provider"] = "gcs"
    resp = await client.post("/v1/meetings", json={"endDate": _end(), "recording": bad})
    assert resp.status_code == 400
    assert "recording.destination.provider" in resp.json()["error"]


@SQLITE_ONLY
async def test_operator_bucket_local_and_loopback_endpoint_when_allowed(
    client: httpx.AsyncClient, store: Store
) -> None:
    ctx = client._transport.app.state.ctx  # type: ignore[attr-defined]
    ctx.settings = ctx.settings.model_copy(update={
        "recording_bucket": "ops-recordings/fjord", "recording_allowed_private_ips":
        ["127.0.0.0/8"]})
    whereby = await client.post("/v1/meetings", json={"endDate": _end(), "roomMode": "group",
                                                      "recording": {
        "type": "cloud", "startTrigger": "automatic-2nd-participant",
        "destination": {"provider": "whereby"}}})
    assert whereby.status_code == 201, whereby.text
    settings = await store.recordings.settings(whereby.json()["meetingId"])
    assert settings is not None and settings.destination is not None
    assert (settings.destination.bucket, settings.destination.key_prefix,
            settings.destination.access_key_secret) == ("ops-recordings", "fjord", None)

    local = await client.post("/v1/meetings", json={"endDate": _end(), "recording": {
        "type": "local", "startTrigger": "none", "destination": None}})
    assert local.status_code == 201, local.text
    assert local.json()["recording"] == {"type": "local", "startTrigger": "none",
                                         "destination": None}

    loopback = await client.post("/v1/meetings", json={
        "endDate": _end(), "roomMode": "group",
        "recording": _cloud(endpoint="http://127.0.0.1:9000", region=None,
                            bucket="xn--store")})  # Amazon's reserved names: Amazon's only
    assert loopback.status_code == 201, loopback.text

    none = await client.post("/v1/meetings", json={"endDate": _end(), "recording": {
        "type": "none", "startTrigger": None, "destination": None}})
    assert none.status_code == 201
    assert "recording" not in (await client.get(f"/v1/meetings/{none.json()['meetingId']}")).json()
