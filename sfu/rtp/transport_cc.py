"""The transport-wide sequence number element (draft-holmer-rmcat-transport-wide-cc-
extensions-01 section 2) written into packets the SFU sends, and padding-only packets.

::

     0                   1                   2
     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3
    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    |  ID   | L=1   |transport-wide sequence number |
    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

A forwarded packet keeps the place of the publisher's element (its id is blanked by
:func:`sfu.rtp.extensions.build_id_map`): :func:`element_offset` finds it before the
rewrite and :func:`write_element` puts the subscriber's id and the SFU's number there.
"""

import struct

from sfu.errors import ParseError
from sfu.rtp.extensions import ONE_BYTE_PROFILE, locate_extension

_SEQ = struct.Struct("!H")
_HEADER = struct.Struct("!BBHII")
RTP_HEADER_SIZE = 12


def element_offset(data: bytes, start: int, end: int, profile: int, ext_id: int) -> int:
    """Offset of the first byte (the id) of element ``ext_id`` of ``data[start:end]`` when
    its value is 2 bytes long (a transport-wide sequence number), else -1 (absent, another
    length, or a malformed block)."""
    try:
        pos, length = locate_extension(data, start, end, profile, ext_id)
    except ParseError:
        return -1
    if length != 2:
        return -1
    return pos - (1 if profile == ONE_BYTE_PROFILE else 2)


def write_element(buf: bytearray, pos: int, profile: int, ext_id: int, seq: int) -> None:
    """Write element ``ext_id`` with sequence number ``seq`` at ``pos``
    (:func:`element_offset` of the same block).

    :raises ParseError: ``ext_id`` does not fit the block's form (1-14 one-byte).
    """
    if profile == ONE_BYTE_PROFILE:
        if not 0 < ext_id < 15:
            raise ParseError("one-byte extension id out of range")
        buf[pos] = (ext_id << 4) | 1
        _SEQ.pack_into(buf, pos + 1, seq & 0xFFFF)
    else:
        buf[pos] = ext_id
        buf[pos + 1] = 2
        _SEQ.pack_into(buf, pos + 2, seq & 0xFFFF)


def padding_packet(payload_type: int, seq: int, timestamp: int, ssrc: int, ext_id: int,
                   transport_seq: int, padding: int) -> bytes:
    """A padding-only RTP packet (RFC 3550 section 5.1, P bit set, no payload) carrying
    element ``ext_id`` (1-14) with ``transport_seq``; ``padding`` 1-255 bytes, the last
    holding their count. Used as RTX probes (RFC 4588 receivers discard them).

    :raises ParseError: ``ext_id`` or ``padding`` out of range.
    """
    if not 0 < ext_id < 15 or not 0 < padding < 256:
        raise ParseError("padding packet parameters out of range")
    header = _HEADER.pack(0xB0, payload_type & 0x7F, seq & 0xFFFF, timestamp & 0xFFFFFFFF,
                          ssrc)
    extension = struct.pack("!HHBHB", ONE_BYTE_PROFILE, 1, (ext_id << 4) | 1,
                            transport_seq & 0xFFFF, 0)
    return header + extension + bytes(padding - 1) + bytes((padding,))
