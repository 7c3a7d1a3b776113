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


@pytest.mark.parametrize("content_type", [None, "text/plain"])
async def test_theme_tokens_without_a_json_content_type_are_415(
        client: httpx.AsyncClient, content_type: str | None) -> None:
    """As every other JSON body of /v1 (docs/api.md); it was read as JSON whatever its type."""
    room = (await create(client)).json()["roomName"]
    headers = {"Content-Type": content_type} if content_type else {}
    resp = await client.put(f"/v1/rooms{room}/theme/tokens", headers=headers,
                            content=b'{"tokensPreset": "custom", "tokens": {"colors": '
                                    b'{"primary": "#00ff00"}}}')
    assert resp.status_code == 415
    assert resp.json() == {"error": "the request body must be JSON with Content-Type: "
                                    "application/json"}


@pytest.mark.parametrize("preset", [{}, {"tokensPreset": "default"}])
async def test_theme_colors_without_the_custom_preset_are_refused(
        client: httpx.AsyncClient, preset: dict) -> None:
    """Whereby uses the colors only with tokensPreset "custom" (the defaults when "default"
    or absent): they were dropped with a 204. Now a 400 naming tokensPreset."""
    room = (await create(client)).json()["roomName"]
    resp = await client.put(f"/v1/rooms{room}/theme/tokens",
                            json={"tokens": {"colors": {"primary": "#00ff00"}}, **preset})
    assert resp.status_code == 400
    assert resp.json() == {"error": 'invalid field tokensPreset: colors are used only with '
                                    '"custom" (absent or "default" means the default colors); '
                                    'send tokensPreset "custom" with them, or no colors'}


async def test_the_public_theme_refuses_a_query_parameter_it_does_not_take(
        client: httpx.AsyncClient) -> None:
    """Tester finding: ``GET /v1/rooms/{room}/theme?preset=dark`` answered 200 as if the
    parameter meant something, while the theme's PUTs (and the rest of /v1) refuse one
    they do not take with a 400 naming it."""
    room = (await create(client)).json()["roomName"]
    resp = await client.get(f"/v1/rooms{room}/theme", params={"preset": "dark"},
                            headers={"Authorization": ""})
    assert resp.status_code == 400
    assert resp.json() == {"error": "preset: unknown query parameter (this endpoint takes none)"}


@pytest.mark.parametrize(("parts", "error"), [
    ([("image", "a.png"), ("background", "b.png")],
     "invalid field background: the form has one field, image"),
    ([("image", "a.png"), ("image", "b.png")], "image: given more than once; send one image"),
    ([("x", None), ("y", None)], "invalid field x: the form has one field, image"),
])
async def test_a_theme_form_of_more_parts_names_the_extra_one(
        client: httpx.AsyncClient, parts: list[tuple[str, str | None]], error: str) -> None:
    """Tester finding: a second file or a second text field got Starlette's "too many
    files. maximum number of files is 1.", naming no field, where the compatibility
    document says another form field is a 400 naming it."""
    room = (await create(client)).json()["roomName"]
    body = b"".join(
        f'--b\r\nContent-Disposition: form-data; name="{name}"'.encode()
        + (f'; filename="{filename}"\r\nContent-Type: image/png'.encode() if filename else b"")
        + b"\r\n\r\n\x89PNG\r\n\x1a\n\r\n" for name, filename in parts) + b"--b--\r\n"
    resp = await client.put(f"/v1/rooms{room}/theme/logo", content=body,
                            headers={"Content-Type": "multipart/form-data; boundary=b"})
    assert resp.status_code == 400, resp.text
    assert resp.json() == {"error": error}
