"""RTP fixed header read/rewrite straight from bytes (RFC 3550 section 5.1).

::

     0                   1                   2                   3
     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    |V=2|P|X|  CC   |M|     PT      |       sequence number         |
    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    |                           timestamp                           |
    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    |           synchronization source (SSRC) identifier            |
    +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
    |            contributing source (CSRC) identifiers             |
    |                             ....                              |
    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    |      defined by profile       |            length             |  (if X)
    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

The hot path never builds an object per packet: :func:`read_header` returns a tuple of
ints, :func:`rewrite_header` patches a ``bytearray`` in place.
"""

import struct

from sfu.errors import ParseError

_FIXED = struct.Struct("!BBHII")
_SEQ_TS_SSRC = struct.Struct("!HII")

#: Index names of the tuple returned by :func:`read_header`.
PT, MARKER, SEQ, TS, SSRC, EXT_START, EXT_END, EXT_PROFILE, PAYLOAD_START, PAYLOAD_END = range(10)


def read_header(data: bytes) -> tuple[int, int, int, int, int, int, int, int, int, int]:
    """Parse the fixed header, CSRCs, extension block bounds and padding of an RTP packet.

    Returns ``(payload_type, marker, sequence, timestamp, ssrc, ext_start, ext_end,
    ext_profile, payload_start, payload_end)``: ``ext_start``/``ext_end`` bound the
    extension elements (both 0 and ``ext_profile`` 0 without an extension block),
    ``payload_end`` excludes padding. Offsets are byte indexes into ``data``.

    :raises ParseError: version is not 2, or a length field overruns the packet.
    """
    size = len(data)
    if size < 12:
        raise ParseError("RTP packet shorter than 12 bytes")
    b0, b1, seq, ts, ssrc = _FIXED.unpack_from(data, 0)
    if b0 >> 6 != 2:
        raise ParseError("RTP version is not 2")
    pos = 12 + 4 * (b0 & 0x0F)
    ext_start = ext_end = ext_profile = 0
    if b0 & 0x10:
        if pos + 4 > size:
            raise ParseError("RTP extension header truncated")
        ext_profile = (data[pos] << 8) | data[pos + 1]
        ext_len = 4 * ((data[pos + 2] << 8) | data[pos + 3])
        ext_start = pos + 4
        ext_end = ext_start + ext_len
        pos = ext_end
    if pos > size:
        raise ParseError("RTP header longer than packet")
    end = size
    if b0 & 0x20:
        pad = data[size - 1]
        if pad == 0 or size - pad < pos:
            raise ParseError("RTP padding length invalid")
        end = size - pad
    return b1 & 0x7F, b1 >> 7, seq, ts, ssrc, ext_start, ext_end, ext_profile, pos, end


def rewrite_header(buf: bytearray, payload_type: int, seq: int, ts: int, ssrc: int) -> None:
    """Overwrite payload type (keeping the marker), sequence, timestamp and SSRC in place.

    ``seq`` is reduced modulo 2^16 and ``ts`` modulo 2^32 (RFC 3550 section 5.1).
    """
    buf[1] = (buf[1] & 0x80) | payload_type
    _SEQ_TS_SSRC.pack_into(buf, 2, seq & 0xFFFF, ts & 0xFFFFFFFF, ssrc)


def seq_newer(a: int, b: int) -> bool:
    """True when 16-bit sequence number ``a`` follows ``b`` (RFC 1982 serial arithmetic)."""
    return a != b and ((a - b) & 0xFFFF) < 0x8000
