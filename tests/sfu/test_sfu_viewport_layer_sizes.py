"""A tile's layer follows the sizes the publisher's key frames state, after they change.

The SFU caps a visible tile at the lowest simulcast layer whose picture covers it
(sfu/viewport.py), sizing each layer by its key frames. A publisher whose CPU or uplink is
short scales every layer down (libwebrtc's resolution adaptation: 1280x720 on top becomes
640x360) and sends key frames of the new sizes. The sizes were read only when a consumer
switched layers, and in the steady state the native core forwarded the key frames without
Python seeing them, so the caps kept the old sizes: a 640x360 tile stayed on the middle
layer, now 320x180, shown enlarged twice, while the top one (640x360 now) fitted it. So for
VP8 (the size in the key frame's header) and H.264 (in the SPS sent ahead of it).

Real legs (ICE, DTLS-SRTP) through the worker's socket; the native core forwards when it
was built (the default).
"""

import asyncio

import pytest
from sfu_clients import loopback_only
from synthetic_clients import LeanSubscriber, SimulcastPublisher

from sfu.control import SfuConfig, StreamViewport
from sfu.worker import SfuWorker
from tests.conftest import wait_until

pytestmark = pytest.mark.timeout(90)

FULL = [(320, 180), (640, 360), (1280, 720)]
ADAPTED = [(160, 90), (320, 180), (640, 360)]
"Every layer halved, as libwebrtc's CPU adaptation scales the captured picture."
TILE = (640, 360)


@pytest.fixture(params=["vp8", "h264"])
async def codec_worker(request, monkeypatch, listener):
    """A worker that takes only the parameter's video codec from publishers, and the codec."""
    loopback_only(monkeypatch)
    codec = request.param
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0,
                                 video_codecs=(codec.upper(),)), listener)
    await worker.start()
    yield worker, codec
    await worker.close()


async def test_a_publisher_scaling_its_layers_down_moves_the_tile_to_the_layer_that_fits(
        codec_worker):
    worker, codec = codec_worker
    publisher = SimulcastPublisher(worker, "room", "alice", codec=codec)
    publisher.sizes = FULL
    await publisher.start()
    subscriber = LeanSubscriber(worker, "room", "bob")
    await subscriber.start()
    router = worker.rooms["room"]
    consumer = next(s.consumer for s in router.participants["bob"].slots
                    if s.consumer.producer.kind == "video")
    assert consumer.producer.codec.mime_type.lower() == f"video/{codec}"
    layers = consumer.layers
    try:
        stream = router.stream_ids["alice"][consumer.producer.mid]
        await worker.set_viewport("room", "bob", (StreamViewport(stream, True, *TILE),))
        assert await wait_until(lambda: consumer.current == 1, 10), consumer.current
        assert await wait_until(
            lambda: [layer.frame_size for layer in layers] == FULL, 10), [
                layer.frame_size for layer in layers]
        native = worker.native is not None
        if native:  # the steady state runs in the core
            assert await wait_until(lambda: consumer.route is not None, 10)
        publisher.sizes = ADAPTED
        for layer in publisher.layers:  # a new size starts with a key frame
            layer.key = True
        assert await wait_until(
            lambda: [layer.frame_size for layer in layers] == ADAPTED, 10), [
                layer.frame_size for layer in layers]
        assert await wait_until(lambda: consumer.limits.get("viewport") == 2, 5), (
            consumer.limits)
        assert await wait_until(lambda: consumer.current == 2, 10), consumer.current
    finally:
        await subscriber.stop()
        await publisher.stop()
    await asyncio.sleep(0)
