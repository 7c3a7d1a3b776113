"""The SFU seen from a signaling node when the SFU runs elsewhere (``fjord sfu``).

:class:`ClusterSfu` is the Redis implementation of :class:`sfu.control.SfuControl`, the
interface :class:`sfu.worker.SfuWorker` implements in process, so
:class:`sfu_control.local.LocalSfu` drives it unchanged and the result is a
:class:`signaling.media.MediaControl` over Redis (:func:`cluster_media`).

Each room is placed on a node through the registry (sticky, least loaded); requests travel
on the node's control channel and answers come back on this signaling node's channel
(:mod:`sfu_control.wire`), matched by request id. A watchdog notices nodes whose heartbeat
expired, or whose process was replaced (a worker restarted under the same node id has a new
epoch, see :mod:`cluster.registry`), and reports ``transport_closed(..., "node-lost")`` for
their participants; :class:`sfu_control.local.LocalSfu` then tells the clients
``media_lost`` and re-joins them, which places the room on a live node.

Redis going away is not a node loss: the reply channel is subscribed again when Redis is
back (:class:`cluster.registry.RedisLink`), and for one node TTL after Redis came back or lost
its data, a node missing from the registry is given time to heartbeat again instead of being
declared lost; a join in that window waits for the nodes to register.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from typing import Any

from prometheus_client import Counter
from redis.asyncio import Redis
from redis.exceptions import RedisError

from cluster.placement import NoCapacity
from cluster.registry import NodeRegistry, RedisLink, control_channel
from sfu import control
from sfu.control import SfuListener
from sfu.errors import SfuError
from sfu_control import wire
from sfu_control.local import LocalSfu
from signaling.rooms import RoomRegistry

log = logging.getLogger("fjord.remote_sfu")
LOST_ROOMS = Counter(
    "fjord_sfu_rooms_lost_total",
    "Rooms of this signaling node whose SFU node died (expired) or restarted (new epoch)",
    ["reason"],
)
for _reason in ("expired", "restarted"):
    LOST_ROOMS.labels(_reason)


class NodeUnavailable(SfuError):
    """The SFU node of the room does not answer (dead or unreachable)."""


class ClusterSfu:
    """Remote SFU workers behind the registry: an :class:`sfu.control.SfuControl`.

    :param node_id: this signaling node's id. Its reply channel is
        ``fjord:sig:<node_id>.<random>``, one per process: an SFU node leaves the
        participants of a process whose channel nobody listens on any more
        (:meth:`sfu_control.node.SfuNode.leave_orphans`), a restarted one included.
    :param timeout: seconds to wait for one answer.
    :param watch_interval: seconds between checks for dead nodes.
    """

    def __init__(self, redis: Redis, registry: NodeRegistry, node_id: str,
                 timeout: float = 5.0, watch_interval: float = 1.0) -> None:
        self.redis = redis
        self.registry = registry
        self.node_id = node_id
        self.channel = f"fjord:sig:{node_id}.{secrets.token_hex(3)}"
        self.timeout = timeout
        self.watch_interval = watch_interval
        self.listener: SfuListener | None = None
        self.rooms: dict[str, str] = {}
        "room id -> node id, for rooms with participants joined through this node."
        self.members: dict[str, set[str]] = {}
        self.epochs: dict[str, str | None] = {}
        "room id -> epoch of its node's process when the room was joined there."
        self.dropped_messages = 0
        self.link = RedisLink(redis, registry.ttl)
        self._waiting: dict[str, asyncio.Future[bytes]] = {}
        self._tasks: list[asyncio.Task[None]] = []

    @property
    def redis_ready(self) -> bool:
        """Redis answers and this node's reply channel is subscribed (for ``/readyz``)."""
        return self.link.ready

    async def start(self) -> None:
        await self.link.check()
        pubsub = await self.link.subscribe([self.channel])
        self._tasks = [asyncio.create_task(self.link.serve(pubsub, [self.channel],
                                                           self._receive)),
                       asyncio.create_task(self._watch())]

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        for future in self._waiting.values():
            future.cancel()

    # --- SfuWorker-like control API
    async def join(self, room_id: str, participant_id: str, last_n: int = 0) -> None:
        """Place the room (sticky) and join there (``last_n``: the room's setting).

        :raises SfuError: no capacity, node unavailable, or the worker's refusal.
        """
        node, moved = await self._place(room_id)
        if moved:
            log.info("room re-placed room=%s node=%s", room_id, node)
        if self.rooms.get(room_id) != node or room_id not in self.epochs:
            # read before the join: a restart after it shows as a changed epoch
            self.epochs[room_id] = (await self._registry(self.registry.epochs([node]))).get(node)
        self.rooms[room_id] = node
        self.members.setdefault(room_id, set()).add(participant_id)
        try:
            await self._call(node, control.JoinRequest(room_id, participant_id, last_n))
        except SfuError:
            self._forget(room_id, participant_id)
            raise

    async def publish(self, room_id: str, participant_id: str, offer_sdp: str) -> str:
        response = await self._call_room(room_id,
                                         control.PublishRequest(room_id, participant_id,
                                                                offer_sdp))
        return response.answer_sdp  # type: ignore[attr-defined]

    async def subscribe_offer(self, room_id: str, participant_id: str) -> str | None:
        response = await self._call_room(room_id,
                                         control.SubscribeOfferRequest(room_id, participant_id))
        return response.offer_sdp  # type: ignore[attr-defined]

    async def subscribe_answer(self, room_id: str, participant_id: str, answer_sdp: str) -> None:
        await self._call_room(room_id,
                              control.SubscribeAnswerRequest(room_id, participant_id, answer_sdp))

    async def pin(self, room_id: str, participant_id: str, pinned: tuple[str, ...]) -> None:
        await self._call_room(room_id, control.PinRequest(room_id, participant_id,
                                                          tuple(pinned)))

    async def set_viewport(self, room_id: str, participant_id: str,
                           streams: tuple[control.StreamViewport, ...]) -> None:
        await self._call_room(room_id, control.ViewportRequest(room_id, participant_id,
                                                               tuple(streams)))

    async def leave(self, room_id: str, participant_id: str) -> None:
        node = self.rooms.get(room_id)
        self._forget(room_id, participant_id)
        if node is not None:
            # Shielded: forgotten here already, so a leave cut off by a cancellation would
            # leave the participant (and its room) on the node.
            call = asyncio.ensure_future(
                self._call(node, control.LeaveRequest(room_id, participant_id)))
            call.add_done_callback(lambda f: f.cancelled() or f.exception())
            with contextlib.suppress(NodeUnavailable):  # a dead node forgot it already
                await asyncio.shield(call)

    async def _place(self, room_id: str) -> tuple[str, bool]:
        """Place the room; while nodes may still be re-registering after Redis came back,
        wait for one (polling) instead of refusing at once."""
        while True:
            try:
                return await self._registry(
                    self.registry.place_room(room_id, hint=self.rooms.get(room_id)))
            except NoCapacity as exc:
                if self.link.settled():
                    # Redis may have restarted empty since the last periodic check: look
                    # (one round trip) before refusing.
                    with contextlib.suppress(RedisError, OSError, TimeoutError):
                        await self.link.check()
                if self.link.settled():
                    raise SfuError(str(exc)) from None
            await asyncio.sleep(min(0.25, self.watch_interval))

    async def _registry(self, call: Any) -> Any:
        """Await a registry call; Redis unreachable is :class:`NodeUnavailable`."""
        try:
            result = await call
        except (RedisError, OSError) as exc:
            self.link.failed(exc)
            raise NodeUnavailable("SFU registry unreachable") from None
        self.link.answered()
        return result

    # --- transport
    async def _call_room(self, room_id: str, request: object) -> object:
        node = self.rooms.get(room_id)
        if node is None:
            raise SfuError("room is not joined through this signaling node")
        return await self._call(node, request)

    async def _call(self, node: str, request: object) -> object:
        request_id = secrets.token_hex(8)
        op = wire.OPS[type(request)]
        future: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._waiting[request_id] = future
        try:
            receivers = await self._registry(self.redis.publish(
                control_channel(node), wire.encode_request(request_id, self.channel, request)
            ))
            if receivers == 0:
                raise NodeUnavailable("SFU node unavailable")
            try:
                data = await asyncio.wait_for(future, self.timeout)
            except TimeoutError:
                raise NodeUnavailable("SFU node did not answer in time") from None
        finally:
            self._waiting.pop(request_id, None)
        try:
            return wire.decode_response(data, op)[1]
        except wire.WireError as exc:
            raise SfuError(f"bad answer from the SFU node: {exc}") from None

    def _receive(self, data: bytes) -> None:
        request_id = wire.response_id(data)
        if request_id is not None:
            future = self._waiting.get(request_id)
            if future is not None and not future.done():
                future.set_result(data)
            return
        try:
            event = wire.decode_event(data)
        except wire.WireError:
            self.dropped_messages += 1
            return
        if self.listener is None:
            return
        room_id, participant_id = event.room_id, event.participant_id
        if event.event == "renegotiation_needed":
            self.listener.renegotiation_needed(room_id, participant_id)
        elif event.event == "active_speaker":
            self.listener.active_speaker(room_id, participant_id)
        elif event.event == "send_encodings":
            self.listener.send_encodings(room_id, participant_id, event.mid, event.encodings)
        elif event.event == "video_paused":
            self.listener.video_paused(room_id, participant_id, event.participant_ids,
                                       "bandwidth" if event.reason == "bandwidth"
                                       else "last_n")
        else:
            self.listener.transport_closed(room_id, participant_id, event.reason)

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self.watch_interval)
            try:
                await self.link.check()  # reachability (readiness) and data loss
                if not self.rooms:
                    continue
                before = {r: (n, self.epochs.get(r)) for r, n in self.rooms.items()}
                async with asyncio.timeout(self.link.timeout):
                    alive = {n.node_id for n in await self.registry.nodes()}
                    epochs = await self.registry.epochs(sorted({n for n, _ in before.values()}))
            except Exception as exc:  # Redis away: recorded (logged once), check again
                self.link.failed(exc)
                continue
            # Just after Redis came back (or lost its data), a node may not have heartbeated
            # again yet: absence is no verdict until one TTL has passed.
            settled = self.link.settled()
            for room_id, (node, epoch) in before.items():
                if (self.rooms.get(room_id), self.epochs.get(room_id)) != (node, epoch):
                    continue  # re-placed or ended while we asked
                if node not in alive:
                    if not settled:
                        continue
                    reason = "expired"
                elif epoch not in (None, epochs.get(node)):
                    reason = "restarted"
                else:
                    continue
                LOST_ROOMS.labels(reason).inc()
                log.warning("sfu node lost room=%s node=%s reason=%s", room_id, node, reason)
                for participant_id in list(self.members.get(room_id, ())):
                    self._forget(room_id, participant_id)
                    if self.listener is not None:
                        self.listener.transport_closed(room_id, participant_id, "node-lost")

    def _forget(self, room_id: str, participant_id: str) -> None:
        members = self.members.get(room_id)
        if members is not None:
            members.discard(participant_id)
            if not members:
                del self.members[room_id]
                self.rooms.pop(room_id, None)
                self.epochs.pop(room_id, None)


def cluster_media(cluster: ClusterSfu, rooms: RoomRegistry) -> LocalSfu:
    """The :class:`signaling.media.MediaControl` of a signaling node over ``cluster``
    (renegotiation and ``media_lost`` handling as for an in-process worker)."""
    return LocalSfu(cluster, rooms)
