"""Development TLS: a local certificate authority and a localhost leaf certificate.

Created on first start in the data directory so that ``make run`` serves HTTPS, WSS and
TURN over TLS at once. Operators replace them with their own files (``tls_cert_file``).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from keys.errors import ParseError
from keys.files import exclusive, write_private, write_public
from operability.tls_policy import EncryptedKey, load_pair

CA_VALIDITY = dt.timedelta(days=3650)
LEAF_VALIDITY = dt.timedelta(days=397)  # the most browsers accept for a leaf
LEAF_NAMES = ("localhost",)
LEAF_IPS = ("127.0.0.1", "::1")


@dataclass(frozen=True)
class DevCertificates:
    """Paths of the development PKI files (PEM)."""

    ca_cert: Path
    """Certificate of the local CA; trust it in a browser to avoid warnings."""
    cert: Path
    """Leaf certificate chain (leaf then CA) for localhost, 127.0.0.1 and ::1."""
    key: Path
    """Private key of the leaf (ECDSA P-256), mode 0600."""


def ensure_dev_certificates(directory: Path) -> DevCertificates:
    """Return the development CA and localhost leaf in ``directory``, creating them if missing.

    Files: ``dev-ca.pem``, ``dev-ca.key`` (0600), ``localhost.pem`` (leaf + CA chain),
    ``localhost.key`` (0600). Existing files are reused untouched.

    Raises:
        OSError: the directory cannot be written.
        ParseError: the existing certificate and key do not load together, or the CA's
            certificate or key is missing or damaged (one line).
    """
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    paths = DevCertificates(
        ca_cert=directory / "dev-ca.pem",
        cert=directory / "localhost.pem",
        key=directory / "localhost.key",
    )
    # Roles started at once on one data directory would each make a CA and a leaf and
    # overwrite each other's files: the leaf key of one beside the certificate of another.
    with exclusive(directory):
        if not (paths.ca_cert.exists() and paths.cert.exists() and paths.key.exists()):
            _create(directory / "dev-ca.key", paths)
        else:  # the CA browsers import (printed at start) and fjord doctor verifies with
            _existing_ca(directory / "dev-ca.key", paths.ca_cert)
    _check_pair(paths)
    return paths


def _existing_ca(ca_key_path: Path, ca_cert_path: Path
                 ) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate] | None:
    """The CA already made here (key and certificate), or None when it has neither file: a
    lost leaf is issued again by the CA browsers trust, never by a new one.

    Raises:
        ParseError: one of the two is missing or damaged, or they do not match (one line).
    """
    if not ca_key_path.exists() and not ca_cert_path.exists():
        return None
    fix = (f": restore it, or delete {ca_key_path.parent} to make a new development CA "
           "(browsers then have to trust it)")
    try:
        key = serialization.load_pem_private_key(ca_key_path.read_bytes(), None)
        cert = x509.load_pem_x509_certificate(ca_cert_path.read_bytes())
    except (OSError, ValueError, TypeError) as exc:
        raise ParseError(f"development CA {ca_cert_path} or {ca_key_path} cannot be read "
                         f"({type(exc).__name__}){fix}") from None
    if not isinstance(key, ec.EllipticCurvePrivateKey) or (
            key.public_key().public_numbers() != cert.public_key().public_numbers()):
        raise ParseError(f"development CA key {ca_key_path} is not the key of "
                         f"{ca_cert_path}{fix}")
    return key, cert


def _create(ca_key_path: Path, paths: DevCertificates) -> None:
    """Make the leaf, and the CA unless it exists; each file replaced whole (the leaf chain
    last: its presence with the others means a complete set)."""
    now = dt.datetime.now(dt.UTC)
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Fjord development CA")])
    pem = serialization.Encoding.PEM
    pkcs8 = serialization.PrivateFormat.PKCS8
    none = serialization.NoEncryption()
    existing = _existing_ca(ca_key_path, paths.ca_cert)
    if existing is not None:
        ca_key, ca_cert = existing
        _write_leaf(paths, ca_key, ca_cert, now)
        return
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + CA_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, key_cert_sign=True, crl_sign=True,
                content_commitment=False, key_encipherment=False, data_encipherment=False,
                key_agreement=False, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    write_private(ca_key_path, ca_key.private_bytes(pem, pkcs8, none))
    write_public(paths.ca_cert, ca_cert.public_bytes(pem))
    _write_leaf(paths, ca_key, ca_cert, now)


def _write_leaf(paths: DevCertificates, ca_key: ec.EllipticCurvePrivateKey,
                ca_cert: x509.Certificate, now: dt.datetime) -> None:
    """Issue the localhost leaf under the CA; its key first, its chain last."""
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    san = [x509.DNSName(name) for name in LEAF_NAMES] + [
        x509.IPAddress(ipaddress.ip_address(ip)) for ip in LEAF_IPS
    ]
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_cert.subject)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + LEAF_VALIDITY)
        .add_extension(x509.SubjectAlternativeName(san), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )

    pem = serialization.Encoding.PEM
    write_private(paths.key, leaf_key.private_bytes(
        pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    write_public(paths.cert, leaf.public_bytes(pem) + ca_cert.public_bytes(pem))


def _check_pair(paths: DevCertificates) -> None:
    """The existing leaf certificate and key load together (a half-written or replaced file
    would stop the HTTPS listener with a line naming neither)."""
    try:
        load_pair(ssl.create_default_context(ssl.Purpose.CLIENT_AUTH), paths.cert, paths.key)
    except (ssl.SSLError, EncryptedKey) as exc:
        raise ParseError(
            f"development certificate {paths.cert} and {paths.key} do not load together "
            f"({getattr(exc, 'reason', None) or exc}): delete {paths.cert.parent} to make new "
            "ones (browsers then have to trust the new development CA)") from None
