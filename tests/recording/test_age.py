"""The age v1 encryptor and decryptor against the standard ``age`` tool (Debian ``age``):
each opens what the other wrote, over chunk boundaries; altered bytes are refused."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest

from recording.age import CHUNK, AgeEncryptor, decrypt, new_identity, recipient_of
from recording.errors import ParseError


def keygen(tmp_path: Path) -> tuple[str, str, Path]:
    out = subprocess.run(["age-keygen"], check=True, capture_output=True, text=True).stdout
    identity = next(line for line in out.splitlines() if line.startswith("AGE-SECRET-KEY-1"))
    key_file = tmp_path / "key.txt"
    key_file.write_text(out)
    return identity, recipient_of(identity), key_file


@pytest.mark.parametrize("size", [0, 1000, CHUNK, 2 * CHUNK, 2 * CHUNK + 7])
def test_the_age_tool_opens_what_we_encrypt(tmp_path: Path, size: int) -> None:
    identity, recipient, key_file = keygen(tmp_path)
    assert recipient.startswith("age1")
    plain = os.urandom(size)
    out: list[bytes] = []
    encryptor = AgeEncryptor(recipient, out.append)
    for i in range(0, size, 10_000):  # in pieces, as the muxer writes
        encryptor.write(plain[i:i + 10_000])
    encryptor.close()
    cipher = b"".join(out)
    opened = subprocess.run(["age", "-d", "-i", str(key_file)], input=cipher,
                            check=True, capture_output=True).stdout
    assert opened == plain
    assert b"".join(decrypt(identity, io.BytesIO(cipher))) == plain


def test_we_open_what_the_age_tool_encrypts_and_refuse_alterations(tmp_path: Path) -> None:
    identity, recipient, _ = keygen(tmp_path)
    plain = os.urandom(3 * CHUNK + 5)
    cipher = subprocess.run(["age", "-r", recipient], input=plain, check=True,
                            capture_output=True).stdout
    assert b"".join(decrypt(identity, io.BytesIO(cipher))) == plain
    altered = bytearray(cipher)
    altered[-100] ^= 1
    with pytest.raises(ParseError):
        b"".join(decrypt(identity, io.BytesIO(bytes(altered))))
    with pytest.raises(ParseError):
        b"".join(decrypt(new_identity(), io.BytesIO(cipher)))
    with pytest.raises(ParseError):
        b"".join(decrypt(identity, io.BytesIO(cipher[:-20])))


def test_a_file_that_is_not_age_is_named_so() -> None:
    """``fjord recording decrypt`` of a plain recording said "truncated age header"."""
    matroska = b"\x1a\x45\xdf\xa3" + os.urandom(5000)
    with pytest.raises(ParseError, match="not an age v1 file .* was the recording encrypted"):
        b"".join(decrypt(new_identity(), io.BytesIO(matroska)))
    with pytest.raises(ParseError, match="not an age v1 file"):
        b"".join(decrypt(new_identity(), io.BytesIO(b"")))
