"""Extensions remapping, retransmission cache, keyframe detection, REMB estimator."""

import pytest

from sfu.errors import ParseError
from sfu.keyframe_request_manager import KeyFrameRequestManager
from sfu.remb_estimator import RembEstimator
from sfu.rtp.extensions import (
    abs_send_time_bytes,
    abs_send_time_seconds,
    build_id_map,
    find_extension,
    remap_extensions,
)
from sfu.rtp.keyframe import h264_is_keyframe, vp8_is_keyframe, vp9_is_keyframe
from sfu.rtp.retransmission_buffer import RetransmissionBuffer


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


# one-byte form: id 1 L=0 [0xAA] | padding 0x00 | id 3 L=1 [0xBB 0xCC] | id 15 stops
ONE_BYTE = bytes.fromhex("10aa" "00" "31bbcc" "f0" "00")
# two-byte form (0x1000): id 1 len 2 [AA BB] | padding | id 20 len 0 | id 3 len 1 [CC]
TWO_BYTE = bytes.fromhex("0102aabb" "00" "1400" "0301cc")


def test_find_extension_one_and_two_byte():
    assert find_extension(ONE_BYTE, 0, len(ONE_BYTE), 0xBEDE, 3) == bytes.fromhex("bbcc")
    assert find_extension(ONE_BYTE, 0, len(ONE_BYTE), 0xBEDE, 2) is None
    assert find_extension(TWO_BYTE, 0, len(TWO_BYTE), 0x1000, 3) == bytes.fromhex("cc")
    assert find_extension(TWO_BYTE, 0, len(TWO_BYTE), 0x1000, 20) == b""
    assert find_extension(ONE_BYTE, 0, len(ONE_BYTE), 0x1234, 1) is None  # unknown profile


def test_remap_one_byte_renames_and_blanks():
    id_map = build_id_map({1: "urn:a", 3: "urn:b"}, {"urn:b": 9})
    buf = bytearray(ONE_BYTE)
    remap_extensions(buf, 0, len(buf), 0xBEDE, id_map)
    assert buf == bytes.fromhex("0000" "00" "91bbcc" "f0" "00")


def test_remap_two_byte():
    id_map = build_id_map({1: "urn:a", 20: "urn:c", 3: "urn:b"}, {"urn:a": 30, "urn:b": 2})
    buf = bytearray(TWO_BYTE)
    remap_extensions(buf, 0, len(buf), 0x1000, id_map)
    assert buf == bytes.fromhex("1e02aabb" "00" "0000" "0201cc")


def test_overrunning_extension_is_parse_error():
    with pytest.raises(ParseError):
        remap_extensions(bytearray(b"\x3f\x00"), 0, 2, 0xBEDE, bytes(256))
    with pytest.raises(ParseError):
        find_extension(b"\x01\x09\x00", 0, 3, 0x1000, 1)


def test_abs_send_time_codec():
    assert abs_send_time_seconds(abs_send_time_bytes(1.5)) == 1.5
    assert abs_send_time_bytes(65.0) == abs_send_time_bytes(1.0)  # wraps at 64 s


def test_retransmission_buffer_bounded_and_aged():
    clock = FakeClock()
    buf = RetransmissionBuffer(4, 1.0, clock)
    for seq in range(0xFFFE, 0xFFFE + 6):
        buf.store(seq & 0xFFFF, bytes([seq & 0xFF]))
    assert buf.get(0xFFFE) is None and buf.get(0xFFFF) is None  # evicted by wrap-around
    assert buf.get(0) == b"\x00" and buf.get(3) == b"\x03"
    assert buf.get(4) is None
    clock.now = 1.5
    assert buf.get(3) is None


def test_keyframe_request_manager_throttle():
    clock = FakeClock()
    manager = KeyFrameRequestManager(1.0, clock)
    assert manager.request() is True
    assert manager.request() is False and manager.pending
    clock.now = 0.5
    assert manager.poll() is False
    clock.now = 1.0
    assert manager.poll() is True and not manager.pending
    manager.request()
    manager.keyframe_received()
    clock.now = 5.0
    assert manager.poll() is False


def test_vp8_vp9_h264_keyframe_detection():
    assert vp8_is_keyframe(bytes([0x10, 0x00]))  # S=1 PID=0, P=0
    assert not vp8_is_keyframe(bytes([0x10, 0x01]))  # inter frame
    assert not vp8_is_keyframe(bytes([0x00, 0x00]))  # not the start of a partition
    assert vp8_is_keyframe(bytes([0x90, 0x80, 0x81, 0x23, 0x00]))  # X, I with 15-bit picture id
    assert vp9_is_keyframe(bytes([0x08])) and not vp9_is_keyframe(bytes([0x48]))
    assert h264_is_keyframe(bytes([0x65]))  # IDR slice
    assert h264_is_keyframe(bytes([0x78, 0x00, 0x02, 0x67, 0x42]))  # STAP-A with SPS
    assert h264_is_keyframe(bytes([0x7C, 0x85]))  # FU-A start of IDR
    assert not h264_is_keyframe(bytes([0x7C, 0x05]))  # FU-A continuation


def test_remb_estimator_ramps_up_then_backs_off_on_delay_growth():
    clock = FakeClock()
    bwe = RembEstimator(clock, initial=300_000, maximum=2_000_000)
    send = 0.0
    for _second in range(5):  # 1 Mbit/s with no queueing: estimate grows
        for _ in range(100):
            clock.now += 0.01
            send += 0.01
            bwe.on_packet(send % 64, 1250)
        estimate = bwe.update()
    assert estimate > 600_000
    for _ in range(100):  # arrival spacing grows: queue builds up
        clock.now += 0.012
        send += 0.01
        bwe.on_packet(send % 64, 1250)
    assert bwe.update() < estimate
