"""Errors of the signaling server's HTTP API, rendered as ``{"error": "..."}`` JSON."""

from __future__ import annotations


class ApiError(Exception):
    """An HTTP error with a JSON body ``{"error": message}``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}
