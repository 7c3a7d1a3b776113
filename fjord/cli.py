"""The ``fjord`` command: one entry point for every role and operator task.

Known operational failures (unreachable database or Redis, a lost keyring, a damaged key
file, a port in use, a directory that is not a data dir) end every command with one line,
``fjord: ...``, and exit status 1: :class:`FjordGroup` turns them into that line in one
place; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from fjord.settings import Settings, SettingsError, load_settings, unknown_variables

SETTINGS = "fjord.settings"
"""Key of the effective settings in ``click.Context.meta`` (for :func:`_one_line`)."""
SERVER = "fjord.server"
"""Key set in ``click.Context.meta`` while a server role runs (:func:`_run`)."""


ADMIN_SETTINGS = (
    "data_dir", "database_url", "log_level", "log_format", "keyring_dir", "kek_provider",
    "kek_pkcs11_module", "kek_pkcs11_token_label", "kek_pkcs11_pin", "kek_pkcs11_key_label",
    "kek_aws_region", "kek_aws_key_id", "kek_aws_endpoint_url",
)
"""The settings an operator task on the account store reads (where the data and its keys
are): its only flags, so its ``--help`` is not buried under the servers' (the others still
come from ``FJORD_*`` variables)."""


def settings_options(
    command: Callable[..., Any] | None = None, *, aliases: dict[str, str] | None = None,
    only: tuple[str, ...] | None = None,
) -> Any:
    """Add one ``--flag`` per setting (``data_dir`` -> ``--data-dir``), or per setting of
    ``only``; pass ``settings``.

    Flags win over ``FJORD_*`` variables; invalid values stop with one line naming the setting.
    ``aliases`` maps a parameter of the command to the setting it also sets (and wins over),
    e.g. ``{"workers": "sfu_workers"}``; it is validated with the others.
    """
    if command is None:
        return functools.partial(settings_options, aliases=aliases, only=only)

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> Any:
        given = {name: kwargs.pop(name) for name in Settings.model_fields if name in kwargs}
        for param, name in (aliases or {}).items():
            value = kwargs.pop(param, None)
            if value is not None:
                given[name] = value
        try:
            settings = load_settings(**given)
        except SettingsError as exc:
            for problem in exc.problems:
                click.echo(f"fjord: {problem}", err=True)
            sys.exit(2)
        for warning in unknown_variables(os.environ):
            click.echo(f"fjord: {warning}", err=True)
        click.get_current_context().meta[SETTINGS] = settings
        return command(settings=settings, **kwargs)

    for name, field in reversed(list(Settings.model_fields.items())):
        if only is not None and name not in only:
            continue
        flag = "--" + name.replace("_", "-")
        help_text = (field.description or "") + f" [env FJORD_{name.upper()}]"
        wrapper = click.option(flag, name, default=None, help=help_text.strip())(wrapper)
    return wrapper


def _one_line(error: BaseException, meta: dict[str, Any]) -> str | None:
    """The one line a known operational failure ends a command with, or None (a bug)."""
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    from fjord.operations import OperationError
    from fjord.workers import WorkerFailed
    from keys.errors import KeysError
    from signaling.store import DatabaseUnavailable

    while isinstance(error, BaseExceptionGroup) and len(error.exceptions) == 1:
        error = error.exceptions[0]
    if isinstance(error, KeysError | OperationError | DatabaseUnavailable | WorkerFailed):
        return str(error)
    if isinstance(error, RedisConnectionError | RedisTimeoutError):
        return f"cannot reach Redis at {_redis_address(meta.get(SETTINGS))}: {error}"
    if isinstance(error, OSError):  # a listener cannot bind, a directory cannot be made
        return f"cannot start: {error}" if meta.get(SERVER) else str(error)
    return None


def _redis_address(settings: Settings | None) -> str:
    if settings is None or settings.redis_url is None:
        return "(no redis_url)"
    parts = urlsplit(settings.redis_url.get_secret_value())
    if parts.scheme == "unix":
        return parts.path
    return f"{parts.hostname}:{parts.port or 6379}"


class FjordGroup(click.Group):
    """The root group: known operational failures of any command become one line."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as error:
            line = _one_line(error, ctx.meta)
            if line is None:
                raise
            click.echo("fjord: " + " ".join(line.split()), err=True)
            sys.exit(1)


@click.group(cls=FjordGroup)
def main() -> None:
    """Fjord: self-hostable, privacy-first video meetings (signaling, TURN relay, SFU)."""


def _check_redis(settings: Settings) -> None:
    """Ping ``redis_url`` (when set) before a role starts anything that needs it.

    Raises:
        redis.exceptions.ConnectionError: unreachable or refused (one line, see FjordGroup).
    """
    if settings.redis_url is None:
        return
    from redis.asyncio import Redis

    async def ping() -> None:
        assert settings.redis_url is not None
        client = Redis.from_url(settings.redis_url.get_secret_value(),
                                socket_connect_timeout=5, socket_timeout=5)
        try:
            await client.ping()
        finally:
            await client.aclose()

    asyncio.run(ping())


def _finite(_ctx: click.Context, _param: click.Parameter, value: float) -> float:
    """A number of seconds: click's FloatRange lets ``nan`` through (it compares false)."""
    if not math.isfinite(value):
        raise click.BadParameter("must be a finite number of seconds")
    return value


def _org_name(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """``--org``: 1-100 characters, no control characters or bidirectional overrides."""
    if value is None:
        return value
    from signaling.messages import check_display_name

    if not 1 <= len(value) <= 100:
        raise click.BadParameter("must be 1-100 characters")
    try:
        return check_display_name(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def org_option(**kwargs: Any) -> Callable[..., Any]:
    """The ``--org NAME`` option of the operator commands (validated by :func:`_org_name`)."""
    return click.option("--org", "org_name", callback=_org_name, help="Organization name",
                        **kwargs)


@main.command()
@settings_options
def serve(settings: Settings) -> None:
    """All-in-one server: HTTPS+WSS signaling, TURN relay and SFU in one process."""
    from fjord.serve import run_all_in_one

    _check_redis(settings)
    _run(run_all_in_one(settings))


@main.command()
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Relay processes sharing the TURN ports (SO_REUSEPORT); "
              "same as --turn-workers")
@settings_options(aliases={"workers": "turn_workers"})
def turn(settings: Settings) -> None:
    """The TURN relay alone (RFC 8656 over UDP, TCP and TLS)."""
    ports = (settings.turn_udp_port, settings.turn_tcp_port, settings.turn_tls_port)
    if settings.turn_workers > 1 and 0 in ports:
        click.echo("fjord: invalid setting configuration: turn_workers > 1 needs fixed TURN "
                   "ports (0 would give each worker another port)", err=True)
        sys.exit(2)
    from fjord.serve import run_turn

    _run(run_turn(settings))


@main.command()
@settings_options
def signaling(settings: Settings) -> None:
    """The signaling server alone (HTTPS+WSS, meetings API); group rooms go to the SFU nodes
    registered in Redis (needs --redis-url)."""
    from fjord.serve import run_signaling

    _check_redis(settings)
    _run(run_signaling(settings))


@main.group("sfu", invoke_without_command=True)
@click.option("--workers", type=click.IntRange(0, 256), default=None,
              help="Worker processes, one UDP port each from --sfu-port up (0: one per core); "
              "same as --sfu-workers")
@settings_options(aliases={"workers": "sfu_workers"})
@click.pass_context
def sfu_group(ctx: click.Context, settings: Settings) -> None:
    """The SFU alone: N worker processes registered in Redis (needs --redis-url)."""
    if ctx.invoked_subcommand is not None:
        return
    if settings.redis_url is None:
        click.echo("fjord: fjord sfu needs --redis-url (FJORD_REDIS_URL): its control channel",
                   err=True)
        sys.exit(2)
    problem = settings.sfu_ports_problem(settings.sfu_worker_count)  # 0 workers: one per core
    if problem:
        click.echo(f"fjord: invalid setting configuration: {problem}", err=True)
        sys.exit(2)
    _check_redis(settings)
    from fjord.workers import run_sfu

    _run(run_sfu(settings))


@sfu_group.command("drain")
@click.option("--node", "node", default=None,
              help="Node id (or host node id: drains its -w<i> workers); default --node-id")
@click.option("--wait/--no-wait", default=True, show_default=True,
              help="Wait until the rooms of the node end")
@click.option("--timeout", type=click.FloatRange(0, 30 * 86400), default=3600.0,
              show_default=True, help="Seconds", callback=_finite)
@settings_options
def sfu_drain(settings: Settings, node: str | None, wait: bool, timeout: float) -> None:
    """Stop placing new rooms on an SFU node and wait for its rooms to end."""
    from fjord.workers import drain

    node = node or settings.node_id
    if settings.redis_url is None or node is None:
        click.echo("fjord: fjord sfu drain needs --redis-url and --node (or --node-id)", err=True)
        sys.exit(2)
    try:
        left = asyncio.run(drain(settings, node, wait, timeout, echo=click.echo))
    except ValueError as exc:
        click.echo(f"fjord: {exc}", err=True)
        sys.exit(1)
    if left:
        click.echo(f"{left} room(s) still open", err=True)
        sys.exit(1 if wait else 0)
    click.echo("drained")


@main.command()
@click.option("--from-outside", "from_outside", default=None, metavar="URL",
              help="Check the public URL as a client would (run from another network)")
@click.option("--timeout", type=click.FloatRange(0, 300, min_open=True), default=3.0,
              show_default=True, help="Seconds per network check", callback=_finite)
@settings_options
def doctor(settings: Settings, from_outside: str | None, timeout: float) -> None:
    """Check a running deployment: TLS, WebSocket, SFU UDP, TURN UDP/TCP/TLS, clock."""
    from fjord.doctor import render, run_doctor

    results = asyncio.run(run_doctor(settings, from_outside, timeout))
    click.echo(render(results))
    sys.exit(0 if all(r.ok for r in results) else 1)


@main.group("recording")
def recording_group() -> None:
    """Cloud recordings (issue 14)."""


@recording_group.command("decrypt")
@click.option("--identity", "identity_file", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File holding the AGE-SECRET-KEY-1... identity (as age-keygen writes it)")
@click.argument("source", type=click.File("rb"))
@click.argument("target", type=click.Path(dir_okay=False, allow_dash=True))
def recording_decrypt(identity_file: Path, source: Any, target: str) -> None:
    """Decrypt an encrypted recording (age v1, X25519): SOURCE to TARGET ("-": stdin/out).
    TARGET appears only once all of it is decrypted and authenticated: a file that fails
    (tampered, truncated, another key) leaves none behind."""
    from recording.age import decrypt
    from recording.errors import ParseError

    keys = [line.strip() for line in identity_file.read_text().splitlines()
            if line.strip().upper().startswith("AGE-SECRET-KEY-1")]
    if not keys:
        raise click.ClickException(f"{identity_file}: no AGE-SECRET-KEY-1... line")
    if target == "-":
        out = click.get_binary_stream("stdout")
    else:  # a temporary file beside TARGET, renamed once complete
        import tempfile

        out = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed or removed below)
            dir=Path(target).resolve().parent, prefix=".fjord-decrypt-", delete=False)
    try:
        for chunk in decrypt(keys[0], source):
            out.write(chunk)
    except BaseException as error:  # a failure, or an interrupt: no partial TARGET left
        if target != "-":
            out.close()
            Path(out.name).unlink()
        if isinstance(error, ParseError):
            raise click.ClickException(f"cannot decrypt: {error}") from None
        raise
    if target != "-":
        out.close()
        Path(out.name).replace(target)


@main.group("api-key")
def api_key() -> None:
    """Manage API keys of the meetings REST API."""


@api_key.command("create")
@org_option(default="demo", show_default=True)
@settings_options(only=ADMIN_SETTINGS)
def api_key_create(settings: Settings, org_name: str) -> None:
    """Create an API key; prints the key alone on the last line (only its hash is stored)."""
    from fjord.operations import create_api_key

    key = _operate(create_api_key(settings, org_name))
    click.echo(f"API key for organization {org_name!r} (shown once, store it safely):", err=True)
    click.echo(key)


@api_key.command("list")
@org_option(default="demo", show_default=True)
@settings_options(only=ADMIN_SETTINGS)
def api_key_list(settings: Settings, org_name: str) -> None:
    """List the organization's API keys (ids and dates) as JSON."""
    from fjord.operations import list_api_keys

    click.echo(json.dumps(_operate(list_api_keys(settings, org_name)), indent=2))


@api_key.command("revoke")
@click.argument("key_id")
@org_option(default="demo", show_default=True)
@settings_options(only=ADMIN_SETTINGS)
def api_key_revoke(settings: Settings, org_name: str, key_id: str) -> None:
    """Revoke an API key at once (KEY_ID from `fjord api-key list`)."""
    from fjord.operations import revoke_api_key

    _operate(revoke_api_key(settings, org_name, key_id))
    click.echo(f"revoked {key_id}")


@main.group("privacy")
def privacy_group() -> None:
    """Privacy settings of an organization (also at /v1/admin/privacy)."""


@privacy_group.command("show")
@org_option(required=True)
@settings_options(only=ADMIN_SETTINGS)
def privacy_show(settings: Settings, org_name: str) -> None:
    """Print the organization's privacy settings as JSON."""
    from fjord.operations import privacy

    click.echo(json.dumps(_operate(privacy(settings, org_name)), indent=2))


@privacy_group.command("set")
@org_option(required=True)
@click.option("--force-relay/--no-force-relay", is_flag=True, default=None,
              help="P2P media only through TURN: participants never learn each other's IP")
@click.option("--redact-display-names/--no-redact-display-names", is_flag=True, default=None,
              help="Show display names as [[redacted]] outside the live room")
@click.option("--chat-disabled/--no-chat-disabled", is_flag=True, default=None,
              help="Turn chat off")
@click.option("--end-to-end-encryption/--no-end-to-end-encryption", is_flag=True,
              default=None, help="Every group room end-to-end encrypted (docs/e2ee.md)")
@click.option("--allowed-embed-origin", "origins", multiple=True,
              help="Origin allowed to embed rooms (repeat; replaces the list)")
@click.option("--clear-embed-origins", is_flag=True, help="Allow no embedding origin")
@click.option("--org-audit-retention-days", type=click.IntRange(0, 3650), default=None,
              help="Audit retention of this organization in days (0: the operator's default)")
@click.option("--encryption-public-key", "recipient", default=None, metavar="AGE1...",
              help="age X25519 recipient every cloud recording is encrypted to before upload "
                   "(a meeting's own key wins)")
@click.option("--clear-encryption-public-key", is_flag=True,
              help="Upload cloud recordings unencrypted unless the meeting gives a key")
@settings_options(only=ADMIN_SETTINGS)
def privacy_set(settings: Settings, org_name: str, force_relay: bool | None,
                redact_display_names: bool | None, chat_disabled: bool | None,
                end_to_end_encryption: bool | None,
                origins: tuple[str, ...], clear_embed_origins: bool,
                org_audit_retention_days: int | None, recipient: str | None,
                clear_encryption_public_key: bool) -> None:
    """Change the organization's privacy settings; prints the result as JSON."""
    from fjord.operations import privacy

    changes: dict[str, Any] = {
        name: value
        for name, value in (("relay_only", force_relay),
                            ("redact_display_names", redact_display_names),
                            ("chat_disabled", chat_disabled),
                            ("end_to_end_encryption", end_to_end_encryption))
        if value is not None
    }
    if org_audit_retention_days is not None:
        changes["audit_retention_days"] = org_audit_retention_days or None
    if origins and clear_embed_origins:
        raise click.UsageError("--allowed-embed-origin and --clear-embed-origins exclude "
                               "each other")
    if origins or clear_embed_origins:
        import re

        from signaling.admin_api import ORIGIN

        for origin in origins:
            if not re.fullmatch(ORIGIN, origin):
                raise click.BadParameter(f"{origin!r} is not scheme://host[:port]",
                                         param_hint="--allowed-embed-origin")
        changes["allowed_embed_origins"] = tuple(o.lower() for o in origins)
    if recipient is not None and clear_encryption_public_key:
        raise click.UsageError("--encryption-public-key and --clear-encryption-public-key "
                               "exclude each other")
    if recipient is not None:
        from signaling.recording_settings import recipient_problem

        problem = recipient_problem(recipient)
        if problem is not None:
            raise click.BadParameter(problem, param_hint="--encryption-public-key")
        changes["encryption_public_key"] = recipient
    elif clear_encryption_public_key:
        changes["encryption_public_key"] = None
    click.echo(json.dumps(_operate(privacy(settings, org_name, changes)), indent=2))


@main.group("config")
def config() -> None:
    """Inspect the configuration."""


@config.command("show")
@settings_options
def config_show(settings: Settings) -> None:
    """Print the effective settings as JSON, secrets masked."""
    click.echo(json.dumps(settings.model_dump(mode="json"), indent=2))


@main.group("keys")
def keys_group() -> None:
    """Rotate the KEK, the data keys, the room-key signing key and the TURN secret."""


@keys_group.command("rotate-kek")
@settings_options(only=ADMIN_SETTINGS)
def keys_rotate_kek(settings: Settings) -> None:
    """Make a new KEK current and rewrap every data key under it (resumable)."""
    from fjord.operations import rotate_kek

    count = _operate(rotate_kek(settings))
    click.echo(f"rewrapped {count} keys under the new KEK")


@keys_group.command("rotate-data-keys")
@org_option(default=None)
@click.option("--batch-size", default=100, show_default=True, type=click.IntRange(1, 10000))
@settings_options(only=ADMIN_SETTINGS)
def keys_rotate_data_keys(settings: Settings, org_name: str | None, batch_size: int) -> None:
    """Re-encrypt rows under a new data key version; resumable, without downtime."""
    from fjord.operations import rotate_data_keys

    done = _operate(rotate_data_keys(settings, org_name, batch_size))
    for org_id, progress in done.items():
        click.echo(f"{org_id}: {progress.values_rewritten} values re-encrypted "
                   f"in {progress.batches} batches")


@keys_group.command("rotate-signing-key")
@settings_options(only=(*ADMIN_SETTINGS, "room_signing_key_overlap"))
def keys_rotate_signing_key(settings: Settings) -> None:
    """New room-key signing key; the old one verifies during the overlap (restart to load)."""
    from fjord.operations import rotate_room_signing_key

    click.echo(f"new signing key {_operate(rotate_room_signing_key(settings))}")


@keys_group.command("rotate-turn-secret")
@settings_options(only=ADMIN_SETTINGS)
def keys_rotate_turn_secret(settings: Settings) -> None:
    """New TURN REST secret; the previous one stays accepted until the next rotation."""
    from fjord.operations import rotate_turn

    _operate(rotate_turn(settings))
    click.echo("TURN secret rotated (restart servers to use it)")


@keys_group.command("create-missing")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation")
@settings_options(only=ADMIN_SETTINGS)
def keys_create_missing(settings: Settings, yes: bool) -> None:
    """New data keys for organizations that have none (keyring lost for good, no backup);
    values sealed under the lost keys stay unreadable."""
    from fjord.operations import create_missing_keys, missing_keys

    found = _operate(missing_keys(settings))
    if not found:
        click.echo("every organization has its data key")
        return
    for org in found:
        click.echo(f"{org['id']} ({org['name']}): no data key; {org['encryptedRows']} rows "
                   "hold values sealed under the lost key", err=True)
    if not yes:
        click.confirm(f"Give {len(found)} organization(s) new data keys? Restore the keyring "
                      "from backup instead if you can", abort=True)
    for org in _operate(create_missing_keys(settings)):
        click.echo(f"new data key for {org['id']}")


@main.group("org")
def org_group() -> None:
    """Manage organizations."""


@org_group.command("delete")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation")
@settings_options(only=ADMIN_SETTINGS)
def org_delete(settings: Settings, name: str, yes: bool) -> None:
    """Delete an organization and crypto-shred its data keys (irreversible)."""
    from fjord.operations import delete_organization

    if not yes:
        click.confirm(f"Delete organization {name!r} and destroy its keys?", abort=True)
    counts = _operate(delete_organization(settings, name))
    click.echo(json.dumps(counts))


@main.group("user")
def user_group() -> None:
    """Data-subject requests for admin users."""


def _user_options(command: Callable[..., Any]) -> Callable[..., Any]:
    command = click.option("--id", "user_id", default=None, help="Admin user id")(command)
    command = click.option("--email", default=None, help="Admin user email")(command)
    return org_option(required=True)(command)


@user_group.command("export")
@_user_options
@settings_options(only=ADMIN_SETTINGS)
def user_export(settings: Settings, org_name: str, email: str | None,
                user_id: str | None) -> None:
    """Print everything stored about an admin user as JSON."""
    from fjord.operations import export_user

    click.echo(json.dumps(_operate(export_user(settings, org_name, email, user_id)), indent=2))


@user_group.command("erase")
@_user_options
@settings_options(only=ADMIN_SETTINGS)
def user_erase(settings: Settings, org_name: str, email: str | None,
               user_id: str | None) -> None:
    """Erase an admin user: their email, name and external id are deleted."""
    from fjord.operations import erase_user

    click.echo(f"erased {_operate(erase_user(settings, org_name, email, user_id))}")


def _operate(coro: Any) -> Any:
    """Run an operator action (its known failures become one line in :class:`FjordGroup`)."""
    return asyncio.run(coro)


def _run(coro: Any) -> None:
    """Run a server role until interrupted; an OSError then reads ``cannot start: ...``."""
    click.get_current_context().meta[SERVER] = True
    try:
        import uvloop

        runner: Callable[[Any], Any] = uvloop.run
    except ImportError:
        runner = asyncio.run
    with contextlib.suppress(KeyboardInterrupt):
        runner(coro)


def _register_bench() -> None:
    from bench.cli import bench

    main.add_command(bench)


_register_bench()
