"""The data directory (mode 0700) a server role prepares on its first start and reads on
every later one: the TLS certificate (the operator's, or a development CA's), the KEK and the
keyring it wraps, the room-key signing key, the TURN secret and, by default, the SQLite
database. ``fjord turn`` prepares only what the relay reads (:func:`prepare_relay_files`).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import stat
from dataclasses import dataclass
from pathlib import Path

from fjord.settings import Settings
from keys.devtls import ensure_dev_certificates
from keys.errors import DataDirOfAnotherUser, KekUnavailable, KeyFileMissing
from keys.kek import KekProvider, open_kek
from keys.keyring import Keyring, wrapping_provider
from keys.room_keys import RoomKeySigner
from keys.turn_secret import ensure_turn_secret_file, load_turn_secrets


@dataclass(frozen=True)
class RelayFiles:
    """What the TURN relay reads from the data directory (mode 0700): its certificate for
    TURN over TLS and the secrets its credentials are checked against."""

    root: Path
    tls_cert: Path
    tls_key: Path
    ca_cert: Path | None
    """The development CA, when the development certificate is in use."""
    turn_secrets: list[bytes]


@dataclass(frozen=True)
class DataDir(RelayFiles):
    """Files of the data directory: the relay's, and the keys of signaling and the store."""

    signer: RoomKeySigner
    keyring: Keyring
    """Per-organization data keys wrapped by the configured KEK (verified at start-up)."""


def open_kek_provider(settings: Settings, keys_dir: Path, create: bool = True) -> KekProvider:
    """The KEK provider the settings name; ``create``: an HSM may get its first KEK (only
    for a data dir not in use: a mistyped key label would make a stray key on the token).

    Raises:
        KekUnavailable: one line naming what is missing or wrong.
    """
    options: dict[str, object] = {}
    if settings.kek_provider == "pkcs11":
        assert settings.kek_pkcs11_pin is not None
        options = {
            "module": str(settings.kek_pkcs11_module),
            "token_label": settings.kek_pkcs11_token_label,
            "pin": settings.kek_pkcs11_pin.get_secret_value(),
            "key_label": settings.kek_pkcs11_key_label,
            "create": create,
        }
    elif settings.kek_provider == "aws-kms":
        options = {
            "key_id": settings.kek_aws_key_id,
            "region": settings.kek_aws_region,
            "endpoint_url": settings.kek_aws_endpoint_url,
        }
    return open_kek(settings.kek_provider, keys_dir, **options)


def open_keyring(settings: Settings, keys_dir: Path, create: bool = True) -> Keyring:
    """The keyring over the configured KEK, checked to unwrap the stored data keys.

    Raises:
        KekUnavailable: the KEK is missing, unreachable or wrong (one line).
    """
    keyring = Keyring(_keyring_dir(settings, keys_dir),
                      open_kek_provider(settings, keys_dir, create))
    keyring.verify()
    return keyring


def prepare_data_dir(settings: Settings) -> DataDir:
    """Create the data dir on first start: dev CA + localhost certificate, KEK, signing key,
    TURN secret. Later starts reuse them.

    Raises:
        KekUnavailable: the KEK cannot be loaded or does not unwrap the stored data keys.
    """
    root = _make_root(settings)
    keys_dir = root / "keys"
    _directories_in_place(root, ("keys", "certs") if settings.keyring_dir
                          else ("keys", "keys/keyring", "certs"))
    _owner_only(_keyring_dir(settings, keys_dir))  # apart from the data dir, maybe
    _check_kek_provider(settings, _keyring_dir(settings, keys_dir))
    in_use = _check_key_files(settings, root, keys_dir)
    # The KEK first: a data dir with a signing key is in use, and must have its KEK.
    keyring = open_keyring(settings, keys_dir, create=not in_use)
    if settings.turn_secret is not None:
        # The relay's files skip it then; a data dir in use must still hold every key file
        # (one the servers do not read is not checked for strength).
        ensure_turn_secret_file(keys_dir)
    relay = prepare_relay_files(settings)
    return DataDir(**vars(relay), signer=RoomKeySigner.from_data_dir(keys_dir),
                   keyring=keyring)


def prepare_relay_files(settings: Settings) -> RelayFiles:
    """``fjord turn``: only what the relay reads, so that a relay-only host holds no KEK,
    signing key or keyring it never uses: the operator's certificate (or the development
    one, made on first start) and the TURN secrets (``turn_secret``, else
    ``keys/turn-secret.json``, made on first start).

    Raises:
        ParseError: ``keys/turn-secret.json`` is damaged.
    """
    root = _make_root(settings)
    _directories_in_place(root, ("keys", "certs"))
    if settings.tls_cert_file and settings.tls_key_file:
        cert, key, ca = settings.tls_cert_file, settings.tls_key_file, None
    else:
        dev = ensure_dev_certificates(root / "certs")
        cert, key, ca = dev.cert, dev.key, dev.ca_cert
    if settings.turn_secret is not None:
        secrets = [settings.turn_secret.get_secret_value().encode()]
    else:
        secrets = load_turn_secrets(root / "keys")
    return RelayFiles(root=root, tls_cert=cert, tls_key=key, ca_cert=ca, turn_secrets=secrets)


def _make_root(settings: Settings) -> Path:
    root = settings.data_dir.resolve()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    _not_root_in_another_users(root)
    _owner_only(root)
    return root


def _directories_in_place(root: Path, parts: tuple[str, ...]) -> None:
    """The data dir's own directories, where they exist, are directories: a file in the
    place of one (a restore gone wrong) read as a lost keyring ('has no data key'), a
    lost key file, or ``[Errno 17] File exists``.

    Raises:
        KeyFileMissing: one line naming it.
    """
    for part in parts:
        path = root / part
        if path.exists() and not path.is_dir():
            raise KeyFileMissing(
                f"data dir {root} holds a file at {part}, where its directory {part}/ "
                "belongs: restore that directory from the data dir's backup "
                "(docs/operations.md, Backups)")


def _not_root_in_another_users(root: Path) -> None:
    """``sudo fjord ...`` in the data dir of the servers' user would leave key files, a
    keyring file or the database's journal that only root can read: the servers failed on
    them at their next start.

    Raises:
        DataDirOfAnotherUser: one line naming the owner.
    """
    owner = root.stat().st_uid
    if os.geteuid() != 0 or owner == 0:
        return
    name = f"uid {owner}"
    with contextlib.suppress(KeyError):  # a uid without a user here (a container's)
        name += f" ({pwd.getpwuid(owner).pw_name})"
    raise DataDirOfAnotherUser(
        f"data dir {root} belongs to {name} and this command runs as root: what it wrote "
        "there would be root's alone, and the servers running as that user could not read "
        f"it at their next start; run it as that user (sudo -u '#{owner}' fjord ...), or "
        f"chown -R root {root} if root runs the servers")


def _owner_only(directory: Path) -> None:
    """Mode 0700 for ``directory`` if it exists (a copy or a restore may have widened it)."""
    if directory.is_dir() and stat.S_IMODE(directory.stat().st_mode) != 0o700:
        os.chmod(directory, 0o700)  # only when wrong: a read-only mount that is right passes


def _keyring_dir(settings: Settings, keys_dir: Path) -> Path:
    return settings.keyring_dir or keys_dir / "keyring"


def _check_kek_provider(settings: Settings, keyring_dir: Path) -> None:
    """The data keys must be wrapped by the configured provider's KEK: one left out of the
    settings would otherwise be reported as a lost KEK file, or a KEK missing on a token.

    Raises:
        KekUnavailable: one line naming the provider that wraps them.
    """
    wrapped_by = wrapping_provider(keyring_dir)
    if wrapped_by not in (None, settings.kek_provider):
        raise KekUnavailable(
            f"the data keys in {keyring_dir} are wrapped by a {wrapped_by} KEK but "
            f"kek_provider is {settings.kek_provider}: set FJORD_KEK_PROVIDER (--kek-provider) "
            f"to {wrapped_by}, with its settings (fjord serve --help)")


def _check_key_files(settings: Settings, root: Path, keys_dir: Path) -> bool:
    """A data dir already in use (its signing key, keyring or SQLite database exists) must
    have every key file; only a new one gets them made. Returns whether it is in use.

    Raises:
        KeyFileMissing: one line naming the missing file.
    """
    required = ["room-signing.json", "turn-secret.json"]
    if settings.kek_provider == "file":
        required.append("kek.bin")
    missing = [name for name in required if not (keys_dir / name).exists()]
    keyring = keys_dir / "keyring"
    # An operator may provide kek.bin or turn-secret.json before the first start; the
    # signing key, the keyring and the database are only ever made by Fjord.
    in_use = ((keys_dir / "room-signing.json").exists() or (root / "fjord.db").exists()
              or (keyring.is_dir() and any(keyring.iterdir())))
    if missing and in_use:
        raise KeyFileMissing(
            f"data dir {root} is in use but lacks keys/{missing[0]}: restore it from the "
            "data dir's backup (docs/operations.md, Backups); a new one would invalidate "
            "what the old one protected")
    return in_use


def database_url(settings: Settings) -> str:
    if settings.database_url:
        return settings.database_url
    return f"sqlite+aiosqlite:///{settings.data_dir.resolve() / 'fjord.db'}"
