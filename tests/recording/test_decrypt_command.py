"""``fjord recording decrypt``: what it refuses, in one line ``fjord: ...`` as every command's
errors, before it writes anything."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from fjord.cli import main
from recording.age import AgeEncryptor, bech32_encode, new_identity, recipient_of


def sealed(tmp_path: Path, plain: bytes) -> tuple[Path, Path]:
    """An age file of ``plain`` and the identity file that opens it."""
    identity = new_identity()
    out: list[bytes] = []
    encryptor = AgeEncryptor(recipient_of(identity), out.append)
    encryptor.write(plain)
    encryptor.close()
    (tmp_path / "rec.mkv.age").write_bytes(b"".join(out))
    (tmp_path / "key.txt").write_text(f"# created: now\n{identity}\n")
    return tmp_path / "rec.mkv.age", tmp_path / "key.txt"


def decrypt(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["recording", "decrypt", *map(str, args)])
    return result.exit_code, result.stderr


def test_a_recording_decrypts_to_its_target(tmp_path: Path) -> None:
    plain = os.urandom(70_000)
    source, key = sealed(tmp_path, plain)
    assert decrypt("--identity", key, source, tmp_path / "rec.mkv") == (0, "")
    assert (tmp_path / "rec.mkv").read_bytes() == plain


def test_a_binary_identity_file_is_one_line(tmp_path: Path) -> None:
    """It was a UnicodeDecodeError traceback (the recording given as the identity, say)."""
    source, _ = sealed(tmp_path, b"plain")
    code, stderr = decrypt("--identity", source, source, tmp_path / "out.mkv")
    assert code == 1
    assert stderr == f"fjord: {source}: no AGE-SECRET-KEY-1... line\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key.txt", "rec.mkv.age"]


def test_the_target_must_not_be_the_source(tmp_path: Path) -> None:
    """It exited 0 and replaced the encrypted recording with its plaintext, the only copy
    of it in the operator's own encryption gone; a hard link is the same file."""
    source, key = sealed(tmp_path, b"plain")
    before = source.read_bytes()
    os.link(source, tmp_path / "link.age")
    for target in (source, tmp_path / "link.age", tmp_path / "." / source.name):
        code, stderr = decrypt("--identity", key, source, target)
        assert code == 1
        assert stderr == f"fjord: {target} is SOURCE itself: give another TARGET\n"
        assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key.txt", "link.age",
                                                          "rec.mkv.age"]


def test_a_target_in_a_missing_directory_is_named(tmp_path: Path) -> None:
    """The line named the temporary file beside it (``.fjord-decrypt-9926sb2n``)."""
    source, key = sealed(tmp_path, b"plain")
    target = tmp_path / "missing" / "rec.mkv"
    code, stderr = decrypt("--identity", key, source, target)
    assert code == 1
    assert stderr == f"fjord: cannot write {target}: No such file or directory\n"


def test_a_file_it_cannot_decrypt_is_one_line_and_leaves_no_target(tmp_path: Path) -> None:
    source, _ = sealed(tmp_path, b"plain")
    (tmp_path / "other.txt").write_text(new_identity() + "\n")
    code, stderr = decrypt("--identity", tmp_path / "other.txt", source, tmp_path / "x.mkv")
    assert code == 1
    assert stderr.startswith("fjord: cannot decrypt: ") and stderr.count("\n") == 1
    assert not (tmp_path / "x.mkv").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".fjord-decrypt-")]


def test_a_damaged_identity_is_named_as_such(tmp_path: Path) -> None:
    """A mistyped or cut identity said ``cannot decrypt: Bech32 checksum mismatch`` (or
    ``not a age-secret-key- key``), which reads as a damaged recording, and a well-formed key
    of another length than 32 bytes was a ValueError traceback; the line names the identity
    file instead."""
    source, key = sealed(tmp_path, b"plain")
    identity = key.read_text().splitlines()[1]
    flipped = identity[:-1] + ("q" if identity[-1] != "Q" else "p")
    short = bech32_encode("age-secret-key-", bytes(5)).upper()
    for damaged in (flipped, identity[:20], "AGE-SECRET-KEY-1XXX", short):
        key.write_text(damaged + "\n")
        code, stderr = decrypt("--identity", key, source, tmp_path / "x.mkv")
        assert code == 1
        assert stderr == (f"fjord: {key}: its AGE-SECRET-KEY-1... line is no valid age "
                          "identity (mistyped or cut short?)\n"), damaged
        assert not (tmp_path / "x.mkv").exists()
