"""The room observer that turns live-room events into insights rows (signaling.insights).

It keeps, in memory, each live participant's join time and role and each running session's
start; when a session ends it hands the whole session (start, end, every stay) to the store
in one write. A session still running when the server stops is not recorded. Nothing it
holds is personal except the customer's ``externalId``, which the store seals.

With several signaling nodes a session is one id cluster-wide (:mod:`cluster.room_session`)
and each node sees only its own participants' stays: each node tracks the session from the
first event of its own that names it (the starting node from its start), and writes its
part when the session ends, where it ends or (:meth:`InsightsRecorder.ended_elsewhere`) on
another node; the store merges the parts (the earliest start, the latest end, every stay).
"""

from __future__ import annotations

import asyncio
import contextvars
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from prometheus_client import Counter

from signaling.insights import InsightsStore, ParticipantStay, SessionRecord
from signaling.meeting_store import MeetingRecord
from signaling.room_model import Participant, Room

log = logging.getLogger("fjord.signaling.insights")

WRITES = Counter("fjord_insights_sessions_total", "Room sessions written to insights, by outcome",
                 ["outcome"])


@dataclass
class _Running:
    session_id: str
    """The room's ``session_id`` (``roomSessionId``), as its webhooks carry it."""
    started_at: dt.datetime
    meeting: MeetingRecord
    stays: list[ParticipantStay] = field(default_factory=list)


class InsightsRecorder:
    """``RoomObserver`` (signaling.room_model) recording sessions into an :class:`InsightsStore`.

    ``clock`` gives the current UTC time (injected for tests).
    """

    def __init__(self, store: InsightsStore,
                 clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)) -> None:
        self.store = store
        self.clock = clock
        self._joined: dict[tuple[str, str], dt.datetime] = {}
        self._running: dict[str, _Running] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def __call__(self, event: str, room: Room, participant: Participant | None) -> None:
        now = self.clock()
        running = self._running.get(room.name)
        if room.session_id is not None and event != "room.session.ended" and (
                running is None or running.session_id != room.session_id):
            # the first event of this node naming a session (started here, or elsewhere);
            # not its end: a node that saw nothing of it has no part to write
            running = self._running[room.name] = _Running(room.session_id, now, room.meeting)
        if event == "room.client.joined" and participant is not None:
            self._joined[(room.name, participant.id)] = now
        elif event == "room.client.left" and participant is not None:
            joined = self._joined.pop((room.name, participant.id), None)
            if joined is not None and running is not None:
                running.stays.append(ParticipantStay(
                    participant.id, participant.role_name, joined, now,
                    participant.external_id))
        elif event == "room.session.started" and running is not None:
            running.started_at = now
        elif event == "room.session.ended" and running is not None and (
                running.session_id == room.session_id):
            self._end(room.name, running, now)

    def unseen_stay(self, room: Room, participant: Participant, joined_at: dt.datetime | None,
                    started_at: dt.datetime | None) -> None:
        """``participant`` of a signaling node that died, reaped here where no copy of
        ``room`` was (:meth:`signaling.rooms.RoomRegistry.left_unseen`), joined at
        ``joined_at`` the session that started at ``started_at`` (None: unknown, now): its
        ``room.client.left``, next, is its stay in this node's part of the session."""
        if joined_at is not None:
            self._joined[(room.name, participant.id)] = joined_at
        running = self._running.get(room.name)
        if room.session_id is not None and (running is None
                                            or running.session_id != room.session_id):
            self._running[room.name] = _Running(room.session_id, started_at or self.clock(),
                                                room.meeting)

    def ended_elsewhere(self, room_name: str, session_id: str, ended_at: dt.datetime) -> None:
        """Another signaling node ended ``room_name``'s session ``session_id`` at
        ``ended_at``: write this node's part of it (its participants' stays)."""
        running = self._running.get(room_name)
        if running is not None and running.session_id == session_id:
            self._end(room_name, running, ended_at)

    def _end(self, room_name: str, running: _Running, ended_at: dt.datetime) -> None:
        del self._running[room_name]
        meeting = running.meeting
        self._write(SessionRecord(
            running.session_id, meeting.organization_id, room_name, meeting.created_at,
            meeting.end_date, running.started_at, ended_at, tuple(running.stays)))

    def _write(self, record: SessionRecord) -> None:
        task = asyncio.get_running_loop().create_task(self._store(record),
                                                      context=contextvars.Context())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _store(self, record: SessionRecord) -> None:
        try:
            await self.store.record(record)
        except Exception as exc:  # noqa: BLE001 - the store is unavailable: count, go on
            WRITES.labels("failed").inc()
            log.warning("insights write failed: %s", type(exc).__name__)
            return
        WRITES.labels("written").inc()

