"""Secrets in the configuration: ``fjord config show`` masks them (a database URL's passwords,
in its user part and its query), a refused one is never echoed, and one given where others
may read it (a flag, a configuration file readable by others) is warned about."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from fjord.settings_loading import is_secret, load_settings
from tests.ops.conftest import show, write_toml

pytestmark = pytest.mark.usefixtures("no_fjord_env")


def test_config_show_masks_every_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FJORD_TURN_SECRET", "turn-s3cret-value")
    monkeypatch.setenv("FJORD_REDIS_URL", "redis://:redis-pa55@cache:6379/0")
    code, body, err = show("--kek-provider", "pkcs11", "--kek-pkcs11-module",
                           "/usr/lib/softhsm/libsofthsm2.so", "--kek-pkcs11-pin", "1234-pin")
    assert code == 0, err
    text = json.dumps(body)
    for secret in ("turn-s3cret-value", "redis-pa55", "1234-pin"):
        assert secret not in text
    assert body["turn_secret"] == body["redis_url"] == body["kek_pkcs11_pin"] == "**********"
    assert body["kek_provider"] == "pkcs11"


def test_database_password_is_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FJORD_DATABASE_URL", "postgresql+asyncpg://fjord:s3cr3t-pw@db:5432/fjord")
    code, body, _ = show()
    assert code == 0
    assert body["database_url"] == "postgresql+asyncpg://fjord:**********@db:5432/fjord"


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql+asyncpg://fjord@db:5432/fjord?password=q-s3cr3t",
     "postgresql+asyncpg://fjord@db:5432/fjord?password=**********"),
    ("postgresql+asyncpg://fjord:s3cr3t-pw@db:5432/fjord?sslmode=require&password=q-s3cr3t",
     "postgresql+asyncpg://fjord:**********@db:5432/fjord?sslmode=require&password=**********"),
])
def test_database_password_in_the_query_is_masked(
    monkeypatch: pytest.MonkeyPatch, url: str, shown: str
) -> None:
    """SQLAlchemy hands the URL's query to the driver as connect arguments, so
    ``?password=`` is a password as much as ``user:password@`` is: config show printed it."""
    monkeypatch.setenv("FJORD_DATABASE_URL", url)
    code, body, _ = show()
    assert code == 0
    assert body["database_url"] == shown
    assert is_secret(load_settings(), "database_url")


def test_a_config_file_others_may_read_is_named_when_it_holds_secrets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The TOML file takes every setting, the KEK's PKCS#11 PIN, the TURN secret and the
    database password among them: one left readable by every local user (0644, what an
    editor or ``cp`` under umask 022 makes) was read without a word."""
    write_toml(tmp_path, 'kek_pkcs11_pin = "4321"\nturn_secret = "0123456789abcdefXYZ"\n'
               'database_url = "postgresql+asyncpg://fjord:pw@db.example:5432/fjord"\n'
               "https_port = 9001\n", monkeypatch)
    path = tmp_path / "fjord.toml"
    os.chmod(path, 0o644)
    code, _, stderr = show()
    assert code == 0, stderr
    assert stderr == (f"fjord: warning: {path} holds database_url, kek_pkcs11_pin, turn_secret "
                      "and users other than its owner may read it (mode 0644): chmod 600 "
                      f"{path}\n")
    os.chmod(path, 0o600)
    assert show() == (0, show()[1], "")
    write_toml(tmp_path, 'redis_url = "redis://cache.example:6379/0"\n',  # no secret in it
               monkeypatch)
    os.chmod(path, 0o644)
    assert show()[2] == ""


def test_database_url_is_never_echoed_when_refused() -> None:
    code, _, stderr = show("--database-url", "postgresql://fjord:s3cr3t-pw@db/fjord")
    assert code == 2 and "s3cr3t-pw" not in stderr


@pytest.mark.parametrize("value", ["", "k3y", "fifteen-chars!!", " " * 16, "\tk3y\n" * 4,
                                   "\u200b" * 20])
def test_a_turn_secret_anyone_could_guess_is_refused(monkeypatch: pytest.MonkeyPatch,
                                                     value: str) -> None:
    """An empty FJORD_TURN_SECRET (a secret reference that rendered empty) would let anyone
    mint TURN credentials: refused, naming the setting, without echoing the value."""
    monkeypatch.setenv("FJORD_TURN_SECRET", value)
    code, _, err = show()
    assert code == 2
    assert "FJORD_TURN_SECRET" in err and "fewer than 16 visible characters" in err
    assert not value.strip() or value not in err


def test_a_secret_given_as_a_flag_is_warned_about(monkeypatch: pytest.MonkeyPatch) -> None:
    """A flag's value is in the process's command line, which every user of the machine
    reads (ps, /proc/PID/cmdline): the PIN of the HSM holding the KEK among them."""
    code, _, err = show("--kek-provider", "pkcs11", "--kek-pkcs11-module",
                        "/usr/lib/softhsm/libsofthsm2.so", "--kek-pkcs11-pin", "1234-pin",
                        "--database-url", "postgresql+asyncpg://fjord:pw@db:5432/fjord",
                        "--https-port", "9003")
    assert code == 0, err
    warnings = [line for line in err.splitlines() if "visible to every user" in line]
    assert [w.split()[2] for w in warnings] == ["--database-url", "--kek-pkcs11-pin"], err
    assert "FJORD_KEK_PKCS11_PIN" in warnings[1] and "1234-pin" not in err
    monkeypatch.setenv("FJORD_KEK_PKCS11_PIN", "1234-pin")  # the way to give it: no warning
    code, _, err = show("--kek-provider", "pkcs11", "--kek-pkcs11-module",
                        "/usr/lib/softhsm/libsofthsm2.so")
    assert code == 0 and "visible to every user" not in err, err
