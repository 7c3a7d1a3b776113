"""The ``aws-kms`` KEK provider: data keys wrapped by an AWS KMS symmetric key.

Wrapping is KMS ``Encrypt`` with the context as encryption context (bound as AAD by KMS);
unwrapping is ``Decrypt`` pinned to the key that wrapped. The KEK never leaves KMS.
Rotation: point ``key_id`` at a new KMS key and run ``fjord keys rotate-kek``; KMS's own
automatic rotation of a key's backing material needs no action here.
"""

from __future__ import annotations

import base64
from typing import Any

from keys.errors import DecryptionError, KekUnavailable


class AwsKmsKek:
    """KEK provider over boto3's KMS client."""

    name = "aws-kms"

    def __init__(self, key_id: str, region: str, endpoint_url: str | None = None,
                 client: Any = None) -> None:
        """Use KMS key ``key_id`` (id, ARN or alias) in ``region``.

        ``endpoint_url``: a KMS-compatible endpoint (VPC endpoint, or a local test server).

        Raises:
            KekUnavailable: boto3 missing, no credentials, key unknown or disabled.
        """
        try:
            import boto3
            from botocore.exceptions import BotoCoreError, ClientError
        except ImportError:
            raise KekUnavailable("KEK provider aws-kms needs boto3 (fjord[aws-kms])") from None
        self._errors = (BotoCoreError, ClientError)
        self._kms = client or boto3.client("kms", region_name=region, endpoint_url=endpoint_url)
        try:
            meta = self._kms.describe_key(KeyId=key_id)["KeyMetadata"]
        except self._errors as exc:
            raise KekUnavailable(f"AWS KMS key {key_id!r} in {region} unavailable: {exc}") from None
        if meta.get("KeyState") != "Enabled":
            raise KekUnavailable(f"AWS KMS key {key_id!r} is {meta.get('KeyState')}")
        self._arn = meta["Arn"]

    @property
    def kek_id(self) -> str:
        return "aws-kms:" + self._arn

    @staticmethod
    def _context(context: bytes) -> dict[str, str]:
        return {"fjord": base64.b64encode(context).decode()}

    def wrap(self, key: bytes, context: bytes) -> bytes:
        try:
            out = self._kms.encrypt(
                KeyId=self._arn, Plaintext=key, EncryptionContext=self._context(context)
            )
        except self._errors as exc:
            raise KekUnavailable(f"AWS KMS encrypt failed: {type(exc).__name__}") from None
        return bytes(out["CiphertextBlob"])

    def unwrap(self, wrapped: bytes, context: bytes, kek_id: str) -> bytes:
        from botocore.exceptions import ClientError

        try:
            out = self._kms.decrypt(
                CiphertextBlob=wrapped, KeyId=kek_id.removeprefix("aws-kms:"),
                EncryptionContext=self._context(context),
            )
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            if code in ("InvalidCiphertextException", "IncorrectKeyException"):
                raise DecryptionError("wrapped data key does not unwrap (altered, moved)") from None
            raise KekUnavailable(f"AWS KMS decrypt failed: {code or 'error'}") from None
        except self._errors as exc:
            raise KekUnavailable(f"AWS KMS decrypt failed: {type(exc).__name__}") from None
        return bytes(out["Plaintext"])

    def begin_rotation(self) -> None:
        """Nothing to create: the configured key is current; rewrapping moves keys onto it."""

    def reload(self) -> None:
        """Nothing cached: the configured key is the current one, KMS keeps the others."""

    def retire_others(self) -> None:
        """Old KMS keys are retired in KMS itself (ScheduleKeyDeletion) by the operator."""
