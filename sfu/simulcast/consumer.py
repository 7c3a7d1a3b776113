"""A simulcast consumer: one subscriber's view of a VP8 or H.264 simulcast m-line.

It receives every layer's packets (one :class:`LayerTap` per layer in that layer's
``Producer.consumers``) and forwards one spatial layer and the temporal layers up to a
target, as one continuous stream:

- spatial switch only at a key frame of the target layer: it is requested (the layer's
  :class:`sfu.keyframe_request_manager.KeyFrameRequestManager` coalesces requests of
  every subscriber into at most one PLI per interval); packets of the target frame that
  arrive before its first packet are held and sent after it (mediasoup issue 1547);
- sequence numbers without gaps for the packets deliberately not sent, RTP timestamps that
  never go back (the distance between layers from their sender reports, arrival times
  while a layer has none: :mod:`sfu.simulcast.timestamps`, :mod:`sfu.rtp.seq_ts_mapper`);
- what depends on the codec, in :mod:`sfu.simulcast.codecs`: where a key frame starts and
  its picture size; for VP8, PictureID and TL0PICIDX renumbered
  (:mod:`sfu.simulcast.picture_ids`) and TID filtered (:mod:`sfu.simulcast.temporal`);
  H.264 packets are forwarded as they are, as one temporal layer;
- a NACK is answered with the packet exactly as this subscriber got it: a ring indexed by
  output sequence number remembers layer, input sequence number and rewritten values.
- when the subscriber negotiated transport-cc, each packet carries the subscribe
  transport's own transport-wide sequence number in place of the publisher's
  (:mod:`sfu.rtp.transport_cc`, :mod:`sfu.bwe.sender`), and :meth:`SimulcastConsumer.send_padding`
  sends the bandwidth probes on the consumer's RTX stream; the spatial target is capped by
  the bandwidth allocator (:mod:`sfu.allocator`) through :meth:`set_layer_limit`, and the
  temporal one through :meth:`set_temporal_limit`.

The spatial target is the highest available layer up to
:attr:`SimulcastConsumer.target_spatial` (a layer the publisher stopped sending is not; one
dynacast paused is, and waited for), re-evaluated every
:data:`CHECK_INTERVAL` seconds by the router's poll (:meth:`SimulcastConsumer.poll`). This
path allocates per packet (a copy for the rewrite, a ring entry); it is the reference, and
the path of everything but the steady state: with the native core (sfu/native_forward.py),
a consumer forwarding one layer with fixed offsets (no switch pending, every temporal
layer) is routed there on every layer, and comes back for a switch, a lower temporal target
or a malformed packet (:meth:`SimulcastConsumer.leave_core`).
"""

from collections.abc import Callable, Sequence
from typing import Literal

from sfu.consumer import Consumer
from sfu.errors import ParseError
from sfu.producer import Producer
from sfu.rtp.header import (
    PAYLOAD_END,
    PAYLOAD_START,
    SEQ,
    TS,
    seq_newer,
)
from sfu.simulcast.codecs import REWRITERS, PayloadRewriter, Vp8Rewriter
from sfu.simulcast.temporal import MAX_TID
from sfu.simulcast.timestamps import sr_ts_delta
from sfu.transport import WebRtcTransport

LayerLimitSource = Literal["viewport", "bandwidth"]
"""Who caps a consumer's spatial layer (:meth:`SimulcastConsumer.set_layer_limit`)."""

RING_SIZE = 1024
"Forwarded packets remembered for NACKs (a power of two, above the producer cache's 512)."
MAX_HELD = 64
"Target-layer packets held while waiting for the first packet of its key frame."
CHECK_INTERVAL = 0.5
"Seconds between re-evaluations of the spatial target."
FLOOR_SPAN = 0x1000
"""Input sequence numbers past a switch's key frame after which a packet from before it
is no longer expected (a repair comes within a second); the check then ends, so that
numbers coming round again are never refused."""
PUBLISHER_PLI_GAP = 0.35
"""Seconds after a PLI to any layer of the m-line before one to another layer. libwebrtc
handles one key frame request per send stream (all its simulcast layers, which it then
all encodes as key frames) per 300 ms and drops the rest, so a request sooner is put off
to the next check instead of being lost (a switch then waited a whole second)."""


class LayerTap:
    """Stands in one layer's consumer list for a :class:`SimulcastConsumer`, or for the
    cloud recorder's :class:`sfu.simulcast.follower.LayerFollower`
    (:class:`sfu.producer.StreamConsumer`)."""

    __slots__ = ("consumer", "index", "route")

    # The native fan-out (sfu/native_forward.py) routes a tap only when its consumer asks
    # (SimulcastConsumer._enter_core), never on its own.
    basic_rewrite = False

    def __init__(self, consumer: "SimulcastConsumer", index: int) -> None:
        self.consumer = consumer
        self.index = index
        self.route: object | None = None
        """The native core's route of this layer while the consumer's steady state runs
        there (:data:`sfu.native_forward.IDLE` on a layer it does not forward), else None."""

    def send(self, plain: bytes, hdr: tuple, keyframe: bool, now: float | None = None,
             ext_mask: int = 0, abs_pos: int = -1, abs_value: bytes = b"") -> None:
        """A packet of layer ``index`` (see :meth:`sfu.consumer.Consumer.send`)."""
        consumer = self.consumer
        if now is None:
            now = consumer._clock()
            ext_mask, abs_pos, abs_value = consumer._scan(plain, hdr, now)
        consumer.forward(self.index, plain, hdr, keyframe, now, ext_mask, abs_pos, abs_value)

    def on_padding(self, hdr: tuple, now: float) -> None:
        """A padding-only packet of layer ``index``: the layer forwarded now numbers on
        without it (:meth:`sfu.consumer.Consumer.skip`)."""
        if self.index == self.consumer.current:
            self.consumer.skip(hdr[SEQ])

    def close(self) -> None:
        """The layer closed: so does the consumer (all layers close together)."""
        self.consumer.close()

    def leave_core(self) -> None:
        """The consumer goes back to the Python path (:meth:`SimulcastConsumer.leave_core`)."""
        self.consumer.leave_core()


class LayerSwitch:
    """Picking and switching the spatial layer of a simulcast m-line, shared by a
    subscriber's :class:`SimulcastConsumer` and the cloud recorder's
    :class:`sfu.simulcast.follower.LayerFollower`: the layer aimed at, the switch to it at
    its next key frame (requested), the packets of that key frame held until its first
    one comes, and the late packets from before it left out.

    The class using it has the attributes below (``_floor``: see
    :meth:`_before_switch`).
    """

    __slots__ = ()
    layers: Sequence[Producer]
    "The m-line's layers, lowest first."
    taps: tuple[LayerTap, ...]
    "What stands in each layer's consumer list for this switch (same order)."
    current: int
    "Spatial layer forwarded now (-1: none yet)."
    pending: int
    "Spatial layer switched to at its next key frame (-1: none)."
    target_spatial: int
    "The highest spatial layer aimed at."
    codec: PayloadRewriter
    _held: list[tuple]
    _floor: int
    _clock: Callable[[], float]

    def _tap_layers(self) -> None:
        """Into every layer's consumer list (its tap), then aim at a layer."""
        for layer, tap in zip(self.layers, self.taps, strict=True):
            layer.consumers.append(tap)
        self._choose()

    def _untap_layers(self) -> None:
        """Out of the layers' consumer lists, no key frame awaited."""
        for layer, tap in zip(self.layers, self.taps, strict=True):
            if tap in layer.consumers:
                layer.consumers.remove(tap)
        self._set_pending(-1)

    def request_keyframe(self) -> None:
        """Ask for a key frame of the layer forwarded (or awaited)."""
        index = self.pending if self.pending >= 0 else self.current
        if index >= 0:
            self.layers[index].request_keyframe()

    def _choose(self) -> None:
        """Aim at the highest available layer up to :attr:`target_spatial`, else the lowest
        available (:func:`available_layers`); while that is a paused one, stay on the
        current layer until it resumes (:meth:`layers_changed`)."""
        target = pick_layer(available_layers(self.layers), self.target_spatial)
        if target < 0:
            return
        meter = self.layers[target].meter
        if meter is not None and meter.paused:
            self._set_pending(-1)
            return
        if target == self.current:
            self._set_pending(-1)
        else:
            if target != self.pending:
                self._set_pending(target)
            self._request_keyframe(target)  # again while waiting: the layer throttles

    def _request_keyframe(self, index: int) -> None:
        recent = max(layer.keyframes.last_sent for layer in self.layers)
        if self._clock() - recent >= PUBLISHER_PLI_GAP:
            self.layers[index].request_keyframe()

    def _set_pending(self, index: int) -> None:
        if self.pending >= 0:
            self.layers[self.pending].waiting_for_keyframe -= 1
        self.pending = index
        self._held.clear()
        if index >= 0:
            self.layers[index].waiting_for_keyframe += 1

    def _before_switch(self, seq: int) -> bool:
        """Whether packet ``seq`` of the current layer is from before the key frame
        switched at (a late repair: its number went to the previous layer's packets)."""
        floor = self._floor
        if floor < 0:
            return False
        behind = (floor - seq) & 0xFFFF
        if 0 < behind < 0x8000:
            return True
        if (seq - floor) & 0xFFFF >= FLOOR_SPAN:
            self._floor = -1
        return False

    def _starts_switch(self, plain: bytes, hdr: tuple, keyframe: bool, held: tuple) -> bool:
        """A packet of the pending layer: True if it starts a key frame (switch now), else
        ``held`` (a tuple whose second item is ``hdr``) is held, the newest frame's only."""
        if keyframe and self.codec.starts_keyframe(
                memoryview(plain)[hdr[PAYLOAD_START] : hdr[PAYLOAD_END]]):
            return True
        packets = self._held
        if packets and packets[0][1][TS] != hdr[TS]:
            packets.clear()  # keep the newest frame only: the key frame's fragments
        if len(packets) < MAX_HELD:
            packets.append(held)
        return False

    def _rest_of_keyframe(self, hdr: tuple) -> list[tuple]:
        """The held packets of the key frame ``hdr`` starts, in sequence order."""
        rest = [h for h in self._held if h[1][TS] == hdr[TS] and seq_newer(h[1][SEQ], hdr[SEQ])]
        rest.sort(key=lambda h: (h[1][SEQ] - hdr[SEQ]) & 0xFFFF)
        return rest


class SimulcastConsumer(LayerSwitch, Consumer):
    """Forward the simulcast m-line of ``producer`` (its first layer) to a subscriber.

    :attr:`preferred` and :attr:`temporal` are the subscriber's wanted spatial and temporal
    layers (:meth:`set_preferred_layers`); :attr:`limits` caps the spatial one by other
    sources (:meth:`set_layer_limit`); :attr:`target_spatial` is what is aimed at.
    ``producer``'s codec must be one of :data:`sfu.simulcast.codecs.REWRITERS` (KeyError).
    """

    __slots__ = (
        "layers",
        "taps",
        "current",
        "pending",
        "preferred",
        "limits",
        "temporal",
        "temporal_limit",
        "codec",
        "switches",
        "_ring",
        "_held",
        "_next_check",
        "_last_in_ts",
        "_span",
        "_floor",
    )

    def __init__(
        self,
        producer: Producer,
        transport: WebRtcTransport,
        mid: str,
        clock: Callable[[], float],
        previous: Consumer | None = None,
    ) -> None:
        super().__init__(producer, transport, mid, clock, previous)
        self.basic_rewrite = False  # picks layers, rewrites payloads: Python path only
        self.layers = producer.layers
        self.taps = tuple(LayerTap(self, i) for i in range(len(self.layers)))
        self.current = -1
        "Spatial layer forwarded now (-1: none yet)."
        self.pending = -1
        "Spatial layer switched to at its next key frame (-1: none)."
        self.preferred = len(self.layers) - 1
        "Highest spatial layer wanted."
        self.limits: dict[LayerLimitSource, int] = {}
        "Caps on the spatial layer by source (:meth:`set_layer_limit`)."
        self.codec: PayloadRewriter = REWRITERS[producer.codec.mime_type]()
        "The codec-specific part (:mod:`sfu.simulcast.codecs`)."
        self.temporal = self.codec.max_temporal
        "Highest temporal layer wanted, at most the codec's ``max_temporal``."
        self.temporal_limit: int | None = None
        "Cap on the temporal layer for the subscriber's bandwidth (None: none)."
        self.switches = 0
        "Spatial switches done."
        self._ring: list[tuple | None] = [None] * RING_SIZE
        self._held: list[tuple] = []
        self._next_check = 0.0
        self._last_in_ts = 0
        self._floor = -1
        """Input sequence number of the key frame switched at last (-1: none, or
        :data:`FLOOR_SPAN` past): older packets of that layer are from before the stream
        this subscriber gets, late (a repair), and not forwarded; their numbers went to the
        previous layer's packets."""
        self._span: tuple | None = None
        """While the native core forwards: ``(layer, seq offset, ts offset, codec offsets)``
        of the packets it sends, for NACKs (:meth:`_close_span`)."""

    # -- control -------------------------------------------------------------------------
    def set_preferred_layers(self, spatial: int, temporal: int = MAX_TID) -> None:
        """Want spatial layer ``spatial`` (0: lowest; clamped to the layers there are) and
        temporal layers up to ``temporal`` (clamped to the codec's: H.264 has only 0, so
        every frame is forwarded; :attr:`temporal` shows the value kept). A spatial change
        happens at the next key frame of that layer (requested now), a temporal one at the
        next suitable frame."""
        self.preferred = max(0, min(spatial, len(self.layers) - 1))
        self.temporal = max(0, min(temporal, self.codec.max_temporal))
        self._set_temporal_target()
        if self.active and not self.paused:  # a paused one chooses when it resumes
            self._choose()

    def set_temporal_limit(self, temporal: int | None) -> None:
        """Cap the temporal layers forwarded at ``temporal`` (None lifts the cap): what the
        subscriber's estimate leaves room for when even the lowest spatial layer with all
        its frames does not fit (:mod:`sfu.allocator`). Applied at the next suitable frame,
        without a key frame."""
        if temporal != self.temporal_limit:
            self.temporal_limit = temporal
            self._set_temporal_target()

    def _set_temporal_target(self) -> None:
        limit = self.temporal_limit
        self.codec.set_temporal_target(self.temporal if limit is None
                                       else min(self.temporal, limit))
        if self.route is not None and not self.codec.offsets_fixed():
            self.leave_core()  # temporal layers are filtered in Python

    def set_layer_limit(self, source: LayerLimitSource, spatial: int | None) -> None:
        """Cap the spatial layer at ``spatial`` (0: lowest) for ``source``: ``"viewport"``,
        the tile's size on the subscriber's screen (adaptive stream), or ``"bandwidth"``,
        what the subscriber's estimate leaves room for; None lifts that cap. The layer aimed
        at is the lowest of :attr:`preferred` and the caps (:attr:`target_spatial`)."""
        if spatial is None:
            self.limits.pop(source, None)
        else:
            self.limits[source] = max(0, spatial)
        if self.active and not self.paused:
            # a paused one aims at nothing (no key frame asked for a stream nobody gets, no
            # layer left waiting for one): it chooses when it resumes (_attach)
            self._choose()

    @property
    def target_spatial(self) -> int:
        """The highest spatial layer aimed at: :attr:`preferred` under :attr:`limits`."""
        return min((self.preferred, *self.limits.values()))

    def _attach(self) -> None:
        self._tap_layers()

    def _detach(self) -> None:
        self._untap_layers()
        self.current = -1

    def layers_changed(self) -> None:
        """Layers went live or quiet outside the packet path (dynacast resumed one,
        :mod:`sfu.simulcast.dynacast`): re-evaluate the spatial target now."""
        if self.active and not self.paused:
            self._choose()

    def _set_pending(self, index: int) -> None:
        if index >= 0:
            self.leave_core()  # a switch holds and picks packets in Python
        super()._set_pending(index)

    # -- packets -------------------------------------------------------------------------
    def forward(self, index: int, plain: bytes, hdr: tuple, keyframe: bool, now: float,
                ext_mask: int, abs_pos: int, abs_value: bytes) -> None:
        """A packet of layer ``index``: forward it if it belongs to the stream sent."""
        if index == self.current:
            if self._floor >= 0 and self._before_switch(hdr[SEQ]):  # the core does alike
                self.transport.stats.drop("late_before_switch")
                return
            self._forward(index, plain, hdr, now, ext_mask, abs_pos, abs_value)
        elif index == self.pending and self._starts_switch(
                plain, hdr, keyframe, (bytes(plain), hdr, ext_mask, abs_pos, abs_value)):
            self._switch(index, plain, hdr, now, ext_mask, abs_pos, abs_value)
        if index == self.current and self.route is None and self._core_ready():
            self._enter_core()

    def poll(self, now: float) -> None:
        """Periodic (the router's poll, every 50-100 ms): re-evaluate the spatial target
        every :data:`CHECK_INTERVAL` seconds. On this timer rather than on packets, so that
        the native core, whose packets never reach :meth:`forward`, switches at the same
        moments as the Python path, and with the layer meters, which the same poll updates."""
        if self.active and not self.paused and now >= self._next_check:
            self._next_check = now + CHECK_INTERVAL
            self._choose()
            meter = self.layers[self.current].meter if self.current >= 0 else None
            if self.route is None and meter is not None:
                self.codec.open_temporal(meter.max_tid)

    # -- the native core -------------------------------------------------------------------
    def _core_ready(self) -> bool:
        """Steady state: one layer forwarded, no switch pending, and the codec renumbers
        every packet by the same offsets (:meth:`PayloadRewriter.offsets_fixed`)."""
        return (self.pending < 0 and self.current >= 0 and self.active and not self.paused
                and self.mapper.started and self.layers[self.current].fanout is not None
                and self.codec.offsets_fixed())

    def _enter_core(self) -> None:
        """Hand the steady state to the native core: the current layer's fan-out routes
        this consumer (renumbering VP8 pictures), the other layers' count it as routed and
        skip it (:class:`sfu.native_forward.Fanout`)."""
        current = self.current
        codec = self.codec
        route = self.layers[current].fanout.route_layer(  # type: ignore[union-attr]
            self.taps[current], self, isinstance(codec, Vp8Rewriter))
        if route is None:
            return  # the subscriber's transport does not send through the core
        if isinstance(codec, Vp8Rewriter):
            pictures = codec.pictures
            route.set_pictures(pictures.pid_offset, pictures.tl0_offset, pictures.last_pid,
                               pictures.last_tl0)
        route.last_in_ts = self._last_in_ts
        route.floor = self._floor
        self.route = route
        for index, (layer, tap) in enumerate(zip(self.layers, self.taps, strict=True)):
            if index != current and layer.fanout is not None:
                layer.fanout.idle(tap)
        self._open_span()

    def leave_core(self) -> None:
        """Take the stream back from the native core (a switch, a temporal target, a packet
        the core must not renumber, pause, close): its state comes back first."""
        if self.route is None:
            return
        self._sync_core()
        self._close_span()
        for layer, tap in zip(self.layers, self.taps, strict=True):
            if layer.fanout is not None:
                layer.fanout.release(tap)
        self.route = None

    def _sync_core(self) -> None:
        """Copy what the core changed into this consumer: the output stream's newest values
        and sender counts, the input timestamp forwarded last, VP8's newest pictures."""
        route = self.route
        self.layers[self.current].fanout.sync(self)  # type: ignore[union-attr]
        self._last_in_ts = route.last_in_ts  # type: ignore[union-attr]
        self._floor = route.floor  # type: ignore[union-attr]
        if isinstance(self.codec, Vp8Rewriter):
            pictures = self.codec.pictures
            pictures.last_pid = route.last_pid  # type: ignore[union-attr]
            pictures.last_tl0 = route.last_tl0  # type: ignore[union-attr]

    def _open_span(self) -> None:
        self._span = (self.current, self.mapper.seq_offset, self.mapper.ts_offset,
                      self.codec.offsets())

    def _close_span(self) -> None:
        """Write the NACK ring entries of what the core sent since :meth:`_open_span` (the
        route logs each packet's output sequence number, the newest :data:`RING_SIZE`):
        what :meth:`_forward` would have written, the offsets being fixed meanwhile. Call
        while routed."""
        span = self._span
        if span is None:
            return
        self._span = None
        index, seq_offset, ts_offset, offsets = span
        ring = self._ring
        for out_seq in self.route.take_sent():  # type: ignore[union-attr]
            ring[out_seq % RING_SIZE] = (out_seq, index, (out_seq - seq_offset) & 0xFFFF,
                                         ts_offset, offsets)

    def skip(self, seq: int) -> None:
        """See :meth:`Consumer.skip`; natively routed, the sequence offset changes: the
        packets sent with the old one are remembered for NACKs first."""
        if self.route is None:
            super().skip(seq)
            return
        self._close_span()
        super().skip(seq)  # syncs the mapper from the core, and restates it
        self._open_span()

    def _unroute(self) -> None:
        self.leave_core()

    def _switch(self, index: int, plain: bytes, hdr: tuple, now: float, ext_mask: int,
                abs_pos: int, abs_value: bytes) -> None:
        delta = None
        if self.current >= 0:
            delta = sr_ts_delta(self.layers[self.current].last_sr, self._last_in_ts,
                                self.layers[index].last_sr, hdr[TS], self.mapper.clock_rate)
        held = self._rest_of_keyframe(hdr)
        self._set_pending(-1)
        self.current = index
        size = self.codec.keyframe_size(memoryview(plain)[hdr[PAYLOAD_START] : hdr[PAYLOAD_END]])
        if size is not None:
            self.layers[index].frame_size = size
        self.mapper.switch_source(delta)
        self.codec.switch()
        self.switches += 1
        self._floor = hdr[SEQ]
        self._forward(index, plain, hdr, now, ext_mask, abs_pos, abs_value)
        for data, h, mask, pos, value in held:
            self._forward(index, data, h, now, mask, pos, value)

    def _forward(self, index: int, plain: bytes, hdr: tuple, now: float, ext_mask: int,
                 abs_pos: int, abs_value: bytes) -> None:
        if ext_mask < 0:
            self.transport.stats.drop("rtp_extension")
            self.skip(hdr[SEQ])
            return
        try:
            state = self.codec.select(plain, hdr)
        except ParseError:
            self.transport.stats.drop(self.codec.drop_reason)
            self.skip(hdr[SEQ])
            return
        if state is None:
            self.skip(hdr[SEQ])
            return
        seq, ts = self.mapper.map(hdr[SEQ], hdr[TS], now)
        self._last_in_ts = hdr[TS]
        buf = bytearray(plain)
        self._rewrite(buf, plain, hdr, seq, ts, ext_mask, abs_pos, abs_value)
        self.codec.write(buf, state)
        egress = self.transport.egress
        if egress is None or len(buf) <= egress.limit:  # an oversized packet is a drop
            self._number(buf, plain, hdr, len(buf), now)
        self._ring[seq % RING_SIZE] = (seq, index, hdr[SEQ], self.mapper.ts_offset,
                                       self.codec.offsets())
        self.packets += 1
        self.octets += len(plain) - hdr[PAYLOAD_START]
        self.transport.send_rtp(buf)

    def send_padding(self, padding: int) -> bool:
        """See :meth:`Consumer.send_padding`; natively routed, the core's state first."""
        if self.route is not None:
            self._sync_core()
        return super().send_padding(padding)

    # -- RTCP ----------------------------------------------------------------------------
    def retransmit(self, out_seqs: list[int]) -> int:
        """Answer a NACK with this subscriber's packets as they were sent (sequence
        number, timestamp, the codec's rewrite), from the layers' caches, each numbered on
        the transport. Returns count; a packet no longer cached asks for a key frame
        instead; one over the transport's estimate is dropped, counted as
        ``retransmission_rate`` (:meth:`sfu.bwe.sender.TransportCcSender.may_retransmit`)."""
        if not self.active:
            return 0
        if self.route is not None:  # the core's packets into the ring
            self._sync_core()
            self._close_span()
            self._open_span()
        sent = 0
        misses = 0
        first = self._first_seq
        for out_seq in out_seqs:
            if first is not None and (out_seq - first) & 0xFFFF >= 0x8000:
                continue  # sent by the previous consumer of this m-line
            entry = self._ring[out_seq % RING_SIZE]
            plain = None
            if entry is not None and entry[0] == out_seq:
                _, index, in_seq, ts_offset, offsets = entry
                buffer = self.layers[index].buffer
                plain = buffer.get(in_seq) if buffer is not None else None
            if plain is None:
                if self._fill_gap(out_seq):
                    sent += 1
                else:
                    misses += 1
                continue
            rewritten = self._resend_buffer(plain, out_seq, ts_offset)
            if rewritten is None:
                continue
            buf, hdr = rewritten
            try:
                self.codec.write(buf, self.codec.state_for(plain, hdr, offsets))
            except ParseError:
                continue
            if self._send_repair(buf, plain, hdr):
                sent += 1
        if misses:
            self.transport.stats.nack_cache_misses += misses
            self.request_keyframe()
        return sent

    def _source_sr(self) -> tuple[int, int, float] | None:
        return self.layers[self.current].last_sr if self.current >= 0 else None

    def _source(self) -> Producer:
        return self.layers[self.current] if self.current >= 0 else self.producer


def available_layers(layers: Sequence[Producer]) -> list[int]:
    """Indexes of the simulcast ``layers`` a consumer may aim at: those the publisher sends
    (SSRC known, packets in the last meter window) and those it was told to pause
    (:mod:`sfu.simulcast.dynacast` resumes them when aimed at)."""
    return [i for i, layer in enumerate(layers)
            if (layer.meter is not None and layer.meter.paused)
            or (layer.ssrc is not None and (layer.meter is None or layer.meter.live))]


def pick_layer(candidates: list[int], preferred: int) -> int:
    """The spatial layer a consumer preferring ``preferred`` aims at among ``candidates``
    (ascending indexes): the highest up to ``preferred``, else the lowest; -1 if none."""
    below = [i for i in candidates if i <= preferred]
    return below[-1] if below else candidates[0] if candidates else -1

