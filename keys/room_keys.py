"""Room keys: signed, expiring JWTs (EdDSA / Ed25519, RFC 8037) that carry a room and a role.

``hostRoomUrl`` and ``viewerRoomUrl`` carry ``?roomKey=<JWT>``; a plain ``roomUrl`` means the
participant role. The server verifies signature, expiry, room and role on every join and never
trusts a client's own claim of a role.
"""

from __future__ import annotations

import base64
import json
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from keys.files import exclusive, read_key_file, write_private

ROLES = ("host", "participant", "viewer")
ISSUER = "fjord"
ALGORITHM = "EdDSA"
SIGNING_FILE = "room-signing.json"


class RoomKeyError(ValueError):
    """A room key is not valid for this room: bad signature, expired, malformed, foreign."""


@dataclass(frozen=True)
class RoomKeyClaims:
    """What a verified room key grants."""

    room_name: str
    role: str
    expires_at: int
    """Unix time (s)."""


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class RoomKeySigner:
    """Signs and verifies room keys with the Ed25519 signing keys kept in the data dir.

    ``current_kid`` signs; the others verify only, each until its ``retire_at`` time (Unix s):
    the overlap after a rotation (:func:`rotate_signing_key`).
    """

    def __init__(self, keys: dict[str, Ed25519PrivateKey], current_kid: str,
                 retire_at: dict[str, float] | None = None) -> None:
        self._keys = keys
        self._current = current_kid
        self._retire_at = dict(retire_at or {})
        self._public: dict[str, Ed25519PublicKey] = {k: v.public_key() for k, v in keys.items()}

    @property
    def current_kid(self) -> str:
        return self._current

    @classmethod
    def from_data_dir(cls, keys_dir: Path) -> RoomKeySigner:
        """Load ``room-signing.json`` from ``keys_dir``, creating a first key if missing.

        Raises:
            ParseError: the file is damaged (one line naming it).
        """

        def make() -> bytes:
            kid, raw = _new_key()
            return json.dumps({"current": kid, "keys": {kid: raw}}).encode()

        def parse(doc: dict) -> RoomKeySigner:
            keys = {
                kid: Ed25519PrivateKey.from_private_bytes(base64.urlsafe_b64decode(raw + "=="))
                for kid, raw in doc["keys"].items()
            }
            retire_at = {str(k): float(t) for k, t in doc.get("retire_at", {}).items()}
            if doc["current"] not in keys:
                raise KeyError(doc["current"])
            return cls(keys, doc["current"], retire_at)

        return read_key_file(keys_dir / SIGNING_FILE, make, parse)

    def sign(self, room_name: str, role: str, expires_at: int) -> str:
        """Return a compact JWT for ``role`` in ``room_name`` valid until ``expires_at`` (Unix s).

        Raises:
            ValueError: unknown role.
        """
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        claims = {
            "iss": ISSUER,
            "roomName": room_name,
            "role": role,
            "iat": int(time.time()),
            "exp": int(expires_at),
        }
        return jwt.encode(
            claims, self._keys[self._current], algorithm=ALGORITHM, headers={"kid": self._current}
        )

    def verify(self, token: str, room_name: str, now: float | None = None) -> RoomKeyClaims:
        """Verify ``token`` for ``room_name``.

        Raises:
            RoomKeyError: malformed, unknown kid, ``alg`` other than EdDSA (``none`` included),
                bad signature, expired, or issued for another room or an unknown role.
        """
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise RoomKeyError("malformed room key") from None
        kid = str(header.get("kid"))
        public = self._public.get(kid)
        if public is None or header.get("alg") != ALGORITHM:
            raise RoomKeyError("room key not signed by this server")
        moment = time.time() if now is None else now
        if kid in self._retire_at and self._retire_at[kid] <= moment:
            raise RoomKeyError("room key signed with a retired signing key")
        try:
            claims = jwt.decode(
                token,
                public,
                algorithms=[ALGORITHM],
                issuer=ISSUER,
                options={"require": ["exp", "iss", "roomName", "role"], "verify_exp": False},
            )
        except jwt.PyJWTError:
            raise RoomKeyError("room key signature invalid") from None
        if int(claims["exp"]) <= moment:
            raise RoomKeyError("room key expired")
        if claims["roomName"] != room_name:
            raise RoomKeyError("room key is for another room")
        if claims["role"] not in ROLES:
            raise RoomKeyError("room key role unknown")
        return RoomKeyClaims(room_name, claims["role"], int(claims["exp"]))

    def jwks(self) -> dict[str, list[dict[str, str]]]:
        """Public keys as a JWK Set (RFC 7517, OKP keys per RFC 8037)."""
        out = []
        now = time.time()
        for kid, public in self._public.items():
            if self._retire_at.get(kid, now + 1) <= now:
                continue
            raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
            out.append({"kty": "OKP", "crv": "Ed25519", "x": _b64url(raw), "kid": kid,
                        "alg": ALGORITHM, "use": "sig"})
        return {"keys": out}


def _new_key() -> tuple[str, str]:
    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return "rk_" + secrets.token_hex(8), _b64url(raw)


def rotate_signing_key(keys_dir: Path, overlap_s: float, now: float | None = None) -> str:
    """Make a new Ed25519 signing key current; returns its kid.

    The previous current key keeps verifying for ``overlap_s`` seconds (room keys it signed
    stay valid that long), then is refused; keys whose overlap has ended are deleted.
    Running servers pick the new key up on restart (``RoomKeySigner.from_data_dir``).
    """
    moment = time.time() if now is None else now
    with exclusive(keys_dir):  # another rotation at once must not be lost
        RoomKeySigner.from_data_dir(keys_dir)  # create the file on first use
        path = keys_dir / SIGNING_FILE
        doc = json.loads(path.read_bytes())
        retire_at = {k: t for k, t in doc.get("retire_at", {}).items() if t > moment}
        retire_at[doc["current"]] = moment + overlap_s
        kid, raw = _new_key()
        keys = {k: v for k, v in doc["keys"].items() if k in retire_at}
        keys[kid] = raw
        write_private(path, json.dumps({"current": kid, "keys": keys,
                                        "retire_at": retire_at}).encode())
    return kid
