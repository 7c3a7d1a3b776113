"""Two of Fjord's own ports that one command listens on, the same port of one transport on
one address, are a settings problem naming both settings (exit status 2, in the command and
in ``fjord config show``): the second listener failed with "Address already in use", as if
another program held the port."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from fjord.cli import main
from fjord.ports import SIGNALING_BINDS, TURN_BINDS
from fjord.settings_loading import SettingsError, load_settings, setting_name
from tests.conftest import ROOT, fjord_env


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("FJORD_"):
            monkeypatch.delenv(name)


def clash(a: str, b: str, port: int, transport: str, address: str, what: str) -> str:
    return (f"invalid settings {setting_name(a)} and {setting_name(b)}: {a} and {b} are both "
            f"{transport} port {port} on {address}: the {what} listeners of one command "
            "cannot share it; give each its own port")


@pytest.mark.parametrize(("args", "line"), [
    (["--sfu-port", "3478"],
     clash("turn_udp_port", "sfu_port", 3478, "UDP", "127.0.0.1", "TURN UDP and SFU")),
    (["--http-redirect-port", "8443"],
     clash("https_port", "http_redirect_port", 8443, "TCP", "127.0.0.1",
           "HTTPS and HTTP redirect")),
    (["--turn-tls-port", "8443", "--listen-ip", "0.0.0.0"],
     clash("https_port", "turn_tls_port", 8443, "TCP", "0.0.0.0 and 127.0.0.1",
           "HTTPS and TURN TLS")),
    (["--metrics-port", "3478"],
     clash("turn_tcp_port", "metrics_port", 3478, "TCP", "127.0.0.1", "TURN TCP and metrics")),
])
def test_config_show_refuses_ports_one_command_cannot_share(args: list[str],
                                                           line: str) -> None:
    result = CliRunner().invoke(main, ["config", "show", *args])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"fjord: {line}\n"


@pytest.mark.parametrize("args", [
    [],  # the defaults: TURN UDP and TCP are both 3478, of two transports
    ["--sfu-port", "3479", "--turn-tcp-port", "3479"],  # UDP and TCP
    ["--turn-tls-port", "8443", "--turn-listen-ip", "127.0.0.2"],  # two addresses
    ["--listen-ip", "::1", "--turn-tls-port", "8443"],  # IPv6 and IPv4
    ["--metrics-port", "8443"],  # metrics: fjord turn and fjord sfu, never with HTTPS
])
def test_ports_that_do_not_meet_pass(args: list[str]) -> None:
    result = CliRunner().invoke(main, ["config", "show", *args])
    assert result.exit_code == 0, result.stderr


def test_only_a_command_that_listens_on_both_is_stopped() -> None:
    """fjord signaling hands clients the TURN ports but listens on none of them; fjord
    turn listens on no HTTPS port: another host's clash (an environment the roles share)
    is none of theirs, not even a warning."""
    warnings: list[str] = []
    load_settings(None, warnings.append, SIGNALING_BINDS, sfu_port=3478)
    load_settings(None, warnings.append, TURN_BINDS, https_port=5349)
    assert warnings == []
    with pytest.raises(SettingsError, match="http_redirect_port are both TCP port 8443"):
        load_settings(None, warnings.append, SIGNALING_BINDS, http_redirect_port=8443)


@pytest.mark.parametrize(("command", "variables", "names"), [
    (["serve"], {"FJORD_SFU_PORT": "turn_udp"}, ("FJORD_TURN_UDP_PORT", "FJORD_SFU_PORT")),
    (["turn"], {"FJORD_METRICS_PORT": "turn_tls"},
     ("FJORD_TURN_TLS_PORT", "FJORD_METRICS_PORT")),
])
def test_the_command_refuses_them_before_it_starts(tmp_path: Path, command: list[str],
                                                   variables: dict[str, str],
                                                   names: tuple[str, str]) -> None:
    """It started and stopped at the second listener: ``cannot start: ... Address already in
    use``."""
    env = fjord_env(tmp_path / "data")
    for name, port in variables.items():
        env[name] = env[f"FJORD_{port.upper()}_PORT"]
    done = subprocess.run([sys.executable, "-m", "fjord", *command], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr[-2000:]
    [line] = done.stderr.splitlines()
    assert line.startswith(f"fjord: invalid settings {names[0]} (") and names[1] in line
    assert "cannot share it" in line
    assert not (tmp_path / "data").exists()  # refused before it started anything
