"""Participant avatars (Whereby's ``avatarUrl`` room URL parameter): which URLs a ``join``
may carry, and the room page's ``img-src`` that lets browsers load them.

Whereby: "The image URL must be listed in the allowed domains section of the dashboard. The
image URL must be https and cannot contain query params." Fjord's allowed domains are the
operator's ``avatar_domains`` setting (docs/operations.md); none: every avatar is refused.
Every participant's browser fetches every avatar from its host, so the list names hosts the
operator trusts with the participants' addresses.

The checks are deliberately narrower than URL syntax: an https URL of an allowed host and a
path of plain ASCII characters, nothing a browser could read differently from this module
(a backslash, a space, a user name before the host), so the host checked here is the host
the browsers ask.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from signaling.embedding import LABEL, PORT, browser_host

MAX_AVATAR_URL_CHARS = 1000
"""Longest ``avatarUrl`` accepted; a longer one is refused (the participant joins without)."""
MAX_AVATAR_DOMAINS = 50
"""Entries of ``avatar_domains``: each is a source in every room page's CSP header."""
DOMAIN = re.compile(rf"^{LABEL}(\.{LABEL})*(:{PORT})?$")
"""An ``avatar_domains`` entry: ``host`` (port 443) or ``host:port``, lowercase."""
PATH = re.compile(r"^(/([A-Za-z0-9._~!$&'()*+,;=:@/-]|%[0-9A-Fa-f]{2})*)?$")
"""The path an avatar URL may have: RFC 3986 path characters, others percent-encoded."""


class AvatarRefused(ValueError):
    """An ``avatarUrl`` Fjord does not use; the message names the rule it breaks."""


def avatar_domain_problem(domains: Sequence[str]) -> str | None:
    """Why ``domains`` (lowercased, without ``:443``) cannot be the ``avatar_domains``
    setting (one line), or None."""
    if len(domains) > MAX_AVATAR_DOMAINS:
        return f"at most {MAX_AVATAR_DOMAINS} entries"
    for domain in domains:
        if "*" in domain:
            return f"{domain!r}: no wildcards; list each host"
        if not DOMAIN.fullmatch(domain) or domain != domain.lower():
            return (f"{domain!r} is not host or host:port (no scheme or path; the scheme is "
                    "always https)")
        if not browser_host(domain.split(":", 1)[0]):
            return (f"{domain!r}: a host whose last label is a number is an IPv4 address "
                    "to browsers, and this is none")
    return None


def check_avatar_url(url: str, domains: Iterable[str]) -> str:
    """``url`` as the room shows it (scheme and host lowercased, port 443 dropped).

    Raises:
        AvatarRefused: too long, not https, with a query string, a fragment, a user name or
            password, a host not in ``domains`` (``host`` or ``host:port`` entries), or a
            path of other characters than RFC 3986 allows (spaces, backslashes, non-ASCII:
            percent-encode them).
    """
    if len(url) > MAX_AVATAR_URL_CHARS:
        raise AvatarRefused(f"must have at most {MAX_AVATAR_URL_CHARS} characters")
    if url[:8].lower() != "https://":
        raise AvatarRefused("must be an https:// URL")
    if "?" in url:
        raise AvatarRefused("must not contain a query string (Whereby's rule)")
    if "#" in url:
        raise AvatarRefused("must not contain a fragment (#...)")
    rest = url[8:]
    authority, slash, path = rest.partition("/")
    if "@" in authority:
        raise AvatarRefused("must not contain a user name or password")
    authority = authority.lower()
    if authority.endswith(":443"):
        authority = authority[:-4]
    allowed = set(domains)
    if not allowed:
        raise AvatarRefused("is refused: this server allows no avatar domains")
    if not DOMAIN.fullmatch(authority) or authority not in allowed:
        raise AvatarRefused(f"must be on an allowed avatar domain ({', '.join(sorted(allowed))})")
    path = slash + path
    if not PATH.fullmatch(path):
        raise AvatarRefused("must have a path of URL characters only (percent-encode spaces, "
                            "backslashes and non-ASCII characters)")
    return f"https://{authority}{path or '/'}"


def avatar_img_src(domains: Iterable[str]) -> str:
    """The CSP sources for ``img-src`` beyond the page's own: ``https://<entry>`` each."""
    return "".join(f" https://{domain}" for domain in domains)
