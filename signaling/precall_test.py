"""``precall-test``: the ICE servers for the pre-call connectivity test, before ``join``.

Whereby's ``precallCeremony`` tests, before the call, whether the browser reaches the TURN
relay; the page gets its TURN REST credentials only in ``joined``, so it asks for them with
this message on a socket it opens for the test alone (docs/signaling.md, "Pre-call test").
Nothing about the test's outcome comes back: the server hands out credentials and learns
nothing else.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from signaling.context import MEETING_GRACE, SignalingContext
from signaling.messages import ProtocolError

CREDENTIAL_TTL_S = 60
"""How long the test's TURN credentials are valid: the page's test lasts at most 10 s. Short,
as anyone who may open the room's page (also a knocker at a locked room, who gets no
``joined`` until let in) may ask for them; a TURN allocation made with them lives its own
lifetime (RFC 8656 section 3.2), and refreshing it after that needs a valid credential."""


async def answer(ctx: SignalingContext, client: str, room_name: str) -> dict[str, Any]:
    """The ``precall-test`` answer for ``client`` (its address as per-client limits count
    it) on ``room_name``'s socket: ``iceServers`` with TURN REST credentials for an anonymous
    ``precall-<random>`` user, valid :data:`CREDENTIAL_TTL_S`. The connection stays open
    (the first message must still be ``join`` within 10 s).

    Raises:
        ProtocolError: ``rate_limited`` (counted with the address's joins,
            ``ws_joins_per_second``), ``room_not_found``, ``meeting_ended``.
    """
    if not ctx.joins.allow(client):
        raise ProtocolError("rate_limited", "too many joins and pre-call tests from this "
                            "address; retry in a few seconds")
    meeting = await ctx.store.meetings.by_room_name(room_name)
    if meeting is None:
        raise ProtocolError("room_not_found", "no meeting with this room name")
    if meeting.ended_at is not None or dt.datetime.now(dt.UTC) > meeting.end_date + MEETING_GRACE:
        raise ProtocolError("meeting_ended", "this meeting has ended")
    user = f"precall-{secrets.token_urlsafe(9)}"
    return {"type": "precall-test",
            "iceServers": ctx.ice_servers_for(user, ttl_s=CREDENTIAL_TTL_S)}
