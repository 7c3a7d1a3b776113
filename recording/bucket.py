"""An S3 client for a recording's bucket (boto3), from a destination's fields.

The one place credentials are turned into a client; they are passed to boto3 only, never
logged or kept elsewhere. Timeouts are short and boto3's own retries off: the uploader
retries with its own bounded backlog.
"""

from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config


def s3_client(region: str | None, endpoint: str | None, access_key_id: str | None,
              access_key_secret: str | None, timeout: float = 10.0) -> Any:
    """A boto3 S3 client; credentials None: the server's own AWS credential chain."""
    config = Config(connect_timeout=timeout, read_timeout=timeout,
                    retries={"max_attempts": 1, "mode": "standard"},
                    s3={"addressing_style": "path"} if endpoint else None,
                    signature_version="s3v4")
    return boto3.client(
        "s3", region_name=region or "us-east-1", endpoint_url=endpoint,
        aws_access_key_id=access_key_id, aws_secret_access_key=access_key_secret,
        config=config,
    )
