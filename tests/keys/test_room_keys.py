"""Acceptance 6: room keys from a rotated-out signing key verify during the overlap and fail
after; ``alg: none``, other algorithms and foreign keys are refused."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from keys.room_keys import RoomKeyError, RoomKeySigner, rotate_signing_key

ROOM = "clinic-42"


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_rotated_out_key_verifies_during_overlap_only(tmp_path: Path) -> None:
    now = time.time()
    old = RoomKeySigner.from_data_dir(tmp_path)
    token = old.sign(ROOM, "host", int(now + 7200))
    new_kid = rotate_signing_key(tmp_path, overlap_s=600, now=now)

    signer = RoomKeySigner.from_data_dir(tmp_path)
    assert signer.current_kid == new_kid != old.current_kid
    assert jwt.get_unverified_header(signer.sign(ROOM, "host", int(now + 60)))["kid"] == new_kid
    assert signer.verify(token, ROOM, now=now + 599).role == "host"
    with pytest.raises(RoomKeyError, match="retired signing key"):
        signer.verify(token, ROOM, now=now + 600)
    assert {k["kid"] for k in signer.jwks()["keys"]} == {old.current_kid, new_kid}

    rotate_signing_key(tmp_path, overlap_s=600, now=now + 700)  # the first key is dropped
    later = RoomKeySigner.from_data_dir(tmp_path)
    with pytest.raises(RoomKeyError, match="not signed by this server"):
        later.verify(token, ROOM, now=now + 701)
    assert old.current_kid not in {k["kid"] for k in later.jwks()["keys"]}


def test_alg_none_is_refused(tmp_path: Path) -> None:
    signer = RoomKeySigner.from_data_dir(tmp_path)
    claims = {"iss": "fjord", "roomName": ROOM, "role": "host", "exp": int(time.time()) + 60}
    for header in ({"alg": "none", "kid": signer.current_kid}, {"alg": "none"}):
        token = f"{_b64(header)}.{_b64(claims)}."
        with pytest.raises(RoomKeyError):
            signer.verify(token, ROOM)


def test_foreign_key_and_other_algorithms_are_refused(tmp_path: Path) -> None:
    signer = RoomKeySigner.from_data_dir(tmp_path)
    claims = {"iss": "fjord", "roomName": ROOM, "role": "host", "exp": int(time.time()) + 60}
    foreign = jwt.encode(claims, Ed25519PrivateKey.generate(), algorithm="EdDSA",
                         headers={"kid": signer.current_kid})
    with pytest.raises(RoomKeyError, match="signature invalid"):
        signer.verify(foreign, ROOM)
    hs = jwt.encode(claims, "x" * 32, algorithm="HS256", headers={"kid": signer.current_kid})
    with pytest.raises(RoomKeyError, match="not signed by this server"):
        signer.verify(hs, ROOM)
