"""Per-subscriber bandwidth allocation of video layers (issue 12).

Each subscriber transport with a send-side estimate (:mod:`sfu.bwe`) splits it among its
video consumers, every :data:`INTERVAL_S`:

1. the budget is :data:`BUDGET_SHARE` of the estimate less what the audio consumers cost
   (audio is never held back): each stream's measured receive bitrate with its packets'
   overhead on the wire, at most :data:`AUDIO_BITRATE`. A muted microphone sends Opus
   DTX, a packet every 400 ms (about 2 kbit/s): a flat share per stream set aside
   0.9 Mbit/s for the 19 mostly muted microphones of a 20-person class, and more than a
   2.5 Mbit/s estimate for 50, leaving no video at all. A stream measured per subscriber
   (audio, video without simulcast) seen for the first time has no cost yet: the
   allocation waits for its first sample, one :data:`INTERVAL_S` later (the subscriber
   meanwhile receives what it did before its first feedback). Priced at
   :data:`AUDIO_BITRATE` instead, the 20 microphones of a class paused every camera of a
   student who had just joined, for seconds (the hold of step 4);
2. priority by priority (shared screens, then the dominant speaker and the publishers the
   subscriber pinned, then the rest; :func:`priority`), each video consumer of that
   priority gets its lowest layer while the budget lasts; one that does not fit even there
   gets that layer with fewer frames if it carries VP8 temporal layers
   (:attr:`sfu.simulcast.layers.LayerMeter.max_tid`): all but the top one (half the frame
   rate), then fewer (a quarter of it with three), each priced as its
   :data:`TEMPORAL_SHARES` of the layer's cost; not while the estimate is at its floor,
   which may be far above what the link carries. One that does not fit that way either,
   or whose layer has no temporal layers (every frame is needed: aiortc's VP8 encoder,
   H.264), is paused with reason ``"bandwidth"`` (:meth:`sfu.consumer.Consumer.pause`): on a
   300 kbit/s link with 5 % loss the teacher's 320x180 layer (about 150 kbit/s) stayed
   paused for 20 s;
3. then each of that priority is raised to the highest layer, up to the one it wants (its
   preference under the viewport cap), that the rest of the budget pays for, before the
   next priority gets anything: in a class of 20 on a 1 Mbit/s link, the teacher's camera
   took its lowest layer, then the thumbnails took the rest, and the teacher stayed at
   320x180 for 15 s;
4. hysteresis: a consumer goes down at once, but up (or back from paused) only when the
   higher layer costs :data:`UP_MARGIN` less than the budget left and, within
   :data:`UP_HOLD_AFTER_S` of the estimate falling or of a consumer of this subscriber
   lowered below what it wants, continuously for :data:`UP_HOLD_S`. Otherwise (the
   estimate has only grown since the subscriber joined, or for that long) the layer is
   raised as soon as it fits with the margin: held for every upgrade, the large tiles
   of a newcomer whose probes covered them within a second took 2 s more. A consumer
   seen for the first time gets its allocation at once, as does one never given a layer
   yet (a tile of a subscriber who just joined shows as soon as the budget pays for its
   lowest layer) and one that had all it wanted and now wants more (a larger tile, a
   pin, a forced layer): the hold damps a flapping estimate, not the subscriber's own
   changes.

A layer costs its measured receive bitrate (:class:`sfu.simulcast.layers.LayerMeter`),
smoothed; a layer paused by dynacast or not started costs what it last cost, or
:data:`UNKNOWN_STEP` times the layer below; one the publisher stopped sending on its own
costs what the consumer aiming at it receives instead, the highest layer below it (its
phantom cost held budget back from other tiles, and had the prober probe for it). A
stream without simulcast is one layer costing its producer's receive bitrate. The choice
is applied with ``set_layer_limit("bandwidth", ...)`` and ``set_temporal_limit``
(simulcast) and ``pause/resume("bandwidth")``.

What the subscriber would receive with no limit is handed to the prober
(:attr:`sfu.bwe.sender.TransportCcSender.wanted`), which probes while it exceeds the
estimate.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from itertools import groupby

from sfu.bwe.sender import MIN_BITRATE, WIRE_OVERHEAD, TransportCcSender
from sfu.consumer import Consumer
from sfu.producer import Producer
from sfu.simulcast.consumer import SimulcastConsumer, available_layers, pick_layer

INTERVAL_S = 0.5
"Seconds between allocations of one subscriber."
BUDGET_SHARE = 0.9
"Share of the estimate given to media (the rest absorbs bursts, RTX and RTCP)."
AUDIO_BITRATE = 48_000
"bit/s set aside at most per audio consumer (Opus voice with packet overhead)."
UP_MARGIN = 0.2
"A higher layer must fit with this share of its bitrate to spare..."
UP_HOLD_S = 2.0
"...for this long before it is taken..."
UP_HOLD_AFTER_S = 10.0
"""...within this long of the estimate falling or of a consumer lowered for bandwidth
(mediasoup is as wary of a spatial upgrade for 10 s after a downgrade for bandwidth;
twice the longest probe interval): a link that showed its limit may show it again."""
TEMPORAL_SHARES = {1: (0.6,), 2: (0.4, 0.6), 3: (0.25, 0.4, 0.6)}
"""Share of a VP8 layer's bitrate in its temporal layers 0 to ``t`` (item ``t``), by the
highest temporal layer id it carries: libwebrtc's split of two temporal layers (60/40 %),
three (40/20/40 %) and four (25/15/20/40 %), each layer doubling the frame rate. The
costs of the lowest layer at fewer frames, which a video gets rather than a pause."""
UNKNOWN_STEP = 3.0
"A layer never measured is assumed to cost this times the layer below."
UNKNOWN_LOWEST = 150_000
"bit/s assumed for a lowest layer never measured."
STALE_S = 10.0
"""An estimate without feedback for this long (no numbered packet sent: the subscriber's
simulcast video left or is held back for other reasons; twice the longest probe interval)
no longer holds anything back (:meth:`SubscriberAllocator.poll`)."""
SMOOTHING = 0.3
"Weight of a new bitrate sample in a layer's cost."
PAUSED = -1


@dataclass
class Demand:
    """One video consumer's request."""

    key: Consumer
    priority: int
    "0 screen, 1 speaker or pinned, 2 others (lower first)."
    costs: tuple[float, ...]
    "bit/s of each layer it may receive, lowest first (the last is the one it wants)."
    steps: int = 0
    """How many of :attr:`costs` come first as the lowest layer at fewer frames (item ``t``:
    temporal layers 0 to ``t``): taken, the fewest frames last, only when the full lowest
    layer does not fit."""


def priority(consumer: Consumer, stream_ids: Mapping[str, Mapping[str, str]],
             dominant: str | None, pinned: Collection[str]) -> int:
    """0 for a shared screen (its msid stream id has a ``.``, docs/signaling.md), 1 for the
    dominant speaker's or a pinned publisher's video, else 2."""
    publisher = consumer.producer.participant_id
    if "." in stream_ids.get(publisher, {}).get(consumer.producer.mid, ""):
        return 0
    return 1 if publisher == dominant or publisher in pinned else 2


class LayerAllocator:
    """Greedy allocation by priority with hysteresis (module docstring, steps 2-4)."""

    def __init__(self) -> None:
        self.current: dict[Consumer, int] = {}
        "Layer given to each consumer (:data:`PAUSED`: none)."
        self._up_since: dict[Consumer, float] = {}
        self._top: dict[Consumer, int] = {}
        "The highest layer each consumer wanted at the last allocation."
        self._steps: dict[Consumer, int] = {}
        "Each demand's :attr:`Demand.steps` at the last allocation."
        self._lowered = float("-inf")
        "When a consumer was last given less than it had and than it wants."

    def allocate(self, budget: float, demands: list[Demand], now: float,
                 fell: float = float("-inf")) -> dict[Consumer, int]:
        """The layer of each demand's consumer (index into its costs, or :data:`PAUSED`),
        the estimate behind ``budget`` having last fallen at ``fell``."""
        self._rebase(demands)
        current = self.current
        order = sorted(demands, key=lambda d: d.priority)

        def cost(d: Demand, layer: int) -> float:
            known = current.get(d.key)
            return d.costs[layer] * (1 + UP_MARGIN if known is not None and layer > known
                                     else 1)

        left = budget
        ideal: dict[Consumer, int] = {}
        for _, same_priority in groupby(order, key=lambda d: d.priority):
            tier = list(same_priority)
            for d in tier:
                ideal[d.key] = PAUSED
                for layer in range(d.steps, -1, -1):  # the full lowest layer, then fewer frames
                    if cost(d, layer) <= left:
                        ideal[d.key] = layer
                        left -= cost(d, layer)
                        break
            for d in tier:
                base = ideal[d.key]
                if base == PAUSED:
                    continue
                for layer in range(len(d.costs) - 1, base, -1):
                    extra = cost(d, layer) - cost(d, base)
                    if extra <= left:
                        left -= extra
                        ideal[d.key] = layer
                        break
        result: dict[Consumer, int] = {}
        steady = now - max(fell, self._lowered) >= UP_HOLD_AFTER_S
        for d in demands:
            want, known = ideal[d.key], current.get(d.key)
            had_all = known is not None and known >= self._top.get(d.key, len(d.costs))
            if known is not None and want < known and want < len(d.costs) - 1:
                self._lowered = now
            if known is None or want <= known or had_all or steady:
                result[d.key] = want
                self._up_since.pop(d.key, None)
            elif now - self._up_since.setdefault(d.key, now) >= UP_HOLD_S:
                result[d.key] = want
                del self._up_since[d.key]
            else:
                result[d.key] = known
        # one never given a layer stays unseen until it gets one (no hold, no margin): the
        # tiles of a subscriber that just joined show as soon as the budget pays for them
        self.current = {k: v for k, v in result.items() if v != PAUSED or k in current}
        self._top = {d.key: len(d.costs) - 1 for d in demands}
        for gone in [k for k in self._up_since if k not in result]:
            del self._up_since[gone]
        return result

    def _rebase(self, demands: list[Demand]) -> None:
        """Keep what was given last time meaning the same layer when a demand's count of
        temporal steps changed (its lowest layer's temporal layers came or went, the
        estimate reached its floor or left it): a step no longer offered counts as the full
        lowest layer, which is what such a consumer receives."""
        for d in demands:
            shift = d.steps - self._steps.get(d.key, d.steps)
            for given in (self.current, self._top) if shift else ():
                known = given.get(d.key)
                if known is not None and known != PAUSED:
                    given[d.key] = max(0, known + shift)
        self._steps = {d.key: d.steps for d in demands}


class SubscriberAllocator:
    """Allocation of one subscriber's video consumers from its transport's estimate."""

    def __init__(self, sender: TransportCcSender) -> None:
        self.sender = sender
        self.layers = LayerAllocator()
        self._costs: dict[Producer, float] = {}
        self._octets: dict[Producer, tuple[int, float]] = {}
        self._audio: dict[Producer, tuple[int, int, float, float]] = {}
        "Audio stream -> (bytes, packets received, when, its cost) at the last allocation."
        self._next = 0.0
        self._waited = False
        "The last allocation was put off for streams not measured yet."

    def poll(self, consumers: list[Consumer], stream_ids: Mapping[str, Mapping[str, str]],
             dominant: str | None, pinned: Collection[str], now: float) -> None:
        """Periodic: allocate when :data:`INTERVAL_S` has passed since the last time (put
        off once when a stream measured here was seen for the first time: its cost comes
        with the next one; never twice in a row, so that a class arriving one by one does
        not hold every allocation off); with an estimate older than :data:`STALE_S`, lift
        every bandwidth hold instead."""
        if now < self._next:
            return
        self._next = now + INTERVAL_S
        if now - self.sender.last_feedback > STALE_S:
            self._release(consumers)
            return
        measured = self._audio.keys() | self._octets.keys()
        audio = 0.0
        demands = []
        # an estimate at its floor says only that the link carries less: no fewer frames
        # into a link that may not take even those (pause, and let probes find room)
        fewer_frames = self.sender.estimate > MIN_BITRATE
        for c in consumers:
            if not c.active or c.producer.closed:
                continue
            if c.producer.kind == "audio":
                audio += self._audio_cost(c.producer, now)
            elif c.pause_reasons - {"bandwidth"}:
                c.resume("bandwidth")  # held back anyway: no share, no bandwidth hold
            else:
                demands.append(self._demand(c, priority(c, stream_ids, dominant, pinned),
                                            fewer_frames, now))
        unmeasured = (self._audio.keys() | self._octets.keys()) - measured
        for stale in [p for p in self._costs if p.closed]:
            del self._costs[stale]
            self._octets.pop(stale, None)
        for stale in [p for p in self._audio if p.closed]:
            del self._audio[stale]
        budget = self.sender.estimate * BUDGET_SHARE - audio
        wanted = audio + sum(d.costs[-1] for d in demands) * (1 + UP_MARGIN)
        self.sender.wanted = int(wanted / BUDGET_SHARE)
        if unmeasured and not self._waited:  # their cost is known at the next allocation
            self._waited = True
            return
        self._waited = False
        steps = {d.key: d.steps for d in demands}
        fell = self.sender.estimator.decreased_at
        for consumer, layer in self.layers.allocate(budget, demands, now, fell).items():
            _apply(consumer, layer, steps[consumer])

    def _release(self, consumers: Iterable[Consumer]) -> None:
        """Lift every bandwidth cap and pause: the estimate says nothing any more."""
        for c in consumers:
            if isinstance(c, SimulcastConsumer):
                c.set_temporal_limit(None)
                if "bandwidth" in c.limits:
                    c.set_layer_limit("bandwidth", None)
            c.resume("bandwidth")
        self.layers = LayerAllocator()
        self.sender.wanted = 0

    def _demand(self, c: Consumer, rank: int, fewer_frames: bool, now: float) -> Demand:
        """Video consumer ``c``'s demand at priority ``rank``; with ``fewer_frames``, the
        temporal steps of the layer it receives when aiming at the lowest, if that one
        carries temporal layers (the subscriber's own temporal cap kept)."""
        if not isinstance(c, SimulcastConsumer):
            return Demand(c, rank, (self._cost(c.producer, self._measure(c.producer, now),
                                               0.0),))
        costs, lowest = self._layer_costs(c)
        meter = c.layers[lowest].meter if fewer_frames and lowest >= 0 else None
        shares = TEMPORAL_SHARES.get(meter.max_tid, ()) if meter is not None else ()
        steps = tuple(costs[0] * share for share in shares[: c.temporal])
        return Demand(c, rank, (*steps, *costs), len(steps))

    def _layer_costs(self, c: SimulcastConsumer) -> tuple[tuple[float, ...], int]:
        """The cost of each layer ``c`` may aim at, and the layer it receives aiming at the
        lowest (-1: none is sent)."""
        top = min((c.preferred, *(v for k, v in c.limits.items() if k != "bandwidth")))
        costs: list[float] = []
        for layer in c.layers[: top + 1]:
            sample = layer.meter.bitrate if layer.meter is not None else 0
            below = costs[-1] * UNKNOWN_STEP if costs else UNKNOWN_LOWEST
            costs.append(self._cost(layer, sample, below))
        # aiming at a layer the publisher does not send now (its own estimate or CPU
        # dropped it) gets the highest one below it: that one's cost is what it takes
        available = available_layers(c.layers)
        received = [pick_layer(available, i) for i in range(len(costs))]
        return tuple(costs[r] if 0 <= r < len(costs) else cost
                     for r, cost in zip(received, costs, strict=True)), received[0]

    def _cost(self, producer: Producer, sample: float, unknown: float) -> float:
        known = self._costs.get(producer)
        if sample > 0:
            known = sample if known is None else (1 - SMOOTHING) * known + SMOOTHING * sample
            self._costs[producer] = known
        return known if known is not None else unknown

    def _audio_cost(self, producer: Producer, now: float) -> float:
        """bit/s an audio stream takes on the subscriber's link: its receive bitrate since
        the last allocation, each packet with its SRTP, UDP and IP overhead, smoothed on the
        way down but followed at once on the way up (a muted speaker starts talking), at
        most :data:`AUDIO_BITRATE`. A stream seen for the first time is
        :data:`AUDIO_BITRATE` until its first sample, at the next allocation (:meth:`poll`
        waits for it)."""
        octets, packets = producer.received_octets, producer.stats.received
        last = self._audio.get(producer)
        if last is None:  # the first sample, at the next allocation, is taken as it is
            self._audio[producer] = (octets, packets, now, 0.0)
            return float(AUDIO_BITRATE)
        if now > last[2]:
            sample = ((octets - last[0]) + (packets - last[1]) * WIRE_OVERHEAD) * 8 / (
                now - last[2])
            cost = min(float(AUDIO_BITRATE),
                       max(sample, (1 - SMOOTHING) * last[3] + SMOOTHING * sample))
        else:
            cost = last[3]
        self._audio[producer] = (octets, packets, now, cost)
        return cost

    def _measure(self, producer: Producer, now: float) -> float:
        """Receive bitrate of a stream without simulcast since the last allocation."""
        octets = producer.received_octets
        last = self._octets.get(producer)
        self._octets[producer] = (octets, now)
        if last is None or now <= last[1]:
            return 0.0
        return (octets - last[0]) * 8 / (now - last[1])


def _apply(consumer: Consumer, layer: int, steps: int) -> None:
    """Give ``consumer`` the allocated ``layer``, an index into its demand's costs whose
    first ``steps`` are its lowest layer at fewer frames."""
    if layer == PAUSED:
        consumer.pause("bandwidth")
        return
    if isinstance(consumer, SimulcastConsumer):
        spatial = max(0, layer - steps)
        limit = spatial if spatial < len(consumer.layers) - 1 else None
        if consumer.limits.get("bandwidth") != limit:
            consumer.set_layer_limit("bandwidth", limit)
        consumer.set_temporal_limit(layer if layer < steps else None)
    consumer.resume("bandwidth")
