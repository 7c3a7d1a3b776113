"""The one settings model of Fjord: every setting is a CLI flag and a ``FJORD_<NAME>`` variable.

Flags win over environment variables, which win over an optional TOML file
(``FJORD_CONFIG_FILE``), which wins over the defaults below (:mod:`fjord.settings_loading`
loads them for a command and names each problem). Every setting of every role, with the
checks of its value alone, is declared here, in one model (splitting the model would split
the one list operators read); the rules across settings are :mod:`fjord.setting_rules`.
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
import typing
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    Field,
    SecretStr,
    ValidationInfo,
    field_serializer,
    field_validator,
    model_validator,
)
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from fjord.setting_checks import (
    check_address,
    check_database_url,
    check_host,
    check_recording_place,
    check_redis_url,
    check_url,
    file_problem,
)
from fjord.setting_rules import check_rules
from fjord.url_passwords import mask_database_url
from keys.turn_secret import MIN_TURN_SECRET, WEAK_TURN_SECRET, is_weak_turn_secret
from signaling.avatars import avatar_domain_problem

Port = Annotated[int, Field(ge=1, le=65535)]


def _is_number(annotation: Any) -> bool:
    """Does a field of this type take a number (int or float, maybe optional)?"""
    if annotation in (int, float):
        return True
    return any(_is_number(arg) for arg in typing.get_args(annotation))


DEV_CA = Path("certs") / "dev-ca.pem"
"""The development CA a server role makes in its data dir on first start
(:func:`keys.devtls.ensure_dev_certificates`)."""


class Settings(BaseSettings):
    """Effective configuration of every Fjord role (all-in-one, signaling, TURN, SFU)."""

    model_config = SettingsConfigDict(env_prefix="FJORD_", extra="forbid", allow_inf_nan=False)

    # --- common
    data_dir: Path = Field(Path("./data"), description="Data directory (keys, certificates, DB)")
    log_level: Literal["debug", "info", "warning", "error"] = "info"

    # --- signaling (HTTPS + WSS)
    listen_ip: str = Field("127.0.0.1", description="Address the HTTPS signaling server binds")
    https_port: Port = 8443
    http_redirect_port: Port | None = Field(
        None, description="Optional plain-HTTP port that only redirects to HTTPS"
    )
    public_url: str | None = Field(
        None, description="Base URL of room links: scheme, host and port, no path (default "
                          "https://localhost:<https_port>)"
    )
    tls_cert_file: Path | None = Field(None, description="Operator TLS certificate (PEM chain)")
    tls_key_file: Path | None = Field(None, description="Operator TLS private key (PEM)")
    trusted_proxies: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated addresses/CIDRs of reverse proxies whose "
        "X-Forwarded-For/-Proto are believed (client address for rate limits); empty: none",
    )
    database_url: str | None = Field(None, description="SQLAlchemy URL; default SQLite in data dir")
    max_normal_room_size: int = Field(4, ge=2, le=4)
    max_group_room_size: int = Field(200, ge=2, le=1000)
    http_request_head_timeout: float = Field(
        10.0, gt=0, le=300,
        description="Seconds a client has to finish its TLS handshake, then to send a whole "
        "request head, and the longest pause in a request body, before its HTTPS connection "
        "is closed (slowloris)",
    )
    http_max_connections_per_ip: int = Field(
        256, ge=1,
        description="Open HTTPS/WSS connections per client address (IPv6: per /64); more are "
        "refused. trusted_proxies are exempt. Also the long-polling sessions one address may "
        "hold open",
    )
    ws_max_message_bytes: int = Field(
        2_097_152, ge=1024, le=16_777_216,
        description="Largest signaling message (characters of a text frame, bytes of a binary "
        "one; also a long-polling message). The default fits the largest SDP accepted (1 MiB, "
        "a subscribe-answer in a full 200-participant group room) in its JSON form; lower it "
        "and large rooms' subscribe-answers are refused with too_large",
    )
    ws_messages_per_second: float = Field(50.0, gt=0)
    ws_joins_per_second: float = Field(
        10.0, gt=0,
        description="join messages per second one client address (IPv6: per /64) may send, "
        "over WebSockets and long-polling (burst: five seconds' worth); more get rate_limited",
    )
    max_knocks_per_ip: int = Field(
        25, ge=1, le=50,  # signaling.rooms: MAX_KNOCKS_PER_ADDRESS, MAX_WAITING
        description="Participants from one client address (IPv6: per /64) that may wait at once "
        "to be let into a locked room (of its 50 waiting places), on each signaling node; more "
        "get too_many_knocks",
    )

    relay_only: bool = Field(
        False,
        description="Normal rooms use the TURN relay only (iceTransportPolicy relay), so "
        "participants never learn each other's IP address",
    )
    avatar_domains: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated hosts (host or host:port, https only) that Whereby's "
        "avatarUrl may name; the room page's CSP lets images load from exactly these. Every "
        "participant's browser fetches the avatars there. Empty: avatars are refused",
    )

    # --- addresses handed to clients
    announced_ip: str | None = Field(
        None, description="Public address of TURN/SFU when behind NAT (default: listen address)"
    )
    turn_host: str | None = Field(
        None, description="Host name or IP address clients are given for the TURN relay "
        "(iceServers): set it where the relay runs on other hosts than signaling (default: "
        "announced_ip, else turn_listen_ip, for turn: URLs; the public URL's host for turns:)"
    )

    # --- TURN relay (RFC 8656)
    turn_listen_ip: str = "127.0.0.1"
    turn_relay_ip: str = Field("127.0.0.1", description="IPv4 address relayed addresses are "
                               "bound to")
    turn_relay_ip6: str | None = Field(
        None, description="IPv6 address IPv6 relayed addresses are bound to, for clients "
        "that ask for one (REQUESTED-ADDRESS-FAMILY, ADDITIONAL-ADDRESS-FAMILY; RFC 8656); "
        "unset: IPv4 relayed addresses only")
    announced_ip6: str | None = Field(
        None, description="Public IPv6 address of turn_relay_ip6 when it differs (NAT)")
    turn_udp_port: Port = 3478
    turn_tcp_port: Port = 3478
    turn_tls_port: Port = 5349
    turn_relay_port_min: Port = 49152
    turn_relay_port_max: Port = 65535
    turn_secret: SecretStr | None = Field(
        None, description="TURN REST API shared secret (overrides the one kept by keys/); at "
        f"least {MIN_TURN_SECRET} visible characters"
    )
    turn_realm: str = Field("fjord", min_length=1, max_length=127)
    turn_allowed_peer_ips: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Comma-separated addresses/CIDRs peers may use"
    )
    turn_credential_ttl: int = Field(6 * 3600, ge=60, le=7 * 86400, description="seconds")
    turn_max_allocations: int = Field(10000, ge=1)
    turn_max_allocations_per_user: int = Field(10, ge=1)
    turn_max_allocations_per_ip: int = Field(
        1000, ge=1,
        description="TURN allocations and port reservations one client address (IPv6: per "
        "/64) may hold at once, whatever usernames it uses; more get 486 (Allocation Quota "
        "Reached)",
    )
    turn_max_connections_per_ip: int = Field(
        256, ge=1,
        description="TURN TCP and TLS connections one client address (IPv6: per /64) may hold "
        "at once; more are closed at once, counted as address_connection_limit",
    )
    turn_max_tls_handshakes: int = Field(
        512, ge=1,
        description="TURN TLS connections whose handshake has not ended yet, at once, on each "
        "TURN process; more are closed at once, counted as tls_handshake_limit",
    )
    turn_bandwidth_limit: int = Field(
        0, ge=0,
        description="Per-allocation relay limit in bytes/s, both directions together (a token "
        "bucket holding at most max(limit, 8192) bytes; more are dropped); 0 means unlimited"
    )
    turn_workers: int = Field(
        1, ge=1, le=256,
        description="fjord turn: relay processes sharing the TURN ports (SO_REUSEPORT)",
    )
    turn_native: Literal["auto", "off"] = Field(
        "auto",
        description="auto: relay UDP in the native core (turn/_relaycore.c) when it was built; "
        "off: always the Python relay",
    )
    turn_native_coalesce_us: int = Field(
        500, ge=0, le=10000,
        description="microseconds the native relay core's thread sleeps after a wake-up that "
        "read fewer than 16 datagrams, so that system calls carry several; each relayed packet "
        "waits at most this long; 0 disables it",
    )
    turn_request_rate: float = Field(
        1000.0, ge=0, le=1e6,
        description="STUN messages per second one client IP address may send the TURN UDP "
        "listener (burst: two seconds' worth); more are dropped, counted as "
        "request_rate_limited; 0 disables the limit",
    )
    turn_unauthenticated_rate: float = Field(
        100.0, ge=0.01, le=1e6,
        description="401 and 438 answers per second the TURN server sends one client IP "
        "address (burst: two seconds' worth), each client's first Allocate included; "
        "requests beyond them get no answer, counted as rate_limited",
    )

    # --- SFU
    sfu_listen_ip: str = "127.0.0.1"
    sfu_port: Port = 40000
    sfu_native: Literal["auto", "off"] = Field(
        "auto",
        description="auto: forward RTP in the native core (sfu/_forwardcore.c) when it was "
        "built; off: always the Python path",
    )
    sfu_max_bitrate: int = Field(
        2_500_000, ge=100_000, le=100_000_000,
        description="bit/s a publisher may send per video track (its camera, its shared "
        "screen), told in its REMB feedback: one that shares its screen may send twice this",
    )

    # --- operations (operability/logs.py, operability/health.py, cluster/, fjord/workers.py)
    log_format: Literal["auto", "json", "text"] = Field(
        "auto", description="json: one JSON object per line (ids only, addresses truncated); "
        "text: one readable line per record; auto: text when stderr is a terminal, else json"
    )
    metrics_listen_ip: str = Field(
        "127.0.0.1", description="Address of the metrics/health port of fjord sfu and fjord turn"
    )
    metrics_port: Port | None = Field(
        None,
        description="Metrics/health HTTP port of fjord sfu and fjord turn (/metrics, /healthz, "
        "/readyz); with several workers, fjord sfu's worker i uses metrics_port+1+i and "
        "fjord turn's relay process i metrics_port+i",
    )
    sfu_workers: int = Field(
        0, ge=0, le=256, description="SFU worker processes of fjord sfu; 0 means one per core"
    )
    sfu_worker_capacity: int = Field(
        500, ge=1, description="Participants one SFU worker takes before placement skips it"
    )
    redis_url: SecretStr | None = Field(
        None, description="redis:// URL: node registry, room placement, SFU control channel"
    )
    node_id: str | None = Field(
        None, pattern=r"^[A-Za-z0-9._-]{1,64}$",
        description="Name of this node in logs and, for fjord signaling and fjord sfu, in the "
        "Redis node registry (default <hostname>-<pid>); for fjord serve without Redis, in "
        "its recordings' leases (default there <hostname>-<digest of the data dir's path>, "
        "kept across restarts)",
    )
    node_heartbeat_interval: float = Field(
        # Redis expires keys in whole milliseconds, and each beat is a few round trips
        1.0, ge=0.1, le=60, description="Seconds between node heartbeats (0.1-60)"
    )
    node_ttl: float = Field(
        4.0, gt=0, le=300, description="Seconds without a heartbeat before a node counts as dead"
    )
    sfu_request_timeout: float = Field(
        5.0, gt=0, le=60, description="Seconds a signaling node waits for a remote SFU answer"
    )

    # --- keys and the account store (keys/, signaling/store.py)
    kek_provider: Literal["file", "pkcs11", "aws-kms"] = Field(
        "file", description="Key-encryption key provider: file (data dir), pkcs11, aws-kms"
    )
    kek_pkcs11_module: Path | None = Field(
        None, description="PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so"
    )
    kek_pkcs11_token_label: str = Field("fjord", description="PKCS#11 token label")
    kek_pkcs11_pin: SecretStr | None = Field(None, description="PKCS#11 user PIN")
    kek_pkcs11_key_label: str = Field("fjord-kek", description="Label of the KEK on the token")
    kek_aws_region: str | None = Field(None, description="AWS region of the KMS key")
    kek_aws_key_id: str | None = Field(None, description="AWS KMS key id, ARN or alias")
    kek_aws_endpoint_url: str | None = Field(
        None, description="KMS endpoint URL (VPC endpoint or a local test server)"
    )
    keyring_dir: Path | None = Field(
        None,
        description="Wrapped per-organization data keys (default <data dir>/keys/keyring); "
        "back it up apart from the database",
    )
    audit_retention_days: int = Field(90, ge=1, le=3650, description="Audit events kept (days)")
    purge_interval: float = Field(
        3600.0, ge=1.0, le=6 * 3600.0, description="Seconds between retention purges"
    )
    room_signing_key_overlap: int = Field(
        7 * 86400, ge=0, description="Seconds a rotated-out room-key signing key still verifies"
    )

    # --- meetings: viewers, webhooks, long-polling (issue 6; signaling/)
    max_group_viewers: int = Field(400, ge=0, le=10000, description="Viewers per group room, "
                                   "besides max_group_room_size participants")
    webhook_allowed_private_ips: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated addresses/CIDRs webhook URLs may resolve to although "
        "private or loopback (refused by default)",
    )
    webhook_ca_file: Path | None = Field(
        None, description="Extra CA certificate (PEM) trusted for webhook receivers"
    )
    webhook_timeout: float = Field(5.0, gt=0, le=60, description="Seconds per delivery attempt")
    webhook_retry_base: float = Field(
        1.0, gt=0, le=3600, description="Seconds before the first retry; doubles each retry"
    )
    webhook_retry_max_delay: float = Field(
        300.0, gt=0, le=86400, description="Longest wait between two retries (seconds)"
    )
    webhook_max_attempts: int = Field(
        15, ge=1, le=1000, description="Delivery attempts per event before it is dropped"
    )
    webhook_queue_size: int = Field(
        1000, ge=1, le=1_000_000, description="Events queued per endpoint (oldest dropped)"
    )

    # --- cloud recording (issue 14; signaling/recording_settings.py)
    recording_bucket: str | None = Field(
        None, description="Operator's S3 bucket (\"bucket\" or \"bucket/prefix\") for meetings "
        "whose recording destination is provider whereby; unset: such meetings are refused. "
        "Credentials come from the standard AWS chain (AWS_ACCESS_KEY_ID, ...)",
    )
    recording_region: str = Field("us-east-1", description="Region of recording_bucket")
    recording_endpoint: str | None = Field(
        None, description="S3-compatible endpoint URL of recording_bucket (default: AWS S3)"
    )
    recording_allowed_private_ips: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated addresses/CIDRs a meeting's S3 endpoint may name although "
        "private or loopback (refused by default; plain http only to these)",
    )

    @field_validator("*", mode="before")
    @classmethod
    def _no_boolean_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        """``https_port = true`` in TOML is a mistake, not port 1."""
        if isinstance(value, bool) and info.field_name is not None and _is_number(
            cls.model_fields[info.field_name].annotation
        ):
            raise ValueError("must be a number, not true or false")
        return value

    @field_validator("log_level", "turn_native", "sfu_native", "log_format", "kek_provider",
                     mode="before")
    @classmethod
    def _choice_any_case(cls, value: Any) -> Any:
        """``--log-level INFO``, as Python's logging spells levels: the choices are lowercase
        words, so their case carries nothing."""
        return value.lower() if isinstance(value, str) else value

    @field_validator(
        "data_dir", "keyring_dir", "tls_cert_file", "tls_key_file", "kek_pkcs11_module",
        "webhook_ca_file", "kek_pkcs11_token_label", "kek_pkcs11_pin", "kek_pkcs11_key_label",
        "kek_aws_region", "kek_aws_key_id", mode="before",
    )
    @classmethod
    def _no_empty_value(cls, value: Any) -> Any:
        """An empty path would silently mean the current directory; an empty PIN, label or
        key id names no KEK (the token refused it only at start, or took the label)."""
        if isinstance(value, str) and not value.strip():
            raise ValueError("must not be empty")
        return value

    @field_validator(
        "data_dir", "keyring_dir", "tls_cert_file", "tls_key_file", "kek_pkcs11_module",
        "webhook_ca_file",
    )
    @classmethod
    def _expand_home(cls, value: Path | None) -> Path | None:
        """``~`` as a shell would: no shell reads the TOML file or a service's environment,
        and ``~/fjord`` was a directory named ``~`` where the server started."""
        try:
            return value.expanduser() if value is not None else None
        except RuntimeError:  # no HOME, and a user id with no passwd entry (a container's)
            raise ValueError(f"{value} starts with ~, but this user has no home directory "
                             "(no HOME, no passwd entry): give the whole path") from None

    @field_validator("data_dir", "keyring_dir")
    @classmethod
    def _check_directory(cls, value: Path | None) -> Path | None:
        """A file there cannot become the directory (it stopped with "[Errno 17] File
        exists")."""
        if value is not None and value.exists() and not value.is_dir():
            raise ValueError(f"{value} is a file, not a directory")
        return value

    @field_validator("tls_cert_file", "tls_key_file")
    @classmethod
    def _check_tls_file(cls, value: Path | None) -> Path | None:
        """A TLS file must be a readable file now: found missing at start-up, it stopped the
        server after the database migrations, with a line naming no setting."""
        if value is not None:
            problem = file_problem(value)
            if problem:
                raise ValueError(problem)
        return value

    @field_validator("webhook_ca_file")
    @classmethod
    def _check_webhook_ca_file(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        """Checked now, not at the first delivery (every one then failed), but for the
        development CA not made yet: the first start makes it, then checks it again
        (:func:`fjord.setting_checks.webhook_ca_problem`)."""
        if value is None:
            return value
        data_dir = info.data.get("data_dir")
        if data_dir is not None and not value.exists() and (
                value.resolve() == (data_dir / DEV_CA).resolve()):
            return value
        problem = file_problem(value, ca=True)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str | None) -> str | None:
        if value is not None:
            check_database_url(value)
        return value

    @field_validator("turn_allowed_peer_ips", "webhook_allowed_private_ips", "trusted_proxies",
                     "recording_allowed_private_ips", "avatar_domains", mode="before")
    @classmethod
    def _split_csv(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("turn_allowed_peer_ips", "webhook_allowed_private_ips", "trusted_proxies",
                     "recording_allowed_private_ips")
    @classmethod
    def _check_networks(cls, value: list[str]) -> list[str]:
        for item in value:
            ipaddress.ip_network(item, strict=False)
        return value

    @field_validator("avatar_domains")
    @classmethod
    def _check_avatar_domains(cls, value: list[str]) -> list[str]:
        # As avatar URLs are read: letter case ignored, port 443 the same host as none.
        domains = list(dict.fromkeys(domain.lower().removesuffix(":443") for domain in value))
        if (problem := avatar_domain_problem(domains)) is not None:
            raise ValueError(problem)
        return domains

    @field_validator(
        "listen_ip", "turn_listen_ip", "turn_relay_ip", "turn_relay_ip6", "sfu_listen_ip",
        "announced_ip", "announced_ip6", "metrics_listen_ip", "recording_bucket",
        "recording_region",
    )
    @classmethod
    def _check_value(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Addresses (fjord.setting_checks.check_address), the operator's bucket and region
        (check_recording_place)."""
        if value is not None:
            name = str(info.field_name)
            check = check_recording_place if name.startswith("recording_") else check_address
            check(name, value)
        return value

    @field_validator("turn_host")
    @classmethod
    def _check_turn_host(cls, value: str | None) -> str | None:
        if value is not None:
            check_host(value)
        return value

    @field_validator("turn_secret")
    @classmethod
    def _check_turn_secret(cls, value: SecretStr | None) -> SecretStr | None:
        # Whoever knows the secret mints TURN credentials: an empty one (a secret reference
        # that rendered empty) would make the relay open to anyone. The value is never
        # echoed in the error.
        # Whitespace does not count: a template that rendered blanks is as open as an empty one.
        if value is not None and is_weak_turn_secret(value.get_secret_value()):
            raise ValueError(f"has {WEAK_TURN_SECRET}; use at least {MIN_TURN_SECRET} (e.g. "
                             "the output of `openssl rand -base64 32`), or unset it to use the "
                             "secret kept in the data directory")
        return value

    @field_validator("announced_ip")
    @classmethod
    def _check_announced_ip(cls, value: str | None) -> str | None:
        """Clients are told to send to this address: a wildcard is none they can reach."""
        if value is not None and ipaddress.ip_address(value).is_unspecified:
            raise ValueError(f"{value} is no address clients can reach: set the public "
                             "address of this host, or leave it unset to announce the listen "
                             "addresses")
        return value

    @field_validator("redis_url")
    @classmethod
    def _check_redis_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            check_redis_url(value.get_secret_value())
        return value

    @field_validator("public_url")
    @classmethod
    def _check_public_url(cls, value: str | None) -> str | None:
        if value is None:
            return value
        check_url(value, ("https",), "https://meet.example.com")
        path = urlsplit(value).path
        if path.strip("/"):
            raise ValueError(f"must not have a path ({path}): Fjord serves rooms, its API and "
                             "web client at the root of its host name")
        return value.rstrip("/")

    @field_validator("recording_endpoint", "kek_aws_endpoint_url")
    @classmethod
    def _check_endpoint_url(cls, value: str | None) -> str | None:
        if value is not None:
            check_url(value, ("https", "http"), "https://s3.example.com")
        return value

    @model_validator(mode="after")
    def _check_rules(self) -> Settings:
        check_rules(self)  # the rules across settings: fjord.setting_rules
        return self

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        config_file = os.environ.get("FJORD_CONFIG_FILE")
        if config_file is not None and not config_file.strip():  # not silently no file
            raise ValueError("FJORD_CONFIG_FILE is set but empty: name the TOML file, or "
                             "unset it to use none")
        if config_file:
            if not Path(config_file).is_file():
                raise ValueError(f"FJORD_CONFIG_FILE {config_file} is not a readable file")
            try:
                sources.append(TomlConfigSettingsSource(settings_cls, toml_file=config_file))
            except tomllib.TOMLDecodeError as exc:
                raise ValueError(f"{config_file} is not valid TOML: {exc}") from None
            except (OSError, UnicodeDecodeError) as exc:
                raise ValueError(f"{config_file} cannot be read: {exc}") from None
        return tuple(sources)

    @field_serializer("database_url")
    def _mask_database_password(self, value: str | None) -> str | None:
        """``config show`` prints the URL without its passwords."""
        return mask_database_url(value) if value else value

    # --- derived values
    @property
    def base_url(self) -> str:
        """Base of room URLs, without a trailing slash."""
        return self.public_url or f"https://localhost:{self.https_port}"

    @property
    def sfu_worker_count(self) -> int:
        """SFU worker processes of ``fjord sfu`` (``sfu_workers``, 0 meaning one per core)."""
        return self.sfu_workers or max(1, len(os.sched_getaffinity(0)))

    @property
    def client_facing_ip(self) -> str:
        """Address TURN and the SFU advertise to clients."""
        return self.announced_ip or self.turn_listen_ip
