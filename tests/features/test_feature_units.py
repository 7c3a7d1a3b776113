"""The pure parts of the meeting features, without a server: webhook envelope, signature,
retry schedule and address policy, HTTP framing, CSP frame-ancestors, polling cursors,
and the room registry's knock, capacity and observer logic."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import json
import logging
import socket
import ssl
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from keys.devtls import ensure_dev_certificates
from keys.webhook_secret import verify_webhook
from signaling import egress, host_controls, webhooks
from signaling import messages as m
from signaling.accounts import WebhookRecord
from signaling.chat import ChatSender
from signaling.chat import delete as chat_delete
from signaling.embedding import frame_ancestors, room_page_csp
from signaling.polling import BUFFER_LIMIT, PollConnection
from signaling.rooms import RoomPolicy, RoomRegistry
from signaling.webhook_http import (
    DeliveryFailed,
    Target,
    WebhookUrlRefused,
    address_allowed,
    build_request,
    check_url,
    parse_status,
    post,
    resolve_checked,
)
from signaling.webhooks import (
    REDACTED,
    WebhookDispatcher,
    envelope,
    event_data,
    retry_delay,
    signature_header,
)
from tests.conftest import wait_until
from tests.features.room_fakes import FakeConn, meeting_record

LOOPBACK = [ipaddress.ip_network("127.0.0.1/32")]


def test_signature_header_verifies_with_the_stored_secret() -> None:
    body = envelope("room.client.joined", {"meetingId": "m1"})
    header = signature_header("whsec_abc", body, 1_700_000_000)
    t, v1 = (part.split("=", 1)[1] for part in header.split(","))
    assert t == "1700000000"
    assert verify_webhook(["whsec_abc"], int(t), body, v1)
    assert not verify_webhook(["whsec_other"], int(t), body, v1)
    event = json.loads(body)
    assert event["type"] == "room.client.joined" and event["apiVersion"] == "1.0"
    # Whereby's event ids are 64 hex digits.
    assert event["createdAt"].endswith("Z") and len(bytes.fromhex(event["id"])) == 32


def test_retry_schedule_doubles_up_to_the_cap() -> None:
    assert [retry_delay(n, 1.0, 10.0) for n in range(1, 7)] == [1, 2, 4, 8, 10, 10]
    assert retry_delay(10_000, 0.25, 2.0) == 2.0


@pytest.mark.parametrize(("address", "allowed"), [
    ("8.8.8.8", True), ("2001:4860:4860::8888", True), ("127.0.0.1", False),
    ("10.1.2.3", False), ("192.168.1.1", False), ("169.254.169.254", False), ("::1", False),
    ("::ffff:127.0.0.1", False), ("fc00::1", False), ("100.64.0.1", False), ("0.0.0.0", False),
])
def test_webhook_addresses_must_be_public(address: str, allowed: bool) -> None:
    assert address_allowed(address, []) is allowed


@pytest.mark.parametrize("address", [
    "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1", "64:ff9b:1::a00:1", "::a9fe:a9fe",
    "2002:a9fe:a9fe::1", "2001:0:4136:e378:8000:63bf:80ff:fffe", "198.18.0.1", "240.0.0.1",
    "fe80::1", "::",
])
def test_addresses_carrying_internal_ones_are_refused(address: str) -> None:
    """NAT64, IPv4-compatible, 6to4 and Teredo forms of internal IPv4 addresses, and
    reserved ranges: refused like the IPv4 address itself."""
    assert address_allowed(address, []) is False


def test_nat64_of_a_public_address_and_allowed_forms() -> None:
    assert address_allowed("64:ff9b::808:808", [])
    assert address_allowed("::ffff:8.8.8.8", [])
    assert address_allowed("::ffff:127.0.0.1", LOOPBACK)


@pytest.mark.parametrize("url", [
    "https://localhost/hook", "https://2130706433/hook", "https://127.1/hook",
    "https://0x7f000001/hook", "https://0xa9fea9fe/", "https://10.1/", "https://0/",
    "https://[64:ff9b::a9fe:a9fe]/", "https://0251.0376.0251.0376/",
])
async def test_webhook_urls_resolving_to_internal_addresses_are_refused_when_saved(
        url: str) -> None:
    with pytest.raises(WebhookUrlRefused):
        await check_url(url, [])


async def test_webhook_url_with_an_unresolvable_name_is_checked_at_delivery() -> None:
    await check_url("https://hooks.invalid/in", [])  # nothing to refuse yet


@pytest.mark.parametrize("url", ["https://exa mple.com/x", "https://example.com:0/",
                                 "https://example.com:65536/"])
def test_malformed_webhook_hosts_and_ports(url: str) -> None:
    with pytest.raises(WebhookUrlRefused):
        Target.parse(url)


def test_operator_can_allow_a_private_address() -> None:
    assert address_allowed("127.0.0.1", LOOPBACK)
    assert not address_allowed("127.0.0.2", LOOPBACK)


async def test_loopback_url_is_refused_unless_allowed() -> None:
    target = Target.parse("https://127.0.0.1:8443/hook")
    with pytest.raises(WebhookUrlRefused):
        await resolve_checked(target, [])
    assert await resolve_checked(target, LOOPBACK) == "127.0.0.1"


@pytest.mark.parametrize("url", ["http://example.com/x", "ftp://a/b", "https:///x",
                                 "https://example.com:99999/"])
def test_only_https_urls(url: str) -> None:
    with pytest.raises(WebhookUrlRefused):
        Target.parse(url)


def test_request_and_status_framing() -> None:
    target = Target.parse("https://hooks.example.com:8443/in?x=1")
    raw = build_request(target, b'{"a":1}', {"Fjord-Signature": "t=1,v1=ab"})
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    assert lines[0] == "POST /in?x=1 HTTP/1.1"
    assert "Host: hooks.example.com:8443" in lines and "Content-Length: 7" in lines
    assert "Fjord-Signature: t=1,v1=ab" in lines and body == b'{"a":1}'
    assert parse_status(b"HTTP/1.1 204 No Content\r\n\r\n") == 204
    for bad in (b"", b"SSH-2.0\r\n", b"HTTP/1.1 abc\r\n"):
        with pytest.raises(DeliveryFailed):
            parse_status(bad)


async def test_interim_answers_are_read_past_to_the_final_one(tmp_path: Path) -> None:
    """A receiver (or its proxy) that sends 100 Continue or 103 Early Hints before its 204
    had the event taken as answered 100: rejected, and dropped."""
    certs = ensure_dev_certificates(tmp_path)
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(certs.cert, certs.key)

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
        await reader.readexactly(length)
        writer.write(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\n"
                     b"Link: </a.css>; rel=preload\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0, ssl=server_tls)
    port = server.sockets[0].getsockname()[1]
    try:
        status = await post(f"https://127.0.0.1:{port}/in", b"{}", {}, timeout=5,
                            tls=ssl.create_default_context(cafile=certs.ca_cert),
                            allowed_private=[ipaddress.ip_network("127.0.0.1/32")])
    finally:
        server.close()
    assert status == 204


def test_a_request_target_outside_printable_ascii_is_percent_encoded() -> None:
    """The API takes any https URL without white space: a path or query with other
    characters is sent as browsers send an IRI, in UTF-8 percent-encoding (the request line
    is ASCII); what is ASCII already, escapes included, stays as given."""
    target = Target.parse("https://hooks.example.com/in/\u65e5\u672c?team=caf\u00e9&x=%41")
    assert target.path == "/in/%E6%97%A5%E6%9C%AC?team=caf%C3%A9&x=%41"
    raw = build_request(target, b"{}", {})
    assert raw.startswith(b"POST /in/%E6%97%A5%E6%9C%AC?team=caf%C3%A9&x=%41 HTTP/1.1\r\n")


def dispatcher_of(hook: WebhookRecord) -> WebhookDispatcher:
    """A dispatcher whose store holds one endpoint, ``hook``, retrying at once, twice."""

    async def listed(org_id: str) -> list[WebhookRecord]:
        return [hook]

    async def one(org_id: str, endpoint_id: str) -> WebhookRecord:
        return hook

    settings = SimpleNamespace(
        webhook_allowed_private_ips=[], webhook_ca_file=None, webhook_timeout=1.0,
        webhook_retry_base=0.01, webhook_retry_max_delay=0.01, webhook_max_attempts=2,
        webhook_queue_size=10)
    store = SimpleNamespace(accounts=SimpleNamespace(webhooks=listed, webhook=one))
    return WebhookDispatcher(settings, store)  # type: ignore[arg-type]


async def test_an_unexpected_delivery_error_costs_that_event_only(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error no delivery outcome foresees drops the event it happened to (counted, logged)
    and the endpoint's worker goes on with the next: it must not end for good, leaving
    every later event of the endpoint queued until a restart."""
    sent: list[str] = []

    async def post(url: str, body: bytes, headers: dict[str, str], **_: object) -> int:
        sent.append(json.loads(body)["type"])
        if len(sent) == 1:
            raise RuntimeError("unforeseen")
        return 204

    monkeypatch.setattr(webhooks, "post", post)
    hook = WebhookRecord("wh_1", "https://hooks.example.com/in", ["room.client.joined",
                         "room.client.left"], dt.datetime.now(dt.UTC), "whsec_abc")

    dispatcher = dispatcher_of(hook)
    dispatcher.emit("org_test", "room.client.joined", {"meetingId": "m1"})
    dispatcher.emit("org_test", "room.client.left", {"meetingId": "m1"})
    assert await dispatcher.flush(5)
    await dispatcher.close()
    assert sent == ["room.client.joined", "room.client.left"]


def test_frame_ancestors_from_allowed_origins() -> None:
    assert frame_ancestors([]) == "'none'"
    assert frame_ancestors(["https://app.example.com", "http://127.0.0.1:8080"]) == (
        "https://app.example.com http://127.0.0.1:8080")
    # Anything that is not a bare origin is left out (no CSP injection).
    assert frame_ancestors(["https://a.example; script-src *", "*"]) == "'none'"
    assert "frame-ancestors https://x.example;" in room_page_csp(["https://x.example"])


def test_poll_cursor_resume_and_bound() -> None:
    conn = PollConnection(max_chars=1 << 20)
    for i in range(3):
        conn.send({"type": "pong", "n": i})
    assert [x["n"] for x in conn.after(0)] == [0, 1, 2]
    assert [x["n"] for x in conn.after(0)] == [0, 1, 2]  # a lost response is resent
    conn.acknowledge(2)
    assert [x["n"] for x in conn.after(2)] == [2]
    for _ in range(BUFFER_LIMIT):
        conn.send({"type": "pong"})
    assert conn.closed == {"code": 1013, "reason": "too slow"}


def test_poll_buffer_is_bounded_in_characters() -> None:
    """A client that stops polling holds at most max_chars of large messages (SDP may be
    1 MiB each), not 256 of them; acknowledged messages free their share."""
    conn = PollConnection(max_chars=3_000_000)
    offer = {"type": "subscribe-offer", "sdp": "v" * 1_000_000}  # the server's own
    conn.send(offer)
    conn.send(offer)
    conn.acknowledge(1)
    conn.send(offer)
    assert conn.closed is None and len(conn.after(1)) == 2
    conn.send(offer)
    assert conn.closed == {"code": 1013, "reason": "too slow"}
    assert len(conn.after(1)) == 2


async def test_websocket_outbox_is_bounded_in_characters() -> None:
    """The same for a WebSocket client that stops reading: it is closed with 1013 once its
    queue would pass max_queued_chars, and what it was sent is freed as the writer sends."""
    from signaling.ws import WsConnection

    class StalledSocket:
        def __init__(self) -> None:
            self.sent: list[str] = []
            self.closed: tuple[int, str] | None = None
            self.release = asyncio.Event()

        async def send_text(self, text: str) -> None:
            await self.release.wait()
            self.sent.append(text)

        async def close(self, code: int, reason: str) -> None:
            self.closed = (code, reason)

    socket = StalledSocket()
    conn = WsConnection(socket, max_queued_chars=3_000_000)  # type: ignore[arg-type]
    writer = asyncio.create_task(conn.run_writer())
    offer = {"type": "subscribe-offer", "sdp": "v" * 1_000_000}  # the server's own
    for _ in range(2):
        conn.send(offer)
    await asyncio.sleep(0)  # the writer holds the first one, stalled
    assert not conn.closed and conn.queued_chars > 2_000_000
    conn.send(offer)
    assert conn.closed  # 3 MB would have passed the bound
    socket.release.set()
    await asyncio.wait_for(writer, 5)
    assert len(socket.sent) == 2 and socket.closed == (1013, "too slow")
    assert conn.queued_chars == 0


async def test_relayed_messages_fill_at_most_half_a_queue() -> None:
    """Offers from other participants (however many connections they rejoin with, each with
    a fresh relay budget) filled a client's queue until the server closed the client as too
    slow: past half of the queue's bounds they are dropped and counted, and the server's own
    messages still get through."""
    from signaling.ws import RELAYED_DROPPED, WsConnection

    class StalledSocket:
        def __init__(self) -> None:
            self.sent: list[str] = []
            self.release = asyncio.Event()

        async def send_text(self, text: str) -> None:
            await self.release.wait()
            self.sent.append(text)

        async def close(self, code: int, reason: str) -> None:
            raise AssertionError(f"closed {code} {reason}")

    dropped = RELAYED_DROPPED._value.get()
    socket = StalledSocket()
    conn = WsConnection(socket, max_queued_chars=3_000_000)  # type: ignore[arg-type]
    writer = asyncio.create_task(conn.run_writer())
    offer = {"type": "offer", "from": "p1", "sdp": "v" * 1_000_000}
    for _ in range(5):
        conn.send(offer)
    assert not conn.closed and conn.queued_chars < 1_500_000
    assert RELAYED_DROPPED._value.get() == dropped + 4
    conn.send({"type": "pong"})
    socket.release.set()
    await asyncio.sleep(0.1)
    assert [json.loads(t)["type"] for t in socket.sent] == ["offer", "pong"]
    writer.cancel()

    polled = PollConnection(max_chars=3_000_000)
    for _ in range(5):
        polled.send(offer)
    polled.send({"type": "pong"})
    assert polled.closed is None
    assert [m["type"] for m in polled.after(0)] == ["offer", "pong"]


def test_large_messages_cost_more_of_the_message_rate() -> None:
    """docs/signaling.md: a message costs one token plus one per 64 KiB, so a client cannot
    send 1 MiB messages at the full 50 messages/s (burst 100)."""
    from operability.ratelimit import MessageRateLimit

    limit = MessageRateLimit(50.0, clock=lambda: 0.0)
    verdicts = [limit.check(1_048_576) for _ in range(7)]
    assert verdicts[:5] == ["allow"] * 5 and verdicts[5] == "notify"
    small = MessageRateLimit(50.0, clock=lambda: 0.0)
    assert [small.check(100) for _ in range(100)] == ["allow"] * 100


def test_knockers_wait_and_see_nothing_until_admitted() -> None:
    registry = RoomRegistry(4, 200)
    meeting = meeting_record("normal", locked=True)
    events: list[str] = []
    registry.observers.append(lambda event, room, p: events.append(event))
    host_conn, guest_conn = FakeConn(), FakeConn()
    room, host, admitted = registry.join(meeting, "Host", "host", host_conn)
    assert admitted
    _, guest, admitted = registry.join(meeting, "Guest", "participant", guest_conn)
    assert not admitted and guest.id in room.waiting and guest.id not in room.participants
    assert host_conn.sent[-1] == {"type": "knock", "participant": {
        "id": guest.id, "displayName": "Guest"}}
    assert guest_conn.sent == []
    calls: list[str] = []
    guest.on_admitted = lambda: calls.append("in")
    host_controls.apply(registry, room, host, m.KnockAccept(type="knock-accept",
                                                            participantId=guest.id))
    assert calls == ["in"] and guest.id in room.participants
    assert events == ["room.client.joined", "room.client.knocked", "room.client.joined",
                      "room.session.started"]


def test_host_actions_check_the_role_themselves() -> None:
    registry = RoomRegistry(4, 200)
    room, eve, _ = registry.join(meeting_record("normal"), "Eve", "participant", FakeConn())
    for action in (m.EndMeeting(type="end-meeting"), m.Lock(type="lock", locked=True),
                   m.Mute(type="mute", participantId=eve.id)):
        with pytest.raises(m.ProtocolError) as caught:
            host_controls.apply(registry, room, eve, action)
        assert caught.value.code == "forbidden"
    assert registry.get(room.name) is room and not room.locked


@pytest.mark.parametrize(("message_id", "deletable"), [
    ("m_1", True), ("m_2", True),
    ("m_3", False),  # not sent yet
    ("m_999", False), ("m_0", False), ("m_01", False), ("m_", False), ("1", False),
    ("x_1", False), ("m_sig-a.0a1b2c_1", False),  # another node's id, on a one-node room
])
def test_a_host_deletes_only_chat_that_was_sent(message_id: str, deletable: bool) -> None:
    """An id no message of the room had was broadcast as chat-deleted: now an error to the
    host alone, and nothing is sent to the others."""
    registry = RoomRegistry(4, 200)
    host_conn, guest_conn = FakeConn(), FakeConn()
    room, host, _ = registry.join(meeting_record("normal"), "Host", "host", host_conn)
    _, guest, _ = registry.join(room.meeting, "Guest", "participant", guest_conn)
    for text in ("one", "two"):
        ChatSender().send(room, guest, m.Chat(type="chat", text=text))
    assert [msg["id"] for msg in guest_conn.sent if msg["type"] == "chat"] == ["m_1", "m_2"]
    before = len(guest_conn.sent)
    delete = m.ChatDelete(type="chat-delete", messageId=message_id)
    if deletable:
        chat_delete(room, host, delete)
        assert guest_conn.sent[before:] == [
            {"type": "chat-deleted", "messageId": message_id, "by": host.id}]
        return
    with pytest.raises(m.ProtocolError) as caught:
        chat_delete(room, host, delete)
    assert (caught.value.code, caught.value.message) == (
        "unknown_chat_message", "no chat message with this id was sent in this room")
    assert guest_conn.sent[before:] == []


def test_event_data_redacts_names_on_request() -> None:
    registry = RoomRegistry(4, 200)
    meeting = meeting_record("normal")
    room, p, _ = registry.join(meeting, "Zed", "participant", FakeConn(),
                               RoomPolicy(redact_display_names=True))
    data = event_data("room.client.joined", room, p)
    assert data["displayName"] == REDACTED and data["participantId"] == p.id
    assert data["meetingId"] == meeting.meeting_id and data["roomName"] == "/" + meeting.room_name


@pytest.mark.parametrize("note", ["wait\u0007", "\u001b[2Jhi", "see \u202etxt.exe", "\u200b",
                                  " \u2060 "])
@pytest.mark.parametrize("kind", ["knock-hold", "knock-reject"])
def test_knock_notes_follow_the_chat_text_rules(kind: str, note: str) -> None:
    with pytest.raises(m.ProtocolError) as caught:
        m.parse_client_message(json.dumps({"type": kind, "participantId": "p1", "message": note}))
    assert caught.value.code == "bad_message"
    ok = m.parse_client_message(json.dumps({"type": kind, "participantId": "p1",
                                            "message": "one minute\nplease"}))
    assert ok.message == "one minute\nplease"


@pytest.mark.parametrize("text", ["\u200b", "\u2060\u2060", "\u3164", "\u0301", " \u200b\n"])
def test_chat_text_must_not_be_invisible(text: str) -> None:
    with pytest.raises(m.ProtocolError) as caught:
        m.parse_client_message(json.dumps({"type": "chat", "text": text}))
    assert caught.value.code == "bad_message"


@pytest.mark.parametrize("raw", [
    {"type": "lock", "locked": "no"},
    {"type": "lock", "locked": 0},
    {"type": "screen-share", "active": "yes"},
    {"type": "local-recording", "active": 1},
    {"type": "e2ee-key", "to": "p1", "keyId": True, "sealed": "abcd"},
    {"type": "e2ee-key", "to": "p1", "keyId": "1", "sealed": "abcd"},
    {"type": "e2ee-key", "to": "p1", "keyId": 1.0, "sealed": "abcd"},
    {"type": "candidate", "to": "p1", "candidate": {"candidate": "c", "sdpMLineIndex": "0"}},
])
def test_booleans_and_integers_are_not_coerced(raw: dict[str, object]) -> None:
    with pytest.raises(m.ProtocolError) as caught:
        m.parse_client_message(json.dumps(raw))
    assert caught.value.code == "bad_message"


def test_strict_fields_still_take_real_booleans_and_integers() -> None:
    assert m.parse_client_message('{"type":"lock","locked":false}').locked is False
    assert m.parse_client_message('{"type":"screen-share","active":true}').active is True
    key = m.parse_client_message('{"type":"e2ee-key","to":"p1","keyId":7,"sealed":"abcd"}')
    assert key.keyId == 7
    cand = m.parse_client_message(
        '{"type":"candidate","to":"p1","candidate":{"candidate":"c","sdpMLineIndex":0}}')
    assert cand.candidate.sdpMLineIndex == 0


@pytest.mark.parametrize("external_id", ["<script>alert(1)</script>", "crm 42", "ann@example",
                                         "a" * 37, "é1"])
def test_external_id_has_wherebys_format(external_id: str) -> None:
    """Whereby's externalId: A-Za-z0-9, ``-`` and ``_``, at most 36 characters; "strings not
    in this format will be rejected". Its customers' insights and webhook consumers may rely
    on that (markup in an id would reach their dashboards)."""
    join = {"type": "join", "displayName": "Ann", "externalId": external_id}
    with pytest.raises(m.ProtocolError) as caught:
        m.parse_client_message(json.dumps(join))
    assert caught.value.code == "bad_message" and "externalId" in caught.value.message
    uuid = "0f8fad5b-d9cb-469f-a165-70867728950e"
    assert m.parse_client_message(json.dumps({**join, "externalId": uuid})).externalId == uuid
    ok = m.parse_client_message(json.dumps({**join, "externalId": "crm_Ann-42"}))
    assert ok.externalId == "crm_Ann-42"


def test_metadata_keeps_line_breaks_and_tabs() -> None:
    """Whereby's metadata is any string passed on to webhooks: a customer's JSON with line
    breaks must not keep the participant out of the room. Other control characters and
    bidirectional overrides are still refused."""
    join = {"type": "join", "displayName": "Ann"}
    text = '{\n\t"plan": "pro"\r\n}'
    assert m.parse_client_message(json.dumps({**join, "metadata": text})).metadata == text
    for bad in ("a\u0007b", "x\u202ey", "\u001b[2J"):
        with pytest.raises(m.ProtocolError) as caught:
            m.parse_client_message(json.dumps({**join, "metadata": bad}))
        assert caught.value.code == "bad_message" and "metadata" in caught.value.message


def silent_dns(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """A resolver that never answers for names starting with ``silent`` (until the returned
    event is set: then it fails them), and resolves the others."""
    release = threading.Event()
    real = socket.getaddrinfo

    def getaddrinfo(host: str, *args: Any, **kwargs: Any) -> Any:
        if host.startswith("silent"):
            release.wait(30)
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return release


async def test_host_lookups_that_hang_hold_neither_other_lookups_nor_the_loop(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Customers' host names (webhook endpoints, bucket endpoints) are resolved in threads
    of their own with a deadline: names whose DNS never answers, more of them than the
    event loop's default executor has threads, neither stall other lookups and
    ``asyncio.to_thread`` nor hold a delivery past ``LOOKUP_TIMEOUT_S``."""
    loop = asyncio.get_running_loop()
    loop.set_default_executor(ThreadPoolExecutor(max_workers=2))  # a small machine's few
    release = silent_dns(monkeypatch)
    monkeypatch.setattr(egress, "LOOKUP_TIMEOUT_S", 1.0)
    try:
        hung = [asyncio.ensure_future(egress.resolve_checked(f"silent{i}.example", 443, []))
                for i in range(8)]
        await asyncio.sleep(0.2)
        assert await asyncio.wait_for(asyncio.to_thread(sum, [1, 2]), 5) == 3
        loopback = [ipaddress.ip_network("127.0.0.0/8")]
        assert await asyncio.wait_for(
            egress.resolve_checked("127.0.0.1", 443, loopback), 5) == ["127.0.0.1"]
        for task in hung:
            with pytest.raises(egress.HostUnresolved, match="did not answer within 1 s"):
                await asyncio.wait_for(task, 10)
    finally:
        release.set()


async def test_one_organizations_hung_lookups_leave_threads_for_the_others(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An API key creating meetings on bucket endpoints whose DNS never answers: each
    request gave up after LOOKUP_TIMEOUT_S, its thread stayed until the resolver did, and
    all of them went to that organization; other organizations' lookups (a webhook
    delivery to a literal address included) queued past their own deadline."""
    monkeypatch.setattr(egress, "_LOOKUPS", ThreadPoolExecutor(max_workers=4))
    monkeypatch.setattr(egress, "OWNER_LOOKUPS", 2)
    monkeypatch.setattr(egress, "LOOKUP_TIMEOUT_S", 0.5)
    release = silent_dns(monkeypatch)
    try:
        for i in range(12):  # one organization's flood, each giving up on its lookup
            with pytest.raises(egress.HostUnresolved):
                await egress.resolve_checked(f"silent{i}.example", 443, [], owner="org_evil")
        loopback = [ipaddress.ip_network("127.0.0.0/8")]
        assert await asyncio.wait_for(egress.resolve_checked(
            "127.0.0.1", 443, loopback, owner="org_other"), 5) == ["127.0.0.1"]
        assert await egress.resolve_checked("127.0.0.1", 443, loopback) == ["127.0.0.1"]
    finally:
        release.set()
    assert await wait_until(lambda: not egress._owner_lookups, 10)  # counted until done


async def test_an_endpoint_refused_at_delivery_logs_it_once_a_minute(
    caplog: pytest.LogCaptureFixture
) -> None:
    """Each refused event logged a warning of its own: an endpoint whose URL resolves to an
    address not allowed (loopback here, refused by the real check) filled the log with one
    line per event of a busy organization. One line a minute per endpoint, with the count;
    the metric counts every refusal."""
    hook = WebhookRecord("wh_1", "https://127.0.0.1:9/in", ["room.client.joined"],
                         dt.datetime.now(dt.UTC), "whsec_abc")

    refused = webhooks.DELIVERIES.labels("refused")
    before = refused._value.get()
    dispatcher = dispatcher_of(hook)
    with caplog.at_level(logging.WARNING, logger=webhooks.log.name):
        for _ in range(5):
            dispatcher.emit("org_test", "room.client.joined", {"meetingId": "m1"})
        assert await dispatcher.flush(5)
    await dispatcher.close()
    lines = [r.getMessage() for r in caplog.records if "webhook refused" in r.getMessage()]
    assert len(lines) == 1 and "(1 event(s)" in lines[0], lines
    assert refused._value.get() - before == 5
