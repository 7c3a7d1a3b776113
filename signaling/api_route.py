"""The route class of the REST API's routers: request bodies parsed by the one parser of
clients' JSON (:func:`signaling.client_json.loads`), which refuses a repeated key, and HEAD
answered wherever GET is."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from signaling.client_json import loads


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
    key).

    A GET route takes HEAD too (RFC 9110 section 9.3.2): the same endpoint, authentication
    and status, with no body (Starlette's responses send none to a HEAD). FastAPI's routes,
    unlike Starlette's, do not add it themselves."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        super().__init__(path, endpoint, **kwargs)
        if "GET" in self.methods:
            self.methods.add("HEAD")

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict_json(request: Request) -> Response:
            return await handler(ClientJsonRequest(request.scope, request.receive))

        return strict_json
