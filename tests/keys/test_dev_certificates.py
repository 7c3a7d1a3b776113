"""The development CA and localhost certificate of ``make run`` (keys/devtls.py)."""

from __future__ import annotations

import multiprocessing
import ssl
from pathlib import Path

import pytest
from cryptography import x509

from keys.devtls import ensure_dev_certificates
from keys.errors import ParseError


def _make(directory: str, barrier: multiprocessing.synchronize.Barrier) -> None:
    barrier.wait()
    ensure_dev_certificates(Path(directory))


def test_roles_starting_at_once_make_one_consistent_set(tmp_path: Path) -> None:
    """Four processes making the files of one empty directory at the same moment (roles
    started together on one data directory): the leaf key, the leaf and the CA belong
    together. Each process wrote its own, interleaved: about one round in five ended with
    a key that did not match its certificate, and serving stopped at the next start."""
    context = multiprocessing.get_context("fork")
    for round_ in range(8):
        directory = tmp_path / f"round{round_}"
        barrier = context.Barrier(4)
        processes = [context.Process(target=_make, args=(str(directory), barrier))
                     for _ in range(4)]
        for process in processes:
            process.start()
        for process in processes:
            process.join(60)
            assert process.exitcode == 0
        dev = ensure_dev_certificates(directory)
        ssl.create_default_context().load_cert_chain(dev.cert, dev.key)
        leaf = x509.load_pem_x509_certificates(dev.cert.read_bytes())[0]
        leaf.verify_directly_issued_by(x509.load_pem_x509_certificate(dev.ca_cert.read_bytes()))
        assert dev.key.stat().st_mode & 0o777 == 0o600
        assert dev.ca_cert.stat().st_mode & 0o777 == 0o644
        assert not list(directory.glob("*.tmp"))


def test_existing_files_are_reused_untouched(tmp_path: Path) -> None:
    first = ensure_dev_certificates(tmp_path)
    before = {path: path.read_bytes() for path in tmp_path.iterdir() if path.is_file()}
    assert ensure_dev_certificates(tmp_path) == first
    assert {path: path.read_bytes() for path in before} == before


def test_a_lost_leaf_is_issued_again_by_the_ca_browsers_trust(tmp_path: Path) -> None:
    """Without localhost.pem, a whole new CA was made: every browser that trusted the old
    one saw warnings again."""
    first = ensure_dev_certificates(tmp_path)
    ca = first.ca_cert.read_bytes()
    first.cert.unlink()
    again = ensure_dev_certificates(tmp_path)
    assert again.ca_cert.read_bytes() == ca
    leaf = x509.load_pem_x509_certificates(again.cert.read_bytes())[0]
    leaf.verify_directly_issued_by(x509.load_pem_x509_certificate(ca))
    ssl.create_default_context().load_cert_chain(again.cert, again.key)


def damage_ca(certs: Path, damage: str) -> None:
    """Damage the development CA made in ``certs`` as ``damage`` says: ``ca garbage``,
    ``ca key garbage``, ``ca key of another`` (the leaf's key) or ``ca key missing``."""
    ca_key = certs / "dev-ca.key"
    if damage == "ca garbage":
        (certs / "dev-ca.pem").write_bytes(b"not a certificate\n")
    elif damage == "ca key garbage":
        ca_key.write_bytes(b"not a key")
    elif damage == "ca key of another":
        ca_key.write_bytes((certs / "localhost.key").read_bytes())  # a key, not the CA's
    else:
        ca_key.unlink()


@pytest.mark.parametrize("damage", ["ca key garbage", "ca key of another", "ca key missing"])
def test_a_damaged_ca_key_is_one_line_and_the_ca_is_kept(tmp_path: Path, damage: str) -> None:
    """A damaged dev-ca.key, with the leaf to make again: a new CA replaced the old one
    without a word."""
    first = ensure_dev_certificates(tmp_path)
    ca = first.ca_cert.read_bytes()
    damage_ca(tmp_path, damage)
    first.cert.unlink()
    with pytest.raises(ParseError) as caught:
        ensure_dev_certificates(tmp_path)
    assert str(caught.value).startswith("development CA")
    assert f"delete {tmp_path} to make a new development CA" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert first.ca_cert.read_bytes() == ca and not first.cert.exists()


@pytest.mark.parametrize("damage", ["ca garbage", "ca key garbage", "ca key of another",
                                    "ca key missing"])
def test_a_damaged_ca_stops_the_start_even_with_the_leaf_in_place(
        tmp_path: Path, damage: str) -> None:
    """A damaged dev-ca.pem or dev-ca.key beside a good leaf: the start went on, printed the
    damaged file as the CA to import in browsers, and fjord doctor then failed on it with a
    line naming no file (docs/operations.md, TLS, says such a CA stops the start)."""
    first = ensure_dev_certificates(tmp_path)
    damage_ca(tmp_path, damage)
    leaf = first.cert.read_bytes()
    with pytest.raises(ParseError) as caught:
        ensure_dev_certificates(tmp_path)
    assert str(caught.value).startswith("development CA")
    assert str(first.ca_cert) in str(caught.value)
    assert f"delete {tmp_path} to make a new development CA" in str(caught.value)
    assert first.cert.read_bytes() == leaf  # nothing made anew meanwhile
