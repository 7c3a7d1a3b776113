"""Configuration sources: flag > FJORD_* environment > TOML file > default, and one line per
problem naming the setting as its source gives it (the variable and flag, or the file's key);
unknown variables and keys, quotes, ``~`` and booleans as operators write them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fjord.settings_loading import SettingsError, load_settings
from tests.ops.conftest import show, write_toml

pytestmark = pytest.mark.usefixtures("no_fjord_env")


def test_flag_beats_env_beats_toml_beats_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_toml(tmp_path, 'https_port = 9001\nsfu_port = 9101\nturn_realm = "from-toml"\n'
               'sfu_workers = 3\nredis_url = "redis://127.0.0.1:6379/0"\n', monkeypatch)
    monkeypatch.setenv("FJORD_HTTPS_PORT", "9002")
    monkeypatch.setenv("FJORD_SFU_PORT", "9102")
    code, body, err = show("--https-port", "9003")
    assert code == 0, err
    assert body["https_port"] == 9003  # flag over env and TOML
    assert body["sfu_port"] == 9102  # env over TOML
    assert body["turn_realm"] == "from-toml"  # TOML over default
    assert body["sfu_workers"] == 3
    assert body["turn_udp_port"] == 3478  # default


def test_each_invalid_setting_is_one_line_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_toml(tmp_path, "node_ttl = -1\n", monkeypatch)
    monkeypatch.setenv("FJORD_REDIS_URL", "http://cache:6379")
    code, _, err = show("--https-port", "70000", "--sfu-workers", "x")
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 4
    assert all(line.startswith("fjord: invalid setting ") for line in lines)
    named = "\n".join(lines)
    for name in ("FJORD_HTTPS_PORT (--https-port)", "FJORD_SFU_WORKERS (--sfu-workers)",
                 "FJORD_REDIS_URL (--redis-url)", f"node_ttl in {tmp_path / 'fjord.toml'}"):
        assert name in named


def test_a_bad_value_of_the_file_is_named_by_its_key_and_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "fjord.toml"
    write_toml(tmp_path, "https_port = 70000\nsfu_port = 70001\nturn_udp_port = 70002\n",
               monkeypatch)
    monkeypatch.setenv("FJORD_SFU_PORT", "0")  # the variable wins over the file: it is named
    code, _, err = show("--turn-udp-port", "-1")  # so does the flag
    assert code == 2
    assert err.splitlines() == [
        f"fjord: invalid setting https_port in {path}: Input should be less than or equal to"
        " 65535",
        "fjord: invalid setting FJORD_TURN_UDP_PORT (--turn-udp-port): Input should be greater"
        " than or equal to 1",
        "fjord: invalid setting FJORD_SFU_PORT (--sfu-port): Input should be greater than or"
        " equal to 1",
    ]


def test_cross_field_problem_names_both_settings(tmp_path: Path) -> None:
    (tmp_path / "cert.pem").write_text("")
    with pytest.raises(SettingsError) as info:
        load_settings(tls_cert_file=str(tmp_path / "cert.pem"))
    assert info.value.problems == [
        "invalid settings FJORD_TLS_CERT_FILE (--tls-cert-file) and FJORD_TLS_KEY_FILE "
        "(--tls-key-file): tls_cert_file and tls_key_file must be given together"
    ]
    with pytest.raises(SettingsError, match="node_ttl must exceed node_heartbeat_interval"):
        load_settings(node_ttl=1.0, node_heartbeat_interval=2.0)


def test_a_broken_rule_names_its_variables_as_other_problems_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said ``invalid setting configuration: turn_relay_port_min must not exceed
    turn_relay_port_max``, where every other problem names its variable and flag; a value
    from the TOML file is named as the file's key there, as for one setting."""
    code, _, stderr = show("--turn-relay-port-min", "60000", "--turn-relay-port-max", "50000")
    assert code == 2
    assert stderr == (
        "fjord: invalid settings FJORD_TURN_RELAY_PORT_MIN (--turn-relay-port-min) and "
        "FJORD_TURN_RELAY_PORT_MAX (--turn-relay-port-max): turn_relay_port_min 60000 must "
        "not exceed turn_relay_port_max 50000\n")
    write_toml(tmp_path, "turn_relay_port_min = 60000\n", monkeypatch)
    code, _, stderr = show("--turn-relay-port-max", "50000")
    assert code == 2
    assert stderr.startswith(
        f"fjord: invalid settings turn_relay_port_min in {tmp_path / 'fjord.toml'} and "
        "FJORD_TURN_RELAY_PORT_MAX (--turn-relay-port-max): "), stderr


def test_worker_count_defaults_to_cores() -> None:
    assert load_settings().sfu_worker_count == len(os.sched_getaffinity(0))
    redis = "redis://127.0.0.1:6379/0"  # several SFU workers take their rooms over Redis
    assert load_settings(sfu_workers=3, redis_url=redis).sfu_worker_count == 3


def test_missing_config_file_is_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FJORD_CONFIG_FILE", str(tmp_path / "missing.toml"))
    code, _, stderr = show()
    assert code == 2 and "FJORD_CONFIG_FILE" in stderr


def test_misspelled_variable_is_named_with_the_setting_meant(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FJORD_SFU_PORTS", "41000")
    monkeypatch.setenv("FJORD_SIGNALING_SERVICE_HOST", "10.0.0.1")  # a Kubernetes service link
    code, body, stderr = show()
    assert code == 0 and body["sfu_port"] == 40000
    assert stderr.splitlines() == [
        "fjord: warning: FJORD_SFU_PORTS is not a setting and is ignored"
        " (did you mean FJORD_SFU_PORT?)",
        "fjord: warning: FJORD_SIGNALING_SERVICE_HOST is not a setting and is ignored",
    ]


def test_toml_problems_name_the_file_and_its_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_toml(tmp_path, "bogus_key = 1\nsfu_ports = 3\n", monkeypatch)
    code, _, stderr = show()
    path = tmp_path / "fjord.toml"
    assert code == 2
    assert stderr.splitlines() == [
        f"fjord: unknown key bogus_key in {path}",
        f"fjord: unknown key sfu_ports in {path} (did you mean sfu_port?)",
    ]
    write_toml(tmp_path, "https_port = \n", monkeypatch)
    code, _, stderr = show()
    assert code == 2 and stderr.count("\n") == 1
    assert f"{path} is not valid TOML" in stderr


def test_a_variable_name_in_the_file_is_named_with_its_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An environment file copied into the TOML file (``FJORD_HTTPS_PORT = 9443``) said
    ``unknown key FJORD_HTTPS_PORT`` and no more."""
    write_toml(tmp_path, "FJORD_HTTPS_PORT = 9443\nfjord_sfu_port = 40000\n", monkeypatch)
    code, _, stderr = show()
    path = tmp_path / "fjord.toml"
    assert code == 2
    assert stderr.splitlines() == [
        f"fjord: unknown key FJORD_HTTPS_PORT in {path} (did you mean https_port?)",
        f"fjord: unknown key fjord_sfu_port in {path} (did you mean sfu_port?)",
    ]


def test_a_home_directory_path_is_expanded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No shell expands ``~`` in the TOML file or a service's environment: ``data_dir =
    "~/fjord"`` made ``./~/fjord`` under whatever directory the server started in."""
    monkeypatch.setenv("HOME", str(tmp_path))
    write_toml(tmp_path, 'data_dir = "~/fjord"\n', monkeypatch)
    monkeypatch.setenv("FJORD_KEYRING_DIR", "~/keyring")
    code, body, err = show()
    assert code == 0, err
    assert body["data_dir"] == str(tmp_path / "fjord")
    assert body["keyring_dir"] == str(tmp_path / "keyring")


def test_a_home_directory_path_without_a_home_is_named(tmp_path: Path) -> None:
    """A container's user id with no passwd entry and no HOME has no ``~``: the setting is
    named with why, not a traceback (a process started as root that becomes such a user)."""
    from tests.conftest import ROOT

    probe = ("import os\n"
             "from fjord.settings_loading import SettingsError, load_settings\n"
             "os.setgid(4242); os.setuid(4242)\n"
             "try:\n"
             "    load_settings(data_dir='~/fjord')\n"
             "except SettingsError as error:\n"
             "    print(error)\n")
    env = {k: v for k, v in os.environ.items() if k != "HOME" and not k.startswith("FJORD_")}
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, text=True,
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "invalid setting FJORD_DATA_DIR (--data-dir): ~/fjord starts with ~, but this user "
        "has no home directory (no HOME, no passwd entry): give the whole path")


@pytest.mark.parametrize("name", ["FJORD_HTTPS_PORT", "FJORD_PUBLIC_URL", "FJORD_DATABASE_URL"])
def test_a_quoted_variable_says_its_quotes_are_part_of_it(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """``docker run --env-file`` keeps ``FJORD_HTTPS_PORT="443"``'s quotes: the line said
    ``unable to parse string as an integer`` of a value that looked right in the file."""
    value = {"FJORD_HTTPS_PORT": "443", "FJORD_PUBLIC_URL": "https://meet.example.com",
             "FJORD_DATABASE_URL": "postgresql+asyncpg://fjord:pw@db/fjord"}[name]
    monkeypatch.setenv(name, f'"{value}"')
    code, _, stderr = show()
    assert code == 2
    assert stderr.rstrip().endswith("(its value is in quotes, which are part of it: docker run "
                                    "--env-file keeps them)"), stderr
    assert "pw" not in stderr


@pytest.mark.parametrize("line", ["https_port = true", "sfu_workers = false",
                                  "ws_messages_per_second = true"])
def test_a_boolean_is_no_number_in_toml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str
) -> None:
    write_toml(tmp_path, line + "\n", monkeypatch)
    code, _, stderr = show()
    name = line.split()[0]
    assert code == 2 and stderr.count("\n") == 1
    assert f"setting {name} in {tmp_path / 'fjord.toml'}: " in stderr
    assert "not true or false" in stderr


def test_relay_only_still_takes_a_boolean_in_toml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_toml(tmp_path, "relay_only = true\n", monkeypatch)
    code, body, stderr = show()
    assert code == 0, stderr
    assert body["relay_only"] is True


def test_choices_are_taken_in_any_case(monkeypatch: pytest.MonkeyPatch) -> None:
    """``--log-level INFO`` as Python's logging spells it, from a flag or the environment;
    a word that is no choice is still refused, naming the choices."""
    monkeypatch.setenv("FJORD_LOG_FORMAT", "JSON")
    settings = load_settings(log_level="INFO", kek_provider="File")
    assert (settings.log_level, settings.log_format, settings.kek_provider) == (
        "info", "json", "file")
    with pytest.raises(SettingsError, match="'debug', 'info', 'warning' or 'error'"):
        load_settings(log_level="LOUD")


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_config_file_variable_is_an_error(monkeypatch: pytest.MonkeyPatch,
                                                   value: str) -> None:
    """FJORD_CONFIG_FILE set but empty (an env file line left blank, a variable that
    expanded to nothing) was taken for no file at all: every setting of the intended file
    fell back to its default without a word (data_dir ./data: a new deployment in the
    working directory), while an empty FJORD_DATA_DIR is refused."""
    monkeypatch.setenv("FJORD_CONFIG_FILE", value)
    code, _, stderr = show()
    assert code == 2
    assert stderr == ("fjord: invalid configuration: FJORD_CONFIG_FILE is set but empty: "
                      "name the TOML file, or unset it to use none\n")
