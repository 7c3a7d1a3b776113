"""RFC 5769 section 2 test vectors (and RFC 8489 appendix B.1 with its erratum 6268)."""

from __future__ import annotations

import pytest

from turn import stun
from turn.stun import Attr, MessageClass, Method

SHORT_TERM_PASSWORD = b"VOkJxbRl1RmTxUk/WvJxBt"

# RFC 5769 2.1: Binding request, short-term credential, padding bytes are spaces.
SAMPLE_REQUEST = bytes.fromhex(
    "0001 0058 2112a442 b7e7a701 bc34d686 fa87dfae"
    " 8022 0010 5354554e 20746573 7420636c 69656e74"  # SOFTWARE "STUN test client"
    " 0024 0004 6e0001ff"  # PRIORITY
    " 8029 0008 932ff9b1 51263b36"  # ICE-CONTROLLED
    " 0006 0009 6576746a 3a683676 59202020"  # USERNAME "evtj:h6vY" + 3 spaces
    " 0008 0014 9aeaa70c bfd8cb56 781ef2b5 b2d3f249 c1b571a2"  # MESSAGE-INTEGRITY
    " 8028 0004 e57a3bcf"  # FINGERPRINT
)

# RFC 5769 2.2: Binding success, XOR-MAPPED-ADDRESS 192.0.2.1:32853.
SAMPLE_IPV4_RESPONSE = bytes.fromhex(
    "0101 003c 2112a442 b7e7a701 bc34d686 fa87dfae"
    " 8022 000b 74657374 20766563 746f7220"  # SOFTWARE "test vector" + 1 space
    " 0020 0008 0001a147 e112a643"  # XOR-MAPPED-ADDRESS
    " 0008 0014 2b91f599 fd9e90c3 8c7489f9 2af9ba53 f06be7d7"
    " 8028 0004 c07d4c96"
)

# RFC 5769 2.3: Binding success, XOR-MAPPED-ADDRESS [2001:db8:1234:5678:11:2233:4455:6677]:32853.
SAMPLE_IPV6_RESPONSE = bytes.fromhex(
    "0101 0048 2112a442 b7e7a701 bc34d686 fa87dfae"
    " 8022 000b 74657374 20766563 746f7220"
    " 0020 0014 0002a147 0113a9fa a5d3f179 bc25f4b5 bed2b9d9"
    " 0008 0014 a382954e 4be67bf1 1784c97c 8292c275 bfe3ed41"
    " 8028 0004 c8fb0b4c"
)

# RFC 5769 2.4: Binding request with long-term credentials.
SAMPLE_LONG_TERM_REQUEST = bytes.fromhex(
    "0001 0060 2112a442 78ad3433 c6ad72c0 29da412e"
    " 0006 0012 e3839ee3 8388e383 aae38383 e382afe3 82b90000"  # USERNAME (18 bytes)
    " 0015 001c 662f2f34 39396b39 35346436 4f4c3334 6f4c3946 53547679 36347341"  # NONCE
    " 0014 000b 6578616d 706c652e 6f726700"  # REALM "example.org"
    " 0008 0014 f6702465 6dd64a3e 02b8e071 2e85c9a2 8ca89666"  # MESSAGE-INTEGRITY
)

# RFC 8489 B.1 (erratum 6268): USERHASH, PASSWORD-ALGORITHM SHA-256, MESSAGE-INTEGRITY-SHA256.
SAMPLE_SHA256_REQUEST = bytes.fromhex(
    "0001 0090 2112a442 78ad3433 c6ad72c0 29da412e"
    " 001e 0020 4a3cf38f ef6992bd a952c678 0417da0f 24819415 569e60b2 05c46e41 407f1704"
    " 0015 0029 6f624d61 744a6f73 32414141 43662f2f 3439396b 39353464 364f4c33"
    " 346f4c39 46535476 79363473 41000000"  # NONCE "obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA"
    " 0014 000b 6578616d 706c652e 6f726700"
    " 001d 0004 00020000"  # PASSWORD-ALGORITHM SHA-256
    " 001c 0020 b5c7bf00 5b6c52a2 1c51c5e8 92f81924 136296cb 927c4314 9309278c c6518e65"
)

USERNAME = "\u30de\u30c8\u30ea\u30c3\u30af\u30b9"
PASSWORD = "The\u00adM\u00aatr\u2168"


def test_sample_request() -> None:
    msg = stun.Message.parse(SAMPLE_REQUEST)
    assert (msg.method, msg.message_class) == (Method.BINDING, MessageClass.REQUEST)
    assert msg.transaction_id == bytes.fromhex("b7e7a701bc34d686fa87dfae")
    assert stun.decode_text(msg.get(Attr.SOFTWARE)) == "STUN test client"
    assert stun.decode_u32(msg.get(Attr.PRIORITY)) == 0x6E0001FF
    assert msg.get(Attr.ICE_CONTROLLED) == bytes.fromhex("932ff9b151263b36")
    assert stun.decode_text(msg.get(Attr.USERNAME)) == "evtj:h6vY"
    assert stun.verify_message_integrity(SAMPLE_REQUEST, SHORT_TERM_PASSWORD)
    assert not stun.verify_message_integrity(SAMPLE_REQUEST, b"wrong")
    assert stun.verify_fingerprint(SAMPLE_REQUEST)


@pytest.mark.parametrize(
    ("vector", "address"),
    [
        (SAMPLE_IPV4_RESPONSE, ("192.0.2.1", 32853)),
        (SAMPLE_IPV6_RESPONSE, ("2001:db8:1234:5678:11:2233:4455:6677", 32853)),
    ],
)
def test_sample_responses(vector: bytes, address: tuple[str, int]) -> None:
    msg = stun.Message.parse(vector)
    assert (msg.method, msg.message_class) == (Method.BINDING, MessageClass.SUCCESS)
    assert stun.decode_text(msg.get(Attr.SOFTWARE)) == "test vector"
    value = msg.get(Attr.XOR_MAPPED_ADDRESS)
    assert stun.decode_xor_address(value, msg.transaction_id) == address
    assert stun.encode_xor_address(address, msg.transaction_id) == value
    assert stun.verify_message_integrity(vector, SHORT_TERM_PASSWORD)
    assert stun.verify_fingerprint(vector)
    # Our encoder, with zero padding instead of the vector's space, yields valid checks too.
    rebuilt = stun.Message(msg.method, msg.message_class, msg.transaction_id)
    rebuilt.add(Attr.SOFTWARE, b"test vector").add(Attr.XOR_MAPPED_ADDRESS, value)
    out = rebuilt.encode(SHORT_TERM_PASSWORD, fingerprint=True)
    assert len(out) == len(vector)
    assert out[:20] == vector[:20]
    assert out[20 + 4 + 11] == 0  # zero padding
    assert stun.verify_message_integrity(out, SHORT_TERM_PASSWORD)
    assert stun.verify_fingerprint(out)


def test_sample_long_term_request() -> None:
    msg = stun.Message.parse(SAMPLE_LONG_TERM_REQUEST)
    assert stun.decode_text(msg.get(Attr.USERNAME)) == USERNAME
    assert stun.decode_text(msg.get(Attr.NONCE)) == "f//499k954d6OL34oL9FSTvy64sA"
    assert stun.decode_text(msg.get(Attr.REALM)) == "example.org"
    key = stun.long_term_key(USERNAME, "example.org", PASSWORD)
    assert stun.verify_message_integrity(SAMPLE_LONG_TERM_REQUEST, key)
    assert not stun.verify_fingerprint(SAMPLE_LONG_TERM_REQUEST)  # the vector has none
    wrong = stun.long_term_key(USERNAME, "example.org", "TheMatrix")
    assert not stun.verify_message_integrity(SAMPLE_LONG_TERM_REQUEST, wrong)


def test_rfc8489_sha256_userhash_request() -> None:
    msg = stun.Message.parse(SAMPLE_SHA256_REQUEST)
    assert msg.get(Attr.USERHASH) == stun.userhash(USERNAME, "example.org")
    nonce = stun.decode_text(msg.get(Attr.NONCE))
    assert stun.decode_nonce_features(nonce) == 0x000002
    algorithm = stun.decode_password_algorithm(msg.get(Attr.PASSWORD_ALGORITHM))
    assert algorithm == stun.PasswordAlgorithm.SHA256
    key = stun.long_term_key(USERNAME, "example.org", PASSWORD, algorithm)
    assert stun.verify_message_integrity_sha256(SAMPLE_SHA256_REQUEST, key)
    assert not stun.verify_message_integrity_sha256(SAMPLE_SHA256_REQUEST, key[::-1])
