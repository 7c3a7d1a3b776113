"""Values each setting refuses, in one line naming it: URLs and paths, numbers out of range,
empty values, the recording bucket, SFU and TURN worker counts, Redis a role needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from fjord.cli import main
from fjord.setting_rules import turn_metrics_ports_problem
from fjord.settings_loading import SettingsError, load_settings, setting_name
from tests.ops.conftest import one_problem, show

pytestmark = pytest.mark.usefixtures("no_fjord_env")


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


def test_an_invalid_value_does_not_hide_the_rules_the_other_settings_break() -> None:
    """The settings model checks its rules across settings only once every value passed:
    an invalid https_port came alone, and the broken node_ttl rule only on the next try.
    Both come at once now; a rule whose check reads the invalid value (here the relay port
    range's) is not judged on the default put in its place."""
    code, _, stderr = show("--https-port", "99999", "--node-ttl", "1",
                           "--node-heartbeat-interval", "5", "--turn-relay-port-min", "70000",
                           "--turn-relay-port-max", "40000")
    assert code == 2
    assert stderr == (
        "fjord: invalid setting FJORD_HTTPS_PORT (--https-port): Input should be less than or "
        "equal to 65535\n"
        "fjord: invalid setting FJORD_TURN_RELAY_PORT_MIN (--turn-relay-port-min): Input "
        "should be less than or equal to 65535\n"
        "fjord: invalid settings FJORD_NODE_TTL (--node-ttl) and FJORD_NODE_HEARTBEAT_INTERVAL "
        "(--node-heartbeat-interval): node_ttl must exceed node_heartbeat_interval\n")
    # the clash of two ports is judged on their addresses: not on the default in place of
    # an invalid one (127.0.0.1, which the operator did not give)
    code, _, stderr = show("--turn-listen-ip", "127.0.0.999", "--sfu-listen-ip", "127.0.0.1",
                           "--turn-udp-port", "40000", "--sfu-port", "40000")
    assert code == 2
    assert stderr.startswith("fjord: invalid setting FJORD_TURN_LISTEN_IP (--turn-listen-ip)")
    assert stderr.count("\n") == 1, stderr


def test_a_command_stopped_by_its_own_value_still_warns_of_rules_it_does_not_read() -> None:
    """fjord turn warns of a broken rule among settings it does not read (node_ttl, an SFU
    address), but stopped by an invalid value of its own, it said that value alone: the
    warnings came only once the value was fixed."""
    result = CliRunner().invoke(main, ["turn", "--turn-udp-port", "70000"],
                                env={"FJORD_NODE_TTL": "1", "FJORD_SFU_LISTEN_IP": "0.0.0.0"})
    assert result.exit_code == 2
    assert result.stderr == (
        "fjord: warning: invalid settings FJORD_SFU_LISTEN_IP and FJORD_ANNOUNCED_IP "
        "(--announced-ip): sfu_listen_ip 0.0.0.0 needs announced_ip: set announced_ip to the "
        "public address of this host, or sfu_listen_ip to one of its addresses (not checked: "
        "this command does not read sfu_listen_ip)\n"
        "fjord: warning: invalid settings FJORD_NODE_TTL and FJORD_NODE_HEARTBEAT_INTERVAL: "
        "node_ttl must exceed node_heartbeat_interval (not checked: this command does not "
        "read node_ttl, node_heartbeat_interval)\n"
        "fjord: invalid setting FJORD_TURN_UDP_PORT (--turn-udp-port): Input should be less "
        "than or equal to 65535\n")


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


def test_each_turn_relay_process_gets_a_metrics_port_of_its_own() -> None:
    """``fjord turn --workers N`` with ``metrics_port`` P: relay process i serves /metrics
    on P + i. One of those ports above 65535, or the TURN TCP or TLS listener's, stopped
    that process at its start (``Address already in use``, as if another program held it);
    now the command stops before anything starts, naming the settings."""
    result = CliRunner().invoke(main, ["turn", "--workers", "3", "--metrics-port", "3477"])
    assert result.exit_code == 2
    assert result.stderr == (
        "fjord: invalid settings FJORD_METRICS_PORT (--metrics-port), FJORD_TURN_WORKERS "
        "(--turn-workers) and FJORD_TURN_TCP_PORT (--turn-tcp-port): metrics_port 3477 with 3 "
        "relay processes takes TCP ports 3477-3479 (one /metrics each), and turn_tcp_port "
        "3478 is among them: relay process 2's /metrics and the TURN TCP listener cannot "
        "share it; move metrics_port\n")
    result = CliRunner().invoke(main, ["turn", "--workers", "3", "--metrics-port", "5348",
                                       "--turn-tls-port", "5350"])
    assert result.exit_code == 2
    assert "turn_tls_port 5350 is among them: relay process 3's /metrics and the TURN TLS" \
        in result.stderr
    result = CliRunner().invoke(main, ["turn", "--workers", "2", "--metrics-port", "65535"])
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "FJORD_TURN_WORKERS (--turn-workers): metrics_port 65535 with 2 relay processes needs "
        "TCP ports up to 65536 (one /metrics each), above 65535: lower metrics_port or "
        "turn_workers\n")
    # below the TURN ports, on another address than the relay's, or one relay process: fine
    assert turn_metrics_ports_problem(load_settings(metrics_port=3476, turn_workers=2)) is None
    assert turn_metrics_ports_problem(load_settings(
        metrics_port=3477, turn_workers=3, metrics_listen_ip="127.0.0.2")) is None
    assert turn_metrics_ports_problem(load_settings(metrics_port=65535)) is None


def test_serve_with_redis_counts_one_sfu_worker_per_core_against_the_last_port() -> None:
    """``fjord serve`` with Redis runs ``sfu_workers`` SFU processes, 0 (the default)
    meaning one per core, as ``fjord sfu`` does. The rule counted 0 as one worker: sfu_port
    65535 passed on a machine of two cores, and the second worker failed three times to
    bind 65536 before the server gave up."""
    redis = "redis://127.0.0.1:6379/0"
    cores = len(os.sched_getaffinity(0))
    if cores < 2:
        pytest.skip("one core: one SFU worker fits in port 65535")
    with pytest.raises(SettingsError, match=f"with {cores} SFU workers needs UDP ports up to"):
        load_settings(sfu_port=65535, redis_url=redis)
    assert load_settings(sfu_port=65536 - cores, redis_url=redis).sfu_port == 65536 - cores


@pytest.mark.parametrize(("env", "missing"), [
    ({"FJORD_KEK_PROVIDER": "pkcs11",
      "FJORD_KEK_PKCS11_MODULE": "/usr/lib/softhsm/libsofthsm2.so"}, "kek_pkcs11_pin"),
    ({"FJORD_KEK_PROVIDER": "pkcs11", "FJORD_KEK_PKCS11_PIN": "4321"}, "kek_pkcs11_module"),
    ({"FJORD_KEK_PROVIDER": "pkcs11"}, "kek_pkcs11_module and kek_pkcs11_pin"),
    ({"FJORD_KEK_PROVIDER": "aws-kms", "FJORD_KEK_AWS_REGION": "eu-north-1"},
     "kek_aws_key_id"),
])
def test_a_key_provider_names_only_the_settings_it_still_needs(
        monkeypatch: pytest.MonkeyPatch, env: dict[str, str], missing: str) -> None:
    """The line named every setting of the provider, also those given, so an operator
    who set the module was told to set it."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code, _, stderr = show()
    assert code == 2
    provider = env["FJORD_KEK_PROVIDER"]
    assert stderr.rstrip("\n").endswith(f"kek_provider {provider} needs {missing}"), stderr


def test_an_ipv6_announced_ip_beside_the_ipv4_relay_is_refused() -> None:
    """``announced_ip`` replaces the relay's IPv4 relayed addresses and the TURN address in
    iceServers: an IPv6 one was taken, and clients were sent to ``turn:[::1]:...``, where
    nothing listened, so every relayed call failed."""
    with pytest.raises(SettingsError, match=r"announced_ip 2001:db8::7 is an IPv6 address, "
                       r"but the relay's relayed addresses are IPv4 \(turn_relay_ip 127"):
        load_settings(announced_ip="2001:db8::7")
    assert load_settings(announced_ip="203.0.113.7").announced_ip == "203.0.113.7"


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


def test_serve_refuses_sfu_workers_it_cannot_run(tmp_path: Path) -> None:
    """Without Redis fjord serve runs one SFU worker in its own process: asking for more is
    refused with one line naming both settings, not ignored."""

    from tests.conftest import ROOT, fjord_env

    env = fjord_env(tmp_path / "data")
    done = subprocess.run([sys.executable, "-m", "fjord", "serve", "--sfu-workers", "3"],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    line = one_problem(done.returncode, done.stderr)
    assert "sfu_workers 3 needs redis_url" in line, line
    assert not (tmp_path / "data").exists()
    assert one_problem(*show("--sfu-workers", "3")[::2]) == line  # config show says it too
    assert show("--sfu-workers", "3", "--redis-url", "redis://127.0.0.1:6379/0")[0] == 0


@pytest.mark.parametrize("role,own", [("sfu", "--sfu-workers"), ("turn", "--turn-workers")])
def test_workers_and_the_setting_flag_that_disagree_are_a_usage_error(role: str,
                                                                      own: str) -> None:
    """``fjord turn --workers 2 --turn-workers 3`` ran 2 and ignored the other flag."""
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


def test_a_data_dir_that_is_a_file_is_named() -> None:
    """``--data-dir`` naming a file stopped with ``cannot start: [Errno 17] File exists``."""
    import tempfile

    with tempfile.NamedTemporaryFile() as file:
        code, _, stderr = show("--data-dir", file.name)
        assert code != 0
        assert (f"invalid setting FJORD_DATA_DIR (--data-dir): {file.name} is a file, not a "
                "directory") in stderr, stderr
