"""docs/recording.md says the recorder's queue "drops and counts" and that late tracks are
counted: they are Prometheus counters on /metrics (``fjord_sfu_recorder_left_out_total``),
not only fields of the recorder's stats (the fresh-eyes test found no recording metric)."""

from __future__ import annotations

from types import SimpleNamespace

from prometheus_client import REGISTRY, generate_latest

from recording.uploader import MultipartUploader
from sfu.recorder import RoomRecorder


def left_out(reason: str) -> float:
    value = REGISTRY.get_sample_value("fjord_sfu_recorder_left_out_total",
                                      {"reason": reason})
    return value or 0.0


def test_a_full_recorder_queue_counts_each_dropped_packet() -> None:
    recorder = RoomRecorder(MultipartUploader(None, "bucket", "key", hold_head=True),
                            lambda: 0.0, str, queue_size=2)
    producer = SimpleNamespace(id="p1")
    before = left_out("queue_full")
    for seq in range(5):  # nothing drains the queue: 3 packets fall out of it
        recorder.enqueue(producer, seq, seq * 3000, True, b"x", 0.0)  # type: ignore[arg-type]
    assert recorder.stats.queue_drops == 3
    assert left_out("queue_full") - before == 3
    assert b"fjord_sfu_recorder_left_out_total" in generate_latest()
