"""Operator CLI: API keys (list, revoke) and an organization's privacy settings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, fjord_env


def fjord(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fjord", *args], env=env, cwd=ROOT,
        capture_output=True, text=True, timeout=60,
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
    bad = fjord(env, "privacy", "set", "--org", "clinic", "--allowed-embed-origin", "javascript:1")
    assert bad.returncode == 2 and "--allowed-embed-origin" in bad.stderr


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
