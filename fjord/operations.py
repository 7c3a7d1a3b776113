"""Operator actions behind ``fjord keys``, ``fjord org`` and ``fjord user``.

Each opens the data dir and the account store the way ``fjord serve`` does, acts, audits
(actor ``operator``, ids only) and closes. They run beside a live server: the keyring is
re-read from disk by the server when it changes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from fjord.serve import open_store, prepare_data_dir
from fjord.settings import Settings
from keys.room_keys import rotate_signing_key
from keys.turn_secret import rotate_turn_secret
from signaling.accounts import RotationProgress
from signaling.store import OPERATOR, Store


class OperationError(Exception):
    """An operator action cannot be done (unknown organization or user); one line."""


async def _org(store: Store, name: str) -> str:
    org_id = await store.organization_id(name)
    if org_id is None:
        raise OperationError(f"no organization named {name!r}")
    return org_id


async def rotate_kek(settings: Settings) -> int:
    """Make a new KEK current, rewrap every data key under it, retire the old KEK.

    Resumable: an interrupted run leaves both KEKs usable; running again finishes.
    Returns how many wrapped keys were rewritten.
    """
    data = prepare_data_dir(settings)
    kek = data.keyring.kek
    kek.begin_rotation()
    count = data.keyring.rewrap_all()
    kek.retire_others()
    store = await open_store(settings, data)
    try:
        await store.audit(None, OPERATOR, "keys.rotate_kek", kek.kek_id)
    finally:
        await store.close()
    return count


async def rotate_data_keys(
    settings: Settings, org_name: str | None, batch_size: int = 100,
    on_batch: Callable[[RotationProgress], None] | None = None,
) -> dict[str, RotationProgress]:
    """Re-encrypt the rows of one organization (or all that have keys) under a new data key
    version. Resumable; the server keeps serving. Returns progress per organization id."""
    data = prepare_data_dir(settings)
    store = await open_store(settings, data)
    try:
        orgs = [await _org(store, org_name)] if org_name else data.keyring.organizations()
        return {
            org_id: await store.accounts.rotate_data_key(org_id, batch_size, OPERATOR, on_batch)
            for org_id in orgs
        }
    finally:
        await store.close()


async def rotate_room_signing_key(settings: Settings) -> str:
    """New room-key signing key; the previous verifies for ``room_signing_key_overlap``."""
    data = prepare_data_dir(settings)
    kid = rotate_signing_key(data.root / "keys", settings.room_signing_key_overlap)
    store = await open_store(settings, data)
    try:
        await store.audit(None, OPERATOR, "keys.rotate_signing_key", kid)
    finally:
        await store.close()
    return kid


async def rotate_turn(settings: Settings) -> None:
    """New TURN REST secret; the previous one stays accepted until the next rotation."""
    data = prepare_data_dir(settings)
    rotate_turn_secret(data.root / "keys")
    store = await open_store(settings, data)
    try:
        await store.audit(None, OPERATOR, "keys.rotate_turn_secret")
    finally:
        await store.close()


async def delete_organization(settings: Settings, name: str) -> dict[str, int]:
    """Delete organization ``name`` with crypto-shredding; returns rows deleted per table."""
    store = await open_store(settings)
    try:
        return await store.delete_organization(await _org(store, name))
    finally:
        await store.close()


async def _user_id(store: Store, org_id: str, email: str | None, user_id: str | None) -> str:
    if user_id:
        return user_id
    if email is None:
        raise OperationError("give --email or --id")
    user = await store.accounts.admin_user_by_email(org_id, email)
    if user is None:
        raise OperationError("no admin user with this email in the organization")
    return user.user_id


async def export_user(settings: Settings, org_name: str, email: str | None,
                      user_id: str | None) -> dict[str, Any]:
    """Everything stored about an admin user (data-subject access request)."""
    store = await open_store(settings)
    try:
        org_id = await _org(store, org_name)
        uid = await _user_id(store, org_id, email, user_id)
        exported = await store.accounts.export_admin_user(org_id, uid)
        if exported is None:
            raise OperationError(f"no admin user {uid} in the organization")
        await store.audit(org_id, OPERATOR, "admin_user.export", uid)
        return exported
    finally:
        await store.close()


async def erase_user(settings: Settings, org_name: str, email: str | None,
                     user_id: str | None) -> str:
    """Erase an admin user (data-subject erasure); returns the erased id."""
    store = await open_store(settings)
    try:
        org_id = await _org(store, org_name)
        uid = await _user_id(store, org_id, email, user_id)
        if not await store.accounts.erase_admin_user(org_id, uid, OPERATOR):
            raise OperationError(f"no admin user {uid} in the organization")
        return uid
    finally:
        await store.close()


async def list_api_keys(settings: Settings, org_name: str) -> list[dict[str, str | None]]:
    """The organization's API keys (ids and dates; keys themselves are never stored)."""
    store = await open_store(settings)
    try:
        return await store.list_api_keys(await _org(store, org_name))
    finally:
        await store.close()


async def revoke_api_key(settings: Settings, org_name: str, key_id: str) -> None:
    """Revoke one API key of the organization at once (audited)."""
    store = await open_store(settings)
    try:
        if not await store.revoke_api_key(await _org(store, org_name), key_id, OPERATOR):
            raise OperationError(f"no active API key {key_id} in the organization")
    finally:
        await store.close()


async def privacy(
    settings: Settings, org_name: str, changes: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The organization's privacy settings, after applying ``changes`` (field name -> value
    of :class:`signaling.accounts.PrivacyRecord`) when given. Live rooms keep the settings
    they opened with."""
    store = await open_store(settings)
    try:
        org_id = await _org(store, org_name)
        current = await store.accounts.privacy(org_id)
        if changes:
            current = await store.accounts.set_privacy(
                org_id, dataclasses.replace(current, **changes), OPERATOR
            )
        return current.as_json()
    finally:
        await store.close()
