"""VP8 RTP payload descriptor read and rewrite in place (RFC 7741 section 4.2).

::

     0 1 2 3 4 5 6 7
    +-+-+-+-+-+-+-+-+
    |X|R|N|S|R| PID |  (required)  S: start of a partition, PID: partition index
    +-+-+-+-+-+-+-+-+
    |I|L|T|K| RSV   |  X: extension (optional)
    +-+-+-+-+-+-+-+-+
    |M| PictureID   |  I: 7 bits, or 15 bits over two bytes when M is set
    +-+-+-+-+-+-+-+-+
    |   PictureID   |
    +-+-+-+-+-+-+-+-+
    |   TL0PICIDX   |  L
    +-+-+-+-+-+-+-+-+
    |TID|Y| KEYIDX  |  T or K
    +-+-+-+-+-+-+-+-+

The first payload byte after the descriptor of a partition start holds the P bit
(RFC 7741 section 4.3): 0 for a key frame. A simulcast consumer rewrites PictureID and
TL0PICIDX so they stay continuous across layer switches; both keep their field width.
"""

from sfu.errors import ParseError

#: Index names of the tuple returned by :func:`read_vp8_descriptor`.
(PICTURE_ID_POS, PICTURE_ID_BITS, PICTURE_ID, TL0_POS, TL0PICIDX, TID, LAYER_SYNC,
 FRAME_START, KEYFRAME) = range(9)


def read_vp8_descriptor(data: bytes, start: int, end: int) -> tuple:
    """Read the descriptor of the VP8 payload ``data[start:end]``.

    Returns ``(picture_id_pos, picture_id_bits, picture_id, tl0_pos, tl0picidx, tid,
    layer_sync, frame_start, keyframe)``: ``picture_id_pos`` is the offset in ``data`` of
    the PictureID field (-1 if absent) and ``picture_id_bits`` its width (7 or 15, 0 if
    absent); ``tl0_pos`` the offset of TL0PICIDX (-1 if absent); ``tid`` the temporal
    layer (0 if absent), ``layer_sync`` the Y bit; ``frame_start`` is true on the first
    packet of a frame (S set, partition index 0) and ``keyframe`` when that frame is a
    key frame.

    :raises ParseError: the descriptor overruns the payload.
    """
    if end - start < 1:
        raise ParseError("VP8 payload is empty")
    b0 = data[start]
    pos = start + 1
    pid_pos = tl0_pos = -1
    pid_bits = picture_id = tl0 = tid = 0
    sync = False
    if b0 & 0x80:
        if pos >= end:
            raise ParseError("VP8 extension byte missing")
        x = data[pos]
        pos += 1
        if x & 0x80:
            if pos >= end:
                raise ParseError("VP8 PictureID missing")
            pid_pos = pos
            if data[pos] & 0x80:
                if pos + 1 >= end:
                    raise ParseError("VP8 15-bit PictureID truncated")
                pid_bits = 15
                picture_id = ((data[pos] & 0x7F) << 8) | data[pos + 1]
                pos += 2
            else:
                pid_bits = 7
                picture_id = data[pos]
                pos += 1
        if x & 0x40:
            if pos >= end:
                raise ParseError("VP8 TL0PICIDX missing")
            tl0_pos = pos
            tl0 = data[pos]
            pos += 1
        if x & 0x30:
            if pos >= end:
                raise ParseError("VP8 TID/KEYIDX byte missing")
            if x & 0x20:
                tid = data[pos] >> 6
                sync = bool(data[pos] & 0x20)
            pos += 1
    frame_start = bool(b0 & 0x10) and (b0 & 0x07) == 0
    keyframe = frame_start and pos < end and not (data[pos] & 0x01)
    return pid_pos, pid_bits, picture_id, tl0_pos, tl0, tid, sync, frame_start, keyframe


def read_tid(data: bytes, start: int, end: int) -> int:
    """The temporal layer id (TID) of the VP8 payload ``data[start:end]``, -1 when its
    descriptor has none (T bit clear: an encoder without temporal layers, such as aiortc's,
    sets none) or overruns the payload (:func:`read_vp8_descriptor` would raise): what a
    simulcast layer records of every packet (:meth:`sfu.producer.Producer.take_tid`),
    without building the whole descriptor."""
    if end - start < 2 or not data[start] & 0x80 or not data[start + 1] & 0x20:
        return -1
    x = data[start + 1]
    pos = start + 2
    if x & 0x80:  # PictureID, 7 or 15 bits
        pos += 2 if pos < end and data[pos] & 0x80 else 1
    if x & 0x40:  # TL0PICIDX
        pos += 1
    return data[pos] >> 6 if pos < end else -1


def write_picture_id(buf: bytearray, pos: int, bits: int, value: int) -> None:
    """Overwrite the PictureID at ``pos`` (from :func:`read_vp8_descriptor`), keeping its
    width: ``value`` is reduced modulo 2^15 or 2^7."""
    if bits == 15:
        buf[pos] = 0x80 | ((value >> 8) & 0x7F)
        buf[pos + 1] = value & 0xFF
    else:
        buf[pos] = value & 0x7F
