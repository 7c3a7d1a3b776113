"""Acceptance 5: export returns exactly what is stored about an admin user, erasure leaves no
trace of their email or name, and the purge removes rooms 24 h after their endDate."""

from __future__ import annotations

import asyncio
import datetime as dt
import json

import httpx
from click.testing import CliRunner
from prometheus_client import REGISTRY
from sqlalchemy import select, update

from fjord.cli import main
from fjord.serve import open_store
from fjord.settings import Settings
from keys.envelope import Place
from signaling.models import AdminUser, AuditEvent
from signaling.retention import purge_once
from signaling.store import Store
from tests.store.conftest import Database
from tests.store.test_at_rest import forms


async def test_export_is_exactly_what_is_stored(
    client: httpx.AsyncClient, store: Store, org: tuple[str, str]
) -> None:
    created = (await client.post("/v1/admin/users", json={
        "email": "Solveig@example.org", "displayName": "Solveig Lunde", "role": "member",
        "externalId": "crm-42"})).json()
    other = (await client.post("/v1/admin/users", json={
        "email": "other@example.org", "displayName": "Other"})).json()
    async with store.engine.begin() as conn:
        row = (await conn.execute(select(AdminUser).where(AdminUser.id == created["id"]))).one()
        events = (await conn.execute(select(AuditEvent).where(
            AuditEvent.target == created["id"]))).all()
    exported = (await client.get(f"/v1/admin/users/{created['id']}/export")).json()
    opened = {
        column: store.cipher.decrypt(org[0], Place("admin_users", column, row.id),
                                     getattr(row, column))
        for column in ("email", "display_name", "external_id")
    }
    assert exported["user"] == {
        "id": row.id, "organizationId": row.organization_id, "email": opened["email"],
        "displayName": opened["display_name"], "externalId": opened["external_id"],
        "role": row.role, "createdAt": created["createdAt"],
    }
    assert exported["user"] == created
    assert [e["id"] for e in exported["auditEvents"]] == [e.id for e in events]
    assert [e["action"] for e in exported["auditEvents"]] == ["admin_user.create"]
    assert other["id"] not in json.dumps(exported)
    # The export is itself audited, and the next export shows it.
    again = (await client.get(f"/v1/admin/users/{created['id']}/export")).json()
    assert [e["action"] for e in again["auditEvents"]] == ["admin_user.create",
                                                          "admin_user.export"]
    # Audit events carry ids and actions, never the values.
    assert "Solveig" not in json.dumps(exported["auditEvents"])


async def test_erasure_leaves_no_trace(
    client: httpx.AsyncClient, store: Store, database: Database, org: tuple[str, str]
) -> None:
    user = (await client.post("/v1/admin/users", json={
        "email": "erase.me@example.org", "displayName": "Eirik Eraseme"})).json()
    keep = (await client.post("/v1/admin/users", json={
        "email": "keep@example.org", "displayName": "Kari Keep"})).json()
    async with store.engine.begin() as conn:
        row = (await conn.execute(select(AdminUser).where(AdminUser.id == user["id"]))).one()
    traces = [bytes(row.email), bytes(row.display_name), row.email_index.encode()]

    assert (await client.delete(f"/v1/admin/users/{user['id']}")).status_code == 204
    assert (await client.delete(f"/v1/admin/users/{user['id']}")).status_code == 204
    assert (await client.get(f"/v1/admin/users/{user['id']}/export")).status_code == 404
    assert [u["id"] for u in (await client.get("/v1/admin/users")).json()["results"]] == [
        keep["id"]]
    assert await store.accounts.admin_user_by_email(org[0], "erase.me@example.org") is None
    actions = [(e.action, e.target) for e in await store.audit_events(org[0])]
    assert ("admin_user.erase", user["id"]) in actions
    await store.engine.dispose()

    raw = database.snapshot()
    for trace in traces + forms("erase.me@example.org") + forms("Eirik Eraseme"):
        assert trace not in raw
    assert keep["id"].encode() in raw


def test_user_export_and_erase_commands(settings: Settings) -> None:
    async def seed() -> str:
        store = await open_store(settings)
        try:
            org_id = await store.ensure_organization("acme")
            user = await store.accounts.create_admin_user(
                org_id, "cli@example.org", "Cli User", "admin", None, "t")
            return user.user_id
        finally:
            await store.close()

    user_id = asyncio.run(seed())
    env = {"FJORD_DATA_DIR": str(settings.data_dir), "FJORD_DATABASE_URL": settings.database_url}
    runner = CliRunner()
    out = runner.invoke(main, ["user", "export", "--org", "acme", "--email", "CLI@example.org"],
                        env=env)
    assert out.exit_code == 0, out.stderr
    assert json.loads(out.stdout)["user"]["displayName"] == "Cli User"
    erased = runner.invoke(main, ["user", "erase", "--org", "acme", "--id", user_id], env=env)
    assert erased.exit_code == 0 and user_id in erased.stdout
    gone = runner.invoke(main, ["user", "export", "--org", "acme", "--email", "cli@example.org"],
                         env=env)
    assert gone.exit_code == 1
    assert gone.stderr == "fjord: no admin user with this email in the organization\n"


def test_user_commands_take_exactly_one_of_email_and_id(settings: Settings) -> None:
    """``erase --email a --id <b's id>`` erased b, whatever a was: --id won silently, and an
    erasure cannot be undone. Neither given was a run-time failure (status 1)."""
    async def seed() -> list[str]:
        store = await open_store(settings)
        try:
            org_id = await store.ensure_organization("acme")
            return [(await store.accounts.create_admin_user(
                org_id, f"{name}@example.org", name, "admin", None, "t")).user_id
                for name in ("ada", "bob")]
        finally:
            await store.close()

    _, bob = asyncio.run(seed())
    env = {"FJORD_DATA_DIR": str(settings.data_dir), "FJORD_DATABASE_URL": settings.database_url}
    runner = CliRunner()
    for command in ("erase", "export"):
        both = runner.invoke(main, ["user", command, "--org", "acme", "--email",
                                    "ada@example.org", "--id", bob], env=env)
        assert both.exit_code == 2 and "--email and --id exclude each other" in both.stderr
        neither = runner.invoke(main, ["user", command, "--org", "acme"], env=env)
        assert neither.exit_code == 2 and "give --email or --id" in neither.stderr
    for email in ("ada@example.org", "bob@example.org"):
        kept = runner.invoke(main, ["user", "export", "--org", "acme", "--email", email], env=env)
        assert kept.exit_code == 0, kept.stderr


def _purged(kind: str) -> float:
    return REGISTRY.get_sample_value("fjord_retention_purged_total", {"kind": kind}) or 0.0


async def test_purge_removes_rooms_after_end_and_old_audit_events(
    store: Store, org: tuple[str, str]
) -> None:
    now = dt.datetime.now(dt.UTC)
    org_id = org[0]
    ended_long_ago = await store.meetings.create(
        org_id, "ended-25h", "normal", False, now - dt.timedelta(hours=30),
        now - dt.timedelta(hours=25))
    ended_recently = await store.meetings.create(
        org_id, "ended-30m", "normal", False, now - dt.timedelta(hours=2),
        now - dt.timedelta(minutes=30))
    running = await store.meetings.create(
        org_id, "running", "group", False, now, now + dt.timedelta(hours=1))
    await store.audit(org_id, "t", "test.old")
    await store.audit(org_id, "t", "test.new")
    async with store.engine.begin() as conn:
        await conn.execute(update(AuditEvent).where(AuditEvent.action == "test.old")
                           .values(created_at=now - dt.timedelta(days=100)))
    meetings_before, events_before = _purged("meetings"), _purged("audit_events")

    result = await purge_once(store, audit_retention_days=90, now=now)
    assert result.meetings == 1 and result.audit_events == 1
    assert await store.meetings.get(org_id, ended_long_ago.meeting_id) is None
    assert await store.meetings.get(org_id, ended_recently.meeting_id) is not None
    assert await store.meetings.get(org_id, running.meeting_id) is not None
    actions = {e.action for e in await store.audit_events(org_id)}
    assert "test.old" not in actions and "test.new" in actions
    assert _purged("meetings") == meetings_before + 1
    assert _purged("audit_events") == events_before + 1

    # A day later every room that has ended is gone.
    later = await purge_once(store, audit_retention_days=90, now=now + dt.timedelta(hours=26))
    assert later.meetings == 2
    assert (await store.meetings.page(org_id, 10, None))[0] == []


async def test_organization_can_shorten_audit_retention(
    client: httpx.AsyncClient, store: Store, org: tuple[str, str]
) -> None:
    resp = await client.put("/v1/admin/privacy", json={"auditRetentionDays": 7})
    assert resp.json()["relayOnly"] is False and resp.json()["auditRetentionDays"] == 7
    other = await store.ensure_organization("globex")
    now = dt.datetime.now(dt.UTC)
    await store.audit(org[0], "t", "test.ten_days")
    await store.audit(other, "t", "test.ten_days")
    async with store.engine.begin() as conn:
        await conn.execute(update(AuditEvent).where(AuditEvent.action == "test.ten_days")
                           .values(created_at=now - dt.timedelta(days=10)))
    assert (await purge_once(store, 90, now)).audit_events == 1
    assert [e.action for e in await store.audit_events(other)] == ["test.ten_days"]
