"""The key-encryption key (KEK) behind one small provider interface, and the ``file`` provider.

A provider wraps and unwraps 32-byte data keys; the KEK itself never leaves it (a file in the
data dir, a PKCS#11 token, or AWS KMS). Wrapped blobs are bound to a ``context`` (which data
key of which organization) as associated data or an encryption context.

``file`` (the embedded default) keeps a random 256-bit key in ``keys/kek.bin`` (mode 0600,
created on first start); wrapping is AES-256-GCM: ``nonce(12) || ciphertext || tag(16)``.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, runtime_checkable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from keys.errors import DecryptionError, KekUnavailable
from keys.files import read_or_create, write_private

KEK_BYTES = 32
NONCE_BYTES = 12

__all__ = ["KEK_BYTES", "FileKek", "KekProvider", "KekUnavailable", "load_file_kek", "open_kek"]


@runtime_checkable
class KekProvider(Protocol):
    """What the keyring needs from a KEK."""

    name: str
    """Provider name: ``file``, ``pkcs11`` or ``aws-kms``."""

    @property
    def kek_id(self) -> str:
        """Id of the KEK that :meth:`wrap` uses now (recorded beside each wrapped key)."""
        ...

    def wrap(self, key: bytes, context: bytes) -> bytes:
        """Wrap ``key`` under the current KEK, bound to ``context``.

        Raises:
            KekUnavailable: the KEK cannot be used.
        """
        ...

    def unwrap(self, wrapped: bytes, context: bytes, kek_id: str) -> bytes:
        """Unwrap a blob that :meth:`wrap` made under KEK ``kek_id`` for ``context``.

        Raises:
            DecryptionError: wrong KEK, wrong context or altered blob.
            KekUnavailable: KEK ``kek_id`` is not available to this provider.
        """
        ...

    def begin_rotation(self) -> None:
        """Make a new KEK current; the previous ones keep unwrapping until retired."""
        ...

    def reload(self) -> None:
        """Find again which KEKs exist and which is current: another process (``fjord keys
        rotate-kek``) may have rotated them since this one opened the provider.

        Raises:
            KekUnavailable: the KEK cannot be loaded any more.
        """
        ...

    def retire_others(self) -> None:
        """Destroy every KEK but the current one (after every key was rewrapped)."""
        ...


def _fingerprint(key: bytes) -> str:
    return "file:" + hmac.new(key, b"fjord kek id", hashlib.sha256).hexdigest()[:16]


class FileKek:
    """The ``file`` provider: ``kek.bin`` (current) and, during rotation, ``kek.next.bin``."""

    name = "file"

    def __init__(self, keys_dir: Path) -> None:
        self._dir = keys_dir
        self._keys: dict[str, bytes] = {}
        self._current = ""
        self._load()

    @property
    def path(self) -> Path:
        return self._dir / "kek.bin"

    @property
    def _next(self) -> Path:
        return self._dir / "kek.next.bin"

    def _read(self, path: Path, create: bool) -> bytes | None:
        if create:
            key = read_or_create(path, lambda: os.urandom(KEK_BYTES))
        elif path.exists():
            key = path.read_bytes()
        else:
            return None
        if len(key) != KEK_BYTES:
            raise KekUnavailable(f"KEK file {path} is not a {KEK_BYTES}-byte key")
        return key

    def _load(self, create: bool = True) -> None:
        try:
            # The pending KEK first: a rotation ending meanwhile renames it to kek.bin.
            pending = self._read(self._next, create=False)
            main = self._read(self.path, create=create)
        except OSError as exc:
            raise KekUnavailable(f"KEK file {self.path} cannot be read or made: "
                                 f"{exc.strerror}") from None
        if main is None:
            raise KekUnavailable(f"KEK file {self.path} is missing; restore it from backup "
                                 "(docs/operations.md, Backups)")
        self._keys = {_fingerprint(main): main}
        self._current = _fingerprint(main)
        if pending is not None:
            self._keys[_fingerprint(pending)] = pending
            self._current = _fingerprint(pending)

    @property
    def kek_id(self) -> str:
        return self._current

    def wrap(self, key: bytes, context: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + AESGCM(self._keys[self._current]).encrypt(nonce, key, context)

    def unwrap(self, wrapped: bytes, context: bytes, kek_id: str) -> bytes:
        kek = self._keys.get(kek_id)
        if kek is None:
            raise KekUnavailable(
                f"data keys are wrapped by KEK {kek_id} but {self.path} holds {self._current}"
                " (wrong or replaced KEK file)"
            )
        try:
            return AESGCM(kek).decrypt(wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:], context)
        except (InvalidTag, ValueError):  # ValueError: cut short, no whole nonce
            raise DecryptionError("wrapped data key does not unwrap (altered or moved)") from None

    def begin_rotation(self) -> None:
        if not self._next.exists():
            write_private(self._next, os.urandom(KEK_BYTES))
        self._load()

    def retire_others(self) -> None:
        if self._next.exists():
            os.replace(self._next, self.path)
        self._load()

    def reload(self) -> None:
        self._load(create=False)  # never a new kek.bin under a running process


def load_file_kek(keys_dir: Path) -> bytes:
    """Return the 32-byte current KEK of the ``file`` provider, creating it on first start.

    Raises:
        KekUnavailable: the file exists but is not 32 bytes.
    """
    provider = FileKek(keys_dir)
    return provider._keys[provider.kek_id]


def open_kek(provider: str, keys_dir: Path, **options: object) -> KekProvider:
    """Open the KEK provider named ``provider`` (``file``, ``pkcs11``, ``aws-kms``).

    ``options`` are the provider's own (see :mod:`keys.kek_pkcs11`, :mod:`keys.kek_aws`).

    Raises:
        KekUnavailable: unknown provider, library missing, or the KEK cannot be reached.
    """
    factories: dict[str, Callable[[], KekProvider]] = {"file": lambda: FileKek(keys_dir)}
    if provider == "pkcs11":
        from keys.kek_pkcs11 import Pkcs11Kek

        factories["pkcs11"] = lambda: Pkcs11Kek(**options)  # type: ignore[arg-type]
    elif provider == "aws-kms":
        from keys.kek_aws import AwsKmsKek

        factories["aws-kms"] = lambda: AwsKmsKek(**options)  # type: ignore[arg-type]
    if provider not in factories:
        raise KekUnavailable(f"unknown KEK provider {provider!r} (file, pkcs11, aws-kms)")
    return factories[provider]()
