"""What the whole test session exposed to the servers it started, for the final audit test
(tests/test_zz_suite_audit.py): the display names and emails tests sent, and the log files
of every server process. Import it as ``tests.suite_audit`` so there is one instance.

``make test`` runs the suite as several pytest processes (parallel workers, then the browser
tests and the audit), so what each process saw must outlive it: when ``SUITE_AUDIT_DIR``
names a directory, every process also appends what it records there (one file per process
and kind, a line per entry) and the audit reads them all. Without it (a plain ``pytest``
run) the audit reads this process's memory. (Not a ``FJORD_`` name: the servers the tests
start inherit the environment and warn about unknown settings.)
"""

from __future__ import annotations

import os
from pathlib import Path

AUDIT_DIR_ENV = "SUITE_AUDIT_DIR"
SERVER_LOGS: list[Path] = []
"""stderr of every ``fjord`` process this process started (JSON logs)."""
PERSONAL_VALUES: set[str] = set()
"""Display names and emails this process's tests sent to servers."""


def _append(kind: str, value: str) -> None:
    directory = os.environ.get(AUDIT_DIR_ENV)
    if directory and "\n" not in value:
        with open(Path(directory) / f"{kind}-{os.getpid()}.txt", "a", encoding="utf-8") as f:
            f.write(value + "\n")


def remember(value: str | None) -> None:
    """Record a display name or email a test sent to a server."""
    if value and value not in PERSONAL_VALUES:
        PERSONAL_VALUES.add(value)
        _append("values", value)


def remember_server_log(path: Path) -> None:
    """Record the log file of a ``fjord`` process a test started."""
    SERVER_LOGS.append(path)
    _append("logs", str(path))


def _recorded(kind: str) -> set[str]:
    directory = os.environ.get(AUDIT_DIR_ENV)
    if not directory:
        return set()
    return {line for path in Path(directory).glob(f"{kind}-*.txt")
            for line in path.read_text(encoding="utf-8").splitlines() if line}


def all_personal_values() -> set[str]:
    """Every display name and email sent by any process of this suite run."""
    return PERSONAL_VALUES | _recorded("values")


def all_server_logs() -> list[Path]:
    """Every server log file of this suite run (some may since be deleted)."""
    return sorted(set(SERVER_LOGS) | {Path(p) for p in _recorded("logs")})
