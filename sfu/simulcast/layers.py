"""The encodings of one simulcast m-line as linked layers, and their receive bitrate.

Each encoding (RFC 8853 "simulcast stream") is a full :class:`sfu.producer.Producer`
with its own SSRC, statistics, NACK and keyframe-request state and retransmission cache;
:func:`link_layers` ties them together, lowest resolution first. The first one stands for
the m-line (``Participant.producers``, subscribe offers).
"""

from collections.abc import Iterable

from sfu.producer import Producer
from sfu.sdp.simulcast import MAX_LAYERS
from sfu.simulcast.dynacast import EncodingSwitch

LAYER_PLI_INTERVAL = 1.0
"""Minimum seconds between PLIs for one simulcast encoding. Every subscriber that joins or
switches layer needs a key frame of its layer; one second bounds what a burst of joins
costs the publisher (issue 12: twenty joins within 2 s, at most 3 key frames per layer)
while a switch still completes within about 1.3 s."""
METER_WINDOW = 0.5
"Seconds per bitrate sample: a layer without packets in one window is not live."
RESUME_GRACE = 2.0
"""Seconds a resumed layer counts as live before its packets must show it: the publisher
hears of the resume over signaling and restarts the encoding meanwhile."""
TID_WINDOWS = 6
"""Windows with packets (3 s of the layer's stream) over which the highest VP8 temporal
layer id counts (:attr:`LayerMeter.max_tid`): a publisher that stops sending temporal
layers (a new encoder configuration) is believed within seconds, while a window that
missed the upper layers' frames (loss, a low frame rate) changes nothing."""


class LayerMeter:
    """Receive bitrate of one layer, sampled every :data:`METER_WINDOW` seconds, whether
    the publisher sends it (:attr:`live`) or was told not to (:attr:`paused`), and its
    temporal layers (:attr:`max_tid`)."""

    __slots__ = ("bitrate", "live", "paused", "rtx_probed", "max_tid", "_packets", "_octets",
                 "_time", "_grace_until", "_window_packets", "_tid", "_tids")

    def __init__(self) -> None:
        self.bitrate = 0
        "bit/s over the last window (RTP headers included)."
        self.live = True
        "Packets arrived in the last window (assumed until the first window ends)."
        self.paused = False
        """The publisher was told to stop this encoding (dynacast,
        :mod:`sfu.simulcast.dynacast`): not live, and no key frame is requested for it."""
        self.rtx_probed = False
        "A NACK was sent to make the publisher reveal the layer's RTX SSRC."
        self.max_tid = -1
        """Highest VP8 temporal layer id (TID) in the layer's packets of the last
        :data:`TID_WINDOWS` windows that had packets; -1 when none carried one (no temporal
        layers: every frame is needed). A layer paused keeps what it had."""
        self._packets = 0
        self._octets = 0
        self._time: float | None = None
        self._grace_until = float("-inf")
        self._window_packets = 0
        "Packets of the last whole window, paused or not."
        self._tid = -1
        "Highest TID of the window under way."
        self._tids: list[int] = []
        "Highest TID of each of the last windows with packets."

    def pause(self) -> None:
        """The publisher is told to stop sending the layer: not live from now on."""
        self.paused = True
        self.live = False

    def resume(self, now: float) -> None:
        """The publisher is told to send the layer again: live from now, and for
        :data:`RESUME_GRACE` seconds even without packets."""
        self.paused = False
        self.live = True
        self._grace_until = now + RESUME_GRACE

    def flowing(self, packets: int) -> bool:
        """Whether the layer's packets still come: some arrived in the last whole window or
        since (``packets``: the running total received). A paused layer's are in flight
        for a moment after the pause, and keep coming from a publisher that does not
        apply ``send-encodings``."""
        return self._window_packets > 0 or packets > self._packets

    def sample(self, packets: int, octets: int, tid: int, now: float) -> None:
        """Take the layer's running totals (packets, bytes received) at time ``now`` (s),
        and the highest TID of the packets since the last call (-1: none carried one)."""
        self._tid = max(self._tid, tid)
        if self._time is None:
            self._time, self._packets, self._octets = now, packets, octets
            return
        elapsed = now - self._time
        if elapsed < METER_WINDOW:
            return
        self.bitrate = int((octets - self._octets) * 8 / elapsed)
        self._window_packets = packets - self._packets
        self.live = not self.paused and (packets > self._packets or now < self._grace_until)
        if packets > self._packets:
            self._tids = [*self._tids[1 - TID_WINDOWS :], self._tid]
            self.max_tid = max(self._tids)
        self._tid = -1
        self._time, self._packets, self._octets = now, packets, octets


def link_layers(layers: list[Producer]) -> Producer:
    """Link the encodings of one m-line (lowest first) and return the first, which holds
    the m-line's dynacast state (:mod:`sfu.simulcast.dynacast`)."""
    linked = tuple(layers)
    for index, layer in enumerate(linked):
        layer.layers = linked
        layer.spatial = index
        layer.meter = LayerMeter()
    linked[0].dynacast = EncodingSwitch(len(linked))
    return linked[0]


def bitrates_by_layer(producers: Iterable[Producer]) -> dict[int, int]:
    """Receive bitrate (bit/s) of the simulcast layers of ``producers``, summed by
    spatial index; every index up to :data:`sfu.sdp.simulcast.MAX_LAYERS` is present."""
    totals = dict.fromkeys(range(MAX_LAYERS), 0)
    for producer in producers:
        for layer in producer.layers:
            if layer.meter is not None:
                totals[layer.spatial] += layer.meter.bitrate
    return totals


def poll_layers(producer: Producer, now: float) -> None:
    """Periodic: update the bitrate and temporal layers of each simulcast layer of
    ``producer``, and NACK the newest packet of a layer whose RTX SSRC is still unknown,
    once.

    Browsers signal no RTX SSRC with rid simulcast and send RTX only to repair or probe,
    so a layer's RTX SSRC may stay unknown for long; the one resent packet (RFC 4588,
    with repaired-rtp-stream-id) binds it (:mod:`sfu.simulcast.binding`) while the stream
    is young, and is then dropped as unrequested.
    """
    for layer in producer.layers:
        meter = layer.meter
        if meter is None:
            continue
        meter.sample(layer.stats.received, layer.received_octets, layer.take_tid(), now)
        if (not meter.rtx_probed and layer.rtx_ssrc is None and layer.ssrc is not None
                and layer.codec.rtx_payload_type is not None and layer.stats.received):
            meter.rtx_probed = True
            layer.nack_upstream([layer.stats.extended_max & 0xFFFF])
