"""Errors of the signaling server: the HTTP API's (rendered as ``{"error": "..."}`` JSON) and
the account store's."""

from __future__ import annotations


class ApiError(Exception):
    """An HTTP error with a JSON body ``{"error": message}``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


class StoreError(Exception):
    """Base of the account store's errors that callers turn into replies."""


class EncryptionNotConfigured(StoreError):
    """The store was opened without a field cipher, so it cannot keep personal values."""
