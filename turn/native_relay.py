"""The relay data path with UDP allocations served by the native core (turn/_relaycore.c).

:class:`NativeRelay` is a :class:`turn.relay.Relay` whose UDP allocations live in a
:class:`RelayCore`: their relay sockets are read by the core, not by the event loop, which
also applies their bandwidth limit (the same token bucket as the base class's). Python stays
the owner of the state: after every change (a STUN message from the client, a sweep) it
copies the allocation's permissions and channels into the core. TCP/TLS allocations, and
any the core refuses (table full, more than 64 permissions or channels), stay on the Python
path of the base class.
"""

from __future__ import annotations

import asyncio
import socket
from typing import TYPE_CHECKING

from .allocation import Allocation
from .peer_policy import PeerPolicy
from .relay import Relay, RelayCounters

if TYPE_CHECKING:
    from ._relaycore import RelayCore


class NativeRelay(Relay):
    """A :class:`Relay` that hands eligible UDP allocations to a :class:`RelayCore`."""

    def __init__(self, policy: PeerPolicy, counters: RelayCounters | None = None) -> None:
        super().__init__(policy, counters)
        self.core: RelayCore | None = None
        self.native: set[Allocation] = set()
        """The allocations the core serves."""
        self._loop: asyncio.AbstractEventLoop | None = None

    def attach(self, core: RelayCore, loop: asyncio.AbstractEventLoop) -> None:
        """Serve allocations watched from now on through ``core``."""
        self.core = core
        self._loop = loop

    def detach(self) -> None:
        """Forget the core (closed: its thread joined) and the allocations it served; the
        server closes their sockets next."""
        self.core = None
        self.native.clear()

    def watch(self, loop: asyncio.AbstractEventLoop, allocation: Allocation) -> None:
        if (
            self.core is not None
            and allocation.five_tuple.transport == "udp"
            and self._copy(allocation)
        ):
            self.native.add(allocation)
            return
        super().watch(loop, allocation)

    def unwatch(self, loop: asyncio.AbstractEventLoop, allocation: Allocation) -> None:
        if self.core is not None and allocation in self.native:
            self.native.discard(allocation)
            self.core.remove_allocation(allocation.five_tuple.client)
            return
        super().unwatch(loop, allocation)

    def forget_socket(
        self, loop: asyncio.AbstractEventLoop, allocation: Allocation, sock: socket.socket
    ) -> None:
        if self.core is not None and allocation in self.native:
            self.sync(allocation)  # the core keeps the sockets the allocation still holds
            return
        super().forget_socket(loop, allocation, sock)

    def sync(self, allocation: Allocation) -> None:
        """Copy ``allocation``'s permissions and channels into the core after a change.

        If the core refuses them (counted there as ``native_table_full``), the allocation
        moves back to the Python path.
        """
        if allocation not in self.native or self._copy(allocation):
            return
        assert self.core is not None and self._loop is not None
        self.native.discard(allocation)
        self.core.remove_allocation(allocation.five_tuple.client)
        super().watch(self._loop, allocation)

    def _copy(self, allocation: Allocation) -> bool:
        assert self.core is not None
        try:
            self.core.set_allocation(
                allocation.five_tuple.client,
                [sock.fileno() for sock in allocation.sockets.values()],
                list(allocation.permissions),
                [(number, binding.peer) for number, binding in allocation.channels.items()],
                bandwidth=allocation.bandwidth,
            )
        except OverflowError:
            return False
        return True
