"""recording.track_slots: a Matroska header's spare tracks named or removed in place, without
moving a byte after them; what PyAV (ffmpeg's demuxer) then reads."""

from __future__ import annotations

import io

import av
import pytest

from recording.errors import ParseError
from recording.muxer import MatroskaMuxer, TrackSpec
from recording.track_slots import remove, rename, track_entries

OPUS_SILENCE = b"\xfc\xff\xfe"


def muxed(names: dict[int, str]) -> tuple[bytes, bytes]:
    """A file of one audio track and three spare ones (two audio, one video); the file as
    written and with the header edits for ``names`` applied."""
    out = bytearray()
    muxer = MatroskaMuxer(out.extend, [
        TrackSpec("audio", "Ada audio"), TrackSpec("video", "", spare=True),
        TrackSpec("audio", "", spare=True), TrackSpec("audio", "", spare=True)])
    for i in range(5):
        muxer.write(0, i * 20, OPUS_SILENCE, True)
        muxer.write(2, i * 20 + 5, OPUS_SILENCE, True)
    muxer.close()
    edited = bytearray(out)
    for offset, data in muxer.header_edits(names):
        edited[offset:offset + len(data)] = data
    return bytes(out), bytes(edited)


def titles(data: bytes) -> list[tuple[str, str]]:
    with av.open(io.BytesIO(data)) as container:
        return [(s.type, s.metadata.get("title", "")) for s in container.streams]


def test_a_taken_slot_is_named_and_the_others_are_gone() -> None:
    written, edited = muxed({2: "Grace Hopper, who joined late audio"})
    assert len(edited) == len(written)
    assert len(titles(written)) == 4
    assert titles(edited) == [("audio", "Ada audio"),
                              ("audio", "Grace Hopper, who joined late audio")]
    with av.open(io.BytesIO(edited)) as container:
        assert sum(p.size > 0 for p in container.demux(container.streams[1])) == 5


def test_a_long_name_is_cut_at_a_character_boundary() -> None:
    _, edited = muxed({2: "é" * 200})
    name = titles(edited)[1][1]
    assert name == "é" * len(name) and 40 <= len(name) <= 47


def test_a_long_display_name_is_cut_before_its_kind() -> None:
    """Finding 9: a late joiner "a" + 30 emoji lost the " video"/" audio" suffix, two tracks
    then had the same title; the display name is cut, the kind kept."""
    long_name = "a" + "\U0001F600" * 30
    _, edited = muxed({1: f"{long_name} video", 2: f"{long_name} audio"})
    named = titles(edited)[1:]
    assert [kind for kind, _ in named] == ["video", "audio"]
    for (kind, title) in named:
        assert title.endswith(f" {kind}") and long_name.startswith(title.rsplit(" ", 1)[0])
        assert len(title) < len(long_name)


def test_the_entries_are_found_in_order_and_edits_keep_their_length() -> None:
    written, _ = muxed({})
    entries = track_entries(written[:4096])
    assert [e.number for e in entries] == [1, 2, 3, 4]
    for entry in entries[1:]:
        offset, data = remove(entry)
        assert (offset, len(data)) == (entry.offset, entry.length)
        offset, data = rename(entry, "x")
        assert (offset, len(data)) == (entry.name_offset, entry.name_length)


@pytest.mark.parametrize("data", [b"", b"\x1a\x45\xdf\xa3\x80", b"\x00" * 32,
                                  b"\x1a\x45\xdf\xa3\x80\x18\x53\x80\x67\xff"])
def test_a_file_without_tracks_is_a_parse_error(data: bytes) -> None:
    with pytest.raises(ParseError):
        track_entries(data)
