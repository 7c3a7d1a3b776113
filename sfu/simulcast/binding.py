"""Learn a simulcast encoding's SSRCs from RTP header extensions (RFC 8852 section 3).

Browsers signal no SSRC for rid-based simulcast: the first packets of each encoding carry
the mid (RFC 8843 9.2) and rtp-stream-id extensions, and its RTX packets (RFC 4588) carry
repaired-rtp-stream-id instead. Both name the encoding by its rid.
"""

from collections.abc import Iterable

from sfu.errors import ParseError
from sfu.producer import Producer
from sfu.rtp.extensions import URI_MID, URI_REPAIRED_RID, URI_RID, find_extension
from sfu.rtp.header import EXT_END, EXT_PROFILE, EXT_START, PT


def match_layer(plain: bytes, hdr: tuple, producers: Iterable[Producer]
                ) -> tuple[Producer, bool] | None:
    """The simulcast layer of one of ``producers`` that an unknown SSRC belongs to.

    Returns ``(layer, is_rtx)``: ``is_rtx`` when the packet is an RTX packet named by
    repaired-rtp-stream-id (with the codec's RTX payload type). None when the packet names
    no layer still without that SSRC, or its extension block is malformed. A mid
    extension, when present, must name the layer's m-line (rids repeat across m-lines).
    """
    if not hdr[EXT_PROFILE]:
        return None
    for producer in producers:
        if len(producer.layers) < 2 or producer.closed:
            continue
        ids = {uri: i for i, uri in producer.extensions.items()}
        rtx = hdr[PT] == producer.codec.rtx_payload_type and URI_REPAIRED_RID in ids
        uri = URI_REPAIRED_RID if rtx else URI_RID
        if uri not in ids or (not rtx and hdr[PT] != producer.codec.payload_type):
            continue
        try:
            rid = find_extension(plain, hdr[EXT_START], hdr[EXT_END], hdr[EXT_PROFILE],
                                 ids[uri])
            mid = (find_extension(plain, hdr[EXT_START], hdr[EXT_END], hdr[EXT_PROFILE],
                                  ids[URI_MID]) if URI_MID in ids else None)
        except ParseError:
            return None
        if rid is None or (mid is not None and bytes(mid) != producer.mid.encode()):
            continue
        for layer in producer.layers:
            if layer.rid is not None and layer.rid.encode() == bytes(rid):
                if (layer.rtx_ssrc if rtx else layer.ssrc) is None:
                    return layer, rtx
                return None
    return None
