"""RTP header extension elements (RFC 8285 sections 4.2 and 4.3) read and remapped in place.

One-byte form (profile 0xBEDE): each element is ``ID(4 bits) | L(4 bits)`` followed by
L+1 bytes; ID 0 is a single padding byte and ID 15 ends the block. Two-byte form
(profile 0x100X): ``ID(8) | L(8)`` followed by L bytes; ID 0 is a padding byte.

Remapping is driven by a 256-byte table ``id_map`` where ``id_map[publisher_id]`` is the
id the subscriber negotiated, or 0 to blank the element (overwritten with padding bytes
so the block keeps its length).
"""

from sfu.errors import ParseError

ONE_BYTE_PROFILE = 0xBEDE

URI_MID = "urn:ietf:params:rtp-hdrext:sdes:mid"
URI_RID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"
URI_REPAIRED_RID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id"
URI_ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"
URI_TRANSPORT_CC = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"
URI_AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level"


def _is_two_byte(profile: int) -> bool:
    return (profile & 0xFFF0) == 0x1000


def locate_extension(data: bytes, start: int, end: int, profile: int, ext_id: int
                     ) -> tuple[int, int]:
    """Return ``(value offset, value length)`` of the first element ``ext_id`` in
    ``data[start:end]``, or ``(-1, 0)`` if absent (or the profile is not an RFC 8285 one).

    ``start``, ``end`` and ``profile`` come from :func:`sfu.rtp.header.read_header`.

    :raises ParseError: an element before or at ``ext_id``'s overruns the extension block.
    """
    if profile == ONE_BYTE_PROFILE:
        pos = start
        while pos < end:
            b = data[pos]
            eid = b >> 4
            if eid == 0:
                pos += 1
                continue
            if eid == 15:
                return -1, 0
            length = (b & 0x0F) + 1
            if pos + 1 + length > end:
                raise ParseError("one-byte extension element overruns block")
            if eid == ext_id:
                return pos + 1, length
            pos += 1 + length
        return -1, 0
    if _is_two_byte(profile):
        pos = start
        while pos < end:
            eid = data[pos]
            if eid == 0:
                pos += 1
                continue
            if pos + 2 > end:
                raise ParseError("two-byte extension header truncated")
            length = data[pos + 1]
            if pos + 2 + length > end:
                raise ParseError("two-byte extension element overruns block")
            if eid == ext_id:
                return pos + 2, length
            pos += 2 + length
    return -1, 0


def find_extension(data: bytes, start: int, end: int, profile: int, ext_id: int) -> bytes | None:
    """Return the value of extension ``ext_id`` in ``data[start:end]``, or None if absent
    (:func:`locate_extension`).

    :raises ParseError: an element overruns the extension block.
    """
    pos, length = locate_extension(data, start, end, profile, ext_id)
    return None if pos < 0 else data[pos : pos + length]


def remap_extensions(buf: bytearray, start: int, end: int, profile: int, id_map: bytes) -> None:
    """Rewrite extension ids of ``buf[start:end]`` in place through ``id_map``.

    Elements whose mapped id is 0 are replaced by padding bytes. Blocks with a profile
    other than the RFC 8285 ones are left untouched.

    :raises ParseError: an element overruns the extension block (buffer may be
        partially rewritten; the caller drops the packet).
    """
    if profile == ONE_BYTE_PROFILE:
        pos = start
        while pos < end:
            b = buf[pos]
            eid = b >> 4
            if eid == 0:
                pos += 1
                continue
            if eid == 15:
                return
            length = (b & 0x0F) + 1
            nxt = pos + 1 + length
            if nxt > end:
                raise ParseError("one-byte extension element overruns block")
            new_id = id_map[eid]
            if new_id == 0 or new_id > 14:
                buf[pos:nxt] = bytes(nxt - pos)
            else:
                buf[pos] = (new_id << 4) | (b & 0x0F)
            pos = nxt
    elif _is_two_byte(profile):
        pos = start
        while pos < end:
            eid = buf[pos]
            if eid == 0:
                pos += 1
                continue
            if pos + 2 > end:
                raise ParseError("two-byte extension header truncated")
            nxt = pos + 2 + buf[pos + 1]
            if nxt > end:
                raise ParseError("two-byte extension element overruns block")
            new_id = id_map[eid]
            if new_id == 0:
                buf[pos:nxt] = bytes(nxt - pos)
            else:
                buf[pos] = new_id
            pos = nxt


def scan_extensions(data: bytes, start: int, end: int, profile: int, ext_id: int
                    ) -> tuple[int, int]:
    """Validate an extension block once per packet, as :func:`remap_extensions` would.

    Returns ``(mask, value_pos)``: ``mask`` has bit ``1 << id`` set for every element id
    present (0 for a profile other than the RFC 8285 ones), ``value_pos`` is the offset
    in ``data`` of the value of the first element ``ext_id`` when every element
    ``ext_id`` of the block is 3 bytes long, else -1 (none, or one of another length). A
    consumer whose id table maps every id of ``mask`` to itself needs no remapping
    (:func:`changed_ids_mask`).

    :raises ParseError: exactly when :func:`remap_extensions` would raise on the block.
    """
    mask = 0
    found = -1
    if profile == ONE_BYTE_PROFILE:
        pos = start
        while pos < end:
            b = data[pos]
            eid = b >> 4
            if eid == 0:
                pos += 1
                continue
            if eid == 15:
                break
            length = (b & 0x0F) + 1
            nxt = pos + 1 + length
            if nxt > end:
                raise ParseError("one-byte extension element overruns block")
            mask |= 1 << eid
            if eid == ext_id:
                if length != 3:
                    found = -2  # for good: a later 3-byte element does not make it whole
                elif found == -1:
                    found = pos + 1
            pos = nxt
    elif _is_two_byte(profile):
        pos = start
        while pos < end:
            eid = data[pos]
            if eid == 0:
                pos += 1
                continue
            if pos + 2 > end:
                raise ParseError("two-byte extension header truncated")
            length = data[pos + 1]
            nxt = pos + 2 + length
            if nxt > end:
                raise ParseError("two-byte extension element overruns block")
            mask |= 1 << eid
            if eid == ext_id:
                if length != 3:
                    found = -2  # for good: a later 3-byte element does not make it whole
                elif found == -1:
                    found = pos + 2
            pos = nxt
    return mask, found if found >= 0 else -1


def lengths_are(data: bytes, start: int, end: int, profile: int, ext_id: int, length: int
                ) -> bool:
    """Whether every element ``ext_id`` of the block ``data[start:end]`` (validated by
    :func:`scan_extensions`) is ``length`` bytes long; True when there is none."""
    pos = start
    while True:
        pos, found = locate_extension(data, pos, end, profile, ext_id)
        if pos < 0:
            return True
        if found != length:
            return False
        pos += found


def changed_ids_mask(id_map: bytes) -> int:
    """Bit ``1 << id`` set for every id 1-255 that ``id_map`` does not map to itself:
    a packet whose :func:`scan_extensions` mask shares no bit with it is unchanged by
    :func:`remap_extensions`."""
    mask = 0
    for ext_id in range(1, min(len(id_map), 256)):
        if id_map[ext_id] != ext_id:
            mask |= 1 << ext_id
    return mask


def build_id_map(publisher: dict[int, str], subscriber: dict[str, int]) -> bytes:
    """Build the 256-byte table for :func:`remap_extensions`.

    ``publisher`` maps the publisher's negotiated id to its URI, ``subscriber`` maps a
    URI to the id the subscriber negotiated. URIs the subscriber lacks map to 0, and so
    does transport-cc: its number belongs to the publisher's transport, and the SFU numbers
    the packets it sends itself (:mod:`sfu.rtp.transport_cc`).
    """
    table = bytearray(256)
    for ext_id, uri in publisher.items():
        if 0 < ext_id < 256 and uri != URI_TRANSPORT_CC:
            table[ext_id] = subscriber.get(uri, 0)
    return bytes(table)


def abs_send_time_seconds(value: bytes) -> float:
    """Decode a 3-byte abs-send-time value: 6.18 fixed point seconds, wraps every 64 s.

    :raises ParseError: value is not 3 bytes long.
    """
    if len(value) != 3:
        raise ParseError("abs-send-time must be 3 bytes")
    return ((value[0] << 16) | (value[1] << 8) | value[2]) / 262144.0


def abs_send_time_bytes(seconds: float) -> bytes:
    """Encode seconds (any magnitude, taken modulo 64) as a 3-byte abs-send-time value."""
    v = int(seconds * 262144.0) & 0xFFFFFF
    return bytes(((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF))
