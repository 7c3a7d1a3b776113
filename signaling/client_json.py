"""The one parser of JSON that clients send: REST request bodies (FastAPI's models and the
bodies read by hand), long-polling batches and signaling messages.

Python's json keeps the last of an object's repeated keys without a word, so
``{"roomMode": "group", "roomMode": "normal"}`` would create a normal room; a client's JSON
that names a key twice is refused instead, naming the key (as a query parameter given twice
is, docs/api.md). The standard library only: the ``fjord`` command imports this (through
the store's errors) and must not pay for FastAPI; the API routers' route class that uses it
is :mod:`signaling.api_route`.
"""

from __future__ import annotations

import json
from typing import Any


class DuplicateKey(ValueError):
    """An object of a client's JSON names ``key`` more than once."""

    def __init__(self, key: str) -> None:
        super().__init__(f"{key[:40]}: given more than once in one object; send it once")
        self.key = key


class NotUtf8(ValueError):
    """A client's JSON arrived as bytes that are not UTF-8 (UTF-16 or UTF-32 text, Latin-1).
    ``str()`` is the reason without its subject: ``request body`` or ``message`` goes
    first."""

    def __init__(self) -> None:
        super().__init__("is not UTF-8: JSON between systems must be UTF-8 (RFC 8259 "
                         "section 8.1); UTF-16 and UTF-32 are not read")


def utf8_text(raw: bytes) -> str:
    """``raw`` decoded as UTF-8, without the byte order mark RFC 8259 lets a parser ignore.

    Python's json guesses the encoding of bytes (UTF-16 and UTF-32, with or without a byte
    order mark), so a body in UTF-16 was read while the API says that bodies are UTF-8.
    UTF-16 or UTF-32 text of ASCII characters is valid UTF-8 with NUL bytes; JSON text has
    no NUL (a string carries one escaped), so a NUL means another encoding.

    Raises:
        NotUtf8: ``raw`` is not UTF-8, or has a NUL byte.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise NotUtf8 from None
    if "\x00" in text:
        raise NotUtf8
    return text.removeprefix("\ufeff")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKey(key)
            seen.add(key)
    return obj


def loads(raw: str | bytes) -> Any:
    """``raw`` parsed as JSON, as :func:`json.loads` does (ValueError when it is not JSON,
    RecursionError when it nests deeper than the parser follows), but raising DuplicateKey
    for an object that repeats a key, and NotUtf8 for bytes that are not UTF-8
    (:func:`utf8_text`)."""
    if isinstance(raw, bytes | bytearray):
        raw = utf8_text(bytes(raw))
    return json.loads(raw, object_pairs_hook=_unique_keys)
