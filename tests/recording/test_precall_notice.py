"""Issue 14: the room page of a recorded meeting carries its recording type, so the pre-call
screen says the meeting is recorded (and, for a cloud recording, that it is not end-to-end
encrypted) before anyone joins. The page's text is checked in Chromium by
tests/e2e/test_precall_page.py."""

from __future__ import annotations

import datetime as dt

import pytest

from signaling.store import Store
from tests.recording.test_recordings_api import app, client_for  # noqa: F401

CLOUD = {"type": "cloud", "startTrigger": "none", "destination": {
    "provider": "s3", "bucket": "acme-recordings", "region": "eu-west-1",
    "accessKeyId": "AKIDPRECALL", "accessKeySecret": "precall-secret"}}
LOCAL = {"type": "local", "startTrigger": "none", "destination": None}


async def room_page(app: object, store: Store, room_mode: str,  # noqa: F811
                    recording: dict | None) -> str:
    """The room page (HTML) of a new meeting of ``room_mode`` with ``recording`` (or none)."""
    end = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    body: dict = {"endDate": end, "roomMode": room_mode}
    if recording is not None:
        body["recording"] = recording
    async with await client_for(app, store, "acme") as client:
        created = await client.post("/v1/meetings", json=body)
        assert created.status_code == 201, created.text
        page = await client.get(created.json()["roomUrl"].split("meet.example.test")[1])
    assert page.status_code == 200
    return page.text


@pytest.mark.parametrize(("recording", "mark"), [
    (CLOUD, 'data-recording="cloud"'), (LOCAL, 'data-recording="local"'),
    (None, 'data-recording="none"'),
    ({"type": "none", "startTrigger": "none", "destination": None}, 'data-recording="none"')])
async def test_the_room_page_carries_the_recording_type(
    app: object, store: Store, recording: dict | None, mark: str  # noqa: F811
) -> None:
    page = await room_page(app, store, "group", recording)
    assert page.count("data-recording=") == 1 and mark in page
    assert "AKIDPRECALL" not in page and "acme-recordings" not in page


@pytest.mark.parametrize(("room_mode", "recording", "mark"), [
    ("normal", None, 'data-topology="p2p"'), ("group", None, 'data-topology="sfu"'),
    ("normal", CLOUD, 'data-topology="sfu"'), ("normal", LOCAL, 'data-topology="p2p"')])
async def test_the_room_page_carries_the_topology(
    app: object, store: Store, room_mode: str, recording: dict | None, mark: str  # noqa: F811
) -> None:
    """The pre-call screen says the server can read the media of a group room (and of a
    cloud-recorded normal room, which runs on the SFU) and not of a P2P one: the page is
    marked with the topology the room will run on."""
    page = await room_page(app, store, room_mode, recording)
    assert page.count("data-topology=") == 1 and mark in page
