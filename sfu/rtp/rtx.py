"""RTX retransmission payload format (RFC 4588 section 4).

An RTX packet carries the original sequence number (OSN, 16 bits) followed by the
original payload, on its own SSRC, payload type and sequence space.
"""

import struct

from sfu.errors import ParseError

_OSN = struct.Struct("!H")


def wrap_rtx(
    packet: bytes, payload_start: int, rtx_pt: int, rtx_seq: int, rtx_ssrc: int
) -> bytearray:
    """Build an RTX packet from an original (already rewritten) RTP ``packet``.

    The header (with CSRCs and extensions) is copied, padding is dropped, the original
    sequence number is prepended to the payload and PT/seq/SSRC are replaced.
    """
    osn = packet[2:4]
    end = len(packet)
    if packet[0] & 0x20:
        end -= packet[-1]
    out = bytearray(packet[:payload_start])
    out[0] &= 0xDF
    out += osn
    out += packet[payload_start:end]
    out[1] = (out[1] & 0x80) | rtx_pt
    struct.pack_into("!H", out, 2, rtx_seq & 0xFFFF)
    struct.pack_into("!I", out, 8, rtx_ssrc)
    return out


def unwrap_rtx(packet: bytes, payload_start: int, payload_end: int, pt: int, ssrc: int) -> bytes:
    """Rebuild the original packet from an RTX packet: returns plaintext RTP bytes.

    :raises ParseError: the RTX payload is shorter than the 2-byte OSN.
    """
    if payload_end - payload_start < 2:
        raise ParseError("RTX payload without original sequence number")
    (osn,) = _OSN.unpack_from(packet, payload_start)
    out = bytearray(packet[:payload_start])
    out[0] &= 0xDF
    out += packet[payload_start + 2 : payload_end]
    out[1] = (out[1] & 0x80) | pt
    struct.pack_into("!H", out, 2, osn)
    struct.pack_into("!I", out, 8, ssrc)
    return bytes(out)
