"""Machine description recorded with every benchmark result.

:func:`machine_info` returns a JSON-ready dict: CPU model, logical and usable cores, load
average at the time of the call (the machine may be shared), kernel, Python, versions of
the packages that shape the figures, and the coturn version when it is installed.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from importlib import metadata

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
    }
