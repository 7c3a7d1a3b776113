"""Matroska in memory by PyAV's stream copy: coded frames in, file bytes out to a sink.

No decoding and no file: PyAV writes into a write-only file-like object whose ``write``
hands each chunk to ``sink`` (the uploader). Tracks are named and declared before the first
frame (Matroska's Tracks element precedes the clusters). Times are milliseconds (the
Matroska default TimestampScale); frames of a track must come in presentation order.

A track declared ``spare`` is a slot for a participant who joins after the header was
written: it carries a placeholder name, and :meth:`MatroskaMuxer.header_edits` says how to
name it or remove it from the header afterwards (:mod:`recording.track_slots`).
"""

from __future__ import annotations

import io
import struct
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import av

from recording import track_slots

MS = Fraction(1, 1000)
OPUS_HEAD = b"OpusHead" + struct.pack("<BBHIhB", 1, 2, 312, 48000, 0, 0)
"""Opus identification header (RFC 7845 section 5.1): version 1, 2 channels, 312 samples
pre-skip, 48 kHz, no gain, mapping family 0; Matroska's CodecPrivate for A_OPUS."""


@dataclass(frozen=True)
class TrackSpec:
    """A track to declare: ``kind`` "audio" (Opus) or "video" (VP8), its name, and for
    video the size in pixels from the first keyframe (players read the real size from each
    keyframe)."""

    kind: str
    name: str
    width: int = 640
    height: int = 480
    spare: bool = False
    "A slot for a later participant: named (or removed) by :meth:`MatroskaMuxer.header_edits`."


HEAD_BYTES = 256 * 1024
"""The file's first bytes kept to find the tracks in (the header of 64 tracks is ~10 KiB)."""


class _Sink(io.RawIOBase):
    def __init__(self, sink: Callable[[bytes], None]) -> None:
        self._sink = sink
        self.written = 0
        self.head = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        chunk = bytes(data)
        if len(self.head) < HEAD_BYTES:
            self.head += chunk[:HEAD_BYTES - len(self.head)]
        self._sink(chunk)
        self.written += len(chunk)
        return len(chunk)


class MatroskaMuxer:
    """Writes a Matroska file of ``tracks`` to ``sink`` as it goes."""

    def __init__(self, sink: Callable[[bytes], None], tracks: list[TrackSpec]) -> None:
        self._out = _Sink(sink)
        # No CRC-32 elements: header_edits changes bytes of the Tracks element afterwards.
        self._container = av.open(self._out, mode="w", format="matroska",
                                  options={"write_crc32": "0"})
        self._streams = []
        self._last_pts: list[int] = []
        self.tracks = tracks
        for index, spec in enumerate(tracks):
            if spec.kind == "video":
                stream = self._container.add_stream("libvpx", rate=30)
                stream.width, stream.height = spec.width, spec.height
            elif spec.kind == "audio":
                stream = self._container.add_stream("libopus", rate=48000)
                stream.codec_context.extradata = OPUS_HEAD
            else:
                raise ValueError(f"unknown track kind {spec.kind!r}")
            stream.time_base = MS
            stream.metadata["title"] = track_slots.placeholder(index) if spec.spare else spec.name
            self._streams.append(stream)
            self._last_pts.append(-1)
        self.closed = False

    @property
    def bytes_written(self) -> int:
        return self._out.written

    def write(self, track: int, pts_ms: int, data: bytes, keyframe: bool) -> bool:
        """Mux one frame of track ``track`` (index in ``tracks``); False (dropped) when its
        time is not after the track's previous frame's."""
        if pts_ms <= self._last_pts[track] or pts_ms < 0:
            return False
        self._last_pts[track] = pts_ms
        packet = av.Packet(data)
        packet.stream = self._streams[track]
        packet.pts = packet.dts = pts_ms
        packet.time_base = MS
        packet.is_keyframe = keyframe
        self._container.mux(packet)
        return True

    def header_edits(self, names: dict[int, str]) -> list[tuple[int, bytes]]:
        """Edits ``(file offset, bytes)`` of the written header that name each spare track
        of ``names`` (track index -> name) and remove every other spare track.

        Raises:
            recording.errors.ParseError: the header is not in the bytes written so far.
        """
        spare = [i for i, spec in enumerate(self.tracks) if spec.spare]
        if not spare:
            return []
        entries = {e.number - 1: e for e in track_slots.track_entries(bytes(self._out.head))}
        return [track_slots.rename(entries[i], names[i]) if i in names
                else track_slots.remove(entries[i]) for i in spare]

    def close(self) -> None:
        """Write the trailer (cues) and flush; idempotent."""
        if not self.closed:
            self.closed = True
            self._container.close()
