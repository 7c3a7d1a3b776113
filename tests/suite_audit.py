"""What the whole test session exposed to the servers it started, for the final audit test
(tests/test_zz_suite_audit.py): the display names and emails tests sent, and the log files
of every server process. Import it as ``tests.suite_audit`` so there is one instance."""

from __future__ import annotations

from pathlib import Path

SERVER_LOGS: list[Path] = []
"""stderr of every ``fjord`` process the tests started (JSON logs)."""
PERSONAL_VALUES: set[str] = set()
"""Display names and emails the tests sent to servers."""


def remember(value: str | None) -> None:
    """Record a display name or email a test sent to a server."""
    if value:
        PERSONAL_VALUES.add(value)
