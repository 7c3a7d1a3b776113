"""``precall-test`` (docs/signaling.md, "Pre-call test"): ICE servers before ``join``, for the
pre-call connectivity test of Whereby's ``precallCeremony``."""

from __future__ import annotations

import time

from tests.conftest import FjordServer
from tests.signaling_client import SignalingClient
from turn.credentials import parse_rest_username


async def test_precall_test_hands_short_lived_turn_credentials_before_join(
        fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting()
    c = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    await c.send({"type": "precall-test"})
    reply = await c.recv()
    assert set(reply) == {"type", "iceServers"}
    assert reply["type"] == "precall-test"
    (server,) = reply["iceServers"]
    assert any(u.startswith("turn:") for u in server["urls"])
    expiry, user = parse_rest_username(server["username"])
    assert user.startswith("precall-")
    assert 0 < expiry - time.time() <= 61  # a minute, not turn_credential_ttl's hours
    # the socket stays usable: the page could still join on it
    joined = await c.join("Ada", meeting["roomUrl"])
    assert joined["type"] == "joined"
    await c.send({"type": "precall-test"})
    assert (await c.recv())["code"] == "already_joined"
    await c.close()


async def test_precall_test_of_an_unknown_room_is_refused(fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting()
    url = meeting["roomUrl"].rsplit("/", 1)[0] + "/no-such-room"
    c = await SignalingClient.connect(fjord_server, url)
    await c.send({"type": "precall-test"})
    assert (await c.recv())["code"] == "room_not_found"
    await c.close()


async def test_precall_test_takes_no_fields(fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting()
    c = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    await c.send({"type": "precall-test", "results": {"camera": "passed"}})
    assert (await c.recv())["code"] == "bad_message"
    await c.close()


async def test_precall_tests_count_with_the_addresss_joins(slow_join_server: FjordServer) -> None:
    """Each answer mints TURN credentials: an address gets them at its join rate (1 a second,
    burst 5, here), then ``rate_limited`` with the socket left open."""
    meeting = slow_join_server.create_meeting()
    c = await SignalingClient.connect(slow_join_server, meeting["roomUrl"])
    replies = []
    for _ in range(20):  # far more than a slow loop refills
        await c.send({"type": "precall-test"})
        replies.append(await c.recv())
    kinds = [r.get("code", r["type"]) for r in replies]
    assert kinds[:5] == ["precall-test"] * 5, kinds
    assert "rate_limited" in kinds, kinds
    await c.send({"type": "ping"})
    assert (await c.recv())["type"] == "pong"
    await c.close()
