"""Whereby's ``recording`` object of ``POST /v1/meetings``, checked before anything is stored.

Shapes follow Whereby's OpenAPI (``recording.type``, ``startTrigger``, ``destination``), plus
``region`` and ``endpoint`` for S3-compatible stores. Values of the wrong type or outside an
enum are a 400 naming the field (the app's validation handler); combinations that cannot work
are a 422 naming the field (:func:`check_recording`), so a meeting never starts with a
recording that would fail at its end.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from recording.age import check_recipient
from recording.errors import ParseError
from signaling import egress
from signaling.egress import Network
from signaling.errors import ApiError

BUCKET_NAME = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
"""S3 bucket naming rules (3 to 63 lowercase letters, digits, dots and hyphens; no ``..``,
no IP-address form: checked apart). Every pattern here is used with ``fullmatch``."""
KEY_PREFIX = re.compile(r"[A-Za-z0-9!_.*'()/-]{1,512}")
"""Object key characters S3 calls safe; no ``.``, ``..`` or empty segment (checked apart):
HTTP clients and browsers remove dot segments from a URL's path (RFC 3986 section 5.2.4) and
proxies often merge ``//`` (nginx's ``merge_slashes``), so an access link to
``folder/./x.mkv`` or ``folder//x.mkv`` would ask for another object than it was signed for."""
REGION = re.compile(r"[a-z0-9-]{2,40}")
AWS_RESERVED_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
AWS_RESERVED_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")
"""Bucket name beginnings and endings Amazon S3 reserves (access point aliases, directory
and table buckets): such a name is refused at the first upload, so it is refused when the
meeting is made instead. Checked without an ``endpoint`` only: other S3-compatible stores
have their own rules."""
ACCESS_KEY = re.compile(r"[!-~]{1,256}")
"""An access key id or secret: printable ASCII without spaces or control characters (they
go into HTTP headers: a CR LF would split one)."""
WRITABLE_FORMATS = ("mkv",)
"""Containers the recorder writes by stream copy. Group rooms publish VP8 video (RFC 7741),
which MP4 does not carry; writing mp4 would need transcoding, which the recorder never does."""


class RecordingDestinationBody(BaseModel):
    """``recording.destination``."""

    model_config = ConfigDict(extra="forbid")
    provider: Literal["s3", "whereby"]
    authenticationType: Literal["accessKey", "roleBased"] | None = None
    bucket: str | None = Field(None, max_length=600)
    accessKeyId: SecretStr | None = Field(None, max_length=256)
    accessKeySecret: SecretStr | None = Field(None, max_length=256)
    fileFormat: Literal["mkv", "mp4"] | None = None
    oidcRoleArn: str | None = Field(None, max_length=2048)
    region: str | None = Field(None, max_length=40)
    endpoint: str | None = Field(None, max_length=2048)


class RecordingBody(BaseModel):
    """``recording`` of ``POST /v1/meetings``."""

    model_config = ConfigDict(extra="forbid")
    type: Literal["none", "local", "cloud"]
    destination: RecordingDestinationBody | None
    startTrigger: Literal["none", "prompt", "automatic", "automatic-2nd-participant"] | None
    encryptionPublicKey: str | None = Field(None, max_length=100)
    """Beyond Whereby: an age X25519 recipient (``age1...``); the file is encrypted to it in
    memory before upload, so neither the operator nor the bucket's host can read it."""


@dataclass(frozen=True)
class BucketDestination:
    """Where a cloud recording goes: an S3 bucket, a key prefix and the credentials.

    ``access_key_id`` and ``access_key_secret`` are None for the operator's bucket (the AWS
    credential chain of the server); they never appear in ``repr``.
    """

    provider: str
    bucket: str
    key_prefix: str
    region: str | None
    endpoint: str | None
    access_key_id: str | None = field(default=None, repr=False)
    access_key_secret: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class RecordingSettings:
    """A meeting's checked recording settings (type local or cloud)."""

    type: str
    start_trigger: str
    file_format: str = "mkv"
    destination: BucketDestination | None = None
    """Set for type cloud."""
    encryption_public_key: str | None = None
    """age X25519 recipient the file is encrypted to, or None."""

    def as_json(self) -> dict[str, object]:
        """Whereby's ``recording`` object without the credentials."""
        out: dict[str, object] = {"type": self.type, "startTrigger": self.start_trigger,
                                  "destination": None}
        if self.encryption_public_key is not None:
            out["encryptionPublicKey"] = self.encryption_public_key
        if self.destination is not None:
            d = self.destination
            out["destination"] = {"provider": d.provider, "fileFormat": self.file_format}
            if d.provider == "s3":
                out["destination"] |= {
                    "bucket": d.bucket + (f"/{d.key_prefix}" if d.key_prefix else ""),
                    "region": d.region, "endpoint": d.endpoint,
                }
        return out


class OperatorBucket:
    """The operator's bucket for ``provider: whereby`` (None when not configured)."""

    def __init__(self, bucket: str | None, region: str, endpoint: str | None) -> None:
        self.bucket = bucket
        self.region = region
        self.endpoint = endpoint


def recipient_problem(value: str) -> str | None:
    """Why ``value`` is no age X25519 recipient (``age1...``, as ``age-keygen`` prints), or
    None when it is one: the one check of a meeting's ``recording.encryptionPublicKey``, the
    organization's ``encryptionPublicKey`` (REST privacy settings) and ``fjord privacy set
    --encryption-public-key``. White space around it is refused, not stripped: the value is
    stored and echoed as given."""
    if value != value.strip():
        return "white space around the recipient (send it alone, as age-keygen prints it)"
    try:
        check_recipient(value)
    except ParseError:
        return "not an age X25519 recipient (age1..., as age-keygen prints)"
    return None


def _refuse(where: str, problem: str) -> ApiError:
    return ApiError(422, f"recording.{where}: {problem}")


def check_recording(
    body: RecordingBody, operator: OperatorBucket,
    allowed_private: Sequence[Network],
) -> RecordingSettings | None:
    """Check the combinations of ``body``; None for ``type: none``. A ``destination``,
    ``encryptionPublicKey`` or ``startTrigger`` other than none (or null) is refused with
    types none and local, which would ignore them.

    Raises:
        ApiError: 422 naming the field (``recording.destination.bucket: ...``).
    """
    trigger = body.startTrigger or "none"
    dest = body.destination
    if body.type != "cloud":
        # Whereby's fields that only a cloud recording uses: refused rather than dropped.
        why = ("the meeting is not recorded" if body.type == "none" else
               "local recordings stay in the browser")
        if dest is not None:
            raise _refuse("destination", f"{why}; send destination: null (type cloud "
                          "records into a bucket)")
        if body.encryptionPublicKey is not None:
            raise _refuse("encryptionPublicKey", f"{why}; only for cloud recordings")
        if trigger != "none":
            raise _refuse("startTrigger", f"{why}; a trigger starts cloud recordings only "
                          "(use none)")
        return None if body.type == "none" else RecordingSettings("local", "none")
    if dest is None:
        raise _refuse("destination", "required for type cloud")
    recipient = body.encryptionPublicKey
    problem = recipient_problem(recipient) if recipient is not None else None
    if problem is not None:
        raise _refuse("encryptionPublicKey", problem)
    file_format = dest.fileFormat or "mkv"
    if file_format not in WRITABLE_FORMATS:
        raise _refuse("destination.fileFormat", f"{file_format} would need transcoding the "
                      "meeting's VP8 video; the recorder writes mkv (stream copy)")
    if dest.provider == "whereby":
        return RecordingSettings("cloud", trigger, file_format,
                                 _operator_destination(dest, operator), recipient)
    return RecordingSettings("cloud", trigger, file_format,
                             _customer_destination(dest, allowed_private), recipient)


def _operator_destination(
    dest: RecordingDestinationBody, operator: OperatorBucket
) -> BucketDestination:
    for name in ("bucket", "accessKeyId", "accessKeySecret", "endpoint", "region"):
        if getattr(dest, name) is not None:
            raise _refuse(f"destination.{name}", "not used with provider whereby (the "
                          "operator's bucket)")
    if operator.bucket is None:
        raise _refuse("destination.provider", "this server has no operator bucket for "
                      "recordings; use provider s3 with your own bucket")
    bucket, _, prefix = operator.bucket.partition("/")
    return BucketDestination("whereby", bucket, prefix.strip("/"), operator.region,
                             operator.endpoint)


def _customer_destination(
    dest: RecordingDestinationBody, allowed_private: Sequence[Network]
) -> BucketDestination:
    if dest.authenticationType == "roleBased" or dest.oidcRoleArn is not None:
        raise _refuse("destination.authenticationType", "roleBased (OIDC) is not supported; "
                      "use accessKey with accessKeyId and accessKeySecret")
    for name in ("bucket", "accessKeyId", "accessKeySecret"):
        if not getattr(dest, name):
            raise _refuse(f"destination.{name}", "required for provider s3")
    assert dest.bucket and dest.accessKeyId and dest.accessKeySecret
    if problem := bucket_problem(dest.bucket, with_folder=False):
        raise _refuse("destination.bucket", problem)
    bucket, _, prefix = dest.bucket.partition("/")
    prefix = prefix.strip("/")
    if dest.endpoint is None and (bucket.startswith(AWS_RESERVED_PREFIXES)
                                  or bucket.endswith(AWS_RESERVED_SUFFIXES)):
        raise _refuse("destination.bucket", "Amazon S3 reserves bucket names beginning "
                      f"with {', '.join(AWS_RESERVED_PREFIXES)} or ending with "
                      f"{', '.join(AWS_RESERVED_SUFFIXES)}")
    for name in ("accessKeyId", "accessKeySecret"):
        if not ACCESS_KEY.fullmatch(getattr(dest, name).get_secret_value()):
            raise _refuse(f"destination.{name}", "printable ASCII without spaces or "
                          "control characters")
    if (problem := bucket_problem(dest.bucket)) is not None:
        raise _refuse("destination.bucket", problem)
    if dest.region is None and dest.endpoint is None:
        raise _refuse("destination.region", "required for provider s3 (or give an endpoint)")
    if dest.region is not None and (problem := region_problem(dest.region)):
        raise _refuse("destination.region", problem)
    if dest.endpoint is not None:
        _check_endpoint(dest.endpoint, allowed_private)
    return BucketDestination(
        "s3", bucket, prefix, dest.region, dest.endpoint,
        dest.accessKeyId.get_secret_value(), dest.accessKeySecret.get_secret_value(),
    )


def bucket_problem(value: str, with_folder: bool = True) -> str | None:
    """Why ``value`` (``bucket[/folder]``) names no S3 bucket and folder, or None: the check
    of a meeting's ``recording.destination.bucket`` and of the operator's
    ``recording_bucket``. With ``with_folder`` false, only the bucket name is checked."""
    bucket, _, prefix = value.partition("/")
    prefix = prefix.strip("/")
    if not BUCKET_NAME.fullmatch(bucket) or ".." in bucket:
        return "not an S3 bucket name (3-63 of a-z 0-9 . -)"
    if _ip_formatted(bucket):
        return "S3 bucket names may not be formatted as an IP address"
    if with_folder and prefix and (not KEY_PREFIX.fullmatch(prefix)
                                    or {".", "..", ""} & set(prefix.split("/"))):
        return ("the folder after the bucket name may hold letters, digits and "
                "! _ . * ' ( ) - / only, and no . or .. segment or //")
    return None


def region_problem(value: str) -> str | None:
    """Why ``value`` is no region name, or None."""
    return None if REGION.fullmatch(value) else "not a region name (e.g. eu-north-1)"


def _ip_formatted(bucket: str) -> bool:
    """S3's rule "not formatted as an IP address" (``192.168.5.4``)."""
    try:
        ipaddress.IPv4Address(bucket)
    except ValueError:
        return False
    return True


def _check_endpoint(endpoint: str, allowed_private: Sequence[Network]) -> None:
    """The endpoint's form: an https URL (http only to a literal address the operator
    allows), a valid host, a port in 1-65535, no white space or control character (which
    ``urlsplit`` would silently drop), no query or fragment, not even an empty one. Its
    addresses: :func:`check_endpoint_address`."""
    if any(not c.isprintable() or c.isspace() for c in endpoint):
        raise _refuse("destination.endpoint", "white space or a control character in the URL")
    try:
        parts = urlsplit(endpoint)
        hostname = parts.hostname
    except ValueError:  # a malformed bracketed host ("[zz::1]")
        raise _refuse("destination.endpoint", "the host is not a valid host name or "
                      "address") from None
    try:
        port = parts.port
    except ValueError:
        raise _refuse("destination.endpoint", "the port must be 1-65535") from None
    if parts.scheme not in ("http", "https") or not hostname or parts.path not in ("", "/") \
            or "?" in endpoint or "#" in endpoint or parts.netloc.endswith(":") \
            or parts.username is not None:
        raise _refuse("destination.endpoint", "must be a URL like https://s3.example.com[:port]")
    if not egress.valid_host(hostname):
        raise _refuse("destination.endpoint", "the host is not a valid host name or address")
    if port == 0:
        raise _refuse("destination.endpoint", "the port must be 1-65535")
    if parts.scheme == "https":
        return
    try:
        address = ipaddress.ip_address(hostname)
    except ValueError:
        raise _refuse("destination.endpoint", "must be https") from None
    if address.is_global or not egress.address_allowed(str(address), allowed_private):
        raise _refuse("destination.endpoint", "must be https (http only to an address the "
                      "operator allows)")


def endpoint_host(destination: BucketDestination) -> tuple[str, int] | None:
    """Host and port of a customer's S3-compatible endpoint; None when there is none to check
    (AWS's regional endpoint, or the operator's own bucket)."""
    if destination.provider != "s3" or not destination.endpoint:
        return None
    parts = urlsplit(destination.endpoint)
    assert parts.hostname is not None
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


async def endpoint_refused(destination: BucketDestination,
                           allowed_private: Sequence[Network],
                           owner: str | None = None) -> str | None:
    """Why the server may not connect to the destination's endpoint now, or None: its host
    resolves (as boto3 will resolve it) to a non-public address the operator did not allow
    (:func:`signaling.egress.resolve_checked`, the webhooks' check). A name that does not
    resolve passes: there is nothing to connect to, and the recorder checks again right
    before it connects."""
    target = endpoint_host(destination)
    if target is None:
        return None
    try:
        await egress.resolve_checked(*target, allowed_private, owner)
    except egress.AddressRefused as exc:
        return str(exc)
    except egress.HostUnresolved:
        return None
    return None


def host_checker(allowed_private: Sequence[Network]) -> Callable[[str, int], str | None]:
    """``check_host(host, port)`` for the recorder's S3 client: the same check as
    :func:`endpoint_refused`, run (in boto3's worker thread) before every bucket request of
    a recording, so a name that resolves elsewhere during the upload is refused then."""
    def check_host(host: str, port: int) -> str | None:
        try:
            egress.resolve_checked_blocking(host, port, allowed_private)
        except egress.AddressRefused as exc:
            return str(exc)
        except egress.HostUnresolved:
            return None  # the connection fails by itself
        return None

    return check_host


async def check_endpoint_address(destination: BucketDestination,
                                 allowed_private: Sequence[Network],
                                 owner: str | None = None) -> None:
    """:func:`endpoint_refused` for the API.

    Raises:
        ApiError: 422 naming ``recording.destination.endpoint``.
    """
    problem = await endpoint_refused(destination, allowed_private, owner)
    if problem is not None:
        raise _refuse("destination.endpoint", problem)
