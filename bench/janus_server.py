"""Janus (``/usr/bin/janus``, Debian ``janus`` 1.1.x) as the peer SFU of ``fjord bench sfu
--vs janus``: a loopback-only configuration, the process, and its VideoRoom API.

:func:`start_janus` writes a configuration into a temporary folder and starts Janus with
it: only the VideoRoom plugin and the plain HTTP transport are loaded (each from a folder
holding just that library), the HTTP API listens on 127.0.0.1 only, ICE gathers on one
interface only (``ice_enforce_list``, no IPv6, no mDNS, no STUN or TURN server, no NAT
mapping), RTP/ICE ports come from a range, sessions never time out, the admin API is off,
and every handle shares :data:`EVENT_LOOPS` media thread.

Janus skips loopback interfaces when it gathers host candidates, so that one interface
is :data:`ICE_INTERFACE`, one end of a veth pair holding :data:`ICE_ADDRESS`
(127.0.0.2/32): an address on this machine, so every packet to it is delivered locally
through ``lo`` and never leaves. :func:`ensure_ice_interface` creates the pair only in a
network namespace that has nothing but ``lo`` (``unshare -n``, as ``make bench`` and the
tests run), never next to real interfaces. Janus's sockets are bound to that interface
(``IP_UNICAST_IF``), which reaches only the addresses routed through it: the bench
clients facing Janus bind to :data:`ICE_ADDRESS` too. Janus is a full ICE agent (RFC
8445): it checks the clients' host candidates itself and sends consent checks that the
clients answer (:func:`bench.sfu_session.answer_binding`).

:class:`JanusApi` speaks the Janus HTTP API (``POST /janus`` create, ``POST /janus/<session>``
attach, ``POST /janus/<session>/<handle>`` message with an optional JSEP, long-poll ``GET
/janus/<session>`` for asynchronous events) with httpx, blocking like the Fjord control
client so that the load processes call both the same way.
"""

from __future__ import annotations

import secrets
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx

from .sfu_session import SetupError
from .turn_servers import process_cpu_seconds, stop_process

LIBRARY_DIR = Path("/usr/lib/x86_64-linux-gnu/janus")
ICE_INTERFACE = "fjordjanus0"
ICE_PEER = "fjordjanus1"
ICE_ADDRESS = "127.0.0.2"
_NET_DEV = Path("/proc/self/net/dev")
"Interfaces of this process's network namespace (sysfs may show another namespace's)."
VIDEOROOM = "janus.plugin.videoroom"
RTP_PORTS = 1000
"Size of the RTP/ICE port range handed to Janus (one port per PeerConnection)."
EVENT_LOOPS = 1
"""Janus's media threads (``event_loops``), shared by every handle: one, as Fjord's SFU
worker forwards on one event loop thread. Janus's default, a thread per handle, pinned to
the one SFU core made it hand each packet to every subscriber's thread and switch to it:
about 1.6x the CPU per delivered packet of one shared loop (2026-12-06, 5 publishers, 20
subscribers)."""


def janus_binary() -> str | None:
    """Path of ``janus``, or None when it is not installed."""
    return shutil.which("janus")


def janus_version() -> str | None:
    """``janus --version`` (e.g. ``"1.1.2"``), or None when Janus is not installed."""
    binary = janus_binary()
    if binary is None:
        return None
    try:
        done = subprocess.run([binary, "--version"], capture_output=True, text=True,
                              timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    for line in done.stdout.splitlines():
        if line.startswith("Janus version:") and "(" in line:
            return line.rsplit("(", 1)[1].rstrip(")")
    return None


def _free_tcp_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _interfaces() -> set[str]:
    lines = _NET_DEV.read_text(encoding="ascii").splitlines()[2:]
    return {line.split(":", 1)[0].strip() for line in lines}


def _interface_ready() -> bool:
    try:
        link = subprocess.run(["ip", "-o", "link", "show", "dev", ICE_INTERFACE],
                              capture_output=True, text=True, check=False).stdout
        shown = subprocess.run(["ip", "-o", "-4", "addr", "show", "dev", ICE_INTERFACE],
                               capture_output=True, text=True, check=False).stdout
    except OSError:
        return False
    return "LOWER_UP" in link and f" {ICE_ADDRESS}/" in shown


def ensure_ice_interface(timeout_s: float = 5.0) -> str:
    """The interface Janus gathers on: :data:`ICE_INTERFACE` with :data:`ICE_ADDRESS`,
    created (veth pair, both ends up, ``ip`` from iproute2) when missing.

    Raises:
        SetupError: the interface is missing and this network namespace has other
            interfaces than ``lo`` (the benchmark changes only a loopback-only namespace:
            run it under ``unshare -n``), or it could not be set up.
    """
    names = _interfaces()
    if ICE_INTERFACE not in names:
        if names - {"lo", ICE_PEER}:
            raise SetupError(
                "Janus gathers ICE candidates only on non-loopback interfaces: run the "
                "benchmark in a loopback-only network namespace (unshare -n sh -c 'ip link "
                f"set lo up && fjord bench sfu --vs janus'), where it adds {ICE_INTERFACE} "
                f"with {ICE_ADDRESS}/32"
            )
        for command in (
            ["ip", "link", "add", ICE_INTERFACE, "type", "veth", "peer", "name", ICE_PEER],
            ["ip", "addr", "add", f"{ICE_ADDRESS}/32", "dev", ICE_INTERFACE],
            ["ip", "link", "set", ICE_INTERFACE, "up"],
            ["ip", "link", "set", ICE_PEER, "up"],
        ):  # another process may be doing the same: failures are judged by the result
            subprocess.run(command, capture_output=True, check=False)
    deadline = time.monotonic() + timeout_s
    while not _interface_ready():
        if time.monotonic() > deadline:
            raise SetupError(f"{ICE_INTERFACE} with {ICE_ADDRESS} is not up")
        time.sleep(0.05)
    return ICE_INTERFACE


def write_config(folder: Path, http_port: int, rtp_range: tuple[int, int], interface: str,
                 library_dir: Path = LIBRARY_DIR) -> Path:
    """Write the configuration into ``folder`` (ICE on ``interface`` only); returns
    ``janus.jcfg``.

    Raises:
        SetupError: the VideoRoom plugin or the HTTP transport library is missing.
    """
    plugin = library_dir / "plugins" / "libjanus_videoroom.so"
    transport = library_dir / "transports" / "libjanus_http.so"
    for library in (plugin, transport):
        if not library.exists():
            raise SetupError(f"Janus library {library} is missing (apt-get install janus)")
    for sub, library in (("plugins", plugin), ("transports", transport)):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        (folder / sub / library.name).symlink_to(library)
    (folder / "none").mkdir(exist_ok=True)
    main = folder / "janus.jcfg"
    main.write_text(f"""general: {{
	configs_folder = "{folder}"
	plugins_folder = "{folder / 'plugins'}"
	transports_folder = "{folder / 'transports'}"
	events_folder = "{folder / 'none'}"
	loggers_folder = "{folder / 'none'}"
	debug_level = 3
	session_timeout = 0
	event_loops = 1
	admin_secret = "{secrets.token_hex(16)}"
}}
media: {{
	ipv6 = false
	rtp_port_range = "{rtp_range[0]}-{rtp_range[1]}"
}}
nat: {{
	ice_enforce_list = "{interface}"
	ignore_mdns = true
	nice_debug = false
}}
plugins: {{
}}
transports: {{
}}
loggers: {{
}}
events: {{
	broadcast = false
}}
""", encoding="utf-8")
    (folder / "janus.transport.http.jcfg").write_text(f"""general: {{
	json = "plain"
	base_path = "/janus"
	http = true
	ip = "127.0.0.1"
	port = {http_port}
	https = false
}}
admin: {{
	admin_http = false
	admin_https = false
}}
""", encoding="utf-8")
    (folder / "janus.plugin.videoroom.jcfg").write_text("general: {\n}\n", encoding="utf-8")
    return main


class JanusApi:
    """Blocking client of the Janus HTTP API: one Janus session, its plugin handles.

    Every call raises :class:`SetupError` when Janus answers with an error (its code and
    reason in the message) or does not answer within ``timeout_s`` seconds.
    """

    def __init__(self, base_url: str, timeout_s: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self.http = httpx.Client(timeout=timeout_s)
        self._pending: list[dict[str, Any]] = []
        self.session = self._post(self.base_url, {"janus": "create"})["data"]["id"]

    def close(self) -> None:
        self.http.close()

    def _post(self, url: str, body: dict[str, Any]) -> dict[str, Any]:
        body = dict(body, transaction=secrets.token_hex(8))
        try:
            reply = self.http.post(url, json=body).json()
        except (httpx.HTTPError, ValueError) as exc:
            raise SetupError(f"Janus API {body['janus']}: {exc}") from exc
        if reply.get("janus") == "error":
            error = reply.get("error", {})
            raise SetupError(f"Janus API {body['janus']}: error {error.get('code')} "
                             f"{error.get('reason')}")
        return reply

    def attach(self, plugin: str = VIDEOROOM) -> int:
        """A new handle of ``plugin`` in this session."""
        return self._post(f"{self.base_url}/{self.session}",
                          {"janus": "attach", "plugin": plugin})["data"]["id"]

    def message(self, handle: int, body: dict[str, Any],
                jsep: dict[str, str] | None = None) -> dict[str, Any]:
        """Send a plugin request. A synchronous request returns its ``plugindata.data``;
        an asynchronous one (acked) returns the plugin event for ``handle`` with its
        ``jsep`` when it has one (``{"data": ..., "jsep": ...}``).

        Raises:
            SetupError: Janus or the plugin answered with an error.
        """
        request: dict[str, Any] = {"janus": "message", "body": body}
        if jsep is not None:
            request["jsep"] = jsep
        reply = self._post(f"{self.base_url}/{self.session}/{handle}", request)
        if reply.get("janus") == "success":
            data = reply["plugindata"]["data"]
            self._raise_plugin_error(body, data)
            return data
        event = self._event(handle)
        data = event["plugindata"]["data"]
        self._raise_plugin_error(body, data)
        return {"data": data, "jsep": event.get("jsep")}

    @staticmethod
    def _raise_plugin_error(body: dict[str, Any], data: dict[str, Any]) -> None:
        if "error" in data:
            raise SetupError(f"Janus VideoRoom {body.get('request')}: error "
                             f"{data.get('error_code')} {data['error']}")

    def _event(self, handle: int) -> dict[str, Any]:
        """The next plugin event of ``handle`` (other events stay queued or are dropped:
        ``webrtcup``, ``media`` and similar notifications are not needed here)."""
        deadline = time.monotonic() + self.timeout_s
        while True:
            for index, event in enumerate(self._pending):
                if event.get("sender") == handle:
                    return self._pending.pop(index)
            if time.monotonic() > deadline:
                raise SetupError(f"Janus sent no event for handle {handle} "
                                 f"within {self.timeout_s:.0f} s")
            try:
                reply = self.http.get(f"{self.base_url}/{self.session}",
                                      params={"maxev": 10}).json()
            except (httpx.HTTPError, ValueError) as exc:
                raise SetupError(f"Janus API long poll: {exc}") from exc
            events = reply if isinstance(reply, list) else [reply]
            self._pending.extend(e for e in events if e.get("janus") == "event")


class JanusServer:
    """A running Janus: ``url`` of its HTTP API, the ``Popen``, CPU seconds from /proc."""

    def __init__(self, workdir: Path, core: int = -1, binary: str | None = None,
                 timeout_s: float = 20.0) -> None:
        """Write the configuration into ``workdir``, start Janus (pinned to ``core`` with
        ``taskset`` unless -1) and wait until its HTTP API answers ``info``.

        Raises:
            SetupError: Janus is not installed, exited or did not answer in ``timeout_s``.
        """
        binary = binary or janus_binary()
        if binary is None:
            raise SetupError("Janus is not installed (apt-get install janus)")
        http_port = _free_tcp_port()
        first = 20000 + secrets.randbelow(40000 - RTP_PORTS)
        config = write_config(workdir, http_port, (first, first + RTP_PORTS - 1),
                              ensure_ice_interface())
        self.url = f"http://127.0.0.1:{http_port}/janus"
        self.log_path = workdir / "janus.log"
        command = [binary, "-C", str(config), "-F", str(workdir), "-L", str(self.log_path),
                   "-N", "-o"]
        if core >= 0:
            command = ["taskset", "-c", str(core), *command]
        self.popen = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            process_group=0,  # as Fjord's SFU process: not Ctrl-C's, stopped when told
        )
        try:
            self._wait_ready(timeout_s)
        except BaseException:  # a failure, Ctrl-C or SIGTERM while it starts: no Janus left
            self.stop()
            raise

    def _wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while True:
            if self.popen.poll() is not None:
                raise SetupError(f"Janus exited with {self.popen.returncode} "
                                 f"(log: {self.log_path})")
            try:
                if httpx.get(f"{self.url}/info", timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise SetupError(f"Janus did not answer on {self.url} within {timeout_s} s")
            time.sleep(0.1)

    def create_room(self, room: int, publishers: int) -> None:
        """Create VideoRoom ``room`` for ``publishers`` publishers: Opus and VP8, no bitrate
        cap, no periodic keyframe requests, no join notifications."""
        api = JanusApi(self.url)
        try:
            api.message(api.attach(), {
                "request": "create", "room": room, "publishers": publishers,
                "audiocodec": "opus", "videocodec": "vp8", "bitrate": 0, "fir_freq": 0,
                "notify_joining": False, "permanent": False,
            })
        finally:
            api.close()

    def cpu_s(self) -> float:
        """User + system CPU seconds of the Janus process so far (all threads)."""
        return process_cpu_seconds(self.popen.pid)

    def stop(self, timeout_s: float = 10.0) -> None:
        """SIGTERM (Janus closes its sessions), SIGKILL after ``timeout_s``."""
        stop_process(self.popen, timeout_s)


def janus_available() -> bool:
    """True when the Janus binary and its VideoRoom and HTTP libraries are installed."""
    return (janus_binary() is not None
            and (LIBRARY_DIR / "plugins" / "libjanus_videoroom.so").exists()
            and (LIBRARY_DIR / "transports" / "libjanus_http.so").exists())
