"""The worker survives 10,000 hostile datagrams and keeps forwarding for a live room."""

import asyncio
import os
import random
import socket
import struct

import pytest
from sfu_clients import Publisher, Subscriber

from turn import stun

pytestmark = pytest.mark.timeout(90)

COOKIE = struct.pack("!I", 0x2112A442)
BATCH = 50
"""Hostile datagrams sent before waiting for the worker to read them: at most 1,204 bytes
each, about 2.3 KB each as the kernel counts them, so a batch (115 KB) fits the socket's
default 208 KB receive buffer."""


async def drops_settled(worker, quiet_s: float = 0.05, timeout: float = 10.0) -> None:
    """Wait until the worker's drop count stops moving for ``quiet_s`` (it read what came)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    last = -1
    while loop.time() < deadline:
        now = sum(worker.stats.drops.values())
        if now == last:
            return
        last = now
        await asyncio.sleep(quiet_s)


def hostile_datagrams(count: int, seed: int, ufrag: str) -> list[bytes]:
    """Random bytes, truncated/forged STUN, DTLS-looking garbage, RTP-looking packets."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        kind = i % 6
        size = rng.randint(1, 1200)
        body = rng.randbytes(size)
        if kind == 0:
            out.append(body)
        elif kind == 1:  # STUN header with a cookie, truncated at a random point
            msg = stun.Message(stun.Method.BINDING, stun.MessageClass.REQUEST)
            msg.add(stun.Attr.USERNAME, f"{ufrag}:x".encode())
            raw = msg.encode(integrity_key=b"wrong", fingerprint=True)
            out.append(raw[: rng.randint(1, len(raw))])
        elif kind == 2:  # well-formed STUN for a live ufrag, forged integrity
            msg = stun.Message(stun.Method.BINDING, stun.MessageClass.REQUEST)
            msg.add(stun.Attr.USERNAME, f"{ufrag}:evil".encode())
            msg.add(stun.Attr.USE_CANDIDATE, b"")
            out.append(msg.encode(integrity_key=os.urandom(8), fingerprint=True))
        elif kind == 3:  # DTLS content types with garbage
            out.append(bytes([rng.choice([20, 21, 22, 23])]) + b"\xfe\xfd" + body)
        elif kind == 4:  # RTP/RTCP-looking from an unknown address
            out.append(bytes([0x80 | rng.randint(0, 63), rng.randint(0, 255)]) + body)
        else:  # STUN leading bits with random content
            out.append(bytes([rng.randint(0, 3)]) + body[:3] + COOKIE + body[4:])
    return out


async def test_worker_survives_hostile_datagrams(worker):
    publisher = Publisher(worker, "room", "alice")
    subscriber = Subscriber(worker, "room", "bob")
    await subscriber.join()
    attacker = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    attacker.bind(("127.0.0.1", 0))
    attacker.setblocking(False)
    try:
        await publisher.start()
        assert await subscriber.negotiate()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 15
        while subscriber.frames["video"] < 5 and loop.time() < deadline:
            await asyncio.sleep(0.05)
        assert subscriber.frames["video"] >= 5

        router = worker.rooms["room"]
        ufrag = router.participants["alice"].publish.ice.ufrag
        drops_before = sum(worker.stats.drops.values())
        target = worker.address
        datagrams = hostile_datagrams(10_000, seed=7, ufrag=ufrag)
        # In batches the socket's receive buffer holds, each read before the next is sent:
        # sent all at once, a worker slowed by a busy machine lost thousands to the kernel's
        # full buffer, which no application can count.
        for start in range(0, len(datagrams), BATCH):
            for datagram in datagrams[start:start + BATCH]:
                while True:
                    try:
                        attacker.sendto(datagram, target)
                        break
                    except BlockingIOError:
                        await asyncio.sleep(0.01)
            await drops_settled(worker)
        drops = sum(worker.stats.drops.values()) - drops_before
        assert drops >= 5_000, worker.stats.drops
        assert worker.stats.drops.get("internal_error", 0) == 0

        # The live room still forwards and decodes.
        forwarded = worker.forwarded_packets
        frames = subscriber.frames["video"]
        deadline = loop.time() + 10
        while subscriber.frames["video"] < frames + 15 and loop.time() < deadline:
            await asyncio.sleep(0.05)
        assert subscriber.frames["video"] >= frames + 15, (subscriber.frames, repr(worker.stats))
        assert worker.forwarded_packets > forwarded
        assert router.participants["alice"].publish.connected
    finally:
        attacker.close()
        await subscriber.stop()
        await publisher.stop()
