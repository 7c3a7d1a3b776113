"""keys.envelope: the AES-256-GCM ciphertext format, its header and its place binding."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keys.envelope import Header, Place, open_sealed, seal
from keys.errors import DecryptionError, ParseError

KEY = bytes(range(32))
PLACE = Place("admin_users", "email", "u_1")


def test_known_layout() -> None:
    blob = seal(KEY, Header("dk_ab", 7), PLACE, b"hi", nonce=b"\x00" * 12)
    #        magic  fmt  version=7          idlen  "dk_ab"
    head = bytes.fromhex("464a" "01" "00000007" "05") + b"dk_ab"
    assert blob[: len(head)] == head
    assert blob[len(head): len(head) + 12] == b"\x00" * 12
    assert len(blob) == len(head) + 12 + 2 + 16
    assert Header.parse(blob) == (Header("dk_ab", 7), len(head))
    assert open_sealed(KEY, blob, PLACE) == b"hi"


@pytest.mark.parametrize("other", [
    Place("admin_users", "email", "u_2"),          # another row
    Place("admin_users", "display_name", "u_1"),   # another column
    Place("webhook_endpoints", "email", "u_1"),    # another table
])
def test_moved_ciphertext_fails_with_clear_error(other: Place) -> None:
    blob = seal(KEY, Header("dk_ab", 1), PLACE, b"ingrid@example.org")
    with pytest.raises(DecryptionError, match=f"does not decrypt as {other.table}.{other.column}"):
        open_sealed(KEY, blob, other)


def test_edited_header_or_body_or_key_fails() -> None:
    blob = bytearray(seal(KEY, Header("dk_ab", 1), PLACE, b"secret"))
    bumped = bytes(blob[:6]) + b"\x02" + bytes(blob[7:])  # version 1 -> 2 in the header
    with pytest.raises(DecryptionError):
        open_sealed(KEY, bumped, PLACE)
    blob[-1] ^= 1
    with pytest.raises(DecryptionError):
        open_sealed(KEY, bytes(blob), PLACE)
    with pytest.raises(DecryptionError):
        open_sealed(os.urandom(32), seal(KEY, Header("dk_ab", 1), PLACE, b"x"), PLACE)


@pytest.mark.parametrize("blob", [b"", b"FJ", b"XX\x01\x00\x00\x00\x01\x01a" + b"\0" * 28,
                                  b"FJ\x02\x00\x00\x00\x01\x01a" + b"\0" * 28,
                                  b"FJ\x01\x00\x00\x00\x01\x00" + b"\0" * 28,
                                  b"FJ\x01\x00\x00\x00\x01\x05dk_ab" + b"\0" * 27])
def test_malformed_envelopes_raise_parse_error(blob: bytes) -> None:
    with pytest.raises(ParseError):
        open_sealed(KEY, blob, PLACE)


@given(st.text(max_size=200), st.integers(0, 2**32 - 1), st.text("abcdef_0123", min_size=1,
       max_size=40))
def test_round_trip(value: str, version: int, key_id: str) -> None:
    blob = seal(KEY, Header(key_id, version), PLACE, value.encode())
    assert Header.parse(blob)[0] == Header(key_id, version)
    assert open_sealed(KEY, blob, PLACE).decode() == value


@given(st.binary(max_size=120))
def test_random_bytes_raise_only_keys_errors(blob: bytes) -> None:
    with pytest.raises((ParseError, DecryptionError)):
        open_sealed(KEY, blob, PLACE)
