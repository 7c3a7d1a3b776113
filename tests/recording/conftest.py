"""An S3-compatible bucket server (moto's server mode) on loopback, a proxy to it the tests can
cut, and real VP8 and Opus RTP made by aiortc's encoders, for the recorder's tests."""

from __future__ import annotations

import asyncio
import contextlib
import fractions
import http.server
import json
import math
import subprocess
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aioice.ice
import av
import numpy as np
import pytest
from aiortc.codecs import get_encoder
from aiortc.codecs.h264 import H264Encoder
from aiortc.rtcrtpparameters import RTCRtpCodecParameters
from moto.server import ThreadedMotoServer

from keys.field_cipher import FieldCipher
from keys.kek import FileKek
from keys.keyring import Keyring
from recording.bucket import s3_client
from signaling.store import Store
from tests.conftest import FjordServer, free_port, start_fjord, stop_fjord
from tests.features.webhook_receiver import WebhookReceiver

VIDEO_FPS = 30
AUDIO_FRAME_MS = 20


@dataclass
class Bucket:
    endpoint: str
    name: str
    client: Any

    def read(self, key: str) -> bytes:
        """The stored object ``key``'s bytes."""
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def download(self, key: str, path: Path) -> Path:
        """Store object ``key`` at ``path`` (for ffprobe and ffmpeg) and return ``path``."""
        path.write_bytes(self.read(key))
        return path


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(moto_endpoint: str, request: pytest.FixtureRequest) -> Bucket:
    client = s3_client("us-east-1", moto_endpoint, "AKIDTEST", "test-secret")
    name = "rec-" + request.node.name.lower().replace("_", "-")[:40].strip("-")
    client.create_bucket(Bucket=name)
    return Bucket(moto_endpoint, name, client)


class ErrorBucket:
    """An S3-compatible endpoint on loopback that answers every request with one S3 error
    (``status`` and ``code``, settable); ``seen`` holds each request's method and path,
    ``headers`` its headers (names in lower case)."""

    def __init__(self) -> None:
        self.status, self.code = 503, "SlowDown"
        self.seen: list[str] = []
        self.headers: list[dict[str, str]] = []
        bucket = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _refuse(self) -> None:
                bucket.seen.append(f"{self.command} {self.path}")
                bucket.headers.append({k.lower(): v for k, v in self.headers.items()})
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                body = (f"<Error><Code>{bucket.code}</Code><Message>refused</Message>"
                        "</Error>").encode()
                self.send_response(bucket.status)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_PUT = do_DELETE = do_GET = _refuse  # noqa: N815 - http.server's

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def error_bucket() -> Iterator[ErrorBucket]:
    bucket = ErrorBucket()
    yield bucket
    bucket.close()


class CuttableProxy:
    """A TCP proxy on 127.0.0.1 to the bucket server; :meth:`cut` refuses and resets
    connections (the bucket unreachable), :meth:`restore` serves again on the same port."""

    def __init__(self, target: str) -> None:
        parts = urlsplit(target)
        self.target = (parts.hostname, parts.port)
        self.port = free_port()
        self.server: asyncio.Server | None = None
        self.writers: set[asyncio.StreamWriter] = set()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def restore(self) -> None:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)

    async def cut(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in list(self.writers):
            writer.transport.abort()
        await self.server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.target)
        self.writers |= {writer, up_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(ConnectionError, OSError):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        self.writers -= {writer, up_writer}


@pytest.fixture
async def proxy(bucket: Bucket) -> AsyncIterator[CuttableProxy]:
    """A :class:`CuttableProxy` to ``bucket``, serving."""
    proxy = CuttableProxy(bucket.endpoint)
    await proxy.restore()
    yield proxy
    with contextlib.suppress(Exception):
        await proxy.cut()


@dataclass
class RtpPacket:
    seq: int
    ts: int
    marker: bool
    payload: bytes
    arrival_ms: float


class _MovingPicture:
    """What both video sources share: a moving test picture (diagonal bands, seeded so that
    two sources differ) and RTP numbering of the packets of one frame per call."""

    width = 160
    height = 120
    fps = VIDEO_FPS

    def __init__(self, seed: int, seq: int, ts: int) -> None:
        self.seed = seed
        self.seq = seq
        self.ts = ts  # near the 32-bit wrap on purpose
        self.index = 0

    def picture(self) -> np.ndarray:
        """This frame's picture: rgb24, ``height`` x ``width`` x 3."""
        y = np.arange(self.height)[:, None]
        x = np.arange(self.width)[None, :]
        img = ((x + y + self.index * 4 + self.seed * 50) % 256).astype(np.uint8)
        return np.stack([img, np.roll(img, self.seed, axis=1), 255 - img], axis=2)

    def packets(self, payloads: list[bytes], arrival_ms: float) -> list[RtpPacket]:
        """One frame's payloads as RTP packets (marker on the last); next frame's numbers."""
        packets = []
        for i, payload in enumerate(payloads):
            packets.append(RtpPacket(self.seq, self.ts, i == len(payloads) - 1, payload,
                                     arrival_ms))
            self.seq = (self.seq + 1) & 0xFFFF
        self.ts = (self.ts + 90000 // self.fps) & 0xFFFFFFFF
        self.index += 1
        return packets


class VideoSource(_MovingPicture):
    """VP8 RTP of a moving 160x120 picture, one frame per call (RFC 7741 packets)."""

    def __init__(self, seed: int, seq: int = 1000, ts: int = 4_000_000_000) -> None:
        super().__init__(seed, seq, ts)
        self.encoder = get_encoder(RTCRtpCodecParameters(
            mimeType="video/VP8", clockRate=90000, payloadType=96))

    def frame(self, keyframe: bool, arrival_ms: float) -> list[RtpPacket]:
        frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(self.picture()), format="rgb24")
        frame.pts = self.index * 3000
        frame.time_base = fractions.Fraction(1, 90000)
        payloads, _ = self.encoder.encode(frame, force_keyframe=keyframe or self.index == 0)
        return self.packets(payloads, arrival_ms)


def noise_vp8_keyframes(count: int = 4, fps: int = 15) -> list[bytes]:
    """``count`` VP8 keyframes of 320x240 noise at near-lossless quality, about 74 kB each
    (about 1 MB/s at 15 frames/s): a 5 MiB part fills within seconds of media, without a
    2-core machine encoding that much video live."""
    encoder = av.CodecContext.create("libvpx", "w")
    encoder.width, encoder.height = 320, 240
    encoder.pix_fmt = "yuv420p"
    encoder.time_base = fractions.Fraction(1, 90000)
    encoder.gop_size = 1
    encoder.options = {"crf": "4", "qmin": "4", "qmax": "8", "deadline": "realtime",
                       "cpu-used": "8", "b": "40M"}
    noise = np.random.default_rng(7)
    keyframes = []
    for i in range(count):
        frame = av.VideoFrame.from_ndarray(
            noise.integers(0, 255, (240, 320, 3), dtype=np.uint8), format="rgb24")
        frame.pts = i * 90000 // fps
        keyframes += [bytes(p) for p in encoder.encode(frame.reformat(format="yuv420p"))]
    return keyframes


class NoiseSource(_MovingPicture):
    """VP8 RTP of :func:`noise_vp8_keyframes`, each frame a keyframe, one per call."""

    def __init__(self, fps: int = 15) -> None:
        super().__init__(0, 1000, 4_000_000_000)
        self.fps = fps
        self.keyframes = noise_vp8_keyframes(fps=fps)
        self.packer = get_encoder(RTCRtpCodecParameters(
            mimeType="video/VP8", clockRate=90000, payloadType=96))

    def frame(self, arrival_ms: float) -> list[RtpPacket]:
        packet = av.Packet(self.keyframes[self.index % len(self.keyframes)])
        packet.pts, packet.time_base = self.index, fractions.Fraction(1, self.fps)
        payloads, _ = self.packer.pack(packet)
        return self.packets(payloads, arrival_ms)


class AudioSource:
    """Opus RTP of a tone, 20 ms per packet (RFC 7587)."""

    def __init__(self, freq: float, seq: int = 60000, ts: int = 12345) -> None:
        self.encoder = get_encoder(RTCRtpCodecParameters(
            mimeType="audio/opus", clockRate=48000, channels=2, payloadType=111))
        self.freq = freq
        self.seq = seq
        self.ts = ts
        self.index = 0

    def packet(self, arrival_ms: float) -> RtpPacket:
        n = 960
        t = (np.arange(n) + self.index * n) / 48000
        tone = (np.sin(2 * math.pi * self.freq * t) * 8000).astype(np.int16)
        frame = av.AudioFrame.from_ndarray(np.repeat(tone, 2)[None, :], format="s16",
                                           layout="stereo")
        frame.sample_rate = 48000
        frame.pts = self.index * n
        frame.time_base = fractions.Fraction(1, 48000)
        payloads, _ = self.encoder.encode(frame)
        packet = RtpPacket(self.seq, self.ts, False, payloads[0], arrival_ms)
        self.seq = (self.seq + 1) & 0xFFFF
        self.ts = (self.ts + n) & 0xFFFFFFFF
        self.index += 1
        return packet


def ffprobe(path: Path) -> dict[str, Any]:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-count_frames", "-show_streams", "-show_format",
         "-of", "json", str(path)], check=True, capture_output=True, timeout=60)
    return json.loads(out.stdout)


def video_frames(path: Path, stream: str = "v:0") -> list[tuple[float, int, int]]:
    """``(time in s, width, height)`` of each decoded frame of a video track (``stream``:
    ffprobe's stream specifier, the first video track by default)."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", stream, "-show_entries",
         "frame=pts_time,width,height", "-of", "json", str(path)],
        check=True, capture_output=True, timeout=60)
    return [(float(f["pts_time"]), f["width"], f["height"])
            for f in json.loads(out.stdout)["frames"]]


def decode_errors(path: Path) -> str:
    """ffmpeg's error output when decoding every track (empty: all decoded). The null
    output's own complaints about the timestamps it invents for frames (``[null @ ...]``)
    are not about the file and are left out."""
    out = subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-map", "0",
                          "-fps_mode", "passthrough", "-f", "null", "-"],
                         capture_output=True, timeout=60)
    lines = [line for line in out.stderr.decode(errors="replace").splitlines()
             if not line.startswith("[null @")]
    return "\n".join(lines) + ("" if out.returncode == 0 else "failed")


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    """A SQLite account store with its own keyring, for API-level recording tests."""
    cipher = FieldCipher(Keyring(tmp_path / "keys" / "keyring", FileKek(tmp_path / "keys")))
    opened = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'fjord.db'}", cipher)
    yield opened
    await opened.close()


class H264Source(_MovingPicture):
    """H.264 RTP of a moving picture (``size``: 320x240), one access unit per call: libx264
    through PyAV (``preset`` ultrafast gives the Constrained Baseline profile browsers send,
    veryfast High), one slice per picture, packetized by aiortc's RFC 6184 packetizer (an
    independent implementation): an IDR picture is a STAP-A of SPS, PPS and SEI then FU-A
    fragments, a P picture one single NAL unit packet."""

    def __init__(self, seed: int, preset: str = "ultrafast", seq: int = 30000,
                 ts: int = 4_294_000_000, size: tuple[int, int] = (320, 240)) -> None:
        super().__init__(seed, seq, ts)
        self.width, self.height = size
        self.encoder = av.CodecContext.create("libx264", "w")
        self.encoder.width, self.encoder.height = size
        self.encoder.pix_fmt = "yuv420p"
        self.encoder.time_base = fractions.Fraction(1, 90000)
        self.encoder.framerate = fractions.Fraction(VIDEO_FPS, 1)
        self.encoder.gop_size = 10 * VIDEO_FPS
        self.encoder.options = {"preset": preset, "tune": "zerolatency", "threads": "1",
                                "forced-idr": "1"}
        self.noise = np.random.default_rng(seed).integers(0, 255, (96, 96, 3), dtype=np.uint8)
        "A still patch of noise: IDR pictures are large enough for FU-A, P pictures small."

    def frame(self, keyframe: bool, arrival_ms: float) -> list[RtpPacket]:
        img = self.picture()
        patch = min(96, self.width, self.height)
        img[:patch, :patch] = self.noise[:patch, :patch]
        frame = av.VideoFrame.from_ndarray(img, format="rgb24").reformat(format="yuv420p")
        frame.pts = self.index * 3000
        frame.time_base = fractions.Fraction(1, 90000)
        if keyframe:
            frame.pict_type = av.video.frame.PictureType.I
        nals = [nal for packet in self.encoder.encode(frame)
                for nal in H264Encoder._split_bitstream(bytes(packet))]
        payloads = H264Encoder._packetize(nals)
        return self.packets(payloads, arrival_ms)


def subscribed_receiver(server: FjordServer, events: list[str]) -> tuple[WebhookReceiver, dict]:
    """A started webhook receiver on loopback (the server's own certificate), subscribed to
    ``events`` of the server's organization: the receiver and the created endpoint (with
    its ``secret``). The caller stops the receiver."""
    certs = server.data_dir / "certs"
    receiver = WebhookReceiver(certs / "localhost.pem", certs / "localhost.key")
    receiver.start()
    status, hook = server.request("POST", "/v1/admin/webhooks",
                                  {"url": receiver.url, "events": events})
    assert status == 201, hook
    return receiver, hook


def start_recording_server(base: Path) -> FjordServer:
    """``fjord serve`` in ``base`` that records into buckets and sends webhooks on
    loopback (the operator allows 127.0.0.1 for both; webhooks trust its development CA)."""
    data = base / "data"
    return start_fjord(
        data, base / "fjord.log",
        FJORD_WEBHOOK_ALLOWED_PRIVATE_IPS="127.0.0.1",
        FJORD_WEBHOOK_CA_FILE=str(data / "certs" / "dev-ca.pem"),
        FJORD_RECORDING_ALLOWED_PRIVATE_IPS="127.0.0.1",
    )


@pytest.fixture
def server(tmp_path: Path) -> Iterator[FjordServer]:
    """A server of the test's own (one it stops or kills): :func:`start_recording_server`."""
    fjord = start_recording_server(tmp_path)
    yield fjord
    stop_fjord(fjord)


@pytest.fixture
def loopback_host_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    """aiortc peers in the test gather 127.0.0.1 alone (the loopback-only namespace)."""
    monkeypatch.setattr(aioice.ice, "get_host_addresses", lambda use_ipv4, use_ipv6: ["127.0.0.1"])
