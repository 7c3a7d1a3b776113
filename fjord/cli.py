"""The ``fjord`` command: one entry point for every role and operator task.

Known operational failures (unreachable database or Redis, a lost keyring, a damaged key
file, a port in use, a directory that is not a data dir) end every command with one line,
``fjord: ...``, and exit status 1: :class:`FjordGroup` turns them into that line in one
place; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import math
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from fjord.cli_options import (
    SETTINGS,
    SFU_DRAIN_SETTINGS,
    SFU_SETTINGS,
    TURN_SETTINGS,
    settings_options,
)
from fjord.ports import SERVE_BINDS, SFU_BINDS, SIGNALING_BINDS, TURN_BINDS
from fjord.setting_checks import check_url
from fjord.setting_rules import sfu_ports_problem, turn_metrics_ports_problem
from fjord.settings import Settings
from fjord.settings_loading import rule_line
from fjord.stop_signals import startup_signals
from fjord.store_cli import STORE_GROUPS

SERVER = "fjord.server"
"""Key set in ``click.Context.meta`` while a server role runs (:func:`_run`)."""


def _one_line(error: BaseException, meta: dict[str, Any]) -> str | None:
    """The one line a known operational failure ends a command with, or None (a bug)."""
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    from cluster.registry import NodeIdHeld
    from fjord.operations import OperationError
    from fjord.workers import WorkerFailed
    from keys.errors import KeysError
    from signaling.store import (
        DatabasesDiffer,
        DatabaseUnavailable,
        database_error,
        database_outage,
    )

    while isinstance(error, BaseExceptionGroup) and len(error.exceptions) == 1:
        error = error.exceptions[0]
    if isinstance(error, NodeIdHeld):  # a signaling node's id (SFU workers say it themselves)
        return f"cannot start: {error}"
    if isinstance(error, KeysError | OperationError | DatabaseUnavailable | DatabasesDiffer
                  | WorkerFailed):
        return str(error)
    settings = meta.get(SETTINGS)
    if settings is not None and database_outage(error):  # a disk full, a server gone midway
        from fjord.data_dir import database_url

        return str(database_error(database_url(settings), error, "error from the database"))
    if isinstance(error, RedisConnectionError | RedisTimeoutError):
        return f"cannot reach Redis at {_redis_address(meta.get(SETTINGS))}: {error}"
    if isinstance(error, OSError):  # a listener cannot bind, a directory cannot be made
        line = f"cannot start: {error}" if meta.get(SERVER) else str(error)
        if (error.errno in (errno.EROFS, errno.EACCES, errno.EPERM) and settings is not None
                and isinstance(error.filename, str) and Path(error.filename).resolve()
                .is_relative_to(settings.data_dir.resolve())):
            line += (": the data dir must be writable by the user running fjord (key files "
                     "take a lock, the database is written), operator commands included")
        return line
    return None


def _redis_address(settings: Settings | None) -> str:
    if settings is None or settings.redis_url is None:
        return "(no redis_url)"
    parts = urlsplit(settings.redis_url.get_secret_value())
    if parts.scheme == "unix":
        return parts.path
    return f"{parts.hostname}:{parts.port or 6379}"


class FjordGroup(click.Group):
    """The root group: known operational failures of any command become one line, and
    Ctrl-C ends a command with the shell's status for SIGINT (130), as scripts expect."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\nAborted!", err=True)
            sys.exit(128 + signal.SIGINT)
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
        from redis.exceptions import ResponseError

        from cluster.redis_databases import live_nodes_elsewhere
        from fjord.operations import OperationError

        assert settings.redis_url is not None
        client = Redis.from_url(settings.redis_url.get_secret_value(),
                                socket_connect_timeout=5, socket_timeout=5)
        try:
            await client.ping()
            elsewhere = await live_nodes_elsewhere(client, settings.redis_url.get_secret_value())
            own = client.connection_pool.connection_kwargs.get("db") or 0
        except ResponseError as exc:  # e.g. a database number the server does not have
            raise OperationError(f"Redis at {_redis_address(settings)} refuses redis_url: "
                                 f"{exc}") from None
        finally:
            await client.aclose()
        if elsewhere:
            database, key = next(iter(sorted(elsewhere.items())))
            raise OperationError(
                f"Redis at {_redis_address(settings)} has live Fjord nodes in database "
                f"{database} ({key}) and redis_url names database {own}: Redis shares "
                "pub/sub channels between databases, so the nodes would take each other's "
                "requests. Give every node of a deployment the same redis_url, and each "
                "deployment a Redis server of its own (docs/operations.md, Multi-node)")

    asyncio.run(ping())


def _finite(_ctx: click.Context, _param: click.Parameter, value: float) -> float:
    """A number of seconds: click's FloatRange lets ``nan`` through (it compares false)."""
    if not math.isfinite(value):
        raise click.BadParameter("must be a finite number of seconds")
    return value


def _warn_metrics_port(settings: Settings, role: str) -> None:
    """One warning when ``metrics_port`` is set for a signaling role, which serves its
    ``/metrics``, ``/healthz`` and ``/readyz`` on the HTTPS port and listens on no metrics
    port: the setting was taken and silently ignored, and a probe sent there (the Docker
    image's HEALTHCHECK follows ``FJORD_METRICS_PORT``) found nothing listening."""
    if settings.metrics_port is None:
        return
    if role == "serve" and settings.redis_url is not None:
        use = (f"it places only its SFU workers' /metrics (metrics_port+1+i, from "
               f"{settings.metrics_port + 1})")
    else:
        use = "it is unused here"
    click.echo(f"fjord: warning: fjord {role} listens on no metrics port: its /metrics, "
               f"/healthz and /readyz answer on the HTTPS port ({settings.https_port}); "
               f"metrics_port {settings.metrics_port} (FJORD_METRICS_PORT, --metrics-port) "
               f"is a port of fjord sfu and fjord turn, and {use}", err=True)


@main.command()
@settings_options(binds=SERVE_BINDS)
def serve(settings: Settings) -> None:
    """All-in-one server: HTTPS+WSS signaling, TURN relay and SFU in one process."""
    startup_signals()
    from fjord.serve import run_all_in_one

    _warn_metrics_port(settings, "serve")

    # (a TURN address clients cannot reach, sfu_workers without redis_url: settings rules,
    # refused by settings_options as by fjord config show)
    _check_redis(settings)
    _run(run_all_in_one(settings))


@main.command()
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Relay processes sharing the TURN ports (SO_REUSEPORT); "
              "same as --turn-workers")
@settings_options(aliases={"workers": "turn_workers"}, only=TURN_SETTINGS, binds=TURN_BINDS)
def turn(settings: Settings) -> None:
    """The TURN relay alone (RFC 8656 over UDP, TCP and TLS)."""
    startup_signals()
    if rule := turn_metrics_ports_problem(settings):
        click.echo(f"fjord: {rule_line(*rule)}", err=True)
        sys.exit(2)
    from fjord.serve import run_turn

    _run(run_turn(settings))


@main.command()
@settings_options(binds=SIGNALING_BINDS)
def signaling(settings: Settings) -> None:
    """The signaling server alone (HTTPS+WSS, meetings API); group rooms go to the SFU nodes
    registered in Redis (needs --redis-url)."""
    startup_signals()
    from fjord.serve import run_signaling

    if settings.redis_url is None:  # a setting missing: status 2, as for fjord sfu
        click.echo("fjord: fjord signaling needs --redis-url (FJORD_REDIS_URL) to reach the "
                   "SFU nodes", err=True)
        sys.exit(2)
    _warn_metrics_port(settings, "signaling")
    _check_redis(settings)
    _run(run_signaling(settings))


@main.group("sfu", invoke_without_command=True)
@click.option("--workers", type=click.IntRange(0, 256), default=None,
              help="Worker processes, one UDP port each from --sfu-port up (0: one per core); "
              "same as --sfu-workers")
@settings_options(aliases={"workers": "sfu_workers"}, only=SFU_SETTINGS, binds=SFU_BINDS)
@click.pass_context
def sfu_group(ctx: click.Context, settings: Settings) -> None:
    """The SFU alone: N worker processes registered in Redis (needs --redis-url)."""
    if ctx.invoked_subcommand is not None:
        given = [name for name, value in ctx.params.items() if value is not None]
        if given:  # they configure the workers, not the subcommand: say so, not ignore them
            sub = ctx.invoked_subcommand
            flags = ", ".join("--" + name.replace("_", "-") for name in given)
            if all(name in SFU_DRAIN_SETTINGS for name in given):
                advice = f"give {'them' if len(given) > 1 else 'it'} after {sub}"
            else:
                advice = f"`fjord sfu {sub} --help` lists what it takes"
            raise click.UsageError(f"{flags} configure{'s' if len(given) == 1 else ''} the "
                                   f"SFU workers, not `fjord sfu {sub}`: {advice}")
        return
    startup_signals()
    if settings.redis_url is None:
        click.echo("fjord: fjord sfu needs --redis-url (FJORD_REDIS_URL): its control channel",
                   err=True)
        sys.exit(2)
    problem = sfu_ports_problem(settings, settings.sfu_worker_count)  # 0 workers: one per core
    if problem:
        click.echo(f"fjord: {rule_line(('sfu_port', 'sfu_workers'), problem)}", err=True)
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
@settings_options(only=SFU_DRAIN_SETTINGS)
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
    if left and not wait:
        click.echo(f"{sum(left.values())} room(s) still open", err=True)
    elif left:
        click.echo(f"fjord: timed out after {timeout:g} s: {sum(left.values())} room(s) still "
                   f"open on {', '.join(sorted(left))}; the node(s) stay drained (new rooms "
                   f"go elsewhere): wait longer (fjord sfu drain --node {node} --timeout "
                   "SECONDS), or stop the host anyway (its rooms move to another worker: "
                   "their participants are told media_lost and re-joined there, a few seconds "
                   "without media)", err=True)
        sys.exit(1)
    else:
        click.echo("drained")


def _outside_url(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """``--from-outside``: an https:// URL with a host (the doctor's checks speak TLS), refused
    with one line before any network activity; anything else silently checked localhost."""
    if value is None:
        return value
    try:
        check_url(value, ("https",), "https://meet.example.com")
    except ValueError as exc:
        click.echo(f"fjord: invalid --from-outside URL: {exc}", err=True)
        ctx.exit(2)
    return value


@main.command()
@click.option("--from-outside", "from_outside", default=None, metavar="URL",
              callback=_outside_url,
              help="Check the public URL (https://...) as a client would (run from another "
              "network)")
@click.option("--timeout", type=click.FloatRange(0, 300, min_open=True), default=3.0,
              show_default=True, help="Seconds per network check", callback=_finite)
@settings_options
def doctor(settings: Settings, from_outside: str | None, timeout: float) -> None:
    """Check a running deployment: TLS, WebSocket, SFU UDP, TURN UDP/TCP/TLS, clock, kernel
    drops of media datagrams."""
    from fjord.doctor import render, run_doctor

    results = asyncio.run(run_doctor(settings, from_outside, timeout))
    click.echo(render(results))
    sys.exit(0 if all(r.ok for r in results) else 1)


@main.group("recording")
def recording_group() -> None:
    """Cloud recordings stored in your bucket (see docs/recording.md)."""


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
    import os
    import tempfile

    from fjord.operations import OperationError
    from recording.age import decrypt, recipient_of
    from recording.errors import ParseError

    # Errors are OperationError: one line, "fjord: ...", as every command's (FjordGroup)
    try:
        text = identity_file.read_bytes().decode()
    except UnicodeDecodeError:  # a binary file (the recording itself given by mistake)
        text = ""
    except OSError as exc:
        raise OperationError(f"cannot read {identity_file}: {exc.strerror}") from None
    keys = [line.strip() for line in text.splitlines()
            if line.strip().upper().startswith("AGE-SECRET-KEY-1")]
    if not keys:
        raise OperationError(f"{identity_file}: no AGE-SECRET-KEY-1... line")
    try:  # checked apart: its Bech32 error read as a damaged recording
        recipient_of(keys[0])
    except ValueError:  # ParseError, or a key of another length than X25519's 32 bytes
        raise OperationError(f"{identity_file}: its AGE-SECRET-KEY-1... line is no valid age "
                             "identity (mistyped or cut short?)") from None
    if target != "-":
        with contextlib.suppress(OSError, ValueError):  # TARGET missing, or SOURCE no file
            if os.path.samestat(os.fstat(source.fileno()), os.stat(target)):
                # replaced by its plaintext, the encrypted recording was gone
                raise OperationError(f"{target} is SOURCE itself: give another TARGET")
        try:  # a temporary file beside TARGET, renamed once complete
            out = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed or removed below)
                dir=Path(target).resolve().parent, prefix=".fjord-decrypt-", delete=False)
        except OSError as exc:  # its name is ours, not the operator's: name TARGET
            raise OperationError(f"cannot write {target}: {exc.strerror}") from None
    else:
        out = click.get_binary_stream("stdout")
    try:
        for chunk in decrypt(keys[0], source):
            out.write(chunk)
        if target != "-":
            out.close()
            Path(out.name).replace(target)
    except BaseException as error:  # a failure, or an interrupt: no partial TARGET left
        if target != "-":
            out.close()
            Path(out.name).unlink(missing_ok=True)
        if isinstance(error, ParseError):
            raise OperationError(f"cannot decrypt: {error}") from None
        if isinstance(error, OSError) and target != "-":  # not the temporary file's name
            raise OperationError(f"cannot decrypt to {target}: {error.strerror}") from None
        raise


@main.group("config")
def config() -> None:
    """Inspect the configuration."""


@config.command("show")
@settings_options
def config_show(settings: Settings) -> None:
    """Print the effective settings as JSON, secrets masked."""
    click.echo(json.dumps(settings.model_dump(mode="json"), indent=2))


def _run(coro: Any) -> None:
    """Run a server role until interrupted; an OSError then reads ``cannot start: ...``."""
    click.get_current_context().meta[SERVER] = True
    try:
        import uvloop

        runner: Callable[[Any], Any] = uvloop.run
    except ImportError:
        runner = asyncio.run
    with contextlib.suppress(KeyboardInterrupt):
        runner(_hangup_survived(coro))


async def _hangup_survived(coro: Any) -> None:
    """Await ``coro`` with SIGHUP logged and survived. Service managers send SIGHUP to
    reload; a role with operator certificates reloads them (its
    :class:`keys.tls_reload.TlsReloader` takes the signal over), and any other (the
    development certificate, the SFU) must keep serving rather than die of it."""
    import logging

    def hangup() -> None:
        logging.getLogger("fjord").info(
            "SIGHUP: nothing to reload (no operator TLS certificate in this role)")

    asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, hangup)
    await coro


def _register_commands() -> None:
    from bench.cli import bench

    for group in STORE_GROUPS:
        main.add_command(group)
    main.add_command(bench)


_register_commands()
