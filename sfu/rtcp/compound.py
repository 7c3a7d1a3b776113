"""The single RTCP dispatcher: compound datagram -> packet objects (RFC 3550 6.1).

Known families: SR, RR, SDES, BYE, generic NACK, transport-cc, PLI, FIR, REMB. Any other
packet (APP, XR, unknown feedback formats) and any malformed packet inside a well framed
compound is skipped and counted in the returned ``dropped`` number.
"""

from sfu.errors import ParseError
from sfu.rtcp.bye import Goodbye
from sfu.rtcp.fir import FMT_FIR, FullIntraRequest
from sfu.rtcp.header import PT_BYE, PT_PSFB, PT_RR, PT_RTPFB, PT_SDES, PT_SR, iter_packets
from sfu.rtcp.nack import FMT_NACK, GenericNack
from sfu.rtcp.pli import FMT_PLI, PictureLossIndication
from sfu.rtcp.remb import FMT_AFB, ReceiverEstimatedMaxBitrate
from sfu.rtcp.rr import ReceiverReport
from sfu.rtcp.sdes import SourceDescription
from sfu.rtcp.sr import SenderReport
from sfu.rtcp.twcc import FMT_TWCC, MAX_STATUS_COUNT, TransportFeedback

RtcpPacket = (
    SenderReport
    | ReceiverReport
    | SourceDescription
    | Goodbye
    | GenericNack
    | TransportFeedback
    | PictureLossIndication
    | FullIntraRequest
    | ReceiverEstimatedMaxBitrate
)

_BY_TYPE = {
    PT_SR: SenderReport,
    PT_RR: ReceiverReport,
    PT_SDES: SourceDescription,
    PT_BYE: Goodbye,
}
_RTPFB = {FMT_NACK: GenericNack, FMT_TWCC: TransportFeedback}
MAX_STATUSES_PER_DATAGRAM = 2 * MAX_STATUS_COUNT
"""transport-cc statuses one datagram may report in all; feedback packets past it are
skipped unparsed (a datagram's parse cost stays bounded whatever it claims)."""
_PSFB = {
    FMT_PLI: PictureLossIndication,
    FMT_FIR: FullIntraRequest,
    FMT_AFB: ReceiverEstimatedMaxBitrate,
}


def parse_packet(count: int, packet_type: int, body: bytes) -> RtcpPacket:
    """Parse one framed packet (see :func:`sfu.rtcp.header.iter_packets`).

    :raises ParseError: unknown type/format or malformed body.
    """
    if packet_type == PT_RTPFB:
        cls = _RTPFB.get(count)
    elif packet_type == PT_PSFB:
        cls = _PSFB.get(count)
    else:
        cls = _BY_TYPE.get(packet_type)
    if cls is None:
        raise ParseError(f"unsupported RTCP packet type {packet_type} format {count}")
    return cls.parse(count, body)


def parse_compound(data: bytes) -> tuple[list[RtcpPacket], int]:
    """Parse a (decrypted) compound RTCP datagram.

    Returns ``(packets, dropped)``: the packets understood, and how many well framed
    packets were skipped as unknown or malformed, or as transport-cc feedback past the
    datagram's :data:`MAX_STATUSES_PER_DATAGRAM`.

    :raises ParseError: the framing itself is broken (bad version, length overrun);
        nothing of the datagram should be used then.
    """
    packets: list[RtcpPacket] = []
    dropped = 0
    statuses_left = MAX_STATUSES_PER_DATAGRAM
    for count, packet_type, body in list(iter_packets(data)):
        if packet_type == PT_RTPFB and count == FMT_TWCC and len(body) >= 12:
            statuses = (body[10] << 8) | body[11]
            if statuses > statuses_left:
                dropped += 1
                continue
            statuses_left -= statuses
        try:
            packets.append(parse_packet(count, packet_type, body))
        except ParseError:
            dropped += 1
    return packets, dropped
