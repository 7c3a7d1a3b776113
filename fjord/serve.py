"""The composition root: reads settings, prepares the data dir and wires the packages.

``fjord serve`` runs signaling, the TURN relay and the SFU in one process (the embedded
default; with ``redis_url`` the SFU runs as worker processes registered in Redis);
``fjord signaling`` runs signaling alone against the SFU nodes in Redis; ``fjord turn`` runs
the relay alone. ``fjord sfu`` lives in :mod:`fjord.workers`.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import functools
import hashlib
import logging
import os
import secrets
import signal
import socket
import ssl
import sys
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import uvicorn

from fjord.data_dir import DataDir, RelayFiles, database_url, prepare_data_dir, prepare_relay_files
from fjord.demo_meeting import demo_room_url
from fjord.http_guard import guarded_protocols
from fjord.listeners import bind_tcp, binding, binding_turn
from fjord.memory_trim import MemoryTrimmer
from fjord.ports import HTTP_REDIRECT, HTTPS, METRICS, SFU
from fjord.setting_checks import webhook_ca_problem
from fjord.settings import Settings
from fjord.stop_signals import stop_when, stopped_while_starting
from fjord.url_passwords import mask_database_url
from fjord.workers import Supervisor, WorkerFailed
from keys.errors import KeysDiffer
from keys.field_cipher import FieldCipher
from keys.tls_reload import TlsReloader
from operability.connection_guard import ConnectionGuard
from operability.request_ids import MAX_REQUEST_HEAD
from operability.tls_policy import server_ssl_context
from sfu.rtp_tap import RtpTap, parse_tap_address
from sfu.worker import SfuWorker
from sfu_control.local import LocalSfu
from signaling.app import create_app
from signaling.context import SignalingContext
from signaling.media import MediaControl
from signaling.meeting_store import MeetingRecord
from signaling.recordings import LeaseHolder
from signaling.retention import run_purge
from signaling.rooms import RoomRegistry
from signaling.store import DatabasesDiffer, Store
from turn.config import TurnConfig
from turn.native_server import make_turn_server

log = logging.getLogger("fjord")
RTP_TAP_ENV = "FJORD_TEST_RTP_TAP"
"""Test-only: a loopback ``host:port`` that receives a copy of every RTP packet the SFU
routes (sfu/rtp_tap.py). Never set in a deployment."""
WEBHOOK_FLUSH_S = 5.0
"""At shutdown, after the recordings complete: how long queued webhooks get to go out."""


def turn_config(settings: Settings, data: RelayFiles) -> TurnConfig:
    return TurnConfig(
        listen_ip=settings.turn_listen_ip,
        relay_ip=settings.turn_relay_ip,
        relay_ip6=settings.turn_relay_ip6,
        announced_ip=settings.announced_ip,
        announced_ip6=settings.announced_ip6,
        udp_port=settings.turn_udp_port,
        tcp_port=settings.turn_tcp_port,
        tls_port=settings.turn_tls_port,
        tls_cert=data.tls_cert,
        tls_key=data.tls_key,
        relay_port_min=settings.turn_relay_port_min,
        relay_port_max=settings.turn_relay_port_max,
        secrets=data.turn_secrets,
        realm=settings.turn_realm,
        allowed_peer_ips=list(settings.turn_allowed_peer_ips),
        max_allocations=settings.turn_max_allocations,
        max_allocations_per_user=settings.turn_max_allocations_per_user,
        max_allocations_per_address=settings.turn_max_allocations_per_ip,
        max_connections_per_address=settings.turn_max_connections_per_ip,
        max_tls_handshakes=settings.turn_max_tls_handshakes,
        bandwidth_limit=settings.turn_bandwidth_limit,
        reuse_port=settings.turn_workers > 1,
        native_coalesce_us=settings.turn_native_coalesce_us,
        request_rate=settings.turn_request_rate,
        request_burst=max(1, round(2 * settings.turn_request_rate)),
        unauthenticated_rate=settings.turn_unauthenticated_rate,
        unauthenticated_burst=max(1, round(2 * settings.turn_unauthenticated_rate)),
    )


def configure_logging(settings: Settings, node: str | None = None) -> None:
    """JSON (or text) logs on stderr, addresses truncated (see :mod:`operability.logs`)."""
    from operability.logs import configure_logging as configure

    configure(settings.log_level, settings.log_format, node=node)


async def open_store(settings: Settings, data: DataDir | None = None) -> Store:
    """Open the account store with field encryption under the data dir's keyring."""
    data = data or prepare_data_dir(settings)
    return await Store.open(database_url(settings), FieldCipher(data.keyring))


def _guarded(settings: Settings, trimmer: MemoryTrimmer | None = None,
             tls: ssl.SSLContext | None = None) -> dict[str, object]:
    """uvicorn's ``http`` and ``ws`` protocols with the listener's head timeout and
    per-address connection cap (:mod:`fjord.http_guard`); ``trimmer`` hears of every
    connection that ends. With ``tls`` they do the TLS handshake (within those limits)."""
    guard = ConnectionGuard(settings.http_request_head_timeout,
                            settings.http_max_connections_per_ip, settings.trusted_proxies,
                            on_release=trimmer.connection_closed if trimmer else None)
    http, ws = guarded_protocols(guard, tls)
    return {"http": http, "ws": ws}


class _Listener(uvicorn.Server):
    """uvicorn's server without its own signal handling: :func:`stop_on_signals` stops every
    listener of the process, then the shutdown runs to its end. (uvicorn raises a stop
    signal again once it stopped, and the process died there, before its shutdown: running
    recordings stayed ``recording`` forever, the SFU and the database were never closed.)"""

    tls_context: ssl.SSLContext | None = None
    """The HTTPS listener's TLS context (its protocols do the handshake, uvicorn is given
    no ``ssl``: :mod:`fjord.http_guard`)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def stop_on_signals(servers: list[uvicorn.Server]) -> None:
    """SIGTERM or SIGINT stops ``servers`` (requests in flight drain); a second SIGINT
    stops them at once (uvicorn's ``force_exit``). A SIGTERM that came during start-up
    stops them as soon as they start."""
    loop = asyncio.get_running_loop()

    def stop(sig: signal.Signals) -> None:
        for server in servers:
            if server.should_exit and sig == signal.SIGINT:
                server.force_exit = True
            server.should_exit = True

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop, sig)
    if stopped_while_starting():
        stop(signal.SIGTERM)


def _uvicorn_server(settings: Settings, app: object, data: DataDir) -> _Listener:
    # One TLS policy for HTTPS and TURN over TLS (operability/tls_policy.py).
    tls = server_ssl_context(data.tls_cert, data.tls_key)
    config = uvicorn.Config(
        app,
        host=settings.listen_ip,
        port=settings.https_port,
        access_log=False,  # request lines carry room keys in query strings
        log_config=None,
        # uvicorn's h11 protocol, guarded: h11 bounds a request head (MAX_REQUEST_HEAD); the
        # httptools parser would buffer an endless header line from anyone on the internet.
        # The guard does the TLS handshake too, so that it bounds unfinished ones.
        **_guarded(settings, MemoryTrimmer(), tls),
        h11_max_incomplete_event_size=MAX_REQUEST_HEAD,
        # uvicorn believes X-Forwarded-For from 127.0.0.1 by default: any local process
        # could pick its own rate-limit bucket. Only configured proxies are believed.
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=",".join(settings.trusted_proxies) or "",
        # A frame up to twice the message limit is read and refused with an error message
        # (too_large); a larger one closes the connection (1009) unread.
        ws_max_size=2 * settings.ws_max_message_bytes,
        ws_ping_interval=20.0,
        ws_ping_timeout=20.0,
        timeout_keep_alive=15,
        # Requests in flight at shutdown drain this long (idle connections close at once).
        timeout_graceful_shutdown=10,
        limit_concurrency=2000,
        server_header=False,
    )
    listener = _Listener(config)
    listener.tls_context = tls
    return listener


def https_redirect(base_url: str) -> Callable[..., Awaitable[None]]:
    """The ASGI app of the plain-HTTP port: a 308 to the same path and query under
    ``base_url`` (a host link keeps its ``roomKey``)."""
    from starlette.responses import RedirectResponse

    async def redirect(scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        # As received (still percent-encoded), so nothing is decoded and re-encoded. A target
        # that is not a path (``OPTIONS *``) goes to the root: appended, it would change
        # the host of the redirect.
        path = scope.get("raw_path") or b"/"
        target = base_url + (path if path.startswith(b"/") else b"/").decode("latin-1")
        if scope.get("query_string"):
            target += "?" + scope["query_string"].decode("latin-1")
        await RedirectResponse(target, status_code=308)(scope, receive, send)

    return redirect


def _redirect_server(settings: Settings) -> uvicorn.Server:
    """A plain-HTTP listener whose only answer is a redirect to HTTPS."""
    config = uvicorn.Config(
        https_redirect(settings.base_url), host=settings.listen_ip,
        port=settings.http_redirect_port,
        access_log=False, log_config=None, lifespan="off",
        **_guarded(settings), h11_max_incomplete_event_size=MAX_REQUEST_HEAD,
        timeout_graceful_shutdown=10,
    )
    return _Listener(config)


async def run_all_in_one(settings: Settings) -> None:
    """``fjord serve``: signaling + TURN + SFU until interrupted.

    Without ``redis_url`` the SFU is one worker in this process (the embedded default); with
    it, ``sfu_workers`` SFU worker processes register in Redis like ``fjord sfu`` and group
    rooms are placed on the least-loaded one.
    """
    await _run_signaling(settings, with_turn=True, role="serve")


async def run_signaling(settings: Settings) -> None:
    """``fjord signaling``: the signaling app alone; group rooms go to the SFU nodes
    registered in Redis (``fjord sfu``).

    Raises:
        SystemExit: ``redis_url`` is not set (one line).
    """
    if settings.redis_url is None:
        raise SystemExit("fjord: fjord signaling needs --redis-url (FJORD_REDIS_URL) to reach "
                         "the SFU nodes")
    await _run_signaling(settings, with_turn=False, role="signaling")


async def _run_signaling(settings: Settings, with_turn: bool, role: str) -> None:
    from fjord.collectors import (
        SfuWorkersCollector,
        SignalingRoomsCollector,
        exported_by,
        register,
    )
    from fjord.workers import base_node_id, sfu_config
    from operability.health import filtered_registry
    from operability.loop_lag import LoopLagMonitor
    from operability.request_ids import RequestIds

    node_id = base_node_id(settings)
    configure_logging(settings, node=node_id)
    data = prepare_data_dir(settings)
    if problem := webhook_ca_problem(settings):  # may name the development CA made just now
        print(f"fjord: {problem}", file=sys.stderr)
        raise SystemExit(2)  # an invalid setting, as the settings' own check says it
    # Bound here, not by uvicorn: a port taken stops start-up with one line naming it.
    sockets = [bind_tcp(HTTPS, settings)]
    if settings.http_redirect_port:
        sockets.append(bind_tcp(HTTP_REDIRECT, settings))
    store = await open_store(settings, data)
    lock = None  # this node's id, held in Redis: a second process under it stops here
    try:
        database = await store.deployment_id()
        if settings.redis_url is not None:
            await _check_peers(settings, data, database)
            from cluster.node_lock import SignalingNodeLock  # before the SFU workers' ids
            lock = await SignalingNodeLock.held(settings.redis_url.get_secret_value(), node_id,
                                                settings.node_ttl, settings.node_heartbeat_interval)
    except BaseException:
        await store.close()
        raise
    closers: list = [lock.close] if lock is not None else []
    unregister: list = []
    turn = None
    if with_turn:
        turn = make_turn_server(turn_config(settings, data), settings.turn_native)
        with binding_turn(settings):
            await turn.start()
        closers.append(turn.close)
    rooms = RoomRegistry(settings.max_normal_room_size, settings.max_group_room_size,
                         max_knocks_per_address=settings.max_knocks_per_ip)
    unregister.append(register(SignalingRoomsCollector(rooms)))
    supervisor = None
    if settings.redis_url is None:
        sfu = SfuWorker(sfu_config(settings))
        with binding(SFU, settings):
            await sfu.start()
        closers.append(sfu.close)
        if tap_address := os.environ.get(RTP_TAP_ENV):
            # Test-only (sfu/rtp_tap.py): deliberately not a setting, so no configuration
            # file or flag of a deployment can turn it on.
            tap = RtpTap(parse_tap_address(tap_address))
            sfu.rtp_tap = tap
            closers.append(tap.close)
        unregister.append(register(SfuWorkersCollector(lambda: [sfu])))
        media = LocalSfu(sfu, rooms)
    else:
        media, supervisor = await _cluster_media(settings, node_id, rooms, closers,
                                                 run_workers=role == "serve")
        try:
            await _room_bus(settings, node_id, rooms, closers, data, database,
                            store.meetings.by_room_name)
        except BaseException:
            for close in reversed(closers):
                await close()
            for undo in unregister:
                undo()
            await store.close()
            raise
    ctx = SignalingContext(
        settings=settings,
        store=store,
        signer=data.signer,
        turn_secrets=data.turn_secrets,
        rooms=rooms,
        media=media,
        # The SFU runs here only without Redis; with it, fjord serve supervises workers.
        metrics=filtered_registry(exported_by(
            sfu=settings.redis_url is None, turn=with_turn,
            supervisor=settings.redis_url is not None and role == "serve")),
    )
    if ctx.recording.available:  # records here: fjord serve without Redis
        ctx.recording.holder = _lease_holder(settings, data, closers)
    closers.append(functools.partial(_finish_recordings, ctx))  # first: files complete
    server = _uvicorn_server(settings, RequestIds(create_app(ctx)), data)
    servers = [server]
    if settings.http_redirect_port:
        servers.append(_redirect_server(settings))
    stop_on_signals(servers)
    # A demo meeting only for development installs (development certificate), never for an
    # operator's deployment: its host link is printed, room key included.
    demo_url = await demo_room_url(settings, store, data.signer) if data.ca_cert else None
    background = [
        asyncio.create_task(
            run_purge(store, settings.audit_retention_days, settings.purge_interval)
        ),
        LoopLagMonitor(role).start(),
        # Leases of this process's recordings; reconciles those of processes that are gone.
        asyncio.create_task(ctx.recording.keep_alive()),
    ]
    if reload := _certificate_reload(data, [server.tls_context, turn and turn.tls_context]):
        background.append(reload)
    if supervisor is not None:  # a worker it gave up on stops the server, as fjord sfu
        background.append(asyncio.create_task(stop_when(supervisor.failed, servers)))
    if lock is not None:  # another process took this node's id: it stops, named
        background.append(asyncio.create_task(stop_when(lock.lost, servers)))
    tasks = [asyncio.create_task(s.serve(sockets=[sock]))
             for s, sock in zip(servers, sockets, strict=True)]
    while not server.started and not tasks[0].done():
        await asyncio.sleep(0.05)
    if server.started and not server.should_exit:  # not when stopped while starting
        if data.ca_cert:
            print(f"Development CA certificate: {data.ca_cert}", flush=True)
        if demo_url:
            print(f"Open the demo meeting as host: {demo_url}", flush=True)
        print(f"Fjord is running at {settings.base_url}", flush=True)
    try:
        await asyncio.gather(*tasks)
    finally:
        for task in background:
            task.cancel()
        for s in servers:
            s.should_exit = True
        for close in reversed(closers):
            await close()
        for undo in unregister:
            undo()
        await store.close()
    if supervisor is not None and supervisor.failure is not None:
        raise WorkerFailed(supervisor.failure)
    if lock is not None and lock.lost.is_set():
        raise SystemExit(f"fjord: stopped: {lock.taken_message()}")


def _certificate_reload(data: RelayFiles,
                        contexts: list[ssl.SSLContext | None]) -> asyncio.Task[None] | None:
    """With operator certificates, a task that reloads them into every listener's context
    (HTTPS, TURN over TLS; None for a listener not running) when the files change or on
    SIGHUP (:class:`keys.tls_reload.TlsReloader`); None with the development certificate."""
    live = [context for context in contexts if context is not None]
    if data.ca_cert is not None or not live:
        return None
    return TlsReloader(data.tls_cert, data.tls_key, live).start()


def _lease_holder(settings: Settings, data: DataDir, closers: list) -> LeaseHolder | None:
    """This process in its recordings' leases: its node (``node_id``, else the host's name
    and a digest of the data dir's path, which a single node keeps across restarts, unlike
    the default node id's pid) and a random boot id, while it holds the node's lock in the
    data dir for its whole life (so that it ends at once what the node's earlier processes
    left, which must be gone). None when another live process holds that lock (one still
    completing its files at shutdown): the leases then keep the timeout rule. The data dir
    is in the default because the lock is: two servers on one host with data dirs of their
    own, sharing a database, each took the other's live recordings for its own earlier
    process's and ended them."""
    where = hashlib.sha256(os.fsencode(data.root.resolve())).hexdigest()[:8]
    node = settings.node_id or f"{socket.gethostname()}-{where}"
    lock = os.open(data.root / f"recording-{node}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(lock)
        log.warning("recordings of node %s held by another live process of it: theirs are "
                    "recovered when their leases run out", node)
        return None

    async def unlock() -> None:  # closers run in reverse: after the files complete
        os.close(lock)

    closers.append(unlock)
    return LeaseHolder(node, secrets.token_hex(8))


async def _finish_recordings(ctx: SignalingContext) -> None:
    """Shutdown: complete the running recordings (or fail them past the budget) and deliver
    their ``recording.finished`` (or ``recording.failed``) before the process exits."""
    await ctx.recording.close()
    if ctx.webhooks is not None:
        await ctx.webhooks.flush(WEBHOOK_FLUSH_S)


async def _cluster_media(settings: Settings, node_id: str, rooms: RoomRegistry, closers: list,
                         run_workers: bool) -> tuple[MediaControl, Supervisor | None]:
    """Group rooms over Redis; with ``run_workers``, also this host's SFU worker processes
    (and their supervisor)."""
    from redis.asyncio import Redis

    from cluster.registry import NodeRegistry
    from sfu_control.remote import ClusterSfu, cluster_media

    assert settings.redis_url is not None
    redis = Redis.from_url(settings.redis_url.get_secret_value())
    closers.append(redis.aclose)
    supervisor = None
    if run_workers:
        supervisor = Supervisor(settings)
        await supervisor.start()
        if not await supervisor.wait_registered():
            if supervisor.failure is not None:  # as fjord sfu: one line, exit status 1
                await supervisor.close()
                raise WorkerFailed(supervisor.failure)
            log.error("sfu workers did not register in time")
        closers.append(supervisor.close)
    cluster = ClusterSfu(redis, NodeRegistry(redis, settings.node_ttl), node_id,
                         timeout=settings.sfu_request_timeout,
                         watch_interval=settings.node_heartbeat_interval)
    await cluster.start()
    closers.append(cluster.close)
    return cluster_media(cluster, rooms), supervisor


async def _room_bus(settings: Settings, node_id: str, rooms: RoomRegistry,
                    closers: list, data: DataDir, database: str,
                    meeting: Callable[[str], Awaitable[MeetingRecord | None]]) -> None:
    """Share ``rooms`` with the other signaling nodes over Redis (:mod:`cluster.room_bus`);
    its heartbeat tells the node's room-key signing key ids and its database's deployment
    id (:func:`_check_peers`); ``meeting`` reads a room's meeting from the database."""
    from redis.asyncio import Redis

    from cluster.room_bus import RedisRoomBus

    assert settings.redis_url is not None
    redis = Redis.from_url(settings.redis_url.get_secret_value())
    closers.append(redis.aclose)
    bus = RedisRoomBus(redis, rooms, node_id, ttl=settings.node_ttl,
                       interval=settings.node_heartbeat_interval, kids=_kids(data),
                       database=database, meeting=meeting)
    await bus.start()
    closers.append(bus.close)
    # Again, now that this node heartbeats: nodes started at once (the replicas of one
    # Deployment) each checked before the others told anything, and all served.
    await _check_peers(settings, data, database)


def _kids(data: DataDir) -> tuple[str, ...]:
    return tuple(key["kid"] for key in data.signer.jwks()["keys"])


async def _check_peers(settings: Settings, data: DataDir, database: str) -> None:
    """Before serving: stop when a live signaling node of the deployment verifies none of
    this node's room-key signing keys, or uses another database (``database``: this node's
    :meth:`signaling.store.Store.deployment_id`).

    Raises:
        KeysDiffer: the nodes do not share a data dir (each would refuse the other's links).
        DatabasesDiffer: the nodes do not share a database (each would answer 404 for the
            other's meetings).
    """
    from redis.asyncio import Redis

    from cluster.room_keys import peer_heartbeats

    assert settings.redis_url is not None
    redis = Redis.from_url(settings.redis_url.get_secret_value())
    try:
        peers = await peer_heartbeats(redis)
    finally:
        await redis.aclose()
    kids = _kids(data)
    for peer, told in sorted(peers.items()):
        listed = told.get("kids")
        theirs = ({kid for kid in listed if isinstance(kid, str)} if isinstance(listed, list)
                  else set())
        if theirs and not theirs & set(kids):
            raise KeysDiffer(
                f"signaling node {peer} (live in Redis) verifies room keys signed with "
                f"{', '.join(sorted(theirs))} and this node with {', '.join(kids)}: the nodes "
                f"do not share one data dir (this node's: {settings.data_dir}), so host links "
                "made on one are refused by the other; give every signaling node the same "
                "data dir (docs/operations.md, Multi-node), or restart that node if it missed "
                "fjord keys rotate-signing-key")
        if isinstance(told.get("db"), str) and told["db"] != database:
            raise DatabasesDiffer(
                f"signaling node {peer} (live in Redis) uses the database {told['db']} and "
                f"this node {database} ({_database_name(settings)}): meetings made through "
                "one would be unknown to the other; give every signaling node the same "
                "database_url (docs/operations.md, Multi-node)")


def _database_name(settings: Settings) -> str:
    """The database this node opens, without its passwords (a ``?password=`` too)."""
    return mask_database_url(database_url(settings))


async def run_turn(settings: Settings, worker: int | None = None) -> None:
    """``fjord turn``: the TURN relay alone until interrupted, with ``/metrics``,
    ``/healthz`` and ``/readyz`` on ``metrics_port`` when set.

    With ``turn_workers`` N > 1 this process supervises N relay processes
    (:mod:`fjord.turn_workers`); ``worker`` is then the index of one of them, which serves
    its metrics on ``metrics_port + worker``.
    """
    from fjord.stop_signals import graceful_stop
    from fjord.workers import base_node_id
    from operability.health import HealthServer, role_registry
    from operability.loop_lag import LoopLagMonitor

    if settings.turn_workers > 1 and worker is None:
        from fjord.turn_workers import run_turn_workers

        await run_turn_workers(settings, run_turn, prepare_relay_files)
        return
    if worker is not None and settings.metrics_port is not None:
        settings = settings.model_copy(update={"metrics_port": settings.metrics_port + worker})
    configure_logging(settings, node=base_node_id(settings))
    data = prepare_relay_files(settings)
    turn = make_turn_server(turn_config(settings, data), settings.turn_native)
    with binding_turn(settings):
        await turn.start()
    lag = LoopLagMonitor("turn").start()
    reload = _certificate_reload(data, [turn.tls_context])
    health = None
    if settings.metrics_port is not None:
        health = HealthServer(settings.metrics_listen_ip, settings.metrics_port,
                              details=lambda: {"allocations": len(turn.table)},
                              registry=role_registry("fjord_turn_", "fjord_tls_"))
        with binding(METRICS, settings):
            await health.start()
    stop = graceful_stop()
    # One write of the whole line: relay workers (--workers N) start together on one stdout,
    # and print() writes the text and its newline separately, which interleaved them.
    which = f" (worker {worker + 1} of {settings.turn_workers})" if worker is not None else ""
    if sys.stdout is not None:  # stdout closed (>&-): print() said nothing, nor do we
        sys.stdout.write(f"Fjord TURN relay listening on {settings.turn_listen_ip}{which}\n")
        sys.stdout.flush()
    try:
        await stop.wait()
    finally:
        lag.cancel()
        if reload is not None:
            reload.cancel()
        if health is not None:
            await health.close()
        await turn.close()
