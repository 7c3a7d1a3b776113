"""H.264 in the recording (RFC 6184, packetization-mode 1): the payload parser from annotated
hex, the decoder configuration from real parameter sets, and a real libx264 stream (aiortc's
packetizer: STAP-A, FU-A and single NAL unit packets), reordered and with a loss, through
TrackRecorder -> Matroska (V_MPEG4/ISO/AVC) -> S3 multipart upload; ffmpeg then decodes
every frame the recorder kept."""

from __future__ import annotations

import asyncio
import fractions
import io
from pathlib import Path

import av
import numpy as np
import pytest
from aiortc.codecs.h264 import H264Encoder
from hypothesis import given
from hypothesis import strategies as st

from recording import track_slots
from recording.age import decrypt, new_identity, recipient_of
from recording.errors import ParseError
from recording.frames import MAX_ACCESS_UNIT_BYTES, H264Frames
from recording.h264 import decoder_configuration, depacketize, parse_sps
from recording.muxer import TrackSpec
from recording.session import RecordingSession
from recording.track import TrackRecorder
from recording.uploader import MultipartUploader
from sfu.recorder import RoomRecorder
from sfu.sdp.codecs import ChosenCodec
from tests.conftest import wait_until
from tests.recording.conftest import (
    AUDIO_FRAME_MS,
    VIDEO_FPS,
    AudioSource,
    Bucket,
    H264Source,
    RtpPacket,
    decode_errors,
    ffprobe,
)

# Parameter sets libx264 wrote for 320x240 (ultrafast: Constrained Baseline; veryfast: High,
# whose SPS holds an emulation prevention byte 03 after 00 00).
SPS_BASELINE = bytes.fromhex("6742c00dda0507e840000003004000000f23c50aa8")
SPS_HIGH = bytes.fromhex("6764000dacb40a0fd080000003008000001e478a1550")
PPS = bytes.fromhex("68ce0f2c")


@pytest.mark.parametrize(("hexdata", "nals"), [
    ("65" "8884", ["658884"]),                       # type 5: a single NAL unit packet
    ("41" "9a20", ["419a20"]),                       # type 1
    ("78" "0003" "6742c0" "0002" "68ce", ["6742c0", "68ce"]),  # STAP-A: SPS, PPS
])
def test_whole_nal_units(hexdata: str, nals: list[str]) -> None:
    part = depacketize(bytes.fromhex(hexdata))
    assert [n.hex() for n in part.nals] == nals and part.fragment == b""


@pytest.mark.parametrize(("hexdata", "fragment", "start", "end"), [
    ("7c" "85" "aabb", "65aabb", True, False),   # FU-A, S=1, type 5: header 0x60 | 5 rebuilt
    ("7c" "05" "cc", "cc", False, False),        # a middle fragment
    ("5c" "41" "dd", "dd", False, True),         # E=1 (NRI 2, type 1)
    ("5c" "81" "ee", "41ee", True, False),       # the header takes the indicator's NRI
])
def test_fu_a_fragments(hexdata: str, fragment: str, start: bool, end: bool) -> None:
    part = depacketize(bytes.fromhex(hexdata))
    assert (part.fragment.hex(), part.fu_start, part.fu_end, part.nals) == (
        fragment, start, end, ())


@pytest.mark.parametrize("hexdata", [
    "",                    # empty
    "78", "7800",          # STAP-A without a NAL unit, cut in a size
    "78" "0005" "6742",    # size past the payload
    "78" "0000",           # zero size
    "7c", "7c85",          # FU-A without a fragment
    "7c" "c5" "00",        # S and E both set
    "79" "00", "7a" "00", "7b" "00", "7d" "00",  # STAP-B, MTAP16, MTAP24, FU-B: mode 2
    "60" "00", "7e" "00", "7f" "00",             # undefined types 0, 30, 31
])
def test_bad_payloads_are_parse_errors(hexdata: str) -> None:
    with pytest.raises(ParseError):
        depacketize(bytes.fromhex(hexdata))


@given(st.binary(max_size=40))
def test_random_bytes_raise_only_parse_error(data: bytes) -> None:
    try:
        part = depacketize(data)
    except ParseError:
        return
    assert part.nals or part.fragment


def encoded_sps(size: tuple[int, int], options: dict[str, str],
                pix_fmt: str = "yuv420p") -> bytes:
    """The SPS libx264 (through PyAV) writes for one picture of ``size``."""
    encoder = av.CodecContext.create("libx264", "w")
    encoder.width, encoder.height = size
    encoder.pix_fmt = pix_fmt
    encoder.time_base = fractions.Fraction(1, 90000)
    encoder.options = {"threads": "1", **options}
    frame = av.VideoFrame.from_ndarray(np.zeros((size[1], size[0], 3), np.uint8),
                                       format="rgb24").reformat(format=pix_fmt)
    frame.pts = 0
    stream = b"".join(bytes(p) for p in [*encoder.encode(frame), *encoder.encode(None)])
    return next(n for n in H264Encoder._split_bitstream(stream) if n[0] & 0x1F == 7)


@pytest.mark.parametrize(("size", "options", "pix_fmt", "profile"), [
    ((320, 240), {"preset": "ultrafast"}, "yuv420p", 66),  # Constrained Baseline, as browsers
    ((240, 134), {"preset": "ultrafast"}, "yuv420p", 66),  # cropped: 9 rows of macroblocks
    ((960, 540), {"preset": "ultrafast"}, "yuv420p", 66),
    ((318, 178), {"preset": "veryfast"}, "yuv420p", 100),  # High, cropped both ways
    ((320, 180), {"preset": "ultrafast", "x264-params": "tff=1"}, "yuv420p", 77),  # fields
    ((162, 98), {"preset": "veryfast"}, "yuv444p", 244),  # 4:4:4: crop units of one sample
    ((164, 98), {"preset": "veryfast"}, "yuv422p", 122),  # 4:2:2: crop rows in pairs
])
def test_sps_picture_size_of_real_encoder_output(size, options, pix_fmt, profile) -> None:
    """ITU-T H.264 7.4.2.1.1: macroblocks (map units of two fields without
    frame_mbs_only_flag) less the cropping window, past the scaling lists; the SFU sizes
    simulcast layers by it (sfu.rtp.keyframe.h264_keyframe_size)."""
    sps = parse_sps(encoded_sps(size, options, pix_fmt))
    assert (sps.profile_idc, sps.width, sps.height) == (profile, *size)


class BitWriter:
    """Writes an SPS RBSP with Exp-Golomb codes (ITU-T H.264 9.1), the parser's inverse."""

    def __init__(self) -> None:
        self.bits = ""

    def u(self, n: int, value: int) -> BitWriter:
        self.bits += format(value, f"0{n}b") if n else ""
        return self

    def ue(self, value: int) -> BitWriter:
        code = format(value + 1, "b")
        self.bits += "0" * (len(code) - 1) + code
        return self

    def se(self, value: int) -> BitWriter:
        return self.ue(2 * value - 1 if value > 0 else -2 * value)

    def nal(self) -> bytes:
        bits = self.bits + "1"  # rbsp_stop_one_bit
        bits += "0" * (-len(bits) % 8)
        return bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8))


def test_sps_with_scaling_lists_and_picture_order_cycle() -> None:
    """What libx264 never writes: scaling lists in the SPS (7.3.2.1.1.1, one of 16 deltas,
    one of 64 stopped early by a zero next scale) and pic_order_cnt_type 1 with its cycle."""
    w = BitWriter().ue(0).ue(1).ue(0).ue(0).u(1, 0).u(1, 1)  # id, 4:2:0, 8 bits, lists
    for index in range(8):
        w.u(1, index in (0, 6))
        if index == 0:
            for _ in range(16):
                w.se(1)
        elif index == 6:
            w.se(-8)  # next scale 0: useDefaultScalingMatrixFlag, no more deltas
    w.ue(0).ue(1).u(1, 0).se(-1).se(2).ue(2).se(3).se(-3)  # frame_num, POC type 1
    w.ue(1).u(1, 0).ue(10).ue(6).u(1, 1).u(1, 1)  # refs, 11 x 7 macroblocks, frames
    w.u(1, 1).ue(0).ue(1).ue(0).ue(6).u(1, 0)  # crop 2 columns and 12 rows; no VUI
    sps = parse_sps(bytes([0x67, 100, 0, 30]) + w.nal())
    assert (sps.profile_idc, sps.width, sps.height) == (100, 174, 100)


def test_sps_parse_errors() -> None:
    assert (parse_sps(SPS_BASELINE).width, parse_sps(SPS_BASELINE).height) == (320, 240)
    for bad in (PPS, SPS_BASELINE[:6], SPS_HIGH[:8], b"\x67"):
        with pytest.raises(ParseError):
            parse_sps(bad)


@given(st.binary(max_size=40))
def test_random_sps_bytes_raise_only_parse_error(data: bytes) -> None:
    try:
        sps = parse_sps(b"\x67" + data)
    except ParseError:
        return
    assert sps.width > 0 and sps.height > 0


def test_decoder_configuration_of_baseline_and_high_profiles() -> None:
    """ISO/IEC 14496-15 5.3.3.1: version 1, profile, constraints, level from the SPS, 4-byte
    lengths (0xff), one SPS (0xe1) and one PPS; High adds chroma format 4:2:0 (0xfd) and
    8-bit depths (0xf8 0xf8) with no SPS extension."""
    assert decoder_configuration(SPS_BASELINE, PPS) == (
        bytes.fromhex("0142c00dffe1" "0015") + SPS_BASELINE + bytes.fromhex("01" "0004") + PPS)
    high = decoder_configuration(SPS_HIGH, PPS)
    assert high[:8] == bytes.fromhex("0164000dffe1" "0016")
    assert high[-4:] == bytes.fromhex("fdf8f800")
    with pytest.raises(ParseError):
        decoder_configuration(PPS, PPS)
    with pytest.raises(ParseError):
        decoder_configuration(SPS_HIGH[:4], PPS)  # cut before the fields High needs


def test_access_units_wait_for_an_idr_after_a_loss() -> None:
    source = H264Source(seed=3)
    frames = H264Frames()
    idr = source.frame(True, 0)
    assert len(idr) > 2  # STAP-A then FU-A fragments
    out = [frames.push(p.payload, p.ts, p.marker, False) for p in idr]
    assert out[:-1] == [None] * (len(idr) - 1) and out[-1] is not None and out[-1][1]
    assert frames.sps is not None and frames.decoder_configuration() is not None
    delta = source.frame(False, 33)
    assert len(delta) == 1 and delta[0].payload[0] & 0x1F == 1  # a single NAL unit packet
    unit, key = frames.push(delta[0].payload, delta[0].ts, True, False)
    assert not key and unit == len(delta[0].payload).to_bytes(4, "big") + delta[0].payload
    lost = source.frame(False, 66)[0]  # the next one comes after a gap: dropped
    assert frames.push(lost.payload, lost.ts, True, True) is None and frames.needs_keyframe
    assert frames.dropped_frames == 1
    middle = idr[2]  # an FU-A middle fragment without its start is not a frame
    assert frames.push(middle.payload, middle.ts + 1, True, False) is None


SECONDS = 3
LATE_JOIN_MS = 1000
LOST_FRAME = 30


async def test_an_h264_track_whose_participant_came_back_keeps_its_configuration(
    bucket: Bucket, tmp_path: Path
) -> None:
    """A track goes on with its participant's next stream (sfu/recorder.py: a rejoin); one
    that came back at the very end sent no SPS and PPS yet, and the header must still carry
    the decoder configuration of the frames the track holds."""
    uploader = MultipartUploader(bucket.client, bucket.name, "back.mkv", hold_head=True)
    uploader.start()
    session = RecordingSession(uploader, [TrackSpec("video", "Ada video", codec="h264")],
                               [90000])
    source = H264Source(0)
    for tick in range(VIDEO_FPS):  # a second of the first stay
        for v in source.frame(tick == 0, tick * 1000 / VIDEO_FPS):
            session.packet(0, v.seq, v.ts, v.marker, v.payload, v.arrival_ms)
    session.restart(0)  # Ada came back; the recording ends before her next keyframe
    await session.finish()

    path = bucket.download("back.mkv", tmp_path / "back.mkv")
    streams = ffprobe(path)["streams"]
    assert [(s["codec_name"], s["width"], s["height"]) for s in streams] == [
        ("h264", 320, 240)]
    assert decode_errors(path) == ""
    assert int(streams[0]["nb_read_frames"]) == VIDEO_FPS


async def test_h264_tracks_recorded_into_the_bucket_and_decodable(
    bucket: Bucket, tmp_path: Path
) -> None:
    """Participant 0 sends Constrained Baseline, participant 1 High with one packet lost and
    packets out of order, participant 2 joins after the header and takes a spare video slot
    (declared V_VP8, turned H.264 when the file is closed)."""
    uploader = MultipartUploader(bucket.client, bucket.name, "h264.mkv", hold_head=True)
    uploader.start()
    specs = [TrackSpec("video", "Ada video", 320, 240, codec="h264"),
             TrackSpec("audio", "Ada audio"),
             TrackSpec("video", "Grace video", 320, 240, codec="h264"),
             TrackSpec("video", "", spare=True), TrackSpec("audio", "", spare=True)]
    session = RecordingSession(uploader, specs, [90000, 48000, 90000, 90000, 48000])
    sources = [H264Source(0), H264Source(1, preset="veryfast"), H264Source(2)]
    audio = AudioSource(440.0)
    track = [0, 2, -1]
    want_keyframe = [False] * 3
    sent = [0] * 3
    for tick in range(SECONDS * 1000 // AUDIO_FRAME_MS):
        now = tick * AUDIO_FRAME_MS
        a = audio.packet(now)
        session.packet(1, a.seq, a.ts, a.marker, a.payload, a.arrival_ms)
        if now == LATE_JOIN_MS:
            track[2] = session.assign("video", "Linus video", "h264")
            assert track[2] == 3
        for p in range(3):
            start = LATE_JOIN_MS if p == 2 else 0
            if track[p] < 0:
                continue
            while sources[p].index * 1000 / VIDEO_FPS <= now - start:
                packets = sources[p].frame(want_keyframe[p], now)
                want_keyframe[p] = False
                sent[p] += 1
                if p == 1 and sources[p].index == LOST_FRAME:
                    assert len(packets) == 1
                    packets = []  # its one packet lost on the way
                if len(packets) > 2:  # arrive out of order
                    packets[0], packets[1] = packets[1], packets[0]
                for v in packets:
                    if session.packet(track[p], v.seq, v.ts, v.marker, v.payload,
                                      v.arrival_ms):
                        want_keyframe[p] = True  # a PLI to the publisher
        await session.drain()
    await session.finish()

    path = bucket.download("h264.mkv", tmp_path / "h264.mkv")
    streams = ffprobe(path)["streams"]
    assert [(s["codec_name"], s["tags"]["title"]) for s in streams] == [
        ("h264", "Ada video"), ("opus", "Ada audio"), ("h264", "Grace video"),
        ("h264", "Linus video")]
    assert [s.get("profile") for s in streams[::2]] == ["Constrained Baseline", "High"]
    assert [(s["width"], s["height"]) for s in streams if s["codec_name"] == "h264"] == [
        (320, 240)] * 3
    # ffmpeg reads the size from the SPS; the header's Video element says it too (the spare
    # slot was declared 640x480 before Linus's first frame), for players that read that.
    head = path.read_bytes()[:8192]
    assert [head[e.video_offset:e.video_offset + e.video_length]
            for e in track_slots.track_entries(head) if e.video_offset >= 0] == [
        track_slots.video(320, 240)] * 3
    assert decode_errors(path) == ""
    lossy = session.tracks[2].h264
    assert lossy is not None and session.tracks[2].reorder.lost == 1
    # Frames from the loss to the requested keyframe: the reordering wait (200 ms) and one.
    assert 1 <= lossy.dropped_frames <= 8
    expected = [sent[0], sent[1] - 1 - lossy.dropped_frames, sent[2]]  # - the lost one
    decoded = [int(s["nb_read_frames"]) for s in streams if s["codec_name"] == "h264"]
    assert decoded == expected == session.frames_written[0:1] + session.frames_written[2:4]


class _Producer:
    """What the SFU's recorder reads of a publisher's producer (sfu.producer.Producer)."""

    def __init__(self, producer_id: str, kind: str, codec: ChosenCodec) -> None:
        self.id, self.kind, self.codec = producer_id, kind, codec
        self.participant_id = "p1"
        self.consumers: list = []
        self.layers = (self,)  # one encoding: no simulcast
        self.last_sr = None
        self.keyframe_requests = 0

    def request_keyframe(self) -> None:
        self.keyframe_requests += 1


async def test_the_sfu_recorder_takes_an_h264_producer(bucket: Bucket, tmp_path: Path) -> None:
    """A publisher whose video the SFU negotiated as H.264 (sfu/sdp/publish.py) is recorded,
    not counted as an unsupported track."""
    clock = [0.0]
    uploader = MultipartUploader(bucket.client, bucket.name, "sfu.mkv", hold_head=True)
    recorder = RoomRecorder(uploader, lambda: clock[0], {"p1": "Ada"}.__getitem__,
                            gather_s=0.5, spare_participants=0)
    video = _Producer("v", "video", ChosenCodec("video/h264", 102, 90000, None,
                                                {"packetization-mode": "1"}))
    recorder.start([video])  # type: ignore[list-item]
    assert recorder.stats.unsupported_tracks == 0 and video.keyframe_requests == 1
    source = H264Source(seed=5)
    for i in range(VIDEO_FPS):
        clock[0] = i / VIDEO_FPS
        for p in source.frame(False, 0):
            recorder.enqueue(video, p.seq, p.ts, p.marker, p.payload, None)  # type: ignore
        await asyncio.sleep(0)
    assert await wait_until(lambda: recorder.session is not None, 10)
    await recorder.stop()
    path = bucket.download("sfu.mkv", tmp_path / "sfu.mkv")
    streams = ffprobe(path)["streams"]
    assert [(s["codec_name"], s["tags"]["title"]) for s in streams] == [("h264", "Ada video")]
    assert int(streams[0]["nb_read_frames"]) == VIDEO_FPS and decode_errors(path) == ""


async def test_an_encrypted_h264_recording_gets_its_decoder_configuration(
    bucket: Bucket, tmp_path: Path
) -> None:
    """The CodecPrivate edit lands in the first age chunk, sealed again like the slot names."""
    identity = new_identity()
    uploader = MultipartUploader(bucket.client, bucket.name, "h264.mkv.age", hold_head=True)
    uploader.start()
    session = RecordingSession(uploader, [TrackSpec("video", "Ada video", 320, 240,
                                                    codec="h264")], [90000],
                               encrypt_to=recipient_of(identity))
    source = H264Source(seed=7)
    for i in range(VIDEO_FPS):
        for p in source.frame(False, i * 1000 / VIDEO_FPS):
            session.packet(0, p.seq, p.ts, p.marker, p.payload, p.arrival_ms)
        await session.drain()
    await session.finish()
    sealed = bucket.read("h264.mkv.age")
    path = tmp_path / "dec.mkv"
    path.write_bytes(b"".join(decrypt(identity, io.BytesIO(sealed))))
    streams = ffprobe(path)["streams"]
    assert [(s["codec_name"], int(s["nb_read_frames"])) for s in streams] == [
        ("h264", VIDEO_FPS)]
    assert decode_errors(path) == ""


def test_an_access_unit_without_end_is_dropped_past_its_bound() -> None:
    frames = H264Frames()
    fragment = bytes([0x7C, 0x05]) + bytes(1200)  # FU-A middle fragments, NRI 3, IDR
    assert frames.push(bytes([0x7C, 0x85]) + bytes(1200), 9000, False, False) is None
    for _ in range(MAX_ACCESS_UNIT_BYTES // 1200 + 2):
        assert frames.push(fragment, 9000, False, False) is None
    assert frames._fragment is None and not frames._nals  # nothing more is held
    assert frames.push(bytes([0x7C, 0x45, 0]), 9000, True, False) is None
    assert frames.dropped_frames == 1


def test_padding_only_packets_are_neither_frames_nor_losses() -> None:
    """Chromium pads H.264 streams with payload-less packets (RFC 3550 5.1), which the SFU
    hands the recorder without payload: they take their sequence numbers, so the frames
    after them need no key frame; a loss before padding still does."""
    source = H264Source(seed=9)
    track = TrackRecorder("video", 90000, codec="h264")
    frames = []

    def push(packets) -> None:
        for p in packets:
            frames.extend(track.push(p.seq, p.ts, p.marker, p.payload, p.arrival_ms))

    def padding() -> None:
        push([RtpPacket(source.seq, source.ts, False, b"", 0.0)])
        source.seq = (source.seq + 1) & 0xFFFF

    push(source.frame(True, 0))
    padding()
    push(source.frame(False, 33))
    padding()
    padding()
    push(source.frame(False, 66))
    assert [f.keyframe for f in frames] == [True, False, False]
    assert not track.needs_keyframe and track.reorder.lost == 0
    source.seq = (source.seq + 1) & 0xFFFF  # a lost packet, then padding
    padding()
    for _ in range(64):  # the reordering buffer gives up waiting for the lost one
        padding()
    push(source.frame(False, 99))
    assert len(frames) == 3 and track.needs_keyframe
