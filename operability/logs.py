"""Logging of every role: one JSON object per line, ids only, addresses truncated.

Promise 6 of the design: logs never carry names, emails, message text or full IP addresses.
Code logs ids (room names, participant ids, request ids) and never personal values; this
module is the safety net behind that rule:

- :class:`AddressFilter` rewrites every IPv4 address to its /24 (``203.0.113.x``) and every
  IPv6 address to its /48 (``2001:db8:1::/48``), every email address to ``<email>``, every
  JWT (room key) to ``<jwt>`` and every URL query string to ``?<query>``, in the message
  and in exception text, on every record of every logger (uvicorn included).
- :class:`JsonFormatter` writes ``{"ts", "level", "logger", "msg", ...}`` plus the request
  context (``request_id``, ``room``, ``node``) set with :func:`bind`.
- :class:`TextFormatter` writes the same as one readable line, for a terminal
  (``log_format = "auto"``, the default, picks it when stderr is a terminal).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import ipaddress
import json
import logging
import os
import re
import sys
from typing import Any

_CONTEXT: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar(
    "fjord_log_context", default=None
)

_IPV4 = re.compile(r"(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.])")
_IPV6 = re.compile(r"(?<![\w:.])(?=[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:)[0-9A-Fa-f:]{2,39}(?![\w:])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_JWT = re.compile(r"eyJ[\w-]*\.[\w-]+\.[\w-]*")
_QUERY = re.compile(r"(/[^\s\"?]*)\?[^\s\"]*")
""" A URL's query string: uvicorn logs request lines, and a query may carry a room key or a
name. Only the path is kept."""
_ENCODED = re.compile(r"[^\s/\"?]*%[0-9A-Fa-f]{2}[^\s/\"?]*")
"""A percent-encoded path segment: no route of Fjord has one (room names are ``[a-z0-9-]``),
so it is client-chosen text that could hide a name, an email or an address."""


def truncate_ipv4(match: re.Match[str]) -> str:
    """``a.b.c.d`` -> ``a.b.c.x`` when the four parts form an IPv4 address."""
    parts = match.groups()
    if all(int(p) <= 255 for p in parts):
        return f"{parts[0]}.{parts[1]}.{parts[2]}.x"
    return match.group(0)


def truncate_ipv6(match: re.Match[str]) -> str:
    """An IPv6 address -> its /48 network (``2001:db8:1::/48``); other text unchanged."""
    text = match.group(0)
    try:
        address = ipaddress.IPv6Address(text)
    except ValueError:
        return text
    network = ipaddress.IPv6Network((int(address) >> 80 << 80, 48))
    return str(network)


def scrub(text: str) -> str:
    """``text`` with IP addresses truncated (IPv4 /24, IPv6 /48), emails, JWTs (room keys),
    URL query strings and percent-encoded path segments replaced."""
    text = _QUERY.sub(r"\1?<query>", text)
    if "%" in text:
        text = _ENCODED.sub("<encoded>", text)
    text = _JWT.sub("<jwt>", text)
    text = _EMAIL.sub("<email>", text)
    text = _IPV4.sub(truncate_ipv4, text)
    if ":" in text:
        text = _IPV6.sub(truncate_ipv6, text)
    return text


class AddressFilter(logging.Filter):
    """Scrubs every record (see :func:`scrub`): the formatted message replaces msg/args."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = scrub(message)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True


class QuotingLibraryFilter(logging.Filter):
    """Drops the debug records of the WebSocket library, whatever logger it was given
    (uvicorn gives it ``uvicorn.error``): they quote every frame, with display names, chat
    text and SDP."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.DEBUG or _WEBSOCKETS_SOURCE not in record.pathname


_WEBSOCKETS_SOURCE = f"{os.sep}websockets{os.sep}"


_NODE: str | None = None
"""The node of every JSON record of this process (:func:`configure_logging`)."""


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ``ts`` (UTC, ISO 8601 ms), ``level``, ``logger``, ``msg``,
    the bound context (``request_id``, ``room``, ``node``) and ``exc`` when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if _NODE:  # the process's: a signal handler's or a thread's context has no node
            entry["node"] = _NODE
        entry.update(_CONTEXT.get() or {})
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """One readable line: ``HH:MM:SS.mmm LEVEL logger: msg  key=value ...`` (local time, the
    bound context after the message), exception text indented below it."""

    def format(self, record: logging.LogRecord) -> str:
        moment = dt.datetime.fromtimestamp(record.created)
        line = (f"{moment:%H:%M:%S}.{moment.microsecond // 1000:03d} "
                f"{record.levelname:<7} {record.name}: {record.getMessage()}")
        context = {k: v for k, v in (_CONTEXT.get() or {}).items() if k != "node"}
        if context:
            line += "  " + " ".join(f"{k}={v}" for k, v in context.items())
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line += "\n" + "\n".join("    " + part for part in record.exc_text.splitlines())
        return line


def bind(**fields: str) -> contextvars.Token[dict[str, str] | None]:
    """Add ids (``request_id``, ``room``, ...) to every record logged in this context (task);
    returns a token for :func:`unbind`."""
    return _CONTEXT.set({**(_CONTEXT.get() or {}), **fields})


def unbind(token: contextvars.Token[dict[str, str] | None]) -> None:
    """Restore the context from before :func:`bind`."""
    _CONTEXT.reset(token)


def configure_logging(level: str, fmt: str = "auto", node: str | None = None) -> None:
    """Send every logger to stderr through :class:`AddressFilter`, as JSON (``fmt="json"``),
    readable text (``"text"``), or text when stderr is a terminal and JSON otherwise
    (``"auto"``); replaces handlers installed before. ``node`` is added to every JSON
    record."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(QuotingLibraryFilter())
    handler.addFilter(AddressFilter())
    if fmt == "auto":
        fmt = "text" if sys.stderr.isatty() else "json"
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
    # Debug logs that quote what they handle: the WebSocket library's frames (SDP, display
    # names; also dropped under uvicorn's logger, QuotingLibraryFilter) and aiosqlite's SQL
    # statements with their values.
    for name in ("websockets", "aiosqlite"):
        logging.getLogger(name).setLevel(max(logging.INFO, root.level))
    global _NODE
    _NODE = node
    if node:
        bind(node=node)
