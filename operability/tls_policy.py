"""The TLS policy of every Fjord server listener: HTTPS (signaling) and TURN over TLS.

TLS 1.2 and 1.3 only. With TLS 1.2, only ECDHE key exchange with AEAD suites (AES-GCM,
ChaCha20-Poly1305), as Mozilla's "intermediate" server profile (without its DHE suites):
no CBC suite (Lucky13-style padding oracles), no static RSA key exchange (no forward
secrecy). TLS 1.3 suites are all AEAD and are left to OpenSSL's defaults. RFC 8446,
RFC 5288 (AES-GCM), RFC 7905 (ChaCha20-Poly1305), RFC 7457 (attacks on TLS 1.2).
"""

from __future__ import annotations

import ssl
from pathlib import Path

TLS12_CIPHERS = ":".join([
    "ECDHE-ECDSA-AES128-GCM-SHA256",
    "ECDHE-RSA-AES128-GCM-SHA256",
    "ECDHE-ECDSA-AES256-GCM-SHA384",
    "ECDHE-RSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-CHACHA20-POLY1305",
    "ECDHE-RSA-CHACHA20-POLY1305",
])
"""OpenSSL names of the TLS 1.2 suites offered, in order of preference."""


def server_ssl_context(cert: Path, key: Path) -> ssl.SSLContext:
    """A server context for ``cert`` (PEM chain) and ``key`` (PEM) under this policy.

    Raises:
        OSError, ssl.SSLError: the files cannot be read or do not form a key pair.
    """
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.set_ciphers(TLS12_CIPHERS)
    # Compression leaks secrets (CRIME); client-started renegotiation costs the server CPU.
    context.options |= ssl.OP_NO_COMPRESSION | ssl.OP_NO_RENEGOTIATION
    load_pair(context, cert, key)
    return context


class EncryptedKey(ValueError):
    """A TLS key file asks for a passphrase: Fjord takes keys without one."""


def _no_passphrase() -> bytes:
    raise EncryptedKey("the key is encrypted; give it without a passphrase")


def load_pair(context: ssl.SSLContext, cert: Path, key: Path) -> None:
    """``context.load_cert_chain(cert, key)`` that never asks for a passphrase: without a
    callback OpenSSL prompts on the terminal for an encrypted key, and a server started from
    one (a certificate reload included) blocked its event loop there, SIGTERM and all.

    Raises:
        OSError, ssl.SSLError: the files cannot be read or do not form a key pair.
        EncryptedKey: the key is encrypted.
    """
    context.load_cert_chain(cert, key, password=_no_passphrase)
