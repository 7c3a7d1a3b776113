"""The checks of setting values that are more than a type or a range (:mod:`fjord.settings`):
URLs (database, Redis, HTTP), ports in URLs, host names, TLS files. Each raises ValueError,
or returns why a value is refused (None when it is fine), in one line for the operator."""

from __future__ import annotations

import ipaddress
import re
import ssl
import stat
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, parse_qsl, urlsplit

from signaling import egress


def check_port(parts: SplitResult) -> None:
    """Raise ValueError unless the URL's port is absent or 1-65535."""
    try:
        port = parts.port  # raises on a port that is no number or above 65535
    except ValueError:
        port = 0
    if port == 0:
        raise ValueError("has an invalid port (1-65535)")


def check_url(value: str, schemes: tuple[str, ...], example: str) -> None:
    """Raise ValueError unless ``value`` is a ``schemes`` URL with a host, a valid port and no
    credentials, query, fragment or whitespace. Credentials never go in a URL setting:
    ``config show`` prints it, and the services that take one have their own (AWS chain)."""
    parts = urlsplit(value)
    if parts.scheme not in schemes or not value.startswith(f"{parts.scheme}://"):
        raise ValueError(f"must start with {' or '.join(f'{s}://' for s in schemes)}")
    check_port(parts)
    if not parts.hostname or any(c.isspace() for c in value):
        raise ValueError(f"needs a host, e.g. {example}")
    if parts.username is not None or parts.password is not None:
        raise ValueError("must not carry credentials (user:password@)")
    if parts.query or parts.fragment:
        raise ValueError("must not have a query or fragment")


def check_database_url(value: str) -> None:
    """Raise ValueError unless ``value`` is an SQLAlchemy URL of PostgreSQL with asyncpg or
    SQLite with aiosqlite (the async drivers the store runs on), with a port in 1-65535 if
    any."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    example = ("e.g. postgresql+asyncpg://user:password@host/fjord or "
               "sqlite+aiosqlite:////path/fjord.db")
    try:
        url = make_url(value)
        dialect = url.get_dialect()
    except (ArgumentError, NoSuchModuleError, ValueError):
        raise ValueError(f"not a database URL ({example})") from None
    if url.get_backend_name() not in ("postgresql", "sqlite") or not dialect.is_async:
        raise ValueError(f"needs PostgreSQL with asyncpg or SQLite with aiosqlite ({example})")
    if url.port is not None and not 1 <= url.port <= 65535:
        # The driver took it, and the first connection raised (OverflowError for 99999)
        raise ValueError("has an invalid port (1-65535)")


def check_redis_url(url: str) -> None:
    """Raise ValueError unless ``url`` is a redis://, rediss:// (with a host) or unix://
    (with a socket path) URL with a valid port."""
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError("must start with redis://, rediss:// or unix://")
    parts = urlsplit(url)
    check_port(parts)
    if parts.scheme == "unix" and not parts.path:
        raise ValueError("unix:// needs a socket path (unix:///run/redis.sock)")
    if parts.scheme != "unix" and not parts.hostname:
        raise ValueError("needs a host (redis://host:6379/0)")
    # redis-py reads a path that is no number as database 0, without a word
    databases = [parts.path] if parts.scheme != "unix" else []
    databases += [v for k, v in parse_qsl(parts.query) if k == "db"]
    if any(not re.fullmatch(r"/?\d*", db) for db in databases):
        raise ValueError("the database must be a number (redis://host:6379/0)")


def check_host(value: str) -> None:
    """Raise ValueError unless ``value`` is an IP address or a DNS host name: the syntax of
    :func:`signaling.egress.valid_host`, without the underscores it lets through for DNS
    names in general (a host name has none, RFC 1123 section 2.1); no scheme, port or path."""
    if not egress.valid_host(value) or "_" in value:
        raise ValueError("must be an IP address or a host name (turn.example.com), without "
                         "a scheme, port or path")


def file_problem(path: Path, ca: bool = False) -> str | None:
    """Why ``path`` is not a regular file this process can read (with ``ca``, holding PEM
    CA certificates), or None."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return f"{path} does not exist"
    except OSError as exc:
        return f"{path} cannot be read: {exc.strerror}"
    if stat.S_ISDIR(mode):
        return f"{path} is a directory, not a file"
    if not stat.S_ISREG(mode):
        return f"{path} is not a regular file"
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        return f"{path} cannot be read: {exc.strerror}"
    if ca:
        try:
            ssl.create_default_context().load_verify_locations(cafile=str(path))
        except ssl.SSLError:
            return f"{path} holds no PEM CA certificate"
    return None


def tls_pair_problem(cert: Path, key: Path) -> str | None:
    """Why ``cert`` (PEM chain) and ``key`` (PEM) do not load as Fjord's TLS listeners load
    them (:func:`operability.tls_policy.server_ssl_context`), or None. The key is parsed
    first: OpenSSL would ask for the passphrase of an encrypted one on the terminal."""
    from cryptography import x509
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    from operability.tls_policy import server_ssl_context

    try:
        x509.load_pem_x509_certificates(cert.read_bytes())
    except ValueError:
        return "the certificate file holds no PEM certificate"
    try:
        load_pem_private_key(key.read_bytes(), password=None)
    except TypeError:
        return "the key is encrypted; give it without a passphrase"
    except (ValueError, UnsupportedAlgorithm):
        return "the key file holds no PEM private key Fjord can use"
    try:
        server_ssl_context(cert, key)
    except ssl.SSLError as exc:
        if exc.reason == "KEY_VALUES_MISMATCH":
            return "the key is not the certificate's key"
        return str(exc.reason or exc)
    return None


def check_recording_place(name: str, value: str) -> None:
    """``recording_bucket`` (``bucket[/folder]``) or ``recording_region``, checked as a
    meeting's own bucket and region are: a bad one was taken, and every recording to the
    operator's bucket failed at its upload, long after its meeting had been accepted.

    Raises:
        ValueError: what is wrong.
    """
    from signaling.recording_settings import bucket_problem, region_problem

    if name == "recording_region":
        problem = region_problem(value)
    elif problem := bucket_problem(value):
        problem += "; e.g. my-recordings or my-recordings/fjord"
    if problem:
        raise ValueError(problem)


def check_address(name: str, value: str) -> None:
    """An IP address setting; ``turn_relay_ip`` an IPv4 one: the relay hands out IPv4
    relayed addresses there (RFC 8656's default family), and with an IPv6 one every Allocate
    raised in the relay (a traceback each, no answer to the client); ``turn_relay_ip6`` and
    ``announced_ip6`` IPv6 ones.

    Raises:
        ValueError: not an address, or not one of the family the setting needs.
    """
    address = ipaddress.ip_address(value)
    if name == "turn_relay_ip" and address.version != 4:
        raise ValueError(f"{value} is an IPv6 address: the relay allocates IPv4 relayed "
                         "addresses on it; give an IPv4 address of this host (IPv6 "
                         "relayed addresses: turn_relay_ip6)")
    if name in ("turn_relay_ip6", "announced_ip6") and address.version != 6:
        raise ValueError("must be an IPv6 address")


def webhook_ca_problem(settings: Any) -> str | None:
    """One line on a ``webhook_ca_file`` that does not load, or None: checked at start, not
    at the first webhook delivery (every one then failed). The settings check it, but for
    the development CA not made yet: the roles check it again once their data dir is ready,
    since it may name the development CA made there."""
    path = settings.webhook_ca_file
    if path is None or not (problem := file_problem(path, ca=True)):
        return None
    return f"invalid setting FJORD_WEBHOOK_CA_FILE (--webhook-ca-file): {problem}"


def readable_by_others(path: Path, secrets: list[str]) -> str | None:
    """The warning for a configuration file that holds ``secrets`` (setting names) while
    users other than its owner may read it, or None."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None
    if not secrets or not mode & 0o044:
        return None
    return (f"warning: {path} holds {', '.join(sorted(secrets))} and users other than its "
            f"owner may read it (mode {mode:04o}): chmod 600 {path}")
