"""Addresses and ports among the settings: those handed to clients (announced addresses,
the TURN host in iceServers, relayed address families), and a busy port at start-up."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from fjord.setting_rules import ice_servers_problem
from fjord.settings_loading import SettingsError, load_settings, setting_name
from tests.ops.conftest import one_problem, show

pytestmark = pytest.mark.usefixtures("no_fjord_env")


@pytest.mark.parametrize(("command", "setting", "kind", "listener"), [
    ("serve", "https_port", socket.SOCK_STREAM, "HTTPS cannot listen on TCP"),
    ("serve", "http_redirect_port", socket.SOCK_STREAM, "HTTP redirect cannot listen on TCP"),
    ("serve", "turn_udp_port", socket.SOCK_DGRAM, "TURN UDP cannot listen on UDP"),
    ("serve", "sfu_port", socket.SOCK_DGRAM, "SFU cannot listen on UDP"),
    ("turn", "turn_tcp_port", socket.SOCK_STREAM, "TURN TCP cannot listen on TCP"),
    ("turn", "turn_tls_port", socket.SOCK_STREAM, "TURN TLS cannot listen on TCP"),
    ("turn", "metrics_port", socket.SOCK_STREAM, "metrics cannot listen on TCP"),
])
def test_busy_port_stops_start_up_with_one_line_naming_it(
    tmp_path: Path, command: str, setting: str, kind: int, listener: str
) -> None:

    from tests.conftest import ROOT, fjord_env, free_port

    ip = {"sfu_port": "sfu_listen_ip", "metrics_port": "metrics_listen_ip"}.get(
        setting, "turn_listen_ip" if setting.startswith("turn_") else "listen_ip")
    variable = f"FJORD_{setting.upper()}"
    with socket.socket(socket.AF_INET, kind) as busy:
        busy.bind(("127.0.0.1", 0))
        port = busy.getsockname()[1]
        if kind == socket.SOCK_STREAM:
            busy.listen()
        env = fjord_env(tmp_path / "data")
        if setting in ("turn_tcp_port", "turn_tls_port"):  # UDP and TCP share 3478 by default
            env["FJORD_TURN_UDP_PORT"] = str(free_port(udp_too=True))
        env[variable] = str(port)
        done = subprocess.run(
            [sys.executable, "-m", "fjord", command], env=env, cwd=ROOT,
            capture_output=True, text=True, timeout=60,
        )
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == (
        f"fjord: cannot start: {listener} 127.0.0.1:{port} (FJORD_{ip.upper()} "
        f"(--{ip.replace('_', '-')}), {variable} (--{setting.replace('_', '-')})): "
        "Address already in use"
    )


@pytest.mark.parametrize(("name", "value", "command"), [
    ("turn_relay_ip", "0.0.0.0", "turn"), ("turn_relay_ip6", "::", "turn"),
    ("sfu_listen_ip", "0.0.0.0", "serve"), ("turn_listen_ip", "0.0.0.0", "serve"),
])
def test_a_wildcard_address_handed_to_clients_needs_the_announced_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str, command: str
) -> None:

    from tests.conftest import ROOT, fjord_env

    env = fjord_env(tmp_path / "data", **{f"FJORD_{name.upper()}": value})
    done = subprocess.run([sys.executable, "-m", "fjord", command], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    line = one_problem(done.returncode, done.stderr)
    other = " (or turn_host to the relays' host name)" * (name == "turn_listen_ip")
    announced = "announced_ip6" if name.endswith("6") else "announced_ip"
    names = {"turn_relay_ip6": "FJORD_TURN_RELAY_IP6 (--turn-relay-ip6) and "
                               "FJORD_ANNOUNCED_IP6 (--announced-ip6)",
             "turn_listen_ip": "FJORD_TURN_LISTEN_IP (--turn-listen-ip), FJORD_ANNOUNCED_IP "
                               "(--announced-ip) and FJORD_TURN_HOST (--turn-host)"}.get(
        name, f"{setting_name(name)} and FJORD_ANNOUNCED_IP (--announced-ip)")
    assert line == (f"fjord: invalid settings {names}: {name} {value} needs "
                    f"{announced}: set {announced} to the public address of this host{other}"
                    f", or {name} to one of its addresses")
    assert not (tmp_path / "data").exists()  # refused before it started anything
    monkeypatch.setenv(f"FJORD_{name.upper()}", value)
    # config show refuses it as the command does (it passed config show: turn_listen_ip)
    assert one_problem(*show()[::2]) == line
    code, body, stderr = show(f"--{announced.replace('_', '-')}",
                              "2001:db8::9" if name.endswith("6") else "203.0.113.9")
    assert code == 0, stderr
    assert body[name] == value


@pytest.mark.parametrize(("flags", "problem"), [
    (("--turn-relay-ip6", "127.0.0.1"), "FJORD_TURN_RELAY_IP6 (--turn-relay-ip6): must be an "
     "IPv6 address"),
    (("--announced-ip6", "2001:db8::9"), "FJORD_TURN_RELAY_IP6 (--turn-relay-ip6) and "
     "FJORD_ANNOUNCED_IP6 (--announced-ip6): announced_ip6 is the public address of "
     "turn_relay_ip6: set both"),
])
def test_relayed_address_families_are_checked(flags: tuple[str, ...], problem: str) -> None:
    """IPv6 relayed addresses have settings of their own, checked for their family (the
    IPv4 one: test_the_turn_relay_address_is_ipv4)."""
    code, _, stderr = show(*flags)
    assert code != 0 and (f"invalid setting {problem}" in stderr
                          or f"invalid settings {problem}" in stderr), stderr


def test_only_roles_that_hand_out_ice_servers_need_the_turn_address() -> None:
    """``fjord turn`` on every address is fine (it announces its relayed addresses);
    signaling with ``turn_host`` naming the relays too."""
    from fjord.cli_options import TURN_SETTINGS

    env = {"turn_listen_ip": "0.0.0.0"}
    with pytest.raises(SettingsError, match="turn_listen_ip 0.0.0.0 needs announced_ip"):
        load_settings(**env)  # fjord serve, signaling, config show: every setting
    warnings: list[str] = []  # not even a warning: it is no problem of the relay's
    assert load_settings(TURN_SETTINGS, warnings.append, **env).turn_listen_ip == "0.0.0.0"
    assert warnings == []
    assert ice_servers_problem(load_settings(**env, turn_host="turn.example.com")) is None
    assert ice_servers_problem(load_settings(**env, announced_ip="203.0.113.9")) is None


@pytest.mark.parametrize("value", ["turn:turn.example.com", "turn.example.com:3478",
                                   "https://turn.example.com", "-bad.example.com", "a b", ""])
def test_turn_host_is_a_host_name_or_address(value: str) -> None:
    line = one_problem(*show("--turn-host", value)[::2])
    assert line.startswith("fjord: invalid setting FJORD_TURN_HOST (--turn-host): must be an "
                           "IP address or a host name"), line


@pytest.mark.parametrize("value", ["0.0.0.0", "::"])
def test_a_wildcard_is_no_announced_address(value: str) -> None:
    line = one_problem(*show("--announced-ip", value)[::2])
    assert line.startswith(f"fjord: invalid setting FJORD_ANNOUNCED_IP (--announced-ip): {value} "
                           "is no address clients can reach: set the public address")


def test_the_turn_relay_address_is_ipv4() -> None:
    """With ``turn_relay_ip ::1`` every Allocate raised in the relay (binding an IPv4 relay
    socket to an IPv6 address): a traceback each, and no answer to the client."""
    for value in ("::1", "::"):  # "::" also with announced_ip: the relay cannot bind it
        with pytest.raises(SettingsError, match="is an IPv6 address") as refused:
            load_settings(turn_relay_ip=value, announced_ip="203.0.113.9")
        assert refused.value.problems[0].startswith(
            "invalid setting FJORD_TURN_RELAY_IP (--turn-relay-ip): ")
    assert load_settings(turn_listen_ip="::1", listen_ip="::1").turn_listen_ip == "::1"


@pytest.mark.parametrize("command", ["serve", "turn"])
def test_a_relay_address_not_of_this_host_stops_start_up_with_one_line_naming_it(
        tmp_path: Path, command: str) -> None:
    """turn_relay_ip set to an address this host does not have (a public address meant for
    announced_ip, a mistyped one): the role started and said it was running, then every
    Allocate logged a traceback (``OSError: [Errno 99] Cannot assign requested address``)
    and went unanswered, which fjord doctor reported as a timeout to check announced_ip."""
    from tests.conftest import ROOT, fjord_env

    env = fjord_env(tmp_path / "data", FJORD_TURN_RELAY_IP="192.0.2.1",
                    FJORD_ANNOUNCED_IP="127.0.0.1")
    try:
        done = subprocess.run([sys.executable, "-m", "fjord", command], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"fjord {command} started with a relay address it cannot bind")
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == (
        "fjord: cannot start: TURN relay cannot bind UDP 192.0.2.1 (FJORD_TURN_RELAY_IP "
        "(--turn-relay-ip)): Cannot assign requested address: relayed addresses are bound "
        "on this host (behind NAT, set announced_ip to the public address instead)")
