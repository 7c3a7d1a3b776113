"""Sender reports to a subscriber of a large room fit a path's MTU, datagram by datagram.

The SFU sends each subscriber an RTCP sender report per stream it forwards (RFC 3550
section 6.4.1: what lets the browser line up each participant's audio and video). A
subscriber of 30 participants with camera and microphone receives 60 streams: their 60
reports of 28 bytes went as one compound packet of 1,680 bytes, which SRTCP refused to
protect (over 1,352 bytes: 25 participants were enough), so the subscriber got no sender
report at all, every round; and a datagram past a 1,500-byte MTU would be fragmented.
Real legs (ICE, DTLS-SRTP) through the worker's socket.
"""

import asyncio

import pytest
from aiortc import RTCPeerConnection, RTCSessionDescription

from bench.rtp_source import rtp_packet
from bench.sfu_session import (
    connect_leg,
    new_leg,
    publish_offer,
    rewrite_transport_lines,
    sdp_streams,
)
from sfu.dtls import DtlsCertificate
from sfu.rtcp.compound import parse_compound
from sfu.rtcp.sr import SenderReport

pytestmark = pytest.mark.timeout(90)

PUBLISHERS = 30
MAX_DATAGRAM = 1500 - 20 - 8
"A datagram that crosses a 1,500-byte MTU (Ethernet, most paths) unfragmented over IPv4."
VP8_KEY_FRAME = bytes([0x10, 0x00]) + b"frame"
"VP8 payload descriptor (S=1, partition 0) and a key frame's payload header (P=0)."
OPUS_FRAME = b"\xf8\xff\xfe"


async def test_sender_reports_of_sixty_streams_fit_the_path_mtu(worker):
    certificate = DtlsCertificate()
    publishers = []
    for index in range(PUBLISHERS):
        leg = new_leg(certificate)
        offer = await publish_offer(leg)
        await worker.join("room", f"p{index}")
        answer = await worker.publish("room", f"p{index}", offer)
        await connect_leg(leg, worker.address, answer, offerer=True)
        publishers.append((leg, sdp_streams(offer)))
    viewer = new_leg(certificate)
    await worker.join("room", "viewer")
    offer = await worker.subscribe_offer("room", "viewer")
    pc = RTCPeerConnection()
    try:
        await pc.setRemoteDescription(RTCSessionDescription(offer, "offer"))
        answer = rewrite_transport_lines((await pc.createAnswer()).sdp, viewer)
    finally:
        await pc.close()
    await worker.subscribe_answer("room", "viewer", answer)
    await connect_leg(viewer, worker.address, offer, offerer=False)
    slots = worker.rooms["room"].participants["viewer"].slots
    assert len(slots) == 2 * PUBLISHERS
    expected = {slot.consumer.ssrc for slot in slots}

    loop = asyncio.get_running_loop()
    reported: set[int] = set()
    largest = 0
    deadline = loop.time() + 10.0
    seq = 0
    while reported != expected and loop.time() < deadline:
        seq += 1
        for leg, streams in publishers:  # each stream forwards, so each is reported
            for kind, payload in (("video", VP8_KEY_FRAME), ("audio", OPUS_FRAME)):
                packet = rtp_packet(streams[kind], seq, 1000 * seq, True, payload, [])
                leg.sock.sendto(leg.srtp.tx.protect(packet), worker.address)
        until = loop.time() + 0.3
        while loop.time() < until:
            try:
                data = await asyncio.wait_for(loop.sock_recv(viewer.sock, 65536),
                                              until - loop.time())
            except TimeoutError:
                break
            if len(data) < 2 or not 192 <= data[1] <= 223:
                continue  # RTP, STUN
            largest = max(largest, len(data))
            for packet in parse_compound(viewer.srtp.rx.unprotect_rtcp(data))[0]:
                if isinstance(packet, SenderReport):
                    reported.add(packet.ssrc)
    assert reported == expected, (len(reported), len(expected), worker.stats.drops)
    assert largest <= MAX_DATAGRAM, largest
    assert "srtcp_protect" not in worker.stats.drops
    for leg, _ in publishers:
        leg.sock.close()
    viewer.sock.close()
