"""The data dir's own layout: a file where one of its directories belongs (keys/,
keys/keyring/, certs/) stops every role and operator command with one line naming it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, fjord_env


@pytest.mark.parametrize("part", ["keys/keyring", "keys", "certs"])
def test_a_file_in_place_of_a_data_dir_directory_is_one_line_naming_it(
        tmp_path: Path, part: str) -> None:
    """A file where the data dir's keys/, keys/keyring/ or certs/ belongs (a restore gone
    wrong) was reported as something else: the keyring as 'organization ... has no data key
    in .../keyring' (restore the keyring, when it is there as a file), keys/ as 'lacks
    keys/room-signing.json', certs/ as '[Errno 17] File exists'."""
    data = tmp_path / "data"
    env = fjord_env(data)

    def fjord(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "fjord", *args], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=60)

    assert fjord(env, "api-key", "create", "--org", "acme").returncode == 0
    shutil.rmtree(data / part)
    (data / part).write_text("restored as a file\n")
    line = (f"fjord: data dir {data} holds a file at {part}, where its directory {part}/ "
            "belongs: restore that directory from the data dir's backup (docs/operations.md, "
            "Backups)")
    for args in (["serve"], ["org", "list"]) if part != "keys" else (["serve"],):
        done = fjord(env, *args)
        assert done.returncode == 1, done.stderr[-2000:]
        assert "Traceback" not in done.stderr
        assert done.stderr.strip().splitlines()[-1] == line, args


@pytest.mark.parametrize("args", [["api-key", "list", "--org", "demo"],
                                  ["api-key", "create", "--org", "demo"],
                                  ["org", "list"], ["keys", "rotate-signing-key"]],
                         ids=lambda a: " ".join(a[:2]))
def test_operator_commands_refuse_the_data_dir_of_a_relay_host(
        tmp_path: Path, args: list[str]) -> None:
    """The data dir fjord turn makes (certs/ and keys/turn-secret.json only) passed for a
    deployment's: `fjord api-key create` on a relay host made a KEK, a signing key, a
    database and an organization there without a word of a new data dir, so its key was one
    no server knew, and `fjord api-key list` built the same new deployment to say 'no
    organization named demo'."""
    from keys.devtls import ensure_dev_certificates
    from keys.turn_secret import ensure_turn_secret_file

    relay = tmp_path / "relay"
    ensure_dev_certificates(relay / "certs")  # what fjord turn makes on its first start
    (relay / "keys").mkdir(mode=0o700)
    ensure_turn_secret_file(relay / "keys")
    before = sorted(relay.rglob("*"))
    done = subprocess.run([sys.executable, "-m", "fjord", *args], env=fjord_env(relay),
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    assert done.stderr == (
        f"fjord: {relay} holds no keys of fjord serve or fjord signaling (no "
        "keys/room-signing.json, keyring or database; only keys/turn-secret.json: a TURN "
        "relay's data dir, or one no server has started in yet): check --data-dir "
        "(FJORD_DATA_DIR); a server role (fjord serve) makes a data dir on its first "
        "start\n")
    assert sorted(relay.rglob("*")) == before
