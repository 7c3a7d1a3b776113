"""The one check of a host a customer makes the server connect to (SSRF guard).

Webhook receivers (:mod:`signaling.webhook_http`) and recording buckets' S3 endpoints
(:mod:`signaling.recording_settings`, :mod:`signaling.recording_control`) both go through
:func:`resolve_checked`: the host is resolved as the connection will resolve it
(``getaddrinfo``, which also reads the numeric forms ``127.1``, ``2130706433``,
``0x7f000001``, ``0251.0376.0251.0376`` or ``0`` and names such as ``localhost``), and every
address it resolves to must be public: not private, loopback, link-local, shared (CGNAT),
reserved, unspecified, multicast or IPv6 site-local (``fec0::/10``, RFC 3879), nor such an
IPv4 address inside an IPv6 one (IPv4-mapped ``::ffff:a.b.c.d``, NAT64 ``64:ff9b::/96``,
6to4, Teredo), nor an IPv4-compatible ``::a.b.c.d`` at all (deprecated by RFC 4291, never
routed), unless the operator listed the address (``*_allowed_private_ips``).
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import re
import socket
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
IP = ipaddress.IPv4Address | ipaddress.IPv6Address

NAT64 = ipaddress.ip_network("64:ff9b::/96")
"""RFC 6052's well-known prefix: the IPv4 address is the last 32 bits."""
LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")
"""RFC 8215's local-use prefix: translated inside the operator's network, never public."""
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_LABEL = r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
HOST_NAME = re.compile(rf"(?=.{{1,253}}\Z){_LABEL}(?:\.{_LABEL})*\.?")
"""A DNS name in ASCII (letters, digits, ``-``, ``_``; an IDN in its ``xn--`` form)."""
LOOKUP_TIMEOUT_S = 5.0
"""How long :func:`resolve_checked` waits for a name's addresses (seconds)."""
_LOOKUPS = ThreadPoolExecutor(max_workers=64, thread_name_prefix="fjord-dns")
"""The threads customers' host names are resolved in, apart from the event loop's default
executor (CPUs + 4 threads, which ``asyncio.to_thread`` and other lookups share): a
``getaddrinfo`` whose DNS server does not answer holds its thread for the resolver's own
timeouts (resolv.conf, often 10-30 s), so a few webhook endpoints on such names would
otherwise stall every other tenant's deliveries. Each endpoint delivers one event at a
time, so one organization holds at most ``MAX_ENDPOINTS`` (20) of these threads."""


OWNER_LOOKUPS = 8
"""Lookups one organization may have in :data:`_LOOKUPS` at once, from the API (a meeting's
bucket endpoint, a webhook URL being saved, a recording's deletion): each request waits
:data:`LOOKUP_TIMEOUT_S` at most, but its thread stays until the resolver gives up, so one
API key creating meetings on names whose DNS never answers took every thread, and other
organizations' webhook deliveries (literal addresses included) waited their turn past their
deadline. Past the bound a lookup is not made: the name counts as not resolving now, as one
whose DNS did not answer in time does."""
_owner_lock = threading.Lock()
_owner_lookups: dict[str, int] = {}


def _owner_done(owner: str) -> None:
    with _owner_lock:
        left = _owner_lookups[owner] - 1
        if left:
            _owner_lookups[owner] = left
        else:
            del _owner_lookups[owner]


class AddressRefused(Exception):
    """The host resolves to an address that is not allowed; ``str()`` is safe to show."""


class HostUnresolved(Exception):
    """The host does not resolve (now): nothing to connect to."""


def valid_host(host: str) -> bool:
    """A DNS name or an IPv6 literal (``urlsplit``'s ``hostname``, brackets removed). An
    IPv6 literal with a zone (``::1%lo``) is not one: a zone names an interface of this
    host, meaningless in a customer's URL, and such a literal that does not resolve here
    passed the address check as an unresolved name (``[::1%lo]`` was saved)."""
    if "%" in host:
        return False
    if ":" in host:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
        return True
    return bool(HOST_NAME.fullmatch(host))


def _public(ip: IP) -> bool:
    site_local = isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local  # fec0::/10
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified
                                 or ip.is_link_local or ip.is_loopback or ip.is_private
                                 or site_local)


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address a packet to ``ip`` reaches in the end, if ``ip`` carries one."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in NAT64 or ip in IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    return None


def address_allowed(address: str, allowed_private: Sequence[Network]) -> bool:
    """Public (globally routable) addresses, plus the operator's explicit exceptions (an
    exception for ``a.b.c.d`` also covers its IPv4-mapped and NAT64 forms)."""
    ip: IP = ipaddress.ip_address(address.split("%", 1)[0])
    embedded = _embedded_ipv4(ip) if isinstance(ip, ipaddress.IPv6Address) else None
    if any(ip in net or (embedded is not None and embedded in net) for net in allowed_private):
        return True
    if isinstance(ip, ipaddress.IPv6Address) and (ip in LOCAL_NAT64 or ip in IPV4_COMPATIBLE):
        return False  # IPv4-compatible: deprecated (RFC 4291 2.5.5.1), no public route
    if embedded is not None:
        if not _public(embedded):
            return False
        if ip.ipv4_mapped is not None or ip in NAT64:
            return True  # the IPv6 form is only a way to reach the public IPv4 address
    return _public(ip)


def _checked(infos: list, allowed_private: Sequence[Network]) -> list[str]:
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise HostUnresolved("the host has no address")
    for address in addresses:
        if not address_allowed(address, allowed_private):
            raise AddressRefused("resolves to a private, loopback or otherwise non-public "
                                 "address")
    return addresses


async def resolve_checked(host: str, port: int, allowed_private: Sequence[Network],
                          owner: str | None = None) -> list[str]:
    """Every address ``host`` resolves to (as a connection would), all of them allowed.
    ``owner``: the organization asking, whose lookups in flight are bounded
    (:data:`OWNER_LOOKUPS`).

    Raises:
        AddressRefused: an address is not public and not allowed by the operator.
        HostUnresolved: the name does not resolve, or to nothing, or not within
            :data:`LOOKUP_TIMEOUT_S`, or ``owner`` has :data:`OWNER_LOOKUPS` in flight.
    """
    lookup = functools.partial(socket.getaddrinfo, host.rstrip(".") or host, port,
                               type=socket.SOCK_STREAM)
    if owner is not None:
        with _owner_lock:
            if _owner_lookups.get(owner, 0) >= OWNER_LOOKUPS:
                raise HostUnresolved("too many of the organization's host lookups are "
                                     "waiting for DNS")
            _owner_lookups[owner] = _owner_lookups.get(owner, 0) + 1
        # Counted until the thread is done, not until this call gives up on it.
        running = _LOOKUPS.submit(lookup)
        running.add_done_callback(lambda _: _owner_done(owner))
        pending = asyncio.wrap_future(running)
    else:
        pending = asyncio.get_running_loop().run_in_executor(_LOOKUPS, lookup)
    try:
        infos = await asyncio.wait_for(pending, LOOKUP_TIMEOUT_S)
    except TimeoutError:
        raise HostUnresolved(f"the host's DNS did not answer within {LOOKUP_TIMEOUT_S:g} s"
                             ) from None
    except (OSError, UnicodeError) as exc:
        raise HostUnresolved(f"cannot resolve the host: {getattr(exc, 'strerror', exc)}"
                             ) from None
    return _checked(infos, allowed_private)


def resolve_checked_blocking(host: str, port: int, allowed_private: Sequence[Network]
                             ) -> list[str]:
    """:func:`resolve_checked` for code that runs in a worker thread (boto3's calls)."""
    try:
        infos = socket.getaddrinfo(host.rstrip(".") or host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise HostUnresolved(f"cannot resolve the host: {getattr(exc, 'strerror', exc)}"
                             ) from None
    return _checked(infos, allowed_private)
