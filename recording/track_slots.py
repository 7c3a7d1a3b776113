"""Spare track slots of a Matroska header, named or removed once the recording ends.

Matroska declares every track in its Tracks element, before the first Cluster, and a file
streamed to a bucket cannot grow that element afterwards. So the recorder declares spare
slots (a video and an audio track per participant who may still join) under a fixed-length
placeholder name, and when it closes the file it edits the header bytes in place, without
moving a byte of anything after them (RFC 9559, sections 6.3 and 5.1.4.1):

- a slot that got a participant: its Name element is rewritten to that name in the same
  room, the rest filled with a Void element (ID 0xEC, allowed at any level);
- a slot nobody took: its whole TrackEntry becomes a Void element of the same length, so
  players and ffprobe list only the tracks that hold frames;
- a track whose codec needs what only its frames tell (H.264's decoder configuration, from
  the SPS and PPS seen in-band; a spare video slot taken by an H.264 stream): its CodecID
  and the Void the muxer wrote after it are rewritten to the codec's CodecID and
  CodecPrivate in the same room, the rest again a Void.
- a video track's picture size: the header declares one before any frame came, in a Video
  element of fixed length (:func:`video`), rewritten to the size of the track's first
  keyframe (:func:`resize`).

The header bytes must be written without CRC-32 elements (the muxer turns them off). Pure:
bytes in, edits out.
"""

from __future__ import annotations

from dataclasses import dataclass

from recording.errors import ParseError

SEGMENT, TRACKS, TRACK_ENTRY, TRACK_NUMBER, NAME, VOID = (
    0x18538067, 0x1654AE6B, 0xAE, 0xD7, 0x536E, 0xEC)
CODEC_ID, CODEC_PRIVATE = 0x86, 0x63A2
CODEC_ROOM = 320
"""Bytes a video track's CodecID and the Void after it take when the codec may still change
or need a CodecPrivate (an AVCDecoderConfigurationRecord of up to about 290 bytes)."""
CLUSTER = 0x1F43B675
VIDEO, PIXEL_WIDTH, PIXEL_HEIGHT = 0xE0, 0xB0, 0xBA
PLACEHOLDER_BYTES = 96
"""Length of a slot's placeholder name: the room a participant's track name has (longer
names are cut at a character boundary)."""


def placeholder(slot: int) -> str:
    """The placeholder name of spare slot ``slot`` (unique, PLACEHOLDER_BYTES long)."""
    return f"fjord-slot-{slot:04d}".ljust(PLACEHOLDER_BYTES, "~")


@dataclass(frozen=True)
class TrackEntry:
    """Where one TrackEntry lies in the file: ``offset`` of its ID, ``length`` in bytes with
    its header, its ``number``, its Name element's offset and length (or -1, 0), the
    offset and length of its CodecID with the Void right after it (or -1, 0), and of its
    Video element (or -1, 0)."""

    offset: int
    length: int
    number: int
    name_offset: int = -1
    name_length: int = 0
    codec_offset: int = -1
    codec_length: int = 0
    video_offset: int = -1
    video_length: int = 0


def _vint(data: bytes, pos: int) -> tuple[int, int]:
    """(value, length) of the EBML variable-size integer at ``pos``."""
    if pos >= len(data):
        raise ParseError("EBML header cut short")
    first = data[pos]
    length = 1
    while length <= 8 and not first & (0x80 >> (length - 1)):
        length += 1
    if length > 8 or pos + length > len(data):
        raise ParseError("bad EBML size")
    value = first & (0xFF >> length)
    for b in data[pos + 1:pos + length]:
        value = value << 8 | b
    return value, length


def _element(data: bytes, pos: int) -> tuple[int, int, int]:
    """(ID, data offset, data size; -1 when unknown) of the element at ``pos``."""
    if pos >= len(data):
        raise ParseError("EBML header cut short")
    id_len = 1
    while id_len <= 4 and not data[pos] & (0x80 >> (id_len - 1)):
        id_len += 1
    if id_len > 4 or pos + id_len > len(data):
        raise ParseError("bad EBML ID")
    element_id = int.from_bytes(data[pos:pos + id_len], "big")
    size, size_len = _vint(data, pos + id_len)
    unknown = size == (1 << (7 * size_len)) - 1
    return element_id, pos + id_len + size_len, -1 if unknown else size


def track_entries(head: bytes) -> list[TrackEntry]:
    """The TrackEntries of a Matroska file's first bytes (its header at least).

    Raises:
        ParseError: not a Matroska header, or the Tracks element is not in ``head``.
    """
    _, start, size = _element(head, 0)  # the EBML header
    pos = start + size
    element_id, pos, _ = _element(head, pos)
    if element_id != SEGMENT:
        raise ParseError("no Segment")
    while pos < len(head):
        element_id, start, size = _element(head, pos)
        if element_id == CLUSTER or size < 0:
            break
        if element_id == TRACKS:
            if start + size > len(head):
                raise ParseError("Tracks cut short")
            return _entries(head, start, start + size)
        pos = start + size
    raise ParseError("no Tracks before the first Cluster")


def _entries(head: bytes, pos: int, end: int) -> list[TrackEntry]:
    entries = []
    while pos < end:
        element_id, start, size = _element(head, pos)
        if element_id == TRACK_ENTRY:
            number, name_offset, name_length = 0, -1, 0
            codec_offset, codec_length, previous = -1, 0, 0
            video_offset, video_length = -1, 0
            child = start
            while child < start + size:
                child_id, child_start, child_size = _element(head, child)
                length = child_start + child_size - child
                if child_id == TRACK_NUMBER:
                    number = int.from_bytes(head[child_start:child_start + child_size], "big")
                elif child_id == NAME:
                    name_offset, name_length = child, length
                elif child_id == CODEC_ID:
                    codec_offset, codec_length = child, length
                elif child_id == VOID and previous == CODEC_ID:
                    codec_length += length
                elif child_id == VIDEO:
                    video_offset, video_length = child, length
                previous = child_id
                child = child_start + child_size
            entries.append(TrackEntry(pos, start + size - pos, number, name_offset,
                                      name_length, codec_offset, codec_length, video_offset,
                                      video_length))
        pos = start + size
    return entries


def void(length: int) -> bytes:
    """A Void element of exactly ``length`` bytes (at least 2; 9 or more for a long one)."""
    if length < 2:
        raise ValueError("a Void element takes at least 2 bytes")
    if length - 2 < 127:
        return bytes([VOID, 0x80 | (length - 2)]) + bytes(length - 2)
    body = length - 9
    return bytes([VOID, 0x01]) + body.to_bytes(7, "big") + bytes(body)


def rename(entry: TrackEntry, name: str) -> tuple[int, bytes]:
    """The edit ``(offset, bytes)`` giving ``entry`` the Name ``name`` in its placeholder's
    room: a short Name element then a Void filling the rest. A name too long for the room
    is cut before its last word (``<display name> video|audio`` keeps its kind), at a
    character boundary."""
    room = entry.name_length - 3 - 2  # Name's 2-byte ID and 1-byte size; a Void's 2 bytes
    data = name.encode()
    if len(data) > room:
        head, space, kind = name.rpartition(" ")
        tail = (space + kind).encode()
        if not space or len(tail) >= room:
            head, tail = name, b""
        data = head.encode()[:room - len(tail)].decode(errors="ignore").encode() + tail
    if entry.name_offset < 0 or len(data) > 126:
        raise ValueError("the slot has no placeholder name of this length")
    edit = NAME.to_bytes(2, "big") + bytes([0x80 | len(data)]) + data
    return entry.name_offset, edit + void(entry.name_length - len(edit))


def remove(entry: TrackEntry) -> tuple[int, bytes]:
    """The edit ``(offset, bytes)`` turning ``entry`` into a Void element."""
    return entry.offset, void(entry.length)


def _el(element_id: int, data: bytes) -> bytes:
    if len(data) > 0x3FFE:
        raise ValueError("element too large for a header edit")
    size = bytes([0x80 | len(data)]) if len(data) < 127 else (0x4000 | len(data)).to_bytes(2,
                                                                                        "big")
    return element_id.to_bytes((element_id.bit_length() + 7) // 8, "big") + size + data


def recodec(entry: TrackEntry, codec_id: str, private: bytes | None) -> tuple[int, bytes]:
    """The edit ``(offset, bytes)`` writing CodecID ``codec_id`` and, when given, a
    CodecPrivate ``private`` in the room of ``entry``'s CodecID and the Void after it.

    Raises:
        ValueError: they do not fit (or the entry has no CodecID).
    """
    edit = _el(CODEC_ID, codec_id.encode())
    if private is not None:
        edit += _el(CODEC_PRIVATE, private)
    if entry.codec_offset < 0 or len(edit) + 2 > entry.codec_length:
        raise ValueError("the codec does not fit in the track's room")
    return entry.codec_offset, edit + void(entry.codec_length - len(edit))


def video(width: int, height: int) -> bytes:
    """A Video element declaring ``width`` x ``height`` pixels (1-65535 each), of one length
    whatever the size, so that :func:`resize` can rewrite it in place."""
    if not (0 < width < 1 << 16 and 0 < height < 1 << 16):
        raise ValueError("a picture size of 1-65535 pixels")
    return _el(VIDEO, _el(PIXEL_WIDTH, width.to_bytes(2, "big"))
               + _el(PIXEL_HEIGHT, height.to_bytes(2, "big")))


def resize(entry: TrackEntry, width: int, height: int) -> tuple[int, bytes]:
    """The edit ``(offset, bytes)`` declaring ``width`` x ``height`` pixels in the Video
    element of ``entry`` (written by :func:`video`).

    Raises:
        ValueError: the entry has no such Video element, or the size is out of range.
    """
    edit = video(width, height)
    if entry.video_offset < 0 or entry.video_length != len(edit):
        raise ValueError("the track has no Video element of this length")
    return entry.video_offset, edit
