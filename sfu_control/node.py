"""One SFU node: an :class:`sfu.worker.SfuWorker` driven over Redis.

It heartbeats its load into the registry (:mod:`cluster.registry`), takes control requests on
its pub/sub channel (:func:`cluster.registry.control_channel`), answers each on the requester's
channel (:mod:`sfu_control.wire`), and sends the worker's upward events to the signaling node
that joined the participant, and leaves the participants of a signaling process that died
(:meth:`SfuNode.leave_orphans`). Requests run concurrently; one participant's requests arrive in
order because its signaling node awaits each answer before the next.

When Redis goes away the worker keeps forwarding media; the control channel is subscribed
again when Redis is back (:class:`cluster.registry.RedisLink`), and the node heartbeats only
while it is subscribed, so it is never placed rooms it cannot hear about. If Redis lost its
data, the node places its live rooms on itself again (and its drain flag). If another process
took the node id (this one stalled past the TTL), the node stops heartbeating and sets
:attr:`SfuNode.displaced`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from redis.asyncio import Redis

from cluster.placement import NodeLoad
from cluster.registry import (
    NodeRegistry,
    RedisLink,
    control_channel,
    describe_holder,
    new_epoch,
)
from sfu import control
from sfu.worker import SfuWorker
from sfu_control import wire

log = logging.getLogger("fjord.sfu_node")
EVENT_QUEUE = 4096


class SfuNode:
    """Serves ``worker`` as node ``node_id`` (its listener is set to this object).

    :param capacity: participants before placement skips the node.
    :param interval: seconds between heartbeats.
    :param epoch: this process's epoch (:func:`cluster.registry.new_epoch`), claimed for the
        node id by the supervisor; a fresh one by default.
    """

    def __init__(self, worker: SfuWorker, redis: Redis, registry: NodeRegistry, node_id: str,
                 capacity: int, interval: float, epoch: str | None = None) -> None:
        self.worker = worker
        self.redis = redis
        self.registry = registry
        self.node_id = node_id
        self.capacity = capacity
        self.interval = interval
        self.draining = False
        self.epoch = epoch or new_epoch()
        "This process's token in the registry: a restart under the same id changes it."
        self.link = RedisLink(redis, registry.ttl)
        self.displaced = asyncio.Event()
        "Set when another process holds the node id: this one must stop."
        self.dropped_messages = 0
        self._owners: dict[tuple[str, str], str] = {}
        "(room, participant) -> the reply channel of the signaling process that joined it."
        self._unheard: dict[str, float] = {}
        "Owner channels nobody listened on at the last check -> since (monotonic s)."
        self._events: asyncio.Queue[tuple[str, bytes]] = asyncio.Queue(EVENT_QUEUE)
        self._tasks: set[asyncio.Task[None]] = set()
        self._running: list[asyncio.Task[None]] = []
        self._last = (time.monotonic(), time.process_time(), 0)
        worker.listener = self

    # --- lifecycle
    @property
    def redis_ready(self) -> bool:
        """Redis answers and the control channel is subscribed (for ``/readyz``)."""
        return self.link.ready

    async def start(self) -> None:
        """Serve the control channel and register (first heartbeat)."""
        channels = [control_channel(self.node_id)]
        pubsub = await self.link.subscribe(channels)
        self._running = [asyncio.create_task(self.link.serve(pubsub, channels, self._serve))]
        await self.heartbeat()
        self._running += [
            asyncio.create_task(self._heartbeats()),
            asyncio.create_task(self._send_events()),
        ]

    async def close(self) -> None:
        """Stop serving and leave the registry at once."""
        for task in self._running + list(self._tasks):
            task.cancel()
        for task in self._running:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        with contextlib.suppress(Exception):
            await self.registry.remove(self.node_id, self.epoch)

    # --- load
    def load(self) -> NodeLoad:
        """The load reported in the next heartbeat (CPU and egress over the last interval)."""
        now, cpu_now, packets = time.monotonic(), time.process_time(), \
            self.worker.forwarded_packets
        then, cpu_then, packets_then = self._last
        elapsed = max(now - then, 1e-3)
        self._last = (now, cpu_now, packets)
        ip, port = self.worker.announced
        return NodeLoad(
            node_id=self.node_id,
            rooms=len(self.worker.rooms),
            participants=sum(len(r.participants) for r in self.worker.rooms.values()),
            egress_pps=round((packets - packets_then) / elapsed, 1),
            cpu=round((cpu_now - cpu_then) / elapsed, 3),
            capacity=self.capacity,
            draining=self.draining,
            heartbeat=time.time(),
            host=f"{ip}:{port}",
        )

    async def heartbeat(self) -> None:
        """Record the load; restore the node's rooms when Redis lost its data.

        :raises RedisError, OSError, TimeoutError: Redis does not answer.
        """
        was_draining = self.draining
        async with asyncio.timeout(self.link.timeout):
            beat = await self.registry.heartbeat(self.load(), self.epoch)
        if beat.taken_by is not None:
            if not self.displaced.is_set():
                log.error("node id %s is now held by another process (%s); stopping",
                          self.node_id, describe_holder(beat.taken_by))
                self.displaced.set()
            return
        self.draining = beat.draining
        if self.link.boot is not None and beat.boot != self.link.boot:
            self.draining = self.draining or was_draining
            async with asyncio.timeout(self.link.timeout):
                await self.registry.restore(self.node_id, list(self.worker.rooms),
                                            self.draining)
        self.link.saw_boot(beat.boot)  # after the restore: a failed one is tried again

    async def _heartbeats(self) -> None:
        while not self.displaced.is_set():
            await asyncio.sleep(self.interval)
            if not self.link.subscribed:
                continue  # deaf to requests: let the registry entry expire, not lie
            try:
                await self.heartbeat()
                await self.leave_orphans()
            except Exception as exc:  # Redis away: keep media flowing, retry next beat
                self.link.failed(exc)
            else:
                self.link.answered()

    async def leave_orphans(self) -> None:
        """Leave the participants of signaling processes that are gone: their reply channel
        has had no subscriber for a node TTL (killed, crashed, host lost; a graceful stop
        leaves them itself). They held their rooms open and counted in this node's load, so
        placement skewed and ``fjord sfu drain`` never ended. Not in the TTL after Redis
        came back, when every process is still subscribing again.

        :raises RedisError, OSError, TimeoutError: Redis does not answer.
        """
        owners = sorted(set(self._owners.values()))
        if not owners or not self.link.settled():
            self._unheard.clear()
            return
        async with asyncio.timeout(self.link.timeout):
            heard = {channel.decode() if isinstance(channel, bytes) else channel: count
                     for channel, count in await self.redis.pubsub_numsub(*owners)}
        now = time.monotonic()
        for channel in owners:
            if heard.get(channel, 0):
                self._unheard.pop(channel, None)
            elif now - self._unheard.setdefault(channel, now) >= self.registry.ttl:
                del self._unheard[channel]
                gone = [key for key, owner in self._owners.items() if owner == channel]
                log.warning("signaling process gone: leaving its %d participants", len(gone))
                for room_id, participant_id in gone:
                    with contextlib.suppress(Exception):
                        await self.worker.handle(control.LeaveRequest(room_id, participant_id))
                    await self._left(room_id, participant_id)
        for channel in [c for c in self._unheard if c not in owners]:
            del self._unheard[channel]

    async def _left(self, room_id: str, participant_id: str) -> None:
        """Forget a participant that left; a room left empty is released in the registry."""
        self._owners.pop((room_id, participant_id), None)
        if room_id not in self.worker.rooms:
            with contextlib.suppress(Exception):  # expires by itself otherwise
                await self.registry.release_room(room_id, self.node_id)

    # --- control
    def _serve(self, data: bytes) -> None:
        task = asyncio.create_task(self.handle(data))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def handle(self, data: bytes) -> None:
        """Run one request and publish its answer; malformed input is a counted drop."""
        try:
            request_id, reply, request = wire.decode_request(data)
        except wire.WireError as exc:
            self.dropped_messages += 1
            log.warning("dropped control message: %s", exc)
            return
        op = wire.OPS[type(request)]
        key = (request.room_id, request.participant_id)  # type: ignore[attr-defined]
        try:
            response = await self.worker.handle(request)
        except Exception as exc:
            if not isinstance(exc, wire.ERRORS["SfuError"]):
                log.exception("control request %s failed", op)
            answer = wire.encode_error(request_id, exc)
        else:
            answer = wire.encode_response(request_id, op, response)
            if isinstance(request, control.JoinRequest):
                self._owners[key] = reply
            elif isinstance(request, control.LeaveRequest):
                await self._left(*key)
        try:
            await self.redis.publish(reply, answer)
        except Exception as exc:  # the requester times out
            self.dropped_messages += 1
            self.link.failed(exc)

    # --- SfuListener: upward events go to the participant's signaling node
    def renegotiation_needed(self, room_id: str, participant_id: str) -> None:
        self._event("renegotiation_needed", room_id, participant_id, "")

    def transport_closed(self, room_id: str, participant_id: str, reason: str) -> None:
        self._event("transport_closed", room_id, participant_id, reason)

    def active_speaker(self, room_id: str, participant_id: str) -> None:
        # To the speaker's signaling node, which tells the whole room (across nodes).
        self._event("active_speaker", room_id, participant_id, "")

    def send_encodings(self, room_id: str, participant_id: str, mid: str,
                       encodings: tuple[tuple[str, bool], ...]) -> None:
        # To the publisher's signaling node, which tells the publisher only.
        self._event("send_encodings", room_id, participant_id, "", mid=mid,
                    encodings=encodings)

    def video_paused(self, room_id: str, participant_id: str,
                     publishers: tuple[str, ...], reason: str = "last_n") -> None:
        self._event("video_paused", room_id, participant_id, reason,
                    participant_ids=publishers)

    def _event(self, event: str, room_id: str, participant_id: str, reason: str,
               participant_ids: tuple[str, ...] = (), mid: str = "",
               encodings: tuple[tuple[str, bool], ...] = ()) -> None:
        owner = self._owners.get((room_id, participant_id))
        if owner is None:
            return
        data = wire.encode_event(event, room_id, participant_id, reason, participant_ids, mid,
                                 encodings)
        try:
            self._events.put_nowait((owner, data))
        except asyncio.QueueFull:
            self.dropped_messages += 1

    async def _send_events(self) -> None:
        while True:
            channel, data = await self._events.get()
            try:
                await self.redis.publish(channel, data)
            except Exception as exc:
                self.dropped_messages += 1
                self.link.failed(exc)
