"""`make run` from a clean clone prints a working host room URL (issue 2, acceptance 4).

The clone reuses this checkout's virtual environment (``VENV=...``, its install stamp taken
as up to date with ``-o``): the suite runs in a loopback-only namespace where pip cannot
download, and ``make test`` has just installed that same environment from scratch.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from e2e_support import room_url

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(180)]

ROOT = Path(__file__).resolve().parents[2]
URL_LINE = re.compile(r"^Open the demo meeting as host: (https://\S+)$")
START_BUDGET_S = 120


def test_make_run_from_a_clean_clone(tmp_path: Path, chromium, open_page) -> None:
    clone = tmp_path / "fjord"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    venv = Path(sys.prefix)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FJORD_")}
    started = time.monotonic()
    make = subprocess.Popen(
        ["make", "--no-print-directory", "run", f"VENV={venv}", "-o", f"{venv}/.installed"],
        cwd=clone, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True, text=True,
    )
    assert make.stdout is not None
    output: list[str] = []
    url = None
    try:
        while time.monotonic() - started < START_BUDGET_S:
            line = make.stdout.readline()
            if not line:
                break
            output.append(line)
            if match := URL_LINE.match(line.strip()):
                url = match.group(1)
                break
        assert url, "make run printed no URL:\n" + "".join(output)
        assert url.startswith("https://localhost:8443/demo-") and "roomKey=" in url
        assert any("Development CA certificate:" in line for line in output)

        data = clone / "data"
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        assert (data / "certs" / "dev-ca.pem").is_file()
        assert (data / "keys" / "kek.bin").stat().st_size == 32

        page = open_page(chromium, "Host", room_url(url, displayName="Host", precallReview="off"))
        page.wait_joined()
        assert page.fjord("role") == "host"
        assert page.console_errors == []
    finally:
        os.killpg(make.pid, signal.SIGTERM)
        try:
            make.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(make.pid, signal.SIGKILL)
            make.wait()
