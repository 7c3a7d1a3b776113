"""Adaptive stream: each subscriber's tiles cap or pause the video it receives (issue 12).

A subscriber tells, per received stream (its msid stream id, docs/signaling.md), whether
the tile is visible and its size in device pixels (``video-viewport``). A hidden tile's
video consumer is paused (:meth:`sfu.consumer.Consumer.pause` ``"hidden"``); a visible
one's simulcast layer is capped (:meth:`SimulcastConsumer.set_layer_limit
<sfu.simulcast.consumer.SimulcastConsumer.set_layer_limit>` ``"viewport"``) at the lowest
layer whose picture covers the tile (:func:`spatial_cap`). Streams never described are
visible without a cap; audio is never touched. A shared screen is a video stream of its
own (``<participantId>.<n>``) and follows its tile like a camera; the web client sends it
as two layers of the same size, the lower at 5 frames/s, and a tile never caps it to the
lower one (:func:`spatial_cap`): that one is for a slow link (:mod:`sfu.allocator`).

Layer sizes are those of the layers' last key frames (``Producer.frame_size``, read from
each VP8 key frame header or H.264 SPS that reaches ``Producer.on_rtp``: the native core
leaves every VP8 key frame's first packet and every H.264 packet carrying an SPS to it, so a
publisher that scales its layers down or up is followed), else derived from a known layer by
the 4/2/1 scaling the web client publishes a camera with (``scaleResolutionDownBy``; a
shared screen's layers all at full size), else from :data:`DEFAULT_TOP_SIZE`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from sfu.control import StreamViewport
from sfu.participant import Participant
from sfu.producer import Producer
from sfu.simulcast.consumer import SimulcastConsumer

DEFAULT_TOP_SIZE = (1280, 720)
"Top layer size (pixels) assumed while no layer's size is known: the web client's capture."
SLACK = 1.25
"""A layer serves tiles up to this factor larger than itself: mild upscaling costs less than
the next layer's bitrate (about 4x) and flapping between two layers."""
MAX_STREAMS = 512
"""Streams remembered per subscriber; past that the least recently described is forgotten
(its tile counts as visible without a cap again)."""


def layer_sizes(known: Sequence[tuple[int, int] | None],
                step: float = 2.0) -> list[tuple[int, int]]:
    """Each layer's ``(width, height)``, lowest first: the ``known`` ones as they are, each
    other one from the nearest known layer scaled by ``step`` per layer between them (the
    web client's camera: 2; its screen: 1, every layer at full size), or from
    :data:`DEFAULT_TOP_SIZE` for the top when none is known."""
    found = [(i, size) for i, size in enumerate(known) if size is not None]
    if not found:
        found = [(len(known) - 1, DEFAULT_TOP_SIZE)]
    sizes = []
    for index, size in enumerate(known):
        if size is None:
            near, (w, h) = min(found, key=lambda f: abs(f[0] - index))
            scale = step ** (index - near)
            size = (max(1, round(w * scale)), max(1, round(h * scale)))
        sizes.append(size)
    return sizes


def spatial_cap(width: int, height: int, sizes: Sequence[tuple[int, int]]) -> int:
    """The lowest layer (index into ``sizes``, lowest first) whose picture, scaled to cover a
    ``width`` x ``height`` tile as the web client shows video (CSS ``object-fit: cover``),
    is enlarged by at most :data:`SLACK`, or the highest layer of that same size: layers of
    one size differ in frame rate, not pixels (a shared screen's full-size 5 frames/s layer
    and its full one), and a tile is capped by its pixels only. The top layer when none
    covers the tile; the lowest size's for an empty tile."""
    for w, h in sizes:
        needed = max(width / w, height / h)  # the scale that makes the picture cover the tile
        if needed <= SLACK:
            return max(i for i, size in enumerate(sizes) if size == (w, h))
    return len(sizes) - 1


class RoomViewports:
    """The tiles of every subscriber of one room, applied to its video consumers.

    :param participants: the router's participants by id (read, never changed).
    :param stream_ids: the router's ``participant id -> {mid: msid stream id}``.
    """

    def __init__(self, participants: Mapping[str, Participant],
                 stream_ids: Mapping[str, Mapping[str, str]]) -> None:
        self._participants = participants
        self._stream_ids = stream_ids
        self.tiles: dict[str, dict[str, StreamViewport]] = {}
        "Subscriber id -> {stream id: its tile}, least recently described first."
        self._sizes: dict[str, tuple] = {}
        "Producer id -> the layer sizes caps were last computed with (:meth:`refresh`)."

    def set(self, subscriber: str, streams: Iterable[StreamViewport]) -> None:
        """``subscriber`` describes these tiles (each replaces that stream's previous
        description); applied at once."""
        tiles = self.tiles.setdefault(subscriber, {})
        for viewport in streams:
            tiles.pop(viewport.stream_id, None)
            tiles[viewport.stream_id] = viewport
        while len(tiles) > MAX_STREAMS:
            del tiles[next(iter(tiles))]
        self.apply(subscriber)

    def leave(self, participant_id: str) -> None:
        """A participant left: forget its tiles (those others describe of it stay, bounded
        by :data:`MAX_STREAMS`, for when it publishes again)."""
        self.tiles.pop(participant_id, None)

    def apply(self, subscriber: str, producer_ids: frozenset[str] | None = None) -> None:
        """Pause, resume and cap the video consumers of ``subscriber`` (of the producers
        ``producer_ids`` only, when given) by its tiles."""
        p = self._participants.get(subscriber)
        if p is None:
            return
        tiles = self.tiles.get(subscriber, {})
        for slot in p.slots:
            c = slot.consumer
            if c is None or c.producer.kind != "video" or c.producer.closed:
                continue
            producer = c.producer
            if producer_ids is not None and producer.id not in producer_ids:
                continue
            stream = self._stream_ids.get(producer.participant_id, {}).get(producer.mid)
            tile = tiles.get(stream) if stream is not None else None
            if tile is not None and not tile.visible:
                c.pause("hidden")
                continue
            if isinstance(c, SimulcastConsumer):  # capped first: it resumes aiming there
                cap = None
                if tile is not None:
                    sizes = self._layer_sizes(producer)
                    self._sizes[producer.id] = tuple(sizes)
                    cap = spatial_cap(tile.width, tile.height, sizes)
                c.set_layer_limit("viewport", cap)
            c.resume("hidden")

    def _layer_sizes(self, producer: Producer) -> list[tuple[int, int]]:
        """:func:`layer_sizes` of ``producer``'s layers. A shared screen's (its stream id has
        a ``.``) unknown layers are the size of a known one: the web client sends its
        screen's layers at full size, and a top layer not sent yet, taken as twice the size
        of the 5 frames/s one, capped every tile to that one, so dynacast paused the top
        layer and it never came (its size never became known)."""
        stream = self._stream_ids.get(producer.participant_id, {}).get(producer.mid, "")
        return layer_sizes([layer.frame_size for layer in producer.layers],
                           1.0 if "." in stream else 2.0)

    def refresh(self) -> None:
        """Periodic: recompute the caps on streams whose layer sizes became known or
        changed since they were computed (a publisher's first key frames, a new camera
        resolution)."""
        current = {producer.id: producer for p in self._participants.values()
                   for producer in p.producers.values()}
        changed = set()
        for producer_id, seen in list(self._sizes.items()):
            producer = current.get(producer_id)
            if producer is None or seen != tuple(self._layer_sizes(producer)):
                del self._sizes[producer_id]
                changed.add(producer_id)
        if changed:
            for subscriber in self.tiles:
                self.apply(subscriber, frozenset(changed))
