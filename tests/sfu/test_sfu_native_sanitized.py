"""Issue 13 acceptance 3 (SFU): the forwarding core built with AddressSanitizer and UBSan
(with its AES-GCM SRTP, sfu/srtp_gcm.c) survives 1,000,000 random and mutated datagrams: no
crash, no sanitizer report, every (datagram, route) pair sent or a counted drop, both SRTP
engines (libsrtp, OpenSSL AES-GCM) protect and unprotect, the ingress path accounts for
every datagram (handled whole, left to Python, or a counted drop), and the header and
extension parsers return or raise ParseError/ValueError (tests/sfu/native_fuzz_driver.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sanitized_core import GCC, build_sanitized, run_sanitized

DRIVER = Path(__file__).with_name("native_fuzz_driver.py")
HAVE_HEADERS = all(Path(h).exists() for h in ("/usr/include/srtp2/srtp.h",
                                                 "/usr/include/openssl/evp.h"))
pytestmark = [
    pytest.mark.skipif(GCC is None or not HAVE_HEADERS,
                       reason="gcc, libsrtp2-dev or libssl-dev missing"),
    pytest.mark.slow,
]


def test_sanitized_core_accounts_for_a_million_datagrams(tmp_path: Path) -> None:
    module = build_sanitized("sfu._forwardcore", tmp_path)
    summary = run_sanitized(DRIVER, module, 1_000_000, timeout=900)
    assert summary["sent"] == 1_000_000
    assert summary["raised"] >= 53
    assert summary["numbered"] > 0  # transport-wide sequence numbers written
    assert summary["logged"] > 0  # a simulcast route's log of what it sent
    assert summary["unprotected"] > 0
    assert summary["gcm_unprotected"] > 0  # RFC 7714 over OpenSSL, not only libsrtp
    # the parsers read valid headers and refused malformed ones and blocks out of bounds
    assert 0 < summary["headers"] < summary["sent"]
    assert summary["parse_errors"] > 0
    assert summary["outcomes"] == summary["expected_outcomes"]
    # the ingress path handled the stream's packets whole, and gave Python the rest
    ingress = summary["ingress"]
    assert ingress["handled"] > 0 and ingress["delivered"] > 0 and ingress["demultiplexed"] > 0
    assert ingress["recorded"] > 0 and ingress["bwe"] > 0 and ingress["levels"] > 0
    assert ingress["errors"] > 0  # callbacks that raised: counted, the path went on
    assert summary["gso_messages"] > 0  # drained batches left as UDP GSO runs
    counters = summary["counters"]
    assert counters["forwarded_packets"] > 0
    # every kind of bad packet happened and was counted
    for reason in ("rtp_parse", "rtp_extension", "srtp_protect", "not_connected",
                   "srtp_unprotect"):
        assert counters["drops"].get(reason, 0) > 0, counters
