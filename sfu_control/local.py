"""Group rooms on an SFU: signaling's media control over either SFU control adapter.

Implements :class:`signaling.media.MediaControl` over an :class:`sfu.control.SfuControl`:
the in-process :class:`sfu.worker.SfuWorker` (``fjord serve``), or
:class:`sfu_control.remote.ClusterSfu` for workers reached over Redis. It listens to the
SFU's events: when a participant's set of subscribed tracks changes, it
fetches a fresh subscribe offer and sends it as ``subscribe-offer``; offers to one
participant are sent one at a time (the next after the previous one is answered), with
changes in between coalesced into one offer. An answer the SFU refuses is followed by a
fresh offer; an answer while no offer awaits one is refused (``no_offer_pending``).

Media recovery (docs/signaling.md, "Media recovery"): when the SFU closes a participant's
transport, or the SFU node of the room is lost (``transport_closed(..., "node-lost")`` from
:class:`sfu_control.remote.ClusterSfu`), the participant gets ``error{code: "media_lost"}``
and is re-joined at once (leave, then join; on a cluster the join re-places the room on a
live node). The client tears down both transports and publishes again; the fresh
``subscribe-offer`` that follows the re-join sets up its new subscribe transport. A
``publish`` or ``subscribe-answer`` that arrives while the re-join runs waits for it. One the
client sent from a lost transport before ``media_lost`` reached it is recognized by that
transport's ICE ufrag (RFC 8839 5.4): a stale ``subscribe-answer`` is dropped, a stale
``publish`` refused (``MediaError``), so neither lands on the new transports.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from prometheus_client import Counter

from recording.bucket import s3_client
from recording.uploader import MultipartUploader
from sfu.control import MAX_VIEWPORTS, SfuControl, StreamViewport
from sfu.errors import SfuError
from sfu.recorder import RoomRecorder
from signaling.media import RECORDING_NOT_HERE, MediaError, NoOfferPending, Tile
from signaling.messages import active_speaker, send_encodings
from signaling.recording_settings import BucketDestination
from signaling.rooms import RoomRegistry

log = logging.getLogger("fjord.signaling.sfu")
ANSWER_TIMEOUT_S = 10.0
_UFRAG = re.compile(rb"^a=ice-ufrag:(\S{1,256})\r?$", re.MULTILINE)
REJOIN_ATTEMPTS = 3
REJOIN_RETRY_S = 1.0
REJOIN_BACKOFF_S = 2.0
"""Wait before the re-join after a second loss in a row; doubles with each further one."""
REJOIN_BACKOFF_MAX_S = 60.0
REJOIN_QUIET_S = 120.0
REFUSED_BACKOFF_S = 1.0
"""Wait before the offer that follows a second refused subscribe-answer in a row; doubles
with each further one, up to REFUSED_BACKOFF_MAX_S. A browser's answers are not refused, so
this only slows a client whose answers always are: each offer costs the SFU (about 10 ms
and 275 KB in a room of 200), and it could ask for one per answer."""
REFUSED_BACKOFF_MAX_S = 30.0
"""A loss this long after the previous one is a first loss again (re-joined at once)."""
MAX_TILES = 512
"""Tiles remembered per participant for a re-join (the SFU's bound, sfu/viewport.py):
past that the least recently described is forgotten."""

REJOINS = Counter(
    "fjord_signaling_media_rejoins_total",
    "Participants re-joined on the SFU after their media was lost, by outcome (ok, failed)",
    ["outcome"],
)
for _outcome in ("ok", "failed"):
    REJOINS.labels(_outcome)


@dataclass
class _Subscriber:
    """Renegotiation state of one participant's subscribe transport."""

    dirty: bool = False
    running: bool = False
    unanswered: int = 0
    """Offers sent and not yet answered (more than one after an answer timed out); an answer
    when none is refused with ``no_offer_pending``."""
    after_rejoin: bool = False
    """Made by a re-join and no offer sent yet: an answer now is the lost transport's (stale,
    dropped)."""
    answered: asyncio.Event = field(default_factory=asyncio.Event)
    refusals: int = 0
    """Answers refused in a row (0 again once one is taken): from the second on, the next
    offer waits (REFUSED_BACKOFF_S)."""


class LocalSfu:
    """MediaControl over an SFU (``worker``: in process or remote); also its SfuListener."""

    def __init__(self, worker: SfuControl, rooms: RoomRegistry) -> None:
        self.worker = worker
        self.rooms = rooms
        self._subscribers: dict[tuple[str, str], _Subscriber] = {}
        self._rejoins: dict[tuple[str, str], asyncio.Task[None]] = {}
        self._ufrags: dict[tuple[str, str], set[bytes]] = {}
        "ICE ufrags of the participant's current transports (from its publish / answer SDP)."
        self._stale: dict[tuple[str, str], set[bytes]] = {}
        "ICE ufrags of transports lost at the last re-join."
        self._losses: dict[tuple[str, str], tuple[int, float]] = {}
        "Losses in a row (each within REJOIN_QUIET_S of the previous) and the last one's time."
        self._backing_off: set[tuple[str, str]] = set()
        "Re-joins waiting out their backoff (safe to cancel: nothing sent to the SFU yet)."
        self._tasks: set[asyncio.Task[None]] = set()
        self._last_n: dict[tuple[str, str], int] = {}
        "The room's last-N each participant joined with (for a re-join)."
        self._pins: dict[tuple[str, str], tuple[str, ...]] = {}
        "Each participant's pins, set again after a re-join."
        self._tiles: dict[tuple[str, str], dict[str, Tile]] = {}
        "Each participant's tiles by stream id (``video-viewport``), set again after a re-join."
        self.stale_answers = 0
        worker.listener = self

    # --- RecordingMediaControl (issue 14)
    @property
    def records_here(self) -> bool:
        """The SFU worker runs in this process (not a cluster over Redis)."""
        return getattr(self.worker, "start_recording", None) is not None

    async def start_recording(self, room_name: str, destination: BucketDestination,
                              key: str, names: Callable[[str], str],
                              encrypt_to: str | None = None,
                              check_host: Callable[[str, int], str | None] | None = None,
                              ) -> RoomRecorder:
        """Record the room through the in-process SFU worker into ``key`` of the bucket.

        :raises MediaError: the SFU is not in this process (a cluster), or refused.
        """
        start = getattr(self.worker, "start_recording", None)
        if start is None:
            raise MediaError(RECORDING_NOT_HERE)
        d = destination
        uploader = MultipartUploader(
            s3_client(d.region, d.endpoint, d.access_key_id, d.access_key_secret,
                      check_host=check_host),
            d.bucket, key, content_type="application/octet-stream" if encrypt_to
            else "video/x-matroska", hold_head=True, early_head=not encrypt_to)
        try:
            return await start(room_name, uploader, names, encrypt_to=encrypt_to)
        except SfuError as exc:
            raise MediaError(str(exc)) from None

    # --- MediaControl
    async def join(self, room_name: str, participant_id: str, last_n: int = 0) -> None:
        self._last_n[(room_name, participant_id)] = last_n
        try:
            await self.worker.join(room_name, participant_id, last_n)
        except SfuError as exc:
            raise MediaError(str(exc)) from None
        self._subscribers[(room_name, participant_id)] = _Subscriber()
        self.renegotiation_needed(room_name, participant_id)

    async def publish(self, room_name: str, participant_id: str, offer_sdp: str) -> str:
        """:raises MediaError: refused by the SFU, or the offer of a lost transport."""
        await self._rejoined(room_name, participant_id)
        if not self._current((room_name, participant_id), offer_sdp):
            raise MediaError("publish offer of a lost media transport: ignored")
        try:
            return await self.worker.publish(room_name, participant_id, offer_sdp)
        except SfuError as exc:
            raise MediaError(str(exc)) from None

    async def subscribe_offer(self, room_name: str, participant_id: str) -> str | None:
        try:
            return await self.worker.subscribe_offer(room_name, participant_id)
        except SfuError as exc:
            raise MediaError(str(exc)) from None

    async def subscribe_answer(self, room_name: str, participant_id: str, answer_sdp: str) -> None:
        """Apply the answer to the subscribe offer sent last.

        An answer to an offer of a transport lost before a re-join is dropped and counted
        (``stale_answers``). A refused answer is followed by a fresh ``subscribe-offer``
        (docs/signaling.md, "Group rooms (SFU)"): the browser applied its answer already, so
        only a new offer gets both sides to one state again.

        :raises NoOfferPending: no offer awaits an answer (answered already, or none sent).
        :raises MediaError: the SFU refused the answer.
        """
        await self._rejoined(room_name, participant_id)
        key = (room_name, participant_id)
        state = self._subscribers.get(key)
        if (state is not None and state.after_rejoin) or not self._current(key, answer_sdp):
            # The answer to an offer of a transport lost before the re-join: drop it.
            self.stale_answers += 1
            return
        if state is None or not state.unanswered:
            raise NoOfferPending("subscribe-answer without a subscribe-offer awaiting one")
        state.unanswered -= 1
        try:
            await self.worker.subscribe_answer(room_name, participant_id, answer_sdp)
        except SfuError as exc:
            state.refusals += 1
            self.renegotiation_needed(room_name, participant_id)
            raise MediaError(str(exc)) from None
        else:
            state.refusals = 0
        finally:
            state.answered.set()

    async def pin(self, room_name: str, participant_id: str, pinned: tuple[str, ...]) -> None:
        await self._rejoined(room_name, participant_id)
        try:
            await self.worker.pin(room_name, participant_id, pinned)
        except SfuError as exc:
            raise MediaError(str(exc)) from None
        self._pins[(room_name, participant_id)] = tuple(pinned)

    async def set_viewport(self, room_name: str, participant_id: str,
                           tiles: tuple[Tile, ...]) -> None:
        await self._rejoined(room_name, participant_id)
        try:
            await self.worker.set_viewport(room_name, participant_id,
                                           tuple(StreamViewport(*t) for t in tiles))
        except SfuError as exc:
            raise MediaError(str(exc)) from None
        known = self._tiles.setdefault((room_name, participant_id), {})
        for tile in tiles:
            known.pop(tile[0], None)
            known[tile[0]] = tile
        while len(known) > MAX_TILES:
            del known[next(iter(known))]

    async def leave(self, room_name: str, participant_id: str) -> None:
        self._subscribers.pop((room_name, participant_id), None)
        self._ufrags.pop((room_name, participant_id), None)
        self._stale.pop((room_name, participant_id), None)
        self._losses.pop((room_name, participant_id), None)
        self._last_n.pop((room_name, participant_id), None)
        self._pins.pop((room_name, participant_id), None)
        self._tiles.pop((room_name, participant_id), None)
        rejoin = self._rejoins.get((room_name, participant_id))
        if rejoin is not None and (room_name, participant_id) in self._backing_off:
            rejoin.cancel()
        if rejoin is not None:
            # Not cancelled: a request cut in the middle could leave the participant on the
            # SFU. The participant has left the room, so the re-join stops at its next step.
            await asyncio.wait([rejoin])
        try:
            await self.worker.leave(room_name, participant_id)
        except SfuError as exc:
            raise MediaError(str(exc)) from None

    # --- SfuListener
    def renegotiation_needed(self, room_id: str, participant_id: str) -> None:
        state = self._subscribers.get((room_id, participant_id))
        if state is None:
            return
        state.dirty = True
        if not state.running:
            state.running = True
            task = asyncio.get_running_loop().create_task(
                self._renegotiate(room_id, participant_id, state)
            )
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    def active_speaker(self, room_id: str, participant_id: str) -> None:
        """Tell everyone in the room (on every signaling node) ``active-speaker``."""
        room = self.rooms.get(room_id)
        if room is not None and participant_id in room.participants:
            room.active_speaker = participant_id
            room.broadcast(active_speaker(participant_id))

    def send_encodings(self, room_id: str, participant_id: str, mid: str,
                       encodings: tuple[tuple[str, bool], ...]) -> None:
        """Tell the publisher, and only it, which encodings of its m-line ``mid`` to send
        (``send-encodings``)."""
        participant = self._participant(room_id, participant_id)
        if participant is not None:
            participant.conn.send(send_encodings(mid, encodings))

    def video_paused(self, room_id: str, participant_id: str,
                     publishers: tuple[str, ...], reason: str = "last_n") -> None:
        """Tell the participant ``video-paused``: last-N (``reason`` ``"last_n"``) or its
        downlink (``"bandwidth"``) holds back these cameras."""
        participant = self._participant(room_id, participant_id)
        if participant is not None:
            participant.conn.send({"type": "video-paused", "participantIds": list(publishers),
                                   "reason": reason})

    def transport_closed(self, room_id: str, participant_id: str, reason: str) -> None:
        """Tell the participant ``media_lost`` and re-join it (once per loss): at once after
        a first loss, after REJOIN_BACKOFF_S (doubling, at most REJOIN_BACKOFF_MAX_S) when
        it lost media again within REJOIN_QUIET_S of the previous loss."""
        key = (room_id, participant_id)
        participant = self._participant(room_id, participant_id)
        if participant is None or key not in self._subscribers or key in self._rejoins:
            return
        log.info("sfu transport closed room=%s reason=%s", room_id, reason)
        participant.conn.send(
            {"type": "error", "code": "media_lost", "message": f"media transport {reason}"}
        )
        loop = asyncio.get_running_loop()
        count, last = self._losses.get(key, (0, 0.0))
        count = count + 1 if count and loop.time() - last < REJOIN_QUIET_S else 1
        self._losses[key] = (count, loop.time())
        delay = 0.0 if count == 1 else min(REJOIN_BACKOFF_MAX_S,
                                           REJOIN_BACKOFF_S * 2 ** (count - 2))
        task = loop.create_task(self._rejoin(room_id, participant_id, delay))
        self._rejoins[key] = task
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # --- internals
    def _current(self, key: tuple[str, str], sdp: str) -> bool:
        """False when ``sdp`` comes from a transport lost at the last re-join; else
        remembers its ufrag as one of the participant's current transports."""
        found = _UFRAG.search(sdp.encode("utf-8", "replace"))
        if found is None:
            return True  # the SFU refuses it with a clear error
        ufrag = found.group(1)
        if ufrag in self._stale.get(key, ()):
            return False
        ufrags = self._ufrags.setdefault(key, set())
        if len(ufrags) < 8:
            ufrags.add(ufrag)
        return True

    async def _rejoined(self, room_id: str, participant_id: str) -> None:
        """Wait for a running re-join of the participant, if any."""
        task = self._rejoins.get((room_id, participant_id))
        if task is not None:
            await asyncio.wait([task])

    async def _rejoin(self, room_id: str, participant_id: str, delay: float) -> None:
        key = (room_id, participant_id)
        self._subscribers.pop(key, None)  # stop offering on the lost transport
        self._stale[key] = self._ufrags.pop(key, set())
        try:
            if delay:
                self._backing_off.add(key)
                try:
                    await asyncio.sleep(delay)
                finally:
                    self._backing_off.discard(key)
            with contextlib.suppress(Exception):  # a lost node forgot it already
                await self.worker.leave(room_id, participant_id)
            for attempt in range(REJOIN_ATTEMPTS):
                if self._participant(room_id, participant_id) is None:
                    return  # left meanwhile
                try:
                    await self.worker.join(room_id, participant_id,
                                           self._last_n.get(key, 0))
                except Exception as exc:  # SfuError, or Redis unreachable: retry
                    log.warning("re-join failed room=%s attempt=%d: %s", room_id, attempt + 1,
                                exc if isinstance(exc, SfuError) else type(exc).__name__)
                    await asyncio.sleep(REJOIN_RETRY_S)
                    continue
                if self._participant(room_id, participant_id) is None:
                    with contextlib.suppress(Exception):  # left while joining: undo
                        await self.worker.leave(room_id, participant_id)
                    return
                await self._restore(room_id, participant_id)
                REJOINS.labels("ok").inc()
                self._subscribers[key] = _Subscriber(after_rejoin=True)
                self.renegotiation_needed(room_id, participant_id)
                return
            REJOINS.labels("failed").inc()
            participant = self._participant(room_id, participant_id)
            if participant is not None:
                participant.conn.send({"type": "error", "code": "sfu_error",
                                       "message": "no media server available; rejoin later"})
        finally:
            if self._rejoins.get(key) is asyncio.current_task():
                del self._rejoins[key]

    async def _restore(self, room_id: str, participant_id: str) -> None:
        """After a re-join: the participant's pins and tiles again (the SFU forgot them
        with the leave), before its new consumers exist, so they start paused or capped."""
        key = (room_id, participant_id)
        with contextlib.suppress(SfuError):  # the next pin or video-viewport sets them
            if self._pins.get(key):
                await self.worker.pin(room_id, participant_id, self._pins[key])
            tiles = [StreamViewport(*t) for t in self._tiles.get(key, {}).values()]
            for start in range(0, len(tiles), MAX_VIEWPORTS):
                await self.worker.set_viewport(room_id, participant_id,
                                               tuple(tiles[start : start + MAX_VIEWPORTS]))

    def _participant(self, room_id: str, participant_id: str):  # noqa: ANN202
        room = self.rooms.get(room_id)
        return room.participants.get(participant_id) if room else None

    async def _renegotiate(self, room_id: str, participant_id: str, state: _Subscriber) -> None:
        try:
            while state.dirty and self._subscribers.get((room_id, participant_id)) is state:
                if state.refusals > 1:
                    await asyncio.sleep(min(REFUSED_BACKOFF_MAX_S,
                                            REFUSED_BACKOFF_S * 2 ** (state.refusals - 2)))
                    if self._subscribers.get((room_id, participant_id)) is not state:
                        break  # left meanwhile
                state.dirty = False
                offer = await self.subscribe_offer(room_id, participant_id)
                participant = self._participant(room_id, participant_id)
                if offer is None or participant is None:
                    continue
                state.answered.clear()
                state.unanswered += 1
                state.after_rejoin = False
                participant.conn.send({"type": "subscribe-offer", "sdp": offer})
                try:
                    await asyncio.wait_for(state.answered.wait(), ANSWER_TIMEOUT_S)
                except TimeoutError:
                    log.info("no subscribe-answer within %.0f s room=%s", ANSWER_TIMEOUT_S,
                             room_id)
        except MediaError as exc:
            log.warning("subscribe offer failed room=%s: %s", room_id, exc)
        finally:
            state.running = False
