"""A camera held back from a subscriber asks its publisher for nothing, whatever the
subscriber's tiles say.

Last-N pauses the cameras of the participants who did not speak lately (sfu/last_n.py).
The subscriber's page still describes their tiles (``video-viewport``), and each
description set the paused consumer's layer cap, which made it aim at a layer: a key frame
request to that publisher per message (one a second per layer after the throttle), for a
stream nobody was sent, and a count of consumers waiting for a key frame on the layer that
nothing ever took back, which kept every packet of that layer off the native core's fast
path for every subscriber. In a class with last-N, the pages of twenty viewers resizing or
scrolling their grids had the quiet participants' encoders send key frames all the time,
which everyone watching them paid for in picture quality.

Real legs (ICE, DTLS-SRTP) through the worker's socket.
"""

import asyncio

import pytest
from synthetic_clients import LeanSubscriber, SimulcastPublisher

from sfu.control import StreamViewport
from tests.conftest import wait_until

pytestmark = pytest.mark.timeout(90)


async def test_tiles_described_of_a_camera_last_n_holds_back_request_no_key_frame(worker):
    speaker = SimulcastPublisher(worker, "room", "alice")
    quiet = SimulcastPublisher(worker, "room", "carol")
    await speaker.start()
    await quiet.start()
    viewer = LeanSubscriber(worker, "room", "bob")
    await viewer.start()
    router = worker.rooms["room"]
    router.speakers.set_last_n(1)  # bob gets alice's camera (she joined first), not carol's
    held = next(s.consumer for s in router.participants["bob"].slots
                if s.consumer.producer.participant_id == "carol"
                and s.consumer.producer.kind == "video")
    try:
        assert held.pause_reasons == {"last_n"}
        assert await wait_until(lambda: viewer.keyframe.is_set(), 10)
        await asyncio.sleep(1.5)  # a request the throttle put off before the pause is sent
        asked = list(quiet.plis)
        stream = router.stream_ids["carol"][held.producer.mid]
        for size in [(320, 180), (1280, 720), (640, 360)] * 4:  # a grid resized, 12 times
            await worker.set_viewport("room", "bob", (StreamViewport(stream, True, *size),))
            await asyncio.sleep(0.25)
        assert quiet.plis == asked, (asked, quiet.plis)
        assert [layer.waiting_for_keyframe for layer in held.layers] == [0, 0, 0]
        assert held.pending == -1
        # spoken to: the camera comes back, at the layer the tile asks for
        router.speakers.set_last_n(2)
        assert await wait_until(lambda: held.current == 1, 10), held.current
    finally:
        await viewer.stop()
        await quiet.stop()
        await speaker.stop()


async def test_a_tile_shown_again_at_another_size_asks_only_for_the_layer_that_fits(worker):
    """A tile hidden at full size (the tab in the background) comes back as a thumbnail
    (the grid grew meanwhile): the camera resumes at the lowest layer, whose key frame alone
    is asked for. Before, it resumed aiming at the top layer its last description allowed,
    asked for a top-layer key frame (the largest kind, sent to everyone on that layer), and
    asked for the one it needed only at its next check, 0.5 s later."""
    publisher = SimulcastPublisher(worker, "room", "alice")
    await publisher.start()
    viewer = LeanSubscriber(worker, "room", "bob")
    await viewer.start()
    router = worker.rooms["room"]
    consumer = next(s.consumer for s in router.participants["bob"].slots
                    if s.consumer.producer.kind == "video")
    stream = router.stream_ids["alice"][consumer.producer.mid]
    try:
        await worker.set_viewport("room", "bob", (StreamViewport(stream, True, 1280, 720),))
        assert await wait_until(lambda: consumer.current == 2, 10), consumer.current
        await worker.set_viewport("room", "bob", (StreamViewport(stream, False, 1280, 720),))
        assert consumer.pause_reasons == {"hidden"}
        await asyncio.sleep(1.5)  # past every layer's key frame request throttle
        asked = list(publisher.plis)
        await worker.set_viewport("room", "bob", (StreamViewport(stream, True, 320, 180),))
        assert consumer.pending == 0 or consumer.current == 0
        assert await wait_until(lambda: consumer.current == 0, 5), consumer.current
        assert publisher.plis[1:] == asked[1:], (asked, publisher.plis)
    finally:
        await viewer.stop()
        await publisher.stop()
