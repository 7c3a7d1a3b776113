"""Operator TLS certificates reloaded in place when their files change, or on SIGHUP.

The new chain is loaded into the listeners' existing ``ssl.SSLContext`` objects, so new
handshakes use it while established connections keep going untouched. A file that fails to
load (half-written, mismatched key) leaves the previous certificate in service and is retried.

What is in service is logged at start and at each reload (names, expiry), with a warning when
it expires within :data:`CERT_WARN_DAYS` days (again once a day while so), and exported as
``fjord_tls_certificate_expiry_timestamp_seconds`` for alerting before browsers refuse it.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import ssl
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.x509.oid import NameOID
from prometheus_client import Gauge

from operability.tls_policy import EncryptedKey, load_pair

log = logging.getLogger("fjord.tls")

CERT_WARN_DAYS = 14
"""A certificate expiring within this many days is warned about (``fjord doctor`` too)."""

EXPIRY = Gauge("fjord_tls_certificate_expiry_timestamp_seconds",
               "When the TLS certificate in service expires (notAfter), Unix seconds")

_DAY_S = 86400.0


class TlsReloader:
    """Watches ``cert``/``key`` and reloads them into ``contexts``."""

    def __init__(self, cert: Path, key: Path, contexts: list[ssl.SSLContext],
                 clock: Callable[[], float] = time.time) -> None:
        self.cert = cert
        self.key = key
        self.contexts = contexts
        self.clock = clock
        self.expires_at: float | None = None
        """The notAfter of the certificate in service (Unix seconds), once reported."""
        self._warned_at = float("-inf")
        self.reloads = 0
        """Successful reloads."""
        self.failures = 0
        """Reload attempts refused (the old certificate stayed in service)."""
        self._seen = self._stamp()

    def _stamp(self) -> tuple[int, int]:
        try:
            return self.cert.stat().st_mtime_ns, self.key.stat().st_mtime_ns
        except FileNotFoundError:
            return (0, 0)

    def check(self, force: bool = False) -> bool:
        """Reload if the files changed since the last load (or ``force``); True if reloaded."""
        stamp = self._stamp()
        if stamp == self._seen and not force:
            return False
        try:
            probe = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            load_pair(probe, self.cert, self.key)  # validate before touching live contexts
            for context in self.contexts:
                load_pair(context, self.cert, self.key)
        except (OSError, ssl.SSLError, EncryptedKey) as exc:
            self.failures += 1
            log.warning("TLS certificate reload from %s and %s failed, keeping the previous "
                        "one: %s", self.cert, self.key, _reason(exc))
            return False
        self._seen = stamp
        self.reloads += 1
        self.report("reloaded")
        return True

    def report(self, what: str = "in service") -> None:
        """Log the certificate now in service (its names and expiry), warn when it expires
        within :data:`CERT_WARN_DAYS` days or is not valid now, and set :data:`EXPIRY`."""
        try:
            leaf = x509.load_pem_x509_certificates(self.cert.read_bytes())[0]
        except (OSError, ValueError) as exc:  # replaced again since it was loaded
            log.warning("TLS certificate %s from %s: cannot read it back: %s", what,
                        self.cert.name, _reason(exc))
            return
        self.expires_at = leaf.not_valid_after_utc.timestamp()
        EXPIRY.set(self.expires_at)
        log.info("TLS certificate %s from %s: %s, valid until %s", what, self.cert.name,
                 _names(leaf), _utc(self.expires_at))
        not_before = leaf.not_valid_before_utc.timestamp()
        if self.clock() < not_before:
            log.warning("TLS certificate from %s is not valid before %s: browsers refuse it "
                        "until then (check this host's clock, or the certificate's dates)",
                        self.cert.name, _utc(not_before))
        self._warn_if_due(at_load=True)

    def _warn_if_due(self, at_load: bool = False) -> None:
        """Warn about a certificate expired or expiring within :data:`CERT_WARN_DAYS` days:
        at each load, else at most once a day."""
        now = self.clock()
        if self.expires_at is None or (not at_load and now - self._warned_at < _DAY_S):
            return
        days = (self.expires_at - now) / _DAY_S
        if days < 0:
            log.warning("TLS certificate from %s expired on %s: browsers refuse it; install "
                        "a renewed one (it is reloaded without a restart)", self.cert.name,
                        _utc(self.expires_at))
        elif days < CERT_WARN_DAYS:
            log.warning("TLS certificate from %s expires in %.1f days (%s): renew it (it is "
                        "reloaded without a restart)", self.cert.name, days,
                        _utc(self.expires_at))
        else:
            return
        self._warned_at = now

    def start(self, interval_s: float = 5.0) -> asyncio.Task[None]:
        """Take SIGHUP over at once (a SIGHUP right after the caller reports ready reloads)
        and poll the files every ``interval_s`` in a task, until it is cancelled. Reports
        the certificate in service first (:meth:`report`)."""
        self.report()
        loop = asyncio.get_running_loop()
        hup = asyncio.Event()
        try:
            loop.add_signal_handler(signal.SIGHUP, hup.set)
        except (NotImplementedError, RuntimeError):
            pass
        return asyncio.create_task(self._watch(hup, interval_s))

    async def _watch(self, hup: asyncio.Event, interval_s: float) -> None:
        try:
            while True:
                try:
                    await asyncio.wait_for(hup.wait(), interval_s)
                except TimeoutError:
                    if not self.check():
                        self._warn_if_due()
                else:
                    hup.clear()
                    self.check(force=True)
        finally:
            asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)


def _names(leaf: x509.Certificate) -> str:
    """The names a certificate is for: its subjectAltName DNS names and addresses, else its
    common name."""
    try:
        alt = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        names = [str(name.value) for name in alt]
    except x509.ExtensionNotFound:
        names = [str(a.value) for a in leaf.subject.get_attributes_for_oid(NameOID.COMMON_NAME)]
    return "for " + ", ".join(names) if names else "naming no host"


def _utc(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M UTC")


def _reason(error: Exception) -> str:
    """What an operator reads about a certificate that did not load (OpenSSL's reason, such
    as KEY_VALUES_MISMATCH, or the file error)."""
    if isinstance(error, ssl.SSLError):
        return str(error.reason or error)
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}: {error.filename}" if error.filename else error.strerror
    return str(error)
