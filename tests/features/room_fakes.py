"""In-memory stand-ins for room unit tests: a connection that records what it is sent."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from signaling.meeting_store import MeetingRecord


class FakeConn:
    """A :class:`signaling.room_model.Connection` that records messages and the close."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []
        self.closed: tuple[int, str] | None = None

    def send(self, message: dict[str, Any]) -> None:
        self.sent.append(message)

    def close(self, code: int, reason: str) -> None:
        self.closed = (code, reason)


def meeting_record(mode: str, end_date: dt.datetime | None = None,
                   locked: bool = False) -> MeetingRecord:
    now = dt.datetime.now(dt.UTC)
    return MeetingRecord(
        "m_" + secrets.token_hex(4), "org_test", "room-" + secrets.token_hex(4), mode, locked,
        now, end_date or now + dt.timedelta(hours=1), now,
    )
