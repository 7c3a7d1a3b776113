"""What the kernel drops before the SFU worker reads its media socket is counted
(`receive_buffer`): the test holds the event loop (which reads the socket, on the native
path too) while it floods the socket whose receive buffer it shrank."""

from __future__ import annotations

import socket

import pytest
from prometheus_client import REGISTRY
from sfu_clients import loopback_only

from sfu.control import SfuConfig
from sfu.worker import SfuWorker
from tests.conftest import wait_until

FLOOD = 300


@pytest.mark.parametrize("native", ["auto", "off"])
async def test_overflowing_the_media_socket_is_counted(
    native: str, monkeypatch: pytest.MonkeyPatch, listener: object
) -> None:
    loopback_only(monkeypatch)
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0, native=native), listener)
    await worker.start()
    try:
        await _flood_and_count(worker)
    finally:
        await worker.close()


async def _flood_and_count(worker: SfuWorker) -> None:
    sock = worker._sock
    assert sock is not None
    metric_before = REGISTRY.get_sample_value(
        "fjord_sfu_dropped_packets_total", {"reason": "receive_buffer"}) or 0.0
    before = sum(worker.stats.drops.values())
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        for _ in range(FLOOD):  # no await: the worker cannot read meanwhile
            sender.sendto(b"\x80" + bytes(999), worker.address)

    def exported() -> bool:
        value = REGISTRY.get_sample_value(
            "fjord_sfu_dropped_packets_total", {"reason": "receive_buffer"}) or 0.0
        return value > metric_before

    assert await wait_until(exported, 10)
    # every datagram is counted once: read and dropped as from nobody, or dropped unread
    assert sum(worker.stats.drops.values()) - before == FLOOD, worker.stats.drops
    assert worker.stats.drops["receive_buffer"] > 0
