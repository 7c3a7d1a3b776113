"""Operator TLS certificates reloaded in place when their files change, or on SIGHUP.

The new chain is loaded into the listeners' existing ``ssl.SSLContext`` objects, so new
handshakes use it while established connections keep going untouched. A file that fails to
load (half-written, mismatched key) leaves the previous certificate in service and is retried.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import ssl
from pathlib import Path

from operability.tls_policy import EncryptedKey, load_pair

log = logging.getLogger("fjord.tls")


class TlsReloader:
    """Watches ``cert``/``key`` and reloads them into ``contexts``."""

    def __init__(self, cert: Path, key: Path, contexts: list[ssl.SSLContext]) -> None:
        self.cert = cert
        self.key = key
        self.contexts = contexts
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
        log.info("TLS certificate reloaded from %s", self.cert.name)
        return True

    def start(self, interval_s: float = 5.0) -> asyncio.Task[None]:
        """Take SIGHUP over at once (a SIGHUP right after the caller reports ready reloads)
        and poll the files every ``interval_s`` in a task, until it is cancelled."""
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
                    self.check()
                else:
                    hup.clear()
                    self.check(force=True)
        finally:
            asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)


def _reason(error: Exception) -> str:
    """What an operator reads about a certificate that did not load (OpenSSL's reason, such
    as KEY_VALUES_MISMATCH, or the file error)."""
    if isinstance(error, ssl.SSLError):
        return str(error.reason or error)
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}: {error.filename}" if error.filename else error.strerror
    return str(error)
