"""Matroska from coded frames, written as it goes: frames in, file bytes out to a sink.

A small writer of its own (RFC 9559), not ffmpeg's muxer through PyAV: ffmpeg's muxer holds
every packet until each VP8 stream has one queued (its interleaving), so one camera that is
off, or one spare slot nobody took, kept the whole recording in memory and nothing reached
the bucket. Here each frame goes into the current Cluster as it comes, and a Cluster goes to
the sink when it is a second old at a video keyframe, 5 s old, or 1 MiB big.

Layout: EBML header; a Segment of unknown size (the file is streamed) holding room for a
SeekHead (a Void element), Info (1 ms TimestampScale, and room for a Duration), Tracks (one
TrackEntry per track, named), then Clusters of SimpleBlocks and, at the end, Cues (a
CuePoint for each video track's first keyframe in a Cluster, and for each audio track
every AUDIO_CUE_MS at most). Tracks are declared
before the first frame; an H.264 track's CodecPrivate (its decoder configuration, from
the SPS and PPS in its frames) is written into room the header keeps for it when the
recording ends, like the names of spare slots. A track declared ``spare`` is a slot for
a participant who joins after the header was written: it carries a placeholder name, and
:meth:`MatroskaMuxer.header_edits` says how to name it or remove it from the header
afterwards (:mod:`recording.track_slots`). What only the whole file tells, the Segment's
size, the Duration and where the Cues lie, :meth:`MatroskaMuxer.end_edits` writes into the
header's room once the file is closed: a file cut short (what a crash leaves) keeps the
Segment of unknown size, no Duration and no SeekHead, so it claims no length it lacks.
Times are milliseconds on the recording's timeline; frames of a track must come in
presentation order (others are dropped).
"""

from __future__ import annotations

import contextlib
import struct
from array import array
from collections.abc import Callable
from dataclasses import dataclass

from recording import track_slots

OPUS_HEAD = b"OpusHead" + struct.pack("<BBHIhB", 1, 2, 312, 48000, 0, 0)
"""Opus identification header (RFC 7845 section 5.1): version 1, 2 channels, 312 samples
pre-skip, 48 kHz, no gain, mapping family 0; Matroska's CodecPrivate for A_OPUS."""
OPUS_CODEC_DELAY_NS = 312 * 1_000_000_000 // 48000
OPUS_SEEK_PRE_ROLL_NS = 80_000_000
CLUSTER_MS = 1000
"A Cluster closes at the first video keyframe once it is this old (or at MAX_CLUSTER_MS)."
MAX_CLUSTER_MS = 5000
MAX_CLUSTER_BYTES = 1 << 20
VIDEO_CODEC_IDS = {"vp8": "V_VP8", "h264": "V_MPEG4/ISO/AVC"}
AUDIO_CUE_MS = 5000
"""An audio track gets a CuePoint at most this often (RFC 9559's Cues recommendations: a
CuePoint for each video keyframe; audio ones optional beside video, at most one per 500 ms)."""
MAX_FRAME_MS = 120
"""The longest a track's last frame is taken to last (an Opus packet's longest) when the
Duration is reckoned from the gap before it: a track that paused does not stretch it."""
SEEK_HEAD, SEEK, SEEK_ID, SEEK_POSITION = 0x114D9B74, 0x4DBB, 0x53AB, 0x53AC
DURATION, CLUSTER, TIMESTAMP, SIMPLE_BLOCK = 0x4489, 0x1F43B675, 0xE7, 0xA3
CUES, CUE_POINT, CUE_TIME, CUE_TRACK_POSITIONS = 0x1C53BB6B, 0xBB, 0xB3, 0xB7
CUE_TRACK, CUE_CLUSTER_POSITION, CUE_RELATIVE_POSITION = 0xF7, 0xF1, 0xF0


@dataclass(frozen=True)
class TrackSpec:
    """A track to declare: ``kind`` "audio" (Opus) or "video" (``codec`` "vp8" or "h264"),
    its name, and for video the size in pixels to declare until the recording ends (then
    the size of the track's first keyframe, :meth:`MatroskaMuxer.header_edits`; players
    read the real size from each keyframe)."""

    kind: str
    name: str
    width: int = 640
    height: int = 480
    spare: bool = False
    "A slot for a later participant: named (or removed) by :meth:`MatroskaMuxer.header_edits`."
    codec: str = "vp8"
    """Video only. An H.264 track (and a spare video slot, whose codec is not known yet) gets
    room after its CodecID for the CodecPrivate its stream's SPS and PPS make, written by
    :meth:`MatroskaMuxer.header_edits`."""

    @property
    def codec_id(self) -> str:
        if self.kind == "audio":
            return "A_OPUS"
        return VIDEO_CODEC_IDS[self.codec]


def _size(n: int) -> bytes:
    """An EBML data size: the shortest vint, 8 bytes at most (RFC 8794 section 6)."""
    for length in range(1, 9):
        if n < (1 << (7 * length)) - 1:
            return (n | 1 << (7 * length)).to_bytes(length, "big")
    raise ValueError("element too large")


def _el(element_id: int, data: bytes) -> bytes:
    return element_id.to_bytes((element_id.bit_length() + 7) // 8, "big") + _size(len(data)) + data


def _uint(element_id: int, value: int) -> bytes:
    return _el(element_id, value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


def _track_entry(number: int, spec: TrackSpec) -> bytes:
    name = track_slots.placeholder(number - 1) if spec.spare else spec.name
    body = (_uint(0xD7, number) + _uint(0x73C5, number) + _el(0x536E, name.encode())
            + _uint(0x9C, 0))  # TrackNumber, TrackUID, Name, FlagLacing
    if spec.kind == "video":
        codec = _el(0x86, spec.codec_id.encode())
        if spec.spare or spec.codec != "vp8":  # room for track_slots.recodec
            codec += track_slots.void(track_slots.CODEC_ROOM - len(codec))
        body += _uint(0x83, 1) + codec + track_slots.video(spec.width, spec.height)
    elif spec.kind == "audio":
        body += (_uint(0x83, 2) + _el(0x86, b"A_OPUS") + _el(0x63A2, OPUS_HEAD)
                 + _uint(0x56AA, OPUS_CODEC_DELAY_NS) + _uint(0x56BB, OPUS_SEEK_PRE_ROLL_NS)
                 + _el(0xE1, _el(0xB5, struct.pack(">d", 48000.0)) + _uint(0x9F, 2)))
    else:
        raise ValueError(f"unknown track kind {spec.kind!r}")
    return _el(0xAE, body)


def _seek_head(cues_position: int) -> bytes:
    """A SeekHead of one Seek: the Cues at ``cues_position`` (a Segment Position: bytes from
    the start of the Segment's data), always of one length."""
    return _el(SEEK_HEAD, _el(SEEK, _el(SEEK_ID, CUES.to_bytes(4, "big"))
                              + _el(SEEK_POSITION, cues_position.to_bytes(8, "big"))))


def _duration(ms: float) -> bytes:
    return _el(DURATION, struct.pack(">d", ms))


EBML_HEADER = _el(0x1A45DFA3, _uint(0x4286, 1) + _uint(0x42F7, 1) + _uint(0x42F2, 4)
                  + _uint(0x42F3, 8) + _el(0x4282, b"matroska") + _uint(0x4287, 4)
                  + _uint(0x4285, 2))
SEGMENT_SIZE_AT = len(EBML_HEADER) + 4
"Where the Segment's 8-byte size lies (unknown, all ones, until :meth:`MatroskaMuxer.end_edits`)."
SEGMENT_DATA_AT = SEGMENT_SIZE_AT + 8
"Where the Segment's data starts: Segment Positions count from here."
INFO = _el(0x1549A966, _uint(0x2AD7B1, 1_000_000) + _el(0x4D80, b"fjord") + _el(0x5741, b"fjord")
           + track_slots.void(len(_duration(0.0))))
SEEK_HEAD_AT = SEGMENT_DATA_AT
"The SeekHead's room: a Void as long as :func:`_seek_head`, the Segment's first child."
DURATION_AT = SEEK_HEAD_AT + len(_seek_head(0)) + len(INFO) - len(_duration(0.0))
"The Duration's room: a Void, Info's last child."


def header(tracks: list[TrackSpec]) -> bytes:
    """The EBML header, the Segment's start (unknown size), room for a SeekHead, Info (room
    for its Duration) and Tracks."""
    tracks_el = _el(0x1654AE6B, b"".join(_track_entry(i + 1, spec)
                                         for i, spec in enumerate(tracks)))
    return (EBML_HEADER + bytes.fromhex("1853806701ffffffffffffff")
            + track_slots.void(len(_seek_head(0))) + INFO + tracks_el)


class MatroskaMuxer:
    """Writes a Matroska file of ``tracks`` to ``sink`` as it goes (header at once)."""

    def __init__(self, sink: Callable[[bytes], None], tracks: list[TrackSpec]) -> None:
        self.tracks = tracks
        self._sink = sink
        self._header = header(tracks)
        self._last_pts = [-1] * len(tracks)
        self._blocks: list[bytes] = []
        self._cluster_ms = 0
        self._cluster_bytes = 0
        self._cluster_cues: list[tuple[int, int, int]] = []
        "(time, track index, offset among the blocks) of the open Cluster's cued frames."
        self._cued: set[int] = set()
        "Video tracks with a CuePoint in the open Cluster."
        self._next_audio_cue = [0] * len(tracks)
        "Per audio track: the time from which a frame of it gets a CuePoint again."
        self._cues = array("Q")
        "(time, track number, Cluster's Segment Position, relative position) per CuePoint."
        self._cues_at: int | None = None
        "The Cues' Segment Position, once written."
        self._end_ms = 0
        "Where the timeline's last frame ends (ms): the Duration."
        self.bytes_written = 0
        self.codec_private_dropped = 0
        self.closed = False
        self._emit(self._header)

    def _emit(self, data: bytes) -> None:
        self.bytes_written += len(data)
        self._sink(data)

    def write(self, track: int, pts_ms: int, data: bytes, keyframe: bool) -> bool:
        """Mux one frame of track ``track`` (index in ``tracks``); False (dropped) when its
        time is not after the track's previous frame's.

        Raises whatever ``sink`` raises (the uploader's UploadFailed)."""
        if pts_ms <= self._last_pts[track] or pts_ms < 0:
            return False
        last, self._last_pts[track] = self._last_pts[track], pts_ms
        step = min(pts_ms - last, MAX_FRAME_MS) if last >= 0 else 0
        self._end_ms = max(self._end_ms, pts_ms + step)
        if self._blocks:
            age = pts_ms - self._cluster_ms
            if (not -0x8000 <= age <= 0x7FFF or age >= MAX_CLUSTER_MS
                    or self._cluster_bytes >= MAX_CLUSTER_BYTES
                    or keyframe and age >= CLUSTER_MS and self.tracks[track].kind == "video"):
                self._flush_cluster()
        if not self._blocks:
            self._cluster_ms = pts_ms
        if keyframe and self._cue(track, pts_ms):
            self._cluster_cues.append((pts_ms, track, self._cluster_bytes))
        block = _el(SIMPLE_BLOCK, _size(track + 1) + struct.pack(
            ">hB", pts_ms - self._cluster_ms, 0x80 if keyframe else 0) + data)
        self._blocks.append(block)
        self._cluster_bytes += len(block)
        return True

    def _cue(self, track: int, pts_ms: int) -> bool:
        """Whether a keyframe of ``track`` at ``pts_ms`` gets a CuePoint: a video track's
        first in the open Cluster, an audio track's first AUDIO_CUE_MS after its last."""
        if self.tracks[track].kind == "video":
            if track in self._cued:
                return False
            self._cued.add(track)
        elif pts_ms < self._next_audio_cue[track]:
            return False
        else:
            self._next_audio_cue[track] = pts_ms + AUDIO_CUE_MS
        return True

    def _flush_cluster(self) -> None:
        if self._blocks:
            blocks, self._blocks, self._cluster_bytes = self._blocks, [], 0
            timestamp = _uint(TIMESTAMP, self._cluster_ms)
            position = self.bytes_written - SEGMENT_DATA_AT
            for pts_ms, track, offset in self._cluster_cues:
                self._cues.extend((pts_ms, track + 1, position, len(timestamp) + offset))
            self._cluster_cues.clear()
            self._cued.clear()
            self._emit(_el(CLUSTER, timestamp + b"".join(blocks)))

    def header_edits(self, names: dict[int, str],
                     codecs: dict[int, tuple[str, bytes | None]] | None = None,
                     sizes: dict[int, tuple[int, int]] | None = None,
                     final: bool = True) -> list[tuple[int, bytes]]:
        """Edits ``(file offset, bytes)`` of the written header that name each spare track
        of ``names`` (track index -> name), remove every other spare track (when ``final``:
        before the end a later participant may still take it), give each
        video track of ``codecs`` (index -> (codec, CodecPrivate or None)) that codec and
        each video track of ``sizes`` (index -> (width, height), its first keyframe's)
        that picture size.

        A CodecPrivate too large for the track's room is left out (the CodecID is still
        written; counted in ``codec_private_dropped``)."""
        kept = [i for i, spec in enumerate(self.tracks) if not spec.spare or i in names]
        spare = [i for i, spec in enumerate(self.tracks) if spec.spare and (final or i in names)]
        codecs = {i: c for i, c in (codecs or {}).items()
                  if i in kept and (self.tracks[i].spare or self.tracks[i].codec != "vp8")}
        sizes = {i: s for i, s in (sizes or {}).items()
                 if i in kept and self.tracks[i].kind == "video"}
        if not spare and not codecs and not sizes:
            return []
        entries = {e.number - 1: e for e in track_slots.track_entries(self._header)}
        edits = [track_slots.rename(entries[i], names[i]) if i in names
                 else track_slots.remove(entries[i]) for i in spare]
        for i, (width, height) in sorted(sizes.items()):
            with contextlib.suppress(ValueError):  # a size no Video element holds: kept
                edits.append(track_slots.resize(entries[i], width, height))
        for i, (codec, private) in sorted(codecs.items()):
            codec_id = VIDEO_CODEC_IDS[codec]
            try:
                edits.append(track_slots.recodec(entries[i], codec_id, private))
            except ValueError:
                self.codec_private_dropped += 1
                edits.append(track_slots.recodec(entries[i], codec_id, None))
        return edits

    def close(self) -> None:
        """Write the last Cluster and the Cues; idempotent. A file that got no frame
        (stopped before any came) still gets one Cluster, empty: ffmpeg refuses a Segment
        that ends after its Tracks ("End of file") and would call the recording unreadable."""
        if not self.closed:
            self.closed = True
            if not self._blocks and self.bytes_written == len(self._header):
                self._emit(_el(CLUSTER, _uint(TIMESTAMP, 0)))
            self._flush_cluster()
            if self._cues:
                points = sorted(zip(*[iter(self._cues)] * 4, strict=True))
                self._cues_at = self.bytes_written - SEGMENT_DATA_AT
                self._emit(_el(CUES, b"".join(
                    _el(CUE_POINT, _uint(CUE_TIME, pts_ms) + _el(CUE_TRACK_POSITIONS, _uint(
                        CUE_TRACK, number) + _uint(CUE_CLUSTER_POSITION, cluster)
                        + _uint(CUE_RELATIVE_POSITION, relative)))
                    for pts_ms, number, cluster, relative in points)))

    def end_edits(self) -> list[tuple[int, bytes]]:
        """Edits ``(file offset, bytes)`` of the header of the closed file that only its
        whole tells: the Segment's size, the Duration (none when no frame came: it must be
        above 0) and a SeekHead to the Cues. For a file kept whole only: one cut short
        (a crash's, or a failed upload's) would claim a length and an index it does not
        hold.

        Raises:
            ValueError: the file is not closed yet.
        """
        if not self.closed:
            raise ValueError("the file is not closed yet")
        size = self.bytes_written - SEGMENT_DATA_AT
        edits = [(SEGMENT_SIZE_AT, (1 << 56 | size).to_bytes(8, "big"))]
        if self._end_ms > 0:
            edits.append((DURATION_AT, _duration(float(self._end_ms))))
        if self._cues_at is not None:
            edits.append((SEEK_HEAD_AT, _seek_head(self._cues_at)))
        return edits
