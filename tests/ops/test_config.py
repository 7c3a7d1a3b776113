"""Configuration: flag > FJORD_* environment > TOML file > default; one line per problem;
``fjord config show`` masks secrets. Over 600 lines: the checks of every setting and rule of
the one settings model (fjord/settings.py), side by side as an operator meets them."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from fjord.cli import main
from fjord.settings import SettingsError, is_secret, load_settings, setting_name


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in list(os.environ):
        if name.startswith("FJORD_"):
            monkeypatch.delenv(name)
    # A server role invoked here takes SIGHUP and SIGTERM (fjord.stop_signals): give them
    # back, so that this test process still ends on a SIGTERM.
    taken = {sig: signal.getsignal(sig) for sig in (signal.SIGHUP, signal.SIGTERM)}
    yield
    for sig, handler in taken.items():
        signal.signal(sig, handler)


def write_toml(tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fjord.toml"
    path.write_text(text)
    monkeypatch.setenv("FJORD_CONFIG_FILE", str(path))


def show(*args: str) -> tuple[int, dict, str]:
    result = CliRunner().invoke(main, ["config", "show", *args])
    body = json.loads(result.stdout) if result.exit_code == 0 else {}
    return result.exit_code, body, result.stderr


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


def test_worker_count_defaults_to_cores() -> None:
    assert load_settings().sfu_worker_count == len(os.sched_getaffinity(0))
    redis = "redis://127.0.0.1:6379/0"  # several SFU workers take their rooms over Redis
    assert load_settings(sfu_workers=3, redis_url=redis).sfu_worker_count == 3


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


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("FJORD_WS_MESSAGES_PER_SECOND", "inf"),
        ("FJORD_WS_MESSAGES_PER_SECOND", "nan"),
        ("FJORD_TURN_REALM", ""),
    ],
)
def test_non_finite_and_empty_values_are_refused(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    code, _, stderr = show()
    assert code == 2
    assert stderr.count("\n") == 1 and name in stderr


@pytest.mark.parametrize("name", ["FJORD_KEK_PKCS11_PIN", "FJORD_KEK_PKCS11_TOKEN_LABEL",
                                  "FJORD_KEK_PKCS11_KEY_LABEL", "FJORD_KEK_AWS_REGION",
                                  "FJORD_KEK_AWS_KEY_ID"])
def test_an_empty_kek_setting_is_named(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """An empty PIN (a variable set from a secret that was not there) passed the settings
    and stopped start-up later with the token's ``PinIncorrect``; an empty key label made
    a KEK labelled "" on the token of a new data dir."""
    monkeypatch.setenv("FJORD_KEK_PROVIDER", "pkcs11" if "PKCS11" in name else "aws-kms")
    monkeypatch.setenv("FJORD_KEK_PKCS11_MODULE", "/usr/lib/softhsm/libsofthsm2.so")
    monkeypatch.setenv("FJORD_KEK_PKCS11_PIN", "4321")
    monkeypatch.setenv("FJORD_KEK_AWS_REGION", "eu-north-1")
    monkeypatch.setenv("FJORD_KEK_AWS_KEY_ID", "alias/fjord")
    monkeypatch.setenv(name, " ")
    flag = "--" + name.removeprefix("FJORD_").lower().replace("_", "-")
    assert show() == (2, {}, f"fjord: invalid setting {name} ({flag}): must not be empty\n")


def test_missing_config_file_is_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FJORD_CONFIG_FILE", str(tmp_path / "missing.toml"))
    code, _, stderr = show()
    assert code == 2 and "FJORD_CONFIG_FILE" in stderr


@pytest.mark.parametrize(("command", "setting", "kind", "listener"), [
    ("serve", "https_port", socket.SOCK_STREAM, "HTTPS cannot listen on TCP"),
    ("serve", "http_redirect_port", socket.SOCK_STREAM, "HTTP redirect cannot listen on TCP"),
    ("serve", "turn_udp_port", socket.SOCK_DGRAM, "TURN UDP cannot listen on UDP"),
    ("serve", "sfu_port", socket.SOCK_DGRAM, "SFU cannot listen on UDP"),
    ("turn", "turn_tcp_port", socket.SOCK_STREAM, "TURN TCP cannot listen on TCP"),
    ("turn", "turn_tls_port", socket.SOCK_STREAM, "TURN TLS cannot listen on TCP"),
    ("turn", "metrics_port", socket.SOCK_STREAM, "metrics cannot listen on TCP"),
])
def test_busy_port_stops_start_up_with_one_line_naming_it(
    tmp_path: Path, command: str, setting: str, kind: int, listener: str
) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT, fjord_env, free_port

    ip = {"sfu_port": "sfu_listen_ip", "metrics_port": "metrics_listen_ip"}.get(
        setting, "turn_listen_ip" if setting.startswith("turn_") else "listen_ip")
    variable = f"FJORD_{setting.upper()}"
    with socket.socket(socket.AF_INET, kind) as busy:
        busy.bind(("127.0.0.1", 0))
        port = busy.getsockname()[1]
        if kind == socket.SOCK_STREAM:
            busy.listen()
        env = fjord_env(tmp_path / "data")
        if setting in ("turn_tcp_port", "turn_tls_port"):  # UDP and TCP share 3478 by default
            env["FJORD_TURN_UDP_PORT"] = str(free_port(udp_too=True))
        env[variable] = str(port)
        done = subprocess.run(
            [sys.executable, "-m", "fjord", command], env=env, cwd=ROOT,
            capture_output=True, text=True, timeout=60,
        )
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == (
        f"fjord: cannot start: {listener} 127.0.0.1:{port} (FJORD_{ip.upper()} "
        f"(--{ip.replace('_', '-')}), {variable} (--{setting.replace('_', '-')})): "
        "Address already in use"
    )


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
             "from fjord.settings import SettingsError, load_settings\n"
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


@pytest.mark.parametrize(
    ("flag", "value"),
    [
        ("--public-url", "https://"),
        ("--public-url", "https://meet.example.com:99999"),
        ("--public-url", "https://meet example.com"),
        ("--public-url", "https://x:0"),
        ("--redis-url", "redis://127.0.0.1:99999"),
        ("--redis-url", "redis://x:0"),
        ("--recording-endpoint", "notaurl"),
        ("--recording-endpoint", "ftp://x"),
        ("--recording-endpoint", "https://x:0"),
        ("--recording-endpoint", "https://user:pass@s3.example.com"),
        ("--kek-aws-endpoint-url", "https://x:0"),
        ("--redis-url", "redis://"),
        ("--redis-url", "unix://"),
        ("--redis-url", "redis://cache:6379/zero"),  # redis-py read it as database 0
        ("--redis-url", "unix:///run/redis.sock?db=one"),
        ("--data-dir", ""),
        ("--keyring-dir", " "),
        ("--database-url", "nonsense"),
        ("--database-url", ""),
        ("--database-url", "foo://x"),
        ("--database-url", "sqlite:///fjord.db"),  # no async driver
        ("--database-url", "postgresql://db/fjord"),
        ("--database-url", "mysql+aiomysql://db/fjord"),
        ("--database-url", "postgresql+asyncpg://u:pw@127.0.0.1:99999/x"),  # a traceback
        ("--database-url", "postgresql+asyncpg://u:pw@127.0.0.1:0/x"),
    ],
)
def test_unusable_urls_and_paths_are_refused(flag: str, value: str) -> None:
    code, _, stderr = show(flag, value)
    assert code == 2, stderr
    assert stderr.count("\n") == 1
    assert stderr.startswith(f"fjord: invalid setting FJORD_{flag[2:].upper().replace('-', '_')}")


@pytest.mark.parametrize(
    ("flag", "value"),
    [
        ("--public-url", "https://meet.example.com:8443/"),
        ("--recording-endpoint", "http://127.0.0.1:9000"),
        ("--kek-aws-endpoint-url", "https://kms.eu-west-1.amazonaws.com"),
        ("--redis-url", "rediss://:pw@cache.internal:6380/1"),
        ("--redis-url", "unix:///run/redis.sock"),
        ("--database-url", "sqlite+aiosqlite:////var/lib/fjord/fjord.db"),
        ("--database-url", "postgresql+asyncpg://fjord@db/fjord"),
    ],
)
def test_usable_urls_pass(flag: str, value: str) -> None:
    code, _, stderr = show(flag, value)
    assert code == 0, stderr


def test_a_public_url_with_a_path_is_refused() -> None:
    """Room links are public_url + "/" + room, but rooms, the API and the web client (its
    /v1/... requests) are served at the root: https://example.com/meet made every link a
    404, in silence."""
    code, _, stderr = show("--public-url", "https://example.com/meet/")
    assert code == 2
    assert stderr == ("fjord: invalid setting FJORD_PUBLIC_URL (--public-url): must not have "
                      "a path (/meet/): Fjord serves rooms, its API and web client at the "
                      "root of its host name\n")


def test_database_url_is_never_echoed_when_refused() -> None:
    code, _, stderr = show("--database-url", "postgresql://fjord:s3cr3t-pw@db/fjord")
    assert code == 2 and "s3cr3t-pw" not in stderr


def test_sfu_worker_ports_must_fit_below_65536() -> None:
    redis = "redis://127.0.0.1:6379/0"  # several SFU workers take their rooms over Redis
    with pytest.raises(SettingsError, match="needs UDP ports up to 65536"):
        load_settings(sfu_port=65535, sfu_workers=2, redis_url=redis)
    assert load_settings(sfu_port=65534, sfu_workers=2, redis_url=redis).sfu_port == 65534
    assert load_settings(sfu_port=65535).sfu_port == 65535  # one SFU (fjord serve)
    result = CliRunner().invoke(main, ["sfu", "--workers", "2", "--sfu-port", "65535",
                                       "--redis-url", "redis://127.0.0.1:1"])
    assert result.exit_code == 2
    assert result.stderr == (
        "fjord: invalid settings FJORD_SFU_PORT (--sfu-port) and FJORD_SFU_WORKERS "
        "(--sfu-workers): sfu_port 65535 with 2 SFU workers needs UDP ports up to 65536, "
        "above 65535: lower sfu_port or sfu_workers\n"
    )


def test_a_heartbeat_faster_than_redis_keeps_time_is_refused() -> None:
    """Redis expires keys in whole milliseconds: a TTL under 1 ms started every role and then
    stopped it with a traceback (``invalid expire time in 'set' command``), and heartbeats a
    few microseconds apart would only have loaded Redis."""
    code, _, stderr = show("--node-heartbeat-interval", "0.0001", "--node-ttl", "0.0003")
    assert code == 2
    assert stderr == ("fjord: invalid setting FJORD_NODE_HEARTBEAT_INTERVAL "
                      "(--node-heartbeat-interval): Input should be greater than or equal "
                      "to 0.1\n")
    code, body, _ = show("--node-heartbeat-interval", "0.1", "--node-ttl", "0.3")
    assert code == 0 and body["node_heartbeat_interval"] == 0.1


def test_the_publisher_bitrate_cap_is_a_setting_of_fjord_sfu() -> None:
    code, body, err = show("--sfu-max-bitrate", "4000000")
    assert code == 0, err
    assert body["sfu_max_bitrate"] == 4_000_000
    for value, problem in (("2500", "greater than or equal to 100000"),
                           ("2.5M", "a valid integer")):
        result = CliRunner().invoke(main, ["sfu", "--sfu-max-bitrate", value,
                                           "--redis-url", "redis://127.0.0.1:1"])
        assert result.exit_code == 2
        assert result.stderr.startswith("fjord: invalid setting FJORD_SFU_MAX_BITRATE "
                                        "(--sfu-max-bitrate): Input should be ")
        assert problem in result.stderr and len(result.stderr.splitlines()) == 1


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


def one_problem(code: int, stderr: str) -> str:
    """The one line of a command stopped by invalid settings (exit status 2)."""
    assert code == 2, stderr
    assert stderr.count("\n") == 1, stderr
    return stderr.strip()


@pytest.mark.parametrize("flag", ["--tls-cert-file", "--tls-key-file"])
def test_a_tls_file_that_is_missing_or_a_directory_is_named(tmp_path: Path, flag: str) -> None:
    from keys.devtls import ensure_dev_certificates

    dev = ensure_dev_certificates(tmp_path / "certs")
    pair = {"--tls-cert-file": str(dev.cert), "--tls-key-file": str(dev.key)}
    assert show(*[part for item in pair.items() for part in item])[0] == 0
    variable = f"FJORD_{flag[2:].upper().replace('-', '_')} ({flag})"
    for value, problem in ((tmp_path / "missing.pem", "does not exist"),
                           (tmp_path, "is a directory, not a file")):
        args = {**pair, flag: str(value)}
        line = one_problem(*show(*[part for item in args.items() for part in item])[::2])
        assert line == f"fjord: invalid setting {variable}: {value} {problem}"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_tls_file_is_named(tmp_path: Path) -> None:
    from keys.devtls import ensure_dev_certificates

    dev = ensure_dev_certificates(tmp_path / "certs")
    dev.key.chmod(0)
    line = one_problem(*show("--tls-cert-file", str(dev.cert),
                             "--tls-key-file", str(dev.key))[::2])
    assert line.startswith("fjord: invalid setting FJORD_TLS_KEY_FILE (--tls-key-file): "
                           f"{dev.key} cannot be read: Permission denied")


def test_a_certificate_and_key_that_do_not_load_are_one_line_naming_both(
    tmp_path: Path,
) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from keys.devtls import ensure_dev_certificates

    one, other = (ensure_dev_certificates(tmp_path / name) for name in ("one", "other"))
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("not PEM\n")
    encrypted = tmp_path / "encrypted.pem"
    encrypted.write_bytes(ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"passphrase")))
    for cert, key, why in (
        (one.cert, other.key, "the key is not the certificate's key"),
        (one.cert, garbage, "the key file holds no PEM private key Fjord can use"),
        (garbage, one.key, "the certificate file holds no PEM certificate"),
        (one.key, one.cert, "the certificate file holds no PEM certificate"),
        (one.cert, encrypted, "the key is encrypted; give it without a passphrase"),
    ):
        line = one_problem(*show("--tls-cert-file", str(cert), "--tls-key-file", str(key))[::2])
        assert line == ("fjord: invalid settings FJORD_TLS_CERT_FILE (--tls-cert-file) and "
                        "FJORD_TLS_KEY_FILE (--tls-key-file): "
                        f"tls_cert_file {cert} and tls_key_file {key} cannot serve TLS: {why}")


def test_tls_files_are_refused_before_the_database_is_touched(tmp_path: Path) -> None:
    import subprocess
    import sys

    from keys.devtls import ensure_dev_certificates
    from tests.conftest import ROOT, fjord_env

    one, other = (ensure_dev_certificates(tmp_path / name) for name in ("one", "other"))
    env = fjord_env(tmp_path / "data", FJORD_TLS_CERT_FILE=str(one.cert),
                    FJORD_TLS_KEY_FILE=str(other.key))
    done = subprocess.run([sys.executable, "-m", "fjord", "serve"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    line = one_problem(done.returncode, done.stderr)
    assert "tls_cert_file" in line and "tls_key_file" in line
    assert not (tmp_path / "data").exists()  # no data dir, no database, no migration


@pytest.mark.parametrize(("name", "value", "command"), [
    ("turn_relay_ip", "0.0.0.0", "turn"), ("turn_relay_ip6", "::", "turn"),
    ("sfu_listen_ip", "0.0.0.0", "serve"), ("turn_listen_ip", "0.0.0.0", "serve"),
])
def test_a_wildcard_address_handed_to_clients_needs_the_announced_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str, command: str
) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT, fjord_env

    env = fjord_env(tmp_path / "data", **{f"FJORD_{name.upper()}": value})
    done = subprocess.run([sys.executable, "-m", "fjord", command], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    line = one_problem(done.returncode, done.stderr)
    other = " (or turn_host to the relays' host name)" * (name == "turn_listen_ip")
    announced = "announced_ip6" if name.endswith("6") else "announced_ip"
    names = {"turn_relay_ip6": "FJORD_TURN_RELAY_IP6 (--turn-relay-ip6) and "
                               "FJORD_ANNOUNCED_IP6 (--announced-ip6)",
             "turn_listen_ip": "FJORD_TURN_LISTEN_IP (--turn-listen-ip), FJORD_ANNOUNCED_IP "
                               "(--announced-ip) and FJORD_TURN_HOST (--turn-host)"}.get(
        name, f"{setting_name(name)} and FJORD_ANNOUNCED_IP (--announced-ip)")
    assert line == (f"fjord: invalid settings {names}: {name} {value} needs "
                    f"{announced}: set {announced} to the public address of this host{other}"
                    f", or {name} to one of its addresses")
    assert not (tmp_path / "data").exists()  # refused before it started anything
    monkeypatch.setenv(f"FJORD_{name.upper()}", value)
    # config show refuses it as the command does (it passed config show: turn_listen_ip)
    assert one_problem(*show()[::2]) == line
    code, body, stderr = show(f"--{announced.replace('_', '-')}",
                              "2001:db8::9" if name.endswith("6") else "203.0.113.9")
    assert code == 0, stderr
    assert body[name] == value


@pytest.mark.parametrize(("flags", "problem"), [
    (("--turn-relay-ip6", "127.0.0.1"), "FJORD_TURN_RELAY_IP6 (--turn-relay-ip6): must be an "
     "IPv6 address"),
    (("--announced-ip6", "2001:db8::9"), "FJORD_TURN_RELAY_IP6 (--turn-relay-ip6) and "
     "FJORD_ANNOUNCED_IP6 (--announced-ip6): announced_ip6 is the public address of "
     "turn_relay_ip6: set both"),
])
def test_relayed_address_families_are_checked(flags: tuple[str, ...], problem: str) -> None:
    """IPv6 relayed addresses have settings of their own, checked for their family (the
    IPv4 one: test_the_turn_relay_address_is_ipv4)."""
    code, _, stderr = show(*flags)
    assert code != 0 and (f"invalid setting {problem}" in stderr
                          or f"invalid settings {problem}" in stderr), stderr


def test_serve_refuses_sfu_workers_it_cannot_run(tmp_path: Path) -> None:
    """Without Redis fjord serve runs one SFU worker in its own process: asking for more is
    refused with one line naming both settings, not ignored."""
    import subprocess
    import sys

    from tests.conftest import ROOT, fjord_env

    env = fjord_env(tmp_path / "data")
    done = subprocess.run([sys.executable, "-m", "fjord", "serve", "--sfu-workers", "3"],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    line = one_problem(done.returncode, done.stderr)
    assert "sfu_workers 3 needs redis_url" in line, line
    assert not (tmp_path / "data").exists()
    assert one_problem(*show("--sfu-workers", "3")[::2]) == line  # config show says it too
    assert show("--sfu-workers", "3", "--redis-url", "redis://127.0.0.1:6379/0")[0] == 0


def test_only_roles_that_hand_out_ice_servers_need_the_turn_address() -> None:
    """``fjord turn`` on every address is fine (it announces its relayed addresses);
    signaling with ``turn_host`` naming the relays too."""
    from fjord.cli_options import TURN_SETTINGS

    env = {"turn_listen_ip": "0.0.0.0"}
    with pytest.raises(SettingsError, match="turn_listen_ip 0.0.0.0 needs announced_ip"):
        load_settings(**env)  # fjord serve, signaling, config show: every setting
    warnings: list[str] = []  # not even a warning: it is no problem of the relay's
    assert load_settings(TURN_SETTINGS, warnings.append, **env).turn_listen_ip == "0.0.0.0"
    assert warnings == []
    assert load_settings(**env, turn_host="turn.example.com").ice_servers_problem() is None
    assert load_settings(**env, announced_ip="203.0.113.9").ice_servers_problem() is None


@pytest.mark.parametrize("value", ["turn:turn.example.com", "turn.example.com:3478",
                                   "https://turn.example.com", "-bad.example.com", "a b", ""])
def test_turn_host_is_a_host_name_or_address(value: str) -> None:
    line = one_problem(*show("--turn-host", value)[::2])
    assert line.startswith("fjord: invalid setting FJORD_TURN_HOST (--turn-host): must be an "
                           "IP address or a host name"), line


@pytest.mark.parametrize("value", ["0.0.0.0", "::"])
def test_a_wildcard_is_no_announced_address(value: str) -> None:
    line = one_problem(*show("--announced-ip", value)[::2])
    assert line.startswith(f"fjord: invalid setting FJORD_ANNOUNCED_IP (--announced-ip): {value} "
                           "is no address clients can reach: set the public address")


@pytest.mark.parametrize("role,own", [("sfu", "--sfu-workers"), ("turn", "--turn-workers")])
def test_workers_and_the_setting_flag_that_disagree_are_a_usage_error(role: str,
                                                                      own: str) -> None:
    """``fjord turn --workers 2 --turn-workers 3`` ran 2 and ignored the other flag."""
    from click.testing import CliRunner

    from fjord.cli import main

    result = CliRunner().invoke(main, [role, "--workers", "2", own, "3"])
    assert result.exit_code == 2, result.output
    assert f"--workers 2 and {own} 3 conflict" in result.output


@pytest.mark.parametrize("name,value,problem", [
    ("recording_bucket", "", "not an S3 bucket name"),
    ("recording_bucket", "My Bucket", "not an S3 bucket name"),
    ("recording_bucket", "10.0.0.1", "formatted as an IP address"),
    ("recording_bucket", "recordings/a b", "the folder after the bucket name"),
    ("recording_bucket", "recordings/a//b", "no . or .. segment or //"),
    ("recording_region", "EU West", "not a region name"),
])
def test_the_operator_bucket_is_checked_as_a_meetings_own_is(name: str, value: str,
                                                             problem: str) -> None:
    """An empty or malformed ``recording_bucket`` was taken: meetings with provider whereby
    were accepted and every recording failed at its upload."""
    with pytest.raises(SettingsError, match=problem) as refused:
        load_settings(**{name: value})
    assert refused.value.problems[0].startswith(f"invalid setting {setting_name(name)}: ")
    assert load_settings(recording_bucket="my-recordings/fjord",
                         recording_region="eu-north-1").recording_bucket == "my-recordings/fjord"


def test_the_turn_relay_address_is_ipv4() -> None:
    """With ``turn_relay_ip ::1`` every Allocate raised in the relay (binding an IPv4 relay
    socket to an IPv6 address): a traceback each, and no answer to the client."""
    for value in ("::1", "::"):  # "::" also with announced_ip: the relay cannot bind it
        with pytest.raises(SettingsError, match="is an IPv6 address") as refused:
            load_settings(turn_relay_ip=value, announced_ip="203.0.113.9")
        assert refused.value.problems[0].startswith(
            "invalid setting FJORD_TURN_RELAY_IP (--turn-relay-ip): ")
    assert load_settings(turn_listen_ip="::1", listen_ip="::1").turn_listen_ip == "::1"


def test_a_redis_database_the_server_lacks_is_one_line(redis_url: str) -> None:
    """``redis://host:port/99``: Redis refuses SELECT 99 (16 databases by default), and
    fjord sfu/serve/signaling stopped with a traceback."""
    result = CliRunner().invoke(main, ["sfu", "--workers", "1", "--redis-url",
                                       redis_url.rsplit("/", 1)[0] + "/99"])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("fjord: Redis at 127.0.0.1:") and result.stderr.count(
        "\n") == 1, result.stderr
    assert "refuses redis_url: DB index is out of range" in result.stderr


def test_signaling_without_redis_is_a_setting_missing() -> None:
    """Exit status 2 like every other invalid configuration (and fjord sfu without it); it
    was 1, the status of a failure at run time."""
    result = CliRunner().invoke(main, ["signaling"], env={"FJORD_REDIS_URL": None})
    assert result.exit_code == 2, result.output
    assert result.stderr == ("fjord: fjord signaling needs --redis-url (FJORD_REDIS_URL) to "
                             "reach the SFU nodes\n")


def test_a_webhook_ca_file_that_does_not_load_stops_start_up(tmp_path: Path) -> None:
    """It was read at the first webhook delivery only: missing or not PEM, every delivery
    failed while the server ran as if nothing were wrong. (It may name the development CA
    that the first start makes in the data dir, so it is checked once that is ready.)"""
    import subprocess
    import sys

    from tests.conftest import ROOT, fjord_env

    (tmp_path / "notes.txt").write_text("not a certificate")
    for path, problem in ((tmp_path / "missing.pem", "does not exist"),
                          (tmp_path / "notes.txt", "holds no PEM CA certificate"),
                          (tmp_path, "is a directory, not a file")):
        env = fjord_env(tmp_path / "data", FJORD_WEBHOOK_CA_FILE=str(path))
        done = subprocess.run([sys.executable, "-m", "fjord", "serve"], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        # exit status 2, an invalid setting's (it was 1), and config show says it too
        line = (f"fjord: invalid setting FJORD_WEBHOOK_CA_FILE (--webhook-ca-file): {path} "
                f"{problem}")
        assert one_problem(done.returncode, done.stderr) == line
        assert not (tmp_path / "data").exists()  # refused before it started anything
        assert one_problem(*show("--webhook-ca-file", str(path))[::2]) == line


def test_the_development_ca_may_be_the_webhook_ca_before_it_is_made(tmp_path: Path) -> None:
    """The first start makes it in the data dir (and checks it then): config show of a new
    data dir takes it; once made, it is checked as any other file."""
    data = tmp_path / "data"
    ca = data / "certs" / "dev-ca.pem"
    code, body, stderr = show("--data-dir", str(data), "--webhook-ca-file", str(ca))
    assert code == 0, stderr
    assert body["webhook_ca_file"] == str(ca)
    ca.parent.mkdir(parents=True)
    ca.write_text("damaged")
    code, _, stderr = show("--data-dir", str(data), "--webhook-ca-file", str(ca))
    assert code == 2 and "holds no PEM CA certificate" in stderr


def test_a_data_dir_that_is_a_file_is_named() -> None:
    """``--data-dir`` naming a file stopped with ``cannot start: [Errno 17] File exists``."""
    import tempfile

    with tempfile.NamedTemporaryFile() as file:
        code, _, stderr = show("--data-dir", file.name)
        assert code != 0
        assert (f"invalid setting FJORD_DATA_DIR (--data-dir): {file.name} is a file, not a "
                "directory") in stderr, stderr


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


def test_choices_are_taken_in_any_case(monkeypatch: pytest.MonkeyPatch) -> None:
    """``--log-level INFO`` as Python's logging spells it, from a flag or the environment;
    a word that is no choice is still refused, naming the choices."""
    monkeypatch.setenv("FJORD_LOG_FORMAT", "JSON")
    settings = load_settings(log_level="INFO", kek_provider="File")
    assert (settings.log_level, settings.log_format, settings.kek_provider) == (
        "info", "json", "file")
    with pytest.raises(SettingsError, match="'debug', 'info', 'warning' or 'error'"):
        load_settings(log_level="LOUD")


def test_serve_with_a_damaged_development_ca_stops_with_one_line_naming_it(
        tmp_path: Path) -> None:
    """The CA the operator imports in browsers (printed at every start) damaged while the
    leaf is intact: fjord serve started anyway; now it stops at once, exit status 1, with the
    line docs/operations.md (TLS) promises."""
    from keys.devtls import ensure_dev_certificates
    from tests.conftest import ROOT, fjord_env

    dev = ensure_dev_certificates(tmp_path / "data" / "certs")
    dev.ca_cert.write_bytes(b"half-written\n")
    try:
        done = subprocess.run([sys.executable, "-m", "fjord", "serve"],
                              env=fjord_env(tmp_path / "data"), cwd=ROOT,
                              capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("fjord serve started with a damaged development CA")
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith(f"fjord: development CA {dev.ca_cert} or "), last
    assert f"delete {dev.ca_cert.parent} to make a new development CA" in last


def test_doctor_names_a_development_ca_it_cannot_load(tmp_path: Path) -> None:
    """fjord doctor on a data dir whose dev-ca.pem does not load said only
    ``fjord: [X509: NO_CERTIFICATE_OR_CRL_FOUND] ...``, naming no file."""
    certs = tmp_path / "certs"
    certs.mkdir()
    (certs / "dev-ca.pem").write_bytes(b"half-written\n")
    result = CliRunner().invoke(main, ["doctor", "--data-dir", str(tmp_path),
                                       "--https-port", "1", "--timeout", "0.5"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"fjord: development CA {certs / 'dev-ca.pem'} cannot be loaded to verify the "
        "server's certificate (no PEM certificate in it): restore it from backup, or "
        f"delete {certs} and restart the server to make a new development CA (browsers then "
        "have to trust it)"]


@pytest.mark.parametrize("command", ["serve", "turn"])
def test_a_relay_address_not_of_this_host_stops_start_up_with_one_line_naming_it(
        tmp_path: Path, command: str) -> None:
    """turn_relay_ip set to an address this host does not have (a public address meant for
    announced_ip, a mistyped one): the role started and said it was running, then every
    Allocate logged a traceback (``OSError: [Errno 99] Cannot assign requested address``)
    and went unanswered, which fjord doctor reported as a timeout to check announced_ip."""
    from tests.conftest import ROOT, fjord_env

    env = fjord_env(tmp_path / "data", FJORD_TURN_RELAY_IP="192.0.2.1",
                    FJORD_ANNOUNCED_IP="127.0.0.1")
    try:
        done = subprocess.run([sys.executable, "-m", "fjord", command], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"fjord {command} started with a relay address it cannot bind")
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == (
        "fjord: cannot start: TURN relay cannot bind UDP 192.0.2.1 (FJORD_TURN_RELAY_IP "
        "(--turn-relay-ip)): Cannot assign requested address: relayed addresses are bound "
        "on this host (behind NAT, set announced_ip to the public address instead)")


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
