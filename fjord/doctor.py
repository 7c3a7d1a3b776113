"""``fjord doctor``: checks a running deployment the way clients will reach it.

Each check returns a :class:`Check` naming what was tried, what was found and, on failure,
the fix. Checks (all with a timeout, traffic only to the configured addresses):

- ``tls``        the HTTPS certificate chains to a trusted CA (or the development CA of the
                 data dir), names the public host and is not about to expire
- ``https``      ``/healthz`` and ``/readyz`` answer 200
- ``websocket``  the signaling WebSocket upgrades (101)
- ``clock``      skew between this host and the server (HTTP ``Date``); room keys and TURN
                 credentials carry expiry times
- ``sfu-udp``    a STUN Binding request with a ``fjord-doctor`` ufrag reaches the SFU on the
                 announced address: the SFU counts it as ``stun_unknown_ufrag`` in ``/metrics``
                 (the answer, 401 for an unknown ufrag, is not needed; an ICMP refusal or
                 no count means the announced address is wrong or the port is filtered)
- ``turn-udp``, ``turn-tcp``, ``turn-tls``  an allocation with REST credentials from the TURN
                 secret whose relayed address is the announced one, and a relayed round
                 trip through a local echo socket that answers to that relayed address (as
                 a remote peer does)
- ``kernel-drops`` what ``/metrics`` counts as ``receive_buffer`` drops (datagrams the
                 kernel dropped before the SFU or TURN server read them): a warning, with
                 the sysctl to raise, when there were any since the server started
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import json
import secrets
import socket
import ssl
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from aioice import stun as aioice_stun
from aioice.turn import create_turn_endpoint

from fjord.settings import Settings
from keys.tls_reload import CERT_WARN_DAYS
from signaling.ice import turns_host
from turn.credentials import rest_credentials

CLOCK_SKEW_LIMIT_S = 2.0
SFU_DROP_REASON = 'fjord_sfu_dropped_packets_total{reason="stun_unknown_ufrag"}'
KERNEL_DROPS = {"SFU": 'fjord_sfu_dropped_packets_total{reason="receive_buffer"}',
                "TURN": 'fjord_turn_dropped_packets_total{reason="receive_buffer"}'}


@dataclass(frozen=True)
class Check:
    """One check: ``ok`` False means the deployment is broken for some clients."""

    name: str
    ok: bool
    detail: str
    fix: str = ""
    warning: bool = False


def render(results: list[Check]) -> str:
    """Human-readable report: one line per check, then its fix when it failed or warned."""
    lines = []
    for r in results:
        mark = "FAIL" if not r.ok else ("warn" if r.warning else " ok ")
        lines.append(f"[{mark}] {r.name:<12} {r.detail}")
        if r.fix and (not r.ok or r.warning):
            lines.append(f"       fix: {r.fix}")
    passed = sum(1 for r in results if r.ok and not r.warning)
    warned = sum(1 for r in results if r.ok and r.warning)
    lines.append(f"{passed}/{len(results)} checks passed"
                 + (f", {warned} with a warning" if warned else ""))
    return "\n".join(lines)


@dataclass
class Target:
    """Where the doctor connects: the public URL's host and the addresses in the settings."""

    url: str
    host: str
    port: int
    connect_host: str
    client_ip: str
    turn_host: str | None
    "The relay's name or address handed to clients (``turn_host``), when it is not ``client_ip``."
    ca_file: Path | None


def target_of(settings: Settings, from_outside: str | None) -> Target:
    url = (from_outside or settings.base_url).rstrip("/")
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    port = parts.port or 443
    if from_outside:
        connect_host = host
    else:  # on the server host: reach the listener directly, present the public name (SNI)
        listen = settings.listen_ip
        connect_host = "127.0.0.1" if listen in ("0.0.0.0", "::") else listen
        port = settings.https_port
    ca = settings.data_dir / "certs" / "dev-ca.pem"
    ca_file = ca if settings.tls_cert_file is None and ca.exists() else None
    if ca_file is not None:
        _check_ca(ca_file)
    return Target(url, host, port, connect_host, settings.client_facing_ip, settings.turn_host,
                  ca_file)


def _check_ca(ca: Path) -> None:
    """The development CA loads: a damaged one failed every TLS check as ``SSLError`` (read
    as "start the server"), or ended the doctor with OpenSSL's line naming no file.

    Raises:
        OperationError: it does not load (one line naming it).
    """
    from fjord.operations import OperationError

    try:
        ssl.create_default_context().load_verify_locations(cafile=str(ca))
    except (ssl.SSLError, OSError) as exc:
        why = ("no PEM certificate in it" if isinstance(exc, ssl.SSLError)
               else exc.strerror or type(exc).__name__)
        raise OperationError(
            f"development CA {ca} cannot be loaded to verify the server's certificate ({why}): "
            f"restore it from backup, or delete {ca.parent} and restart the server to make a "
            "new development CA (browsers then have to trust it)") from None


def ssl_context(target: Target) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if target.ca_file is not None:
        context.load_verify_locations(cafile=str(target.ca_file))
    return context


async def _open(target: Target, timeout: float) -> tuple[asyncio.StreamReader,
                                                         asyncio.StreamWriter]:
    return await asyncio.wait_for(
        asyncio.open_connection(target.connect_host, target.port, ssl=ssl_context(target),
                                server_hostname=target.host),
        timeout,
    )


async def check_tls(target: Target, timeout: float) -> Check:
    fix = ("install a certificate for the public name (tls_cert_file/tls_key_file) from a CA "
           "clients trust, covering the host of public_url")
    try:
        _, writer = await _open(target, timeout)
    except ssl.SSLCertVerificationError as exc:
        return Check("tls", False, f"certificate not accepted for {target.host}: "
                     f"{exc.verify_message}", fix)
    except (OSError, TimeoutError) as exc:
        return Check("tls", False, f"cannot connect to {target.connect_host}:{target.port}: "
                     f"{type(exc).__name__}", "start the server; check listen_ip/https_port "
                     "and the firewall")
    cert = writer.get_extra_info("peercert") or {}
    writer.close()
    not_after = cert.get("notAfter")
    days = (ssl.cert_time_to_seconds(not_after) - time.time()) / 86400 if not_after else 0
    if days < CERT_WARN_DAYS:
        return Check("tls", True, f"certificate for {target.host} expires in {days:.0f} days",
                     "renew the certificate (it is reloaded without restart)", warning=True)
    return Check("tls", True, f"certificate valid for {target.host}, {days:.0f} days left")


async def _http_get(target: Target, path: str, timeout: float) -> tuple[int, dict[str, str],
                                                                        bytes]:
    reader, writer = await _open(target, timeout)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {target.host}\r\nConnection: close\r\n"
                     f"User-Agent: fjord-doctor\r\n\r\n".encode())
        raw = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in
               (line.partition(":") for line in lines[1:])}
    if headers.get("transfer-encoding") == "chunked":
        body = _unchunk(body)
    return status, headers, body


def _unchunk(body: bytes) -> bytes:
    out = bytearray()
    while body:
        size_text, _, rest = body.partition(b"\r\n")
        size = int(size_text.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out += rest[:size]
        body = rest[size + 2:]
    return bytes(out)


async def check_https(target: Target, timeout: float) -> tuple[Check, Check]:
    """``https`` (health and readiness) and ``clock`` (skew against the ``Date`` header)."""
    started = time.time()
    try:
        health, headers, _ = await _http_get(target, "/healthz", timeout)
        answered = time.time()
        ready, _, body = await _http_get(target, "/readyz", timeout)
    except (OSError, TimeoutError, ValueError, IndexError) as exc:
        failed = Check("https", False, f"no HTTP answer: {type(exc).__name__}",
                       "check the server log; the TLS check above shows whether it listens")
        return failed, Check("clock", False, "not measured (no HTTP answer)")
    if health == 200 and ready == 200:
        https = Check("https", True, "/healthz and /readyz answer 200")
    else:
        https = Check("https", False, f"/healthz {health}, /readyz {ready} "
                      f"{body[:80].decode(errors='replace')}",
                      "/readyz checks the database: check database_url and the server log")
    date = headers.get("date")
    if not date:
        return https, Check("clock", True, "server sends no Date header", warning=True)
    server_time = email.utils.parsedate_to_datetime(date).timestamp()  # whole seconds
    skew = skew_of(server_time, started, answered)
    if abs(skew) > CLOCK_SKEW_LIMIT_S:
        return https, Check("clock", False, f"clock differs from the server by {skew:+.1f} s",
                            "run NTP (chrony/systemd-timesyncd) on every node: room keys and "
                            "TURN credentials expire by the clock")
    return https, Check("clock", True, f"skew {skew:+.1f} s (HTTP Date, 1 s resolution)")


def skew_of(server_time: float, started: float, answered: float) -> float:
    """Seconds this clock is ahead of the server's (0 when the server's whole-second
    ``Date`` fits the request's round trip)."""
    if started - 1.0 <= server_time <= answered:
        return 0.0
    return started - 1.0 - server_time if server_time < started - 1.0 else answered - server_time


async def check_websocket(target: Target, timeout: float) -> Check:
    key = secrets.token_bytes(16).hex()[:22] + "=="
    path = "/v1/rooms/fjord-doctor/ws"
    try:
        reader, writer = await _open(target, timeout)
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {target.host}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            f"Sec-WebSocket-Version: 13\r\nOrigin: {target.url}\r\n\r\n".encode()
        )
        status_line = await asyncio.wait_for(reader.readline(), timeout)
        writer.close()
    except ConnectionRefusedError:  # no proxy's fault: nothing is there
        return Check("websocket", False, f"nothing listens on {target.connect_host}:"
                     f"{target.port} (connection refused)",
                     "is fjord serve (or fjord signaling) running, on this https_port "
                     "(--https-port) and listen_ip? From outside: is the proxy in front up, "
                     "on this port?")
    except (OSError, TimeoutError) as exc:
        return Check("websocket", False, f"upgrade failed: {type(exc).__name__}",
                     "a proxy in front must pass Upgrade/Connection headers (nginx: "
                     "proxy_http_version 1.1 and proxy_set_header Upgrade)")
    if b" 101 " in status_line:
        return Check("websocket", True, "WebSocket upgrade accepted (101)")
    return Check("websocket", False, f"upgrade answered {status_line.decode().strip()!r}",
                 "a proxy in front must pass Upgrade/Connection headers and allow long-lived "
                 "connections")


async def _metrics(target: Target, timeout: float) -> str | None:
    """The text of the server's ``/metrics``, or None when it cannot be read."""
    try:
        status, _, body = await _http_get(target, "/metrics", timeout)
    except (OSError, TimeoutError, ValueError, IndexError):
        return None
    return body.decode(errors="replace") if status == 200 else None


def _sample(metrics: str, sample: str) -> float | None:
    """The value of ``sample`` (name and labels) in ``metrics``; None when it is not there."""
    for line in metrics.splitlines():
        if line.startswith(sample + " "):
            return float(line.rsplit(" ", 1)[1])
    return None


async def _sfu_drops(target: Target, timeout: float) -> float | None:
    metrics = await _metrics(target, timeout)
    if metrics is None:
        return None
    value = _sample(metrics, SFU_DROP_REASON)
    if value is None:
        return 0.0 if "fjord_sfu_transports" in metrics else None
    return value


def kernel_drops_check(metrics: str | None) -> Check:
    """The ``kernel-drops`` check from the text of ``/metrics`` (None: not readable there)."""
    if metrics is None or not any(
            family in metrics for family in ("fjord_sfu_transports", "fjord_turn_allocations")):
        return Check("kernel-drops", True, "no SFU or TURN metrics on this URL",
                     "check fjord_sfu_dropped_packets_total and fjord_turn_dropped_packets_total"
                     '{reason="receive_buffer"} on the media servers\' metrics ports',
                     warning=True)
    counts = {server: _sample(metrics, sample) or 0.0 for server, sample in KERNEL_DROPS.items()}
    if not any(counts.values()):
        return Check("kernel-drops", True, "no datagram dropped in kernel receive buffers")
    found = ", ".join(f"{server} {int(count)}" for server, count in counts.items() if count)
    return Check("kernel-drops", True,
                 f"datagrams dropped in kernel receive buffers since the server started: {found}",
                 "on the media hosts, raise the receive buffer cap to at least what Fjord asks "
                 "(sysctl -w net.core.rmem_max=4194304); if it is that high already, the "
                 "server is too busy to read in time: run the SFU and TURN as their own "
                 "processes with more workers (fjord sfu --workers N, fjord turn --workers N)",
                 warning=True)


async def check_kernel_drops(target: Target, timeout: float) -> Check:
    return kernel_drops_check(await _metrics(target, timeout))


async def check_sfu_udp(settings: Settings, target: Target, timeout: float) -> Check:
    ip, port = target.client_ip, settings.sfu_port
    fix = (f"set announced_ip to the public address clients reach (now {ip}) and open UDP "
           f"{port} (one port per SFU worker) in the firewall/NAT to sfu_listen_ip")
    before = await _sfu_drops(target, timeout)
    if before is None and settings.redis_url is not None:
        return await _check_registered_sfus(settings, timeout)
    if (problem := await _send_stun(ip, port)) is not None:
        return Check("sfu-udp", False, problem, fix)
    if before is None:
        return Check("sfu-udp", True, f"STUN sent to {ip}:{port}; no SFU metrics on this URL "
                     "to confirm arrival", "check fjord_sfu_dropped_packets_total"
                     "{reason=\"stun_unknown_ufrag\"} on the SFU metrics port", warning=True)
    deadline = time.monotonic() + max(timeout, 2.5)
    while time.monotonic() < deadline:
        await asyncio.sleep(0.5)
        after = await _sfu_drops(target, timeout)
        if after is not None and after > before:
            return Check("sfu-udp", True, f"SFU received STUN on announced {ip}:{port}")
    return Check("sfu-udp", False, f"SFU did not receive STUN sent to announced {ip}:{port}",
                 fix)


async def _check_registered_sfus(settings: Settings, timeout: float) -> Check:
    """The SFU runs in other processes (``redis_url``): STUN to the address each worker
    registered, which is the one clients are given (its ``announced_ip``), not this node's
    own ``announced_ip`` and ``sfu_port``, where no SFU need run."""
    from redis.asyncio import Redis

    from cluster.registry import NodeRegistry

    assert settings.redis_url is not None
    redis = Redis.from_url(settings.redis_url.get_secret_value(),
                           socket_connect_timeout=timeout, socket_timeout=timeout)
    try:
        nodes = await NodeRegistry(redis, settings.node_ttl).nodes()
    except Exception as exc:  # noqa: BLE001 - any Redis fault is a failed check
        return Check("sfu-udp", False, f"cannot read the SFU nodes from Redis: "
                     f"{type(exc).__name__}", "check redis_url and that Redis runs")
    finally:
        await redis.aclose()
    if not nodes:
        return Check("sfu-udp", False, "no SFU node is registered in Redis",
                     "start fjord sfu with the same redis_url")
    sent = []
    for node in nodes:
        if not node.host:  # a worker of a version that did not register it
            sent.append(f"{node.node_id} (no address registered)")
            continue
        host, _, port = node.host.rpartition(":")
        if (problem := await _send_stun(host.strip("[]"), int(port))) is not None:
            return Check("sfu-udp", False, f"{node.node_id}: {problem}",
                         "set announced_ip on that SFU host to the address clients reach and "
                         "open its UDP port in the firewall/NAT")
        sent.append(f"{node.node_id} at {node.host}")
    return Check("sfu-udp", True, f"STUN sent to the registered SFU workers ({', '.join(sent)}); "
                 "no SFU metrics on this URL to confirm arrival",
                 "check fjord_sfu_dropped_packets_total{reason=\"stun_unknown_ufrag\"} on "
                 "their metrics ports", warning=True)


async def _send_stun(ip: str, port: int) -> str | None:
    """Send a few STUN Binding requests with a ``fjord-doctor`` ufrag to ``ip:port``; the
    problem (nothing listens, cannot send) or None."""
    request = aioice_stun.Message(message_method=aioice_stun.Method.BINDING,
                                  message_class=aioice_stun.Class.REQUEST)
    request.attributes["USERNAME"] = f"fjord-doctor{secrets.token_hex(4)}:doctor"
    request.add_fingerprint()  # the SFU drops a request without one as stun_fingerprint
    loop = asyncio.get_running_loop()
    sock = socket.socket(socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_DGRAM)
    sock.setblocking(False)
    try:
        sock.connect((ip, port))
        for _ in range(3):
            sock.send(bytes(request))
            await asyncio.sleep(0.05)
        with contextlib.suppress(TimeoutError, BlockingIOError):
            await asyncio.wait_for(loop.sock_recv(sock, 2048), 0.3)
    except ConnectionRefusedError:
        return f"nothing listens on UDP {ip}:{port} (ICMP refused)"
    except OSError as exc:
        return f"cannot send to UDP {ip}:{port}: {exc.strerror}"
    finally:
        sock.close()
    return None


class _Echo(asyncio.DatagramProtocol):
    """Answers to the relayed address the relay announced, as a remote peer does with a
    relayed candidate, not to the packet's source (the relay's real socket)."""

    def __init__(self, reply_to: tuple[str, int]) -> None:
        self.reply_to = reply_to

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.transport.sendto(data, self.reply_to)  # type: ignore[attr-defined]


class _Collect(asyncio.DatagramProtocol):
    def __init__(self) -> None:
        self.received: asyncio.Queue[bytes] = asyncio.Queue()
        self.errors: list[Exception] = []

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.received.put_nowait(data)

    def error_received(self, exc: Exception) -> None:
        self.errors.append(exc)


def _turn_secret(settings: Settings) -> bytes | None:
    if settings.turn_secret is not None:
        return settings.turn_secret.get_secret_value().encode()
    path = settings.data_dir / "keys" / "turn-secret.json"
    try:
        return json.loads(path.read_text())["secrets"][0].encode()
    except (OSError, ValueError, KeyError, IndexError):
        return None


def _turn_fault(name: str, exc: BaseException, address: str, secret_source: str,
                settings: Settings) -> Check:
    text = str(exc)
    code, reason = _stun_error(exc)
    if code == 508 and reason == "Server full":  # RFC 8656 Insufficient Capacity
        return Check(name, False, f"{address} holds as many allocations as it takes ({text})",
                     f"raise turn_max_allocations (now {settings.turn_max_allocations}) or "
                     "add relays")
    if code == 508:  # no relay port free (the relay's other 508)
        low, high = settings.turn_relay_port_min, settings.turn_relay_port_max
        return Check(name, False, f"{address} has no relay port free ({text})",
                     f"the relay port range turn_relay_port_min-turn_relay_port_max "
                     f"(now {low}-{high}; one port per allocation) is too small or used up: "
                     "widen it, or look for allocations that are not released "
                     "(fjord_turn_allocations)")
    if "401" in text:
        return Check(name, False, f"{address} refused the credentials (401 Unauthorized)",
                     f"signaling and relay must share the TURN secret ({secret_source}): set "
                     "the same FJORD_TURN_SECRET on both, or the same data dir keys/"
                     "turn-secret.json, and restart")
    if isinstance(exc, ConnectionRefusedError) or "refused" in text.lower():
        return Check(name, False, f"nothing listens on {address}",
                     "start fjord turn/serve; check turn ports, announced_ip and firewall")
    return Check(name, False, f"no allocation from {address}: "
                 f"{type(exc).__name__} {text[:80]}".strip(),
                 "check announced_ip (clients use it for TURN) and that the TURN ports are "
                 "open")


def _stun_error(exc: BaseException) -> tuple[int | None, str]:
    """The ERROR-CODE (code, reason) of the STUN error response ``exc`` carries (aioice's
    TransactionFailed), or (None, "")."""
    response = getattr(exc, "response", None)
    error = getattr(response, "attributes", {}).get("ERROR-CODE")
    return (error[0], str(error[1])) if error else (None, "")


async def check_turn(settings: Settings, target: Target, transport: str,
                     timeout: float) -> Check:
    name = f"turn-{transport}"
    secret = _turn_secret(settings)
    source = "turn_secret setting" if settings.turn_secret else "data dir"
    if secret is None:
        return Check(name, False, "no TURN secret (FJORD_TURN_SECRET or data dir)",
                     "run the doctor with the server's data dir or FJORD_TURN_SECRET")
    username, password = rest_credentials(secret, "fjord-doctor", 600)
    if transport == "tls":
        context = ssl_context(target)
        tls_host = turns_host(target.turn_host, target.host)
        if tls_host != target.host:  # clients go to the relay's own name
            server = (tls_host, settings.turn_tls_port)
        else:
            if target.connect_host != target.host:
                # aioice sends the connect address as SNI; the tls check verified the name
                context.check_hostname = False
            server = (target.connect_host, settings.turn_tls_port)
    else:
        port = settings.turn_udp_port if transport == "udp" else settings.turn_tcp_port
        server, context = (target.turn_host or target.client_ip, port), None
    address = f"{transport.upper()} {server[0]}:{server[1]}"
    try:
        relay, protocol = await asyncio.wait_for(
            create_turn_endpoint(_Collect, server, username, password, ssl=context,
                                 transport="udp" if transport == "udp" else "tcp"),
            timeout,
        )
    except (Exception, TimeoutError) as exc:  # aioice raises TransactionFailed/Timeout
        return _turn_fault(name, exc, address, source, settings)
    try:
        relayed = relay.get_extra_info("sockname")
        # A relay named by turn_host runs elsewhere and announces its own address.
        if target.turn_host is None and relayed[0] != target.client_ip:
            return Check(name, False, f"allocation over {address}, but the relay announces "
                         f"{relayed[0]} where these settings announce {target.client_ip}",
                         "give the relay and the doctor the same announced_ip (the one "
                         "clients reach), then run the doctor with the server's settings")
        return await _round_trip(name, relay, protocol, address, relayed, timeout)
    finally:
        relay.close()
        await asyncio.sleep(0.05)


async def _round_trip(name: str, relay: object, protocol: _Collect, address: str,
                      relayed: tuple[str, int], timeout: float) -> Check:
    """Send through the relay to a local echo socket, which answers to the announced
    relayed address: the path a remote peer's media takes back to the client."""
    loop = asyncio.get_running_loop()
    mapped = relay.get_extra_info("related_address")  # type: ignore[attr-defined]
    local_ip = mapped[0] if mapped else "127.0.0.1"
    try:
        echo, _ = await loop.create_datagram_endpoint(lambda: _Echo(relayed),
                                                      local_addr=(local_ip, 0))
    except OSError:  # behind NAT: the mapped address is not ours; use the default route
        echo, _ = await loop.create_datagram_endpoint(lambda: _Echo(relayed),
                                                      local_addr=("0.0.0.0", 0))
    peer = (local_ip, echo.get_extra_info("sockname")[1])
    payload = b"fjord-doctor " + secrets.token_bytes(8)
    try:
        relay.sendto(payload, peer)  # type: ignore[attr-defined]
        data = await asyncio.wait_for(protocol.received.get(), timeout)
    except TimeoutError:
        if any("403" in str(e) for e in protocol.errors):
            return Check(name, True, f"allocation over {address}; round trip not tried: the "
                         f"relay's peer policy refuses {local_ip} (private address)",
                         "run fjord doctor --from-outside from a public host for the round "
                         f"trip (on a test install without one, FJORD_TURN_ALLOWED_PEER_IPS="
                         f"{local_ip}/{128 if ':' in local_ip else 32} lets the relay reach it)",
                         warning=True)
        return Check(name, False, f"allocation over {address} but no relayed round trip via "
                     f"{relayed[0]}:{relayed[1]}",
                     "open the relay port range (turn_relay_port_min-max) and set "
                     "turn_relay_ip/announced_ip to an address peers reach")
    finally:
        echo.close()
    if data != payload:
        return Check(name, False, "relayed data came back altered", "report a bug")
    return Check(name, True, f"allocation over {address}, relayed round trip via "
                 f"{relayed[0]}:{relayed[1]}")


async def run_doctor(settings: Settings, from_outside: str | None = None,
                     timeout: float = 3.0) -> list[Check]:
    """Every check, in order; never raises for a network fault (it becomes a failed check)."""
    target = target_of(settings, from_outside)
    results = [await check_tls(target, timeout)]
    results.extend(await check_https(target, timeout))
    results.append(await check_websocket(target, timeout))
    results.append(await check_sfu_udp(settings, target, timeout))
    for transport in ("udp", "tcp", "tls"):
        results.append(await check_turn(settings, target, transport, timeout))
    results.append(await check_kernel_drops(target, timeout))
    return results
