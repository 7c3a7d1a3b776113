"""Machine description recorded with every benchmark result.

:func:`machine_info` returns a JSON-ready dict: CPU model, logical and usable cores, load
average at the time of the call (the machine may be shared), kernel, Python, versions of
the packages that shape the figures, the coturn version when it is installed, which
of Fjord's native cores load (:func:`native_cores`), and the commit of the code measured
(:func:`fjord_commit`).
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

PACKAGES = (
    "fjord",
    "aiortc",
    "aioice",
    "pylibsrtp",
    "pyOpenSSL",
    "cryptography",
    "uvloop",
    "matplotlib",
)
"""Distributions whose versions are recorded (missing ones are recorded as None)."""


def cpu_model() -> str:
    """The ``model name`` of the first CPU in /proc/cpuinfo, else :func:`platform.processor`."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def package_versions(names: tuple[str, ...] = PACKAGES) -> dict[str, str | None]:
    """``{distribution: version or None}``."""
    versions: dict[str, str | None] = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def coturn_version() -> str | None:
    """``turnserver --version`` (e.g. ``"4.6.1"``), or None when coturn is not installed."""
    binary = shutil.which("turnserver")
    if binary is None:
        return None
    try:
        done = subprocess.run(
            [binary, "--version"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (done.stdout or done.stderr).strip().splitlines()
    return text[0] if text else None


def fjord_commit() -> str | None:
    """The commit of the Fjord code being measured (``git describe --always --dirty``: with
    ``-dirty`` when the working tree has uncommitted changes), or None outside a git
    checkout. The package version stays 0.1.0 from commit to commit, so without it a
    published result could not be tied to the code that produced it."""
    root = Path(__file__).resolve().parent.parent
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "describe", "--always", "--dirty", "--abbrev=12"],
            capture_output=True, text=True, timeout=10, check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return (done.stdout.strip() or None) if done.returncode == 0 else None


def native_cores() -> dict[str, str]:
    """Which of Fjord's code paths the figures measure: ``"native"`` where the C core
    imports, else ``"python: <why>"``. The TURN relay follows ``FJORD_TURN_NATIVE`` as
    :mod:`bench.turn_runner` does (same environment and interpreter); the SFU worker always
    tries its forwarding core. A core that failed to build would otherwise be measured as
    the Python path under the native path's name."""
    from sfu.native_forward import load_core as load_sfu_core
    from turn.native_server import load_core as load_turn_core

    cores: dict[str, str] = {}
    if os.environ.get("FJORD_TURN_NATIVE") == "off":
        cores["turn_relay"] = "python: FJORD_TURN_NATIVE=off"
    else:
        turn_core, why = load_turn_core()
        cores["turn_relay"] = "native" if turn_core is not None else f"python: {why}"
    sfu_core, why = load_sfu_core()
    cores["sfu_forwarding"] = "native" if sfu_core is not None else f"python: {why}"
    return cores


def python_path_notes(machine: dict[str, object], *names: str) -> list[str]:
    """A note for each of the ``names`` cores that did not load (see :func:`native_cores`)."""
    cores = machine.get("native_cores")
    assert isinstance(cores, dict)
    return [f"Fjord's {name.replace('_', ' ')} ran the Python path, not the native core "
            f"({cores[name].removeprefix('python: ')})"
            for name in names if cores[name] != "native"]


def machine_info() -> dict[str, object]:
    """Describe this machine (see the module docstring for the keys)."""
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = os.cpu_count() or 1
    try:
        load = [round(value, 2) for value in os.getloadavg()]
    except OSError:
        load = []
    return {
        "cpu_model": cpu_model(),
        "logical_cores": os.cpu_count() or 1,
        "usable_cores": usable,
        "load_average": load,
        "kernel": platform.release(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "packages": package_versions(),
        "coturn": coturn_version(),
        "native_cores": native_cores(),
        "fjord_commit": fjord_commit(),
    }
