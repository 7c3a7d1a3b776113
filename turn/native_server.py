"""The TURN server with its UDP relay in the native core, and the choice between the paths.

:func:`make_turn_server` is what ``fjord serve``, ``fjord turn`` and the benchmark call:
``native="auto"`` uses :class:`NativeTurnServer` when the optional extension
``turn._relaycore`` was built (``pip install`` compiles it with gcc when it can), and
otherwise logs one line and returns the pure-Python :class:`TurnServer`; ``"off"`` always
returns the Python one. Both behave the same on the wire (tests/turn/test_turn_native_*).
"""

from __future__ import annotations

import importlib
import logging
import socket
from typing import TYPE_CHECKING, Literal

from .config import TurnConfig
from .native_relay import NativeRelay
from .server import TurnServer

if TYPE_CHECKING:
    from ._relaycore import RelayCore

logger = logging.getLogger(__name__)

NativeMode = Literal["auto", "off"]


def load_core() -> tuple[type[RelayCore] | None, str]:
    """The :class:`RelayCore` class, or None and the reason it cannot be imported."""
    try:
        module = importlib.import_module("turn._relaycore")
    except ImportError as exc:
        return None, str(exc) or type(exc).__name__
    return module.RelayCore, ""


def make_turn_server(config: TurnConfig, native: NativeMode = "auto") -> TurnServer:
    """A TURN server for ``config``: native UDP relay core if ``native`` is "auto" and the
    extension imports, else the Python relay (one log line says why when it does not)."""
    if native == "off":
        return TurnServer(config)
    core_class, reason = load_core()
    if core_class is None:
        logger.warning("TURN native relay core unavailable (%s): using the Python relay", reason)
        return TurnServer(config)
    return NativeTurnServer(config, core_class)


class NativeTurnServer(TurnServer):
    """A :class:`TurnServer` whose UDP listener and UDP relay sockets are read by the core.

    The core's thread relays ChannelData, Send and Data indications of UDP allocations
    without running Python; STUN requests and everything it does not handle come back from
    ``RelayCore.poll`` (its eventfd wakes the event loop) and take the Python path. Channel
    traffic refreshes permissions at the next sweep (with the same
    deadline the Python path would have set), and the core's counters are added to
    :attr:`counters` then too (:meth:`collect_counters`).
    """

    relay_class = NativeRelay
    relay: NativeRelay

    def __init__(self, config: TurnConfig, core_class: type[RelayCore]) -> None:
        super().__init__(config)
        self._request_limiter = None  # the core limits them, before its queue for Python
        self._core_class = core_class
        self.core: RelayCore | None = None
        self._core_seen: dict[str, int] = {}
        self._core_seen_drops: dict[str, int] = {}

    async def start(self) -> None:
        """Bind as :meth:`TurnServer.start`, then move the UDP listener to the core.

        Raises:
            OSError: a listener address cannot be bound, or epoll fails.
        """
        await super().start()
        sock = self._udp_sock
        if sock is None:
            return
        assert self._loop is not None
        core = self._core_class(
            sock.fileno(), self.config.max_allocations, self.config.max_message_size,
            request_rate=self.config.request_rate, request_burst=self.config.request_burst,
        )
        core.set_own_ports(
            [a[1] for a in (self.udp_address, self.tcp_address, self.tls_address) if a]
        )
        self._loop.remove_reader(sock.fileno())
        self._loop.add_reader(core.fileno(), self._core_readable)
        self.relay.attach(core, self._loop)
        self.core = core
        core.start(self.config.native_coalesce_us)
        logger.info("TURN UDP relay in the native core (its own thread, coalescing %d us)",
                    self.config.native_coalesce_us)

    async def close(self) -> None:
        """Join the core's thread, then close as :meth:`TurnServer.close`."""
        core = self.core
        if core is not None:
            assert self._loop is not None
            self._loop.remove_reader(core.fileno())
            core.close()  # before the sockets it reads are closed
            self.collect_counters()
            self.relay.detach()
            self.core = None
        await super().close()

    def _core_readable(self) -> None:
        core, sock = self.core, self._udp_sock
        if core is None or sock is None:
            return
        for data, addr in core.poll():
            self._udp_datagram(sock, data, len(data), addr)

    def _udp_answer(self, sock: socket.socket, answer: bytes, addr: tuple[str, int]) -> None:
        """Copy the client's allocation into the core, then answer: the core's thread relays
        concurrently, so the tables must hold a new channel or permission before the client
        learns of it and sends ChannelData."""
        allocation = self.table.udp_by_client.get(addr)
        if allocation is not None:
            self.relay.sync(allocation)
        super()._udp_answer(sock, answer, addr)

    def sweep(self) -> None:
        """Refresh permissions of used channels and collect counters, then sweep as
        :meth:`TurnServer.sweep` and copy the pruned tables into the core."""
        if self.core is not None:
            allocations = self.table.udp_by_client
            for client, number in self.core.take_channel_activity():
                allocation = allocations.get(client)
                binding = allocation.channels.get(number) if allocation else None
                if binding is not None:
                    binding.permission.expires = self.relay.refresh_until
            self.collect_counters()
        super().sweep()
        if self.core is not None:
            for allocation in list(self.relay.native):
                self.relay.sync(allocation)

    def collect_counters(self) -> None:
        """Add what the core counted since the last call to :attr:`counters`."""
        if self.core is None:
            return
        now = self.core.counters()
        seen, counters = self._core_seen, self.counters
        for name in ("to_peer_packets", "to_peer_bytes", "to_client_packets", "to_client_bytes"):
            value = now[name]
            assert isinstance(value, int)
            setattr(counters, name, getattr(counters, name) + value - seen.get(name, 0))
            seen[name] = value
        drops = now["drops"]
        assert isinstance(drops, dict)
        for reason, value in drops.items():
            delta = value - self._core_seen_drops.get(reason, 0)
            if delta:
                counters.drops[reason] = counters.drops.get(reason, 0) + delta
                self._core_seen_drops[reason] = value
