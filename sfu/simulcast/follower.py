"""A simulcast m-line followed at its highest encoding, for the cloud recorder (issue 14).

The recorder (:mod:`sfu.recorder`) writes one video track per m-line: from a simulcast
publisher, the highest encoding it sends now, as a subscriber with nothing to cap it gets
it. A :class:`LayerFollower` picks and switches layers as a
:class:`sfu.simulcast.consumer.SimulcastConsumer` does, by the same
:class:`~sfu.simulcast.consumer.LayerSwitch`: it aims at the highest available layer (an
encoding the publisher stopped sending is not available: the next lower one is taken, and
the higher one again when it comes back), switches only at a key frame of the layer
switched to (requested, throttled as a subscriber's request is), and hands on one
continuous stream of sequence numbers and timestamps (:class:`sfu.rtp.seq_ts_mapper.
SeqTsMapper`; across a switch the distance between the layers from their sender reports,
:func:`sfu.simulcast.timestamps.sr_ts_delta`, else the arrival times). It stands in each
layer's consumer list by a :class:`~sfu.simulcast.consumer.LayerTap`, so dynacast
(:mod:`sfu.simulcast.dynacast`) keeps the layers it aims at and follows sent, as for a
subscriber. Payloads are handed on as they came: the recorder takes every temporal layer
and reads no picture number.
"""

from collections.abc import Callable

from sfu.producer import Producer
from sfu.rtp.header import MARKER, PAYLOAD_END, PAYLOAD_START, SEQ, TS
from sfu.rtp.seq_ts_mapper import SeqTsMapper
from sfu.simulcast.codecs import REWRITERS
from sfu.simulcast.consumer import CHECK_INTERVAL, LayerSwitch, LayerTap
from sfu.simulcast.timestamps import sr_ts_delta

Deliver = Callable[[int, int, bool, bytes, float, Producer, int], None]
"""Takes each packet followed: output sequence number and timestamp, marker, payload,
arrival time, the layer it came from and its timestamp there (for that layer's sender
reports)."""


class LayerFollower(LayerSwitch):
    """Follow the highest layer of the simulcast m-line of ``producer`` (its first layer),
    handing each packet to ``deliver``; ``on_close`` is called when the layers close.
    ``producer``'s codec must be one of :data:`sfu.simulcast.codecs.REWRITERS` (KeyError).
    """

    __slots__ = ("layers", "taps", "current", "pending", "codec", "mapper", "switches",
                 "_clock", "_deliver", "_on_close", "_held", "_floor", "_last_in_ts",
                 "_next_check")

    def __init__(self, producer: Producer, clock: Callable[[], float], deliver: Deliver,
                 on_close: Callable[[], None]) -> None:
        self.layers = producer.layers
        self.taps = tuple(LayerTap(self, i) for i in range(len(self.layers)))
        self.current = -1
        self.pending = -1
        self.codec = REWRITERS[producer.codec.mime_type]()
        self.mapper = SeqTsMapper(producer.codec.clock_rate, clock)
        self.switches = 0
        "Spatial switches done (the first layer taken counts)."
        self._clock = clock
        self._deliver = deliver
        self._on_close = on_close
        self._held: list[tuple] = []
        self._floor = -1
        self._last_in_ts = 0
        self._next_check = 0.0
        self._tap_layers()

    @property
    def target_spatial(self) -> int:
        """The highest layer: what the recorder aims at (dynacast reads it)."""
        return len(self.layers) - 1

    def poll(self, now: float) -> None:
        """Periodic: re-evaluate the layer aimed at every :data:`CHECK_INTERVAL` seconds
        (the layers' meters tell which the publisher still sends)."""
        if now >= self._next_check:
            self._next_check = now + CHECK_INTERVAL
            self._choose()

    def layers_changed(self) -> None:
        """Dynacast resumed a layer: re-evaluate now."""
        self._choose()

    def detach(self) -> None:
        """Stop following: out of the layers' consumer lists, no key frame awaited."""
        self._untap_layers()

    def close(self) -> None:
        """The layers closed (:meth:`LayerTap.close`)."""
        self._on_close()

    # -- packets (through the layers' taps) -------------------------------------------------
    def forward(self, index: int, plain: bytes, hdr: tuple, keyframe: bool, now: float,
                ext_mask: int, abs_pos: int, abs_value: bytes) -> None:
        """A packet of layer ``index``: handed on if it belongs to the stream followed."""
        if index == self.current:
            if not (self._floor >= 0 and self._before_switch(hdr[SEQ])):
                self._hand_on(index, plain, hdr, now)
        elif index == self.pending and self._starts_switch(plain, hdr, keyframe,
                                                           (bytes(plain), hdr)):
            self._switch(index, plain, hdr, now)

    def skip(self, seq: int) -> None:
        """A padding-only packet of the current layer: its number is handed on without a
        payload, so the stream shows no loss there."""
        out_seq, out_ts = self.mapper.map(seq, self._last_in_ts)
        self._deliver(out_seq, out_ts, False, b"", self._clock(), self.layers[self.current],
                      self._last_in_ts)

    def _switch(self, index: int, plain: bytes, hdr: tuple, now: float) -> None:
        delta = None
        if self.current >= 0:
            delta = sr_ts_delta(self.layers[self.current].last_sr, self._last_in_ts,
                                self.layers[index].last_sr, hdr[TS], self.mapper.clock_rate)
        rest = self._rest_of_keyframe(hdr)
        self._set_pending(-1)
        self.current = index
        self.mapper.switch_source(delta)
        self.switches += 1
        self._floor = hdr[SEQ]
        self._hand_on(index, plain, hdr, now)
        for data, h in rest:
            self._hand_on(index, data, h, now)

    def _hand_on(self, index: int, plain: bytes, hdr: tuple, now: float) -> None:
        seq, ts = self.mapper.map(hdr[SEQ], hdr[TS], now)
        self._last_in_ts = hdr[TS]
        self._deliver(seq, ts, bool(hdr[MARKER]), bytes(plain[hdr[PAYLOAD_START]:hdr[PAYLOAD_END]]),
                      now, self.layers[index], hdr[TS])
