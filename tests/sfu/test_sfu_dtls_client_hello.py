"""A ClientHello as current browsers send it to the SFU: offering DTLS 1.3 (RFC 9147) next to
1.2, with a post-quantum hybrid key share that makes it larger than one datagram.

Firefox ESR 153 (``media.peerconnection.dtls.version.max`` 772) and current Chromium offer
DTLS 1.3; the SFU speaks DTLS 1.2 (RFC 6347) and must answer such a hello with a DTLS 1.2
ServerHello, after reassembling it from its fragments (RFC 6347 section 4.2.3).
"""

import os
import struct

import pytest

from sfu.dtls import DtlsCertificate, DtlsSession

HANDSHAKE = 22
CLIENT_HELLO, SERVER_HELLO = 1, 2
DTLS_1_0, DTLS_1_2, DTLS_1_3 = 0xFEFF, 0xFEFD, 0xFEFC
X25519, SECP256R1, X25519_MLKEM768 = 0x001D, 0x0017, 0x11EC
TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256 = 0x1301, 0x1303
ECDHE_ECDSA_AES128_GCM, ECDHE_ECDSA_AES256_GCM = 0xC02B, 0xC02C
SRTP_AEAD_AES_128_GCM, SRTP_AES128_CM_SHA1_80 = 0x0007, 0x0001


def vector8(data: bytes) -> bytes:
    return bytes([len(data)]) + data


def vector16(data: bytes) -> bytes:
    return struct.pack("!H", len(data)) + data


def extension(ext_type: int, body: bytes) -> bytes:
    return struct.pack("!H", ext_type) + vector16(body)


def client_hello_body(post_quantum: bool) -> bytes:
    """ClientHello (RFC 9147 section 5.3): legacy_version DTLS 1.2, supported_versions
    listing 1.3 then 1.2, TLS 1.3 and ECDHE-ECDSA suites, use_srtp, key shares."""
    groups = [X25519_MLKEM768] if post_quantum else []
    groups += [X25519, SECP256R1]
    shares = b""
    if post_quantum:
        shares += struct.pack("!H", X25519_MLKEM768) + vector16(os.urandom(1216))
    shares += struct.pack("!H", X25519) + vector16(os.urandom(32))
    extensions = b"".join([
        extension(0x000A, vector16(struct.pack(f"!{len(groups)}H", *groups))),  # groups
        extension(0x000B, vector8(b"\x00")),  # ec_point_formats: uncompressed
        extension(0x000D, vector16(struct.pack("!3H", 0x0403, 0x0804, 0x0401))),  # sig algs
        extension(0x000E, vector16(struct.pack("!2H", SRTP_AEAD_AES_128_GCM,
                                               SRTP_AES128_CM_SHA1_80)) + vector8(b"")),
        extension(0x0017, b""),  # extended_master_secret
        extension(0x002B, vector8(struct.pack("!2H", DTLS_1_3, DTLS_1_2))),  # versions
        extension(0x0033, vector16(shares)),  # key_share
    ])
    suites = struct.pack("!4H", TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256,
                         ECDHE_ECDSA_AES128_GCM, ECDHE_ECDSA_AES256_GCM)
    return (struct.pack("!H", DTLS_1_2) + os.urandom(32) + vector8(b"")  # session id
            + vector8(b"")  # cookie
            + vector16(suites) + vector8(b"\x00") + vector16(extensions))


def handshake_records(body: bytes, fragment: int) -> list[bytes]:
    """``body`` as a ClientHello cut in fragments of ``fragment`` bytes, one DTLS record
    (and datagram) each: record header (type, version, epoch 0, sequence number, length),
    handshake header (type, length, message_seq 0, fragment offset, fragment length)."""
    records = []
    for seq, offset in enumerate(range(0, len(body), fragment)):
        piece = body[offset:offset + fragment]
        handshake = (bytes([CLIENT_HELLO]) + len(body).to_bytes(3, "big") + b"\x00\x00"
                     + offset.to_bytes(3, "big") + len(piece).to_bytes(3, "big") + piece)
        records.append(struct.pack("!BHH", HANDSHAKE, DTLS_1_0, 0) + seq.to_bytes(6, "big")
                       + vector16(handshake))
    return records


@pytest.mark.parametrize("post_quantum, fragment", [(False, 1200), (True, 1000)])
def test_dtls_1_3_client_hello_gets_a_dtls_1_2_server_hello(post_quantum, fragment):
    body = client_hello_body(post_quantum)
    records = handshake_records(body, fragment)
    assert len(records) == (2 if post_quantum else 1)
    session = DtlsSession(DtlsCertificate(), True, lambda: 0.0)
    replies = [out for record in records for out in session.receive(record)]
    assert session.state == "connecting" and replies

    flight = replies[0]
    record_type, record_version = struct.unpack("!BH", flight[:3])
    assert (record_type, record_version) == (HANDSHAKE, DTLS_1_2)
    handshake = flight[13:]
    assert handshake[0] == SERVER_HELLO
    hello = handshake[12:]
    (server_version,) = struct.unpack("!H", hello[:2])
    session_id_length = hello[34]
    (suite,) = struct.unpack("!H", hello[35 + session_id_length:37 + session_id_length])
    assert server_version == DTLS_1_2
    assert suite in (ECDHE_ECDSA_AES128_GCM, ECDHE_ECDSA_AES256_GCM)
