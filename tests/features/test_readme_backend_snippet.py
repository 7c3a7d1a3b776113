"""README.md's "Using it from your backend" block, pasted into a shell as a newcomer would,
creates a meeting: it used ``$KEY`` without ever setting it, so the request went out with an
empty bearer token and got a 401."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import FjordServer

README = Path(__file__).resolve().parents[2] / "README.md"


def backend_snippet() -> str:
    section = README.read_text().split("## Using it from your backend", 1)[1]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)


def test_the_readme_backend_snippet_creates_a_meeting(fjord_server: FjordServer,
                                                      tmp_path: Path) -> None:
    # The snippet runs from the checkout: .venv/ and data/ beside it, the server on 8443.
    (tmp_path / ".venv").symlink_to(sys.prefix)
    (tmp_path / "data").symlink_to(fjord_server.data_dir)
    port = fjord_server.ports["FJORD_HTTPS_PORT"]
    script = backend_snippet().replace("localhost:8443", f"localhost:{port}")
    env = {k: v for k, v in fjord_server.env.items() if k != "FJORD_DATA_DIR"}
    done = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60, env={**env, "PATH": os.environ["PATH"]})
    assert done.returncode == 0, done.stderr
    meeting = json.loads(done.stdout.strip().splitlines()[-1])
    assert meeting["roomUrl"] and "roomKey=" in meeting["hostRoomUrl"], done.stdout
