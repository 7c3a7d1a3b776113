"""The multipart uploader against a bucket server on loopback behind a proxy the test can cut:
an outage within the backlog bound loses nothing; past it the upload fails cleanly, keeps
the parts the bucket holds as a complete object, and memory stays bounded."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from keys.devtls import ensure_dev_certificates
from recording import bucket as bucket_calls
from recording.bucket import s3_client
from recording.errors import UploadFailed
from recording.uploader import MIN_PART, MultipartUploader, _permanent
from tests.conftest import wait_until
from tests.recording.conftest import Bucket, CuttableProxy, ErrorBucket

CHUNK = 256 * 1024


async def feed(uploader: MultipartUploader, data: bytes, peak: list[int]) -> None:
    for i in range(0, len(data), CHUNK):
        uploader.write(data[i:i + CHUNK])
        peak[0] = max(peak[0], uploader.buffered)
        await uploader.drain()


async def test_an_outage_within_the_backlog_loses_nothing(bucket: Bucket,
                                                          proxy: CuttableProxy) -> None:
    client = s3_client("us-east-1", proxy.endpoint, "AKIDTEST", "test-secret", timeout=2)
    uploader = MultipartUploader(client, bucket.name, "outage.mkv", max_parts_buffered=3,
                                 retry_base=0.1, retry_max=0.5, give_up_after=20)
    uploader.start()
    data = os.urandom(4 * MIN_PART + 12345)
    peak = [0]
    await feed(uploader, data[:MIN_PART + 1], peak)
    await wait_until(lambda: uploader.uploaded >= MIN_PART, 20)
    await proxy.cut()
    await feed(uploader, data[MIN_PART + 1:3 * MIN_PART], peak)  # held in the backlog
    await wait_until(lambda: uploader.retries > 0, 20)
    await proxy.restore()
    await feed(uploader, data[3 * MIN_PART:], peak)
    size = await uploader.complete()
    assert size == len(data)
    body = bucket.read("outage.mkv")
    assert body == data
    assert peak[0] <= (3 + 1) * MIN_PART


async def test_past_the_bound_the_upload_fails_cleanly_with_a_partial_object(
    bucket: Bucket, proxy: CuttableProxy
) -> None:
    client = s3_client("us-east-1", proxy.endpoint, "AKIDTEST", "test-secret", timeout=1)
    uploader = MultipartUploader(client, bucket.name, "partial.mkv", max_parts_buffered=1,
                                 retry_base=0.1, retry_max=0.3, give_up_after=1.5)
    uploader.start()
    data = os.urandom(6 * MIN_PART)
    peak = [0]
    await feed(uploader, data[:MIN_PART], peak)
    await wait_until(lambda: uploader.uploaded == MIN_PART, 20)
    await proxy.cut()
    with pytest.raises(UploadFailed):
        await feed(uploader, data[MIN_PART:], peak)
    assert peak[0] <= 2 * MIN_PART + CHUNK  # memory bounded whatever is fed
    assert "test-secret" not in str(uploader.failure) and "AKIDTEST" not in str(uploader.failure)
    await proxy.restore()  # the bucket is back for the completion of what it holds
    with pytest.raises(UploadFailed):
        await uploader.complete()
    body = bucket.read("partial.mkv")
    assert body == data[:MIN_PART]


async def test_a_held_first_part_is_uploaded_last_with_its_edits(bucket: Bucket) -> None:
    """``hold_head``: part 1 waits in memory while parts 2.. upload, takes the edits given to
    ``patch`` (a header naming tracks that started later), and the object is whole."""
    uploader = MultipartUploader(bucket.client, bucket.name, "held.mkv", hold_head=True)
    uploader.start()
    data = bytearray(os.urandom(2 * MIN_PART + 12345))
    await feed(uploader, bytes(data), [0])
    await wait_until(lambda: uploader.uploaded == MIN_PART, 20)  # part 2 is in, not part 1
    uploader.patch(100, b"edited header")
    with pytest.raises(ValueError):
        uploader.patch(MIN_PART - 4, b"past part 1")
    assert await uploader.complete() == len(data)
    data[100:113] = b"edited header"
    body = bucket.read("held.mkv")
    assert body == data


async def test_an_early_first_part_is_in_the_bucket_while_recording(bucket: Bucket) -> None:
    """``early_head``: part 1 is uploaded as soon as it is full, with the edits known then
    (``head_edits``), so the bucket holds the file's start while it records (what a dead
    process leaves); at the end it is uploaded again with the final edits."""
    uploader = MultipartUploader(bucket.client, bucket.name, "early.mkv", hold_head=True,
                                 early_head=True)
    uploader.head_edits = lambda: [(10, b"known at once")]
    uploader.start()
    data = bytearray(os.urandom(2 * MIN_PART + 12345))
    await feed(uploader, bytes(data), [0])
    assert await wait_until(lambda: uploader.uploaded == 2 * MIN_PART, 20)  # parts 1 and 2

    def parts() -> dict[int, int]:
        upload = bucket.client.list_multipart_uploads(Bucket=bucket.name)["Uploads"][0]
        listed = bucket.client.list_parts(Bucket=bucket.name, Key="early.mkv",
                                          UploadId=upload["UploadId"])["Parts"]
        return {p["PartNumber"]: p["Size"] for p in listed}

    assert parts() == {1: MIN_PART, 2: MIN_PART}
    uploader.patch(100, b"edited header")
    assert await uploader.complete() == len(data)
    data[10:23] = b"known at once"
    data[100:113] = b"edited header"
    assert bucket.read("early.mkv") == data


async def test_an_endpoint_host_refused_mid_upload_fails_it_at_once(bucket: Bucket) -> None:
    """``check_host`` runs before every bucket request: when the endpoint's name starts
    resolving to a refused address during the upload (DNS rebinding), the next request is
    refused and the upload fails without retries, keeping what the bucket already holds."""
    verdict: list[str | None] = [None]
    checked: list[tuple[str, int]] = []

    def check_host(host: str, port: int) -> str | None:
        checked.append((host, port))
        return verdict[0]

    client = s3_client("us-east-1", bucket.endpoint, "AKIDTEST", "test-secret",
                       check_host=check_host)
    uploader = MultipartUploader(client, bucket.name, "rebound.mkv", give_up_after=60)
    uploader.start()
    await feed(uploader, os.urandom(MIN_PART + CHUNK), [0])
    assert await wait_until(lambda: uploader.uploaded >= MIN_PART, 20)
    verdict[0] = "resolves to a private, loopback or otherwise non-public address"
    with contextlib.suppress(UploadFailed):  # the drain may already report the failure
        await feed(uploader, os.urandom(MIN_PART), [0])
    with pytest.raises(UploadFailed, match="EndpointRefused"):
        await uploader.complete()
    assert uploader.retries == 0
    assert checked and {host for host, _ in checked} == {"127.0.0.1"}


@pytest.mark.parametrize(("status", "code", "permanent"), [
    (403, "InvalidAccessKeyId", True), (403, "SignatureDoesNotMatch", True),
    (404, "NoSuchBucket", True), (400, "AuthorizationHeaderMalformed", True),
    (400, "InvalidArgument", True), (400, "InvalidBucketName", True),
    (403, "AccountProblem", True), (501, "NotImplemented", True),
    (301, "PermanentRedirect", True),
    (500, "InternalError", False), (503, "SlowDown", False), (503, "ServiceUnavailable", False),
    (400, "RequestTimeout", False), (400, "IncompleteBody", False), (400, "BadDigest", False),
    (409, "OperationAborted", False), (429, "TooManyRequests", False),
    (408, "RequestTimeout", False), (307, "TemporaryRedirect", False),
])
def test_refusals_retrying_cannot_fix_are_permanent(status: int, code: str,
                                                    permanent: bool) -> None:
    """Whatever code an S3-compatible store names it with, a 4xx refusal (credentials,
    region, bucket, a request it does not support) fails the upload at once; timeouts,
    throttling, 5xx and a body damaged on the way are retried."""
    error = ClientError({"Error": {"Code": code, "Message": "m"},
                         "ResponseMetadata": {"HTTPStatusCode": status}}, "UploadPart")
    assert _permanent(error) is permanent


async def test_a_bucket_refusing_the_request_fails_the_upload_at_once(
    error_bucket: ErrorBucket
) -> None:
    """A store that refuses the requests themselves (here the region a bucket in another
    region expects: the ``region`` left out beside an ``endpoint``) fails the upload without
    retries, while the backlog still has room: the recording is reported failed now, not
    once minutes of media have filled the backlog."""
    error_bucket.status, error_bucket.code = 400, "AuthorizationHeaderMalformed"
    client = s3_client(None, error_bucket.endpoint, "AKIDTEST", "test-secret", timeout=2)
    uploader = MultipartUploader(client, "rec-bucket", "refused.mkv", give_up_after=60)
    uploader.start()
    started = time.monotonic()
    uploader.write(os.urandom(CHUNK))
    assert await wait_until(lambda: uploader.failure is not None, 10)
    assert time.monotonic() - started < 10 and uploader.retries == 0
    assert "AuthorizationHeaderMalformed" in str(uploader.failure)
    with pytest.raises(UploadFailed):
        await uploader.complete()


async def test_an_upload_the_bucket_will_not_complete_is_aborted(bucket: Bucket) -> None:
    """When completing the object fails for good (here the store refuses the parts), the
    multipart upload is aborted: its parts would otherwise stay in the customer's bucket,
    invisible in listings and billed, with no recording left to clean them up."""

    class Refusing:
        def __getattr__(self, name: str) -> object:
            return getattr(bucket.client, name)

        def complete_multipart_upload(self, **kwargs: object) -> None:
            raise ClientError({"Error": {"Code": "InvalidPart", "Message": "m"},
                               "ResponseMetadata": {"HTTPStatusCode": 400}},
                              "CompleteMultipartUpload")

    uploader = MultipartUploader(Refusing(), bucket.name, "never.mkv", hold_head=True)
    uploader.start()
    await feed(uploader, os.urandom(MIN_PART + CHUNK), [0])
    with pytest.raises(UploadFailed, match="InvalidPart"):
        await uploader.complete()
    assert uploader.uploaded == 0
    assert bucket.client.list_multipart_uploads(Bucket=bucket.name).get("Uploads", []) == []


@pytest.fixture
def silent_endpoint() -> Iterator[str]:
    """An endpoint that accepts connections and never answers (a bucket behind a firewall
    that drops, a hung store): every request waits for the client's read timeout."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=64)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


async def test_buckets_that_do_not_answer_leave_name_resolution_alone(
    silent_endpoint: str
) -> None:
    """Bucket calls block in threads of their own: a few recordings whose buckets do not
    answer must not take the event loop's default executor, which resolves host names for
    every webhook delivery and endpoint check (a webhook attempt has 5 s in all)."""
    loop = asyncio.get_running_loop()
    loop.set_default_executor(ThreadPoolExecutor(max_workers=2))  # a small machine's few
    uploaders = []
    for i in range(4):
        client = s3_client("us-east-1", silent_endpoint, "AKIDTEST", "test-secret", timeout=3)
        uploader = MultipartUploader(client, "rec-bucket", f"hung-{i}.mkv", give_up_after=60)
        uploader.start()
        uploaders.append(uploader)
    await asyncio.sleep(0.5)  # every uploader is waiting for its bucket
    began = time.monotonic()
    await loop.getaddrinfo("localhost", 443)
    assert time.monotonic() - began < 1.0
    for uploader in uploaders:
        assert uploader._task is not None
        uploader._task.cancel()


@pytest.fixture
def dripping_endpoint() -> Iterator[str]:
    """An endpoint that answers every request a byte at a time, each well within the
    client's read timeout, and never finishes its answer (a hostile or broken store)."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=64)
    done = threading.Event()

    def drip(conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            conn.recv(65536)
            for byte in b"HTTP/1.1 200 OK\r\nX-Drip: " + b"a" * 100_000:
                if done.wait(0.2):
                    return
                conn.sendall(bytes([byte]))

    def serve() -> None:
        with contextlib.suppress(OSError):
            while True:
                conn, _ = listener.accept()
                threading.Thread(target=drip, args=(conn,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    done.set()
    listener.close()


async def test_a_bucket_that_drips_its_answer_fails_the_upload_in_bounded_time(
    dripping_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """boto3's read timeout is per socket read: an answer dripped a byte at a time held
    the call, so complete() (the recording's end, its state and recording.finished) never
    returned. Each call now has a deadline in all, and the bound gives up as for outages."""
    monkeypatch.setattr(bucket_calls, "CALL_DEADLINE_S", 1.0, raising=False)
    client = s3_client("us-east-1", dripping_endpoint, "AKIDTEST", "test-secret", timeout=2)
    uploader = MultipartUploader(client, "rec-bucket", "dripped.mkv", retry_base=0.1,
                                 retry_max=0.2, give_up_after=1.5)
    uploader.start()
    uploader.write(b"matroska" * 1000)
    assert await wait_until(lambda: uploader.retries > 0, 20)  # timed out, retried
    with pytest.raises(UploadFailed, match="CallTimedOut"):
        await asyncio.wait_for(uploader.complete(), 30)


async def test_an_endpoint_whose_certificate_does_not_verify_fails_the_upload_at_once(
    tmp_path: Path
) -> None:
    """An https endpoint whose certificate the server does not trust was retried as an
    outage: the recording ran for minutes, nothing uploaded, before it failed."""
    certs = ensure_dev_certificates(tmp_path)  # a CA nobody here trusts
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(certs.cert, certs.key)

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0, ssl=tls)
    endpoint = f"https://127.0.0.1:{server.sockets[0].getsockname()[1]}"
    client = s3_client("us-east-1", endpoint, "AKIDTEST", "test-secret", timeout=2)
    uploader = MultipartUploader(client, "rec-bucket", "untrusted.mkv", retry_base=0.1,
                                 retry_max=0.2, give_up_after=30)
    uploader.start()
    uploader.write(b"matroska")
    try:
        with pytest.raises(UploadFailed, match="SSLError"):
            await asyncio.wait_for(uploader.complete(), 20)
    finally:
        server.close()
    assert uploader.retries == 0
