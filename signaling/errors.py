"""Errors of the signaling server: the HTTP API's (rendered as ``{"error": "..."}`` JSON) and
the account store's."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from signaling.client_json import DuplicateKey, NotJsonText, loads

TOO_DEEP = "nests arrays and objects too deeply to parse"
"""The end of the error for JSON whose nesting exceeds what the parser follows (about 1,000
levels: Python's json raises RecursionError). Such JSON may be valid, so it is not called
invalid; no body or message of the API nests more than a few levels."""


class ApiError(Exception):
    """An HTTP error with a JSON body ``{"error": message}``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


NOT_JSON_TYPE = "the request body must be JSON with Content-Type: application/json"


def is_json_type(content_type: str | None) -> bool:
    """Whether a Content-Type header names JSON: ``application/json`` or a
    ``application/...+json`` type, with or without parameters, as FastAPI reads bodies."""
    media = (content_type or "").split(";")[0].strip().lower()
    return media == "application/json" or (media.startswith("application/")
                                           and media.endswith("+json"))


def json_body(raw: bytes, content_type: str | None) -> Any:
    """``raw``, a request body read by hand, parsed as JSON. Raises ApiError 415 when it is
    not empty and ``content_type`` (the header) is not JSON, as FastAPI's routes answer
    (``app.invalid_request``); 400 ``request body is not UTF-8 ...`` or ``request body
    holds a NUL byte ...`` (NotJsonText), ``request body is not valid JSON`` or, for
    nesting deeper than the parser follows, ``request body`` + TOO_DEEP: all a client's
    malformed body, not a server fault; 400 naming a key an object repeats."""
    if raw.strip() and not is_json_type(content_type):
        raise ApiError(415, NOT_JSON_TYPE)
    try:
        return loads(raw)
    except RecursionError:
        raise ApiError(400, f"request body {TOO_DEEP}") from None
    except DuplicateKey as exc:
        raise ApiError(400, str(exc)) from None
    except NotJsonText as exc:
        raise ApiError(400, f"request body {exc}") from None
    except ValueError:
        raise ApiError(400, "request body is not valid JSON") from None


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
