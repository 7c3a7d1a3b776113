"""What the signaling app needs, wired once by the composition root (fjord.serve)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol

from prometheus_client.registry import CollectorRegistry

from keys.room_keys import RoomKeySigner
from operability.ratelimit import KeyedRateLimiter
from signaling.ice import ice_servers, turns_host
from signaling.insights_recorder import InsightsRecorder
from signaling.media import MediaControl
from signaling.meeting_store import MeetingRecord
from signaling.recording_control import RecordingControl
from signaling.room_policy import RoomPolicy, end_to_end_encrypted, topology
from signaling.rooms import RoomRegistry
from signaling.store import Store
from signaling.webhooks import WebhookDispatcher, WebhookSettings

MEETING_GRACE = dt.timedelta(hours=1)
"""A meeting stays joinable this long after its endDate (room keys expire then too)."""
JOIN_BURST_SECONDS = 5.0
"""Seconds' worth of ``ws_joins_per_second`` one client address may join at once (a class
behind one NAT address starting together)."""


class SignalingSettings(WebhookSettings, Protocol):
    """The settings the signaling app reads: :class:`fjord.settings.Settings` has them (the
    command sits above this package, so signaling names only what it uses)."""

    relay_only: bool
    "Server-wide relay-only ICE for P2P rooms."
    max_group_viewers: int
    "Viewers per group room."
    ws_max_message_bytes: int
    "Largest signaling message accepted, bytes."
    ws_messages_per_second: float
    "Sustained signaling messages per connection per second."
    ws_joins_per_second: float
    """Sustained ``join`` messages per client address per second. Each join is announced to
    everyone in the room, to webhooks and to insights: joining and leaving in a loop from many
    connections flooded them all."""
    turn_credential_ttl: int
    "Lifetime of TURN REST credentials, seconds."
    turn_host: str | None
    "Host name or IP of the TURN relay for clients; None: :attr:`client_facing_ip`."
    turn_udp_port: int
    turn_tcp_port: int
    turn_tls_port: int
    recording_bucket: str | None
    "The operator's bucket (``bucket[/prefix]``) for recordings with provider whereby."
    recording_region: str
    recording_endpoint: str | None
    recording_allowed_private_ips: list[str]
    "Private/loopback addresses a meeting's S3 endpoint may name."
    avatar_domains: list[str]
    """``host`` or ``host:port`` an ``avatarUrl`` may name (signaling.avatars); the room
    page's CSP lets images load from them. Empty: avatars are refused."""

    @property
    def base_url(self) -> str:
        """Base of room URLs, without a trailing slash."""

    @property
    def client_facing_ip(self) -> str:
        """Address TURN and the SFU advertise to clients."""


@dataclass
class SignalingContext:
    settings: SignalingSettings
    store: Store
    signer: RoomKeySigner
    turn_secrets: list[bytes]
    """Accepted TURN REST secrets, current first."""
    rooms: RoomRegistry
    media: MediaControl | None = None
    """The SFU control for group rooms; None when no SFU is reachable."""
    webhooks: WebhookDispatcher | None = None
    """Delivers the rooms' life-cycle events; made (and subscribed) when not given."""
    insights: InsightsRecorder | None = None
    """Records room sessions for the insights API; made (and subscribed) when not given."""
    metrics: CollectorRegistry | None = None
    """What ``/metrics`` exports: the families of the roles this process runs (the
    composition root filters them); None: the whole process-wide registry."""
    joins: KeyedRateLimiter = field(init=False)
    """Joins per client address (``ws_joins_per_second``)."""

    def __post_init__(self) -> None:
        rate = self.settings.ws_joins_per_second
        self.joins = KeyedRateLimiter(rate, max(1.0, JOIN_BURST_SECONDS * rate))
        self.rooms.max_viewers = self.settings.max_group_viewers
        if self.webhooks is None:
            self.webhooks = WebhookDispatcher(self.settings, self.store)
            self.rooms.observers.append(self.webhooks)
        self.recording = RecordingControl(self)
        "Starts and stops the cloud recordings of this node's group rooms (issue 14)."
        self.rooms.observers.append(self.recording)
        if self.insights is None:
            self.insights = InsightsRecorder(self.store.insights)
            self.rooms.observers.append(self.insights)
            self.rooms.ended_elsewhere.append(self.insights.ended_elsewhere)
            self.rooms.unseen_stays.append(self.insights.unseen_stay)

    async def room_policy(self, org_id: str) -> RoomPolicy:
        """The organization's privacy settings as live rooms apply them."""
        privacy = await self.store.accounts.privacy(org_id)
        return RoomPolicy(
            redact_display_names=privacy.redact_display_names,
            chat_enabled=not privacy.chat_disabled,
            relay_only=privacy.relay_only,
            end_to_end_encryption=privacy.end_to_end_encryption,
        )

    async def running_policies(self, meetings: list[MeetingRecord], org_policy: RoomPolicy
                               ) -> dict[str, RoomPolicy]:
        """The policy each of ``meetings``' rooms applies, by room name: a running room's
        own (this node's copy, or on a cluster the one it started with on another node,
        :mod:`cluster.room_claim`), else ``org_policy`` (the organization's, as
        :meth:`room_policy` reads it: what a room starting now gets). So that a room page
        or the meetings API tell a room's end-to-end encryption as the room runs, through
        whichever node serves them."""
        out = {m.room_name: org_policy for m in meetings}
        elsewhere = []
        for meeting in meetings:
            live = self.rooms.get(meeting.room_name)
            if live is not None:
                out[meeting.room_name] = live.policy
            else:
                elsewhere.append(meeting.room_name)
        if elsewhere and self.rooms.bus is not None:
            out.update(await self.rooms.bus.running_policies(elsewhere))
        return out

    async def running_policy(self, meeting: MeetingRecord) -> RoomPolicy:
        """:meth:`running_policies` of one meeting."""
        org_policy = await self.room_policy(meeting.organization_id)
        return (await self.running_policies([meeting], org_policy))[meeting.room_name]

    def end_to_end_encrypted(self, meeting: MeetingRecord, policy: RoomPolicy) -> bool:
        """Whether ``meeting``'s room is end-to-end encrypted: the live room's word while it
        runs (a setting changed mid-meeting applies to its next session), else the meeting's
        option and the organization's ``policy``."""
        live = self.rooms.get(meeting.room_name)
        return live.end_to_end_encrypted if live else end_to_end_encrypted(meeting, policy)

    def topology(self, meeting: MeetingRecord, policy: RoomPolicy) -> str:
        """How ``meeting``'s room carries media (``p2p`` or ``sfu``): the live room's word
        while it runs, else as a room starting under ``policy`` would
        (:func:`signaling.room_policy.topology`)."""
        live = self.rooms.get(meeting.room_name)
        return live.topology if live else topology(meeting, policy)

    def ice_servers_for(self, participant_id: str,
                        ttl_s: int | None = None) -> list[dict[str, Any]]:
        """The ``iceServers`` for ``participant_id``, valid ``ttl_s`` seconds (default:
        ``turn_credential_ttl``)."""
        s = self.settings
        return ice_servers(
            secret=self.turn_secrets[0],
            participant_id=participant_id,
            ttl_s=s.turn_credential_ttl if ttl_s is None else ttl_s,
            turn_host=s.turn_host or s.client_facing_ip,
            tls_host=turns_host(s.turn_host, _host_of(s.base_url)),
            udp_port=s.turn_udp_port,
            tcp_port=s.turn_tcp_port,
            tls_port=s.turn_tls_port,
        )


def _host_of(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or "localhost"
