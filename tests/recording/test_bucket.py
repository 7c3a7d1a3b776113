"""The recorder's S3 client (recording/bucket.py) against a bucket server on loopback that
answers errors: one request per call, the uploader's own backoff being the only retry, and
no checksum headers an S3-compatible store may refuse."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from recording.bucket import s3_client
from tests.recording.conftest import ErrorBucket


def test_a_failed_request_is_not_retried_by_boto3(error_bucket: ErrorBucket) -> None:
    """boto3's own retries are off: a failing call costs one request (and, unreachable, one
    timeout), not two; the uploader retries with its bounded backlog and the recordings API
    answers without waiting twice."""
    client = s3_client("us-east-1", error_bucket.endpoint, "AKIDTEST", "test-secret", timeout=2)
    with pytest.raises(ClientError) as failed:
        client.create_multipart_upload(Bucket="rec-bucket", Key="room.mkv")
    assert failed.value.response["Error"]["Code"] == "SlowDown"
    assert len(error_bucket.seen) == 1


def test_an_s3_compatible_store_gets_no_optional_checksums(error_bucket: ErrorBucket) -> None:
    """boto3 adds CRC32 checksum headers (or aws-chunked trailers) to every upload unless
    told otherwise, and several S3-compatible stores refuse them: a customer's endpoint
    gets checksums only where S3 requires them."""
    client = s3_client("us-east-1", error_bucket.endpoint, "AKIDTEST", "test-secret", timeout=2)
    error_bucket.status, error_bucket.code = 400, "InvalidRequest"
    for call in (lambda: client.create_multipart_upload(Bucket="rec-bucket", Key="room.mkv"),
                 lambda: client.upload_part(Bucket="rec-bucket", Key="room.mkv", UploadId="u",
                                            PartNumber=1, Body=b"media" * 200)):
        with pytest.raises(ClientError):
            call()
    assert len(error_bucket.headers) == 2
    for headers in error_bucket.headers:
        assert not [name for name in headers if name.startswith("x-amz-checksum")
                    or name in ("x-amz-sdk-checksum-algorithm", "x-amz-trailer")], headers
        assert "aws-chunked" not in headers.get("content-encoding", "")


HELD_CALL = """
import asyncio, functools, time
from recording import bucket
bucket.CALL_DEADLINE_S = 0.5

async def main():
    try:
        await bucket.call(functools.partial(time.sleep, 3600))  # a request held open
    except bucket.CallTimedOut:
        print("timed out", flush=True)

asyncio.run(main())
"""


def test_a_call_the_store_holds_open_neither_waits_nor_holds_the_exit() -> None:
    """A store that drips its answer outlives boto3's per-read timeouts: the call gives up
    at its deadline, and its thread (still in boto3) does not keep the process from
    exiting, as a ThreadPoolExecutor's did (the interpreter joins those at exit), so a
    stopped server stopped."""
    done = subprocess.run([sys.executable, "-c", HELD_CALL], capture_output=True, text=True,
                          timeout=60, cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stderr
    assert done.stdout == "timed out\n"
