"""The test-only RTP tap (sfu/rtp_tap.py): loopback only, and the datagram layout the
end-to-end encryption tests read (tests/e2e/vp8_frames.py)."""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass

import pytest

from sfu.rtp_tap import RtpTap, parse_tap_address


@dataclass
class FakeProducer:
    participant_id: str
    kind: str


@pytest.mark.parametrize(("value", "expected"), [
    ("127.0.0.1:5000", ("127.0.0.1", 5000)),
    ("127.8.0.1:1", ("127.8.0.1", 1)),
    ("[::1]:65535", ("::1", 65535)),
])
def test_loopback_addresses_are_taken(value: str, expected: tuple[str, int]) -> None:
    assert parse_tap_address(value) == expected


@pytest.mark.parametrize("value", [
    "10.0.0.1:5000", "192.0.2.1:9", "[2001:db8::1]:5000", "127.0.0.1", "127.0.0.1:0",
    "127.0.0.1:70000", "127.0.0.1:x", "localhost:5000", ":5000",
])
def test_other_addresses_are_refused(value: str) -> None:
    with pytest.raises(ValueError):
        parse_tap_address(value)


def test_tap_refuses_a_non_loopback_destination() -> None:
    with pytest.raises(ValueError):
        RtpTap(("192.0.2.1", 5000))


def test_tap_sends_kind_publisher_and_packet() -> None:
    reader = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    reader.bind(("127.0.0.1", 0))
    reader.settimeout(5)
    tap = RtpTap(reader.getsockname())
    rtp = bytes.fromhex("80600001000000640000abcd") + b"payload"
    tap(FakeProducer("p_ada", "video"), rtp)
    tap(FakeProducer("p_bo", "audio"), rtp)
    assert reader.recv(2048) == b"v\x05p_ada" + rtp
    assert reader.recv(2048) == b"a\x04p_bo" + rtp
    asyncio.run(tap.close())
    reader.close()
