"""Retention: the background purge of ended meetings and old audit events.

Meetings are deleted once their endDate plus the joinable grace (``MEETING_GRACE``) has passed,
so with the purge running at least every 6 hours a room is gone within 24 h of its endDate.
Audit events and insights (room sessions) go after ``audit_retention_days`` (or an
organization's shorter setting).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass

from prometheus_client import Counter

from signaling.context import MEETING_GRACE
from signaling.store import Store

log = logging.getLogger("fjord.retention")

PURGED = Counter(
    "fjord_retention_purged", "Rows deleted by the retention purge", ["kind"]
)


@dataclass(frozen=True)
class PurgeResult:
    meetings: int
    audit_events: int
    insight_sessions: int = 0


async def purge_once(store: Store, audit_retention_days: int,
                     now: dt.datetime | None = None) -> PurgeResult:
    """Delete what is past its retention at ``now``; counts it in ``fjord_retention_purged``."""
    now = now or dt.datetime.now(dt.UTC)
    meetings = await store.meetings.purge(now - MEETING_GRACE)
    events = await store.purge_audit_events(now, audit_retention_days)
    sessions = await store.insights.purge(now, audit_retention_days)
    PURGED.labels("meetings").inc(meetings)
    PURGED.labels("audit_events").inc(events)
    PURGED.labels("insight_sessions").inc(sessions)
    return PurgeResult(meetings, events, sessions)


async def run_purge(store: Store, audit_retention_days: int, interval_s: float) -> None:
    """Purge at start and then every ``interval_s`` seconds until cancelled. A failed pass
    is logged (no values) and retried at the next interval."""
    while True:
        try:
            result = await purge_once(store, audit_retention_days)
            if result.meetings or result.audit_events:
                log.info("retention purge: %d meetings, %d audit events deleted",
                         result.meetings, result.audit_events)
        except Exception as exc:  # noqa: BLE001 - keep the purge loop alive
            log.warning("retention purge failed: %s", type(exc).__name__)
        await asyncio.sleep(interval_s)
