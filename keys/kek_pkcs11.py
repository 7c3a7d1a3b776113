"""The ``pkcs11`` KEK provider: an AES-256 key on a PKCS#11 token (HSM, SoftHSM2).

The KEK is generated on the token as a sensitive, non-extractable secret key object, so it
never leaves the token; wrapping is ``C_Encrypt`` with CKM_AES_GCM (PKCS#11 v2.40 section
2.12.3) on the token. Wrapped blob: ``nonce(12) || ciphertext || tag(16)``, the context as AAD.

Keys are found by label; their CKA_ID is ``v000001``, ``v000002``... and the highest is current.
"""

from __future__ import annotations

import os
from typing import Any

from keys.errors import DecryptionError, KekUnavailable

NONCE_BYTES = 12


class Pkcs11Kek:
    """KEK provider over python-pkcs11. Holds one read-write session until :meth:`close`."""

    name = "pkcs11"

    def __init__(self, module: str, token_label: str, pin: str, key_label: str = "fjord-kek",
                 create: bool = True) -> None:
        """Open ``token_label`` through the PKCS#11 library at ``module`` and log in.

        ``create``: generate the first KEK on the token if none carries ``key_label``.

        Raises:
            KekUnavailable: library missing, token absent, wrong PIN, or no KEK.
        """
        try:
            import pkcs11
            from pkcs11.exceptions import PKCS11Error, UserAlreadyLoggedIn
        except ImportError:
            raise KekUnavailable("KEK provider pkcs11 needs python-pkcs11") from None
        self._pkcs11 = pkcs11
        self._label = key_label
        try:
            token = pkcs11.lib(module).get_token(token_label=token_label)
            try:
                self._session = token.open(user_pin=pin, rw=True)
            except UserAlreadyLoggedIn:
                # A login is per process, shared by its sessions: this process opened the
                # token before (an operator command opens the data dir twice).
                self._session = token.open(rw=True)
        except (PKCS11Error, RuntimeError, OSError) as exc:
            detail = " ".join(str(exc).split())  # why a library does not load, if it says
            raise KekUnavailable(
                f"PKCS#11 token {token_label!r} via {module} unavailable: {type(exc).__name__}"
                + (f" ({detail})" if detail else "")
            ) from None
        self._keys = self._find()
        if not self._keys:
            if not create:
                raise KekUnavailable(f"no KEK labelled {key_label!r} on token {token_label!r}")
            self._generate(1)
            self._keys = self._find()

    def _find(self) -> dict[str, Any]:
        from pkcs11 import Attribute, ObjectClass

        found = self._session.get_objects(
            {Attribute.CLASS: ObjectClass.SECRET_KEY, Attribute.LABEL: self._label}
        )
        return {"pkcs11:" + bytes(obj[Attribute.ID]).decode(): obj for obj in found}

    def _generate(self, number: int) -> None:
        from pkcs11 import Attribute, KeyType

        self._session.generate_key(
            KeyType.AES, 256, label=self._label, id=f"v{number:06d}".encode(), store=True,
            template={
                Attribute.TOKEN: True,
                Attribute.SENSITIVE: True,
                Attribute.EXTRACTABLE: False,
                Attribute.ENCRYPT: True,
                Attribute.DECRYPT: True,
            },
        )

    @property
    def kek_id(self) -> str:
        return max(self._keys)

    def key_object(self, kek_id: str | None = None) -> Any:
        """The token's secret key object (for inspection; its value cannot be read)."""
        return self._keys[kek_id or self.kek_id]

    def wrap(self, key: bytes, context: bytes) -> bytes:
        from pkcs11 import Mechanism
        from pkcs11.mechanisms import GCMParams

        nonce = os.urandom(NONCE_BYTES)
        sealed = self._keys[self.kek_id].encrypt(
            key, mechanism=Mechanism.AES_GCM, mechanism_param=GCMParams(nonce, context)
        )
        return nonce + bytes(sealed)

    def unwrap(self, wrapped: bytes, context: bytes, kek_id: str) -> bytes:
        from pkcs11 import Mechanism
        from pkcs11.exceptions import PKCS11Error
        from pkcs11.mechanisms import GCMParams

        kek = self._keys.get(kek_id)
        if kek is None:
            raise KekUnavailable(f"KEK {kek_id} is not on the PKCS#11 token (wrong token?)")
        try:
            return bytes(kek.decrypt(
                wrapped[NONCE_BYTES:], mechanism=Mechanism.AES_GCM,
                mechanism_param=GCMParams(wrapped[:NONCE_BYTES], context),
            ))
        except PKCS11Error:
            raise DecryptionError("wrapped data key does not unwrap (altered or moved)") from None

    def begin_rotation(self) -> None:
        self._generate(int(self.kek_id.removeprefix("pkcs11:v")) + 1)
        self._keys = self._find()

    def reload(self) -> None:
        self._keys = self._find()

    def retire_others(self) -> None:
        current = self.kek_id
        for kek_id, obj in self._keys.items():
            if kek_id != current:
                obj.destroy()
        self._keys = self._find()

    def close(self) -> None:
        self._session.close()
