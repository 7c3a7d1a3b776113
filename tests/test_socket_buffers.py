"""operability.socket_buffers: the kernel's cap on UDP buffers is reported, once."""

import logging
import socket

import pytest

from operability.socket_buffers import ReceiveDrops, receive_drops, size_buffers


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


def _unread_socket() -> socket.socket:
    """A loopback UDP socket with the smallest receive buffer the kernel allows."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def test_datagrams_a_full_receive_buffer_refused_are_counted() -> None:
    receiver, sender = _unread_socket(), socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    watch = ReceiveDrops()
    with receiver, sender:
        assert receive_drops(receiver) == 0
        assert watch.take([receiver]) == 0
        for _ in range(200):
            sender.sendto(b"x" * 1000, receiver.getsockname())
        queued = 0
        receiver.setblocking(False)
        while True:
            try:
                receiver.recv(2000)
            except BlockingIOError:
                break
            queued += 1
        assert queued >= 1
        assert receive_drops(receiver) == 200 - queued
        assert watch.take([receiver]) == 200 - queued
        assert watch.take([receiver]) == 0  # only the increments since the last look
        sender.sendto(b"x" * 1000, receiver.getsockname())  # room again: no drop
        assert receiver.recv(2000) == b"x" * 1000
        assert watch.take([receiver]) == 0
    assert receive_drops(receiver) is None  # closed
    assert watch.take([receiver]) == 0
