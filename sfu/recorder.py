"""The SFU side of cloud recording (issue 14): taps on a room's producers feeding one
:class:`recording.session.RecordingSession`, without decoding.

A :class:`RecorderTap` is one more :class:`sfu.producer.StreamConsumer` of a producer: on the
packet path it only copies the sequence number, timestamp, marker and payload of each packet
(of the publisher's own stream, before any rewrite) into a bounded queue; a full queue drops
and counts. A simulcast m-line is recorded from its highest encoding the publisher sends
now, switching down when that one stops and up when a higher one comes back, at key frames
(:class:`sfu.simulcast.follower.LayerFollower`, which numbers the packets of the encodings
it follows as one stream). A task drains the queue into the session and awaits the
uploader's back-pressure.

Matroska declares its tracks before the first frame, so the recorder gathers tracks until
none came for ``gather_s`` seconds (people joining one after another are all in), at most
``max_gather_s`` seconds from the start, holding their packets meanwhile, then writes the
header: one video (VP8 or H.264) and one audio (Opus) track per participant,
named ``<participant> video`` / ``<participant> audio``. The header also declares spare
slots, a video and an audio track for each of ``spare_participants`` more people (when the
uploader holds part 1): a track published later takes a slot
of its kind and is in the file from its first packet (video: its first keyframe); the slots
are named, or removed if nobody took them, when the recording ends
(:mod:`recording.track_slots`). A track whose producer closed goes on with the next
producer of its name, kind and codec (a participant who rejoins) instead of a slot. A track
that finds no slot is not in the file (counted in ``late_tracks``). Each video track starts
on a keyframe: one is requested at the start and whenever the track lost a packet. Timing:
the first Sender Report of a participant ties its NTP clock to the SFU's (RFC 3550 section
6.4.1), so its audio and video line up; without one yet, a track starts at its first
packet's arrival.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from recording.muxer import TrackSpec
from recording.session import RecordingSession
from recording.uploader import MultipartUploader
from sfu.metrics import RECORDER_LEFT_OUT
from sfu.producer import Producer
from sfu.rtp.header import MARKER, PAYLOAD_END, PAYLOAD_START, SEQ, TS
from sfu.simulcast.follower import LayerFollower

log = logging.getLogger(__name__)
RECORDABLE = {"video/vp8": "vp8", "video/h264": "h264", "audio/opus": "opus"}
"Codecs the recorder writes without decoding, by MIME type (RFC 7741, RFC 6184, RFC 7587)."
_QUEUE_FULL = RECORDER_LEFT_OUT.labels("queue_full")
"""Bound once: a full queue drops (and counts) every packet."""
NTP_EPOCH_OFFSET = 2208988800


@dataclass
class RecorderStats:
    packets: int = 0
    queue_drops: int = 0
    late_tracks: int = 0
    unsupported_tracks: int = 0


class RecorderTap:
    """A producer's consumer that copies packets into the recorder's queue."""

    __slots__ = ("producer", "recorder")

    # What the native fan-out (sfu/native_forward.py) reads of a consumer: a tap is never
    # routed natively; every packet comes through :meth:`send`.
    route = None
    basic_rewrite = False

    def __init__(self, producer: Producer, recorder: RoomRecorder) -> None:
        self.producer = producer
        self.recorder = recorder

    def send(self, plain: bytes, hdr: tuple, keyframe: bool, now: float | None = None,
             ext_mask: int = 0, abs_pos: int = -1, abs_value: bytes = b"") -> None:
        self.recorder.enqueue(self.producer, hdr[SEQ], hdr[TS], bool(hdr[MARKER]),
                              plain[hdr[PAYLOAD_START]:hdr[PAYLOAD_END]], now)

    def on_padding(self, hdr: tuple, now: float) -> None:
        """A padding-only packet: queued without payload, so the track's reordering takes
        its sequence number as received, not lost (which would wait for a key frame)."""
        self.recorder.enqueue(self.producer, hdr[SEQ], hdr[TS], False, b"", now)

    def request_keyframe(self) -> None:
        """Ask the publisher for a key frame (throttled by the producer)."""
        self.producer.request_keyframe()

    def detach(self) -> None:
        """Out of the producer's consumer list: the recording stopped."""
        if self in self.producer.consumers:
            self.producer.consumers.remove(self)

    def close(self) -> None:
        """The producer closed: its track ends (the file keeps what it has), and the next
        stream under its name may go on in it (:meth:`RoomRecorder.producer_added`)."""
        self.recorder.producer_closed(self.producer)


@dataclass
class _Track:
    producer: Producer
    tap: RecorderTap | LayerFollower | None = None
    "What takes the producer's packets (a simulcast m-line's: a follower of its layers)."
    index: int = -1
    "Track number in the file; -1 until the header is written or when not in the file."
    held: list = field(default_factory=list)
    name: str = ""
    "The file's name of the track (``<participant> video|audio``), from when it came."
    closed: bool = False
    "Its producer closed (the participant left, or stopped publishing it)."


class RoomRecorder:
    """Records one room's producers into ``uploader`` (see the module docstring).

    :param clock: the router's clock (seconds). :param queue_size: packets held at most
    between the packet path and the recording task (and during the gathering window).
    """

    def __init__(self, uploader: MultipartUploader, clock: Callable[[], float],
                 names: Callable[[str], str], gather_s: float = 3.0,
                 queue_size: int = 20000, encrypt_to: str | None = None,
                 max_gather_s: float = 15.0, spare_participants: int = 8) -> None:
        self.uploader = uploader
        self.encrypt_to = encrypt_to
        "age X25519 recipient the file is encrypted to in memory, or None."
        self.clock = clock
        self.names = names
        self.gather_s = gather_s
        self.max_gather_s = max_gather_s
        self.spare_participants = spare_participants if uploader.hold_head else 0
        self.stats = RecorderStats()
        self.started = clock()
        self._last_track = self.started
        self.session: RecordingSession | None = None
        self._tracks: dict[str, _Track] = {}
        self._queue: deque = deque(maxlen=queue_size)
        self._wake = asyncio.Event()
        self._stopping = False
        self.stopped = False
        "Stopped: the router may take a new recorder."
        self._offsets: dict[str, float] = {}
        "participant id -> SFU clock minus the participant's NTP clock (seconds)."
        self._task: asyncio.Task[None] | None = None
        self._failed = asyncio.Event()

    # -- control ------------------------------------------------------------------------
    def start(self, producers: list[Producer]) -> None:
        self.uploader.start()
        for producer in producers:
            self.producer_added(producer)
        self._task = asyncio.get_running_loop().create_task(self._run())

    def producer_added(self, producer: Producer) -> None:
        """A producer of the room (at the start, or published later: the router calls)."""
        if self._stopping or self._failed.is_set():
            return  # nothing would drain its packets any more
        codec = RECORDABLE.get(producer.codec.mime_type.lower())
        if codec is None:
            self.stats.unsupported_tracks += 1
            RECORDER_LEFT_OUT.labels("unsupported_codec").inc()
            return
        # Named now, while its participant is in the room: one who leaves before the
        # header is written (the first seconds of a recording) keeps its display name.
        name = f"{self.names(producer.participant_id)} {producer.kind}"
        track = _Track(producer, name=name)
        if self.session is not None:
            index = self._reuse(name, codec)
            if index is None:
                index = self.session.assign(producer.kind, name, codec)
            if index is None:
                self.stats.late_tracks += 1
                RECORDER_LEFT_OUT.labels("late_track").inc()
                return
            track.index = index
        self._tracks[producer.id] = track
        self._last_track = self.clock()
        if len(producer.layers) > 1:
            track.tap = LayerFollower(producer, self.clock,
                                      functools.partial(self.enqueue, producer),
                                      functools.partial(self.producer_closed, producer))
        else:
            track.tap = RecorderTap(producer, self)
            producer.consumers.append(track.tap)
        track.tap.request_keyframe()

    def producer_closed(self, producer: Producer) -> None:
        """A recorded producer closed: its track may be reused (:meth:`_reuse`)."""
        track = self._tracks.get(producer.id)
        if track is not None:
            track.closed = True

    def _reuse(self, name: str, codec: str) -> int | None:
        """The index of a track named ``name`` in ``codec`` whose stream ended, now going on
        with the next stream (None if there is none): a participant who comes back, such as
        one whose connection dropped (a new participant to the room, under the same name),
        takes no spare slot, so reconnects do not use up the slots and leave the rest of
        the meeting out of the file."""
        if self.session is None or self.uploader.failure is not None:
            return None
        for producer_id, track in self._tracks.items():
            if (track.closed and track.index >= 0 and track.name == name
                    and RECORDABLE[track.producer.codec.mime_type.lower()] == codec):
                del self._tracks[producer_id]  # its packets still queued are dropped
                self.session.restart(track.index)
                return track.index
        return None

    async def wait_failed(self) -> None:
        """Return once the recording stopped on its own: the bucket failed past the upload
        backlog's bound (the caller then calls :meth:`stop`, which reports the failure)."""
        await self._failed.wait()

    @property
    def uploaded(self) -> int:
        """Bytes the bucket holds (the partial file's size after a failure)."""
        return self.uploader.uploaded

    async def stop(self) -> int:
        """Detach, flush and complete the upload; the object's size in bytes.

        Raises:
            UploadFailed: the bucket failed (a partial object is kept when possible).
        """
        self._stopping = True
        self.stopped = True
        self._detach()
        self._wake.set()
        if self._task is not None:
            await self._task
        if self.session is None:
            self._write_header()
        assert self.session is not None
        return await self.session.finish()

    def _detach(self) -> None:
        for track in self._tracks.values():
            if track.tap is not None:
                track.tap.detach()

    # -- packet path ---------------------------------------------------------------------
    def enqueue(self, producer: Producer, seq: int, ts: int, marker: bool, payload: bytes,
                now: float | None, source: Producer | None = None, source_ts: int = 0) -> None:
        """Queue a packet of ``producer``'s track. ``source``: the stream it came from with
        its timestamp there (``source_ts``), for that stream's sender reports, when it is
        not ``producer`` with ``ts`` (a simulcast layer's, renumbered)."""
        if len(self._queue) == self._queue.maxlen:
            self.stats.queue_drops += 1
            _QUEUE_FULL.inc()
        if source is None:
            source, source_ts = producer, ts
        self._queue.append((producer.id, seq, ts, marker, payload,
                            self.clock() if now is None else now, source, source_ts))
        self._wake.set()

    # -- the recording task -----------------------------------------------------------------
    async def _run(self) -> None:
        try:
            while not self._stopping:
                now = self.clock()
                if self.session is None and (now - self._last_track >= self.gather_s
                                             or now - self.started >= self.max_gather_s):
                    self._write_header()
                for track in self._tracks.values():
                    if isinstance(track.tap, LayerFollower):
                        track.tap.poll(now)
                self._drain_queue()
                if self.session is not None:
                    await self.session.drain()
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), 0.1)
            if self.session is None:
                self._write_header()
            self._drain_queue()
        except Exception:  # the upload failed: stop() reports it through finish()
            log.warning("recording stopped early", exc_info=False)
            self._detach()
            self._failed.set()

    def _write_header(self) -> None:
        specs, rates = [], []
        order = sorted(self._tracks.values(),
                       key=lambda t: (t.producer.participant_id, t.producer.kind != "video"))
        for track in order:
            track.index = len(specs)
            p = track.producer
            specs.append(TrackSpec(p.kind, track.name,
                                   codec=RECORDABLE[p.codec.mime_type.lower()]))
            rates.append(p.codec.clock_rate)
        for _ in range(self.spare_participants):
            specs += [TrackSpec("video", "", spare=True), TrackSpec("audio", "", spare=True)]
            rates += [90000, 48000]
        self.session = RecordingSession(self.uploader, specs, rates, self.encrypt_to)
        held = sorted(((item, track) for track in order for item in track.held),
                      key=lambda pair: pair[0][4])  # by arrival: the file's tracks interleave
        for item, track in held:  # packets held while gathering
            self._record(track, *item)
        for track in order:
            track.held.clear()

    def _drain_queue(self) -> None:
        queue = self._queue
        while queue:
            producer_id, *item = queue.popleft()
            track = self._tracks.get(producer_id)
            if track is None:
                continue
            self.stats.packets += 1
            if self.session is None:
                if len(track.held) < queue.maxlen:  # type: ignore[operator]
                    track.held.append(item)
                else:
                    self.stats.queue_drops += 1
                    _QUEUE_FULL.inc()
            else:
                self._record(track, *item)

    def _record(self, track: _Track, seq: int, ts: int, marker: bool, payload: bytes,
                now: float, source: Producer, source_ts: int) -> None:
        assert self.session is not None
        if track.index < 0:
            return
        recorder = self.session.tracks[track.index]
        if not recorder.clock.anchored:
            at = self._sr_time(source, source_ts)
            if at is not None:
                recorder.align(ts, (at - self.started) * 1000)
        if self.session.packet(track.index, seq, ts, marker, payload,
                               (now - self.started) * 1000):
            track.tap.request_keyframe()  # type: ignore[union-attr]  # throttled by the layer

    def _sr_time(self, producer: Producer, ts: int) -> float | None:
        """SFU-clock time of RTP time ``ts`` from the producer's last Sender Report, through
        the participant's NTP-to-SFU offset (fixed by its first report), or None."""
        if producer.last_sr is None:
            return None
        ntp, sr_ts, received = producer.last_sr
        ntp_s = (ntp >> 32) - NTP_EPOCH_OFFSET + (ntp & 0xFFFFFFFF) / 2**32
        offset = self._offsets.setdefault(producer.participant_id, received - ntp_s)
        delta = ((ts - sr_ts + 2**31) % 2**32 - 2**31) / producer.codec.clock_rate
        return ntp_s + delta + offset
