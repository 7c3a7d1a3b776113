"""Operator CLI: API keys (list, revoke), an organization's privacy settings; operator
commands never build a data dir; known failures are one line; a lost keyring stops."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import ssl
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, fjord_env, free_port, start_role, stop_process


def fjord(env: dict[str, str], *args: str, input: str | None = None  # noqa: A002
          ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fjord", *args], env=env, cwd=ROOT,
        capture_output=True, text=True, timeout=60, input=input,
    )


def test_api_keys_are_listed_and_revoked(tmp_path: Path) -> None:
    env = fjord_env(tmp_path / "data")
    key = fjord(env, "api-key", "create", "--org", "acme").stdout.strip().splitlines()[-1]
    assert key.startswith("fjk_")
    listed = json.loads(fjord(env, "api-key", "list", "--org", "acme").stdout)
    assert len(listed) == 1 and listed[0]["revokedAt"] is None
    assert key not in json.dumps(listed)  # only ids: keys are never stored
    revoked = fjord(env, "api-key", "revoke", listed[0]["id"], "--org", "acme")
    assert revoked.returncode == 0
    assert json.loads(fjord(env, "api-key", "list", "--org", "acme").stdout)[0]["revokedAt"]
    again = fjord(env, "api-key", "revoke", listed[0]["id"], "--org", "acme")
    assert again.returncode == 1 and again.stderr.startswith("fjord: no active API key")
    unknown = fjord(env, "api-key", "list", "--org", "nobody")
    assert unknown.returncode == 1 and "no organization" in unknown.stderr


def test_privacy_settings_round_trip(tmp_path: Path) -> None:
    env = fjord_env(tmp_path / "data")
    fjord(env, "api-key", "create", "--org", "clinic")
    shown = json.loads(fjord(env, "privacy", "show", "--org", "clinic").stdout)
    assert shown["relayOnly"] is False and shown["allowedEmbedOrigins"] == []
    changed = fjord(env, "privacy", "set", "--org", "clinic", "--force-relay",
                    "--redact-display-names", "--allowed-embed-origin", "https://App.example")
    assert changed.returncode == 0, changed.stderr
    shown = json.loads(fjord(env, "privacy", "show", "--org", "clinic").stdout)
    assert shown["relayOnly"] is True and shown["redactDisplayNames"] is True
    assert shown["chatDisabled"] is False
    assert shown["allowedEmbedOrigins"] == ["https://app.example"]
    kept = fjord(env, "privacy", "set", "--org", "clinic", "--org-audit-retention-days", "7")
    assert json.loads(kept.stdout)["auditRetentionDays"] == 7
    cleared = fjord(env, "privacy", "set", "--org", "clinic", "--org-audit-retention-days", "0")
    assert json.loads(cleared.stdout)["auditRetentionDays"] is None
    e2ee = fjord(env, "privacy", "set", "--org", "clinic", "--end-to-end-encryption")
    assert json.loads(e2ee.stdout)["endToEndEncryption"] is True
    assert json.loads(e2ee.stdout)["relayOnly"] is True  # the others kept
    bad = fjord(env, "privacy", "set", "--org", "clinic", "--allowed-embed-origin", "javascript:1")
    assert bad.returncode == 2 and "--allowed-embed-origin" in bad.stderr
    twice = fjord(env, "privacy", "set", "--org", "clinic", "--allowed-embed-origin",
                  "https://a.example", "--allowed-embed-origin", "https://A.example")
    assert twice.returncode == 2 and "https://A.example is listed more than once" in twice.stderr
    # Finding 12: contradictory flags set the origin and dropped --clear without a word.
    both = fjord(env, "privacy", "set", "--org", "clinic", "--allowed-embed-origin",
                 "https://a.example", "--clear-embed-origins")
    assert both.returncode == 2 and "exclude each other" in both.stderr
    shown = json.loads(fjord(env, "privacy", "show", "--org", "clinic").stdout)
    assert shown["allowedEmbedOrigins"] == ["https://app.example"]


def test_the_organization_recording_key_is_set_checked_and_cleared(tmp_path: Path) -> None:
    """``--encryption-public-key``: what ``encryptionPublicKey`` of PATCH /v1/admin/privacy
    sets (every cloud recording of the organization encrypted to that age recipient), with
    the same check; the other settings are kept."""
    from recording.age import new_identity, recipient_of

    recipient = recipient_of(new_identity())
    env = fjord_env(tmp_path / "data")
    fjord(env, "api-key", "create", "--org", "clinic")
    fjord(env, "privacy", "set", "--org", "clinic", "--force-relay")
    bad = fjord(env, "privacy", "set", "--org", "clinic",
                "--encryption-public-key", "age1notarecipient")
    assert bad.returncode == 2, bad.stderr
    assert "--encryption-public-key" in bad.stderr and "not an age X25519 recipient" in bad.stderr
    assert json.loads(fjord(env, "privacy", "show", "--org", "clinic").stdout)[
        "encryptionPublicKey"] is None
    set_ = fjord(env, "privacy", "set", "--org", "clinic", "--encryption-public-key", recipient)
    assert set_.returncode == 0, set_.stderr
    shown = json.loads(fjord(env, "privacy", "show", "--org", "clinic").stdout)
    assert shown["encryptionPublicKey"] == recipient and shown["relayOnly"] is True
    both = fjord(env, "privacy", "set", "--org", "clinic", "--encryption-public-key", recipient,
                 "--clear-encryption-public-key")
    assert both.returncode == 2 and "exclude each other" in both.stderr
    cleared = fjord(env, "privacy", "set", "--org", "clinic", "--clear-encryption-public-key")
    assert json.loads(cleared.stdout)["encryptionPublicKey"] is None


def test_no_command_has_two_options_of_the_same_name() -> None:
    import click

    from fjord.cli import main

    def commands(group: click.Group, path: str):  # noqa: ANN202
        for name, command in group.commands.items():
            if isinstance(command, click.Group):
                yield from commands(command, f"{path} {name}")
            yield f"{path} {name}", command

    for path, command in commands(main, "fjord"):
        flags = [o for p in command.params for o in (*p.opts, *p.secondary_opts)]
        assert len(flags) == len(set(flags)), (path, sorted(f for f in flags if flags.count(f) > 1))


def test_store_commands_offer_only_the_settings_they_read() -> None:
    """An operator task on the account store lists where the data and its keys are, not
    every server flag (``--https-port``, ``--turn-realm``, ...)."""
    from click.testing import CliRunner

    from fjord.cli import main

    shown = CliRunner().invoke(main, ["privacy", "set", "--help"]).output
    assert "--data-dir" in shown and "--kek-provider" in shown and "--force-relay" in shown
    assert "--https-port" not in shown and "--turn-realm" not in shown
    rotate = CliRunner().invoke(main, ["keys", "rotate-signing-key", "--help"]).output
    assert "--room-signing-key-overlap" in rotate
    assert "--https-port" in CliRunner().invoke(main, ["serve", "--help"]).output


ADMIN_COMMANDS = [
    ["api-key", "list", "--org", "acme"],
    ["api-key", "revoke", "key_1", "--org", "acme"],
    ["privacy", "show", "--org", "acme"],
    ["privacy", "set", "--org", "acme", "--force-relay"],
    ["keys", "rotate-kek"],
    ["keys", "rotate-data-keys"],
    ["keys", "rotate-signing-key"],
    ["keys", "rotate-turn-secret"],
    ["keys", "create-missing", "--yes"],
    ["org", "list"],
    ["org", "delete", "acme", "--yes"],
    ["user", "export", "--org", "acme", "--email", "a@acme.test"],
    ["user", "erase", "--org", "acme", "--id", "u_1"],
]


@pytest.mark.parametrize("args", ADMIN_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_admin_commands_never_build_a_data_dir(tmp_path: Path, args: list[str]) -> None:
    """Pointed at a wrong data dir, an operator command stops with one line instead of
    making a new KEK, signing key, TURN secret, CA and database there."""
    missing = tmp_path / "deep" / "dir"
    done = fjord(fjord_env(missing), *args)
    assert done.returncode == 1, done.stderr
    assert done.stderr == (f"fjord: data dir {missing} does not exist: check --data-dir "
                           "(FJORD_DATA_DIR); a server role (fjord serve) makes a data dir "
                           "on its first start\n")
    assert not (tmp_path / "deep").exists()

    other = tmp_path / "other"  # exists, but is no data dir
    other.mkdir()
    (other / "notes.txt").write_text("x")
    done = fjord(fjord_env(other), *args)
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"fjord: {other} is not a Fjord data dir")
    assert sorted(p.name for p in other.iterdir()) == ["notes.txt"]


def test_api_key_create_starts_only_a_new_or_empty_data_dir(tmp_path: Path) -> None:
    deep = tmp_path / "deep" / "dir"
    done = fjord(fjord_env(deep), "api-key", "create", "--org", "acme")
    assert done.returncode == 1 and "does not exist" in done.stderr
    assert not (tmp_path / "deep").exists()
    stray = tmp_path / "stray"
    stray.mkdir()
    (stray / "x").write_text("x")
    done = fjord(fjord_env(stray), "api-key", "create", "--org", "acme")
    assert done.returncode == 1 and "not a Fjord data dir" in done.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    done = fjord(fjord_env(empty), "api-key", "create", "--org", "acme")
    assert done.returncode == 0, done.stderr
    assert (empty / "keys" / "room-signing.json").exists()


@pytest.mark.parametrize("name", ["", "x" * 101, "a\tb", "evil\u202etxt.exe", " "])
def test_organization_names_are_checked(tmp_path: Path, name: str) -> None:
    env = fjord_env(tmp_path / "data")
    done = fjord(env, "api-key", "create", "--org", name)
    assert done.returncode == 2 and "Invalid value for '--org'" in done.stderr
    assert not (tmp_path / "data").exists()
    assert fjord(env, "api-key", "create", "--org", "x" * 100).returncode == 0


@pytest.mark.parametrize("value", ["-1", "nan"])
def test_drain_and_doctor_timeouts_must_be_finite_and_not_negative(tmp_path: Path,
                                                                   value: str) -> None:
    env = fjord_env(tmp_path / "data")
    done = fjord(env, "sfu", "drain", "--node", "x", "--timeout", value,
                 "--redis-url", "redis://127.0.0.1:1")
    assert done.returncode == 2 and "--timeout" in done.stderr
    done = fjord(env, "doctor", "--timeout", value)
    assert done.returncode == 2 and "--timeout" in done.stderr


@pytest.mark.parametrize(("url", "problem"), [
    ("notaurl", "must start with https://"),
    ("ftp://x", "must start with https://"),
    ("http://meet.example.com", "must start with https://"),
    ("https://", "needs a host, e.g. https://meet.example.com"),
    ("https://meet.example.com:0", "has an invalid port (1-65535)"),
])
def test_doctor_refuses_an_outside_url_it_cannot_check(monkeypatch: pytest.MonkeyPatch,
                                                       url: str, problem: str) -> None:
    """Refused with one line before any network activity: it once checked localhost:443 for
    ``notaurl`` and looked ``x`` up in the DNS for ``ftp://x``."""
    from click.testing import CliRunner

    import fjord.doctor
    from fjord.cli import main

    async def no_checks(*_args: object) -> list:
        raise AssertionError("the doctor ran its checks")

    monkeypatch.setattr(fjord.doctor, "run_doctor", no_checks)
    result = CliRunner().invoke(main, ["doctor", "--from-outside", url])
    assert result.exit_code == 2
    assert result.stderr == f"fjord: invalid --from-outside URL: {problem}\n"


def one_line(done: subprocess.CompletedProcess[str], start: str) -> None:
    """``done`` failed with exit status 1 and its last stderr line starts with ``start``
    (server roles may log their start first), without a traceback."""
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith(start), done.stderr


def test_unreachable_redis_is_one_line_naming_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert fjord(fjord_env(data), "api-key", "create", "--org", "acme").returncode == 0
    port = free_port()
    env = fjord_env(data, FJORD_REDIS_URL=f"redis://127.0.0.1:{port}/0", FJORD_NODE_ID="n1")
    for args in (["serve"], ["signaling"], ["sfu", "--workers", "1"],
                 ["sfu", "drain", "--node", "x"]):
        one_line(fjord(env, *args), f"fjord: cannot reach Redis at 127.0.0.1:{port}: ")


def test_unreachable_or_damaged_database_is_one_line_naming_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert fjord(fjord_env(data), "api-key", "create", "--org", "acme").returncode == 0
    port = free_port()
    url = f"postgresql+asyncpg://fjord:pg-s3cret@127.0.0.1:{port}/fjord"
    env = fjord_env(data, FJORD_DATABASE_URL=url)
    for args in (["api-key", "list", "--org", "acme"], ["serve"]):
        done = fjord(env, *args)
        one_line(done, f"fjord: cannot open the database postgresql+asyncpg://fjord:***@"
                       f"127.0.0.1:{port}/fjord: ")
        assert "pg-s3cret" not in done.stderr

    (data / "fjord.db").write_bytes(b"not a database " * 100)
    env = fjord_env(data)
    for args in (["api-key", "list", "--org", "acme"], ["serve"]):
        one_line(fjord(env, *args), f"fjord: cannot open the database {data / 'fjord.db'}: "
                                    "file is not a database")

    bad = fjord(env, "api-key", "list", "--org", "acme", "--database-url", "nonsense")
    assert bad.returncode == 2 and bad.stderr.startswith(
        "fjord: invalid setting FJORD_DATABASE_URL (--database-url): not a database URL")
    # a port beyond 65535 reached the driver: OverflowError and a traceback
    bad = fjord(env, "api-key", "list", "--org", "acme", "--database-url",
                "postgresql+asyncpg://u:pw@127.0.0.1:99999/x")
    assert bad.returncode == 2 and bad.stderr == (
        "fjord: invalid setting FJORD_DATABASE_URL (--database-url): has an invalid port "
        "(1-65535)\n")


def on_full_disk(disk: Path, data: Path | None, *args: str
                 ) -> subprocess.CompletedProcess[str]:
    """``fjord <args>`` on the data dir ``disk``/data, ``data`` copied there first, on a 2 MiB
    tmpfs at ``disk`` filled up (mounted in a mount namespace of its own)."""
    disk.mkdir()
    copy = f'cp -a "{data}" "{disk}/data" && ' if data is not None else ""
    return subprocess.run(
        ["unshare", "-m", "sh", "-c",
         f'mount -t tmpfs -o size=2m tmpfs "{disk}" && {copy}'
         f'{{ dd if=/dev/zero of="{disk}/filler" bs=64k 2>/dev/null; '
         f'"{sys.executable}" -m fjord {" ".join(args)}; }}'],
        env=fjord_env(disk / "data"), cwd=ROOT, capture_output=True, text=True, timeout=60)


full_disk = pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("unshare"),
                               reason="mounts a small tmpfs in a mount namespace (root)")


@full_disk
def test_full_disk_under_the_database_is_one_line_naming_it(tmp_path: Path) -> None:
    """The database refusing a write once the command runs (the disk full, PostgreSQL
    gone midway) ended in a traceback of SQLAlchemy's, the SQL statement and its values
    included."""
    data, disk = tmp_path / "data", tmp_path / "disk"
    assert fjord(fjord_env(data), "api-key", "create", "--org", "acme").returncode == 0
    done = on_full_disk(disk, data, "api-key", "create", "--org", "acme")
    assert done.returncode == 1, done.stderr
    assert done.stderr == (f"fjord: error from the database {disk / 'data' / 'fjord.db'}: "
                           "database or disk is full\n")


@full_disk
def test_a_kek_file_that_cannot_be_made_says_so(tmp_path: Path) -> None:
    """A first start on a full disk said the KEK file 'cannot be read', sending the
    operator to its permissions."""
    done = on_full_disk(tmp_path / "disk", None, "api-key", "create", "--org", "acme")
    assert done.returncode == 1, done.stderr
    assert done.stderr == (f"fjord: KEK file {tmp_path / 'disk' / 'data' / 'keys' / 'kek.bin'} "
                           "cannot be read or made: No space left on device\n")


@full_disk
def test_a_key_file_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    """A new organization's keyring file on a full disk: ``fjord: [Errno 28] No space left
    on device``, naming no file (the write has none; only the open does)."""
    data, disk = tmp_path / "data", tmp_path / "disk"
    assert fjord(fjord_env(data), "api-key", "create", "--org", "acme").returncode == 0
    done = on_full_disk(disk, data, "api-key", "create", "--org", "clinic")
    one_line(done, "fjord: [Errno 28] No space left on device: "
                   f"'{disk / 'data' / 'keys' / 'keyring' / 'org_'}")

@full_disk
def test_signaling_is_not_ready_while_its_disk_is_full(tmp_path: Path) -> None:
    """``/readyz`` answered 200 on a full disk while every write failed (the API answered
    503 "database unavailable"): readiness only read the database."""
    disk = tmp_path / "disk"
    disk.mkdir()
    env = fjord_env(disk / "data")
    process = start_role(["serve"], env, tmp_path / "serve.log", "Fjord is running at",
                         launcher=("unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=8m "
                                   f'tmpfs "{disk}" && exec "$0" "$@"'))
    seen = Path(f"/proc/{process.pid}/root{disk}")  # the server's tmpfs, from outside
    context = ssl.create_default_context(cafile=str(seen / "data" / "certs" / "dev-ca.pem"))

    def readyz() -> tuple[int, dict]:
        url = f"https://127.0.0.1:{env['FJORD_HTTPS_PORT']}/readyz"
        try:
            with urllib.request.urlopen(url, context=context, timeout=10) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    try:
        assert readyz() == (200, {"status": "ready"})
        with open(seen / "filler", "wb") as filler, contextlib.suppress(OSError):
            while True:
                filler.write(bytes(65536))
                filler.flush()
        assert readyz() == (503, {"status": "not ready", "reason": "database refuses writes"})
        (seen / "filler").unlink()
        assert readyz() == (200, {"status": "ready"})
        assert not list(seen.glob("data/*-journal"))  # the probe left nothing behind
    finally:
        stop_process(process)


@pytest.mark.parametrize(("name", "readers"), [
    ("turn-secret.json", ["serve", "turn"]),
    ("room-signing.json", ["serve"]),  # the relay never reads the signing key
])  # fmt: skip
def test_a_damaged_key_file_is_one_line_naming_it(tmp_path: Path, name: str,
                                                  readers: list[str]) -> None:
    data = tmp_path / "data"
    env = fjord_env(data)
    assert fjord(env, "api-key", "create", "--org", "acme").returncode == 0
    (data / "keys" / name).write_text('{"trunc')
    for args in (["api-key", "list", "--org", "acme"], *([role] for role in readers)):
        one_line(fjord(env, *args), f"fjord: {data / 'keys' / name} is damaged")


def test_an_unusable_data_dir_is_one_line(tmp_path: Path) -> None:
    env = fjord_env(Path("/proc/self"))
    one_line(fjord(env, "serve"), "fjord: cannot start: [Errno")
    one_line(fjord(env, "api-key", "list", "--org", "acme"),
             "fjord: /proc/self is not a Fjord data dir")


def test_a_database_restored_without_its_keyring_stops_every_command(tmp_path: Path) -> None:
    """The tester's case: ``cp -a data d2 && rm -rf d2/keys/keyring``. Before, `user export`
    quietly made a new data key (rows written under it were lost once the real keyring was
    back) and `serve` started."""
    data = tmp_path / "data"
    env = fjord_env(data)
    assert fjord(env, "api-key", "create", "--org", "acme").returncode == 0
    [key_file] = (data / "keys" / "keyring").glob("org_*.json")
    org_id = key_file.stem
    copy = tmp_path / "d2"
    shutil.copytree(data, copy)
    shutil.rmtree(copy / "keys" / "keyring")
    env2 = fjord_env(copy)
    expected = (f"fjord: organization {org_id} has no data key in {copy / 'keys' / 'keyring'}: "
                "the database was restored without its keyring, or keyring_dir/data_dir is "
                "wrong; restore the keyring (docs/operations.md, Backups)")
    for args in (["user", "export", "--org", "acme", "--email", "a@acme.test"],
                 ["api-key", "create", "--org", "acme"],
                 ["api-key", "list", "--org", "acme"],
                 ["keys", "rotate-kek"], ["keys", "rotate-data-keys"],
                 ["serve"]):
        done = fjord(env2, *args)
        one_line(done, expected)
        assert done.stderr.strip().splitlines()[-1] == expected
    assert not (copy / "keys" / "keyring").exists()
    # A wrong keyring_dir is the same mistake.
    done = fjord(fjord_env(data, FJORD_KEYRING_DIR=str(tmp_path / "typo")), "api-key", "list",
                 "--org", "acme")
    one_line(done, f"fjord: organization {org_id} has no data key in {tmp_path / 'typo'}")

    # Putting the keyring back is the fix.
    shutil.copytree(data / "keys" / "keyring", copy / "keys" / "keyring")
    assert fjord(env2, "api-key", "list", "--org", "acme").returncode == 0


def test_a_lost_key_has_two_ways_out(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = fjord_env(data)
    for org in ("acme", "globex", "initech"):
        assert fjord(env, "api-key", "create", "--org", org).returncode == 0
    ids = {json.loads(p.read_text())["organization"]: p
           for p in (data / "keys" / "keyring").glob("org_*.json")}
    assert len(ids) == 3
    for path in ids.values():
        path.unlink()  # keyring lost, no backup
    one_line(fjord(env, "api-key", "list", "--org", "acme"), "fjord: organization org_")

    deleted = fjord(env, "org", "delete", "globex", "--yes")  # 1: delete the organization
    assert deleted.returncode == 1 and "has no data key" in deleted.stderr  # others lack theirs

    refused = fjord(env, "keys", "create-missing", input="n\n")  # 2: new keys, data lost
    assert refused.returncode == 1 and not list((data / "keys" / "keyring").glob("org_*.json"))
    made = fjord(env, "keys", "create-missing", "--yes")
    assert made.returncode == 0, made.stderr
    assert sorted(line.split()[-1] for line in made.stdout.splitlines()) == sorted(ids)
    assert "3 organization(s)" not in made.stderr  # --yes: no question
    assert json.loads(fjord(env, "api-key", "list", "--org", "acme").stdout)
    assert fjord(env, "keys", "create-missing").stdout == "every organization has its data key\n"

    # An organization deleted on purpose leaves a tombstone: an old database copy that
    # still holds it opens.
    backup = data / "fjord.db.bak"
    shutil.copyfile(data / "fjord.db", backup)
    assert fjord(env, "org", "delete", "globex", "--yes").returncode == 0
    shutil.copyfile(backup, data / "fjord.db")
    listed = fjord(env, "api-key", "list", "--org", "acme")
    assert listed.returncode == 0, listed.stderr
    assert "every organization" in fjord(env, "keys", "create-missing").stdout


@pytest.mark.parametrize("name", ["room-signing.json", "turn-secret.json", "kek.bin"])
def test_a_lost_key_file_stops_commands_instead_of_being_replaced(tmp_path: Path,
                                                                  name: str) -> None:
    # A new signing key would silently invalidate every host link, a new TURN secret every
    # credential in use, a new KEK every wrapped key.
    env = fjord_env(tmp_path / "data")
    assert fjord(env, "api-key", "create", "--org", "acme").returncode == 0
    lost = tmp_path / "data" / "keys" / name
    lost.unlink()
    for args in (("api-key", "list", "--org", "acme"), ("keys", "rotate-turn-secret")):
        done = fjord(env, *args)
        assert done.returncode == 1, done.stderr
        assert done.stderr.count("\n") == 1 and f"lacks keys/{name}" in done.stderr
        assert "Traceback" not in done.stderr
    assert not lost.exists()


@pytest.mark.parametrize("wrapped", ["!!!", "AAAA", ""])
def test_a_damaged_wrapped_key_is_one_line_naming_the_keyring_file(tmp_path: Path,
                                                                  wrapped: str) -> None:
    """A wrapped key cut short or not base64 ended in a traceback (``ValueError: Nonce must
    be between 8 and 128 bytes``)."""
    data = tmp_path / "data"
    env = fjord_env(data)
    for org in ("acme", "globex"):
        assert fjord(env, "api-key", "create", "--org", org).returncode == 0
    for key_file in (data / "keys" / "keyring").glob("org_*.json"):
        doc = json.loads(key_file.read_text())
        doc["index"]["wrapped"] = wrapped
        key_file.write_text(json.dumps(doc))
    for args in (["api-key", "list", "--org", "acme"], ["keys", "rotate-kek"], ["serve"]):
        done = fjord(env, *args)
        one_line(done, "fjord: ")
        assert "keyring file" in done.stderr.splitlines()[-1]
        assert "damaged" in done.stderr.splitlines()[-1]


@pytest.mark.parametrize("name", ["localhost.pem", "localhost.key"])
def test_a_damaged_development_certificate_is_one_line_naming_it(tmp_path: Path,
                                                                 name: str) -> None:
    """``fjord: cannot start: [SSL] PEM lib (_ssl.c:3905)`` named no file."""
    data = tmp_path / "data"
    env = fjord_env(data)
    assert fjord(env, "api-key", "create", "--org", "acme").returncode == 0
    (data / "certs" / name).write_text("-----BEGIN half-written")
    done = fjord(env, "serve")
    one_line(done, f"fjord: development certificate {data / 'certs' / 'localhost.pem'} and "
                   f"{data / 'certs' / 'localhost.key'} do not load together")
    assert f"delete {data / 'certs'} to make new ones" in done.stderr


def test_a_read_only_data_dir_is_one_line_saying_it_must_be_writable(tmp_path: Path) -> None:
    """Mounted read-only (a backup mounted to look at): ``fjord: [Errno 30] Read-only file
    system: '/srv/data'`` from a chmod of the directory that was already right."""
    data = tmp_path / "data"
    env = fjord_env(data)
    assert fjord(env, "api-key", "create", "--org", "acme").returncode == 0
    script = (f"mount --bind {data} {data} && mount -o remount,bind,ro {data} && "
              f"exec {sys.executable} -m fjord api-key list --org acme")
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    one_line(done, "fjord: [Errno 30] Read-only file system: ")
    assert f"'{data}/" in done.stderr and done.stderr.rstrip().endswith(
        "the data dir must be writable by the user running fjord (key files take a lock, the "
        "database is written), operator commands included")


def test_rotating_the_turn_secret_refuses_when_the_servers_take_another(tmp_path: Path) -> None:
    """With FJORD_TURN_SECRET set the servers use it, not keys/turn-secret.json: the command
    said ``TURN secret rotated`` and nothing changed for the relay (after a leak, say)."""
    data = tmp_path / "data"
    assert fjord(fjord_env(data), "api-key", "create", "--org", "acme").returncode == 0
    before = (data / "keys" / "turn-secret.json").read_bytes()
    env = fjord_env(data, FJORD_TURN_SECRET="s" * 32)
    done = fjord(env, "keys", "rotate-turn-secret")
    one_line(done, "fjord: turn_secret is set (FJORD_TURN_SECRET or the configuration file): "
                   "the servers use it, not ")
    assert "s" * 32 not in done.stderr
    assert (data / "keys" / "turn-secret.json").read_bytes() == before
    # An invalid one (a template that rendered blanks) is not another role's setting "left
    # at its default" here (found by the fresh-clone tester): the command reads it.
    done = fjord(fjord_env(data, FJORD_TURN_SECRET="   "), "keys", "rotate-turn-secret")
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("fjord: invalid setting FJORD_TURN_SECRET (--turn-secret): "
                                  "has fewer than 16 visible characters"), done.stderr
    assert "TURN secret rotated" not in done.stdout
    assert (data / "keys" / "turn-secret.json").read_bytes() == before


def test_a_sqlite_database_that_cannot_be_opened_is_one_line_every_time(tmp_path: Path) -> None:
    """A mistyped sqlite URL printed, one run in three, aiosqlite's worker thread's traceback
    (``RuntimeError: Event loop is closed``) before the line."""
    data = tmp_path / "data"
    env = fjord_env(data)
    assert fjord(env, "api-key", "create", "--org", "acme").returncode == 0
    missing = tmp_path / "no" / "such" / "dir" / "fjord.db"
    for _ in range(6):
        done = fjord(env, "api-key", "list", "--org", "acme", "--database-url",
                     f"sqlite+aiosqlite:///{missing}")
        assert done.returncode == 1
        assert done.stderr == (f"fjord: cannot open the database {missing}: unable to open "
                               "database file\n")


def test_org_delete_names_a_missing_organization_before_asking(tmp_path: Path) -> None:
    """``fjord org delete NOPE`` asked "Delete organization 'NOPE' ...?" and only after a
    yes said there was none. The organization is looked up first; a no keeps it."""
    env = fjord_env(tmp_path / "data")
    assert fjord(env, "api-key", "create", "--org", "acme").returncode == 0
    done = fjord(env, "org", "delete", "nope", input="y\n")
    assert done.returncode == 1 and "Delete organization" not in done.stdout, done.stdout
    assert done.stderr == "fjord: no organization named 'nope' (fjord org list lists them)\n"
    done = fjord(env, "org", "delete", "acme", input="n\n")
    assert done.returncode == 1 and "Delete organization 'acme'" in done.stdout
    assert json.loads(fjord(env, "api-key", "list", "--org", "acme").stdout)  # still there


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root, as `sudo fjord ...` has")
def test_root_refuses_a_data_dir_another_user_owns(tmp_path: Path) -> None:
    """``sudo fjord api-key create`` in the service user's data dir wrote a root-owned
    keyring file (and ``keys rotate-signing-key`` a root-owned signing key): the service's
    next start failed on ``Permission denied``, days later."""
    data = tmp_path / "data"
    env = fjord_env(data)
    assert fjord(env, "api-key", "create", "--org", "acme").returncode == 0
    for path in [data, *data.rglob("*")]:
        os.chown(path, 10001, 10001)  # the Docker image's fjord user
    before = sorted(data.rglob("*"))
    for args in (("api-key", "create", "--org", "clinic"), ("keys", "rotate-signing-key")):
        done = fjord(env, *args)
        one_line(done, f"fjord: data dir {data} belongs to uid 10001 and this command runs "
                       "as root: ")
        assert "run it as that user" in done.stderr
    assert sorted(data.rglob("*")) == before
    assert all(path.stat().st_uid == 10001 for path in before)
