"""Whereby's webhooks from a real ``fjord serve`` (issue 15, acceptance 2).

A customer's receiver verifies ``Whereby-Signature`` the way Whereby documents it (webhooks.md,
"Validating events": HMAC-SHA256 over the timestamp, ".", and the JSON event; its Node
example re-serializes the parsed body with ``JSON.stringify``), here run by Node itself and
by Python, with display names outside ASCII so that a body Node would re-serialize
differently fails. The events of joins, leaves, knocks (knocked, knockCancelled) and
sessions carry the documented envelope and data fields.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import secrets
import shutil
import subprocess
import time
from types import SimpleNamespace
from typing import Any

import pytest

from signaling.recording_control import RecordingControl
from signaling.webhooks import envelope, signature_header
from tests.conftest import FjordServer
from tests.features.conftest import org_api_key
from tests.features.webhook_receiver import Received, WebhookReceiver
from tests.signaling_client import SignalingClient, join_message
from tests.suite_audit import remember

pytestmark = pytest.mark.timeout(90)

EVENTS = ["room.client.joined", "room.client.left", "room.client.knocked",
          "room.client.knockCancelled", "room.session.started", "room.session.ended"]

# Whereby's documented verification steps, as a customer's Node backend runs them.
NODE_VERIFIER = r"""
const crypto = require('crypto');
const deliveries = JSON.parse(require('fs').readFileSync(0, 'utf8'));
console.log(JSON.stringify(deliveries.map(({ secret, header, body }) => {
  const [, timestamp, signature] = /t=(.*),v1=(.*)/.exec(header);
  const signedPayload = timestamp + '.' + JSON.stringify(JSON.parse(body));
  const hash = crypto.createHmac('sha256', secret).update(signedPayload).digest('hex');
  return crypto.timingSafeEqual(Buffer.from(hash, 'utf-8'), Buffer.from(signature, 'utf-8'))
    && Date.now() - parseInt(timestamp * 1000, 10) < 60 * 1000;
})));
"""


def python_verified(secret: str, got: Received) -> bool:
    """The same steps in Python (compact JSON, no ASCII escapes: JSON.stringify's output)."""
    timestamp, signature = (part.split("=", 1)[1]
                            for part in got.headers["Whereby-Signature"].split(","))
    payload = json.dumps(json.loads(got.body), separators=(",", ":"), ensure_ascii=False)
    expected = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(),
                        hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature) and abs(time.time() - int(timestamp)) < 60


def node_verified(secret: str, deliveries: list[Received]) -> list[bool]:
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node.js is needed (Debian nodejs; make test installs it)"
    runs = [{"secret": secret, "header": r.headers["Whereby-Signature"],
             "body": r.body.decode()} for r in deliveries]
    out = subprocess.run([node, "-e", NODE_VERIFIER], input=json.dumps(runs), text=True,
                         capture_output=True, timeout=30, check=True)
    return json.loads(out.stdout)


async def join(server: FjordServer, url: str, name: str, **extra: str) -> SignalingClient:
    remember(name)
    client = await SignalingClient.connect(server, url)
    await client.send(join_message(name, url, **extra))
    return client


async def test_whereby_signature_and_documented_data(
    webhook_server: FjordServer, receiver: WebhookReceiver
) -> None:
    key = org_api_key(webhook_server, "whereby-" + secrets.token_hex(4))
    status, hook = webhook_server.request(
        "POST", "/v1/admin/webhooks", {"url": receiver.url, "events": EVENTS}, api_key=key)
    assert status == 201, hook
    status, meeting = webhook_server.request("POST", "/v1/meetings", {
        "endDate": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600)),
        "isLocked": True, "fields": ["hostRoomUrl"]}, api_key=key)
    assert status == 201
    tag = secrets.token_hex(3)
    host_name, quitter_name, guest_name = f"Zoë {tag}", f"Ångström {tag}", f"Łukasz {tag}"

    host = await join(webhook_server, meeting["hostRoomUrl"], host_name,
                      externalId="host-ext-1", metadata="crm:42")
    host_id = (await host.expect("joined"))["selfId"]
    quitter = await join(webhook_server, meeting["roomUrl"], quitter_name)
    quitter_id = (await quitter.expect("knock-pending"))["selfId"]
    await host.expect("knock")
    await quitter.send({"type": "leave"})  # gives up waiting: knockCancelled
    await host.expect("knock-cancelled")
    guest = await join(webhook_server, meeting["roomUrl"], guest_name, externalId="guest-ext-2")
    guest_id = (await guest.expect("knock-pending"))["selfId"]
    await host.expect("knock")
    await host.send({"type": "knock-accept", "participantId": guest_id})
    await guest.expect("joined")
    await guest.send({"type": "leave"})
    await host.expect("participant-left")
    await host.send({"type": "leave"})
    for client in (host, quitter, guest):
        await client.close()

    expected = ["room.client.joined", "room.client.knocked", "room.client.knockCancelled",
                "room.client.knocked", "room.client.joined", "room.session.started",
                "room.client.left", "room.client.left", "room.session.ended"]
    got = await asyncio.to_thread(receiver.wait_for, len(expected), 20)
    assert all(python_verified(hook["secret"], r) for r in got)
    assert node_verified(hook["secret"], got) == [True] * len(got)
    # A tampered body fails the same verifier.
    forged = Received(got[0].headers, got[0].body.replace(b"host", b"hos7"), 204)
    assert node_verified(hook["secret"], [forged]) == [False]
    # Fjord's earlier header carries the same signature, for existing receivers.
    assert all(r.headers["Fjord-Signature"] == r.headers["Whereby-Signature"] for r in got)

    events = [json.loads(r.body) for r in got]
    assert [e["type"] for e in events] == expected
    for event in events:
        assert set(event) == {"id", "apiVersion", "createdAt", "type", "data"}
        assert event["apiVersion"] == "1.0" and event["createdAt"].endswith("Z")
        data = event["data"]
        assert data["meetingId"] == meeting["meetingId"]
        assert data["roomName"] == meeting["roomName"] and data["subdomain"]
    joined_host, knocked, cancelled, _, joined_guest, started, left_guest, left_host, ended = (
        e["data"] for e in events)
    assert {
        k: joined_host[k] for k in ("participantId", "displayName", "roleName", "numClients",
                                    "numClientsByRoleName", "isDialIn", "externalId",
                                    "metadata")
    } == {"participantId": host_id, "displayName": host_name, "roleName": "host",
          "numClients": 1, "numClientsByRoleName": {"host": 1}, "isDialIn": False,
          "externalId": "host-ext-1", "metadata": "crm:42"}
    assert (knocked["participantId"], knocked["displayName"]) == (quitter_id, quitter_name)
    assert (cancelled["participantId"], cancelled["displayName"]) == (quitter_id, quitter_name)
    assert "roomSessionId" in knocked and knocked["externalId"] is None
    assert joined_guest["roleName"] == "granted_visitor"
    assert joined_guest["externalId"] == "guest-ext-2" and joined_guest["metadata"] is None
    assert joined_guest["numClients"] == 2
    assert joined_guest["numClientsByRoleName"] == {"host": 1, "granted_visitor": 1}
    session = started["roomSessionId"]
    assert session and left_guest["roomSessionId"] == session == ended["roomSessionId"]
    assert (left_guest["participantId"], left_guest["numClients"]) == (guest_id, 1)
    assert left_guest["numClientsByRoleName"] == {"host": 1}
    assert (left_host["participantId"], left_host["numClients"]) == (host_id, 0)
    assert left_host["numClientsByRoleName"] == {}
    webhook_server.request("DELETE", f"/v1/admin/webhooks/{hook['id']}", api_key=key)


@pytest.mark.parametrize(("status", "size"), [
    ("failed", 0), ("finished", 2_000_000), ("finished", 7_340_032), ("failed", 5_242_880)])
def test_recording_finished_verifies_after_json_stringify(status: str, size: int) -> None:
    """``recording.finished`` (and ``recording.failed``) as the recording control sends it,
    through Whereby's Node verifier: ``sizeInMegaBytes`` of a failed recording (0) or of a
    whole number of MB is written as JSON.stringify writes it (``0``, not Python's ``0.0``),
    or the re-serialized body differs and a correct signature is refused."""
    emitted: list[tuple[str, dict[str, Any]]] = []
    webhooks = SimpleNamespace(emit=lambda org, event, data: emitted.append((event, data)))
    control = RecordingControl(SimpleNamespace(webhooks=webhooks))  # type: ignore[arg-type]
    control._finished("org_test", "room-a", "m_1", "rec_1", "room-a-2026-01-01T00:00:00Z.mkv",
                      status, size, "sess_1", None if status == "finished" else "bucket gone")
    event, data = emitted[0]
    assert event == ("recording.finished" if status == "finished" else "recording.failed")
    body = envelope(event, data)
    header = signature_header("whsec_test", body, int(time.time()))
    assert node_verified("whsec_test", [Received({"Whereby-Signature": header}, body, 204)]) \
        == [True]
    assert json.loads(body)["data"]["sizeInMegaBytes"] == size / 1e6
