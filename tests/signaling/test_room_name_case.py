"""Room names in REST paths and filters take any letter case, as the room page and
signaling do (signaling/room_names.py): room names are lowercase, and a backend that
stored ``/Sales-Demo`` or a name capitalised by hand still reaches its room.

Tester finding: ``GET /v1/rooms/Sales-Demo/theme``, a theme ``PUT`` and ``/v1/recordings
?roomName=/Sales-Demo`` matched names exactly: a 404 or an empty list for a room that the
same link opens. (Insights filters: test_insights_api.py.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
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
from tests.store.conftest import make_cipher

ROOM = "sales-demo"


@pytest.fixture
async def env(tmp_path: Path) -> AsyncIterator[tuple[httpx.AsyncClient, Store, str]]:
    """A client of organization acme, its store (with a field cipher: themes and bucket
    credentials are sealed) and acme's id; acme has a meeting of room ``sales-demo``."""
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'fjord.db'}",
                             make_cipher(tmp_path / "keys"))
    org_id = await store.ensure_organization("acme")
    now = dt.datetime.now(dt.UTC)
    await store.meetings.create(org_id, ROOM, "normal", False, now, now + dt.timedelta(hours=1))
    ctx = SignalingContext(
        settings=load_settings(data_dir=str(tmp_path), public_url="https://meet.example.test"),
        store=store, signer=RoomKeySigner.from_data_dir(tmp_path / "keys"),
        turn_secrets=[b"test-secret"], rooms=RoomRegistry(4, 200))
    async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=create_app(ctx)), base_url="https://testserver",
            headers={"Authorization": f"Bearer {await store.create_api_key(org_id)}"}) as http:
        yield http, store, org_id
    await store.close()


@pytest.mark.parametrize("name", ["Sales-Demo", "SALES-DEMO"])
async def test_the_theme_of_a_room_named_in_capitals(
        env: tuple[httpx.AsyncClient, Store, str], name: str) -> None:
    client = env[0]
    put = await client.put(f"/v1/rooms/{name}/theme/tokens", json={
        "tokensPreset": "custom", "tokens": {"colors": {"primary": "#112233"}}})
    assert put.status_code == 204, put.text
    got = await client.get(f"/v1/rooms/{name}/theme")
    assert got.status_code == 200, got.text
    assert got.json()["tokens"] == (await client.get(f"/v1/rooms/{ROOM}/theme")).json()[
        "tokens"] == {"primary": "#112233"}


async def test_recordings_of_a_room_named_in_capitals(
        env: tuple[httpx.AsyncClient, Store, str]) -> None:
    client, store, org_id = env
    destination = BucketDestination("s3", "bucket", "", "us-east-1", None, "AKIDTEST",
                                    "test-secret")
    await store.recordings.start(org_id, ROOM, "s_1", f"{ROOM}.mkv", destination)
    await store.recordings.start(org_id, "other-room", "s_2", "other-room.mkv", destination)
    for name in ("/Sales-Demo", "SALES-DEMO", "/sales-demo"):
        resp = await client.get("/v1/recordings", params={"roomName": name})
        assert resp.status_code == 200, resp.text
        assert [r["roomName"] for r in resp.json()["results"]] == ["/sales-demo"], name


async def test_a_room_not_named_in_ascii_is_still_unknown(
        env: tuple[httpx.AsyncClient, Store, str]) -> None:
    """Only ASCII capitals are folded: ``\u212a`` (Kelvin) lowercases to "k" in Python."""
    client = env[0]
    resp = await client.get("/v1/rooms/SALES-DEMO\u212a/theme")
    assert resp.status_code == 404
