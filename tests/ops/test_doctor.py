"""``fjord doctor`` against a real ``fjord serve``: passes, and names a wrong TURN secret and a
wrong announced IP."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

from fjord.doctor import Check, kernel_drops_check, render, run_doctor, skew_of
from fjord.settings_loading import load_settings
from tests.conftest import ROOT, FjordServer


def settings_of(server: FjordServer, monkeypatch: pytest.MonkeyPatch, **extra: str):  # noqa: ANN201
    for name, value in {**server.env, **extra}.items():
        if name.startswith("FJORD_"):
            monkeypatch.setenv(name, value)
    return load_settings()


def by_name(results: list[Check]) -> dict[str, Check]:
    return {r.name: r for r in results}


async def test_doctor_passes_against_fjord_serve(
    fjord_server: FjordServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = by_name(await run_doctor(settings_of(fjord_server, monkeypatch), timeout=2))
    for name in ("tls", "https", "clock", "websocket", "sfu-udp", "turn-udp", "turn-tcp",
                 "turn-tls"):
        assert results[name].ok and not results[name].warning, render([results[name]])
    for name in ("turn-udp", "turn-tcp", "turn-tls"):
        assert "relayed round trip" in results[name].detail
    assert "SFU received STUN" in results["sfu-udp"].detail
    # read from /metrics (a test elsewhere in this process could have overflowed a buffer)
    assert results["kernel-drops"].ok
    assert "kernel receive buffers" in results["kernel-drops"].detail


async def test_doctor_reaches_turn_by_turn_host(
    fjord_server: FjordServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With ``turn_host`` (a relay fleet under its own name) the doctor goes where clients
    go: that name, for TURN over UDP, TCP and TLS (the certificate checked against it)."""
    settings = settings_of(fjord_server, monkeypatch, FJORD_TURN_HOST="localhost")
    results = by_name(await run_doctor(settings, timeout=2))
    for name in ("turn-udp", "turn-tcp", "turn-tls"):
        assert results[name].ok, render([results[name]])
        assert "localhost:" in results[name].detail, results[name].detail


def test_doctor_names_a_wrong_turn_secret(fjord_server: FjordServer) -> None:
    env = {**fjord_server.env, "FJORD_TURN_SECRET": "not-the-relay-secret"}
    done = subprocess.run([sys.executable, "-m", "fjord", "doctor", "--timeout", "2"], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    failed = [line for line in lines if line.startswith("[FAIL] turn-udp")]
    assert failed and "refused the credentials (401 Unauthorized)" in failed[0]
    fix = lines[lines.index(failed[0]) + 1]
    assert fix.strip().startswith("fix:") and "TURN secret" in fix
    assert any(line.startswith("[ ok ] tls") for line in lines)


async def test_doctor_names_a_wrong_announced_ip(
    fjord_server: FjordServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_of(fjord_server, monkeypatch, FJORD_ANNOUNCED_IP="127.0.0.2")
    results = by_name(await run_doctor(settings, timeout=2))
    sfu = results["sfu-udp"]
    assert not sfu.ok and "127.0.0.2" in sfu.detail
    assert "announced_ip" in sfu.fix
    assert not results["turn-udp"].ok and "127.0.0.2" in results["turn-udp"].detail
    assert results["tls"].ok and results["websocket"].ok


async def test_doctor_fails_when_the_server_announces_another_address(
    tmp_path, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    # The server announces 127.0.0.9 where nothing of it listens; the doctor runs without
    # that setting: the relayed address it is handed is wrong for peers, and says so.
    from tests.conftest import start_fjord, stop_fjord

    server = start_fjord(tmp_path / "data", tmp_path / "serve.log",
                         FJORD_ANNOUNCED_IP="127.0.0.9")
    try:
        env = {k: v for k, v in server.env.items() if k != "FJORD_ANNOUNCED_IP"}
        results = by_name(await run_doctor(settings_of(
            FjordServer(**{**server.__dict__, "env": env}), monkeypatch), timeout=2))
    finally:
        stop_fjord(server)
    for name in ("turn-udp", "turn-tcp", "turn-tls"):
        assert not results[name].ok, render([results[name]])
        assert "127.0.0.9" in results[name].detail and "announced_ip" in results[name].fix


def test_clock_skew_allows_the_whole_second_date_header() -> None:
    assert skew_of(1000.0, 1000.2, 1000.4) == 0.0
    assert skew_of(1000.0, 1000.9, 1001.0) == 0.0
    assert skew_of(999.0, 1000.9, 1001.0) == pytest.approx(0.9)
    assert skew_of(990.0, 1000.0, 1000.1) == pytest.approx(9.0)
    assert skew_of(1005.0, 1000.0, 1000.5) == pytest.approx(-4.5)


def test_render_prints_fix_only_for_failures_and_warnings() -> None:
    text = render([Check("a", True, "fine", "never shown"), Check("b", False, "broken", "do x"),
                   Check("c", True, "meh", "do y", warning=True)])
    assert text.splitlines() == ["[ ok ] a            fine", "[FAIL] b            broken",
                                 "       fix: do x", "[warn] c            meh",
                                 "       fix: do y", "1/3 checks passed, 1 with a warning"]


def test_kernel_drops_are_a_warning_naming_the_sysctl() -> None:
    clean = ('fjord_sfu_transports 2.0\n'
             'fjord_sfu_dropped_packets_total{reason="stun_unknown_ufrag"} 3.0\n'
             'fjord_turn_allocations 1.0\n')
    check = kernel_drops_check(clean)
    assert check.ok and not check.warning and check.detail == (
        "no datagram dropped in kernel receive buffers")
    dropped = clean + ('fjord_sfu_dropped_packets_total{reason="receive_buffer"} 120.0\n'
                       'fjord_turn_dropped_packets_total{reason="receive_buffer"} 7.0\n')
    check = kernel_drops_check(dropped)
    assert check.ok and check.warning
    assert check.detail.endswith("since the server started: SFU 120, TURN 7")
    assert "net.core.rmem_max" in check.fix
    only_turn = ('fjord_turn_allocations 0.0\n'
                 'fjord_turn_dropped_packets_total{reason="receive_buffer"} 1.0\n')
    assert kernel_drops_check(only_turn).detail.endswith("since the server started: TURN 1")
    for unreadable in (None, "signaling_only_metric 1.0\n"):
        check = kernel_drops_check(unreadable)
        assert check.warning and "no SFU or TURN metrics" in check.detail


async def test_doctor_on_a_signaling_node_probes_the_registered_sfu_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``fjord signaling`` with the SFU on other hosts: the doctor sent its STUN to this
    node's own announced_ip and sfu_port, where no SFU runs ("[FAIL] sfu-udp nothing listens
    on UDP ..."), instead of the addresses the SFU workers registered and clients get."""
    from tests.conftest import create_api_key, fjord_env, start_role, start_server, stop_fjord
    from tests.ops.conftest import RedisServer

    redis = RedisServer(tmp_path / "redis")
    redis.directory.mkdir()
    redis.start()
    common = {"FJORD_REDIS_URL": redis.url}
    sfu_env = fjord_env(tmp_path / "data", FJORD_NODE_ID="sfu-d", **common)
    sfu = start_role(["sfu", "--workers", "1"], sfu_env, tmp_path / "sfu.log",
                     "Fjord SFU ready")
    signaling = None
    try:
        env = fjord_env(tmp_path / "data", FJORD_NODE_ID="sig-d", **common)
        signaling = start_server("signaling", env, tmp_path / "sig.log", create_api_key(env))
        check = by_name(await run_doctor(settings_of(signaling, monkeypatch), timeout=2))
        result = check["sfu-udp"]
        assert result.ok and result.warning, render([result])
        assert f"sfu-d-w0 at 127.0.0.1:{sfu_env['FJORD_SFU_PORT']}" in result.detail
        sfu.terminate()  # no worker left: named as such
        sfu.wait(15)
        await asyncio.sleep(0.5)
        result = by_name(await run_doctor(settings_of(signaling, monkeypatch),
                                          timeout=2))["sfu-udp"]
        assert not result.ok and result.detail == "no SFU node is registered in Redis"
    finally:
        if signaling is not None:
            stop_fjord(signaling)
        if sfu.poll() is None:
            sfu.terminate()
            sfu.wait(15)
        redis.stop()


async def test_nothing_listening_is_told_apart_from_a_proxy_dropping_upgrade() -> None:
    """With no server on the HTTPS port the websocket check blamed a proxy's Upgrade
    headers (``upgrade failed: ConnectionRefusedError``)."""
    from fjord.doctor import Target, check_websocket
    from tests.conftest import free_port

    port = free_port()
    check = await check_websocket(Target(f"https://127.0.0.1:{port}", "127.0.0.1", port,
                                         "127.0.0.1", "127.0.0.1", None, None), timeout=2)
    assert not check.ok
    assert check.detail == f"nothing listens on 127.0.0.1:{port} (connection refused)"
    assert "https_port" in check.fix and "Upgrade" not in check.fix


async def test_a_used_up_relay_port_range_points_at_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A relay without a free relay port answers Allocate with 508: the fix said to check
    announced_ip and that the TURN ports are open, not the range that is used up."""
    import socket

    from fjord.doctor import check_turn, target_of
    from tests.conftest import fjord_env, start_role

    held = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    held.bind(("127.0.0.1", 0))  # the range's only port, taken
    relay_port = held.getsockname()[1]
    env = fjord_env(tmp_path / "data", FJORD_TURN_SECRET="doctor-test-secret-0123456789",
                    FJORD_TURN_RELAY_PORT_MIN=str(relay_port),
                    FJORD_TURN_RELAY_PORT_MAX=str(relay_port))
    process = start_role(["turn"], env, tmp_path / "turn.log", "Fjord TURN relay listening")
    try:
        settings = settings_of(FjordServer("", "", tmp_path / "data", tmp_path, env, process,
                                           tmp_path / "turn.log"), monkeypatch)
        check = await check_turn(settings, target_of(settings, None), "udp", timeout=2)
    finally:
        process.terminate()
        process.wait(10)
        held.close()
    assert not check.ok
    assert "has no relay port free" in check.detail and "508" in check.detail
    assert check.fix.startswith("the relay port range turn_relay_port_min-turn_relay_port_max "
                                f"(now {relay_port}-{relay_port}; one port per allocation)")
