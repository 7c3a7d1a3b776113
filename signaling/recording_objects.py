"""The bucket calls made for a stored recording (its metadata's own credentials): delete its
object, abort its unfinished multipart uploads, complete the one a dead process left. Each
first checks the endpoint's addresses again
(:func:`signaling.recording_settings.endpoint_refused`, the meetings' check); a
refusal or a bucket error is logged without names (the recording id and the error's kind)
and the caller goes on, as Whereby's "where the credentials allow"."""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Sequence
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from recording.bucket import call, s3_client
from recording.uploader import permanent
from signaling.recording_settings import endpoint_refused
from signaling.recordings import RecordingRecord

log = logging.getLogger("fjord.signaling.recording")


def client(record: RecordingRecord) -> Any:
    """A boto3 S3 client with the recording's credentials (the AWS chain for the operator's
    bucket)."""
    d = record.destination
    return s3_client(d.region, d.endpoint, d.access_key_id, d.access_key_secret)


def allowed_networks(allowed_private_ips: Sequence[str]) -> list[ipaddress.IPv4Network
                                                                 | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(n, strict=False) for n in allowed_private_ips]


async def _reachable(record: RecordingRecord, allowed_private_ips: Sequence[str],
                     what: str) -> bool:
    if record.credentials_deleted:
        log.warning("recording %s recording=%s reason=credentials_deleted", what,
                    record.recording_id)
        return False
    if await endpoint_refused(record.destination, allowed_networks(allowed_private_ips),
                              owner=record.organization_id) is not None:
        log.warning("recording %s recording=%s reason=endpoint_refused", what,
                    record.recording_id)
        return False
    return True


async def remove_object(record: RecordingRecord, allowed_private_ips: Sequence[str]) -> bool:
    """Delete the recording's object where its credentials allow. False when the bucket
    could not be reached now (a connection failure, a timeout, a 5xx, throttling): the
    caller keeps the metadata then, which alone names the object; True when it is deleted
    or refused for good (credentials, endpoint), as Whereby's "where the credentials
    allow"."""
    if not await _reachable(record, allowed_private_ips, "object not deleted"):
        return True
    try:
        await call(client(record).delete_object, Bucket=record.destination.bucket,
                   Key=record.filename)
    except (BotoCoreError, ClientError) as error:
        log.warning("recording object not deleted recording=%s reason=%s",
                    record.recording_id, type(error).__name__)
        return permanent(error)
    return True


async def abort_uploads(record: RecordingRecord, allowed_private_ips: Sequence[str]) -> int:
    """Abort the unfinished multipart uploads of the recording's object (a process that
    recorded it is gone: the bucket would keep, and bill, its parts); how many."""
    if not await _reachable(record, allowed_private_ips, "upload not aborted"):
        return 0
    s3 = client(record)
    bucket = record.destination.bucket

    def abort() -> int:
        listed = s3.list_multipart_uploads(Bucket=bucket, Prefix=record.filename)
        uploads = [u for u in listed.get("Uploads", []) if u["Key"] == record.filename]
        for upload in uploads:
            s3.abort_multipart_upload(Bucket=bucket, Key=record.filename,
                                      UploadId=upload["UploadId"])
        return len(uploads)

    try:
        return await call(abort)
    except (BotoCoreError, ClientError) as error:
        log.warning("recording upload not aborted recording=%s reason=%s",
                    record.recording_id, type(error).__name__)
        return 0


REPLACED_PART_RETRIES = 2
"""How many times a salvage lists the parts again when one was replaced meanwhile."""


async def salvage(record: RecordingRecord, allowed_private_ips: Sequence[str]) -> int | None:
    """Complete the unfinished multipart upload of a recording whose process is gone from the
    parts the bucket holds (ListParts), parts 1 to the first missing one: the file's start,
    header included (uploaded as soon as it was full: :mod:`recording.uploader`'s
    ``early_head``), which plays up to the last part. Without part 1 (an encrypted
    recording, one of an older version, one that died before its first part was full) the
    upload is aborted and nothing is kept. Idempotent: an upload completed already (by
    another node, or the recording process right before it died) counts as its object.

    Returns:
        The object's size in bytes (0: nothing kept), or None when the bucket could not be
        reached now (a connection failure, a timeout, a 5xx, throttling): try again later.
    """
    if not await _reachable(record, allowed_private_ips, "upload not completed"):
        return 0
    s3 = client(record)
    bucket, key = record.destination.bucket, record.filename

    def stored() -> int:
        try:
            return int(s3.head_object(Bucket=bucket, Key=key)["ContentLength"])
        except ClientError as error:
            if error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 404:
                return 0
            raise

    def complete() -> int:
        listed = s3.list_multipart_uploads(Bucket=bucket, Prefix=key)
        uploads = sorted((u for u in listed.get("Uploads", []) if u["Key"] == key),
                         key=lambda u: u["Initiated"])
        if not uploads:
            return stored()
        for upload in uploads[:-1]:  # a recording makes one; abort any other
            s3.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload["UploadId"])
        upload_id = uploads[-1]["UploadId"]
        attempts = REPLACED_PART_RETRIES + 1
        while True:
            attempts -= 1
            try:
                parts = _contiguous(s3, bucket, key, upload_id)
                if not parts:
                    s3.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id)
                    return 0
                s3.complete_multipart_upload(
                    Bucket=bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": [
                        {"PartNumber": p["PartNumber"], "ETag": p["ETag"]} for p in parts]})
                return sum(int(p["Size"]) for p in parts)
            except ClientError as error:
                code = error.response.get("Error", {}).get("Code")
                if code == "NoSuchUpload":
                    return stored()  # another node completed (or aborted) it meanwhile
                # A part uploaded again since the listing (the recording's last upload of
                # part 1, still in flight when its process stopped) changed its ETag: list
                # again rather than lose the recording.
                if code != "InvalidPart" or attempts == 0:
                    raise

    try:
        return await call(complete)
    except (BotoCoreError, ClientError) as error:
        log.warning("recording upload not completed recording=%s reason=%s",
                    record.recording_id, type(error).__name__)
        return 0 if permanent(error) else None


def _contiguous(s3: Any, bucket: str, key: str, upload_id: str) -> list[dict[str, Any]]:
    """The upload's parts 1, 2, ... up to the first missing one (ListParts, every page)."""
    parts: list[dict[str, Any]] = []
    marker = 0
    while True:
        page = s3.list_parts(Bucket=bucket, Key=key, UploadId=upload_id,
                             PartNumberMarker=marker)
        parts += page.get("Parts", [])
        if not page.get("IsTruncated"):
            break
        marker = int(page["NextPartNumberMarker"])
    kept = []
    for number, part in enumerate(sorted(parts, key=lambda p: p["PartNumber"]), 1):
        if part["PartNumber"] != number:
            break
        kept.append(part)
    return kept
