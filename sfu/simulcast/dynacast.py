"""Dynacast: the publisher pauses the simulcast encodings nobody receives (issue 12).

A publisher encodes and sends every simulcast layer whether or not anyone gets it. For
each simulcast m-line the router asks, from its periodic poll (:func:`poll_dynacast`),
which spatial layers are needed (:func:`needed_layers`), and an :class:`EncodingSwitch`
turns that into what the publisher is told: ``RTCRtpEncodingParameters.active`` per rid,
which the client applies with ``RTCRtpSender.setParameters`` (W3C webrtc-pc section
5.2; ``send-encodings`` in docs/signaling.md). A layer unneeded for :data:`PAUSE_AFTER`
seconds is paused, a needed one resumed at once, so a subscriber switching up and down
does not make the encoder flap.

A paused layer is not live (:meth:`sfu.simulcast.layers.LayerMeter.pause`) and gets no
key frame request (:meth:`sfu.producer.Producer.request_keyframe`). Resumed, it counts as
live before its packets arrive, its consumers aim at it at once, and its key frame
request throttle starts as if a PLI had just been sent: a resumed encoding starts with a
key frame, which completes their switch without any PLI (one follows only if it does not
come within the throttle interval). A layer whose packets still come when it resumes (a
publisher that does not apply ``send-encodings``, or one resumed right after its pause)
restarts nothing, so its consumers ask for a key frame at once rather than wait out the
throttle for one that would not come (:meth:`sfu.simulcast.layers.LayerMeter.flowing`).
"""

from collections.abc import Sequence

from sfu.producer import Producer
from sfu.simulcast.consumer import LayerTap, available_layers, pick_layer

PAUSE_AFTER = 2.0
"Seconds a layer stays unneeded before the publisher is told to pause it."
INTERVAL = 0.25
"Seconds between two evaluations of one m-line (the router polls more often)."


def needed_layers(layers: Sequence[Producer]) -> list[bool]:
    """Which spatial layers of a simulcast m-line (``layers``, lowest first) someone needs.

    A :class:`sfu.simulcast.consumer.SimulcastConsumer` needs the layer it aims at,
    :attr:`~sfu.simulcast.consumer.SimulcastConsumer.target_spatial` (its preference under
    the tile-size and bandwidth caps; one the publisher does not send now may come back, as
    the publisher's bandwidth estimate allows), the
    layer it aims at meanwhile (:func:`sfu.simulcast.consumer.available_layers` counts the
    layers the publisher was told to pause, even one paused before its first packet:
    aimed at, they resume) and the layer it forwards until it switches. Consumers paused
    by last-N
    or not yet answered are not in the layers' consumer lists and need nothing. The cloud
    recorder's :class:`sfu.simulcast.follower.LayerFollower` counts as such a consumer
    aiming at the highest layer. Any other consumer of a layer needs that layer.
    """
    needed = [False] * len(layers)
    available = available_layers(layers)
    for layer in layers:
        for consumer in layer.consumers:
            if type(consumer) is not LayerTap:
                needed[layer.spatial] = True
            elif consumer.index == 0:  # one tap per layer: count each consumer once
                c = consumer.consumer
                wanted = c.target_spatial
                needed[wanted] = True
                target = pick_layer(available, wanted)
                if target >= 0:
                    needed[target] = True
                if c.current >= 0:
                    needed[c.current] = True
            if all(needed):
                return needed
    return needed


class EncodingSwitch:
    """The encodings one simulcast publisher is told to send, debounced.

    :param count: number of encodings (all active at first, as the publisher starts).
    """

    __slots__ = ("active", "_last_check", "_unneeded_since")

    def __init__(self, count: int) -> None:
        self.active = [True] * count
        "Per layer, lowest first: the publisher was last told to send it."
        self._unneeded_since: list[float | None] = [None] * count
        self._last_check = float("-inf")

    def due(self, now: float) -> bool:
        """True at most every :data:`INTERVAL` seconds: time to call :meth:`update`."""
        if now - self._last_check < INTERVAL:
            return False
        self._last_check = now
        return True

    def update(self, needed: Sequence[bool], now: float) -> bool:
        """Take what is needed now (:func:`needed_layers`) at time ``now`` (seconds): a
        needed layer is active at once, one unneeded since :data:`PAUSE_AFTER` seconds
        stops. True when :attr:`active` changed (the publisher must be told)."""
        changed = False
        for index, need in enumerate(needed):
            if need:
                self._unneeded_since[index] = None
                if not self.active[index]:
                    self.active[index] = changed = True
            elif self.active[index]:
                since = self._unneeded_since[index]
                if since is None:
                    self._unneeded_since[index] = now
                elif now - since >= PAUSE_AFTER:
                    self.active[index] = False
                    changed = True
        return changed


def poll_dynacast(producer: Producer, now: float) -> tuple[tuple[str, bool], ...] | None:
    """Periodic, for the first layer of a simulcast m-line: when what its publisher should
    send changed, apply it to the layers (pause: not live, no PLI; resume: live, key frame
    awaited, consumers re-aim) and return ``((rid, active), ...)`` lowest first, to tell
    the publisher; else None."""
    switch = producer.dynacast
    if switch is None or not switch.due(now):
        return None
    layers = producer.layers
    if not switch.update(needed_layers(layers), now):
        return None
    resumed = False
    for layer, active in zip(layers, switch.active, strict=True):
        meter = layer.meter
        if meter is None or active != meter.paused:
            continue
        if active:
            if not meter.flowing(layer.stats.received):
                layer.keyframes.expect()  # the restarted encoding starts with a key frame
            meter.resume(now)
            resumed = True
        else:
            meter.pause()
    if resumed:
        for tap in layers[0].consumers:
            if type(tap) is LayerTap:
                tap.consumer.layers_changed()
    return tuple((str(layer.rid), active) for layer, active in zip(layers, switch.active,
                                                                    strict=True))
