"""Token buckets for rate limits: per connection, per client address, per API key.

Shared by every listener (signaling REST and WebSocket, TURN's unauthenticated answers);
pure, with an injected clock.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from ipaddress import IPv4Address, IPv6Address, IPv6Network, ip_address
from typing import Literal

Verdict = Literal["allow", "notify", "drop", "close"]

SUBSCRIBER_PREFIX_V6 = 64
"""Bits of an IPv6 prefix that one client holds: a subscriber is given at least a /64
(RFC 6177), and may pick any address in it (RFC 8981), so a limit per IPv6 address would be
a fresh limit per request."""


def unmapped(address: IPv4Address | IPv6Address) -> IPv4Address | IPv6Address:
    """``address``, or the IPv4 address of an IPv4-mapped IPv6 one (``::ffff:a.b.c.d``, how
    a dual-stack socket names an IPv4 client)."""
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def client_key(address: IPv4Address | IPv6Address) -> str:
    """The key of a per-client limit for ``address``: an IPv4 address itself (an
    IPv4-mapped IPv6 address counts as its IPv4 address), an IPv6 address's /64
    (``"2001:db8::/64"``; see :data:`SUBSCRIBER_PREFIX_V6`)."""
    address = unmapped(address)
    if isinstance(address, IPv6Address):
        return str(IPv6Network((address, SUBSCRIBER_PREFIX_V6), strict=False))
    return str(address)


def rate_limit_key(host: str | None) -> str:
    """The bucket of a client address, as a request names it, in a per-client limit (REST
    requests, signaling joins): :func:`client_key` of the address; one shared bucket for
    anything else (a trusted proxy passed on a forwarded value that is no address: it must
    not buy a fresh bucket per value)."""
    try:
        address = ip_address(host or "")
    except ValueError:
        return "invalid"
    return client_key(address)


class TokenBucket:
    """Allows ``rate`` events per second on average with bursts up to ``burst`` events."""

    __slots__ = ("rate", "burst", "_tokens", "_last", "_clock")

    def __init__(
        self, rate: float, burst: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = rate
        self.burst = burst
        self._tokens = burst
        self._clock = clock
        self._last = clock()

    def allow(self, cost: float = 1.0) -> bool:
        """Take ``cost`` tokens if available; returns False (and takes nothing) otherwise."""
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
        self._last = now
        if self._tokens >= cost:
            self._tokens -= cost
            return True
        return False

    def take(self, wanted: int) -> int:
        """Take up to ``wanted`` whole tokens, as many as are available; returns how many
        were taken (0 when none)."""
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + max(0.0, now - self._last) * self.rate)
        self._last = max(now, self._last)
        taken = max(0, min(wanted, int(self._tokens)))
        self._tokens -= taken
        return taken

    def retry_after(self, cost: float = 1.0) -> float:
        """Seconds until ``cost`` tokens are available."""
        return max(0.0, (cost - self._tokens) / self.rate)


class KeyedRateLimiter:
    """One :class:`TokenBucket` per key (API key hash, client address), at most ``max_keys``
    remembered: the least recently used key is forgotten first, so memory stays bounded."""

    def __init__(
        self,
        rate: float,
        burst: float,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = rate
        self.burst = burst
        self.max_keys = max_keys
        self._clock = clock
        self._buckets: OrderedDict[Hashable, TokenBucket] = OrderedDict()

    def allow(self, key: Hashable) -> bool:
        """Take one token from ``key``'s bucket; False when it is empty."""
        return self.bucket(key).allow()

    def bucket(self, key: Hashable) -> TokenBucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = TokenBucket(self.rate, self.burst, self._clock)
            self._buckets[key] = bucket
            if len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(key)
        return bucket


LARGE_MESSAGE_UNIT = 65_536
"""Characters (or bytes) of a signaling message that cost one more token of its rate."""


class MessageRateLimit:
    """The per-connection message limit of signaling (docs/signaling.md, "Limits").

    :meth:`check` classifies each received message: ``"allow"`` (within ``rate`` messages/s,
    burst twice that), ``"notify"`` (dropped; the first drop of an episode, to be answered
    with one ``rate_limited`` error), ``"drop"`` (dropped silently; the episode ends after
    ``quiet`` seconds without a drop) or ``"close"`` (the connection kept sending above
    ``flood_factor`` times the rate, averaged over one second: close it with 1008; never
    with ``flood_factor`` None, for a limit on one kind of message inside the connection's).
    """

    def __init__(
        self,
        rate: float,
        flood_factor: float | None = 10.0,
        quiet: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._bucket = TokenBucket(rate, 2 * rate, clock)
        # Every received message counts here, allowed or not: one second's worth at
        # flood_factor times the rate, so a steady flood empties it and a burst does not.
        self._flood = (None if flood_factor is None
                       else TokenBucket(flood_factor * rate, flood_factor * rate, clock))
        self._quiet = quiet
        self._clock = clock
        self._last_drop: float | None = None

    def check(self, size: int = 0) -> Verdict:
        """``"allow"``, ``"notify"``, ``"drop"`` or ``"close"`` for one received message of
        ``size`` characters or bytes.

        A message costs one token plus one per whole :data:`LARGE_MESSAGE_UNIT` of its
        size, so that large messages (SDP may be 1 MiB) cannot be sent at the full message
        rate: parsing them is what costs the server.
        """
        if self._flood is not None and not self._flood.allow():
            return "close"
        if self._bucket.allow(1 + size // LARGE_MESSAGE_UNIT):
            return "allow"
        now = self._clock()
        new_episode = self._last_drop is None or now - self._last_drop >= self._quiet
        self._last_drop = now
        return "notify" if new_episode else "drop"
