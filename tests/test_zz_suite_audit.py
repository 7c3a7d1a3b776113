"""Runs last (marker ``suite_audit``): no log line of any server the suite started carries a
display name or email a test sent (privacy promise 6; issue 8 acceptance 5)."""

from __future__ import annotations

import re

import pytest

from tests.suite_audit import PERSONAL_VALUES, SERVER_LOGS

pytestmark = pytest.mark.suite_audit

MIN_LENGTH = 5
"""Shorter names ("A", "Bo") also occur by chance inside random ids; they are left out."""


def test_no_server_log_of_the_suite_carries_a_name_or_email() -> None:
    values = {v for v in PERSONAL_VALUES if len(v.strip()) >= MIN_LENGTH}
    logs = [p for p in SERVER_LOGS if p.exists()]
    if not logs:
        pytest.skip("no server was started in this session")
    assert values, "servers ran but no display name was recorded: the audit would be empty"
    # Whole words only: a name like "Socket" must not match inside "WebSocket".
    patterns = {v: re.compile(rf"(?<!\w){re.escape(v)}(?!\w)") for v in values}
    for path in logs:
        text = path.read_text(errors="replace")
        found = sorted(v for v, pattern in patterns.items() if pattern.search(text))
        assert not found, f"{path}: {found}"
