"""The native relay core built with AddressSanitizer and UBSan survives 1,000,000 random and
mutated datagrams: no crash, no sanitizer report, every datagram relayed, returned to
Python, or a counted drop (tests/turn/native_fuzz_driver.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sanitized_core import GCC, build_sanitized, run_sanitized

DRIVER = Path(__file__).with_name("native_fuzz_driver.py")
pytestmark = [
    pytest.mark.skipif(GCC is None, reason="gcc is not installed"),
    pytest.mark.slow,
]


def test_sanitized_core_accounts_for_a_million_datagrams(tmp_path: Path) -> None:
    module = build_sanitized("turn._relaycore", tmp_path)
    summary = run_sanitized(DRIVER, module, 1_000_000, timeout=240)
    counters = summary["counters"]
    assert summary["sent"] == 1_000_000
    assert summary["raised"] > 0
    # every kind of outcome happened: relayed both ways, handed to Python, and dropped
    assert counters["to_peer_packets"] > 0 and counters["to_client_packets"] > 0
    assert counters["returned"] > 0
    for reason in ("oversize", "malformed", "no_channel", "no_permission",
                   "request_rate_limited", "bandwidth"):
        assert counters["drops"][reason] > 0, counters
