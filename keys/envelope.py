"""Envelope ciphertexts: AES-256-GCM values that name their data key and bind their place.

Wire format (all integers big-endian)::

    +------+---------+---------+--------+--------------+----------+-----------------------+
    | "FJ" | fmt = 1 | version | id len | key id ASCII | nonce 12 | ciphertext || tag 16 |
    |  2   |    1    |   u32   |   u8   |   id len     |    12    |   len(plaintext) + 16 |
    +------+---------+---------+--------+--------------+----------+-----------------------+

The associated data (NIST SP 800-38D section 5.2.1.1) is the header followed by the value's
place, ``table \\0 column \\0 row id``, so a ciphertext copied to another row, column or table,
or with an edited header, fails authentication. Pure: bytes in, bytes out.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from keys.errors import DecryptionError, ParseError

MAGIC = b"FJ"
FORMAT = 1
NONCE_BYTES = 12
TAG_BYTES = 16
KEY_BYTES = 32
_FIXED = struct.Struct(">2sBIB")
VERSION_BYTES = slice(3, 7)
"""Where a header carries its u32 data key version; the key id's length byte follows, then
the id: so a database can group values by key and version without reading them whole."""


@dataclass(frozen=True)
class Place:
    """Where a ciphertext lives; part of its associated data."""

    table: str
    column: str
    row_id: str

    def __bytes__(self) -> bytes:
        parts = (self.table, self.column, self.row_id)
        if any("\0" in part for part in parts):
            raise ValueError("table, column and row id must not contain NUL")
        return "\0".join(parts).encode()

    def __str__(self) -> str:
        return f"{self.table}.{self.column} of row {self.row_id}"


@dataclass(frozen=True)
class Header:
    """The clear part of an envelope: which data key (id and version) sealed it."""

    key_id: str
    version: int

    def __bytes__(self) -> bytes:
        raw_id = self.key_id.encode("ascii")
        if not 0 < len(raw_id) < 256:
            raise ValueError("key id must be 1..255 ASCII bytes")
        return _FIXED.pack(MAGIC, FORMAT, self.version, len(raw_id)) + raw_id

    @classmethod
    def parse(cls, blob: bytes) -> tuple[Header, int]:
        """Return the header of ``blob`` and the offset of its nonce.

        Raises:
            ParseError: not an envelope of this format, or truncated.
        """
        if len(blob) < _FIXED.size:
            raise ParseError("ciphertext too short")
        magic, fmt, version, id_len = _FIXED.unpack_from(blob)
        if magic != MAGIC or fmt != FORMAT:
            raise ParseError("not a Fjord ciphertext (bad magic or format)")
        end = _FIXED.size + id_len
        if id_len == 0 or len(blob) < end + NONCE_BYTES + TAG_BYTES:
            raise ParseError("ciphertext truncated")
        try:
            key_id = blob[_FIXED.size:end].decode("ascii")
        except UnicodeDecodeError:
            raise ParseError("ciphertext key id is not ASCII") from None
        return cls(key_id, version), end


def seal(key: bytes, header: Header, place: Place, plaintext: bytes,
         nonce: bytes | None = None) -> bytes:
    """Encrypt ``plaintext`` with the 32-byte data ``key``; returns the envelope bytes.

    ``nonce`` (12 bytes) is random unless given (tests only).
    """
    head = bytes(header)
    nonce = os.urandom(NONCE_BYTES) if nonce is None else nonce
    return head + nonce + AESGCM(key).encrypt(nonce, plaintext, head + b"\0" + bytes(place))


def open_sealed(key: bytes, blob: bytes, place: Place) -> bytes:
    """Decrypt an envelope sealed for ``place`` with ``key``; returns the plaintext.

    Raises:
        ParseError: ``blob`` is not an envelope.
        DecryptionError: wrong key, altered bytes, or sealed for another place.
    """
    _, offset = Header.parse(blob)
    head, nonce = blob[:offset], blob[offset:offset + NONCE_BYTES]
    body = blob[offset + NONCE_BYTES:]
    try:
        return AESGCM(key).decrypt(nonce, body, head + b"\0" + bytes(place))
    except InvalidTag:
        raise DecryptionError(
            f"ciphertext does not decrypt as {place}: moved from another row or column, "
            "altered, or sealed with another key"
        ) from None
