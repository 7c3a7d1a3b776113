"""An in-process signaling app over a temporary SQLite store, for API unit tests."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from fjord.settings_loading import load_settings
from keys.room_keys import RoomKeySigner
from operability.ratelimit import KeyedRateLimiter
from signaling import app as app_module
from signaling.app import create_app
from signaling.context import SignalingContext
from signaling.rooms import RoomRegistry
from signaling.store import Store
from tests.conftest import FjordServer, start_fjord, stop_fjord


@pytest.fixture
async def ctx(tmp_path: Path) -> AsyncIterator[SignalingContext]:
    settings = load_settings(data_dir=str(tmp_path), public_url="https://meet.example.test")
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'fjord.db'}")
    yield SignalingContext(
        settings=settings,
        store=store,
        signer=RoomKeySigner.from_data_dir(tmp_path / "keys"),
        turn_secrets=[b"test-secret"],
        rooms=RoomRegistry(4, 200),
    )
    await store.close()


@pytest.fixture
async def api_key(ctx: SignalingContext) -> str:
    return await ctx.store.create_api_key(await ctx.store.ensure_organization("acme"))


async def _client(ctx: SignalingContext, api_key: str) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(ctx))
    async with httpx.AsyncClient(
        transport=transport,
        base_url="https://testserver",
        headers={"Authorization": f"Bearer {api_key}"},
    ) as http:
        yield http


@pytest.fixture
async def client(ctx: SignalingContext, api_key: str) -> AsyncIterator[httpx.AsyncClient]:
    async for http in _client(ctx, api_key):
        yield http


@pytest.fixture
async def still_clock_client(ctx: SignalingContext, api_key: str,
                             monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[httpx.AsyncClient]:
    """Like ``client``, but the REST rate limiter's clock stands still: its buckets never
    refill during a test, however slowly a loaded machine sends the requests."""
    monkeypatch.setattr(app_module, "KeyedRateLimiter",
                        functools.partial(KeyedRateLimiter, clock=lambda: 0.0))
    async for http in _client(ctx, api_key):
        yield http


@pytest.fixture
def slow_join_server(tmp_path: Path) -> Iterator[FjordServer]:
    """A real server whose addresses may join once a second (burst 5)."""
    server = start_fjord(tmp_path / "data", tmp_path / "fjord.log",
                         FJORD_WS_JOINS_PER_SECOND="1")
    yield server
    stop_fjord(server)
