"""Per-organization data keys, wrapped by the KEK, kept apart from the database.

Each organization has one small file ``<keyring dir>/<organization id>.json`` (mode 0600)::

    {"organization": "org_..", "key_id": "dk_..", "current": 2, "pending": null,
     "versions": {"1": {"kek": "file:..", "wrapped": "<base64>"}, "2": {...}},
     "index": {"kek": "file:..", "wrapped": "<base64>"}}

``versions`` are AES-256-GCM data keys (see :mod:`keys.envelope`); ``index`` is the HMAC key
of the blind indexes. The files live outside the database on purpose: deleting one destroys
the organization's keys (crypto-shredding), so its ciphertext in any database copy or backup
becomes unreadable. Back the keyring up separately from the database, with the retention you
want for shredding to take effect. ``pending`` is the version a data-key rotation is moving
rows to; new values are sealed with it at once.

A data key is made only when its organization is created (:meth:`Keyring.create`), never on
first use: an organization of the database whose file is missing means the keyring is not
the one of that database (restored without it, or a wrong directory), and writing under a
fresh key there would make those rows unreadable once the right keyring is back
(:meth:`Keyring.check` stops start-up instead). Deleting an organization leaves
``<organization id>.destroyed`` (no key material): the organization was shredded on purpose,
so a database backup that still holds it does not stop start-up.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import fcntl
import json
import os
import re
import secrets
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from keys.errors import (
    DataKeyMissing,
    DecryptionError,
    KekUnavailable,
    KeyringIncomplete,
    ParseError,
)
from keys.files import write_private
from keys.kek import KekProvider

KEY_BYTES = 32
_ORG_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class DataKey:
    """An unwrapped data key: ``key_id`` and ``version`` go into every ciphertext header."""

    key_id: str
    version: int
    key: bytes


def _wrapped_entry(entry: object) -> bool:
    return (isinstance(entry, dict) and isinstance(entry.get("kek"), str)
            and isinstance(entry.get("wrapped"), str))


def _well_formed(doc: object) -> bool:
    """``doc`` has the layout of the module docstring (values unchecked until unwrapped)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("key_id"), str):
        return False
    versions = doc.get("versions")
    return (isinstance(doc.get("current"), int) and isinstance(versions, dict)
            and (doc.get("pending") is None or isinstance(doc.get("pending"), int))
            and all(_wrapped_entry(v) for v in versions.values())
            and _wrapped_entry(doc.get("index")))


def wrapping_provider(directory: Path) -> str | None:
    """The provider (``file``, ``pkcs11``, ``aws-kms``: the part of a KEK id before ``:``)
    of the KEK that wraps the data keys in ``directory``, read from one organization's file;
    None when it holds none, or one this version cannot read (opening the keyring names it)."""
    for path in sorted(directory.glob("*.json")):
        try:
            doc = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return None
        return doc["index"]["kek"].partition(":")[0] if _well_formed(doc) else None
    return None


def _context(org_id: str, key_id: str, slot: str) -> bytes:
    return f"fjord data key\0{org_id}\0{key_id}\0{slot}".encode()


class Keyring:
    """The data keys of every organization, unwrapped on demand and cached in memory.

    Files are re-read when they change on disk, so a rotation or an organization deletion
    made by ``fjord keys``/``fjord org`` in another process is seen by a running server.
    """

    def __init__(self, directory: Path, kek: KekProvider) -> None:
        self.directory = directory
        self.kek = kek
        self._docs: dict[str, tuple[int, dict]] = {}
        self._plain: dict[tuple[str, str], bytes] = {}
        # The directory is made with its first key, not here: a mistyped keyring_dir must not
        # turn into an empty keyring (check() names it instead).

    # --- files
    def _path(self, org_id: str) -> Path:
        if not _ORG_ID.fullmatch(org_id):
            raise ValueError(f"invalid organization id {org_id!r}")
        return self.directory / f"{org_id}.json"

    def _tombstone(self, org_id: str) -> Path:
        return self._path(org_id).with_suffix(".destroyed")

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the keyring's lock (across processes), with the KEK as it is now on disk or
        on the token: every wrap happens under it, so none can use a KEK that a rotation in
        another process retired (:meth:`rotate_kek` holds the lock throughout)."""
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.directory / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self.kek.reload()
            yield
        finally:
            os.close(fd)

    def _load(self, org_id: str) -> dict | None:
        path = self._path(org_id)
        try:
            mtime = path.stat().st_mtime_ns
        except FileNotFoundError:
            self._forget(org_id)
            return None
        cached = self._docs.get(org_id)
        if cached and cached[0] == mtime:
            return cached[1]
        try:
            doc = json.loads(path.read_bytes())
        except FileNotFoundError:
            self._forget(org_id)
            return None
        except ValueError:
            raise ParseError(f"keyring file {path} is not valid JSON; restore it from the "
                             "keyring backup (docs/operations.md, Backups)") from None
        if not _well_formed(doc):
            raise ParseError(f"keyring file {path} is damaged (not the layout this version "
                             "writes); restore it from the keyring backup (docs/operations.md, "
                             "Backups)")
        if cached and cached[1]["key_id"] != doc["key_id"]:
            self._forget(org_id)
        self._docs[org_id] = (mtime, doc)
        return doc

    def _save(self, org_id: str, doc: dict) -> None:
        write_private(self._path(org_id), json.dumps(doc, sort_keys=True).encode())
        self._docs.pop(org_id, None)

    def _forget(self, org_id: str) -> None:
        self._docs.pop(org_id, None)
        for slot in [s for s in self._plain if s[0] == org_id]:
            del self._plain[slot]

    def _wrap(self, org_id: str, key_id: str, slot: str, key: bytes) -> dict[str, str]:
        wrapped = self.kek.wrap(key, _context(org_id, key_id, slot))
        return {"kek": self.kek.kek_id, "wrapped": base64.b64encode(wrapped).decode()}

    def _unwrap(self, org_id: str, doc: dict, slot: str) -> bytes:
        cached = self._plain.get((org_id, f"{doc['key_id']}/{slot}"))
        if cached is not None:
            return cached
        entry = doc["index"] if slot == "index" else doc["versions"].get(slot)
        if entry is None:
            raise DataKeyMissing(f"organization {org_id} has no data key version {slot}")
        context = _context(org_id, doc["key_id"], slot)
        try:
            wrapped = base64.b64decode(entry["wrapped"], validate=True)
            try:
                key = self.kek.unwrap(wrapped, context, entry["kek"])
            except KekUnavailable:  # rewrapped by a KEK rotation in another process since
                self.kek.reload()
                key = self.kek.unwrap(wrapped, context, entry["kek"])
        except (binascii.Error, DecryptionError):
            raise DecryptionError(
                f"keyring file {self._path(org_id)} is damaged or not wrapped by this KEK "
                f"(its {slot} key does not unwrap); restore it from the keyring backup "
                "(docs/operations.md, Backups)") from None
        self._plain[(org_id, f"{doc['key_id']}/{slot}")] = key
        return key

    def create(self, org_id: str) -> None:
        """Make the data key and index key of a new organization (no-op if it has them).

        Raises:
            DataKeyMissing: ``org_id`` was deleted (its keys destroyed); it gets no new ones.
        """
        with self._locked():
            if self._load(org_id) is not None:
                return
            if self._tombstone(org_id).exists():
                raise DataKeyMissing(f"organization {org_id} was deleted: its keys were destroyed")
            key_id = "dk_" + secrets.token_hex(8)
            doc = {
                "organization": org_id,
                "key_id": key_id,
                "current": 1,
                "pending": None,
                "versions": {"1": self._wrap(org_id, key_id, "1", os.urandom(KEY_BYTES))},
                "index": self._wrap(org_id, key_id, "index", os.urandom(KEY_BYTES)),
            }
            self._save(org_id, doc)

    def _doc(self, org_id: str) -> dict:
        doc = self._load(org_id)
        if doc is None:
            if self._tombstone(org_id).exists():
                raise DataKeyMissing(f"organization {org_id} has no data key (destroyed when "
                                     "it was deleted)")
            raise DataKeyMissing(f"organization {org_id} has no data key in {self.directory} "
                                 "(destroyed, never created, or not this keyring)")
        return doc

    # --- reading keys
    def write_key(self, org_id: str) -> DataKey:
        """The data key new values of ``org_id`` are sealed with.

        Raises:
            DataKeyMissing: the organization has no keys (destroyed, or not this keyring).
        """
        doc = self._doc(org_id)
        version = doc["pending"] or doc["current"]
        return DataKey(doc["key_id"], version, self._unwrap(org_id, doc, str(version)))

    def read_key(self, org_id: str, key_id: str, version: int) -> DataKey:
        """The data key ``key_id`` version ``version`` of ``org_id``.

        Raises:
            DataKeyMissing: the organization's keys were destroyed, or no such version.
            DecryptionError: the key belongs to another organization.
        """
        doc = self._doc(org_id)
        if doc["key_id"] != key_id:
            raise DataKeyMissing(
                f"ciphertext names data key {key_id}, not organization {org_id}'s (moved from "
                "another organization, or the organization's keys were destroyed)"
            )
        return DataKey(key_id, version, self._unwrap(org_id, doc, str(version)))

    def index_key(self, org_id: str) -> bytes:
        """The organization's blind-index HMAC key (DataKeyMissing like :meth:`write_key`)."""
        return self._unwrap(org_id, self._doc(org_id), "index")

    def key_id(self, org_id: str) -> str:
        """The id of ``org_id``'s data key (every version of it carries this id)."""
        return str(self._doc(org_id)["key_id"])

    def versions(self, org_id: str) -> tuple[int, int | None, list[int]]:
        """``(current, pending, all versions)`` of ``org_id``'s data key."""
        doc = self._doc(org_id)
        return doc["current"], doc["pending"], sorted(int(v) for v in doc["versions"])

    def organizations(self) -> list[str]:
        """Ids of the organizations that have keys, sorted."""
        return sorted(p.stem for p in self.directory.glob("*.json"))

    def missing(self, org_ids: Iterable[str]) -> list[str]:
        """Those of ``org_ids`` that have no key file and were not deleted on purpose."""
        return [org_id for org_id in org_ids
                if not self._path(org_id).exists() and not self._tombstone(org_id).exists()]

    def destroyed(self, org_ids: Iterable[str]) -> list[str]:
        """Those of ``org_ids`` deleted on purpose (a tombstone: their keys were destroyed)."""
        return [org_id for org_id in org_ids if self._tombstone(org_id).exists()]

    def check_new_database(self) -> None:
        """Check that an empty database (its tables made just now) may go with this keyring:
        it must hold no organization's key.

        Raises:
            KeyringIncomplete: one line (the database URL names the wrong database, or a
                restore left it empty; a new deployment needs a new data dir).
        """
        held = self.organizations()
        if held:
            raise KeyringIncomplete(
                f"the database is empty but the keyring {self.directory} holds the data keys "
                f"of {len(held)} organization{'s' * (len(held) != 1)}: database_url names the "
                "wrong database, or a restore left it empty; restore the database "
                "(docs/operations.md, Backups), or give a new deployment a new data dir")

    def check(self, org_ids: Iterable[str]) -> None:
        """Check that every organization of the database (``org_ids``) has its data key here,
        or was deleted on purpose (crypto-shredded: no key, a tombstone).

        Raises:
            KeyringIncomplete: one line naming the first organization without its key and
                this directory.
        """
        missing = self.missing(org_ids)
        if not missing:
            return
        more = f" (nor do {len(missing) - 1} other organizations)" if len(missing) > 1 else ""
        raise KeyringIncomplete(
            f"organization {missing[0]} has no data key in {self.directory}{more}: the "
            "database was restored without its keyring, or keyring_dir/data_dir is wrong; "
            "restore the keyring (docs/operations.md, Backups)"
        )

    # --- rotation and destruction
    def begin_data_key_rotation(self, org_id: str) -> int:
        """Add a new data key version as ``pending`` (or return the one already pending)."""
        with self._locked():
            doc = self._doc(org_id)
            if doc["pending"] is None:
                version = max(int(v) for v in doc["versions"]) + 1
                doc["versions"][str(version)] = self._wrap(
                    org_id, doc["key_id"], str(version), os.urandom(KEY_BYTES)
                )
                doc["pending"] = version
                self._save(org_id, doc)
            return int(doc["pending"])

    def complete_data_key_rotation(self, org_id: str) -> None:
        """Make the pending version current and destroy the older ones (every row that used
        them has been re-encrypted)."""
        with self._locked():
            doc = self._doc(org_id)
            if doc["pending"] is None:
                return
            version = int(doc["pending"])
            doc["current"], doc["pending"] = version, None
            doc["versions"] = {k: v for k, v in doc["versions"].items() if int(k) >= version}
            self._save(org_id, doc)
            self._forget(org_id)

    def rotate_kek(self) -> int:
        """Make a new KEK current, rewrap every data and index key under it, then retire the
        older KEKs; returns how many keys were rewrapped.

        Holds the keyring's lock throughout: a key another process makes meanwhile waits, then
        is wrapped under the new KEK (made before the listing, it is rewrapped). Resumable: an
        interrupted run leaves every KEK in use; running again finishes.
        """
        with self._locked():
            self.kek.begin_rotation()
            count = self._rewrap()
            self.kek.retire_others()
        return count

    def rewrap_all(self) -> int:
        """Rewrap every data and index key not yet under the current KEK; returns how many.

        Resumable: keys already under the current KEK are left alone.
        """
        with self._locked():
            return self._rewrap()

    def _rewrap(self) -> int:
        count = 0
        for org_id in self.organizations():
            doc = self._load(org_id)
            if doc is None:
                continue
            slots = [("index", doc["index"])] + list(doc["versions"].items())
            changed = False
            for slot, entry in slots:
                if entry["kek"] == self.kek.kek_id:
                    continue
                key = self._unwrap(org_id, doc, slot)
                entry.update(self._wrap(org_id, doc["key_id"], slot, key))
                changed = True
                count += 1
            if changed:
                self._save(org_id, doc)
        return count

    def destroy(self, org_id: str) -> bool:
        """Crypto-shred ``org_id``: leave its tombstone, overwrite and delete its key file.
        True if the key file existed."""
        path = self._path(org_id)
        with self._locked():
            self._forget(org_id)
            tombstone = {"organization": org_id, "destroyed_at": int(time.time())}
            write_private(self._tombstone(org_id), json.dumps(tombstone).encode())
            if not path.exists():
                return False
            size = path.stat().st_size
            with open(path, "r+b") as handle:
                handle.write(os.urandom(size))
                handle.flush()
                os.fsync(handle.fileno())
            path.unlink()
            return True

    def verify(self) -> None:
        """Check that the KEK unwraps the stored keys (one organization's, if any).

        Raises:
            KekUnavailable: one line saying the KEK is wrong or unreachable.
        """
        orgs = self.organizations()
        if not orgs:
            return
        doc = self._doc(orgs[0])
        try:
            self._plain.pop((orgs[0], f"{doc['key_id']}/index"), None)
            self._unwrap(orgs[0], doc, "index")
        except DecryptionError:
            raise KekUnavailable(
                f"the {self.kek.name} KEK does not unwrap the data keys in {self.directory} "
                f"(wrong KEK, or a damaged keyring file {self._path(orgs[0])}?)"
            ) from None
