"""Build a native core (turn/_relaycore.c, sfu/_forwardcore.c) with AddressSanitizer and
UBSan and run a fuzz driver against it: shared by both cores' sanitizer tests."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

from setuptools import Extension

GCC = shutil.which("gcc")
ROOT = Path(__file__).resolve().parents[1]


def core_extension(module: str) -> Extension:
    """The ``Extension`` setup.py builds for ``module`` ("sfu._forwardcore"): its sources
    and libraries, so that the sanitized build is of the same files as pip's."""
    spec = importlib.util.spec_from_file_location("fjord_setup", ROOT / "setup.py")
    assert spec is not None and spec.loader is not None
    setup = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(setup)
    return next(value for value in vars(setup).values()
                if isinstance(value, Extension) and value.name == module)


def build_sanitized(module: str, directory: Path) -> Path:
    """Compile native core ``module`` ("turn._relaycore", "sfu._forwardcore") as setup.py
    declares it into ``directory``, instrumented; returns the built module's path. Raises
    CalledProcessError when gcc fails."""
    assert GCC is not None
    extension = core_extension(module)
    target = directory / (module.rsplit(".", 1)[1] + sysconfig.get_config_var("EXT_SUFFIX"))
    subprocess.run(
        [GCC, "-shared", "-fPIC", "-O1", "-g", "-std=gnu11", "-fno-omit-frame-pointer",
         "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
         "-I", sysconfig.get_paths()["include"],
         *(str(ROOT / source) for source in extension.sources),
         *(f"-l{library}" for library in extension.libraries), "-o", str(target)],
        check=True,
    )  # fmt: skip
    return target


def run_sanitized(driver: Path, module: Path, datagrams: int, timeout: float) -> dict[str, Any]:
    """Run ``driver MODULE DATAGRAMS SEED`` with the sanitizer runtime preloaded; asserts a
    clean exit with no sanitizer report and returns the JSON summary the driver prints last."""
    assert GCC is not None
    libasan = subprocess.run(
        [GCC, "-print-file-name=libasan.so"], capture_output=True, text=True, check=True
    ).stdout.strip()
    env = dict(os.environ)
    env.update(
        LD_PRELOAD=libasan,
        ASAN_OPTIONS="detect_leaks=0:exitcode=86",
        UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=87",
        PYTHONMALLOC="malloc",
    )
    result = subprocess.run(
        [sys.executable, str(driver), str(module), str(datagrams), "13"],
        env=env, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-4000:]
    assert "Sanitizer" not in report and "runtime error" not in report, report[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])
