"""One SFU node: an :class:`sfu.worker.SfuWorker` driven over Redis.

It heartbeats its load into the registry (:mod:`fjord.registry`), takes control requests on
its pub/sub channel (:func:`fjord.registry.control_channel`), answers each on the requester's
channel (:mod:`fjord.sfu_wire`), and sends the worker's upward events to the signaling node
that joined the participant. Requests run concurrently; one participant's requests arrive in
order because its signaling node awaits each answer before the next.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time

from redis.asyncio import Redis

from fjord import sfu_wire
from fjord.placement import NodeLoad
from fjord.registry import NodeRegistry, control_channel
from sfu import control
from sfu.worker import SfuWorker

log = logging.getLogger("fjord.sfu_node")
EVENT_QUEUE = 4096


class SfuNode:
    """Serves ``worker`` as node ``node_id`` (its listener is set to this object).

    :param capacity: participants before placement skips the node.
    :param interval: seconds between heartbeats.
    """

    def __init__(self, worker: SfuWorker, redis: Redis, registry: NodeRegistry, node_id: str,
                 capacity: int, interval: float) -> None:
        self.worker = worker
        self.redis = redis
        self.registry = registry
        self.node_id = node_id
        self.capacity = capacity
        self.interval = interval
        self.draining = False
        self.epoch = secrets.token_hex(8)
        "This process's token in the registry: a restart under the same id changes it."
        self.dropped_messages = 0
        self._owners: dict[tuple[str, str], str] = {}
        self._events: asyncio.Queue[tuple[str, bytes]] = asyncio.Queue(EVENT_QUEUE)
        self._tasks: set[asyncio.Task[None]] = set()
        self._running: list[asyncio.Task[None]] = []
        self._last = (time.monotonic(), time.process_time(), 0)
        worker.listener = self

    # --- lifecycle
    async def start(self) -> None:
        """Register (first heartbeat) and serve the control channel."""
        await self.heartbeat()
        pubsub = self.redis.pubsub()
        await pubsub.subscribe(control_channel(self.node_id))
        self._running = [
            asyncio.create_task(self._serve(pubsub)),
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
            await self.registry.remove(self.node_id)

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
        self.draining = await self.registry.heartbeat(self.load(), self.epoch)

    async def _heartbeats(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.heartbeat()
            except Exception as exc:  # Redis away: keep media flowing, retry next beat
                log.warning("heartbeat failed: %s", type(exc).__name__)

    # --- control
    async def _serve(self, pubsub: object) -> None:
        async for message in pubsub.listen():  # type: ignore[attr-defined]
            if message.get("type") != "message":
                continue
            task = asyncio.create_task(self.handle(message["data"]))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def handle(self, data: bytes) -> None:
        """Run one request and publish its answer; malformed input is a counted drop."""
        try:
            request_id, reply, request = sfu_wire.decode_request(data)
        except sfu_wire.WireError as exc:
            self.dropped_messages += 1
            log.warning("dropped control message: %s", exc)
            return
        op = sfu_wire.OPS[type(request)]
        key = (request.room_id, request.participant_id)  # type: ignore[attr-defined]
        try:
            response = await self.worker.handle(request)
        except Exception as exc:
            if not isinstance(exc, sfu_wire.ERRORS["SfuError"]):
                log.exception("control request %s failed", op)
            answer = sfu_wire.encode_error(request_id, exc)
        else:
            answer = sfu_wire.encode_response(request_id, op, response)
            if isinstance(request, control.JoinRequest):
                self._owners[key] = reply
            elif isinstance(request, control.LeaveRequest):
                self._owners.pop(key, None)
                if request.room_id not in self.worker.rooms:
                    await self.registry.release_room(request.room_id, self.node_id)
        await self.redis.publish(reply, answer)

    # --- SfuListener: upward events go to the participant's signaling node
    def renegotiation_needed(self, room_id: str, participant_id: str) -> None:
        self._event("renegotiation_needed", room_id, participant_id, "")

    def transport_closed(self, room_id: str, participant_id: str, reason: str) -> None:
        self._event("transport_closed", room_id, participant_id, reason)

    def _event(self, event: str, room_id: str, participant_id: str, reason: str) -> None:
        owner = self._owners.get((room_id, participant_id))
        if owner is None:
            return
        data = sfu_wire.encode_event(event, room_id, participant_id, reason)
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
                log.warning("event not sent: %s", type(exc).__name__)
