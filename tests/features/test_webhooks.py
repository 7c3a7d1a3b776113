"""Webhooks from a real ``fjord serve`` to an HTTPS receiver on 127.0.0.1 (issue 6,
acceptance 3 and 4): signatures, order per room, retry after a 500, a receiver down for
``FJORD_TEST_WEBHOOK_OUTAGE_S`` seconds (default 30, real time) still gets every event,
and with redaction on no API response, webhook or log line carries a display name."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import os
import secrets
import time

import pytest

from tests.conftest import FjordServer
from tests.features.conftest import org_api_key
from tests.features.webhook_receiver import Received, WebhookReceiver
from tests.signaling_client import SignalingClient

pytestmark = pytest.mark.timeout(120)

OUTAGE_S = float(os.environ.get("FJORD_TEST_WEBHOOK_OUTAGE_S", "30"))
ALL_EVENTS = ["room.client.joined", "room.client.left", "room.client.knocked",
              "room.session.started", "room.session.ended"]


def subscribe(server: FjordServer, receiver: WebhookReceiver, api_key: str | None = None
              ) -> dict:
    status, hook = server.request("POST", "/v1/admin/webhooks",
                                  {"url": receiver.url, "events": ALL_EVENTS}, api_key=api_key)
    assert status == 201, hook
    return hook


def verified(secret: str, got: Received) -> dict:
    """The event, after checking its Fjord-Signature header."""
    fields = dict(part.split("=", 1) for part in got.headers["Fjord-Signature"].split(","))
    expected = hmac.new(secret.encode(), fields["t"].encode() + b"." + got.body,
                        hashlib.sha256).hexdigest()
    assert hmac.compare_digest(fields["v1"], expected)
    assert abs(int(fields["t"]) - time.time()) < 120
    event = json.loads(got.body)
    assert set(event) == {"id", "apiVersion", "createdAt", "type", "data"}
    return event


async def meeting_with_two(server: FjordServer, api_key: str | None = None,
                           names: tuple[str, str] = ("Ada", "Bo")) -> tuple[dict, list[str]]:
    """A meeting two clients join then leave; returns it and the ids (in join order)."""
    body = {"endDate": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600)),
            "fields": ["hostRoomUrl"]}
    status, meeting = server.request("POST", "/v1/meetings", body, api_key=api_key)
    assert status == 201
    ids = []
    clients = []
    for name, url in zip(names, (meeting["hostRoomUrl"], meeting["roomUrl"]), strict=True):
        client = await SignalingClient.connect(server, url)
        assert (await client.join(name, url))["type"] == "joined"
        ids.append(client.joined["selfId"])
        clients.append(client)
    for client in reversed(clients):
        await client.send({"type": "leave"})
        await asyncio.sleep(0.1)
        await client.close()
    return meeting, ids


EXPECTED = ["room.client.joined", "room.client.joined", "room.session.started",
            "room.client.left", "room.client.left", "room.session.ended"]


async def test_signed_ordered_and_retried_after_500(
    webhook_server: FjordServer, receiver: WebhookReceiver
) -> None:
    hook = subscribe(webhook_server, receiver)
    receiver.fail_next = 1  # the first delivery gets a 500 and must be retried
    meeting, ids = await meeting_with_two(webhook_server)
    got = receiver.wait_for(len(EXPECTED), 20)
    assert receiver.requests[0].status == 500
    assert receiver.requests[1].body == receiver.requests[0].body  # the same event again
    events = [verified(hook["secret"], r) for r in got]
    assert [e["type"] for e in events] == EXPECTED
    assert len({e["id"] for e in events}) == len(events)
    assert all(e["data"]["meetingId"] == meeting["meetingId"] for e in events)
    assert [e["data"].get("participantId") for e in events] == [
        ids[0], ids[1], None, ids[1], ids[0], None]
    assert events[0]["data"]["displayName"] == "Ada" and events[0]["data"]["role"] == "host"
    session = events[2]["data"]["roomSessionId"]
    # Ada, alone, is in no session yet; Bob's join starts it, so his event names it (it was
    # null: a consumer could not tie the session's first two joins to it, nor to insights)
    assert session and [e["data"]["roomSessionId"] for e in events] == [None] + [session] * 5
    metrics = webhook_server.metrics()
    assert metrics["fjord_webhook_deliveries_total"] >= len(EXPECTED) + 1
    webhook_server.request("DELETE", f"/v1/admin/webhooks/{hook['id']}")


async def test_receiver_down_gets_every_event_afterwards(
    webhook_server: FjordServer, receiver: WebhookReceiver
) -> None:
    hook = subscribe(webhook_server, receiver)
    receiver.stop()
    down_at = time.monotonic()
    await meeting_with_two(webhook_server)
    await meeting_with_two(webhook_server)
    await asyncio.sleep(max(0.0, OUTAGE_S - (time.monotonic() - down_at)))
    assert receiver.delivered() == []
    receiver.start()  # back on the same port
    got = receiver.wait_for(2 * len(EXPECTED), 15)
    events = [verified(hook["secret"], r) for r in got]
    by_room: dict[str, list[str]] = {}
    for event in events:
        by_room.setdefault(event["data"]["meetingId"], []).append(event["type"])
    assert list(by_room.values()) == [EXPECTED, EXPECTED]
    webhook_server.request("DELETE", f"/v1/admin/webhooks/{hook['id']}")


async def test_redaction_hides_display_names_everywhere(
    webhook_server: FjordServer, receiver: WebhookReceiver
) -> None:
    key = org_api_key(webhook_server, "private-" + secrets.token_hex(4))
    status, privacy = webhook_server.request(
        "PUT", "/v1/admin/privacy",
        {"redactDisplayNames": True, "chatDisabled": True}, api_key=key)
    assert status == 200 and privacy["redactDisplayNames"] is True
    hook = subscribe(webhook_server, receiver, api_key=key)
    names = ("Zelda" + secrets.token_hex(4), "Quinn" + secrets.token_hex(4))
    meeting, _ = await meeting_with_two(webhook_server, key, names)
    got = receiver.wait_for(len(EXPECTED), 20)
    events = [verified(hook["secret"], r) for r in got]
    assert {e["data"]["displayName"] for e in events if "displayName" in e["data"]} == {
        "[[redacted]]"}

    # Chat is off for this organization.
    client = await SignalingClient.connect(webhook_server, meeting["roomUrl"])
    assert (await client.join(names[0], meeting["roomUrl"]))["chatEnabled"] is False
    await client.send({"type": "chat", "text": "hello"})
    assert (await client.expect("error"))["code"] == "chat_disabled"
    await client.close()

    responses = [webhook_server.request("GET", path, api_key=key)[1] for path in (
        "/v1/meetings", f"/v1/meetings/{meeting['meetingId']}", "/v1/admin/privacy",
        "/v1/admin/webhooks", "/v1/admin/users")]
    haystacks = [json.dumps(r) for r in responses] + [r.body.decode() for r in got]
    haystacks.append(webhook_server.log_text())
    for name in names:
        assert not any(name in text for text in haystacks), name


async def test_knock_is_announced(webhook_server: FjordServer, receiver: WebhookReceiver) -> None:
    hook = subscribe(webhook_server, receiver)
    meeting = webhook_server.create_meeting("normal", isLocked=True)
    host = await SignalingClient.connect(webhook_server, meeting["hostRoomUrl"])
    await host.join("Host", meeting["hostRoomUrl"])
    guest = await SignalingClient.connect(webhook_server, meeting["roomUrl"])
    pending = await guest.join("Knocking Kim", meeting["roomUrl"])
    got = receiver.wait_for(2, 10)
    events = [verified(hook["secret"], r) for r in got]
    assert [e["type"] for e in events] == ["room.client.joined", "room.client.knocked"]
    assert events[1]["data"]["participantId"] == pending["selfId"]
    assert events[1]["data"]["displayName"] == "Knocking Kim"
    await guest.close()
    await host.close()
    webhook_server.request("DELETE", f"/v1/admin/webhooks/{hook['id']}")


async def test_a_url_with_non_ascii_characters_is_delivered_percent_encoded(
    webhook_server: FjordServer, receiver: WebhookReceiver
) -> None:
    """The API takes any https URL without white space, so one whose path or query has
    characters outside ASCII (an IRI, as a browser's address bar shows it) is delivered
    as a browser sends it, percent-encoded in UTF-8; the endpoint keeps delivering."""
    status, hook = webhook_server.request(
        "POST", "/v1/admin/webhooks",
        {"url": receiver.url + "/\u65e5\u672c?team=caf\u00e9", "events": ALL_EVENTS})
    assert status == 201, hook
    await meeting_with_two(webhook_server)
    got = receiver.wait_for(len(EXPECTED), 20)
    assert [verified(hook["secret"], r)["type"] for r in got] == EXPECTED
    assert {r.path for r in got} == {"/hooks/fjord/%E6%97%A5%E6%9C%AC?team=caf%C3%A9"}
    webhook_server.request("DELETE", f"/v1/admin/webhooks/{hook['id']}")


async def test_rotated_secret_signs_the_next_events(
    webhook_server: FjordServer, receiver: WebhookReceiver
) -> None:
    """A receiver that switches to the secret a ``PUT {rotateSecret: true}`` answered with
    verifies every later event (the dispatcher must not keep signing with the old one)."""
    hook = subscribe(webhook_server, receiver)
    await meeting_with_two(webhook_server)
    first = receiver.wait_for(len(EXPECTED), 20)
    for got in first:
        verified(hook["secret"], got)
    status, rotated = webhook_server.request(
        "PUT", f"/v1/admin/webhooks/{hook['id']}", {"rotateSecret": True})
    assert status == 200 and rotated["secret"] != hook["secret"]
    await meeting_with_two(webhook_server)
    got = receiver.wait_for(2 * len(EXPECTED), 20)
    events = [verified(rotated["secret"], r) for r in got[len(EXPECTED):]]
    assert [e["type"] for e in events] == EXPECTED
    webhook_server.request("DELETE", f"/v1/admin/webhooks/{hook['id']}")


async def test_a_deleted_endpoint_gets_no_more_retries(
    webhook_server: FjordServer, receiver: WebhookReceiver
) -> None:
    """Events being retried (the receiver answers 500) stop once the endpoint is deleted:
    the server does not go on POSTing them, signed with the deleted endpoint's secret, to a
    URL the customer removed."""
    hook = subscribe(webhook_server, receiver)
    receiver.fail_next = 10**6
    await meeting_with_two(webhook_server)
    deadline = time.monotonic() + 20
    while len(receiver.requests) < 3 and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    assert len(receiver.requests) >= 3  # the first event, retried
    status, _ = webhook_server.request("DELETE", f"/v1/admin/webhooks/{hook['id']}")
    assert status == 204
    await asyncio.sleep(0.5)  # an attempt under way when it was deleted
    after_delete = len(receiver.requests)
    await asyncio.sleep(5)  # more than two retry delays (at most 2 s here)
    assert len(receiver.requests) == after_delete


def test_an_organization_has_at_most_twenty_endpoints(webhook_server: FjordServer) -> None:
    """Every room event is queued for each endpoint: their number is bounded (409 past it,
    naming the limit); deleting one makes room again."""
    key = org_api_key(webhook_server, "org-many-hooks")
    created = []
    for index in range(20):
        status, hook = webhook_server.request("POST", "/v1/admin/webhooks", {
            "url": f"https://hooks.example.com/{index}", "events": ALL_EVENTS}, api_key=key)
        assert status == 201, hook
        created.append(hook["id"])
    body = {"url": "https://hooks.example.com/one-more", "events": ALL_EVENTS}
    status, refused = webhook_server.request("POST", "/v1/admin/webhooks", body, api_key=key)
    assert status == 409 and "at most 20 webhook endpoints" in refused["error"], refused
    status, _ = webhook_server.request("DELETE", f"/v1/admin/webhooks/{created[0]}", api_key=key)
    assert status == 204
    status, hook = webhook_server.request("POST", "/v1/admin/webhooks", body, api_key=key)
    assert status == 201, hook
