"""TLS files among the settings: the server's certificate and key, and the webhook receivers'
CA, checked when the settings are read (before the data dir or the database is touched)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from fjord.cli import main
from tests.ops.conftest import one_problem, show

pytestmark = pytest.mark.usefixtures("no_fjord_env")


@pytest.mark.parametrize("flag", ["--tls-cert-file", "--tls-key-file"])
def test_a_tls_file_that_is_missing_or_a_directory_is_named(tmp_path: Path, flag: str) -> None:
    from keys.devtls import ensure_dev_certificates

    dev = ensure_dev_certificates(tmp_path / "certs")
    pair = {"--tls-cert-file": str(dev.cert), "--tls-key-file": str(dev.key)}
    assert show(*[part for item in pair.items() for part in item])[0] == 0
    variable = f"FJORD_{flag[2:].upper().replace('-', '_')} ({flag})"
    for value, problem in ((tmp_path / "missing.pem", "does not exist"),
                           (tmp_path, "is a directory, not a file")):
        args = {**pair, flag: str(value)}
        line = one_problem(*show(*[part for item in args.items() for part in item])[::2])
        assert line == f"fjord: invalid setting {variable}: {value} {problem}"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_tls_file_is_named(tmp_path: Path) -> None:
    from keys.devtls import ensure_dev_certificates

    dev = ensure_dev_certificates(tmp_path / "certs")
    dev.key.chmod(0)
    line = one_problem(*show("--tls-cert-file", str(dev.cert),
                             "--tls-key-file", str(dev.key))[::2])
    assert line.startswith("fjord: invalid setting FJORD_TLS_KEY_FILE (--tls-key-file): "
                           f"{dev.key} cannot be read: Permission denied")


def test_a_certificate_and_key_that_do_not_load_are_one_line_naming_both(
    tmp_path: Path,
) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from keys.devtls import ensure_dev_certificates

    one, other = (ensure_dev_certificates(tmp_path / name) for name in ("one", "other"))
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("not PEM\n")
    encrypted = tmp_path / "encrypted.pem"
    encrypted.write_bytes(ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"passphrase")))
    for cert, key, why in (
        (one.cert, other.key, "the key is not the certificate's key"),
        (one.cert, garbage, "the key file holds no PEM private key Fjord can use"),
        (garbage, one.key, "the certificate file holds no PEM certificate"),
        (one.key, one.cert, "the certificate file holds no PEM certificate"),
        (one.cert, encrypted, "the key is encrypted; give it without a passphrase"),
    ):
        line = one_problem(*show("--tls-cert-file", str(cert), "--tls-key-file", str(key))[::2])
        assert line == ("fjord: invalid settings FJORD_TLS_CERT_FILE (--tls-cert-file) and "
                        "FJORD_TLS_KEY_FILE (--tls-key-file): "
                        f"tls_cert_file {cert} and tls_key_file {key} cannot serve TLS: {why}")


def test_tls_files_are_refused_before_the_database_is_touched(tmp_path: Path) -> None:

    from keys.devtls import ensure_dev_certificates
    from tests.conftest import ROOT, fjord_env

    one, other = (ensure_dev_certificates(tmp_path / name) for name in ("one", "other"))
    env = fjord_env(tmp_path / "data", FJORD_TLS_CERT_FILE=str(one.cert),
                    FJORD_TLS_KEY_FILE=str(other.key))
    done = subprocess.run([sys.executable, "-m", "fjord", "serve"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    line = one_problem(done.returncode, done.stderr)
    assert "tls_cert_file" in line and "tls_key_file" in line
    assert not (tmp_path / "data").exists()  # no data dir, no database, no migration


def test_a_webhook_ca_file_that_does_not_load_stops_start_up(tmp_path: Path) -> None:
    """It was read at the first webhook delivery only: missing or not PEM, every delivery
    failed while the server ran as if nothing were wrong. (It may name the development CA
    that the first start makes in the data dir, so it is checked once that is ready.)"""

    from tests.conftest import ROOT, fjord_env

    (tmp_path / "notes.txt").write_text("not a certificate")
    for path, problem in ((tmp_path / "missing.pem", "does not exist"),
                          (tmp_path / "notes.txt", "holds no PEM CA certificate"),
                          (tmp_path, "is a directory, not a file")):
        env = fjord_env(tmp_path / "data", FJORD_WEBHOOK_CA_FILE=str(path))
        done = subprocess.run([sys.executable, "-m", "fjord", "serve"], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        # exit status 2, an invalid setting's (it was 1), and config show says it too
        line = (f"fjord: invalid setting FJORD_WEBHOOK_CA_FILE (--webhook-ca-file): {path} "
                f"{problem}")
        assert one_problem(done.returncode, done.stderr) == line
        assert not (tmp_path / "data").exists()  # refused before it started anything
        assert one_problem(*show("--webhook-ca-file", str(path))[::2]) == line


def test_the_development_ca_may_be_the_webhook_ca_before_it_is_made(tmp_path: Path) -> None:
    """The first start makes it in the data dir (and checks it then): config show of a new
    data dir takes it; once made, it is checked as any other file."""
    data = tmp_path / "data"
    ca = data / "certs" / "dev-ca.pem"
    code, body, stderr = show("--data-dir", str(data), "--webhook-ca-file", str(ca))
    assert code == 0, stderr
    assert body["webhook_ca_file"] == str(ca)
    ca.parent.mkdir(parents=True)
    ca.write_text("damaged")
    code, _, stderr = show("--data-dir", str(data), "--webhook-ca-file", str(ca))
    assert code == 2 and "holds no PEM CA certificate" in stderr


def test_serve_with_a_damaged_development_ca_stops_with_one_line_naming_it(
        tmp_path: Path) -> None:
    """The CA the operator imports in browsers (printed at every start) damaged while the
    leaf is intact: fjord serve started anyway; now it stops at once, exit status 1, with the
    line docs/operations.md (TLS) promises."""
    from keys.devtls import ensure_dev_certificates
    from tests.conftest import ROOT, fjord_env

    dev = ensure_dev_certificates(tmp_path / "data" / "certs")
    dev.ca_cert.write_bytes(b"half-written\n")
    try:
        done = subprocess.run([sys.executable, "-m", "fjord", "serve"],
                              env=fjord_env(tmp_path / "data"), cwd=ROOT,
                              capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("fjord serve started with a damaged development CA")
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith(f"fjord: development CA {dev.ca_cert} or "), last
    assert f"delete {dev.ca_cert.parent} to make a new development CA" in last


def test_doctor_names_a_development_ca_it_cannot_load(tmp_path: Path) -> None:
    """fjord doctor on a data dir whose dev-ca.pem does not load said only
    ``fjord: [X509: NO_CERTIFICATE_OR_CRL_FOUND] ...``, naming no file."""
    certs = tmp_path / "certs"
    certs.mkdir()
    (certs / "dev-ca.pem").write_bytes(b"half-written\n")
    result = CliRunner().invoke(main, ["doctor", "--data-dir", str(tmp_path),
                                       "--https-port", "1", "--timeout", "0.5"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"fjord: development CA {certs / 'dev-ca.pem'} cannot be loaded to verify the "
        "server's certificate (no PEM certificate in it): restore it from backup, or "
        f"delete {certs} and restart the server to make a new development CA (browsers then "
        "have to trust it)"]
