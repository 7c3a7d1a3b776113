"""The deployment files in deploy/ and the Dockerfile stay true to the code: every Fjord
container runs a real CLI command with arguments it accepts, its ``FJORD_*`` variables are
valid settings together, and its health probes and published ports are the ports those
settings open. (No Docker daemon or cluster runs in the test suite; this is what can drift.)"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from fjord.cli import main as cli
from fjord.setting_rules import ice_servers_problem
from fjord.settings import Settings
from fjord.settings_loading import SettingsError, load_settings, unknown_variables
from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"
SAMPLE = {  # what an operator or Kubernetes would fill in
    "REDIS_PASSWORD": "redis-secret",
    "POSTGRES_PASSWORD": "pg-secret",
    "FJORD_ANNOUNCED_IP": "203.0.113.10",
    "FJORD_PUBLIC_URL": "https://meet.example.com",
}
FIELD_REFS = {"status.hostIP": "203.0.113.10", "spec.nodeName": "node-a",
              "metadata.name": "fjord-signaling-0"}
K8S_SECRETS = {  # created by hand, as 00-namespace-config.yaml says
    "FJORD_REDIS_URL": "redis://:redis-secret@redis.fjord.svc:6379/0",
    "FJORD_DATABASE_URL": "postgresql+asyncpg://fjord:pg-secret@db.example.com/fjord",
}


def _interpolate(value: str) -> str:
    """Docker Compose ``${VAR}``, ``${VAR:?msg}``, ``${VAR:-default}`` with SAMPLE values."""
    def one(match: re.Match[str]) -> str:
        name, op, rest = match.group(1), match.group(2), match.group(3)
        if name in SAMPLE:
            return SAMPLE[name]
        assert op == ":-", f"compose variable {name} has no sample value"
        return rest
    return re.sub(r"\$\{(\w+)(?:(:[?-])([^}]*))?\}", one, value)


def _effective(env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
               ) -> Settings:
    assert unknown_variables(env) == []
    for name in [n for n in os.environ if n.startswith("FJORD_")]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        if name.startswith("FJORD_"):
            monkeypatch.setenv(name, value)
    monkeypatch.setenv("FJORD_DATA_DIR", str(tmp_path))
    return load_settings()


def _check_command(args: list[str]) -> str:
    name, *rest = args
    assert name in cli.commands, f"fjord has no command {name!r}"
    cli.commands[name].make_context(name, list(rest))  # raises on an unknown option
    return name


def _dockerfile_env() -> dict[str, str]:
    text = (ROOT / "Dockerfile").read_text()
    final = text[text.rindex("FROM "):]
    return dict(re.findall(r"(FJORD_\w+)=(\S+)", final))


def _compose_services() -> dict[str, dict[str, Any]]:
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())["services"]


def _k8s_containers() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(pod spec, container) of every container running the fjord image."""
    documents = [doc for path in sorted((DEPLOY / "kubernetes").glob("*.yaml"))
                 for doc in yaml.safe_load_all(path.read_text()) if doc]
    out = []
    for doc in documents:
        pod = doc.get("spec", {}).get("template", {}).get("spec")
        for container in (pod or {}).get("containers", []):
            if container["image"].split(":")[0] == "fjord":
                out.append((pod, container))
    return out


def _k8s_config() -> dict[str, str]:
    path = DEPLOY / "kubernetes" / "00-namespace-config.yaml"
    for doc in yaml.safe_load_all(path.read_text()):
        if doc and doc["kind"] == "ConfigMap" and doc["metadata"]["name"] == "fjord-config":
            return dict(doc["data"])
    raise AssertionError("fjord-config ConfigMap missing")


def _probe_port(settings: Settings, role: str) -> int:
    """Where the role answers /healthz: HTTPS for signaling and serve, else the
    metrics/health port."""
    if role in ("signaling", "serve"):
        return settings.https_port
    assert settings.metrics_port, f"fjord {role} without a metrics/health port"
    return settings.metrics_port


def test_compose_runs_the_scale_out_the_issue_describes() -> None:
    services = _compose_services()
    roles = [s["command"][0] for s in services.values() if s.get("image") == "fjord"]
    assert sorted(roles) == ["sfu", "sfu", "signaling", "signaling", "turn"]
    assert {"redis", "postgres"} <= set(services)


@pytest.mark.parametrize("service", [name for name, s in _compose_services().items()
                                     if s.get("image") == "fjord"])
def test_compose_service_is_a_valid_fjord_configuration(
    service: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = _compose_services()[service]
    role = _check_command(spec["command"])
    env = _dockerfile_env() | {k: _interpolate(str(v)) for k, v in spec["environment"].items()}
    settings = _effective(env, tmp_path, monkeypatch)
    assert settings.redis_url is not None, "scale-out nodes must coordinate over Redis"
    assert settings.database_url is not None and "postgresql" in settings.database_url
    assert spec["network_mode"] == "host"
    if role == "sfu":
        assert settings.announced_ip == SAMPLE["FJORD_ANNOUNCED_IP"]
        _probe_port(settings, role)
    if role in ("serve", "signaling"):  # what `fjord serve/signaling` check at start
        assert ice_servers_problem(settings) is None


def test_compose_nodes_do_not_share_ports(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # every service is on the host network: two nodes on one port cannot both start
    used: dict[tuple[str, int], str] = {}
    for name, spec in _compose_services().items():
        if spec.get("image") != "fjord":
            continue
        env = _dockerfile_env() | {k: _interpolate(str(v))
                                   for k, v in spec["environment"].items()}
        settings = _effective(env, tmp_path / name, monkeypatch)
        role = spec["command"][0]
        if role == "signaling":
            ports = [("tcp", settings.https_port)]
        elif role == "sfu":  # worker i: UDP sfu_port+i, metrics on metrics_port+1+i
            workers = int(spec["command"][spec["command"].index("--workers") + 1])
            ports = [("tcp", settings.metrics_port + i) for i in range(workers + 1)]
            ports += [("udp", settings.sfu_port + i) for i in range(workers)]
        else:
            ports = [("udp", settings.turn_udp_port), ("tcp", settings.turn_tcp_port),
                     ("tcp", settings.turn_tls_port), ("tcp", settings.metrics_port)]
        for port in ports:
            assert port not in used, f"{name} and {used[port]} both use {port}"
            used[port] = name


@pytest.mark.parametrize("index", range(len(_k8s_containers())))
def test_kubernetes_container_is_a_valid_fjord_configuration(
    index: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pod, container = _k8s_containers()[index]
    role = _check_command(container["args"])
    env = _dockerfile_env()
    for source in container.get("envFrom", []):
        env |= _k8s_config() if "configMapRef" in source else K8S_SECRETS
    for item in container.get("env", []):
        if "value" in item:
            env[item["name"]] = item["value"]
        else:
            env[item["name"]] = FIELD_REFS[item["valueFrom"]["fieldRef"]["fieldPath"]]
    settings = _effective(env, tmp_path, monkeypatch)
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["port"] == _probe_port(settings, role)
    if role in ("sfu", "turn"):
        assert pod.get("hostNetwork") is True, "media must not go through kube-proxy/NAT"
        assert settings.announced_ip == FIELD_REFS["status.hostIP"]
    if role in ("serve", "signaling"):  # the relays on other nodes, named for clients
        assert ice_servers_problem(settings) is None and settings.turn_host
    assert pod["securityContext"]["runAsNonRoot"] is True


def test_dockerfile_builds_every_package_and_runs_unprivileged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tomllib

    text = (ROOT / "Dockerfile").read_text()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    packages = project["tool"]["setuptools"]["packages"]["find"]["include"]
    copied = set(re.findall(r"^COPY (\w+) \1$", text, re.MULTILINE))
    assert {p.rstrip("*") for p in packages} == copied
    for extra in re.findall(r"'\.\[(\w+)\]'", text):
        assert extra in project["project"]["optional-dependencies"]
    final = text[text.rindex("FROM "):]
    user = re.search(r"^USER (\S+)$", final, re.MULTILINE)
    assert user and user.group(1) not in ("root", "0")
    assert "HEALTHCHECK" in final and re.search(r'^ENTRYPOINT \["fjord"\]', final, re.MULTILINE)
    # The image listens on every address, so `fjord serve` needs the one clients reach:
    # without it, it refuses to start rather than hand out turn:0.0.0.0.
    with pytest.raises(SettingsError, match="turn_listen_ip 0.0.0.0 needs announced_ip"):
        _effective(_dockerfile_env(), tmp_path, monkeypatch)
    settings = _effective(_dockerfile_env() | {"FJORD_ANNOUNCED_IP": "203.0.113.10"},
                          tmp_path, monkeypatch)
    assert ice_servers_problem(settings) is None
    exposed = set(re.findall(r"(\d+)/(tcp|udp)", re.search(r"^EXPOSE (.*)$", final,
                                                          re.MULTILINE).group(1)))
    defaults = {(str(settings.https_port), "tcp"), (str(settings.turn_udp_port), "udp"),
                (str(settings.turn_tcp_port), "tcp"), (str(settings.turn_tls_port), "tcp"),
                (str(settings.sfu_port), "udp")}
    assert defaults <= exposed, defaults - exposed


def _healthcheck(env: dict[str, str]) -> int:
    """Run the Dockerfile's HEALTHCHECK command (its ``python -c`` program) with ``env``."""
    import json
    import subprocess
    import sys

    line = re.search(r"^HEALTHCHECK .*? CMD (\[.*\])$", (ROOT / "Dockerfile").read_text(),
                     re.MULTILINE)
    assert line is not None
    command = json.loads(line.group(1))
    assert command[:2] == ["python", "-c"]
    return subprocess.run([sys.executable, *command[1:]], env=env, capture_output=True,
                          timeout=30).returncode


def test_the_image_healthcheck_passes_for_fjord_serve_given_a_metrics_port(
        tmp_path: Path) -> None:
    """FJORD_METRICS_PORT in the environment of a fjord serve container (one env file for
    every role): the HEALTHCHECK probed only that port, where fjord serve listens on nothing,
    and the container stayed unhealthy while it served. Its health is on HTTPS; a metrics
    port that refuses the connection now falls back to it, and a role with neither is still
    unhealthy."""
    from tests.conftest import fjord_env, free_port, start_role

    env = fjord_env(tmp_path / "data")
    probe = {k: v for k, v in os.environ.items() if not k.startswith("FJORD_")}
    probe |= {"FJORD_HTTPS_PORT": env["FJORD_HTTPS_PORT"],
              "FJORD_METRICS_PORT": str(free_port())}
    assert _healthcheck(probe) != 0  # nothing runs yet
    process = start_role(["serve"], env | {"FJORD_METRICS_PORT": probe["FJORD_METRICS_PORT"]},
                         tmp_path / "serve.log", "Fjord is running at")
    try:
        assert _healthcheck(probe) == 0
        assert _healthcheck(probe | {"FJORD_METRICS_PORT": ""}) == 0
    finally:
        process.terminate()
        process.wait(30)
