"""One webhook delivery: an HTTPS POST to a checked address (RFC 9110, RFC 9112).

The receiver's host name is resolved once per attempt; every address it resolves to must be
public, unless the operator listed it in ``webhook_allowed_private_ips`` (so a customer
cannot make the server call loopback, link-local or private services: SSRF). The
connection then goes to the checked address itself, with the host name used for SNI,
certificate verification and the ``Host`` header, so a second DNS answer cannot redirect
it (DNS rebinding). Redirects are not followed.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from signaling import egress
from signaling.egress import Network, address_allowed

__all__ = ["DeliveryFailed", "Target", "WebhookUrlRefused", "address_allowed", "check_url",
           "post", "resolve_checked"]
MAX_RESPONSE_HEAD = 16 * 1024
PRINTABLE_ASCII = "".join(map(chr, range(0x21, 0x7F)))
"""Characters a request target keeps as the URL has them; any other (non-ASCII, a control
character) is percent-encoded in UTF-8, as browsers send an IRI (RFC 3987 section 3.1)."""


class WebhookUrlRefused(Exception):
    """The URL is not https, or resolves to an address that is not allowed."""


class DeliveryFailed(Exception):
    """No HTTP answer: connection refused or reset, TLS failure, timeout, malformed answer."""


@dataclass(frozen=True)
class Target:
    """A receiver: host name (for TLS and Host), port, path with query (ASCII: the API
    takes any URL without white space, ``https://example.com/hooks/日本`` included)."""

    host: str
    port: int
    path: str

    @classmethod
    def parse(cls, url: str) -> Target:
        """Raises WebhookUrlRefused for anything but an absolute https URL."""
        try:
            # urlsplit raises ValueError for a malformed bracketed host ("[zz::1]").
            parts = urlsplit(url)
            hostname = parts.hostname
            port = parts.port
        except ValueError:
            raise WebhookUrlRefused("the webhook URL is malformed (host, or a port outside "
                                    "1-65535)") from None
        if parts.scheme != "https" or not hostname:
            raise WebhookUrlRefused("webhook URLs must be absolute https URLs")
        if not egress.valid_host(hostname):
            raise WebhookUrlRefused("the webhook URL's host is malformed")
        if parts.username is not None or parts.password is not None:
            raise WebhookUrlRefused("credentials in URLs are not allowed")
        if port == 0:
            raise WebhookUrlRefused("invalid port (1-65535)")
        port = port or 443
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return cls(hostname, port, quote(path, safe=PRINTABLE_ASCII))


async def check_url(url: str, allowed_private: Sequence[Network],
                    owner: str | None = None) -> None:
    """Refuse, when an endpoint is saved, a URL whose host resolves now to an address that
    :func:`signaling.egress.address_allowed` refuses (checked again at every delivery; a
    name that does not resolve yet is checked then).

    Raises:
        WebhookUrlRefused: not an absolute https URL, or a non-public address.
    """
    target = Target.parse(url)
    try:
        await egress.resolve_checked(target.host, target.port, allowed_private, owner)
    except egress.AddressRefused as exc:
        raise WebhookUrlRefused(f"the webhook URL {exc}") from None
    except egress.HostUnresolved:
        return


async def resolve_checked(target: Target, allowed_private: Sequence[Network]) -> str:
    """The first address of ``target.host``; every resolved address must be allowed
    (:func:`signaling.egress.resolve_checked`, the check recording endpoints get too).

    Raises:
        WebhookUrlRefused: an address is private/loopback/link-local and not allowed.
        DeliveryFailed: the name does not resolve.
    """
    try:
        addresses = await egress.resolve_checked(target.host, target.port, allowed_private)
    except egress.AddressRefused as exc:
        raise WebhookUrlRefused(f"the webhook URL {exc}") from None
    except egress.HostUnresolved as exc:
        raise DeliveryFailed(f"webhook host: {exc}") from None
    return addresses[0]


def build_request(target: Target, body: bytes, headers: dict[str, str]) -> bytes:
    """The bytes of an HTTP/1.1 POST of ``body`` (JSON) with ``headers`` added."""
    host = target.host if ":" not in target.host else f"[{target.host}]"
    if target.port != 443:
        host += f":{target.port}"
    lines = [f"POST {target.path} HTTP/1.1", f"Host: {host}",
             "Content-Type: application/json", f"Content-Length: {len(body)}",
             "Connection: close", "User-Agent: Fjord-Webhooks/1"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def parse_status(head: bytes) -> int:
    """The status code of an HTTP/1.x response head. Raises DeliveryFailed if malformed."""
    first = head.split(b"\r\n", 1)[0].split(b" ", 2)
    if len(first) < 2 or not first[0].startswith(b"HTTP/1.") or not first[1].isdigit():
        raise DeliveryFailed("malformed HTTP response")
    return int(first[1])


async def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float,
               tls: ssl.SSLContext, allowed_private: Sequence[Network]) -> int:
    """POST ``body`` to ``url``; returns the HTTP status code.

    Raises:
        WebhookUrlRefused: not https, or a forbidden address (do not retry).
        DeliveryFailed: no valid HTTP answer within ``timeout`` seconds (retry).
    """
    target = Target.parse(url)

    async def attempt() -> int:
        address = await resolve_checked(target, allowed_private)
        try:
            reader, writer = await asyncio.open_connection(
                address, target.port, ssl=tls, server_hostname=target.host
            )
        except (OSError, ssl.SSLError) as exc:
            raise DeliveryFailed(f"cannot connect: {type(exc).__name__}") from None
        try:
            writer.write(build_request(target, body, headers))
            await writer.drain()
            while True:  # interim 1xx answers (100 Continue, 103 Early Hints) come first:
                # a client must read past them to the final answer (RFC 9110 section 15.2)
                head = await reader.readuntil(b"\r\n\r\n")
                status = parse_status(head[:MAX_RESPONSE_HEAD])
                if not 100 <= status < 200 or status == 101:
                    return status
        except (OSError, ssl.SSLError, asyncio.IncompleteReadError,
                asyncio.LimitOverrunError) as exc:
            raise DeliveryFailed(f"no valid answer: {type(exc).__name__}") from None
        finally:
            writer.close()

    try:
        return await asyncio.wait_for(attempt(), timeout)
    except TimeoutError:
        raise DeliveryFailed("timed out") from None
