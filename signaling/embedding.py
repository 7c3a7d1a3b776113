"""Embedding the room page in a customer's site: the page's Content-Security-Policy.

The organization's privacy settings list the origins allowed to frame its room pages
(``allowedEmbedOrigins``); they become the page's ``frame-ancestors`` (CSP Level 3, section
6.4.2), so a browser refuses to render the page inside any other site. No origins: the page
cannot be framed at all (``'none'``). The postMessage API (signaling/web/embed-bridge.js)
additionally talks only to the origin the embedding element announces, which must be the
one actually framing the page.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Sequence

PORT = r"(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})"
"""A TCP port, 1 to 65535 without leading zeros: a source with another is no origin, and a
browser would match no page against it."""
LABEL = r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
"""One DNS label (RFC 1123 section 2.1): no leading or trailing hyphen, at most 63 chars."""
ORIGIN_PATTERN = rf"^https?://{LABEL}(\.{LABEL})*(:{PORT})?$"
"""An allowed embed origin, ``http(s)://host[:port]`` (the API's per-item pattern)."""
ORIGIN = re.compile(ORIGIN_PATTERN)
MAX_EMBED_ORIGINS_CHARS = 4000
"""Length of the ``allowed_embed_origins`` column (signaling.models.PrivacySettings), where
they are stored separated by one space: PostgreSQL refuses a longer value."""


def embed_origins_problem(origins: Sequence[str]) -> str | None:
    """Why ``origins`` cannot be an organization's ``allowedEmbedOrigins`` (one line: one
    that is no ``http(s)://host[:port]``, all of them too long together, one listed twice
    in any letter case), or None. The API and ``fjord privacy set`` both ask."""
    seen: set[str] = set()
    for origin in origins:
        if not ORIGIN.fullmatch(origin):
            return f"{origin!r} is not http(s)://host[:port]"
        # no IPv6 literal: ORIGIN has none
        if not browser_host(origin.split("://", 1)[1].split(":", 1)[0]):
            return (f"{origin!r}: a host whose last label is a number is an IPv4 address to "
                    "browsers, and this is none (four numbers 0-255 without leading zeros)")
        if origin.lower() in seen:
            return f"{origin} is listed more than once"
        seen.add(origin.lower())
    if len(" ".join(origins)) > MAX_EMBED_ORIGINS_CHARS:
        return f"at most {MAX_EMBED_ORIGINS_CHARS} characters together (separated by one space)"
    return None

def browser_host(host: str) -> bool:
    """Is ``host`` (a DNS name or IPv4 address, no port) one a browser may have? Browsers
    (the WHATWG URL parser) read a host whose last label is a number as an IPv4 address, so
    such a host must be one written as a browser writes it (``1.2.3`` is ``1.2.0.3`` to them,
    ``999.1.1.1`` no host at all)."""
    if not host.rsplit(".", 1)[-1].isdigit():
        return True
    try:
        return str(ipaddress.IPv4Address(host)) == host
    except ValueError:
        return False


PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:{avatars}; "
    "media-src 'self' blob:; connect-src 'self' wss:; frame-ancestors {ancestors}; "
    "base-uri 'none'; form-action 'none'; object-src 'none'"
)


def frame_ancestors(origins: Iterable[str]) -> str:
    """The ``frame-ancestors`` source list: the valid origins, or ``'none'``."""
    valid = [o.lower() for o in origins if ORIGIN.fullmatch(o.lower())]
    return " ".join(valid) if valid else "'none'"


def room_page_csp(origins: Iterable[str], avatar_sources: str = "") -> str:
    """The room page's whole CSP for an organization allowing ``origins`` to embed it;
    ``avatar_sources`` (signaling.avatars.avatar_img_src) are added to ``img-src``, so the
    page loads participants' avatars from the operator's avatar domains and no others."""
    return PAGE_CSP.format(ancestors=frame_ancestors(origins), avatars=avatar_sources)
