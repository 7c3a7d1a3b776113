"""Whereby's ``avatarUrl`` on the server (signaling/avatars.py, docs/signaling.md ``join``).

Whereby: the image URL "must be listed in the allowed domains section of the dashboard. The
image URL must be https and cannot contain query params." Fjord's allowed domains are the
operator's ``avatar_domains``. A URL breaking a rule is refused with a ``warning`` naming
``avatarUrl`` and the rule, and the participant joins without it; the room page's CSP lets
images load from exactly the allowed domains.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from fjord.settings_loading import SettingsError, load_settings
from signaling.avatars import (
    MAX_AVATAR_URL_CHARS,
    AvatarRefused,
    avatar_img_src,
    check_avatar_url,
)
from signaling.embedding import room_page_csp
from tests.conftest import FjordServer, start_fjord, stop_fjord
from tests.signaling_client import SignalingClient

DOMAINS = ["avatars.example.test", "127.0.0.1:9443"]


@pytest.mark.parametrize(("url", "shown"), [
    ("https://avatars.example.test/u/ada.png", "https://avatars.example.test/u/ada.png"),
    # Scheme and host in any case, and the default port, as browsers read them.
    ("HTTPS://Avatars.Example.TEST:443/a%20b.jpg", "https://avatars.example.test/a%20b.jpg"),
    ("https://127.0.0.1:9443/ada.png", "https://127.0.0.1:9443/ada.png"),
    ("https://avatars.example.test", "https://avatars.example.test/"),
])
def test_allowed_urls_are_taken(url: str, shown: str) -> None:
    assert check_avatar_url(url, DOMAINS) == shown


@pytest.mark.parametrize(("url", "rule"), [
    ("http://avatars.example.test/a.png", "https://"),
    ("avatars.example.test/a.png", "https://"),
    ("javascript:alert(1)", "https://"),
    ("https://avatars.example.test/a.png?size=64", "query string"),
    ("https://avatars.example.test/a.png?", "query string"),
    ("https://avatars.example.test/a.png#x", "fragment"),
    ("https://user:pw@avatars.example.test/a.png", "user name or password"),
    # The host a browser would ask is evil.example, whatever comes before the "@".
    ("https://avatars.example.test@evil.example/a.png", "user name or password"),
    ("https://evil.example/a.png", "allowed avatar domain"),
    ("https://avatars.example.test.evil.example/a.png", "allowed avatar domain"),
    ("https://sub.avatars.example.test/a.png", "allowed avatar domain"),
    ("https://avatars.example.test:8443/a.png", "allowed avatar domain"),
    ("https://127.0.0.1/a.png", "allowed avatar domain"),
    ("https://avatars.example.test./a.png", "allowed avatar domain"),
    # A backslash is a slash to browsers: the host would be another one.
    ("https://evil.example\\@avatars.example.test/a.png", "user name or password"),
    ("https://avatars.example.test/a\\b.png", "path"),
    ("https://avatars.example.test/a b.png", "path"),
    ("https://avatars.example.test/\u00e5.png", "path"),
    ("https://avatars.example.test/a%2.png", "path"),
    ("https://avatars.example.test/" + "a" * MAX_AVATAR_URL_CHARS, "at most 1000"),
    ("", "https://"),
])
def test_refused_urls_name_their_rule(url: str, rule: str) -> None:
    with pytest.raises(AvatarRefused) as refused:
        check_avatar_url(url, DOMAINS)
    assert rule in str(refused.value)


def test_no_domains_refuses_every_avatar() -> None:
    with pytest.raises(AvatarRefused, match="allows no avatar domains"):
        check_avatar_url("https://avatars.example.test/a.png", [])


def test_setting_takes_hosts_and_refuses_others(tmp_path: Path) -> None:
    settings = load_settings(data_dir=str(tmp_path), public_url="https://meet.example.test",
                             avatar_domains="Avatars.Example.test, 127.0.0.1:9443,"
                             "avatars.example.test,AVATARS.example.test:443")
    assert settings.avatar_domains == ["avatars.example.test", "127.0.0.1:9443"]
    # an entry written with port 443 allows the URLs that leave the port out, and the others
    one = load_settings(data_dir=str(tmp_path), avatar_domains="b.example.test:443")
    assert check_avatar_url("https://b.example.test/a.png", one.avatar_domains) == (
        "https://b.example.test/a.png")
    assert check_avatar_url("https://b.example.test:443/a.png", one.avatar_domains) == (
        "https://b.example.test/a.png")
    with pytest.raises(SettingsError, match="no wildcards; list each host"):
        load_settings(data_dir=str(tmp_path), avatar_domains="*.example.test")
    assert load_settings(data_dir=str(tmp_path)).avatar_domains == []
    for bad in ("https://avatars.example.test", "avatars.example.test/images",
                "*.example.test", "avatars.example.test:0", "1.2.3"):
        with pytest.raises(SettingsError, match="avatar_domains|AVATAR_DOMAINS"):
            load_settings(data_dir=str(tmp_path), avatar_domains=bad)


def test_csp_img_src_carries_exactly_the_domains() -> None:
    csp = room_page_csp(["https://x.example"], avatar_img_src(DOMAINS))
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["img-src"] == ("'self' data: blob: https://avatars.example.test "
                                     "https://127.0.0.1:9443")
    assert "img-src 'self' data: blob:;" in room_page_csp([], avatar_img_src([]))


@pytest.fixture(scope="module")
def avatar_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FjordServer]:
    base = tmp_path_factory.mktemp("avatars")
    server = start_fjord(base / "data", base / "fjord.log",
                         FJORD_AVATAR_DOMAINS=",".join(DOMAINS))
    yield server
    stop_fjord(server)


def page_csp(server: FjordServer, room_url: str) -> dict[str, str]:
    response = httpx.get(room_url, verify=server.ssl_context())
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    return dict(d.strip().split(" ", 1) for d in csp.split(";"))


def test_room_page_csp_allows_images_from_the_avatar_domains_only(
        avatar_server: FjordServer, fjord_server: FjordServer) -> None:
    meeting = avatar_server.create_meeting()
    assert page_csp(avatar_server, meeting["roomUrl"])["img-src"] == (
        "'self' data: blob: https://avatars.example.test https://127.0.0.1:9443")
    # Without the setting: the page's own images only, as before.
    plain = fjord_server.create_meeting()
    assert page_csp(fjord_server, plain["roomUrl"])["img-src"] == "'self' data: blob:"


async def join_with(server: FjordServer, room_url: str, name: str,
                    avatar: str) -> tuple[SignalingClient, list[dict]]:
    """Join as ``name`` with ``avatarUrl`` ``avatar``; the messages up to ``joined``."""
    client = await SignalingClient.connect(server, room_url)
    await client.send({"type": "join", "displayName": name, "avatarUrl": avatar})
    seen = [await client.recv()]
    while seen[-1]["type"] not in ("joined", "error"):
        seen.append(await client.recv())
    return client, seen


async def test_avatar_travels_with_the_participant(avatar_server: FjordServer) -> None:
    meeting = avatar_server.create_meeting()
    ada, seen = await join_with(avatar_server, meeting["roomUrl"], "Ada",
                                "https://Avatars.example.test/ada.png")
    assert [m["type"] for m in seen] == ["joined"]
    bo, seen = await join_with(avatar_server, meeting["roomUrl"], "Bo",
                               "https://127.0.0.1:9443/bo.png")
    assert [(p["displayName"], p["avatarUrl"]) for p in seen[-1]["participants"]] == [
        ("Ada", "https://avatars.example.test/ada.png")]
    joined = await ada.expect("participant-joined")
    assert joined["participant"]["avatarUrl"] == "https://127.0.0.1:9443/bo.png"
    await ada.close()
    await bo.close()


@pytest.mark.parametrize(("avatar", "rule"), [
    ("https://avatars.example.test/ada.png?token=secret", "query string"),
    ("https://evil.example/ada.png", "allowed avatar domain"),
    ("http://avatars.example.test/ada.png", "https://"),
    ("https://avatars.example.test/" + "a" * 2000, "at most 1000 characters"),
])
async def test_refused_avatar_is_named_and_the_participant_joins_without(
        avatar_server: FjordServer, avatar: str, rule: str) -> None:
    meeting = avatar_server.create_meeting()
    first, _ = await join_with(avatar_server, meeting["roomUrl"], "First",
                               "https://avatars.example.test/first.png")
    refused, seen = await join_with(avatar_server, meeting["roomUrl"], "Refused", avatar)
    warning, joined = seen
    assert warning["type"] == "warning" and warning["code"] == "avatar_refused"
    assert warning["field"] == "avatarUrl"
    assert "avatarUrl" in warning["message"] and rule in warning["message"]
    assert joined["type"] == "joined"
    assert (await first.expect("participant-joined"))["participant"]["avatarUrl"] is None
    await first.close()
    await refused.close()
    # The server said nothing of the URL in its log (it may name the person).
    assert "ada.png" not in avatar_server.log_text()


async def test_server_without_domains_refuses_avatars(fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting()
    client, seen = await join_with(fjord_server, meeting["roomUrl"], "Ada",
                                   "https://avatars.example.test/ada.png")
    assert seen[0]["type"] == "warning" and "allows no avatar domains" in seen[0]["message"]
    assert seen[-1]["type"] == "joined"
    await client.close()


async def test_avatar_must_be_a_string(avatar_server: FjordServer) -> None:
    """Not a string, or null: the message itself is malformed (as for every field)."""
    meeting = avatar_server.create_meeting()
    for value in (None, 42, ["https://avatars.example.test/a.png"]):
        client = await SignalingClient.connect(avatar_server, meeting["roomUrl"])
        await client.send({"type": "join", "displayName": "Ada", "avatarUrl": value})
        reply = await client.recv()
        assert reply["code"] == "bad_message" and "avatarUrl" in reply["message"]
        await client.close()
