"""Issue 13 acceptance 3 (SFU): the forwarding core built with AddressSanitizer and UBSan
survives 1,000,000 random and mutated datagrams: no crash, no sanitizer report, and every
(datagram, route) pair sent or a counted drop (tests/sfu/native_fuzz_driver.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[2] / "sfu" / "_forwardcore.c"
DRIVER = Path(__file__).with_name("native_fuzz_driver.py")
GCC = shutil.which("gcc")
HAVE_SRTP = Path("/usr/include/srtp2/srtp.h").exists()
pytestmark = [
    pytest.mark.skipif(GCC is None or not HAVE_SRTP, reason="gcc or libsrtp2-dev missing"),
    pytest.mark.slow,
]


def _build(directory: Path) -> Path:
    assert GCC is not None
    target = directory / ("_forwardcore" + sysconfig.get_config_var("EXT_SUFFIX"))
    subprocess.run(
        [GCC, "-shared", "-fPIC", "-O1", "-g", "-std=gnu11", "-fno-omit-frame-pointer",
         "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
         "-I", sysconfig.get_paths()["include"], str(SOURCE), "-lsrtp2", "-o", str(target)],
        check=True,
    )  # fmt: skip
    return target


def test_sanitized_core_accounts_for_a_million_datagrams(tmp_path: Path) -> None:
    assert GCC is not None
    module = _build(tmp_path)
    libasan = subprocess.run(
        [GCC, "-print-file-name=libasan.so"], capture_output=True, text=True, check=True
    ).stdout.strip()
    env = dict(os.environ)
    env.update(
        LD_PRELOAD=libasan,
        ASAN_OPTIONS="detect_leaks=0:exitcode=86",
        UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=87",
        PYTHONMALLOC="malloc",
    )
    result = subprocess.run(
        [sys.executable, str(DRIVER), str(module), "1000000", "13"],
        env=env, capture_output=True, text=True, timeout=900,  # about 45 CPU s; the box is shared
    )  # fmt: skip
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-4000:]
    assert "Sanitizer" not in report and "runtime error" not in report, report[-4000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["sent"] == 1_000_000
    assert summary["raised"] >= 15
    assert summary["unprotected"] > 0
    assert summary["outcomes"] == summary["expected_outcomes"]
    counters = summary["counters"]
    assert counters["forwarded_packets"] > 0
    # every kind of bad packet happened and was counted
    for reason in ("rtp_parse", "rtp_extension", "srtp_protect", "not_connected"):
        assert counters["drops"].get(reason, 0) > 0, counters
