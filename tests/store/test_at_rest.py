"""Acceptance 1 and 2 (first half): personal values are ciphertext at rest, bound to their
row and column, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import json
import os
import stat

import httpx
import pytest
from sqlalchemy import select, update

from keys.envelope import Place
from keys.errors import DataKeyMissing, DecryptionError
from signaling.accounts import TooManyWebhooks
from signaling.models import AdminUser, RoomTheme
from signaling.recording_settings import BucketDestination
from signaling.store import Store
from tests.store.conftest import Database

USERS = [
    ("ingrid.fjellstad@example.org", "Ingrid Fjellstad", "ext-ingrid-7781"),
    ("Bjorn.Haugen@Example.org", "Bjørn Haugen", "ext-bjorn-5521"),
]


def forms(value: str) -> list[bytes]:
    """The ways a plaintext could appear in raw database bytes or a dump."""
    raw = value.encode()
    return [raw, raw.hex().encode(), base64.b64encode(raw), raw.lower(), value.casefold().encode()]


async def test_personal_values_never_reach_the_database_in_plaintext(
    client: httpx.AsyncClient, store: Store, database: Database
) -> None:
    created = []
    for email, name, external in USERS:
        resp = await client.post("/v1/admin/users", json={
            "email": email, "displayName": name, "externalId": external, "role": "owner"})
        assert resp.status_code == 201, resp.text
        created.append(resp.json())
    hook = await client.post("/v1/admin/webhooks", json={
        "url": "https://hooks.example.org/fjord", "events": ["room.session.started"]})
    assert hook.status_code == 201
    secret = hook.json()["secret"]
    end = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)).isoformat()
    assert (await client.post("/v1/meetings", json={"endDate": end})).status_code == 201
    await store.close()  # flush everything to the file / server before reading bytes

    raw = database.snapshot()
    assert all(u["id"].encode() in raw for u in created)  # the rows are in these bytes
    for email, name, external in USERS:
        for value in (email, name, external):
            for form in forms(value):
                assert form not in raw, (value, form)
    for form in forms(secret):
        assert form not in raw

    reopened = await Store.open(database.url, store.cipher)
    client._transport.app.state.ctx.store = reopened  # type: ignore[attr-defined]
    try:
        listed = (await client.get("/v1/admin/users")).json()["results"]
        assert [(u["email"], u["displayName"], u["externalId"]) for u in listed] == USERS
        one = (await client.get(f"/v1/admin/users/{created[1]['id']}")).json()
        assert one["displayName"] == "Bjørn Haugen"
        # The API shows a secret only when created; the store still decrypts it.
        stored = await reopened.accounts.webhook(created[0]["organizationId"], hook.json()["id"])
        assert stored is not None and stored.secret == secret
        found = await reopened.accounts.admin_user_by_email(
            created[0]["organizationId"], "  INGRID.fjellstad@example.org ")
        assert found is not None and found.user_id == created[0]["id"]
    finally:
        await reopened.close()


async def test_ciphertext_moved_to_another_row_or_column_fails(
    store: Store, org: tuple[str, str]
) -> None:
    org_id = org[0]
    a = await store.accounts.create_admin_user(org_id, "a@example.org", "Anna", "admin", None, "t")
    b = await store.accounts.create_admin_user(org_id, "b@example.org", "Berit", "admin", None, "t")
    async with store.engine.begin() as conn:
        rows = {r.id: r for r in (await conn.execute(select(AdminUser))).all()}
        # Copy a's email ciphertext into b's row, and a's name into a's email column.
        await conn.execute(update(AdminUser).where(AdminUser.id == b.user_id)
                           .values(email=rows[a.user_id].email))
        await conn.execute(update(AdminUser).where(AdminUser.id == a.user_id)
                           .values(email=rows[a.user_id].display_name))
    with pytest.raises(DecryptionError, match=r"admin_users\.email of row u_"):
        await store.accounts.admin_user(org_id, b.user_id)
    with pytest.raises(DecryptionError, match="moved from another row or column"):
        await store.accounts.admin_user(org_id, a.user_id)


async def test_ciphertext_moved_to_another_organization_fails(
    store: Store, org: tuple[str, str]
) -> None:
    other = await store.ensure_organization("globex")
    user = await store.accounts.create_admin_user(org[0], "c@example.org", "C", "admin", None, "t")
    async with store.engine.begin() as conn:
        blob = (await conn.execute(select(AdminUser.email))).scalar_one()
    place = Place("admin_users", "email", user.user_id)
    store.cipher.keyring.write_key(other)  # globex has keys of its own
    with pytest.raises(DataKeyMissing, match="moved from another organization"):
        store.cipher.decrypt(other, place, blob)


async def test_admin_api_reports_undecryptable_values_as_json_500(
    client: httpx.AsyncClient, store: Store, org: tuple[str, str],
    caplog: pytest.LogCaptureFixture
) -> None:
    """A JSON 500, and the cause in the log (it named none: docs/api.md promises it)."""
    user = (await client.post("/v1/admin/users", json={
        "email": "d@example.org", "displayName": "D"})).json()
    async with store.engine.begin() as conn:
        await conn.execute(update(AdminUser).values(display_name=b"FJ\x01garbage-bytes-here"))
    with caplog.at_level("ERROR", "fjord.http"):
        resp = await client.get(f"/v1/admin/users/{user['id']}")
    assert resp.status_code == 500
    assert resp.json() == {"error": "a stored value cannot be decrypted"}
    assert f"GET /v1/admin/users/{user['id']}: a stored value cannot be decrypted" in caplog.text
    assert "ciphertext truncated" in caplog.text and "garbage" not in caplog.text
    assert (await client.get("/v1/admin/privacy")).status_code == 200  # still serving


async def test_a_room_theme_that_cannot_be_decrypted_is_the_same_json_500(
    client: httpx.AsyncClient, store: Store, org: tuple[str, str],
    caplog: pytest.LogCaptureFixture
) -> None:
    """The room page's theme (``GET /v1/rooms/{room}/theme``, no key needed) answered an
    undecryptable part with the generic 500 and a traceback in the log; it now answers as
    the admin API does, with the cause in one log line."""
    start = dt.datetime.now(dt.UTC)
    meeting = await store.meetings.create(org[0], "themed", "normal", False, start,
                                         start + dt.timedelta(hours=1), False, 0)
    await store.themes.put(org[0], meeting.meeting_id, "tokens", {"primary": "#123456"})
    async with store.engine.begin() as conn:
        await conn.execute(update(RoomTheme).values(value=b"FJ\x01garbage-bytes-here"))
    with caplog.at_level("ERROR"):
        resp = await client.get("/v1/rooms/themed/theme")
    assert resp.status_code == 500
    assert resp.json() == {"error": "a stored value cannot be decrypted"}
    assert ("GET /v1/rooms/themed/theme: a stored value cannot be decrypted: ciphertext "
            "truncated") in caplog.text
    assert "Traceback" not in caplog.text and "garbage" not in caplog.text


async def test_sqlite_file_and_its_journal_are_owner_only(tmp_path) -> None:
    """The database holds wrapped personal data: mode 0600 like the key files, whatever the
    umask, and so does the rollback journal SQLite writes beside it during a write."""
    path = tmp_path / "fjord.db"
    umask = os.umask(0o022)
    try:
        store = await Store.open(f"sqlite+aiosqlite:///{path}")
    finally:
        os.umask(umask)
    try:
        async with store.engine.begin() as conn:
            await conn.exec_driver_sql("CREATE TABLE probe (x INTEGER)")
            await conn.exec_driver_sql("INSERT INTO probe VALUES (1)")
            files = sorted(tmp_path.glob("fjord.db*"))
            modes = {f.name: stat.S_IMODE(f.stat().st_mode) for f in files}
        assert "fjord.db-journal" in modes  # the journal exists while the write is open
        assert modes == {name: 0o600 for name in modes}
    finally:
        await store.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_keyring_dir_of_its_own_is_owner_only_like_the_data_dir(tmp_path) -> None:
    """``keyring_dir`` outside the data dir (backed up apart, as docs/operations.md asks),
    restored with a plain ``cp -r`` under umask 022: its directory and files came back
    world-readable and stayed so, while the data dir is made 0700 at every start. The
    keyring dir now is too, so no other local user can list or read the wrapped keys."""
    from fjord.operations import create_api_key
    from fjord.settings_loading import load_settings

    keyring = tmp_path / "srv" / "keyring"
    settings = load_settings(data_dir=str(tmp_path / "data"), keyring_dir=str(keyring))
    asyncio.run(create_api_key(settings, "acme"))
    os.chmod(keyring, 0o755)  # as a copy under umask 022 leaves it
    for path in keyring.iterdir():
        os.chmod(path, 0o644)
    asyncio.run(create_api_key(settings, "acme"))
    assert stat.S_IMODE(keyring.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700


async def test_concurrent_webhook_creates_keep_the_limit_on_both_databases(
        store: Store, database: Database) -> None:
    """Tester finding: the admin API counted an organization's webhook endpoints apart
    from the insert, so creates sent at once all passed the count. The store now counts in
    the insert's transaction after locking the organization's row (PostgreSQL) or taking the
    write lock (SQLite): exactly ``limit`` are created."""
    org = await store.ensure_organization("acme")

    async def create(i: int) -> bool:
        try:
            await store.accounts.create_webhook(org, f"https://h{i}.acme.test", ["a.b"],
                                                "t", limit=5)
        except TooManyWebhooks:
            return False
        return True

    created = await asyncio.gather(*(create(i) for i in range(12)))
    assert sum(created) == 5, database.kind
    assert len(await store.accounts.webhooks(org)) == 5


@pytest.mark.parametrize(("method", "path", "request_args"), [
    ("GET", "/v1/meetings/m_a%00b", {}),
    ("GET", "/v1/meetings", {"params": {"cursor": base64.urlsafe_b64encode(  # forged
        b'["2026-01-01T00:00:00+00:00", "m_\\u0000"]').decode()}}),
    ("DELETE", "/v1/meetings/m_a%00b", {}),
    ("GET", "/v1/recordings", {"params": {"roomName": "a\x00b"}}),
    ("GET", "/v1/insights/participants", {"params": {"externalId": "a\x00b"}}),
    ("PUT", "/v1/rooms/a%00b/theme/tokens", {"json": {}}),
    ("DELETE", "/v1/admin/webhooks/wh_a%00b", {}),
    ("POST", "/v1/admin/webhooks", {"json": {"url": "https://hooks.acme.test/a\x00b",
                                             "events": ["room.client.joined"]}}),
    ("POST", "/v1/recordings/bulk-delete", {"json": {"recordingIds": ["rec_a\x00b"]}}),
    ("POST", "/v1/transcriptions", {"json": {"recordingId": "rec_a\x00b"}}),
])
async def test_a_nul_character_is_a_400_on_both_databases(
        client: httpx.AsyncClient, database: Database, method: str, path: str,
        request_args: dict) -> None:
    """Tester finding: PostgreSQL takes no NUL character in text, so a ``%00`` in an id,
    a query filter or a JSON string that reached a query raised asyncpg's "invalid byte
    sequence for encoding UTF8: 0x00" (a 500 with a traceback; 18 endpoints), where SQLite
    answered 404 or 200. Now a 400 naming the NUL on both, before the database."""
    resp = await client.request(method, path, **request_args)
    assert resp.status_code == 400, (database.kind, resp.text)
    error = resp.json()["error"]
    assert "NUL" in error or error.startswith(("invalid field url: ", "invalid cursor")), error


@pytest.mark.parametrize("sort_by", ["startDate", "roomName"])
async def test_a_forged_recordings_cursor_with_a_nul_is_a_400_on_both_databases(
        client: httpx.AsyncClient, store: Store, org: tuple[str, str], database: Database,
        sort_by: str) -> None:
    """Tester finding: the recordings list's cursor, sent back with a NUL in its recording
    id or room name (a forged or corrupted one), reached the query: a 500 on PostgreSQL,
    where the meetings list's cursor is a 400."""
    destination = BucketDestination("s3", "b", "", "us-east-1", None, "AKID", "secret")
    for room in ("room-a", "room-b"):
        await store.recordings.start(org[0], room, "", f"{room}/rec.mkv", destination)
    page = (await client.get("/v1/recordings", params={"limit": 1, "sortBy": sort_by})).json()
    parts = json.loads(base64.urlsafe_b64decode(page["cursor"] + "==="))
    forged_values = [[*parts[:2], "room\x00", *parts[3:]]] if sort_by == "roomName" else []
    for forged in [[*parts[:3], "rec_\x00", *parts[4:]], *forged_values]:
        cursor = base64.urlsafe_b64encode(json.dumps(forged).encode()).decode()
        resp = await client.get("/v1/recordings", params={"sortBy": sort_by, "cursor": cursor})
        assert resp.status_code == 400, (database.kind, resp.text)
        assert resp.json()["error"].startswith("invalid cursor")


async def test_embed_origins_longer_than_their_column_are_a_400_on_both_databases(
        client: httpx.AsyncClient, database: Database) -> None:
    """Tester finding: 20 allowed embed origins of up to 270 characters each pass the
    model, but the column holds 4,000 characters: PostgreSQL refused the write ("value too
    long for type character varying(4000)", a 500) while SQLite stored it. Now a 400 naming
    allowedEmbedOrigins on both; the settings stay as they were."""
    host = ".".join(["a" * 59] * 4)  # 239 characters of DNS labels of up to 63 each
    origins = [f"https://{host}{i:02d}.example:65535" for i in range(20)]
    resp = await client.put("/v1/admin/privacy", json={"allowedEmbedOrigins": origins})
    assert resp.status_code == 400, (database.kind, resp.text[:200])
    assert resp.json()["error"].startswith("invalid field allowedEmbedOrigins: ")
    assert (await client.get("/v1/admin/privacy")).json()["allowedEmbedOrigins"] == []
    fitting = await client.patch("/v1/admin/privacy", json={"allowedEmbedOrigins": origins[:14]})
    assert fitting.status_code == 200, fitting.text[:200]
