"""An S3 client for a recording's bucket (boto3), from a destination's fields.

The one place credentials are turned into a client; they are passed to boto3 only, never
logged or kept elsewhere. Timeouts are short and boto3's own retries off: the uploader
retries with its own bounded backlog.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any
from urllib.parse import urlsplit

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError


class _DaemonThreads:
    """Up to ``size`` daemon threads that run submitted calls, started as needed. Not a
    ThreadPoolExecutor: the interpreter joins those at exit, so a call a store holds open
    (an answer dripped a byte at a time outlives every boto3 timeout) kept a stopped server
    from exiting."""

    def __init__(self, size: int, name: str) -> None:
        self.size = size
        self.name = name
        self._queue: queue.SimpleQueue[tuple[Future[Any], Callable[[], Any]]] = (
            queue.SimpleQueue())
        self._lock = threading.Lock()
        self._threads = 0
        self._idle = 0

    def submit(self, fn: Callable[[], Any]) -> Future[Any]:
        future: Future[Any] = Future()
        with self._lock:
            self._queue.put((future, fn))
            if self._idle == 0 and self._threads < self.size:
                self._threads += 1
                threading.Thread(target=self._work, daemon=True,
                                 name=f"{self.name}-{self._threads}").start()
            else:
                self._idle -= 1
        return future

    def _work(self) -> None:
        while True:
            future, fn = self._queue.get()
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(fn())
                except BaseException as error:  # the caller's to see, as an executor's
                    future.set_exception(error)
            with self._lock:
                self._idle += 1


_CALLS = _DaemonThreads(64, "fjord-bucket")
"""The threads bucket calls block in, apart from the event loop's default executor: that one
has a few threads only (CPUs + 4), which every ``asyncio.to_thread`` and ``loop.getaddrinfo``
of the process shares and a handful of buckets that do not answer (each call held for its
timeout) would otherwise take."""


CALL_DEADLINE_S = 120.0
"""The longest a bucket call is waited for in all. boto3's timeouts bound a connect and
each socket read, not the answer: an endpoint that sends its answer a byte every few
seconds held the call, and with it the recording's end, for ever."""


class CallTimedOut(BotoCoreError):
    """A bucket call took longer than :data:`CALL_DEADLINE_S` in all (its thread is left to
    boto3's own timeouts); retried as an outage is."""

    fmt = "the bucket did not answer within {seconds:.0f} s"


async def call(method: Callable[..., Any], /, **kwargs: Any) -> Any:
    """``method(**kwargs)``, a blocking boto3 call, in a thread of the bucket calls (with
    the caller's context, as ``asyncio.to_thread``).

    Raises:
        CallTimedOut: no answer within :data:`CALL_DEADLINE_S` seconds.
    """
    context = contextvars.copy_context()
    future = asyncio.wrap_future(_CALLS.submit(functools.partial(context.run, method,
                                                                 **kwargs)))
    try:
        return await asyncio.wait_for(future, CALL_DEADLINE_S)
    except TimeoutError:
        raise CallTimedOut(seconds=CALL_DEADLINE_S) from None


class EndpointRefused(BotoCoreError):
    """``check_host`` refused the endpoint's host right before a request (a retry may find
    it resolving elsewhere again; the uploader's bound ends it)."""

    fmt = "the bucket endpoint's host is refused: {reason}"


def s3_client(region: str | None, endpoint: str | None, access_key_id: str | None,
              access_key_secret: str | None, timeout: float = 10.0,
              check_host: Callable[[str, int], str | None] | None = None) -> Any:
    """A boto3 S3 client; credentials None: the server's own AWS credential chain.

    ``check_host(host, port)`` runs before every request to ``endpoint`` and returns why
    the host may not be connected to now (or None): a name that resolves elsewhere during a
    long upload (DNS rebinding) is refused then too, with :class:`EndpointRefused`."""
    config = Config(connect_timeout=timeout, read_timeout=timeout,
                    # total_max_attempts counts the first request: one attempt, no retry
                    # (botocore's max_attempts counts retries only, so 1 meant one retry).
                    retries={"total_max_attempts": 1, "mode": "standard"},
                    s3={"addressing_style": "path"} if endpoint else None,
                    signature_version="s3v4",
                    # An S3-compatible store (an endpoint) gets checksums only where the API
                    # requires them: several refuse boto3's default CRC32 headers and
                    # aws-chunked trailers on every upload (boto3 1.36 and later), which
                    # would fail each recording at its first part.
                    **({"request_checksum_calculation": "when_required",
                        "response_checksum_validation": "when_required"} if endpoint else {}))
    client = boto3.client(
        "s3", region_name=region or "us-east-1", endpoint_url=endpoint,
        aws_access_key_id=access_key_id, aws_secret_access_key=access_key_secret,
        config=config,
    )
    if check_host is not None and endpoint:
        def before_send(request: Any, **_: Any) -> None:
            parts = urlsplit(request.url)
            if parts.hostname:
                port = parts.port or (443 if parts.scheme == "https" else 80)
                problem = check_host(parts.hostname, port)
                if problem is not None:
                    raise EndpointRefused(reason=problem)

        client.meta.events.register("before-send.s3", before_send)
    return client
