"""Each ``fjord`` command reads its own settings: its flags are those settings, and another
role's invalid value, or a rule across settings that ties one it does not read, warns
instead of stopping it (the roles often share one environment)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fjord.settings_loading import SettingsError, load_settings


def test_a_rule_tying_a_setting_the_command_does_not_read_only_warns() -> None:
    """Found by the fresh-clone tester: FJORD_SFU_LISTEN_IP=0.0.0.0 without announced_ip, in
    an environment the roles share, stopped fjord turn, which never listens there."""
    from fjord.cli_options import SFU_SETTINGS, TURN_SETTINGS

    warnings: list[str] = []
    settings = load_settings(TURN_SETTINGS, warnings.append, sfu_listen_ip="0.0.0.0")
    assert settings.sfu_listen_ip == "0.0.0.0"
    assert warnings == [
        "warning: invalid settings FJORD_SFU_LISTEN_IP (--sfu-listen-ip) and "
        "FJORD_ANNOUNCED_IP (--announced-ip): sfu_listen_ip 0.0.0.0 needs announced_ip: "
        "set announced_ip to the public address of this host, or sfu_listen_ip to one of its "
        "addresses (not checked: this command does not read sfu_listen_ip)"]
    with pytest.raises(SettingsError, match="sfu_listen_ip 0.0.0.0 needs announced_ip"):
        load_settings(SFU_SETTINGS, warnings.append, sfu_listen_ip="0.0.0.0")
    with pytest.raises(SettingsError, match="turn_relay_ip 0.0.0.0 needs announced_ip"):
        load_settings(TURN_SETTINGS, warnings.append, turn_relay_ip="0.0.0.0")
    with pytest.raises(SettingsError, match="sfu_listen_ip 0.0.0.0 needs announced_ip"):
        load_settings(None, warnings.append, sfu_listen_ip="0.0.0.0")  # fjord serve: all
    assert len(warnings) == 1
    with pytest.raises(SettingsError) as info:  # every broken rule, not the first alone
        load_settings(SFU_SETTINGS, warnings.append, sfu_listen_ip="0.0.0.0", node_ttl=1.0,
                      node_heartbeat_interval=2.0)
    first, second = info.value.problems  # one line each, naming its own settings
    assert first.startswith("invalid settings FJORD_SFU_LISTEN_IP (--sfu-listen-ip) and "
                            "FJORD_ANNOUNCED_IP (--announced-ip): sfu_listen_ip 0.0.0.0 needs "
                            "announced_ip")
    assert second == ("invalid settings FJORD_NODE_TTL (--node-ttl) and "
                      "FJORD_NODE_HEARTBEAT_INTERVAL (--node-heartbeat-interval): node_ttl must "
                      "exceed node_heartbeat_interval")


@pytest.mark.parametrize(("variable", "value"), [
    ("FJORD_TURN_HOST", "bad host!"), ("FJORD_PUBLIC_URL", "ftp://meet.example.com"),
])
def test_an_unread_setting_without_a_default_value_only_warns(
        monkeypatch: pytest.MonkeyPatch, variable: str, value: str) -> None:
    """Found by the fresh-clone tester: another role's invalid variable whose default is
    None (turn_host, public_url) was "left at its default" by passing None, which
    load_settings drops as a flag not given: the variable won again, and load_settings
    recursed until Python gave up, and fjord turn stopped with some 970 copies of the line
    and a pydantic error about another setting."""
    from fjord.cli_options import TURN_SETTINGS

    monkeypatch.setenv(variable, value)
    warnings: list[str] = []
    settings = load_settings(TURN_SETTINGS, warnings.append)
    assert getattr(settings, variable.removeprefix("FJORD_").lower()) is None
    assert len(warnings) == 1 and warnings[0].startswith(f"warning: invalid setting {variable}")
    # A rule of the command's own still stops it; the other role's value stays a warning.
    warnings.clear()
    with pytest.raises(SettingsError) as info:
        load_settings(TURN_SETTINGS, warnings.append, turn_relay_port_min=60000,
                      turn_relay_port_max=50000)
    assert info.value.problems == [
        "invalid settings FJORD_TURN_RELAY_PORT_MIN (--turn-relay-port-min) and "
        "FJORD_TURN_RELAY_PORT_MAX (--turn-relay-port-max): turn_relay_port_min 60000 must "
        "not exceed turn_relay_port_max 50000"]
    assert len(warnings) == 1 and "(left at its default" in warnings[0]
    warnings.clear()  # so with an invalid value of its own
    with pytest.raises(SettingsError) as info:
        load_settings(TURN_SETTINGS, warnings.append, turn_udp_port=0)
    assert [problem.split(":")[0] for problem in info.value.problems] == [
        "invalid setting FJORD_TURN_UDP_PORT (--turn-udp-port)"]
    assert len(warnings) == 1 and "(left at its default" in warnings[0]


class _Reads:
    """Settings that record which of them are read."""

    def __init__(self, settings: object) -> None:
        self.settings, self.read = settings, set()

    def __getattr__(self, name: str) -> object:
        self.read.add(name)
        return getattr(self.settings, name)


def test_relay_and_sfu_flags_are_the_settings_they_read(tmp_path: Path) -> None:
    """``fjord turn --https-port 8443`` started the relay and ignored the flag; a role's flags
    are now the settings it reads (the others are usage errors), and those cover what the
    relay's and the SFU workers' configurations are built from."""
    from click.testing import CliRunner

    from fjord.cli import main
    from fjord.cli_options import SFU_SETTINGS, TURN_SETTINGS
    from fjord.data_dir import RelayFiles
    from fjord.serve import turn_config
    from fjord.settings import Settings
    from fjord.workers import sfu_config

    settings = Settings(data_dir=str(tmp_path))
    reads = _Reads(settings)
    turn_config(reads, RelayFiles(tmp_path, tmp_path / "c.pem", tmp_path / "k.pem", None,
                                   [b"s" * 16]))
    assert reads.read <= set(TURN_SETTINGS), reads.read - set(TURN_SETTINGS)
    reads = _Reads(settings)
    sfu_config(reads)
    assert reads.read <= set(SFU_SETTINGS), reads.read - set(SFU_SETTINGS)

    runner = CliRunner()
    help_text = runner.invoke(main, ["turn", "--help"]).output
    assert "--turn-udp-port" in help_text and "--https-port" not in help_text
    for args, flag in ((["turn", "--https-port", "8443"], "--https-port"),
                       (["turn", "--turn-host", "relay.example.com"], "--turn-host"),
                       (["sfu", "--database-url", "sqlite:///x"], "--database-url"),
                       (["sfu", "drain", "--node", "x", "--sfu-port", "1"], "--sfu-port")):
        result = runner.invoke(main, args)
        assert result.exit_code == 2 and f"No such option '{flag}'" in result.output, args
    result = runner.invoke(main, ["sfu", "--redis-url", "redis://127.0.0.1:1", "drain",
                                  "--node", "x"])
    assert result.exit_code == 2
    assert "--redis-url configures the SFU workers, not `fjord sfu drain`: give it after " \
        "drain" in result.output
    result = runner.invoke(main, ["sfu", "--workers", "0", "--sfu-port", "4000", "drain"])
    assert result.exit_code == 2
    assert ("--workers, --sfu-port configure the SFU workers, not `fjord sfu drain`: "
            "`fjord sfu drain --help` lists what it takes") in result.output
    # Another role's invalid variable in a shared environment does not stop a command that
    # does not read it: one warning, without a flag this command would refuse (drain then
    # stops for want of --redis-url, after the warning). Its own invalid setting does.
    result = runner.invoke(main, ["sfu", "drain", "--node", "x"],
                           env={"FJORD_HTTPS_PORT": "abc", "FJORD_REDIS_URL": None})
    assert result.output.count("warning: invalid setting FJORD_HTTPS_PORT: ") == 1, \
        result.output
    assert "(left at its default: this command does not read it)" in result.output
    assert "--https-port" not in result.output
    assert "fjord sfu drain needs --redis-url" in result.output
    result = runner.invoke(main, ["turn"], env={"FJORD_TURN_UDP_PORT": "abc",
                                                "FJORD_HTTPS_PORT": "abc"})
    assert result.exit_code == 2 and "FJORD_TURN_UDP_PORT (--turn-udp-port)" in result.output
    assert "FJORD_HTTPS_PORT" in result.output and "--https-port" not in result.output
    # A rule across settings the command reads stops it, and names another role's invalid
    # value left at its default too (the shared environment's mistakes, all at once).
    result = runner.invoke(main, ["turn"], env={"FJORD_HTTPS_PORT": "abc",
                                                "FJORD_TURN_RELAY_PORT_MIN": "60000",
                                                "FJORD_TURN_RELAY_PORT_MAX": "50000"})
    assert result.exit_code == 2 and "FJORD_HTTPS_PORT: Input should be" in result.output
    assert "turn_relay_port_min 60000 must not exceed turn_relay_port_max 50000" \
        in result.output
    # One that ties a setting the command does not read is a warning: the SFU's wildcard
    # listen address without announced_ip does not stop drain (which then stops for want
    # of --redis-url, after the warning).
    result = runner.invoke(main, ["sfu", "drain", "--node", "x"],
                           env={"FJORD_SFU_LISTEN_IP": "0.0.0.0", "FJORD_ANNOUNCED_IP": None,
                                "FJORD_REDIS_URL": None})
    assert result.output.count("warning: invalid settings FJORD_SFU_LISTEN_IP and "
                               "FJORD_ANNOUNCED_IP: sfu_listen_ip 0.0.0.0 needs "
                               "announced_ip") == 1, result.output
    assert "(not checked: this command does not read sfu_listen_ip, announced_ip)" \
        in result.output
    assert "fjord sfu drain needs --redis-url" in result.output
    # drain logs nothing: a log flag would be ignored.
    result = runner.invoke(main, ["sfu", "drain", "--node", "x", "--log-format", "json"])
    assert result.exit_code == 2 and "No such option '--log-format'" in result.output
    # A variable that is no setting is named once, not by the group and again by drain.
    result = runner.invoke(main, ["sfu", "drain", "--node", "x"],
                           env={"FJORD_SFU_PORTS": "1", "FJORD_REDIS_URL": None})
    assert result.output.count("FJORD_SFU_PORTS is not a setting") == 1, result.output


def test_sfu_drain_is_not_stopped_by_an_invalid_worker_setting_it_does_not_read() -> None:
    """Found by the fresh-clone tester: ``fjord sfu drain`` reads only SFU_DRAIN_SETTINGS,
    but the ``fjord sfu`` group above it validated the workers' settings (SFU_SETTINGS) and
    stopped it with status 2 on FJORD_SFU_WORKERS=abc, naming a flag drain refuses."""
    from click.testing import CliRunner

    from fjord.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["sfu", "drain", "--node", "x"],
                           env={"FJORD_SFU_WORKERS": "abc", "FJORD_REDIS_URL": None})
    assert result.output.count("warning: invalid setting FJORD_SFU_WORKERS: ") == 1, \
        result.output
    assert "--sfu-workers" not in result.output
    assert "fjord sfu drain needs --redis-url" in result.output


@pytest.mark.parametrize("command", ["serve", "signaling"])
def test_a_metrics_port_given_to_a_signaling_role_is_said_to_be_unused(
        command: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """FJORD_METRICS_PORT=9100 given to fjord serve (or fjord signaling) was taken without a
    word and nothing listened on 9100: its health and metrics are on the HTTPS port. The
    Docker image's HEALTHCHECK follows FJORD_METRICS_PORT, so such a container stayed
    unhealthy with no line saying why. The role still starts (a shared environment)."""
    import os

    from click.testing import CliRunner

    import fjord.cli

    for name in list(os.environ):
        if name.startswith("FJORD_"):
            monkeypatch.delenv(name)
    monkeypatch.setattr(fjord.cli, "startup_signals", lambda: None)  # this process's signals
    ran: list[str] = []
    monkeypatch.setattr(fjord.cli, "_check_redis", lambda _settings: None)
    monkeypatch.setattr(fjord.cli, "_run", lambda coro: (ran.append(command), coro.close()))
    args = [command, "--data-dir", str(tmp_path), "--https-port", "8443"]
    if command == "signaling":
        args += ["--redis-url", "redis://127.0.0.1:6379/0"]
    result = CliRunner().invoke(fjord.cli.main, args, env={"FJORD_METRICS_PORT": "9100"})
    assert result.exit_code == 0, result.stderr
    assert ran == [command]
    assert result.stderr.splitlines() == [
        f"fjord: warning: fjord {command} listens on no metrics port: its /metrics, /healthz "
        "and /readyz answer on the HTTPS port (8443); metrics_port 9100 (FJORD_METRICS_PORT, "
        "--metrics-port) is a port of fjord sfu and fjord turn, and it is unused here"]
    result = CliRunner().invoke(fjord.cli.main, args)  # not set: no word
    assert result.exit_code == 0 and result.stderr == ""
