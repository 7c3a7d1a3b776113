"""Errors of the signaling server: the HTTP API's (rendered as ``{"error": "..."}`` JSON) and
the account store's."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class ApiError(Exception):
    """An HTTP error with a JSON body ``{"error": message}``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def invalid_field(error: Mapping[str, Any], root: str = "body") -> str:
    """``"invalid field <where>: <why>"`` for one pydantic validation error (``loc`` after its
    first element; ``root`` when there is nothing after it), without the "Value error, "
    pydantic puts before the message of a validator's ValueError."""
    where = ".".join(str(part) for part in tuple(error.get("loc", ()))[1:]) or root
    message = str(error.get("msg", "invalid"))
    if error.get("type") == "value_error":
        message = message.removeprefix("Value error, ")
    return f"invalid field {where}: {message}"


def no_nul(value: str) -> str:
    """``value`` when it has no NUL character (PostgreSQL stores none in text, so a lookup
    by such an id would fail rather than find nothing). Raises ValueError naming it."""
    if "\x00" in value:
        raise ValueError("must not contain a NUL character")
    return value


class StoreError(Exception):
    """Base of the account store's errors that callers turn into replies."""


class EncryptionNotConfigured(StoreError):
    """The store was opened without a field cipher, so it cannot keep personal values."""
