"""The demo meeting ``fjord serve`` (``make run``) prints on a development install.

Tester finding: every start made another 24-hour meeting, so a developer restarting the
server a few times an hour piled up meetings (and rooms) in the demo organization. A start
now reuses the newest demo meeting that is still usable for a while, and makes one only
when there is none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from fjord.demo_meeting import DEMO_MIN_LEFT, DEMO_ORG, demo_room_url
from fjord.settings_loading import load_settings
from keys.room_keys import RoomKeySigner
from signaling.store import Store


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'fjord.db'}")
    yield store
    await store.close()


async def _demo_meetings(store: Store) -> list:
    org = await store.ensure_organization(DEMO_ORG)
    return (await store.meetings.page(org, 100, None))[0]


async def test_a_restart_reuses_the_demo_meeting(store: Store, tmp_path: Path) -> None:
    settings = load_settings(data_dir=str(tmp_path), public_url="https://meet.example.test")
    signer = RoomKeySigner.from_data_dir(tmp_path / "keys")
    first = await demo_room_url(settings, store, signer)
    again = await demo_room_url(settings, store, signer)
    assert first.split("?")[0] == again.split("?")[0]
    assert "?roomKey=" in again
    assert len(await _demo_meetings(store)) == 1


@pytest.mark.parametrize("spoil", ["ended", "locked", "ending soon"])
async def test_a_demo_meeting_no_longer_usable_is_not_reused(store: Store, tmp_path: Path,
                                                            spoil: str) -> None:
    """One a host ended or locked, or one that ends within DEMO_MIN_LEFT: a new one."""
    settings = load_settings(data_dir=str(tmp_path), public_url="https://meet.example.test")
    signer = RoomKeySigner.from_data_dir(tmp_path / "keys")
    first = await demo_room_url(settings, store, signer)
    room = first.split("?")[0].rsplit("/", 1)[1]
    if spoil == "ended":
        await store.meetings.mark_ended(room)
    elif spoil == "locked":
        await store.meetings.set_locked(room, True)
    else:
        org = await store.ensure_organization(DEMO_ORG)
        await store.meetings.purge(dt.datetime.now(dt.UTC) + dt.timedelta(days=2))
        now = dt.datetime.now(dt.UTC)
        await store.meetings.create(org, room, "normal", False, now,
                                    now + DEMO_MIN_LEFT - dt.timedelta(minutes=1))
    again = await demo_room_url(settings, store, signer)
    assert again.split("?")[0] != first.split("?")[0]
    assert len(await _demo_meetings(store)) == 2


async def test_another_meeting_of_the_demo_organization_is_not_taken(
        store: Store, tmp_path: Path) -> None:
    """A meeting made through the API with a key of the demo organization is not the demo."""
    settings = load_settings(data_dir=str(tmp_path), public_url="https://meet.example.test")
    signer = RoomKeySigner.from_data_dir(tmp_path / "keys")
    org = await store.ensure_organization(DEMO_ORG)
    now = dt.datetime.now(dt.UTC)
    await store.meetings.create(org, "demo-9e5c2a7e-52c4-4ca2-9ac8-5c7f1d0b6a1e", "group",
                                False, now, now + dt.timedelta(days=3))
    url = await demo_room_url(settings, store, signer)
    assert "9e5c2a7e" not in url
