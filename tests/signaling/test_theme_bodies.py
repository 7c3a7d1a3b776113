"""Theme ``PUT`` bodies that are refused by name: none is answered 204 and dropped."""

from __future__ import annotations

import httpx
import pytest

from tests.signaling.test_api import create


@pytest.mark.parametrize("part", ["tokens", "logo", "room-background",
                                  "room-knock-page-background"])
async def test_theme_body_nested_too_deeply_is_named(client: httpx.AsyncClient,
                                                     part: str) -> None:
    """Valid JSON nested deeper than the parser follows is not called invalid."""
    room = (await create(client)).json()["roomName"]
    resp = await client.put(f"/v1/rooms{room}/theme/{part}",
                            content=b"[" * 30_000 + b"]" * 30_000,
                            headers={"Content-Type": "application/json"})
    assert resp.status_code == 400
    assert resp.json() == {"error": "request body nests arrays and objects too deeply to parse"}
