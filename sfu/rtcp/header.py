"""RTCP common header and compound packet framing (RFC 3550 sections 6.1 and 6.4.1).

::

     0                   1                   2                   3
     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    |V=2|P|  RC/FMT |      PT       |  length (32-bit words - 1)    |
    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
"""

import struct
from collections.abc import Iterator

from sfu.errors import ParseError

PT_SR = 200
PT_RR = 201
PT_SDES = 202
PT_BYE = 203
PT_APP = 204
PT_RTPFB = 205
PT_PSFB = 206
PT_XR = 207

_HEADER = struct.Struct("!BBH")


def pack_packet(count: int, packet_type: int, body: bytes) -> bytes:
    """Prefix ``body`` (length a multiple of 4) with a common header, no padding."""
    if len(body) % 4:
        raise ValueError("RTCP body must be a multiple of 4 bytes")
    return _HEADER.pack(0x80 | (count & 0x1F), packet_type, len(body) // 4) + body


def iter_packets(data: bytes) -> Iterator[tuple[int, int, bytes]]:
    """Yield ``(count_or_fmt, packet_type, body)`` for each packet of a compound packet.

    ``body`` excludes the 4-byte header and any padding.

    :raises ParseError: version is not 2, a length overruns the datagram, or the
        padding is invalid; packets yielded before the error were well framed.
    """
    pos = 0
    size = len(data)
    if size < 4:
        raise ParseError("RTCP packet shorter than 4 bytes")
    while pos < size:
        if pos + 4 > size:
            raise ParseError("RTCP header truncated")
        b0, packet_type, length = _HEADER.unpack_from(data, pos)
        if b0 >> 6 != 2:
            raise ParseError("RTCP version is not 2")
        end = pos + 4 + 4 * length
        if end > size:
            raise ParseError("RTCP length overruns datagram")
        body_end = end
        if b0 & 0x20:
            pad = data[end - 1]
            if pad == 0 or pad > 4 * length:
                raise ParseError("RTCP padding invalid")
            body_end = end - pad
        yield b0 & 0x1F, packet_type, data[pos + 4 : body_end]
        pos = end
