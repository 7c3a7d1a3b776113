"""TLS 1.2 on every listener offers only AEAD suites with ECDHE (Mozilla's "intermediate"
profile): HTTPS (signaling) and TURN over TLS, against a real ``fjord serve``."""

from __future__ import annotations

import socket
import ssl

import pytest

from tests.conftest import FjordServer

CBC_ONLY = "ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384:" \
           "ECDHE-RSA-AES256-SHA384:AES128-SHA:AES256-SHA256"
AEAD = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:" \
       "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"


def tls12_handshake(server: FjordServer, port: int, ciphers: str) -> str:
    """A TLS 1.2 handshake offering only ``ciphers``; returns the negotiated suite.

    Raises:
        ssl.SSLError: the server refused every offered suite.
    """
    context = ssl.create_default_context(cafile=str(server.ca_cert))
    context.check_hostname = False
    context.maximum_version = ssl.TLSVersion.TLSv1_2
    context.set_ciphers(ciphers)
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw, \
            context.wrap_socket(raw) as tls:
        return tls.cipher()[0]


@pytest.mark.parametrize("port_name", ["FJORD_HTTPS_PORT", "FJORD_TURN_TLS_PORT"])
def test_tls12_refuses_cbc_and_accepts_aead(fjord_server: FjordServer, port_name: str) -> None:
    port = fjord_server.ports[port_name]
    with pytest.raises(ssl.SSLError):
        tls12_handshake(fjord_server, port, CBC_ONLY)
    suite = tls12_handshake(fjord_server, port, AEAD)
    assert suite.startswith("ECDHE-") and ("GCM" in suite or "CHACHA20" in suite)
