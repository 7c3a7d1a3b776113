"""operability.socket_buffers: the kernel's cap on UDP buffers is reported, once."""

import logging
import socket

import pytest

from operability.socket_buffers import size_buffers


def test_a_capped_buffer_is_reported_once_with_the_sysctl_to_raise(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with open("/proc/sys/net/core/rmem_max") as limit:
        rmem_max = int(limit.read())
    first, second = (socket.socket(socket.AF_INET, socket.SOCK_DGRAM) for _ in range(2))
    with first, second, caplog.at_level(logging.WARNING, "operability.socket_buffers"):
        size_buffers(first, "test socket", receive=64 << 10)  # within every default cap
        assert not caplog.records
        size_buffers(first, "test socket", receive=rmem_max + (1 << 20))
        assert first.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF) // 2 == rmem_max
        size_buffers(second, "test socket", receive=rmem_max + (1 << 20))
    assert [r.getMessage() for r in caplog.records] == [
        f"test socket: receive buffer is {rmem_max >> 10} KiB, not the "
        f"{(rmem_max + (1 << 20)) >> 10} KiB asked: net.core.rmem_max caps it; raise it "
        f"(sysctl -w net.core.rmem_max={rmem_max + (1 << 20)}) or bursts are dropped in the "
        "kernel"
    ]
