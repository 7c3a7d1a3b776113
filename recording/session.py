"""One recording: each stream's frames into one Matroska file streamed to the bucket.

Glue of :class:`recording.track.TrackRecorder` (per stream), :class:`recording.muxer.
MatroskaMuxer` and :class:`recording.uploader.MultipartUploader`; the SFU-side tap feeds it
packets and awaits :meth:`drain` between batches (back-pressure).

Spare tracks (``TrackSpec.spare``) are slots for participants who join after the header was
written: :meth:`RecordingSession.assign` gives one a name, and :meth:`finish` edits the
header held in the uploader's part 1 (``hold_head``) to name the taken slots and remove the
others, and to give each H.264 track the decoder configuration its stream's SPS and PPS
make (:mod:`recording.track_slots`), and, once the bucket holds every other part of the
file, to state the file's Duration and where its Cues lie (:meth:`recording.muxer.
MatroskaMuxer.end_edits`); in an encrypted file, through the encryptor's
first chunk sealed again (:meth:`recording.age.AgeEncryptor.reseal_first`). An unencrypted
file's part 1 is also uploaded as soon as it is full (the uploader's ``early_head``), with
the edits known then (taken slots named, free ones kept), for a process that dies before
the end.
"""

from __future__ import annotations

from recording.age import AgeEncryptor
from recording.errors import UploadFailed
from recording.muxer import MatroskaMuxer, TrackSpec
from recording.track import TrackRecorder
from recording.uploader import MultipartUploader


class RecordingSession:
    """Records ``specs`` (one audio and one video track per participant) to ``uploader``."""

    def __init__(self, uploader: MultipartUploader, specs: list[TrackSpec],
                 clock_rates: list[int], encrypt_to: str | None = None) -> None:
        """``encrypt_to``: an age X25519 recipient; the file is then age ciphertext."""
        self.uploader = uploader
        self.encryptor = AgeEncryptor(encrypt_to, uploader.write) if encrypt_to else None
        self.tracks = [TrackRecorder(spec.kind, rate, codec=spec.codec)
                       for spec, rate in zip(specs, clock_rates, strict=True)]
        self.muxer = MatroskaMuxer(
            self.encryptor.write if self.encryptor else uploader.write, specs)
        self.frames_written = [0] * len(specs)
        self.spare = [i for i, spec in enumerate(specs) if spec.spare]
        "Indexes of the spare tracks nobody took yet."
        self._named: dict[int, str] = {}
        if (self.spare or any(t.codec == "h264" for t in self.tracks)) and not uploader.hold_head:
            raise ValueError("spare and H.264 tracks need an uploader that holds part 1")
        if self.encryptor is None:  # an age file's part 1 is never uploaded early
            uploader.head_edits = lambda: self._header_edits(final=False)

    def _header_edits(self, final: bool = True) -> list[tuple[int, bytes]]:
        """The header's edits as far as the tracks tell now (:meth:`MatroskaMuxer.
        header_edits`; before the end, ``final`` False, the spare slots nobody took yet
        stay)."""
        codecs = {i: (t.codec, t.codec_private()) for i, t in enumerate(self.tracks)
                  if t.codec == "h264"}
        sizes = {i: size for i, t in enumerate(self.tracks)  # only a held header is edited
                 if self.uploader.hold_head and (size := t.size()) is not None}
        return self.muxer.header_edits(self._named, codecs, sizes, final)

    def assign(self, kind: str, name: str, codec: str = "vp8") -> int | None:
        """Give a spare track of ``kind`` to a stream named ``name`` (video: of ``codec``,
        "vp8" or "h264"): its index, or None when no spare track of that kind is left."""
        for index in self.spare:
            spare = self.tracks[index]
            if spare.kind == kind:
                self.spare.remove(index)
                self._named[index] = name
                if kind == "video" and codec != spare.codec:
                    self.tracks[index] = TrackRecorder(kind, spare.clock.clock_rate,
                                                       codec=codec)
                return index
        return None

    def restart(self, index: int) -> None:
        """Track ``index`` goes on with another stream of its codec (its participant came
        back): the ended stream's last frames are written, and the new one is reordered,
        timed and assembled afresh (its frames after the ended one's)."""
        self._flush(index)
        self.tracks[index] = self.tracks[index].restarted()

    def _flush(self, index: int) -> None:
        """Write the frames track ``index`` still holds in its reordering buffer."""
        for frame in self.tracks[index].flush():
            if self.muxer.write(index, frame.pts_ms, frame.data, frame.keyframe):
                self.frames_written[index] += 1

    def packet(self, track: int, seq: int, ts: int, marker: bool, payload: bytes,
               arrival_ms: float) -> bool:
        """Record one RTP packet of ``track``; True when that track needs a keyframe
        (the caller requests one from the publisher, throttled)."""
        recorder = self.tracks[track]
        for frame in recorder.push(seq, ts, marker, payload, arrival_ms):
            if self.muxer.write(track, frame.pts_ms, frame.data, frame.keyframe):
                self.frames_written[track] += 1
            else:
                recorder.frame_left_out()
        return recorder.needs_keyframe

    async def drain(self) -> None:
        """Wait for room in the upload backlog (raises UploadFailed past its bound)."""
        await self.uploader.drain()

    async def finish(self) -> int:
        """Flush every track, close the file and complete the upload; its size in bytes.

        Raises:
            UploadFailed: the bucket failed; the part it holds is completed when possible.
        """
        try:
            if self.uploader.failure is None:
                for index in range(len(self.tracks)):
                    self._flush(index)
            self.muxer.close()
            if self.encryptor is not None:
                self.encryptor.close()
        except UploadFailed:
            pass  # complete() below finishes what the bucket holds and raises the failure
        return await self.uploader.complete(self._final_edits)

    def _final_edits(self, whole: bool) -> list[tuple[int, bytes]]:
        """The header's last edits: the tracks' (the partial file's too) and, when the
        bucket holds every other part of the file (``whole``), its length, Duration and
        where its Cues lie (:meth:`MatroskaMuxer.end_edits`); in an age file, chunk 0
        sealed again with them."""
        edits = self._header_edits()
        if whole:
            edits += self.muxer.end_edits()
        if edits and self.encryptor is not None:
            try:
                edits = [self.encryptor.reseal_first(edits)]
            except ValueError:  # the bucket failed before chunk 0 was sealed: nothing kept
                edits = []
        return edits
