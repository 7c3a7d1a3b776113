"""Every metric the operations issue names is exported, and the metrics/health port of the
roles without the signaling app answers."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry, Counter, Gauge

from fjord.collectors import SFU_WORKER_EXCLUDES, exported_by
from operability.health import HealthServer, filtered_registry, role_registry
from operability.loop_lag import LAG, LAG_MAX, LoopLagMonitor
from tests.conftest import ROOT, FjordServer, fjord_env, free_port, wait_until

# name in the issue -> metric family (as in "# TYPE" lines of /metrics)
REQUIRED = {
    "rooms": "fjord_signaling_rooms",
    "participants": "fjord_signaling_participants",
    "sfu rooms": "fjord_sfu_rooms",
    "sfu participants": "fjord_sfu_participants",
    "transports": "fjord_sfu_transports",
    "forwarded packets": "fjord_sfu_forwarded_packets",
    "forwarded bytes": "fjord_sfu_forwarded_bytes",
    "drops by reason": "fjord_sfu_dropped_packets",
    "NACKs": "fjord_sfu_nacks",
    "PLIs": "fjord_sfu_plis",
    "TURN allocations": "fjord_turn_allocations",
    "TURN drops by reason": "fjord_turn_dropped_packets",
    "signaling messages": "fjord_signaling_messages",
    "webhook deliveries": "fjord_webhook_deliveries",
    "event-loop lag": "fjord_event_loop_lag_seconds",
}


def families(text: str) -> dict[str, str]:
    """``{family: type}`` from the ``# TYPE`` lines of a Prometheus text exposition
    (counters without their ``_total`` suffix)."""
    out = {}
    for line in text.splitlines():
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(" ", 3)
            out[name.removesuffix("_total") if kind == "counter" else name] = kind
    return out


def test_every_named_metric_is_exported_by_fjord_serve(fjord_server: FjordServer) -> None:
    exported = families(fjord_server.metrics_text())
    missing = {what: name for what, name in REQUIRED.items() if name not in exported}
    assert not missing, f"missing metrics: {missing}"
    assert all(name.startswith("fjord_") for name in exported if "fjord" in name)
    assert exported["fjord_signaling_rooms"] == "gauge"
    assert exported["fjord_sfu_forwarded_bytes"] == "counter"


async def test_room_gauges_follow_live_rooms(fjord_server: FjordServer) -> None:
    from tests.signaling_client import SignalingClient

    before = fjord_server.metrics().get("fjord_signaling_participants", 0)
    meeting = fjord_server.create_meeting("normal")
    client = await SignalingClient.connect(fjord_server, meeting["hostRoomUrl"])
    try:
        assert (await client.join("Ops Test", meeting["hostRoomUrl"]))["type"] == "joined"
        during = fjord_server.metrics()
        assert during["fjord_signaling_participants"] == before + 1
        assert during["fjord_signaling_rooms"] >= 1
    finally:
        await client.close()
    assert await wait_until(
        lambda: fjord_server.metrics()["fjord_signaling_participants"] == before, 10)


def test_loop_lag_monitor_reports_worst_lateness_per_window() -> None:
    monitor = LoopLagMonitor("test-role", window=3)
    for probe, lateness in enumerate([0.01, 0.2, -0.001], start=1):
        monitor.record(lateness, probe)
    assert LAG.labels("test-role")._value.get() == pytest.approx(0.2)
    monitor.record(0.05, 4)
    monitor.record(0.0, 5)
    monitor.record(0.0, 6)
    assert LAG.labels("test-role")._value.get() == pytest.approx(0.05)
    assert LAG_MAX.labels("test-role")._value.get() == pytest.approx(0.2)


async def test_loop_lag_monitor_sees_a_blocked_loop() -> None:
    monitor = LoopLagMonitor("blocked", period=0.02, window=1)
    task = monitor.start()
    await asyncio.sleep(0.05)
    time.sleep(0.15)  # block the loop
    await asyncio.sleep(0.05)
    task.cancel()
    assert monitor.worst_ever >= 0.1


async def _get(address: tuple[str, int], request: bytes) -> tuple[int, bytes]:
    reader, writer = await asyncio.open_connection(*address)
    writer.write(request)
    raw = await reader.read()
    writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]) if head else 0, body


async def test_health_server_answers_metrics_health_readiness() -> None:
    registry = CollectorRegistry()
    Gauge("fjord_test_value", "A test value", registry=registry).set(7)
    reason: dict[str, str | None] = {"value": None}
    server = HealthServer("127.0.0.1", 0, not_ready=lambda: reason["value"],
                          details=lambda: {"rooms": 2}, registry=registry)
    await server.start()
    assert server.address is not None
    try:
        status, body = await _get(server.address, b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
        assert status == 200 and b"fjord_test_value 7.0" in body
        status, body = await _get(server.address, b"GET /healthz HTTP/1.1\r\n\r\n")
        assert status == 200 and b'"rooms": 2' in body
        assert (await _get(server.address, b"GET /readyz HTTP/1.1\r\n\r\n"))[0] == 200
        reason["value"] = "draining"
        status, body = await _get(server.address, b"GET /readyz HTTP/1.1\r\n\r\n")
        # why, as signaling's /readyz says it
        assert (status, json.loads(body)) == (
            503, {"status": "not ready", "reason": "draining", "rooms": 2})
        assert (await _get(server.address, b"GET /admin HTTP/1.1\r\n\r\n"))[0] == 404
        assert (await _get(server.address, b"POST /metrics HTTP/1.1\r\n\r\n"))[0] == 405
        assert (await _get(server.address, b"garbage\r\n\r\n"))[0] == 400
        # an oversized head is dropped without an answer; the server keeps serving
        assert (await _get(server.address, b"GET /" + b"a" * 9000 + b"\r\n\r\n"))[0] == 0
        assert (await _get(server.address, b"GET /healthz HTTP/1.1\r\n\r\n"))[0] == 200
    finally:
        await server.close()


def test_each_process_exports_only_the_metrics_of_the_roles_it_runs() -> None:
    """A role elsewhere is not shown idle: ``fjord signaling`` exported the SFU's and the
    relay's families as zeros, so fjord doctor read a STUN it sent to the SFU as lost."""
    source = CollectorRegistry()
    Gauge("fjord_sfu_transports", "SFU worker", registry=source)
    Counter("fjord_sfu_room_placements", "signaling (Redis placement)", registry=source)
    Counter("fjord_sfu_rooms_lost", "signaling (Redis placement)", registry=source)
    Gauge("fjord_sfu_worker_processes", "supervisor", registry=source)
    Gauge("fjord_turn_allocations", "relay", registry=source)
    Gauge("fjord_signaling_connections", "signaling", registry=source)
    Gauge("fjord_event_loop_lag_seconds", "every role", registry=source)

    def exported(registry: CollectorRegistry) -> set[str]:
        return {family.name for family in registry.collect()}

    signaling_roles = {"fjord_sfu_room_placements", "fjord_sfu_rooms_lost",
                       "fjord_signaling_connections", "fjord_event_loop_lag_seconds"}
    only_signaling = exported_by(sfu=False, turn=False, supervisor=False)
    assert exported(filtered_registry(only_signaling, source)) == signaling_roles
    all_in_one = exported_by(sfu=True, turn=True, supervisor=False)
    assert exported(filtered_registry(all_in_one, source)) == signaling_roles | {
        "fjord_sfu_transports", "fjord_turn_allocations"}
    serve_with_redis = exported_by(sfu=False, turn=True, supervisor=True)
    assert exported(filtered_registry(serve_with_redis, source)) == signaling_roles | {
        "fjord_sfu_worker_processes", "fjord_turn_allocations"}
    # an SFU worker: its own families, not the supervisor's nor signaling's placements
    worker = role_registry("fjord_sfu_", source=source, exclude=SFU_WORKER_EXCLUDES)
    assert exported(worker) == {"fjord_sfu_transports", "fjord_event_loop_lag_seconds"}


def test_fjord_turn_serves_metrics_and_health_port(tmp_path: Path) -> None:
    metrics_port = free_port()
    env = fjord_env(tmp_path / "data", FJORD_METRICS_PORT=str(metrics_port))
    process = subprocess.Popen([sys.executable, "-m", "fjord", "turn"], env=env, cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith(b"Fjord TURN relay listening")
        base = f"http://127.0.0.1:{metrics_port}"
        with urllib.request.urlopen(base + "/healthz", timeout=5) as resp:
            assert resp.status == 200 and b'"allocations": 0' in resp.read()
        with urllib.request.urlopen(base + "/metrics", timeout=5) as resp:
            text = resp.read().decode()
        exported = families(text)
        assert "fjord_turn_allocations" in exported
        # a zero sample before anything was relayed, so rate() has a series from the start
        assert 'fjord_turn_relayed_bytes_total{direction="to_peer"} 0.0' in text
        # only the relay's own families (and the process's): no zeros for the SFU's
        assert not [name for name in exported if name.startswith(("fjord_sfu_",
                                                                  "fjord_signaling_"))]
        assert "fjord_event_loop_lag_seconds" in exported
    finally:
        process.terminate()
        process.wait(10)


def test_grafana_dashboard_uses_only_exported_metrics(fjord_server: FjordServer) -> None:
    import re

    from prometheus_client import REGISTRY, generate_latest

    import fjord.workers  # noqa: F401 - defines the supervisor's metrics

    dashboard = json.loads((ROOT / "deploy" / "grafana" / "fjord-dashboard.json").read_text())
    used = {re.sub(r"_total$", "", name)
            for panel in dashboard["panels"] for target in panel["targets"]
            for name in re.findall(r"fjord_[a-z_]+", target["expr"])}
    known = set(families(fjord_server.metrics_text())) | set(families(generate_latest(REGISTRY)
                                                                .decode()))
    assert used and not used - known, f"unknown metrics in the dashboard: {used - known}"
    assert len({panel["id"] for panel in dashboard["panels"]}) == len(dashboard["panels"])
