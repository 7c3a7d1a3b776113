"""Encrypted columns: seal and open account data with the owning organization's data key.

Values are UTF-8 strings sealed by :mod:`keys.envelope` with the place (table, column, row id)
as associated data. Lookups by value (an admin's email) go through a keyed blind index:
``HMAC-SHA256(index key, purpose || 0x00 || normalized value)`` as hex (RFC 2104).
"""

from __future__ import annotations

import hashlib
import hmac

from keys.envelope import Header, Place, open_sealed, seal
from keys.keyring import Keyring


class FieldCipher:
    """Encrypts and decrypts column values for the account store."""

    def __init__(self, keyring: Keyring) -> None:
        self.keyring = keyring

    def encrypt(self, org_id: str, place: Place, value: str) -> bytes:
        """Seal ``value`` for ``place`` under ``org_id``'s current (or pending) data key."""
        key = self.keyring.write_key(org_id)
        return seal(key.key, Header(key.key_id, key.version), place, value.encode())

    def decrypt(self, org_id: str, place: Place, blob: bytes) -> str:
        """Open a value sealed for ``place``.

        Raises:
            ParseError: ``blob`` is not a ciphertext.
            DataKeyMissing: the organization's key was destroyed, or the blob is another's.
            DecryptionError: the blob was sealed for another row or column, or altered.
        """
        header, _ = Header.parse(blob)
        key = self.keyring.read_key(org_id, header.key_id, header.version)
        return open_sealed(key.key, blob, place).decode()

    def key_version(self, blob: bytes) -> int:
        """The data key version a ciphertext was sealed with (no key needed)."""
        return Header.parse(blob)[0].version

    def blind_index(self, org_id: str, purpose: str, value: str) -> str:
        """Keyed hash of ``value`` for equality lookups (64 hex chars); emails are
        case-folded and stripped first."""
        normalized = value.strip().casefold()
        mac = hmac.new(self.keyring.index_key(org_id), digestmod=hashlib.sha256)
        mac.update(purpose.encode() + b"\0" + normalized.encode())
        return mac.hexdigest()
