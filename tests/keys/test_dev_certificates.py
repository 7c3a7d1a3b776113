"""The development CA and localhost certificate of ``make run`` (keys/devtls.py)."""

from __future__ import annotations

import multiprocessing
import ssl
from pathlib import Path

from cryptography import x509

from keys.devtls import ensure_dev_certificates


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
