"""TURN over TCP and TLS: framing of STUN messages and ChannelData on a byte stream.

RFC 8656 section 12.5: over a stream, ChannelData frames are padded to 4 bytes; STUN
lengths are multiples of 4 already. A frame whose length field exceeds
``max_message_size``, an unknown leading byte, or a frame that does not complete within
``stream_idle_timeout`` closes that connection only. Closing a connection deletes its
allocation (RFC 8656 section 5).
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol

from .allocation import Allocation
from .allocations import AllocationTable
from .config import TurnConfig
from .dispatcher import Dispatcher
from .five_tuple import FiveTuple
from .handlers.context import ClientLink
from .relay import STREAM_BACKLOG, Relay

WRITE_HIGH_WATER = 2 * STREAM_BACKLOG
"""Unread bytes past which a connection stops being read until its client reads: answers to
requests (a Binding needs no credentials) stop piling up for a client that sends without
reading. Above :data:`~turn.relay.STREAM_BACKLOG`, so that peer data for a slow client,
dropped beyond that, does not stall what the client sends."""


class StreamServer(Protocol):
    """What a connection uses of its server (:class:`turn.server.TurnServer`): the shared
    state, and the upward calls when a connection opens and closes."""

    config: TurnConfig
    dispatcher: Dispatcher
    relay: Relay
    table: AllocationTable

    def admit(self, connection: StreamConnection) -> bool:
        """Track a new connection; False (counted) when the server is at
        ``max_connections``, or its client address at ``max_connections_per_address``, and
        the connection is closed."""

    def forget(self, connection: StreamConnection) -> None:
        """Stop tracking a closed connection."""


class StreamConnection(asyncio.Protocol):
    """One client connection; ``transport_name`` is ``"tcp"`` or ``"tls"``."""

    def __init__(self, server: StreamServer, transport_name: str) -> None:
        self.server = server
        self.transport_name = transport_name
        self.transport: asyncio.Transport | None = None
        self.allocation: Allocation | None = None
        self.five_tuple: FiveTuple | None = None
        self.link: ClientLink | None = None
        self.buffer = bytearray()
        self.last_activity = time.monotonic()
        self.partial_since: float | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # A stream transport; uvloop's do not subclass asyncio.Transport, so no isinstance.
        self.transport = transport  # type: ignore[assignment]
        if not self.server.admit(self):
            transport.abort()
            return
        peer = transport.get_extra_info("peername")
        local = transport.get_extra_info("sockname")
        self.five_tuple = FiveTuple(self.transport_name, (peer[0], peer[1]), (local[0], local[1]))
        self.link = ClientLink(transport=transport, on_allocation=self._on_allocation)
        self.transport.set_write_buffer_limits(high=WRITE_HIGH_WATER)

    def pause_writing(self) -> None:
        """The client leaves :data:`WRITE_HIGH_WATER` bytes unread: read no more from it."""
        if self.transport is not None:
            self.transport.pause_reading()

    def resume_writing(self) -> None:
        if self.transport is not None:
            self.transport.resume_reading()

    def _on_allocation(self, allocation: Allocation) -> None:
        self.allocation = allocation

    def connection_lost(self, exc: Exception | None) -> None:
        self.server.forget(self)
        if self.allocation is not None:
            self.server.table.remove(self.allocation, "connection closed")
            self.allocation = None
        self.buffer.clear()

    def close(self, reason: str) -> None:
        """Close this connection (counted under ``reason``)."""
        self.server.relay.drop(reason)
        if self.transport is not None:
            self.transport.abort()

    def data_received(self, data: bytes) -> None:
        if self.five_tuple is None or self.link is None or self.transport is None:
            return
        self.last_activity = time.monotonic()
        buffer = self.buffer
        buffer += data
        limit = self.server.config.max_message_size
        dispatcher = self.server.dispatcher
        relay = self.server.relay
        offset = 0
        size = len(buffer)
        while size - offset >= 4:
            first = buffer[offset]
            length = (buffer[offset + 2] << 8) | buffer[offset + 3]
            if first < 0x40:
                if length % 4:
                    self.close("stream_framing")
                    return
                total = 20 + length
                padded = total
            elif first <= 0x7F:
                total = 4 + length
                padded = total + (-length % 4)
            else:
                self.close("stream_framing")
                return
            if total > limit:
                self.close("oversize")
                return
            if size - offset < padded:
                break
            frame = bytes(buffer[offset : offset + total])
            offset += padded
            if first < 0x40:
                answer = dispatcher.handle_stun(frame, self.five_tuple, self.link)
                if answer is not None and not self.transport.is_closing():
                    self.transport.write(answer)
            elif self.allocation is not None:
                relay.client_channel_data(self.allocation, frame, total)
            else:
                relay.drop("no_allocation")
        if offset:
            del buffer[:offset]
        if not buffer:
            self.partial_since = None
        elif offset or self.partial_since is None:
            # A new incomplete frame starts now; a frame that never completes times out.
            self.partial_since = self.last_activity

    def expired(self, now: float, timeout: float) -> bool:
        """Idle without allocation, or stuck on a partial frame, for ``timeout`` seconds.

        An allocation deleted meanwhile (Refresh with LIFETIME 0, expiry) is forgotten: the
        connection is one without allocation again.
        """
        if self.partial_since is not None and now - self.partial_since > timeout:
            return True
        if self.allocation is not None and self.allocation.closed:
            self.allocation = None
        return self.allocation is None and now - self.last_activity > timeout
