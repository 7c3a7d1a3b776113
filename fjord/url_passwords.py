"""Passwords in URLs: whether a URL carries one, and a database URL with them masked.

``fjord config show`` prints ``database_url`` masked (:class:`fjord.settings.Settings`), the
secret check (:func:`fjord.settings_loading.is_secret`) asks whether a URL setting holds a password,
and ``fjord serve`` names the database it opens, masked, when another signaling node's
differs (:mod:`fjord.serve`)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

MASK = "**********"
QUERY_PASSWORD = re.compile(r"(?i)(?:^|(?<=&))(password=)[^&]*")
"""A ``password`` parameter of a database URL's query: SQLAlchemy hands the query to the
driver as connect arguments (``asyncpg.connect(password=...)``), so it is a password as
much as the URL's ``user:password@`` is."""


def mask_database_url(value: str) -> str:
    """``value`` (a database URL) with its passwords, in the user part and in the query,
    replaced by :data:`MASK`."""
    parts = urlsplit(value)
    if parts.password is not None:
        netloc = parts.netloc.replace(f":{parts.password}@", f":{MASK}@", 1)
        value = urlunsplit(parts._replace(netloc=netloc))
    # The query as written (urlunsplit would drop the "//" of an empty host: sqlite:////x.db)
    head, mark, query = value.partition("?")
    return head + mark + QUERY_PASSWORD.sub(rf"\g<1>{MASK}", query)


def url_has_password(url: str) -> bool:
    """Does ``url`` carry a password, in its user part or (a database URL) its query?"""
    parts = urlsplit(url)
    return parts.password is not None or QUERY_PASSWORD.search(parts.query) is not None
