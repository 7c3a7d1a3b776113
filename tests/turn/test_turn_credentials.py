"""TURN REST API credential scheme, nonces and the authenticator."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from turn.credentials import parse_rest_username, rest_credentials, rest_password
from turn.errors import ParseError
from turn.nonce import NonceIssuer, NonceStatus


def test_rest_credentials_follow_the_scheme() -> None:
    username, password = rest_credentials(b"s3cret", "user-42", 3600, now=1_700_000_000)
    assert username == "1700003600:user-42"
    expected = base64.b64encode(hmac.new(b"s3cret", username.encode(), hashlib.sha1).digest())
    assert password == expected.decode()
    assert rest_password(b"s3cret", username) == password
    assert rest_password(b"other", username) != password
    assert parse_rest_username(username) == (1_700_003_600, "user-42")


def test_rest_password_matches_openssl() -> None:
    # echo -n "1700003600:user-42" | openssl dgst -sha1 -hmac s3cret -binary | base64
    assert rest_password(b"s3cret", "1700003600:user-42") == "gFaCbgwRWs68EnzgitbmzLmOeFw="


@pytest.mark.parametrize("username", ["alice", "x:alice", ":alice", "1e9:a", "9" * 13 + ":a"])
def test_malformed_rest_usernames(username: str) -> None:
    with pytest.raises(ParseError):
        parse_rest_username(username)


def test_ttl_must_be_positive() -> None:
    with pytest.raises(ValueError):
        rest_credentials(b"s", "u", 0)


def test_nonces_bind_to_five_tuple_and_expire() -> None:
    now = [1000.0]
    issuer = NonceIssuer(lifetime=10, features=0x800000, secret=b"k", clock=lambda: now[0])
    nonce = issuer.issue(b"tuple-a")
    assert nonce.startswith("obMatJos2gAAA")
    assert issuer.check(nonce, b"tuple-a") is NonceStatus.VALID
    assert issuer.check(nonce, b"tuple-b") is NonceStatus.INVALID
    assert issuer.check(nonce[:-1] + ("A" if nonce[-1] != "A" else "B"), b"tuple-a") is (
        NonceStatus.INVALID
    )
    assert issuer.check("garbage", b"tuple-a") is NonceStatus.INVALID
    now[0] += 11
    assert issuer.check(nonce, b"tuple-a") is NonceStatus.STALE
    other = NonceIssuer(lifetime=10, features=0x800000, secret=b"other", clock=lambda: now[0])
    assert other.check(issuer.issue(b"t"), b"t") is NonceStatus.INVALID
