"""Webhooks: room life-cycle events delivered to each organization's endpoints.

Events (``signaling.rooms``): Whereby's ``room.client.joined``, ``room.client.left``,
``room.client.knocked``, ``room.client.knockCancelled``, ``room.session.started``,
``room.session.ended``, with the data fields Whereby documents (webhooks.md), and
``recording.finished``, and Fjord's ``recording.failed`` (:mod:`signaling.recording_control`,
through :meth:`emit`). Each is one JSON
envelope ``{id, apiVersion: "1.0", createdAt, type, data}`` POSTed to every endpoint of the
meeting's organization that subscribed to its type, signed with the endpoint's secret as
Whereby does: ``Whereby-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret, t + "." + body)>``.
The same value goes in ``Fjord-Signature`` too, for receivers written for Fjord's earlier
header. The body is compact JSON without ASCII escapes, exactly what JavaScript's
``JSON.stringify(JSON.parse(body))`` gives back, so Whereby's documented Node verifier (which
signs the re-serialized object) accepts it.

Delivery is at least once while the server runs: each endpoint has its own bounded FIFO
queue and one worker, so events reach an endpoint in the order they happened (per room and
overall); a 5xx, 408, 429, timeout or connection failure is retried after
``webhook_retry_base`` seconds doubling up to ``webhook_retry_max_delay``, at most
``webhook_max_attempts`` times, the event blocking the ones behind it. Each attempt reads
the endpoint again, so a URL changed or a secret rotated with ``PUT`` applies to the events
already queued, and a deleted endpoint's queued events are dropped. Other 4xx answers
and refused URLs (private addresses) drop the event. A full queue drops its oldest event.
Every outcome is counted (``fjord_webhook_deliveries_total``). Display names are
``[[redacted]]`` when the organization asks for it; nothing else personal is sent.
"""

from __future__ import annotations

import asyncio
import contextvars
import datetime as dt
import ipaddress
import json
import logging
import secrets
import ssl
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from prometheus_client import Counter, Gauge, Histogram

from keys.webhook_secret import sign_webhook
from signaling.room_model import Participant, Room
from signaling.store import Store
from signaling.webhook_http import DeliveryFailed, WebhookUrlRefused, post

log = logging.getLogger("fjord.signaling.webhooks")

API_VERSION = "1.0"
REDACTED = "[[redacted]]"
EVENT_TYPES = ("room.client.joined", "room.client.left", "room.client.knocked",
               "room.client.knockCancelled", "room.session.started", "room.session.ended",
               "recording.finished", "recording.failed")
MAX_ENDPOINTS = 20
"""Webhook endpoints per organization: every room event is queued for each (up to its own
queue bound), so their number bounds what one API key can make the server send."""
SIGNATURE_HEADERS = ("Whereby-Signature", "Fjord-Signature")
RETRY_STATUSES = frozenset({408, 429})
REFUSAL_LOG_INTERVAL_S = 60.0
"""An endpoint whose URL is refused at delivery logs it at most once this often (every
refusal is counted in the deliveries metric): a busy organization's events, each refused,
would fill the log."""

DELIVERIES = Counter("fjord_webhook_deliveries_total",
                     "Webhook delivery attempts and drops, by outcome", ["outcome"])
QUEUED = Gauge("fjord_webhook_queued_events", "Webhook events waiting for delivery")
LATENCY = Histogram("fjord_webhook_delivery_seconds",
                    "Seconds from event to successful delivery",
                    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300))


def event_data(event: str, room: Room, participant: Participant | None) -> dict[str, Any]:
    """The ``data`` of an event, Whereby's fields (webhooks.md, "In-Room Data properties"):

    - all: ``meetingId``, ``roomName`` (``/name``), ``subdomain`` (the organization id),
      ``roomSessionId`` (null outside a session);
    - client events: ``participantId``, ``displayName`` (``[[redacted]]`` when the
      organization asks), ``metadata`` and ``externalId`` (null when not given);
    - joined and left: ``roleName`` (``host``, ``visitor``, ``granted_visitor``, ``viewer``),
      ``numClients`` and ``numClientsByRoleName`` after the event, ``isDialIn`` (false).

    Fjord's earlier ``role`` (host, participant, viewer) is kept beside ``roleName``.
    """
    data: dict[str, Any] = {
        "meetingId": room.meeting.meeting_id,
        "roomName": "/" + room.name,
        "subdomain": room.meeting.organization_id,
        "roomSessionId": room.session_id,
    }
    if participant is not None:
        name = REDACTED if room.policy.redact_display_names else participant.display_name
        data.update(participantId=participant.id, displayName=name,
                    metadata=participant.metadata, externalId=participant.external_id)
    if event in ("room.client.joined", "room.client.left") and participant is not None:
        by_role: dict[str, int] = {}
        for p in room.participants.values():
            by_role[p.role_name] = by_role.get(p.role_name, 0) + 1
        data.update(roleName=participant.role_name, role=participant.role,
                    numClients=len(room.participants), numClientsByRoleName=by_role,
                    isDialIn=False)
    else:
        data["numClients"] = len(room.participants)
    return data


def _js_numbers(value: Any) -> Any:
    """``value`` with every float that has no fraction as an int: ``JSON.stringify`` writes
    ``0`` and ``2`` where Python writes ``0.0`` and ``2.0`` (``sizeInMegaBytes`` of a failed
    recording), and a verifier that re-serializes the body must get it back byte for byte."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return int(value)
    if isinstance(value, dict):
        return {k: _js_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_js_numbers(v) for v in value]
    return value


def envelope(event: str, data: dict[str, Any], now: dt.datetime | None = None) -> bytes:
    """The JSON body of one event: ``{id, apiVersion, createdAt, type, data}``, compact and
    without ASCII escapes (what ``JSON.stringify`` writes; see the module docstring)."""
    created = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="milliseconds")
    return json.dumps({
        "id": secrets.token_hex(32),
        "apiVersion": API_VERSION,
        "createdAt": created.replace("+00:00", "Z"),
        "type": event,
        "data": _js_numbers(data),
    }, separators=(",", ":"), ensure_ascii=False).encode()


def signature_header(secret: str, body: bytes, timestamp: int) -> str:
    """``t=<unix s>,v1=<hex HMAC-SHA256(secret, t + "." + body)>``."""
    return f"t={timestamp},v1={sign_webhook(secret, timestamp, body)}"


def retry_delay(attempt: int, base: float, cap: float) -> float:
    """Seconds to wait after failed attempt number ``attempt`` (1-based): base * 2^(n-1)."""
    return min(cap, base * 2 ** min(attempt - 1, 40))


@dataclass
class _Pending:
    body: bytes
    created: float


@dataclass
class _Endpoint:
    org_id: str
    endpoint_id: str
    url: str
    secret: str
    queue: deque[_Pending] = field(default_factory=deque)
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task[None] | None = None
    refused: int = 0
    "Events refused since the last warning saying so."
    refusal_logged: float = float("-inf")
    "When that warning was logged (monotonic seconds)."


class WebhookSettings(Protocol):
    """The settings webhook delivery reads (``fjord.settings.Settings`` has them; the
    signaling package does not import the command that defines it)."""

    webhook_allowed_private_ips: list[str]
    "Private networks (CIDR) receivers may resolve to; others are refused."
    webhook_ca_file: Path | None
    "Extra CA certificate (PEM) trusted for receivers."
    webhook_timeout: float
    "Seconds per delivery attempt."
    webhook_retry_base: float
    "Seconds before the first retry; doubles each retry."
    webhook_retry_max_delay: float
    "Longest wait between two retries, seconds."
    webhook_max_attempts: int
    "Delivery attempts per event before it is dropped."
    webhook_queue_size: int
    "Events queued per endpoint (oldest dropped)."


class WebhookDispatcher:
    """Room observer that queues events and delivers them (see the module docstring)."""

    def __init__(self, settings: WebhookSettings, store: Store) -> None:
        self.settings = settings
        self.store = store
        self.allowed_private = [ipaddress.ip_network(n, strict=False)
                                for n in settings.webhook_allowed_private_ips]
        self._events: asyncio.Queue[tuple[str, str, bytes]] | None = None
        self._fanout: asyncio.Task[None] | None = None
        self._endpoints: dict[str, _Endpoint] = {}
        self._tls: ssl.SSLContext | None = None
        self._fanning = False
        "An event taken from the queue is being fanned out to the endpoints."

    # --- RoomObserver
    def __call__(self, event: str, room: Room, participant: Participant | None) -> None:
        self.emit(room.meeting.organization_id, event, event_data(event, room, participant))

    def emit(self, org_id: str, event: str, data: dict[str, Any]) -> None:
        """Queue event ``event`` with ``data`` for the organization's endpoints."""
        body = envelope(event, data)
        if self._events is None:
            self._events = asyncio.Queue(self.settings.webhook_queue_size)
            # A fresh context: the task outlives the request that started it, whose log ids
            # (request, room) must not follow it.
            self._fanout = asyncio.get_running_loop().create_task(
                self._run_fanout(), context=contextvars.Context()
            )
        try:
            self._events.put_nowait((org_id, event, body))
        except asyncio.QueueFull:
            DELIVERIES.labels("dropped").inc()

    async def flush(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for every queued event to be delivered or dropped
        (server shutdown: a recording's last ``recording.finished``); True when none is
        left."""
        deadline = time.monotonic() + timeout
        while self._events is not None and (
                not self._events.empty() or self._fanning
                or any(e.queue for e in self._endpoints.values())):
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(0.05)
        return True

    async def close(self) -> None:
        tasks = [self._fanout] + [e.task for e in self._endpoints.values()]
        for task in tasks:
            if task is not None:
                task.cancel()

    # --- internals
    def tls(self) -> ssl.SSLContext:
        if self._tls is None:
            context = ssl.create_default_context()
            context.minimum_version = ssl.TLSVersion.TLSv1_2
            if self.settings.webhook_ca_file is not None:
                context.load_verify_locations(cafile=str(self.settings.webhook_ca_file))
            self._tls = context
        return self._tls

    async def _run_fanout(self) -> None:
        assert self._events is not None
        while True:
            org_id, event, body = await self._events.get()
            self._fanning = True
            try:
                hooks = await self.store.accounts.webhooks(org_id)
                for hook in hooks:
                    if event not in hook.events:
                        continue
                    endpoint = self._endpoints.get(hook.endpoint_id)
                    if endpoint is None or endpoint.url != hook.url:
                        full = await self.store.accounts.webhook(org_id, hook.endpoint_id)
                        if full is None or full.secret is None:
                            continue
                        endpoint = self._endpoint(org_id, hook.endpoint_id, full.url,
                                                  full.secret)
                    self._enqueue(endpoint, body)
            except Exception:  # the store is unavailable: this event is lost, count it
                DELIVERIES.labels("dropped").inc()
                log.exception("webhook fan-out failed")
            finally:
                self._fanning = False

    def _endpoint(self, org_id: str, endpoint_id: str, url: str, secret: str) -> _Endpoint:
        endpoint = self._endpoints.get(endpoint_id)
        if endpoint is None:
            endpoint = self._endpoints[endpoint_id] = _Endpoint(org_id, endpoint_id, url, secret)
            endpoint.task = asyncio.get_running_loop().create_task(
                self._deliver_all(endpoint), context=contextvars.Context()
            )
        endpoint.url, endpoint.secret = url, secret
        return endpoint

    def _enqueue(self, endpoint: _Endpoint, body: bytes) -> None:
        if len(endpoint.queue) >= self.settings.webhook_queue_size:
            endpoint.queue.popleft()
            QUEUED.dec()
            DELIVERIES.labels("dropped").inc()
        endpoint.queue.append(_Pending(body, time.monotonic()))
        QUEUED.inc()
        endpoint.wake.set()

    async def _deliver_all(self, endpoint: _Endpoint) -> None:
        while True:
            await endpoint.wake.wait()
            endpoint.wake.clear()
            while endpoint.queue:
                pending = endpoint.queue[0]
                try:
                    await self._deliver(endpoint, pending)
                except Exception:  # a bug must not end the endpoint's deliveries for good
                    DELIVERIES.labels("failed").inc()
                    log.exception("webhook delivery failed")
                if endpoint.queue and endpoint.queue[0] is pending:
                    endpoint.queue.popleft()
                    QUEUED.dec()

    async def _refresh(self, endpoint: _Endpoint) -> bool:
        """Take the endpoint's URL and secret as stored now: a ``PUT`` may have changed the
        URL or rotated the secret since its events were queued (the receiver then verifies
        with the new secret only). False when the endpoint was deleted: its queued events
        are dropped, none is sent any more. A store that cannot answer now leaves the
        endpoint as it was."""
        try:
            hook = await self.store.accounts.webhook(endpoint.org_id, endpoint.endpoint_id)
        except Exception:
            log.warning("webhook endpoint not read again: the store is unavailable",
                        exc_info=True)
            return True
        if hook is None or hook.secret is None:
            dropped = len(endpoint.queue)
            endpoint.queue.clear()
            QUEUED.dec(dropped)
            DELIVERIES.labels("dropped").inc(dropped)
            log.info("webhook endpoint deleted: %d queued events dropped", dropped)
            return False
        endpoint.url, endpoint.secret = hook.url, hook.secret
        return True

    async def _deliver(self, endpoint: _Endpoint, pending: _Pending) -> None:
        s = self.settings
        for attempt in range(1, s.webhook_max_attempts + 1):
            if not await self._refresh(endpoint):
                return
            signature = signature_header(endpoint.secret, pending.body, int(time.time()))
            headers = dict.fromkeys(SIGNATURE_HEADERS, signature)
            try:
                status = await post(endpoint.url, pending.body, headers,
                                    timeout=s.webhook_timeout, tls=self.tls(),
                                    allowed_private=self.allowed_private)
            except WebhookUrlRefused as exc:
                DELIVERIES.labels("refused").inc()
                endpoint.refused += 1
                now = time.monotonic()
                if now - endpoint.refusal_logged >= REFUSAL_LOG_INTERVAL_S:
                    log.warning("webhook refused: %s (%d event(s) since the last such line; "
                                "at most one a minute per endpoint)", exc, endpoint.refused)
                    endpoint.refused, endpoint.refusal_logged = 0, now
                return
            except DeliveryFailed as exc:
                status, reason = 0, str(exc)
            else:
                reason = f"HTTP {status}"
            if 200 <= status < 300:
                DELIVERIES.labels("delivered").inc()
                LATENCY.observe(time.monotonic() - pending.created)
                return
            if status and status < 500 and status not in RETRY_STATUSES:
                DELIVERIES.labels("rejected").inc()
                log.info("webhook rejected by the receiver: %s", reason)
                return
            if attempt == s.webhook_max_attempts:
                break
            DELIVERIES.labels("retried").inc()
            await asyncio.sleep(retry_delay(attempt, s.webhook_retry_base,
                                            s.webhook_retry_max_delay))
        DELIVERIES.labels("failed").inc()
        log.warning("webhook dropped after %d attempts", s.webhook_max_attempts)
