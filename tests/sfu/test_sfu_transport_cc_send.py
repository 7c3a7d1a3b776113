"""The SFU's own transport-wide sequence numbers on subscriber transports (issue 12).

Annotated bytes for the element and padding packets; a simulcast subscriber's packets
carry consecutive numbers of its transport under its own extension id, never the
publisher's value, retransmissions included (held under the estimate), and the basic
path (and so the native core, which uses the same id table) blanks the publisher's element.
"""

from collections.abc import Iterable

import pytest
from test_sfu_consumer import FakeClock, FakeTransport, feed, make_pair, vp8_packet
from test_sfu_simulcast_forwarding import Room

from sfu.bwe.sender import RETRANSMIT_WINDOW_S, WIRE_OVERHEAD, TransportCcSender
from sfu.errors import ParseError
from sfu.rtp.extensions import (
    ONE_BYTE_PROFILE,
    URI_ABS_SEND_TIME,
    URI_TRANSPORT_CC,
    build_id_map,
    find_extension,
)
from sfu.rtp.header import (
    EXT_END,
    EXT_PROFILE,
    EXT_START,
    PAYLOAD_END,
    PAYLOAD_START,
    PT,
    SEQ,
    SSRC,
    read_header,
)
from sfu.rtp.transport_cc import element_offset, padding_packet, write_element
from sfu.simulcast.consumer import SimulcastConsumer

PUBLISHER_ID = 3
SUBSCRIBER_ID = 5
# one-byte block: abs-send-time (id 2, 3 bytes) | transport-cc (id 3, 0xABCD) | pad pad
BLOCK = bytes([0x22, 0x01, 0x02, 0x03, 0x31, 0xAB, 0xCD, 0x00])


def with_block(packet: bytes) -> bytes:
    """``packet`` (no extension) with BLOCK as its one-byte extension block."""
    return (bytes([packet[0] | 0x10]) + packet[1:12] + bytes([0xBE, 0xDE, 0x00, 0x02])
            + BLOCK + packet[12:])


def publishing_room() -> Room:
    """A simulcast room whose publisher numbers its packets under PUBLISHER_ID."""
    room = Room()
    room.pub.twcc_id = PUBLISHER_ID
    return room


def numbered_subscriber(room: Room) -> tuple[SimulcastConsumer, FakeTransport,
                                             TransportCcSender]:
    """A subscriber of ``room`` that negotiated transport-cc as SUBSCRIBER_ID (and
    abs-send-time as 7), with its transport's sender of transport-wide numbers."""
    consumer, sub = room.subscriber()
    table = build_id_map({2: URI_ABS_SEND_TIME, PUBLISHER_ID: URI_TRANSPORT_CC},
                         {URI_ABS_SEND_TIME: 7, URI_TRANSPORT_CC: SUBSCRIBER_ID})
    consumer.activate(96, 97, table, 7, SUBSCRIBER_ID)
    sub.send_cc = sender = TransportCcSender(room.clock)
    return consumer, sub, sender


def send_frame(room: Room, keys: Iterable[int]) -> None:
    """One frame of every layer, with BLOCK, key frames on the layers in ``keys``."""
    keys = set(keys)
    for index, layer in enumerate(room.layers):
        for packet in layer.frame_packets(key=index in keys):
            packet = with_block(packet)
            layer.producer.on_rtp(packet, read_header(packet), room.clock(), None)


def test_element_offset_finds_two_byte_values_only():
    assert element_offset(BLOCK, 0, len(BLOCK), ONE_BYTE_PROFILE, 3) == 4
    assert element_offset(BLOCK, 0, len(BLOCK), ONE_BYTE_PROFILE, 2) == -1  # 3 bytes long
    assert element_offset(BLOCK, 0, len(BLOCK), ONE_BYTE_PROFILE, 7) == -1
    two_byte = bytes([0x02, 0x03, 0x01, 0x02, 0x03, 0x03, 0x02, 0xAB, 0xCD])
    assert element_offset(two_byte, 0, len(two_byte), 0x1000, 3) == 5
    assert element_offset(b"\x01\x09\x00", 0, 3, 0x1000, 1) == -1  # overruns its block
    assert element_offset(bytes([0x52, 0x01]), 0, 2, ONE_BYTE_PROFILE, 5) == -1  # truncated
    assert element_offset(BLOCK, 0, len(BLOCK), 0x1234, 3) == -1  # not an RFC 8285 block
    buf = bytearray(two_byte)
    write_element(buf, 5, 0x1000, 200, 0x0102)
    assert buf[5:] == bytes([200, 0x02, 0x01, 0x02])
    buf = bytearray(BLOCK)
    write_element(buf, 4, ONE_BYTE_PROFILE, 5, 0x10001)  # wraps to 16 bits
    assert buf == bytes([0x22, 0x01, 0x02, 0x03, 0x51, 0x00, 0x01, 0x00])
    with pytest.raises(ParseError):
        write_element(buf, 4, ONE_BYTE_PROFILE, 15, 1)


def test_padding_packet_bytes():
    packet = padding_packet(97, 0x1234, 0x01020304, 0xCAFEBABE, 5, 0x00FF, 4)
    assert packet == bytes.fromhex(
        "b061" "1234" "01020304" "cafebabe"  # V=2 P X, PT 97, seq, timestamp, SSRC
        "bede0001" "5100ff00"  # one-byte block: id 5 L=1 0x00FF, pad
        "00000004")  # 4 padding bytes, the last one counts them
    hdr = read_header(packet)
    assert hdr[PAYLOAD_START] == hdr[PAYLOAD_END]  # no payload
    with pytest.raises(ParseError):
        padding_packet(97, 1, 1, 1, 5, 1, 256)


def test_publisher_number_never_mapped_to_the_subscriber():
    table = build_id_map({2: URI_ABS_SEND_TIME, PUBLISHER_ID: URI_TRANSPORT_CC},
                         {URI_ABS_SEND_TIME: 7, URI_TRANSPORT_CC: SUBSCRIBER_ID})
    assert table[2] == 7 and table[PUBLISHER_ID] == 0


def test_simulcast_subscriber_gets_consecutive_numbers_of_its_transport():
    room = publishing_room()
    consumer, sub, sender = numbered_subscriber(room)
    sender.sequence = 0xFFFE
    for frame in range(6):
        room.clock.now += 0.033
        send_frame(room, keys=(0, 1, 2) if frame == 0 else ())
    assert len(sub.sent) >= 10
    numbers = []
    for packet in sub.sent:
        hdr = read_header(packet)
        value = find_extension(packet, hdr[EXT_START], hdr[EXT_END], hdr[EXT_PROFILE],
                               SUBSCRIBER_ID)
        assert value is not None and bytes(value) != b"\xab\xcd"
        assert find_extension(packet, hdr[EXT_START], hdr[EXT_END], hdr[EXT_PROFILE],
                              PUBLISHER_ID) is None
        numbers.append(int.from_bytes(value, "big"))
    assert numbers == [(0xFFFE + i) & 0xFFFF for i in range(len(numbers))]
    assert consumer.send_padding(200)
    padding = sub.sent[-1]
    hdr = read_header(padding)
    assert padding[0] & 0x20 and padding[-1] == 200 and hdr[PAYLOAD_START] == hdr[PAYLOAD_END]
    assert int.from_bytes(padding[8:12], "big") == consumer.rtx_ssrc
    assert padding[17:19] == ((0xFFFE + len(numbers)) & 0xFFFF).to_bytes(2, "big")
    entry = sender._history[(0xFFFE + len(numbers)) & 0xFFF]
    assert entry is not None and entry[2] == 12 + 8 + 200 + WIRE_OVERHEAD


def test_no_numbers_without_the_subscribers_transport_cc():
    room = publishing_room()
    consumer, sub = room.subscriber()
    consumer.activate(96, 97, build_id_map({PUBLISHER_ID: URI_TRANSPORT_CC}, {}), 0)
    send_frame(room, keys=(0, 1, 2))
    assert sub.sent
    for packet in sub.sent:
        assert b"\x31\xab\xcd" not in packet
    assert not consumer.send_padding(100)


def test_retransmissions_are_numbered_and_held_under_the_estimate():
    """A NACK is answered with the transport's next numbers (the estimate sees what the
    retransmissions cost the link), and only while the numbered send rate stays under the
    estimate: a subscriber behind a saturated link otherwise keeps its queue full."""
    room = publishing_room()
    consumer, sub, sender = numbered_subscriber(room)
    send_frame(room, keys=(0, 1, 2))
    media = list(sub.sent)
    assert len(media) >= 2
    next_number = sender.sequence
    nacked = [read_header(p)[SEQ] for p in media[:2]]
    assert consumer.retransmit(nacked) == 2
    numbers = []
    for rtx in sub.sent[len(media):]:
        hdr = read_header(rtx)
        assert hdr[SSRC] == consumer.rtx_ssrc
        value = find_extension(rtx, hdr[EXT_START], hdr[EXT_END], hdr[EXT_PROFILE],
                               SUBSCRIBER_ID)
        assert value is not None
        numbers.append(int.from_bytes(value, "big"))
    assert numbers == [next_number, (next_number + 1) & 0xFFFF]
    entry = sender._history[next_number & 0xFFF]
    assert entry is not None and entry[2] == len(sub.sent[len(media)]) + WIRE_OVERHEAD
    # an estimate below what was just sent: the retransmission waits for room
    sender.estimator.target = 8 * sum(len(p) for p in sub.sent) / RETRANSMIT_WINDOW_S / 2
    sent = len(sub.sent)
    assert consumer.retransmit(nacked[:1]) == 0
    assert len(sub.sent) == sent and sub.stats.drops == {"retransmission_rate": 1}
    room.clock.now += RETRANSMIT_WINDOW_S + 0.01  # the window passed: room again
    for _ in range(100):  # a probe's padding does not stand in the way of repairs
        assert consumer.send_padding(255)
    assert consumer.retransmit(nacked[:1]) == 1


def test_basic_consumer_retransmissions_are_numbered_and_held_under_the_estimate():
    """The same for a consumer of a stream without simulcast (the Python path of what the
    native core forwards): its RTX packets carry the transport's next numbers after the
    media's, and wait while the numbered send rate is over the estimate."""
    clock = FakeClock()
    published = {2: URI_ABS_SEND_TIME, PUBLISHER_ID: URI_TRANSPORT_CC}
    producer, consumer, sub, _ = make_pair(clock, published)
    producer.transport.twcc_id = PUBLISHER_ID
    consumer.activate(100, 101, build_id_map(
        published, {URI_ABS_SEND_TIME: 7, URI_TRANSPORT_CC: SUBSCRIBER_ID}), 7, SUBSCRIBER_ID)
    sub.send_cc = sender = TransportCcSender(clock)
    for i in range(3):
        feed(producer, vp8_packet(300 + i, 1000, keyframe=True, ext=BLOCK), clock)

    def number(packet: bytes) -> int:
        hdr = read_header(packet)
        value = find_extension(packet, hdr[EXT_START], hdr[EXT_END], hdr[EXT_PROFILE],
                               SUBSCRIBER_ID)
        assert value is not None
        return int.from_bytes(value, "big")

    first = number(sub.sent[0])
    assert [number(p) for p in sub.sent] == [first, first + 1, first + 2]
    nacked = [read_header(p)[SEQ] for p in sub.sent[:2]]
    sub.sent.clear()
    assert consumer.retransmit(nacked) == 2
    assert [read_header(p)[PT] for p in sub.sent] == [101, 101]
    assert [number(p) for p in sub.sent] == [first + 3, first + 4]
    entry = sender._history[first + 3]
    assert entry is not None and entry[2] == len(sub.sent[0]) + WIRE_OVERHEAD
    # room for three repairs in a window, and five packets were just numbered
    sender.estimator.target = 8 * 3 * (len(sub.sent[0]) + WIRE_OVERHEAD) / RETRANSMIT_WINDOW_S
    assert consumer.retransmit(nacked[:1]) == 0
    assert len(sub.sent) == 2 and sub.stats.drops == {"retransmission_rate": 1}
    clock.now += RETRANSMIT_WINDOW_S + 0.01
    assert consumer.retransmit(nacked[:1]) == 1 and number(sub.sent[-1]) == first + 5


def test_basic_consumer_carries_probe_padding_on_its_rtx_stream_even_paused():
    """A stream without simulcast (a shared screen, a Firefox publisher) carries the
    prober's padding like a simulcast one: a subscriber whose only video is such a stream,
    paused for bandwidth, is probed back (test_sfu_bandwidth_single_layer_chromium.py)."""
    clock = FakeClock()
    published = {PUBLISHER_ID: URI_TRANSPORT_CC}
    producer, consumer, sub, _ = make_pair(clock, published)
    producer.transport.twcc_id = PUBLISHER_ID
    consumer.activate(100, 101, build_id_map(published, {URI_TRANSPORT_CC: SUBSCRIBER_ID}),
                      0, SUBSCRIBER_ID)
    sub.send_cc = sender = TransportCcSender(clock)
    assert not consumer.send_padding(200)  # nothing forwarded yet: no timestamp to use
    feed(producer, vp8_packet(300, 1000, keyframe=True, ext=BLOCK), clock)
    media = read_header(sub.sent[-1])
    consumer.pause("bandwidth")
    assert consumer.send_padding(200)
    padding = sub.sent[-1]
    hdr = read_header(padding)
    assert hdr[PT] == 101 and hdr[SSRC] == consumer.rtx_ssrc != media[SSRC]
    assert padding[0] & 0x20 and padding[-1] == 200 and hdr[PAYLOAD_START] == hdr[PAYLOAD_END]
    entry = sender._history[sender.sequence - 1]  # the number after the media packet's
    assert entry is not None and entry[2] == 12 + 8 + 200 + WIRE_OVERHEAD
    consumer.activate(100, None, build_id_map(published, {URI_TRANSPORT_CC: SUBSCRIBER_ID}),
                      0, SUBSCRIBER_ID)
    assert not consumer.send_padding(200)  # no RTX negotiated: no stream to pad
