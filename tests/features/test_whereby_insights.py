"""Whereby's insights after real meetings on ``fjord serve`` (issue 15, acceptance 4).

Two meetings of a fresh organization: the first has one session of two participants, the
second two sessions (two, then three participants). The insights endpoints then report the
right session counts, participant counts, minutes and session durations (measured by the
test's own clock), and the database holds no participant name, address or external id in
the clear.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import secrets
import sqlite3
import time

import pytest

from tests.conftest import FjordServer
from tests.features.conftest import org_api_key
from tests.signaling_client import SignalingClient, join_message
from tests.suite_audit import remember

pytestmark = pytest.mark.timeout(90)

HOLD_S = 2.0
"""How long each session lasts with everyone in."""


def parse(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


async def session(server: FjordServer, meeting: dict, names: list[str],
                  external_ids: list[str | None]) -> tuple[float, float]:
    """Everyone joins (the first as host), stays HOLD_S, leaves; returns (start, end) in unix
    seconds as the test saw them: from the second join to the last leave."""
    clients = []
    started = 0.0
    for i, (name, external_id) in enumerate(zip(names, external_ids, strict=True)):
        url = meeting["hostRoomUrl"] if i == 0 else meeting["roomUrl"]
        remember(name)
        client = await SignalingClient.connect(server, url)
        join = join_message(name, url)
        if external_id:
            join["externalId"] = external_id
        before = time.time()
        await client.send(join)
        await client.expect("joined")
        if i == 1:
            started = (before + time.time()) / 2
        clients.append(client)
    await asyncio.sleep(HOLD_S)
    for client in clients[:-1]:
        await client.send({"type": "leave"})
        await client.close()
    before = time.time()
    await clients[-1].send({"type": "leave"})
    await clients[-1].close()
    return started, (before + time.time()) / 2


async def test_insights_count_sessions_and_keep_no_personal_data(
    fjord_server: FjordServer
) -> None:
    key = org_api_key(fjord_server, "insights-" + secrets.token_hex(4))
    end = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
    meetings = []
    for _ in range(2):
        status, meeting = fjord_server.request(
            "POST", "/v1/meetings", {"endDate": end, "fields": ["hostRoomUrl"]}, api_key=key)
        assert status == 201
        meetings.append(meeting)
    tag = secrets.token_hex(4)
    names = [f"Insight{tag}{i}" for i in range(7)]
    external = f"ext-{tag}"
    first = [await session(fjord_server, meetings[0], names[:2], [None, external])]
    second = [await session(fjord_server, meetings[1], names[2:4], [None, None]),
              await session(fjord_server, meetings[1], names[4:7], [None, None, external])]

    def get(path: str) -> dict:
        status, body = fjord_server.request("GET", path, api_key=key)
        assert status == 200, body
        return body

    deadline = time.monotonic() + 15
    while True:  # sessions are written when they end, in the background
        rooms = {r["roomName"]: r for r in get("/v1/insights/rooms?limit=100")["results"]}
        if sum(r["totalSessions"] for r in rooms.values()) >= 3 or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.2)
    a, b = rooms[meetings[0]["roomName"]], rooms[meetings[1]["roomName"]]
    assert (a["totalSessions"], a["totalUniqueParticipants"], a["totalParticipantMinutes"]) \
        == (1, 2, 2)  # each stay is under a minute: rounded up to one
    assert (b["totalSessions"], b["totalUniqueParticipants"], b["totalParticipantMinutes"]) \
        == (2, 5, 5)
    assert parse(b["firstSessionStartedAt"]) < parse(b["lastSessionStartedAt"])
    assert b["totalRecorderMinutes"] == 0 and b["totalUniqueStreamers"] == 0

    for meeting, measured, sizes in ((meetings[0], first, [2]), (meetings[1], second, [2, 3])):
        sessions = get(f"/v1/insights/room-sessions?roomName={meeting['roomName']}"
                       "&sortBy=startedAt:asc")["results"]
        assert [s["totalUniqueParticipants"] for s in sessions] == sizes
        for found, (start, stop) in zip(sessions, measured, strict=True):
            assert abs(parse(found["startedAt"]).timestamp() - start) < 1.0
            assert abs(parse(found["endedAt"]).timestamp() - stop) < 1.0
            duration = (parse(found["endedAt"]) - parse(found["startedAt"])).total_seconds()
            assert HOLD_S <= duration < HOLD_S + 2.0

    stays = get(f"/v1/insights/participants?roomSessionId={sessions[1]['roomSessionId']}"
                "&sortBy=joinedAt:asc")["results"]
    assert [s["roleName"] for s in stays] == ["host", "visitor", "visitor"]
    assert all(s["displayName"] == "" and parse(s["leftAt"]) > parse(s["joinedAt"])
               for s in stays)
    assert [s["externalId"] for s in stays] == ["", "", external]
    by_external = get(f"/v1/insights/participants?externalId={external}")["results"]
    assert len(by_external) == 2 and {s["externalId"] for s in by_external} == {external}
    # Pages of one room, newest session count first, visit both rooms once; the last page
    # has no cursor.
    seen, cursor = [], ""
    while True:
        body = get(f"/v1/insights/rooms?limit=1&sortBy=totalSessions:desc{cursor}")
        seen += [r["roomName"] for r in body["results"]]
        if body["cursor"] is None:
            break
        cursor = f"&cursor={body['cursor']}"
    assert seen == [meetings[1]["roomName"], meetings[0]["roomName"]]

    # The database: no name, no address, no external id in the clear (SQLite and its WAL).
    files = sorted(fjord_server.data_dir.glob("fjord.db*"))
    raw = b"".join(f.read_bytes() for f in files)
    for secret in [*names, external]:
        assert secret.encode() not in raw, secret
    with sqlite3.connect(fjord_server.data_dir / "fjord.db") as conn:
        rows = [repr(row) for table in ("insight_room_sessions", "insight_participant_sessions")
                for row in conn.execute(f"SELECT * FROM {table}")]  # noqa: S608 - fixed names
    assert len(rows) >= 3 + 7
    assert not [r for r in rows if "127.0.0.1" in r or "::1" in r or "Insight" in r]
