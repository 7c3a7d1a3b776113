"""The demo meeting of a development install: ``fjord serve`` (``make run``) prints a host
link to it. A start reuses the one an earlier start made while it is still usable, so
restarts do not pile up meetings in the demo organization."""

from __future__ import annotations

import datetime as dt
import os

from fjord.settings import Settings
from keys.room_keys import RoomKeySigner
from signaling.context import MEETING_GRACE
from signaling.store import Store

DEMO_ORG = "demo"
DEMO_ROOM_PREFIX = "demo-"
"""The demo meeting's room name: this and 12 hex digits."""
DEMO_LIFETIME = dt.timedelta(days=1)
DEMO_MIN_LEFT = dt.timedelta(hours=1)
"""A start reuses the demo meeting while it has at least this long to run."""


async def demo_room_url(settings: Settings, store: Store, signer: RoomKeySigner) -> str:
    """A host link to the demo meeting: the one a previous start made while it stays usable
    for :data:`DEMO_MIN_LEFT` more (no host ended or locked it), else a new one of
    :data:`DEMO_LIFETIME`; a restart does not pile up meetings."""
    org = await store.ensure_organization(DEMO_ORG)
    now = dt.datetime.now(dt.UTC)
    meeting = await store.meetings.newest_open(org, DEMO_ROOM_PREFIX, len(DEMO_ROOM_PREFIX) + 12,
                                               now + DEMO_MIN_LEFT)
    if meeting is None:
        meeting = await store.meetings.create(org, DEMO_ROOM_PREFIX + os.urandom(6).hex(),
                                              "normal", False, now, now + DEMO_LIFETIME)
    expires = int((meeting.end_date + MEETING_GRACE).timestamp())
    key = signer.sign(meeting.room_name, "host", expires)
    return f"{settings.base_url}/{meeting.room_name}?roomKey={key}"
