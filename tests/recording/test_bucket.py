"""The recorder's S3 client (recording/bucket.py): one request per call, the uploader's own
backoff being the only retry, against a bucket server on loopback that answers 503."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest
from botocore.exceptions import ClientError

from recording.bucket import s3_client


@pytest.fixture
def unavailable_bucket() -> Iterator[tuple[str, list[str]]]:
    """An endpoint that answers every request 503 SlowDown; the paths it was sent."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _unavailable(self) -> None:
            seen.append(self.path)
            body = b"<Error><Code>SlowDown</Code><Message>Reduce your rate</Message></Error>"
            self.send_response(503)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_PUT = do_DELETE = do_GET = _unavailable  # noqa: N815 - http.server's

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


def test_a_failed_request_is_not_retried_by_boto3(
    unavailable_bucket: tuple[str, list[str]]
) -> None:
    """boto3's own retries are off: a failing call costs one request (and, unreachable, one
    timeout), not two; the uploader retries with its bounded backlog and the recordings API
    answers without waiting twice."""
    endpoint, seen = unavailable_bucket
    client = s3_client("us-east-1", endpoint, "AKIDTEST", "test-secret", timeout=2)
    with pytest.raises(ClientError) as failed:
        client.create_multipart_upload(Bucket="rec-bucket", Key="room.mkv")
    assert failed.value.response["Error"]["Code"] == "SlowDown"
    assert len(seen) == 1
