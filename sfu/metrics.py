"""Prometheus metrics of the SFU (``fjord_sfu_*``), module level.

The hot path increments plain ints in :class:`sfu.control.WorkerStats`; the worker calls
:func:`export` about once a second to add the increments here, so no metric lock or
label lookup is taken per packet. Labels carry reasons only, never ids or addresses.
"""

import dataclasses
from collections.abc import Iterable

from prometheus_client import Counter, Gauge, Histogram

from sfu.control import WorkerStats

FORWARDED_PACKETS = Counter("fjord_sfu_forwarded_packets", "RTP packets sent to subscribers")
FORWARDED_BYTES = Counter("fjord_sfu_forwarded_bytes", "SRTP bytes sent to subscribers")
DROPPED_PACKETS = Counter("fjord_sfu_dropped_packets", "Datagrams dropped", ["reason"])
NACKS = Counter(
    "fjord_sfu_nacks", "NACKed sequence numbers (received) and NACK packets (sent)", ["direction"]
)
RETRANSMISSIONS = Counter("fjord_sfu_retransmissions", "Packets resent from the NACK cache")
NACK_CACHE_MISSES = Counter(
    "fjord_sfu_nack_cache_misses", "NACKed packets no longer in the retransmission cache")
RTX_RECEIVED = Counter("fjord_sfu_rtx_received", "RTX packets received from publishers")
RECOVERED = Counter("fjord_sfu_recovered_packets", "Upstream losses repaired by retransmission")
PLIS = Counter("fjord_sfu_plis", "Keyframe requests", ["direction"])
TWCC_FEEDBACK = Counter("fjord_sfu_twcc_feedback", "transport-cc feedback packets sent")
REFUSED_CONSUMERS = Counter(
    "fjord_sfu_refused_consumers",
    "Tracks a subscriber refused in its answer (it cannot decode the publisher's codec)")
RECORDER_LEFT_OUT = Counter(
    "fjord_sfu_recorder_left_out",
    "What cloud recorders left out of their files, by reason: queue_full (RTP packets past "
    "the recorder's queue), late_track (tracks after the spare slots were taken), "
    "unsupported_codec (tracks of a codec not recorded, e.g. VP9)", ["reason"])
TRANSPORTS = Gauge("fjord_sfu_transports", "Open WebRTC transports")
SIMULCAST_BITRATE = Gauge(
    "fjord_sfu_simulcast_received_bitrate",
    "Receive bitrate (bit/s) of simulcast encodings, summed by spatial layer (0: lowest)",
    ["layer"],
)

SUBSCRIBER_ESTIMATE = Histogram(
    "fjord_sfu_subscriber_estimate_bitrate",
    "Send-side bandwidth estimate (bit/s) of each subscriber transport with transport-cc "
    "feedback (sfu/bwe), observed once per export",
    buckets=(100_000, 200_000, 300_000, 500_000, 750_000, 1_000_000, 1_500_000, 2_000_000,
             3_000_000, 5_000_000, 10_000_000, 20_000_000),
)


class StatsExporter:
    """Remembers what was exported last so each call adds only the increments."""

    def __init__(self) -> None:
        self._last = WorkerStats()

    def export(self, stats: WorkerStats, transports: int,
               layer_bitrates: dict[int, int] | None = None,
               estimates: Iterable[float] = ()) -> None:
        """Add the increments of ``stats`` since the previous call to the metrics, set the
        simulcast receive bitrates (bit/s by spatial layer index) and observe each
        subscriber's bandwidth estimate (bit/s; no label: which subscriber is not kept)."""
        last = self._last
        FORWARDED_PACKETS.inc(stats.forwarded_packets - last.forwarded_packets)
        FORWARDED_BYTES.inc(stats.forwarded_bytes - last.forwarded_bytes)
        NACKS.labels("received").inc(stats.nacks_received - last.nacks_received)
        NACKS.labels("sent").inc(stats.nacks_sent - last.nacks_sent)
        RETRANSMISSIONS.inc(stats.retransmitted_packets - last.retransmitted_packets)
        NACK_CACHE_MISSES.inc(stats.nack_cache_misses - last.nack_cache_misses)
        RTX_RECEIVED.inc(stats.rtx_received - last.rtx_received)
        RECOVERED.inc(stats.recovered_packets - last.recovered_packets)
        PLIS.labels("received").inc(stats.plis_received - last.plis_received)
        PLIS.labels("sent").inc(stats.plis_sent - last.plis_sent)
        TWCC_FEEDBACK.inc(stats.twcc_feedback_sent - last.twcc_feedback_sent)
        REFUSED_CONSUMERS.inc(stats.refused_consumers - last.refused_consumers)
        for reason, count in stats.drops.items():
            delta = count - last.drops.get(reason, 0)
            if delta:
                DROPPED_PACKETS.labels(reason).inc(delta)
        TRANSPORTS.set(transports)
        for layer, bitrate in (layer_bitrates or {}).items():
            SIMULCAST_BITRATE.labels(str(layer)).set(bitrate)
        for estimate in estimates:
            SUBSCRIBER_ESTIMATE.observe(estimate)
        self._last = dataclasses.replace(stats, drops=dict(stats.drops))
