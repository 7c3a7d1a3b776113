"""Streams a recording into an S3 multipart upload from memory (the recorder's only I/O).

Bytes come in through :meth:`MultipartUploader.write` (the muxer's sink) and are cut into
parts of ``part_size`` bytes (S3's minimum is 5 MiB, except the last part). At most
``max_parts_buffered`` parts wait in memory: :meth:`drain` makes the producer wait while they
are full (back-pressure). Failed part uploads are retried with backoff while the backlog has
room (a refusal retrying cannot fix, such as bad credentials, fails the upload at once:
:func:`_permanent`); once it is full (or the recording is closing) and the bucket still fails for
``give_up_after`` seconds, the upload fails (:class:`UploadFailed`) and :meth:`complete`
finishes what the bucket already holds, so a partial file is kept. Memory is bounded by
``(max_parts_buffered + 1) * part_size`` when the writer awaits :meth:`drain`.

With ``hold_head``, part 1 (the file's first ``part_size`` bytes, where the Matroska header
lies) stays in memory until :meth:`complete`, which uploads it last, after the edits given
to :meth:`patch` (S3 assembles parts by number, whatever their upload order): the header
can then name tracks that started after it was written (:mod:`recording.track_slots`).
That costs one more part of memory. With ``early_head`` too, part 1 is also uploaded as
soon as it is full, as it is then (after the edits ``head_edits`` gives at that moment),
and :meth:`complete` uploads it again with the final edits (the last upload of a part
number wins): the bucket holds the file from its start while it records, so a process that
dies leaves parts that make a playable file (:func:`signaling.recording_objects.salvage`).
That costs one more part upload per recording (none when no edit came after it). Not for
a file whose part 1 must never leave memory twice differently (an age file's first chunk
sealed again under its nonce, :meth:`recording.age.AgeEncryptor.reseal_first`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError, SSLError

from recording.bucket import call
from recording.errors import UploadFailed

log = logging.getLogger(__name__)
MIN_PART = 5 * 1024 * 1024


class MultipartUploader:
    """One object ``key`` in ``bucket`` through ``client`` (a boto3 S3 client)."""

    def __init__(self, client: Any, bucket: str, key: str, *, part_size: int = MIN_PART,
                 max_parts_buffered: int = 4, retry_base: float = 0.5,
                 retry_max: float = 5.0, give_up_after: float = 60.0,
                 content_type: str = "video/x-matroska", hold_head: bool = False,
                 early_head: bool = False) -> None:
        self.client = client
        self.bucket = bucket
        self.key = key
        self.part_size = part_size
        self.max_parts_buffered = max_parts_buffered
        self.retry_base = retry_base
        self.retry_max = retry_max
        self.give_up_after = give_up_after
        self.content_type = content_type
        self.size = 0
        "Bytes accepted so far."
        self.uploaded = 0
        "Bytes the bucket holds in completed parts."
        self.retries = 0
        self.failure: UploadFailed | None = None
        self._buffer = bytearray()
        self._parts: deque[bytes] = deque()
        self._done: list[dict[str, Any]] = []
        self._upload_id: str | None = None
        self._wake = asyncio.Event()
        self._room = asyncio.Event()
        self._room.set()
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self.hold_head = hold_head
        self._head: bytearray | None = None
        "Part 1 while it is held (``hold_head``), else None."
        self.early_head = hold_head and early_head
        self.head_edits: Callable[[], list[tuple[int, bytes]]] | None = None
        """With ``early_head``: the edits ``(offset, bytes)`` to make in part 1 right before
        its first upload (the header as far as it is known then)."""
        self._head_changed = False
        "The held part 1 differs from the one uploaded early (:meth:`patch` changed it)."

    @property
    def buffered(self) -> int:
        """Bytes held in memory (parts waiting, the part being filled, a held part 1)."""
        return (len(self._buffer) + sum(len(p) for p in self._parts)
                + len(self._head or b""))

    def patch(self, offset: int, data: bytes) -> None:
        """Overwrite bytes of the held part 1 (``hold_head``) before it is uploaded.

        Raises:
            ValueError: no part 1 is held, or ``offset``/``data`` fall outside it.
        """
        if not self.hold_head:
            raise ValueError("no part 1 is held")
        head = self._head if self._head is not None else self._buffer  # a file of one part
        if offset < 0 or offset + len(data) > len(head):
            raise ValueError("the edit falls outside part 1")
        self._head_changed |= head[offset:offset + len(data)] != data
        head[offset:offset + len(data)] = data

    def start(self) -> None:
        """Start the background part uploader (the multipart upload begins with part 1)."""
        self._task = asyncio.get_running_loop().create_task(self._run())

    def write(self, data: bytes) -> None:
        """Accept bytes (synchronous: the muxer's sink). Never blocks; see :meth:`drain`.

        Raises:
            UploadFailed: the upload already failed.
        """
        if self.failure is not None:
            raise self.failure
        self._buffer += data
        self.size += len(data)
        while len(self._buffer) >= self.part_size:
            part = bytes(self._buffer[: self.part_size])
            del self._buffer[: self.part_size]
            if self.hold_head and self._head is None:
                self._head = bytearray(part)
                if not self.early_head:
                    continue
                for offset, edit in self.head_edits() if self.head_edits else []:
                    self.patch(offset, edit)
                part, self._head_changed = bytes(self._head), False
            self._parts.append(part)
            self._wake.set()
        if len(self._parts) >= self.max_parts_buffered:
            self._room.clear()

    async def drain(self) -> None:
        """Wait while the part backlog is full (back-pressure).

        Raises:
            UploadFailed: the bucket failed past the backlog bound.
        """
        while not self._room.is_set() and self.failure is None:
            await self._room.wait()
        if self.failure is not None:
            raise self.failure

    async def complete(self, edits: Callable[[bool], list[tuple[int, bytes]]] | None = None,
                       ) -> int:
        """Upload the rest and complete the object; returns its size in bytes.

        With ``hold_head``, ``edits(whole)`` gives the edits ``(offset, bytes)`` to make in
        part 1 before its last upload, once every other part is in the bucket (``whole``)
        or the upload failed (not ``whole``: the bucket keeps a prefix of the file). Part 1
        goes last, so any object this upload makes with those edits, completed here or from
        its parts after a crash (:func:`signaling.recording_objects.salvage`), holds every
        part: what only the whole file tells (its length) is never in a part of a file cut
        short.

        After a failure, completes the parts the bucket already holds (a playable prefix of
        the file) and raises the failure.

        Raises:
            UploadFailed: the upload failed (the partial object exists if any part did).
        """
        self._closing = True
        if self.hold_head and self._head is None:
            self._head, self._buffer = self._buffer, bytearray()  # a file of one part
        if self.failure is None and (self._buffer or not self._done and self._head is None):
            self._parts.append(bytes(self._buffer))
            self._buffer.clear()
        self._wake.set()
        if self._task is not None:
            await self._task
        if self._head is not None and self._upload_id is not None:
            for offset, data in edits(self.failure is None) if edits else []:
                self.patch(offset, data)
            await self._upload_head()  # after a failure too: the partial file's header
        if self._upload_id is not None and self._done:
            try:
                await self._call(self.client.complete_multipart_upload, Bucket=self.bucket,
                                 Key=self.key, UploadId=self._upload_id,
                                 MultipartUpload={"Parts": self._done})
            except UploadFailed as failure:
                self.failure = self.failure or failure
                self.uploaded = 0
                # Its parts would stay in the bucket, unlisted and billed: one attempt (the
                # bucket may be the reason, and completing was retried already).
                with contextlib.suppress(BotoCoreError, ClientError):
                    await call(self.client.abort_multipart_upload, Bucket=self.bucket,
                               Key=self.key, UploadId=self._upload_id)
        elif self._upload_id is not None:
            with contextlib.suppress(BotoCoreError, ClientError, UploadFailed):
                await self._call(self.client.abort_multipart_upload, Bucket=self.bucket,
                                 Key=self.key, UploadId=self._upload_id)
        if self.failure is not None:
            raise self.failure
        return self.uploaded

    async def _call(self, method: Any, **kwargs: Any) -> Any:
        """One bucket call, retried with backoff while the backlog has room, or for
        ``give_up_after`` seconds once it is full."""
        full_since: float | None = None
        delay = self.retry_base
        while True:
            try:
                return await call(method, **kwargs)
            except (BotoCoreError, ClientError) as error:
                now = time.monotonic()
                if self._room.is_set() and not self._closing:
                    full_since = None
                elif full_since is None:
                    full_since = now
                if _permanent(error) or (
                        full_since is not None and now + delay - full_since > self.give_up_after):
                    raise UploadFailed(f"bucket unavailable: {_reason(error)}") from None
                self.retries += 1
                # The recording's id comes from the log context the recorder bound.
                log.warning("recording upload retry reason=%s", _reason(error))
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.retry_max)

    async def _run(self) -> None:
        try:
            created = await self._call(self.client.create_multipart_upload, Bucket=self.bucket,
                                       Key=self.key, ContentType=self.content_type)
            self._upload_id = created["UploadId"]
            first = 2 if self.hold_head and not self.early_head else 1
            while True:
                while not self._parts:
                    if self._closing:
                        return
                    self._wake.clear()
                    await self._wake.wait()
                part = self._parts[0]
                number = len(self._done) + first
                answer = await self._call(self.client.upload_part, Bucket=self.bucket,
                                          Key=self.key, UploadId=self._upload_id,
                                          PartNumber=number, Body=part)
                self._done.append({"PartNumber": number, "ETag": answer["ETag"]})
                self.uploaded += len(part)
                self._parts.popleft()
                if len(self._parts) < self.max_parts_buffered:
                    self._room.set()
        except UploadFailed as failure:
            self.failure = failure
            self._parts.clear()
            self._buffer.clear()
            self._room.set()


    async def _upload_head(self) -> None:
        """Upload the held part 1 (patched) as the file's first part: again when it was
        uploaded early and changed since."""
        head, self._head = bytes(self._head or b""), None
        early = bool(self._done) and self._done[0]["PartNumber"] == 1
        if early and not self._head_changed:
            return
        try:
            answer = await self._call(self.client.upload_part, Bucket=self.bucket,
                                      Key=self.key, UploadId=self._upload_id, PartNumber=1,
                                      Body=head)
        except UploadFailed as failure:
            self.failure = self.failure or failure
            if not early:  # without its header the rest is no playable file
                self._done.clear()
                self.uploaded = 0
            return
        if early:
            self._done[0] = {"PartNumber": 1, "ETag": answer["ETag"]}
        else:
            self._done.insert(0, {"PartNumber": 1, "ETag": answer["ETag"]})
            self.uploaded += len(head)


def _reason(error: BaseException) -> str:
    """The error's kind without request details (URLs carry no credentials, but keep it
    short): an S3 error code or the exception class."""
    if isinstance(error, ClientError):
        return str(error.response.get("Error", {}).get("Code", "ClientError"))
    return type(error).__name__


TRANSIENT_REFUSALS = frozenset({
    "RequestTimeout", "IncompleteBody", "BadDigest", "XAmzContentSHA256Mismatch",
    "OperationAborted", "SlowDown", "Throttling", "ThrottlingException", "RequestThrottled",
    "TooManyRequests", "TooManyRequestsException", "RequestLimitExceeded",
    "BandwidthLimitExceeded", "PriorRequestNotComplete",
})
"""S3 error codes of a 4xx that another attempt may not get: the connection was slow, the
body damaged on the way, the store busy."""


def permanent(error: BaseException) -> bool:
    """Whether retrying ``error`` of a bucket call cannot help (:func:`_permanent`)."""
    return _permanent(error)


def _permanent(error: BaseException) -> bool:
    """Errors retrying cannot fix: an endpoint whose host now resolves to a refused address
    (recording.bucket), and the store's refusals of the request itself, whatever code it
    names them with (S3-compatible stores differ): bad credentials, a missing bucket, access
    denied, the wrong region, a request it does not implement. That is a 4xx answer (or
    301, 501) but for timeouts, throttling and damaged bodies (:data:`TRANSIENT_REFUSALS`,
    408, 409, 429), which are retried like 5xx answers and connection failures; and an
    https endpoint whose certificate does not verify (untrusted, another host's, expired):
    retried as a connection failure, it held the recording for minutes before it failed."""
    if _reason(error) in {"AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
                          "NoSuchBucket", "NoSuchUpload", "EndpointRefused"}:
        return True
    if isinstance(error, SSLError) and _certificate_refused(error.kwargs.get("error")):
        return True  # an https endpoint whose certificate does not verify
    if not isinstance(error, ClientError) or _reason(error) in TRANSIENT_REFUSALS:
        return False
    status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
    return (400 <= status < 500 and status not in (408, 409, 429)) or status in (301, 501)


def _certificate_refused(error: BaseException | None) -> bool:
    """``error`` (boto3's SSLError's cause) is, or wraps, a certificate verification
    failure."""
    seen = 0
    while error is not None and seen < 8:
        if isinstance(error, ssl.SSLCertVerificationError):
            return True
        nested = [a for a in error.args if isinstance(a, BaseException)]
        error = error.__cause__ or error.__context__ or (nested[0] if nested else None)
        seen += 1
    return False
