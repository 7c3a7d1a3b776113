"""Retransmissions to a lossy simulcast subscriber across layer switches, over real ICE,
DTLS and SRTP (issue 12, acceptance 9).

A synthetic publisher sends three VP8 encodings to the in-process worker; one subscriber
drops a seeded 2 % of the video it decrypts and NACKs each drop, while the router switches
its layer every :data:`SWITCH_S` seconds (the acceptance says every 10 s; a shorter interval
makes several switches in seconds). Every RTX packet (RFC 4588) must carry, as its original
sequence number, one the subscriber lost, and exactly that packet as the subscriber was to
get it: rewritten PictureID, TL0PICIDX, timestamp and payload; every NACK is answered from
the cache (``nack_cache_misses`` stays 0).
"""

import asyncio
import struct

import pytest
from synthetic_clients import LeanSubscriber, SimulcastPublisher

from sfu.rtp.header import PAYLOAD_END, PAYLOAD_START, SEQ, TS, read_header
from sfu.rtp.vp8_descriptor import PICTURE_ID, TL0PICIDX, read_vp8_descriptor
from tests.conftest import wait_until

pytestmark = [pytest.mark.timeout(120), pytest.mark.serial]

SWITCH_S = 1.5
"Seconds between two forced layer switches (the acceptance's 10 s, shortened)."
SWITCHES = 4
LOSS = 0.02


def described(plain: bytes, payload_start: int, payload_end: int, seq: int, ts: int) -> tuple:
    vp8 = read_vp8_descriptor(plain, payload_start, payload_end)
    return seq, ts, vp8[PICTURE_ID], vp8[TL0PICIDX], bytes(plain[payload_start:payload_end])


def as_sent(plain: bytes) -> tuple:
    hdr = read_header(plain)
    return described(plain, hdr[PAYLOAD_START], hdr[PAYLOAD_END], hdr[SEQ], hdr[TS])


def unwrapped(rtx: bytes) -> tuple:
    """The original packet an RTX packet carries: its sequence number (OSN) first."""
    hdr = read_header(rtx)
    osn = struct.unpack_from("!H", rtx, hdr[PAYLOAD_START])[0]
    return described(rtx, hdr[PAYLOAD_START] + 2, hdr[PAYLOAD_END], osn, hdr[TS])


async def test_retransmissions_carry_the_subscribers_rewrite_across_switches(worker):
    publisher = SimulcastPublisher(worker, "room", "alice")
    subscriber = LeanSubscriber(worker, "room", "bob", loss=LOSS, seed=9)
    try:
        await publisher.start()
        await subscriber.start()
        router = worker.rooms["room"]
        consumer = next(s.consumer for s in router.participants["bob"].slots
                        if s.kind == "video")
        assert await wait_until(lambda: consumer.current == 2, 15)
        switches = consumer.switches  # from the layers that came first, up to the top one
        layers = [0, 1, 2, 0]
        for step in range(SWITCHES):
            await asyncio.sleep(SWITCH_S)
            assert router.set_preferred_layers("bob", "alice", layers[step]) == 1
            assert await wait_until(lambda step=step: consumer.current == layers[step], 10)
        await asyncio.sleep(SWITCH_S)
        assert await wait_until(lambda: len(subscriber.resent) >= len(subscriber.dropped), 5)
    finally:
        await subscriber.stop()
        await publisher.stop()
    sent = [as_sent(p) for p in subscriber.received]
    lost = {seq: as_sent(p) for seq, p in subscriber.dropped.items()}
    resent = [unwrapped(p) for p in subscriber.resent]
    print(f"{len(sent)} packets, {len(lost)} dropped and NACKed, {len(resent)} resent, "
          f"{consumer.switches} switches, PictureIDs {sent[0][2]}..{sent[-1][2]}")
    assert consumer.switches == switches + SWITCHES
    assert len(lost) >= 20, len(lost)
    assert sorted(r[0] for r in resent) == sorted(lost)  # each lost packet once, none more
    for packet in resent:
        assert packet == lost[packet[0]]  # seq, timestamp, PictureID, TL0PICIDX, payload
    assert worker.stats.nack_cache_misses == 0
    assert worker.stats.retransmitted_packets == len(resent)
