"""Periodic RTCP reports of a room (RFC 3550 section 6.4): receiver reports and REMB to
each publisher, sender reports to each subscriber. Called by
:meth:`sfu.router.Router.send_reports` every ``SfuConfig.rtcp_interval`` seconds."""

from collections.abc import Iterable

from sfu.control import SfuConfig
from sfu.participant import Participant
from sfu.producer import Producer
from sfu.rtcp.remb import ReceiverEstimatedMaxBitrate
from sfu.rtcp.rr import ReceiverReport

MAX_REPORTS_DATAGRAM = 1200
"""Bytes of sender reports (28 each) per compound RTCP packet to a subscriber; more go in
further packets, each a valid compound packet that starts with an SR (RFC 3550 section
6.1). One packet for every stream came to 28 bytes a stream: past 1,352 bytes (49 streams:
a subscriber of 25 participants with camera and microphone) SRTCP refused to protect it
(pylibsrtp's 1,500-byte buffer less the trailer it reserves), a counted ``srtcp_protect``
drop, and the subscriber got no report at all, every round (no lip sync for anyone)."""


def publisher_cap(producers: Iterable[Producer], max_bitrate: int) -> int:
    """The most one publisher may send, bit/s: ``max_bitrate`` (``SfuConfig.max_bitrate``)
    per video m-line of ``producers`` (its camera, its shared screen).

    REMB is one value for the whole publish transport, which Chromium splits among all its
    encodings, the camera's three and the screen's two: a cap sized for a camera alone
    starved the camera's 720p encoding as soon as a shared screen took its part. Per track, a
    camera alone gets what it always got and a screen brings its own share. A screen no
    longer shared keeps its m-line (the web client shares again with ``replaceTrack``) and
    still counts until the next offer: the cap is an upper bound, not a grant."""
    return max_bitrate * sum(1 for m in producers if m.kind == "video")


def send_reports(participants: Iterable[Participant], config: SfuConfig, now: float) -> None:
    """RR + REMB to each connected publisher, SRs to each connected subscriber; ``now`` is
    the clock time in seconds (for the DLSR of each report block)."""
    for p in participants:
        t = p.publish
        if t is not None and t.connected and p.producers:
            blocks = []
            for producer in (x for m in p.producers.values() for x in m.layers):
                if producer.ssrc is None or producer.stats.received == 0:
                    continue
                lsr = dlsr = 0
                if producer.last_sr is not None:
                    ntp, _, received = producer.last_sr
                    lsr = (ntp >> 16) & 0xFFFFFFFF
                    dlsr = int((now - received) * 65536) & 0xFFFFFFFF
                blocks.append(producer.stats.report_block(producer.ssrc, lsr, dlsr))
            packet = bytes(ReceiverReport(t.rtcp_ssrc, blocks[:31]))
            video = [x.ssrc for m in p.producers.values() for x in m.layers
                     if x.kind == "video" and x.ssrc]
            if video and (t.bwe is not None or t.twcc is not None):
                # With transport-cc the publisher estimates; REMB only caps it.
                bitrate = publisher_cap(p.producers.values(), config.max_bitrate)
                if t.bwe is not None:
                    t.bwe.maximum = bitrate
                    bitrate = t.bwe.update()
                packet += bytes(ReceiverEstimatedMaxBitrate(t.rtcp_ssrc, bitrate, video))
            t.send_rtcp(packet)
        s = p.subscribe
        if s is not None and s.connected:
            data = b""
            for consumer in s.consumers_by_ssrc.values():
                report = consumer.sender_report() if consumer.active else None
                if report is None:
                    continue
                sr = bytes(report)
                if data and len(data) + len(sr) > MAX_REPORTS_DATAGRAM:
                    s.send_rtcp(data)
                    data = b""
                data += sr
            if data:
                s.send_rtcp(data)
