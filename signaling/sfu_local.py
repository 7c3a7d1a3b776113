"""Group rooms on an SFU worker in this process (``fjord serve``).

Implements :class:`signaling.media.MediaControl` over :class:`sfu.worker.SfuWorker` and
listens to the worker's events: when a participant's set of subscribed tracks changes, it
fetches a fresh subscribe offer and sends it as ``subscribe-offer``; offers to one
participant are sent one at a time (the next after the previous one is answered), with
changes in between coalesced into one offer.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from sfu.errors import SfuError
from sfu.worker import SfuWorker
from signaling.media import MediaError
from signaling.rooms import RoomRegistry

log = logging.getLogger("fjord.signaling.sfu")
ANSWER_TIMEOUT_S = 10.0


@dataclass
class _Subscriber:
    """Renegotiation state of one participant's subscribe transport."""

    dirty: bool = False
    running: bool = False
    answered: asyncio.Event = field(default_factory=asyncio.Event)


class LocalSfu:
    """MediaControl for an in-process worker; also the worker's SfuListener."""

    def __init__(self, worker: SfuWorker, rooms: RoomRegistry) -> None:
        self.worker = worker
        self.rooms = rooms
        self._subscribers: dict[tuple[str, str], _Subscriber] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        worker.listener = self

    # --- MediaControl
    async def join(self, room_name: str, participant_id: str) -> None:
        try:
            await self.worker.join(room_name, participant_id)
        except SfuError as exc:
            raise MediaError(str(exc)) from None
        self._subscribers[(room_name, participant_id)] = _Subscriber()
        self.renegotiation_needed(room_name, participant_id)

    async def publish(self, room_name: str, participant_id: str, offer_sdp: str) -> str:
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
        try:
            await self.worker.subscribe_answer(room_name, participant_id, answer_sdp)
        except SfuError as exc:
            raise MediaError(str(exc)) from None
        finally:
            state = self._subscribers.get((room_name, participant_id))
            if state is not None:
                state.answered.set()

    async def leave(self, room_name: str, participant_id: str) -> None:
        self._subscribers.pop((room_name, participant_id), None)
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

    def transport_closed(self, room_id: str, participant_id: str, reason: str) -> None:
        participant = self._participant(room_id, participant_id)
        if participant is not None:
            log.info("sfu transport closed room=%s reason=%s", room_id, reason)
            participant.conn.send(
                {"type": "error", "code": "media_lost", "message": f"media transport {reason}"}
            )

    # --- internals
    def _participant(self, room_id: str, participant_id: str):  # noqa: ANN202
        room = self.rooms.get(room_id)
        return room.participants.get(participant_id) if room else None

    async def _renegotiate(self, room_id: str, participant_id: str, state: _Subscriber) -> None:
        try:
            while state.dirty and self._subscribers.get((room_id, participant_id)) is state:
                state.dirty = False
                offer = await self.subscribe_offer(room_id, participant_id)
                participant = self._participant(room_id, participant_id)
                if offer is None or participant is None:
                    continue
                state.answered.clear()
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
