"""A minimal signaling client for tests (real WSS to a running ``fjord serve``)."""

from __future__ import annotations

import asyncio
import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

import websockets

from tests.conftest import FjordServer
from tests.suite_audit import remember


def ws_url(server: FjordServer, room_url: str) -> str:
    room = urlsplit(room_url).path.strip("/")
    return server.base_url.replace("https://", "wss://") + f"/v1/rooms/{room}/ws"


def room_key(room_url: str) -> str | None:
    return parse_qs(urlsplit(room_url).query).get("roomKey", [None])[0]


def join_message(name: str, room_url: str, **extra: str) -> dict[str, str]:
    """A ``join`` as ``name`` with the room key of ``room_url``, if it has one (a null
    ``roomKey`` is refused: the field is left out for no key)."""
    key = room_key(room_url)
    return {"type": "join", "displayName": name, **({"roomKey": key} if key else {}), **extra}


class SignalingClient:
    """Connects, joins, and collects server messages by type."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.joined: dict[str, Any] = {}

    @classmethod
    async def connect(cls, server: FjordServer, room_url: str,
                      source: str = "127.0.0.1") -> SignalingClient:
        """Connect from the loopback address ``source`` (another one: another client
        address, as per-address limits count)."""
        # As a browser, take messages of any size the server sends (a large group room's
        # subscribe-offer is hundreds of KB).
        ws = await websockets.connect(
            ws_url(server, room_url), ssl=server.ssl_context(), max_size=None,
            local_addr=(source, 0),
        )
        return cls(ws)

    async def send(self, message: dict[str, Any] | str | bytes) -> None:
        await self.ws.send(message if isinstance(message, str | bytes) else json.dumps(message))

    async def recv(self, timeout: float = 10.0) -> dict[str, Any]:
        return json.loads(await asyncio.wait_for(self.ws.recv(), timeout))

    async def expect(self, kind: str, timeout: float = 10.0) -> dict[str, Any]:
        """Next message of type ``kind``, skipping others."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            message = await self.recv(max(0.01, deadline - loop.time()))
            if message["type"] == kind:
                return message

    async def join(self, name: str, room_url: str) -> dict[str, Any]:
        remember(name)
        await self.send(join_message(name, room_url))
        message = await self.recv()
        if message["type"] == "joined":
            self.joined = message
        return message

    async def close(self) -> None:
        await self.ws.close()


async def let_in(host: SignalingClient, client: SignalingClient, name: str, room_url: str,
                 timeout: float = 10.0) -> dict[str, Any]:
    """Join ``client`` as ``name`` through ``room_url`` into a locked room: it knocks,
    ``host`` lets it in, it gets ``joined`` and ``host`` sees it join. Returns its
    ``joined`` (its ``selfId`` is the one it knocked with)."""
    pending = await client.join(name, room_url)
    assert pending["type"] == "knock-pending", pending
    knock = await host.expect("knock", timeout)
    assert knock["participant"]["id"] == pending["selfId"], knock
    await host.send({"type": "knock-accept", "participantId": pending["selfId"]})
    joined = client.joined = await client.expect("joined", timeout)
    entered = await host.expect("participant-joined", timeout)
    assert entered["participant"]["id"] == joined["selfId"] == pending["selfId"], entered
    return joined
