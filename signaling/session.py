"""One client's signaling session, whatever carries it (WebSocket or HTTPS long-polling).

States: new (only ``join`` and ``ping``), knocking (a participant waiting at a locked room:
only ``leave`` and ``ping``), in the room (everything), gone (removed or the room ended).
The protocol is docs/signaling.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import secrets
from typing import Any

from prometheus_client import Counter

from keys.room_keys import RoomKeyError
from operability.ratelimit import MessageRateLimit, TokenBucket
from sfu.sdp.limits import MAX_SDP_LENGTH
from signaling import host_controls, precall_test
from signaling import messages as m
from signaling.avatars import AvatarRefused, check_avatar_url
from signaling.chat import ChatSender
from signaling.chat import delete as delete_chat
from signaling.context import MEETING_GRACE, SignalingContext
from signaling.media import MediaError
from signaling.reactions import ReactionSender
from signaling.room_model import Connection, Participant, Room
from signaling.room_policy import recording_type_told
from signaling.rooms import KnockLimit, RoomBusUnavailable, RoomEnded, RoomFull
from signaling.spotlight import spotlighted

log = logging.getLogger("fjord.signaling.session")

MESSAGES = Counter(
    "fjord_signaling_messages_total", "Signaling messages received, by type", ["type"]
)
VIEWPORTS_PER_SECOND = 5.0
"""``video-viewport`` messages allowed per second per participant (burst twice that; the
first one dropped in an episode is answered with ``rate_limited``, the others are dropped
silently). The web client sends at most two per 400 ms, with changes only."""
PUBLISHES_PER_SECOND = 1.0
"""``publish`` offers allowed per second per participant (burst twice that; the first one
dropped in an episode is answered with ``rate_limited``, the others are dropped silently).
Each is parsed and applied by the SFU, which costs far more than any other message: the web
client publishes when it joins, when it starts sharing its screen and after ``media_lost``."""
SCREEN_SHARES_PER_SECOND = 2.0
"""``screen-share`` messages allowed per second per participant (burst twice that; the
first one dropped in an episode is answered with ``rate_limited``). Each goes to everyone
in the room, whose pages add or drop a tile for it: at the connection's rate, one
participant made every page of a 200-participant room redraw 50 times a second, and the
server sent 10,000 messages a second."""
SPOTLIGHTS_PER_SECOND = 4.0
"""``spotlight`` messages allowed per second per host (burst twice that: a host spotlights
the room's four at once). Each goes to everyone in the room, whose pages lay their grid out
again, as :data:`SCREEN_SHARES_PER_SECOND` says."""
RELAY_CHARS_PER_SECOND = 65_536
"""Characters per second one participant may have relayed to one other (``offer``,
``answer``, ``candidate``, ``e2ee-key``), counted as :func:`relay_cost` counts them."""
RELAY_BURST_CHARS = MAX_SDP_LENGTH + 65_536
"""Burst of that budget: one offer of the largest size accepted, or about a hundred of the
10-20 KB a browser makes. Without it, one participant could queue megabytes a second for a
peer on a slow link until the server closed the peer as too slow (the peer's connection also
drops relayed messages past half its queue: signaling.ws.RELAYED_SHARE)."""
RELAY_MESSAGE_CHARS = 256
"""What a relayed message costs besides its SDP (its other fields, a candidate)."""


def relay_cost(out: dict[str, Any]) -> int:
    """Characters of budget a relayed message takes: its SDP as sent (whatever its JSON
    escaping adds, so that one offer of the largest size always fits the burst) plus
    :data:`RELAY_MESSAGE_CHARS`."""
    return len(out.get("sdp") or "") + RELAY_MESSAGE_CHARS


ERRORS = Counter("fjord_signaling_errors_total", "Signaling error replies, by code", ["code"])
HOST_ACTIONS = Counter(
    "fjord_signaling_host_actions_total", "Host actions, by type and outcome", ["type", "outcome"]
)


def _e2ee_refusal(end_to_end_encrypted: bool, has_key: bool) -> tuple[str, str] | None:
    """The error ``(code, message)`` for a join with (``has_key``) or without an
    ``e2eePublicKey`` into a room that is (or is not) end-to-end encrypted; None when they
    match."""
    if end_to_end_encrypted and not has_key:
        return ("e2ee_required", "this room is end-to-end encrypted: join from a browser "
                "that encrypts media (no e2eePublicKey given)")
    if not end_to_end_encrypted and has_key:
        # Fail closed: a page that expects end-to-end encryption must not send media the
        # SFU could read.
        return "e2ee_unavailable", "this room is not end-to-end encrypted"
    return None


class Session:
    """One client's signaling session: join (or knock), then relay (P2P) or SFU calls."""

    def __init__(self, ctx: SignalingContext, conn: Connection, room_name: str,
                 client: str) -> None:
        self.ctx = ctx
        self.conn = conn
        self.client = client
        "The client's address as per-client limits count it (``rate_limit_key``)."
        self._refusal_logged = False
        self.room_name = room_name
        self.room: Room | None = None
        self.me: Participant | None = None
        self.admitted = False
        self.rejoin_token: str | None = None
        """A participant's ``rejoinToken``, made at ``join`` and told in its ``joined``: kept
        for its return if the connection drops once in the room (not after ``leave``), so
        that a locked room takes it back without knocking."""
        self.left = False
        self.recording_type: str | None = None
        "The meeting's recording type (local, cloud) or None, read at join."
        self.recording_mode: tuple[str, str] | None = None
        "The meeting's recording ``(type, startTrigger)`` or None, read at join."
        self.chat = ChatSender()
        self.reactions = ReactionSender()
        self.viewports = MessageRateLimit(VIEWPORTS_PER_SECOND, flood_factor=None)
        self.publishes = MessageRateLimit(PUBLISHES_PER_SECOND, flood_factor=None)
        self.screen_shares = MessageRateLimit(SCREEN_SHARES_PER_SECOND, flood_factor=None)
        self.spotlight_changes = MessageRateLimit(SPOTLIGHTS_PER_SECOND, flood_factor=None)
        self._relay_budgets: dict[str, TokenBucket] = {}
        "Per recipient id, what may still be relayed to it (RELAY_CHARS_PER_SECOND)."
        self._tasks: set[asyncio.Task[Any]] = set()

    def error(self, code: str, message: str) -> None:
        ERRORS.labels(code).inc()
        self.conn.send(m.error(code, message))

    @property
    def joined(self) -> bool:
        """Whether ``join`` was accepted (in the room or knocking)."""
        return self.me is not None

    async def handle(self, msg: Any) -> bool:
        """Handle one parsed message; returns False when the session should end."""
        MESSAGES.labels(msg.type).inc()
        if isinstance(msg, m.Ping):
            self.conn.send({"type": "pong"})
            return True
        if isinstance(msg, m.Join):
            if self.me is not None:
                self.error("already_joined", "already joined")
                return True
            return await self.join(msg)
        if isinstance(msg, m.PrecallTest):
            if self.me is not None:
                self.error("already_joined", "precall-test is for before join")
            else:
                try:
                    self.conn.send(await precall_test.answer(self.ctx, self.client,
                                                             self.room_name))
                except m.ProtocolError as exc:
                    self.error(exc.code, exc.message)
            return True
        if self.me is None or self.room is None:
            self.error("not_joined", "send join first")
            return True
        if isinstance(msg, m.Leave):
            self.left = True
            return False
        if not self.admitted:
            self.error("not_joined", "waiting for a host to let you in")
            return True
        if self.me.id not in self.room.participants:
            return False  # removed, or the room ended: nothing more to do here
        try:
            await self.dispatch(msg)
        except m.ProtocolError as exc:
            self.error(exc.code, exc.message)
        return True

    async def dispatch(self, msg: Any) -> None:
        assert self.room is not None and self.me is not None
        if isinstance(msg, m.Offer | m.Answer | m.Candidate):
            self.relay(msg)
        elif isinstance(msg, m.Publish | m.SubscribeAnswer):
            await self.media(msg)
        elif isinstance(msg, m.Chat):
            self.chat.send(self.room, self.me, msg)
        elif isinstance(msg, m.ChatDelete):
            delete_chat(self.room, self.me, msg)
        elif isinstance(msg, m.Reaction):
            self.reactions.send(self.room, self.me, msg)
        elif isinstance(msg, m.E2eeKey | m.E2eeKeys):
            self.relay_e2ee_keys(msg)
        elif isinstance(msg, m.LocalRecording):
            await self.ctx.recording.local_command(self.room, self.me, msg.active)
        elif isinstance(msg, m.StartRecording | m.StopRecording):
            await self.ctx.recording.host_command(self.room, self.me,
                                                  isinstance(msg, m.StartRecording))
        elif isinstance(msg, m.Pin):
            await self.pin(msg)
        elif isinstance(msg, m.VideoViewport):
            await self.video_viewport(msg)
        elif isinstance(msg, m.ScreenShare):
            if self.me.role == "viewer":
                raise m.ProtocolError("forbidden", "viewers cannot share their screen")
            if self._within(self.screen_shares,
                            "too many screen-share messages; send at most 2 a second"):
                self.me.screen_sharing = msg.active
                self.room.broadcast({"type": "screen-share", "participantId": self.me.id,
                                     "active": msg.active}, exclude=self.me.id)
        else:
            if isinstance(msg, m.Spotlight) and self.me.role == "host" and not self._within(
                    self.spotlight_changes, "too many spotlight messages; send at most 4 a second"):
                return
            if isinstance(msg, m.EndMeeting) and self.me.role == "host":
                # Before the live room ends: a restart must not reopen the meeting.
                await self.ctx.store.meetings.mark_ended(self.room_name)
            elif isinstance(msg, m.Lock) and self.me.role == "host":
                # Before anyone is told: a room that empties must not open unlocked again.
                await self.ctx.store.meetings.set_locked(self.room_name, msg.locked)
            try:
                host_controls.apply(self.ctx.rooms, self.room, self.me, msg)
            except m.ProtocolError as exc:
                HOST_ACTIONS.labels(msg.type, exc.code).inc()
                if exc.code == "forbidden":
                    self._log_refusal("refused host action type=%s role=%s room=%s", msg.type,
                                      self.me.role, self.room_name)
                raise
            HOST_ACTIONS.labels(msg.type, "ok").inc()

    async def join(self, msg: m.Join) -> bool:
        if not self.ctx.joins.allow(self.client):
            self.error("rate_limited", "too many joins from this address; retry in a few "
                       "seconds")
            return True
        meeting = await self.ctx.store.meetings.by_room_name(self.room_name)
        if meeting is None:
            self.error("room_not_found", "no meeting with this room name")
            return False
        self.recording_mode = await self.ctx.store.recordings.recording_mode(meeting.meeting_id)
        self.recording_type = self.recording_mode[0] if self.recording_mode else None
        over = dt.datetime.now(dt.UTC) > meeting.end_date + MEETING_GRACE
        if meeting.ended_at is not None or over:
            self.error("meeting_ended", "this meeting has ended")
            return False
        role = "participant"
        if msg.roomKey:
            try:
                role = self.ctx.signer.verify(msg.roomKey, self.room_name).role
            except RoomKeyError as exc:
                self.error("invalid_room_key", str(exc))
                return False
        policy = await self.ctx.room_policy(meeting.organization_id)
        has_key = msg.e2eePublicKey is not None
        # Refused before anyone sees the join where this node knows how the room runs: it
        # has a copy of it, or it is the only node. A cluster's room may run elsewhere
        # under the policy it started with (cluster.room_claim), told by the claim below.
        if (self.ctx.rooms.bus is None or self.ctx.rooms.get(meeting.room_name)) and (
                refusal := _e2ee_refusal(self.ctx.end_to_end_encrypted(meeting, policy),
                                         has_key)) is not None:
            self.error(*refusal)
            return False
        avatar_url, avatar_refused = self._avatar(msg.avatarUrl)
        # made now: with several nodes the participant's entry in Redis holds its digest
        next_token = secrets.token_urlsafe(16) if role == "participant" else None
        try:
            room, me, admitted = await self.ctx.rooms.join_shared(
                meeting, msg.displayName, role, self.conn, policy,
                external_id=msg.externalId, metadata=msg.metadata,
                e2ee_public_key=msg.e2eePublicKey, client=self.client,
                rejoin_token=msg.rejoinToken, next_rejoin_token=next_token,
                avatar_url=avatar_url,
            )
        except RoomEnded:
            self.error("meeting_ended", "this meeting has ended")
            return False
        except KnockLimit:
            self.error("too_many_knocks", f"{self.ctx.rooms.max_knocks_per_address} people "
                       "from your address are already waiting to be let into this room; "
                       "try again once a host has answered them")
            return False
        except RoomFull:
            self.error("room_full", "this room is full")
            return False
        except RoomBusUnavailable:
            log.warning("room bus unavailable room=%s", self.room_name)
            self.error("unavailable", "signaling is temporarily unavailable; retry")
            return False
        if (refusal := _e2ee_refusal(room.end_to_end_encrypted, has_key)) is not None:
            # the room's policy on a cluster differs from the organization's now: the
            # others see a join and a leave
            self.ctx.rooms.leave(room, me.id)
            self.error(*refusal)
            return False
        self.recording_type = recording_type_told(
            self.recording_type, room.end_to_end_encrypted or room.topology == "p2p")
        self.room, self.me = room, me
        self.rejoin_token = next_token
        if avatar_refused is not None:  # joined all the same, without the avatar (Whereby)
            self.conn.send(m.warning("avatar_refused", "avatarUrl",
                                     f"avatarUrl not used: it {avatar_refused}"))
        if admitted:
            return await self.enter()
        me.on_admitted = self._admitted
        self.conn.send({"type": "knock-pending", "selfId": me.id})
        return True

    def _avatar(self, url: str | None) -> tuple[str | None, str | None]:
        """``(avatar URL as the room shows it, None)``, ``(None, the rule it breaks)``, or
        ``(None, None)`` without one. The URL is never logged: it may name the person."""
        if url is None:
            return None, None
        try:
            return check_avatar_url(url, self.ctx.settings.avatar_domains), None
        except AvatarRefused as exc:
            return None, str(exc)

    def _admitted(self) -> None:
        self._send_joined()
        task = asyncio.get_running_loop().create_task(self._join_media())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def enter(self) -> bool:
        """Send ``joined`` (and join the SFU in group rooms); False when that failed."""
        self._send_joined()
        return await self._join_media()

    def _send_joined(self) -> None:
        room, me = self.room, self.me
        assert room is not None and me is not None
        self.admitted = True
        others = [p.view() for p in room.participants.values() if p.id != me.id]
        relay = (self.ctx.settings.relay_only or room.policy.relay_only) and room.topology == "p2p"
        joined: dict[str, Any] = {
            "type": "joined",
            "protocolVersion": m.PROTOCOL_VERSION,
            "selfId": me.id,
            "role": me.role,
            "roomName": self.room_name,
            "topology": room.topology,
            "participants": others,
            "iceServers": self.ctx.ice_servers_for(me.id),
            "iceTransportPolicy": "relay" if relay else "all",
            "locked": room.locked,
            "chatEnabled": room.policy.chat_enabled,
            "endToEndEncryption": room.end_to_end_encrypted,
            "recording": self.ctx.recording.is_recording(room.name),
            "recordingType": self.recording_type,
            "recordingPrompt": self.ctx.recording.claim_prompt(room, me, self.recording_mode),
            "activeSpeaker": (room.active_speaker if room.active_speaker in room.participants
                              else None),
            "spotlights": spotlighted(room),
        }
        if me.role == "host":
            joined["knocks"] = room.knocks()
        if me.role == "participant":
            joined["rejoinToken"] = self.rejoin_token
        self.conn.send(joined)

    async def _join_media(self) -> bool:
        room, me = self.room, self.me
        assert room is not None and me is not None
        if room.topology == "sfu" and self.ctx.media is not None:
            try:
                await self.ctx.media.join(self.room_name, me.id, room.meeting.last_n)
            except MediaError as exc:
                self.error("sfu_error", str(exc))
                self.conn.close(1011, "media unavailable")
                return False
        return True

    def relay(self, msg: m.Offer | m.Answer | m.Candidate) -> None:
        assert self.room is not None and self.me is not None
        if self.room.topology != "p2p":
            raise m.ProtocolError("wrong_topology",
                                  f"{msg.type} is only used in peer-to-peer rooms (topology p2p)")
        peer = self.room.participants.get(msg.to)
        if peer is None and self._departed(msg.to):
            return  # sent before the sender saw participant-left: nobody to tell
        if peer is None or peer.id == self.me.id:
            raise m.ProtocolError("unknown_peer", "no such participant in this room")
        out = msg.model_dump(exclude={"to"}, exclude_none=False)
        out["from"] = self.me.id
        self._spend_relay_budget(peer.id, out)
        peer.conn.send(out)

    def relay_e2ee_keys(self, msg: m.E2eeKey | m.E2eeKeys) -> None:
        """Pass wrapped frame keys to their recipients, unopened (docs/e2ee.md): an
        ``e2ee-key`` to each recipient of an ``e2ee-key`` (one) or of an ``e2ee-keys`` (a
        rotation's, for everyone). Their content is never logged: it is ciphertext, but the
        rule is to log no key material at all.

        Raises:
            ProtocolError: ``e2ee_off`` (not an end-to-end encrypted room), ``forbidden``
                (viewers send no media, so no keys), ``unknown_peer`` (nothing relayed),
                ``rate_limited`` (not relayed to a recipient over its budget; the others
                got theirs).
        """
        assert self.room is not None and self.me is not None
        if not self.room.end_to_end_encrypted:
            raise m.ProtocolError("e2ee_off", "this room is not end-to-end encrypted")
        if self.me.role == "viewer":
            raise m.ProtocolError("forbidden", "viewers send no media, so no frame keys")
        sealed = {msg.to: msg.sealed} if isinstance(msg, m.E2eeKey) else msg.keys
        recipients = []
        for to, blob in sealed.items():
            peer = self.room.participants.get(to)
            if peer is None and self._departed(to):
                continue  # sent before the sender saw participant-left: nobody to tell
            if peer is None or peer.id == self.me.id:  # ids are [A-Za-z0-9_-]: safe to echo
                raise m.ProtocolError("unknown_peer", f"{to} is no other participant in this "
                                      "room (nothing was relayed)")
            recipients.append((peer, blob))
        refused = None
        for peer, blob in recipients:
            out = {"type": "e2ee-key", "from": self.me.id, "keyId": msg.keyId, "sealed": blob}
            try:
                self._spend_relay_budget(peer.id, out)
            except m.ProtocolError as exc:
                refused = exc
                continue
            peer.conn.send(out)
        if refused is not None:
            raise refused

    def _spend_relay_budget(self, peer_id: str, out: dict[str, Any]) -> None:
        """Take ``out``'s size from what may be relayed to ``peer_id``.

        Raises:
            ProtocolError: ``rate_limited``: over the budget; ``out`` is not relayed.
        """
        assert self.room is not None
        budget = self._relay_budgets.get(peer_id)
        if budget is None:
            if len(self._relay_budgets) >= 2 * len(self.room.participants):
                # Forget those who left, so a long session in a busy room stays bounded.
                self._relay_budgets = {pid: bucket for pid, bucket in self._relay_budgets.items()
                                       if pid in self.room.participants}
            budget = self._relay_budgets[peer_id] = TokenBucket(RELAY_CHARS_PER_SECOND,
                                                                RELAY_BURST_CHARS)
        if not budget.allow(relay_cost(out)):
            raise m.ProtocolError(
                "rate_limited", f"{out['type']} not relayed: messages to one participant are "
                f"limited to {RELAY_CHARS_PER_SECOND // 1024} KiB per second; retry later")

    async def media(self, msg: m.Publish | m.SubscribeAnswer) -> None:
        assert self.room is not None and self.me is not None
        if self.room.topology != "sfu":
            raise m.ProtocolError("wrong_topology",
                                  f"{msg.type} is only used in rooms on the SFU (topology sfu)")
        if isinstance(msg, m.Publish) and self.me.role == "viewer":
            self._log_refusal("refused publish from a viewer room=%s", self.room_name)
            raise m.ProtocolError("forbidden", "viewers cannot publish")
        if self.ctx.media is None:
            raise m.ProtocolError("sfu_error", "no media server available")
        if isinstance(msg, m.Publish) and not self._within(
                self.publishes, "too many publish messages; publish at most once a second"):
            return
        try:
            if isinstance(msg, m.Publish):
                answer = await self.ctx.media.publish(self.room_name, self.me.id, msg.sdp)
                self.conn.send({"type": "publish-answer", "sdp": answer})
            else:
                await self.ctx.media.subscribe_answer(self.room_name, self.me.id, msg.sdp)
        except MediaError as exc:
            raise m.ProtocolError(exc.code, str(exc)) from None

    async def pin(self, msg: m.Pin) -> None:
        """Group rooms: the sender's pinned cameras (last-N, docs/signaling.md).

        Raises:
            ProtocolError: ``wrong_topology`` (a normal room), ``unknown_peer`` (an id that is
                not another publishing participant of the room: the sender itself, a viewer,
                the recorder, someone who left), ``sfu_error``.
        """
        self._check_publishers("pin", msg.participantIds)
        assert self.ctx.media is not None and self.me is not None
        try:
            # Repeats collapse: pinning someone twice pins them once.
            await self.ctx.media.pin(self.room_name, self.me.id,
                                     tuple(dict.fromkeys(msg.participantIds)))
        except MediaError as exc:
            raise m.ProtocolError("sfu_error", str(exc)) from None

    async def video_viewport(self, msg: m.VideoViewport) -> None:
        """Group rooms: how the sender shows received video (adaptive stream,
        docs/signaling.md).

        Tiles of a participant who has left are skipped: the client sent them before it
        saw ``participant-left`` (its next message no longer names them).

        Raises:
            ProtocolError: ``rate_limited`` (more than VIEWPORTS_PER_SECOND), the errors of
                :meth:`pin` for the participant part of a ``streamId``.
        """
        streams = [tile for tile in msg.streams
                   if not self._departed(tile.streamId.split(".", 1)[0])]
        self._check_publishers("video-viewport",
                               [tile.streamId.split(".", 1)[0] for tile in streams])
        if not streams:
            return
        assert self.ctx.media is not None and self.me is not None
        if not self._within(self.viewports, "too many video-viewport messages; send changes "
                            "at most every 200 ms"):
            return
        try:
            await self.ctx.media.set_viewport(
                self.room_name, self.me.id,
                tuple((t.streamId, t.visible, t.width, t.height) for t in streams))
        except MediaError as exc:
            raise m.ProtocolError("sfu_error", str(exc)) from None

    def _log_refusal(self, text: str, *args: object) -> None:
        """Log an action refused to this participant's role: at WARNING the first time in this
        session, at DEBUG after that. A client repeating it at its message rate (50 a second
        on each of its connections) wrote as many warning lines and filled the logs;
        ``fjord_signaling_errors_total{code="forbidden"}`` counts every one."""
        log.log(logging.DEBUG if self._refusal_logged else logging.WARNING, text, *args)
        self._refusal_logged = True

    @staticmethod
    def _within(limit: MessageRateLimit, refusal: str) -> bool:
        """Whether one more message of a kind passes its own ``limit``. The first one dropped
        in an episode is answered, as for the connection's limit.

        Raises:
            ProtocolError: ``rate_limited`` with ``refusal``, for the first drop of an episode.
        """
        verdict = limit.check()
        if verdict == "notify":
            raise m.ProtocolError("rate_limited", refusal)
        return verdict != "drop"

    def _departed(self, participant_id: str) -> bool:
        """Whether ``participant_id`` was in the room and has left (:attr:`Room.departed`):
        a message naming them crossed ``participant-left`` on the way, and is no error."""
        assert self.room is not None
        return (participant_id not in self.room.participants
                and participant_id in self.room.departed)

    def _check_publishers(self, kind: str, participant_ids: list[str]) -> None:
        """A group room with an SFU, and every id another participant of it that may send
        video. Raises ProtocolError ``wrong_topology``, ``unknown_peer`` or ``sfu_error``."""
        assert self.room is not None and self.me is not None
        if self.room.topology != "sfu":
            raise m.ProtocolError("wrong_topology",
                                  f"{kind} is only used in rooms on the SFU (topology sfu)")
        for participant_id in participant_ids:
            peer = self.room.participants.get(participant_id)
            if peer is None or peer.id == self.me.id or peer.role in ("viewer", "recorder"):
                raise m.ProtocolError(
                    "unknown_peer", f"{participant_id} is not another participant sending "
                    "video in this room")
        if self.ctx.media is None:
            raise m.ProtocolError("sfu_error", "no media server available")

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self.room is not None and self.me is not None:
            # dropped once let in (a knocker keeps none): not left, removed, ended
            if (self.admitted and self.rejoin_token is not None and not self.left
                    and self.me.id in self.room.participants):
                self.ctx.rooms.keep_readmission(self.room, self.rejoin_token)
            self.ctx.rooms.leave(self.room, self.me.id)
            if self.admitted and self.room.topology == "sfu" and self.ctx.media is not None:
                with contextlib.suppress(MediaError):
                    await self.ctx.media.leave(self.room_name, self.me.id)
            self.me = None
