"""Matroska from coded frames, written as it goes: frames in, file bytes out to a sink.

A small writer of its own (RFC 9559), not ffmpeg's muxer through PyAV: ffmpeg's muxer holds
every packet until each VP8 stream has one queued (its interleaving), so one camera that is
off, or one spare slot nobody took, kept the whole recording in memory and nothing reached
the bucket. Here each frame goes into the current Cluster as it comes, and a Cluster goes to
the sink when it is a second old at a video keyframe, 5 s old, or 1 MiB big.

Layout: EBML header; a Segment of unknown size (the file is streamed) holding Info (1 ms
TimestampScale), Tracks (one TrackEntry per track, named), then Clusters of SimpleBlocks. No
Cues or SeekHead: players and ffprobe read the file front to back. Tracks are declared
before the first frame; an H.264 track's CodecPrivate (its decoder configuration, from
the SPS and PPS in its frames) is written into room the header keeps for it when the
recording ends, like the names of spare slots. A track declared ``spare`` is a slot for
a participant who joins after the header was written: it carries a placeholder name, and
:meth:`MatroskaMuxer.header_edits` says how to name it or remove it from the header
afterwards (:mod:`recording.track_slots`). Times are milliseconds on the recording's
timeline; frames of a track must come in presentation order (others are dropped).
"""

from __future__ import annotations

import contextlib
import struct
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


def header(tracks: list[TrackSpec]) -> bytes:
    """The EBML header, the Segment's start (unknown size), Info and Tracks."""
    ebml = _el(0x1A45DFA3, _uint(0x4286, 1) + _uint(0x42F7, 1) + _uint(0x42F2, 4)
               + _uint(0x42F3, 8) + _el(0x4282, b"matroska") + _uint(0x4287, 4)
               + _uint(0x4285, 2))
    info = _el(0x1549A966, _uint(0x2AD7B1, 1_000_000) + _el(0x4D80, b"fjord")
               + _el(0x5741, b"fjord"))
    tracks_el = _el(0x1654AE6B, b"".join(_track_entry(i + 1, spec)
                                         for i, spec in enumerate(tracks)))
    return ebml + bytes.fromhex("1853806701ffffffffffffff") + info + tracks_el


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
        self._last_pts[track] = pts_ms
        if self._blocks:
            age = pts_ms - self._cluster_ms
            if (not -0x8000 <= age <= 0x7FFF or age >= MAX_CLUSTER_MS
                    or self._cluster_bytes >= MAX_CLUSTER_BYTES
                    or keyframe and age >= CLUSTER_MS and self.tracks[track].kind == "video"):
                self._flush_cluster()
        if not self._blocks:
            self._cluster_ms = pts_ms
        block = (_size(track + 1) + struct.pack(">hB", pts_ms - self._cluster_ms,
                                                0x80 if keyframe else 0) + data)
        self._blocks.append(_el(0xA3, block))
        self._cluster_bytes += len(block)
        return True

    def _flush_cluster(self) -> None:
        if self._blocks:
            blocks, self._blocks, self._cluster_bytes = self._blocks, [], 0
            self._emit(_el(0x1F43B675, _uint(0xE7, self._cluster_ms) + b"".join(blocks)))

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
        """Write the last Cluster; idempotent. A file that got no frame (stopped before any
        came) still gets one Cluster, empty: ffmpeg refuses a Segment that ends after its
        Tracks ("End of file") and would call the recording unreadable."""
        if not self.closed:
            self.closed = True
            if not self._blocks and self.bytes_written == len(self._header):
                self._emit(_el(0x1F43B675, _uint(0xE7, 0)))
            self._flush_cluster()
