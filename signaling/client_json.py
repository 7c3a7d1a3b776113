"""The one parser of JSON that clients send: REST request bodies (FastAPI's models and the
bodies read by hand), long-polling batches and signaling messages.

Python's json keeps the last of an object's repeated keys without a word, so
``{"roomMode": "group", "roomMode": "normal"}`` would create a normal room; a client's JSON
that names a key twice is refused instead, naming the key (as a query parameter given twice
is, docs/api.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute


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


class ClientJsonRequest(Request):
    """A request whose JSON body, as FastAPI reads it for a route's body model, is parsed
    with :func:`loads`."""

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = loads(await self.body())
        return self._json


class ClientJsonRoute(APIRoute):
    """The route class of every router whose endpoints take body models: bodies parsed
    with :func:`loads` (routers that read bodies by hand use ``errors.json_body``). FastAPI
    turns the DuplicateKey into a 400 whose cause it is (``app.http_error`` names the
    key)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict_json(request: Request) -> Response:
            return await handler(ClientJsonRequest(request.scope, request.receive))

        return strict_json
