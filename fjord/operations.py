"""Operator actions behind ``fjord api-key``, ``fjord privacy``, ``fjord keys``,
``fjord org`` and ``fjord user``.

Each opens the data dir and the account store the way ``fjord serve`` does, acts, audits
(actor ``operator``, ids only) and closes. They run beside a live server: the keyring is
re-read from disk by the server when it changes. Unlike the server roles they never make a
data dir: pointed at a directory that is not one (a typo, a missing mount), they stop with
one line instead of building a new deployment there (only ``api-key create``, which makes
the first organization, may start an empty or new directory).
"""

from __future__ import annotations

import dataclasses
import difflib
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select

from fjord.data_dir import DataDir, database_url, prepare_data_dir
from fjord.settings import Settings
from keys.field_cipher import FieldCipher
from keys.room_keys import rotate_signing_key
from keys.turn_secret import RotatedTooSoon, rotate_turn_secret
from signaling.accounts import ENCRYPTED, RotationProgress
from signaling.models import Organization
from signaling.store import OPERATOR, Store

KEY_FILES = ("kek.bin", "room-signing.json", "turn-secret.json")
"""Files of ``<data dir>/keys`` that only a Fjord data dir has (the KEK file is absent with
the pkcs11 and aws-kms providers)."""


class OperationError(Exception):
    """An operator action cannot be done (unknown organization or user, not a data dir);
    one line."""


def is_data_dir(settings: Settings) -> bool:
    """Whether ``data_dir`` is a deployment's data dir in use: it holds what only Fjord's
    signaling side makes (the room-key signing key, a data key in the keyring, the SQLite
    database). The files of ``fjord turn``'s data dir (certificates, the TURN secret),
    or a KEK an operator put there before the first start, do not make one: taken for
    one, an operator command built a new deployment there."""
    root = settings.data_dir
    keyring = settings.keyring_dir or root / "keys" / "keyring"
    return ((root / "keys" / "room-signing.json").exists() or (root / "fjord.db").exists()
            or (keyring.is_dir() and any(keyring.glob("*.json"))))


def require_data_dir(settings: Settings, may_create: bool = False) -> None:
    """Check that ``data_dir`` is a Fjord data dir (it holds Fjord's key files).

    With ``may_create``, a directory that does not exist yet (in an existing parent) or is
    empty passes too: the caller sets it up.

    Raises:
        OperationError: one line naming the directory.
    """
    root = settings.data_dir
    if is_data_dir(settings):
        return
    hint = ("check --data-dir (FJORD_DATA_DIR); a server role (fjord serve) makes a data dir "
            "on its first start")
    if not root.exists():
        if may_create and root.parent.is_dir():
            return
        raise OperationError(f"data dir {root} does not exist: {hint}")
    if may_create and root.is_dir() and not any(root.iterdir()):
        return
    found = [f"keys/{name}" for name in KEY_FILES if (root / "keys" / name).exists()]
    if found:
        raise OperationError(
            f"{root} holds no keys of fjord serve or fjord signaling (no "
            f"keys/room-signing.json, keyring or database; only {', '.join(found)}: a TURN "
            f"relay's data dir, or one no server has started in yet): {hint}")
    raise OperationError(f"{root} is not a Fjord data dir (no keys/{', keys/'.join(KEY_FILES)})"
                         f": {hint}")


def _data(settings: Settings) -> DataDir:
    require_data_dir(settings)
    return prepare_data_dir(settings)


async def _open(settings: Settings, data: DataDir | None = None,
                check_keys: bool = True) -> Store:
    """The account store over the data dir's keyring (see ``fjord.serve.open_store``)."""
    data = data or _data(settings)
    return await Store.open(database_url(settings), FieldCipher(data.keyring), check_keys)


async def _nearest(store: Store, name: str) -> str:
    """``did you mean 'acme'? `` for the organization name nearest ``name``, or ""."""
    names = [org["name"] for org in await store.organizations()]
    near = difflib.get_close_matches(name, names, n=1)
    return f"did you mean {near[0]!r}? " if near else ""


async def _org(store: Store, name: str) -> str:
    org_id = await store.organization_id(name)
    if org_id is None:
        hint = await _nearest(store, name)
        raise OperationError(f"no organization named {name!r} ({hint}fjord org list lists them)")
    return org_id


async def rotate_kek(settings: Settings) -> int:
    """Make a new KEK current, rewrap every data key under it, retire the old KEK.

    Resumable: an interrupted run leaves both KEKs usable; running again finishes.
    Returns how many wrapped keys were rewritten.
    """
    data = _data(settings)
    store = await _open(settings, data)  # every organization has its key before rewrapping
    try:
        count = data.keyring.rotate_kek()
        await store.audit(None, OPERATOR, "keys.rotate_kek", data.keyring.kek.kek_id)
    finally:
        await store.close()
    return count


async def rotate_data_keys(
    settings: Settings, org_name: str | None, batch_size: int = 100,
    on_batch: Callable[[RotationProgress], None] | None = None,
) -> dict[str, RotationProgress]:
    """Re-encrypt the rows of one organization (or all that have keys) under a new data key
    version. Resumable; the server keeps serving. Returns progress per organization id."""
    data = _data(settings)
    store = await _open(settings, data)
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
    data = _data(settings)
    kid = rotate_signing_key(data.root / "keys", settings.room_signing_key_overlap)
    store = await _open(settings, data)
    try:
        await store.audit(None, OPERATOR, "keys.rotate_signing_key", kid)
    finally:
        await store.close()
    return kid


async def rotate_turn(settings: Settings, force: bool = False) -> None:
    """New TURN REST secret; the previous one stays accepted until the next rotation.

    Refused (unless ``force``) within ``turn_credential_ttl`` of the previous rotation: this
    one would drop the secret that one replaced, which a signaling node not restarted since
    still mints credentials under and which credentials minted before its restart carry.
    """
    if settings.turn_secret is not None:
        raise OperationError(
            "turn_secret is set (FJORD_TURN_SECRET or the configuration file): the servers "
            f"use it, not {settings.data_dir.resolve() / 'keys' / 'turn-secret.json'}; "
            "rotate it where it is set")
    data = _data(settings)
    wait = 0 if force else settings.turn_credential_ttl
    try:
        rotate_turn_secret(data.root / "keys", wait)
    except RotatedTooSoon as exc:
        raise OperationError(
            f"the TURN secret was last rotated at {_utc(exc.rotated_at)}, less than "
            f"turn_credential_ttl ({settings.turn_credential_ttl} s) ago: rotating again "
            "drops the secret that rotation replaced, which signaling nodes not restarted "
            "since still mint credentials under and calls still relay with (the relays "
            "would answer 401). "
            "Restart every TURN process, then every signaling node, and rotate again "
            "turn_credential_ttl after that (not before "
            f"{_utc(exc.rotated_at + settings.turn_credential_ttl)}); --force rotates now "
            "anyway") from None
    store = await _open(settings, data)
    try:
        await store.audit(None, OPERATOR, "keys.rotate_turn_secret")
    finally:
        await store.close()


def _utc(moment: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(moment))


async def delete_organization(settings: Settings, name: str,
                              confirm: Callable[[], None] | None = None) -> dict[str, int]:
    """Delete organization ``name`` with crypto-shredding; returns rows deleted per table.

    ``confirm`` is called once the organization is found, before anything is deleted (it
    raises to cancel). Works when that organization's key is already missing (the other
    organizations must have theirs): deleting it is a way out of a lost key.
    """
    store = await _open(settings, check_keys=False)
    try:
        org_id = await _org(store, name)
        await store.check_data_keys(ignore={org_id})
        if confirm is not None:
            confirm()
        return await store.delete_organization(org_id)
    finally:
        await store.close()


async def create_api_key(settings: Settings, org_name: str) -> tuple[str, str | None]:
    """Create an API key for ``org_name`` (the organization too, if missing); returns the
    key, and a note naming the organization when it made it (with the nearest existing
    name: a typo would otherwise make a second organization unseen). May set up a new data
    dir: this is how the first organization is made."""
    require_data_dir(settings, may_create=True)
    # "acme " beside "acme" would look the same in every line naming it
    spaced = OperationError(f"organization name {org_name!r} begins or ends with a space")
    if org_name != org_name.strip() and not is_data_dir(settings):
        raise spaced  # before making a data dir that no organization of that name is in
    store = await _open(settings, prepare_data_dir(settings))
    try:
        made = None
        if await store.organization_id(org_name) is None:
            if org_name != org_name.strip():
                raise spaced
            hint = await _nearest(store, org_name)
            made = f"made a new organization {org_name!r}" + (
                f" ({hint}fjord org list lists them)" if hint else "")
        return await store.create_api_key(await store.ensure_organization(org_name)), made
    finally:
        await store.close()


async def missing_keys(settings: Settings) -> list[dict[str, Any]]:
    """Organizations without a data key (not deleted on purpose): ``{id, name,
    encryptedRows}``, the rows whose values were sealed under the missing key."""
    data = _data(settings)
    store = await _open(settings, data, check_keys=False)
    try:
        async with store.engine.connect() as conn:
            orgs = (await conn.execute(select(Organization.id, Organization.name))).all()
            missing = set(data.keyring.missing(org_id for org_id, _ in orgs))
            out = []
            for org_id, name in orgs:
                if org_id not in missing:
                    continue
                rows = 0
                for model in ENCRYPTED:
                    rows += await conn.scalar(select(func.count()).select_from(model).where(
                        model.organization_id == org_id)) or 0
                out.append({"id": org_id, "name": name, "encryptedRows": rows})
            return out
    finally:
        await store.close()


async def create_missing_keys(settings: Settings) -> list[dict[str, Any]]:
    """Give every organization without a data key (and not deleted on purpose) a new one;
    returns them as :func:`missing_keys` does. Values sealed under a lost key stay
    unreadable. Audited as ``keys.create_missing``."""
    found = await missing_keys(settings)
    data = _data(settings)
    for org in found:
        data.keyring.create(org["id"])
    store = await _open(settings, data)
    try:
        for org in found:
            await store.audit(org["id"], OPERATOR, "keys.create_missing", org["id"])
    finally:
        await store.close()
    return found


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
    store = await _open(settings)
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
    store = await _open(settings)
    try:
        org_id = await _org(store, org_name)
        uid = await _user_id(store, org_id, email, user_id)
        if not await store.accounts.erase_admin_user(org_id, uid, OPERATOR):
            raise OperationError(f"no admin user {uid} in the organization")
        return uid
    finally:
        await store.close()


async def list_organizations(settings: Settings) -> list[dict[str, str]]:
    """Every organization: ``{name, id, createdAt}``, by name."""
    store = await _open(settings)
    try:
        return await store.organizations()
    finally:
        await store.close()


async def list_api_keys(settings: Settings, org_name: str) -> list[dict[str, str | None]]:
    """The organization's API keys (ids and dates; keys themselves are never stored)."""
    store = await _open(settings)
    try:
        return await store.list_api_keys(await _org(store, org_name))
    finally:
        await store.close()


async def revoke_api_key(settings: Settings, org_name: str, key_id: str) -> None:
    """Revoke one API key of the organization at once (audited)."""
    store = await _open(settings)
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
    store = await _open(settings)
    try:
        org_id = await _org(store, org_name)
        if changes:
            # Merged in the transaction that writes them: a PATCH of the API at the same
            # time keeps its fields, and these are not lost to it.
            current = await store.accounts.update_privacy(
                org_id, lambda now: dataclasses.replace(now, **changes), OPERATOR
            )
        else:
            current = await store.accounts.privacy(org_id)
        return current.as_json()
    finally:
        await store.close()
