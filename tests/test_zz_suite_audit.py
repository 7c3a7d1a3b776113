"""Runs last (marker ``suite_audit``): no log line of any server the suite started carries a
display name or email a test sent (privacy promise 6; issue 8 acceptance 5)."""

from __future__ import annotations

import re

import pytest

from tests.suite_audit import all_personal_values, all_server_logs

pytestmark = pytest.mark.suite_audit

MIN_LENGTH = 5
"""Shorter names ("A", "Bo") also occur by chance inside random ids; they are left out."""


def test_no_server_log_of_the_suite_carries_a_name_or_email() -> None:
    values = {v for v in all_personal_values() if len(v.strip()) >= MIN_LENGTH}
    logs = [p for p in all_server_logs() if p.exists()]
    if not logs:
        pytest.skip("no server was started in this session")
    assert values, "servers ran but no display name was recorded: the audit would be empty"
    # Whole words only: a name like "Socket" must not match inside "WebSocket". One
    # alternation (longest first) scans each log once instead of once per value.
    alternatives = "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    for path in logs:
        found = sorted(set(pattern.findall(path.read_text(errors="replace"))))
        assert not found, f"{path}: {found}"
