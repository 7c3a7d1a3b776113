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
    for an object that repeats a key."""
    return json.loads(raw, object_pairs_hook=_unique_keys)
