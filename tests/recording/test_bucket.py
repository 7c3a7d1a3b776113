"""The recorder's S3 client (recording/bucket.py): one request per call, the uploader's own
backoff being the only retry, against a bucket server on loopback that answers 503."""

from __future__ import annotations

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
