"""A Producer: one inbound media stream of a publisher (mediasoup vocabulary).

Owns the per-stream helpers (reception statistics, retransmission cache, keyframe
request throttle, REMB input) and fans packets out to its consumers. The methods on
the packet path are synchronous and allocate nothing but the consumers' rewrite buffers.
"""

import secrets
from collections.abc import Callable
from typing import Protocol

from operability.ratelimit import TokenBucket
from sfu.active_speaker import level_from_rfc6464
from sfu.errors import ParseError
from sfu.keyframe_request_manager import KeyFrameRequestManager
from sfu.nack_generator import NackGenerator
from sfu.native_forward import Fanout, is_vp8
from sfu.receive_stats import ReceiveStats
from sfu.rtp.extensions import (
    ONE_BYTE_PROFILE,
    URI_ABS_SEND_TIME,
    URI_AUDIO_LEVEL,
    URI_MID,
    find_extension,
    lengths_are,
    scan_extensions,
)
from sfu.rtp.header import EXT_END, EXT_PROFILE, EXT_START, PAYLOAD_END, PAYLOAD_START, SEQ, TS
from sfu.rtp.keyframe import DETECTORS, KEYFRAME_SIZES, SIZE_CARRIERS
from sfu.rtp.retransmission_buffer import RetransmissionBuffer
from sfu.rtp.vp8_descriptor import read_tid
from sfu.sdp.codecs import ChosenCodec
from sfu.transport import WebRtcTransport

MAX_NACK_GAP = 64
"Larger upstream gaps are repaired with a keyframe request instead of a NACK."
SIZE_READS_PER_S = 10.0
"""Key frame picture sizes a simulcast layer reads per second (and in a burst): an encoder
sends a key frame when asked (PLIs are throttled to a few per second) or when it changes its
size, while a publisher's crafted H.264 SPS costs Python up to a third of a millisecond
(:data:`sfu.rtp.keyframe.MAX_SPS_READ`), and the native core hands every one up."""


class StreamConsumer(Protocol):
    """A producer's subscriber (:class:`sfu.consumer.Consumer`): the upward calls, and
    what the native fan-out reads (:class:`sfu.native_forward.Fanout`)."""

    route: object | None
    "The native core's route while it forwards this subscriber's packets, else None."
    basic_rewrite: bool
    "The native core may take this subscriber over (see :class:`sfu.consumer.Consumer`)."

    def send(self, plain: bytes, hdr: tuple, keyframe: bool, now: float | None = None,
             ext_mask: int = 0, abs_pos: int = -1, abs_value: bytes = b"") -> None:
        """Forward one packet of the producer (see :meth:`sfu.consumer.Consumer.send`)."""

    def on_padding(self, hdr: tuple, now: float) -> None:
        """A padding-only packet of the producer (``hdr``, arrival time ``now``): nothing
        to forward, but its sequence number is taken (see :meth:`sfu.consumer.Consumer.skip`)."""

    def close(self) -> None:
        """Stop forwarding: the producer closed."""


class Producer:
    """Inbound stream ``ssrc`` (and ``rtx_ssrc``) on a publish transport.

    :param participant_id: publishing participant.
    :param transport: the publish transport (RTCP feedback goes back through it).
    :param kind: "audio" or "video".
    :param mid: m-line id in the publisher's session.
    :param codec: negotiated codec (publisher payload types).
    :param extensions: publisher header extension ids -> URI.
    :param on_keyframe_request: called with the producer when a PLI must be sent now.
    :param rid: RTP stream id (RFC 8852) when this stream is one simulcast encoding; its
        SSRC is then learned from the rid header extension (:mod:`sfu.simulcast.binding`).
    :param on_nack: called with the producer and the sequence numbers missing upstream
        when a gap of at most ``MAX_NACK_GAP`` packets is seen, and again for those still
        missing by :meth:`poll_nacks` (video only; see :mod:`sfu.nack_generator`).
    :param on_audio_level: audio streams: called with the participant id, the packet's
        level (0 silence .. 127 loudest, from the RFC 6464 header extension when the
        publisher negotiated it) and the arrival time (:mod:`sfu.room_speakers`).
    """

    def __init__(
        self,
        *,
        participant_id: str,
        transport: WebRtcTransport,
        kind: str,
        mid: str,
        codec: ChosenCodec,
        extensions: dict[int, str],
        ssrc: int | None,
        rtx_ssrc: int | None,
        clock: Callable[[], float],
        buffer_size: int,
        buffer_max_age: float,
        pli_min_interval: float,
        on_keyframe_request: Callable[["Producer"], None],
        on_nack: Callable[["Producer", list[int]], None] | None = None,
        rid: str | None = None,
        on_audio_level: Callable[[str, int, float], None] | None = None,
    ) -> None:
        self.id = secrets.token_hex(8)
        self.participant_id = participant_id
        self.transport = transport
        self.kind = kind
        self.mid = mid
        self.codec = codec
        self.extensions = dict(extensions)
        self.ssrc = ssrc
        self.rtx_ssrc = rtx_ssrc
        self.clock = clock
        native = transport.native
        self.stats: ReceiveStats = (native.receive_stats(codec.clock_rate) if native
                                     else ReceiveStats(codec.clock_rate))
        "Receive statistics (RFC 3550 A.1, A.3, A.8); the native core's twin with one."
        self.buffer = None
        "Retransmission cache of a video stream (the native core's twin with one)."
        if kind == "video":
            self.buffer = (native.retransmission_buffer(buffer_size, buffer_max_age, clock)
                           if native else
                           RetransmissionBuffer(buffer_size, buffer_max_age, clock))
        self.keyframes = KeyFrameRequestManager(pli_min_interval, clock)
        self._on_keyframe_request = on_keyframe_request
        self._on_nack = on_nack if kind == "video" else None
        self.nack_generator = NackGenerator(clock) if self._on_nack is not None else None
        "Upstream loss tracker (video streams with a NACK callback), else None."
        self.consumers: list[StreamConsumer] = []
        self.fanout: Fanout | None = (
            native.fanout(self.consumers, transport, is_vp8(codec.mime_type)) if native
            else None)
        "Native fan-out of the consumers (:mod:`sfu.native_forward`), or None."
        self._scan_extensions = native.scan_extensions if native else scan_extensions
        self.waiting_for_keyframe = 0
        "Number of consumers that drop packets until the next keyframe."
        self._detector = DETECTORS.get(codec.mime_type)
        self._size_reader = KEYFRAME_SIZES.get(codec.mime_type)
        self._states_size = SIZE_CARRIERS.get(codec.mime_type)
        self._size_reads = TokenBucket(SIZE_READS_PER_S, SIZE_READS_PER_S, clock)
        self._reads_tid = is_vp8(codec.mime_type)
        self._max_tid = -1
        ids = {uri: i for i, uri in self.extensions.items()}
        self.abs_send_time_id = ids.get(URI_ABS_SEND_TIME, 0)
        self.mid_id = ids.get(URI_MID, 0)
        self.audio_level_id = ids.get(URI_AUDIO_LEVEL, 0) if kind == "audio" else 0
        self._on_audio_level = on_audio_level if self.audio_level_id else None
        self.last_sr: tuple[int, int, float] | None = None
        "(NTP timestamp, RTP timestamp, local receive time) of the last sender report."
        self.rid = rid
        self.layers: tuple[Producer, ...] = (self,)
        "Simulcast encodings of the m-line, lowest first (see :mod:`sfu.simulcast.layers`)."
        self.spatial = 0
        "Index of this stream in ``layers``."
        self.meter = None
        "Receive bitrate (:class:`sfu.simulcast.layers.LayerMeter`) of a simulcast layer."
        self.dynacast = None
        """The first layer of a simulcast m-line: which encodings the publisher is told to
        send (:class:`sfu.simulcast.dynacast.EncodingSwitch`)."""
        self.frame_size: tuple[int, int] | None = None
        """(width, height) in pixels of the last key frame of this simulcast layer
        (:mod:`sfu.viewport` sizes layers by it: a publisher adapting to its CPU or uplink
        changes it); None until one came. The native core hands each VP8 key frame's first
        packet and each H.264 packet carrying an SPS to :meth:`on_rtp` for it
        (sfu/ingress.c)."""
        self.closed = False
        self.inbound = (native.inbound_stream(
            self, self.fanout, self.report_level if self._on_audio_level is not None else None)
            if native is not None and self.fanout is not None else None)
        """What the native core's ingress path reads and updates of this stream
        (:meth:`sfu.native_forward.NativeForwarding.inbound_stream`), or None."""

    @property
    def received_octets(self) -> int:
        """RTP bytes of media packets received (headers included, padding-only not)."""
        return self.stats.octets

    def on_rtp(self, plain: bytes, hdr: tuple, now: float, bwe) -> None:
        """Handle one decrypted packet of this stream and forward it to every consumer.

        ``hdr`` is :func:`sfu.rtp.header.read_header` output, ``now`` the arrival time on
        the clock; ``bwe`` is the transport's :class:`sfu.remb_estimator.RembEstimator`
        or None. The extension block is validated and searched once here for all
        consumers (:func:`sfu.rtp.extensions.scan_extensions`; the native core's on a
        transport with one, :attr:`sfu.native_forward.NativeForwarding.scan_extensions`).
        """
        seq = hdr[SEQ]
        self._sequence(seq, hdr[TS], now)
        self.stats.octets += len(plain)
        ext_mask = 0
        abs_pos = -1
        abs_value = b""
        has_level = False
        profile = hdr[EXT_PROFILE]
        if profile:
            try:
                ext_mask, abs_pos = self._scan_extensions(plain, hdr[EXT_START], hdr[EXT_END],
                                                          profile, self.abs_send_time_id)
            except ParseError:
                ext_mask = -1
            if ext_mask > 0 and self._misfit_element(plain, hdr, ext_mask, abs_pos):
                ext_mask = -1  # forwarded as is, subscribers would misread it
            has_level = self._on_audio_level is not None and ext_mask > 0 and bool(
                (ext_mask >> self.audio_level_id) & 1)
            if abs_pos >= 0:
                if bwe is not None:
                    bwe.on_packet(((plain[abs_pos] << 16) | (plain[abs_pos + 1] << 8)
                                   | plain[abs_pos + 2]) / 262144.0, len(plain))
                if profile == ONE_BYTE_PROFILE:  # 6.18 fixed point seconds, as
                    # sfu.rtp.extensions.abs_send_time_bytes, inlined
                    abs_value = (int(now * 262144.0) & 0xFFFFFF).to_bytes(3, "big")
                else:
                    abs_pos = -1  # only the one-byte form is restamped
        if self.buffer is not None and ext_mask >= 0:  # a malformed block is never resent
            self.buffer.store(seq, plain, now)
        if self.meter is not None and self._size_reader is not None:  # a simulcast layer
            payload = memoryview(plain)[hdr[PAYLOAD_START] : hdr[PAYLOAD_END]]
            if self._states_size(payload) and self._size_reads.allow():
                size = self._size_reader(payload)
                if size is not None:  # a key frame: the publisher may have changed the size
                    self.frame_size = size
            if self._reads_tid:
                tid = read_tid(plain, hdr[PAYLOAD_START], hdr[PAYLOAD_END])
                if tid > self._max_tid:
                    self._max_tid = tid
        keyframe = False
        if self.waiting_for_keyframe and self._detector is not None:
            keyframe = self._detector(memoryview(plain)[hdr[PAYLOAD_START] : hdr[PAYLOAD_END]])
            if keyframe:
                self.keyframes.keyframe_received()
        if self.fanout is not None:
            self.fanout.forward(plain, hdr, keyframe, now, ext_mask, abs_pos, abs_value)
        else:
            for consumer in self.consumers:
                consumer.send(plain, hdr, keyframe, now, ext_mask, abs_pos, abs_value)
        if has_level:  # after forwarding: a failing speaker detector costs no packet
            self._audio_level(plain, hdr, now)

    def take_tid(self) -> int:
        """The highest VP8 temporal layer id (TID) of this simulcast layer's packets since
        the last call, on either path (the native core keeps its own,
        :meth:`sfu._forwardcore.InboundStream.take_tid`); -1 when none carried one (an
        encoder without temporal layers, or not VP8). The layer's meter reads it
        (:func:`sfu.simulcast.layers.poll_layers`)."""
        tid = self._max_tid
        self._max_tid = -1
        if self.inbound is not None:
            tid = max(tid, self.inbound.take_tid())
        return tid

    def on_padding(self, hdr: tuple, now: float) -> None:
        """Handle a padding-only packet of this stream (RFC 3550 section 5.1: no payload;
        Chromium pads its H.264 simulcast encodings with them on their own SSRCs): it takes its
        place in the sequence, so it is neither counted lost nor NACKed, and every consumer
        numbers on without it (:meth:`sfu.consumer.Consumer.skip`). Its bytes do not count
        as received media (``received_octets``: a simulcast layer's bitrate)."""
        self._sequence(hdr[SEQ], hdr[TS], now)
        for consumer in self.consumers:
            consumer.on_padding(hdr, now)

    def _sequence(self, seq: int, ts: int, now: float) -> None:
        """Receive statistics and upstream NACKs for packet ``seq`` (RFC 4585 6.2.1)."""
        gap = self.stats.update(seq, ts, now)
        nacks = self.nack_generator
        if nacks is not None:
            if gap:
                if gap <= MAX_NACK_GAP:
                    lost = nacks.lost(seq, gap)
                    if lost:
                        self._on_nack(self, lost)  # type: ignore[misc]
                    if nacks.overflowed:
                        nacks.overflowed = False
                        self.request_keyframe()
                else:
                    self.request_keyframe()
            elif nacks.pending:
                nacks.received(seq)

    def _misfit_element(self, plain: bytes, hdr: tuple, ext_mask: int, abs_pos: int) -> bool:
        """Whether an abs-send-time element of the packet is not 3 bytes long or an audio
        level (RFC 6464 section 3) not 1 byte: subscribers get these elements as sent (the id
        remapped), and one of another length is misread there (aiortc's receiver stopped
        for good on one), so the block counts as malformed. ``ext_mask`` and ``abs_pos``:
        :func:`sfu.rtp.extensions.scan_extensions` of the block."""
        abs_id = self.abs_send_time_id
        if abs_id and abs_pos < 0 and (ext_mask >> abs_id) & 1:
            return True
        level_id = self.audio_level_id
        return bool(level_id and (ext_mask >> level_id) & 1 and not lengths_are(
            plain, hdr[EXT_START], hdr[EXT_END], hdr[EXT_PROFILE], level_id, 1))

    def _audio_level(self, plain: bytes, hdr: tuple, now: float) -> None:
        if self.inbound is not None:  # the native core's kept levels come first
            self.flush_levels()
        try:
            value = find_extension(plain, hdr[EXT_START], hdr[EXT_END], hdr[EXT_PROFILE],
                                   self.audio_level_id)
        except ParseError:
            return
        if value:
            self.report_level(value[0], now)

    @property
    def repairing(self) -> bool:
        """Packets of this stream that went missing are being NACKed upstream (RFC 4585
        section 6.2.1) and may still arrive."""
        nacks = self.nack_generator
        return nacks is not None and bool(nacks.pending)

    def flush_levels(self) -> None:
        """Report the audio levels the native core kept for the packets it took whole
        (:meth:`sfu._forwardcore.InboundStream.take_levels`: one call per tick instead of
        one per packet), oldest first; nothing without the core or a level callback."""
        inbound = self.inbound
        if inbound is not None and self._on_audio_level is not None:
            for value, now in inbound.take_levels():
                self.report_level(value, now)

    def report_level(self, value: int, now: float) -> None:
        """Report the RFC 6464 section 3 level byte ``value`` (V flag, then -dBov 0..127)
        of a packet that arrived at ``now`` (audio streams with a level callback)."""
        if self._on_audio_level is not None:
            self._on_audio_level(self.participant_id, level_from_rfc6464(value), now)

    def request_keyframe(self) -> None:
        """A subscriber asked for a keyframe (PLI/FIR or a new subscription)."""
        if self.kind != "video" or (self.meter is not None and self.meter.paused):
            return  # never a PLI for an encoding the publisher was told to stop
        if not self.transport.connected or self.ssrc is None:
            self.keyframes.defer()
        elif self.keyframes.request():
            self._on_keyframe_request(self)

    def poll_keyframe_request(self) -> None:
        """Periodic: send a deferred keyframe request when its throttle interval ended."""
        if (self.transport.connected and self.ssrc is not None
                and (self.meter is None or not self.meter.paused) and self.keyframes.poll()):
            self._on_keyframe_request(self)

    def nack_upstream(self, seqs: list[int]) -> None:
        """Ask the publisher to resend ``seqs`` (video streams with a NACK callback)."""
        if self._on_nack is not None:
            self._on_nack(self, seqs)

    def poll_nacks(self) -> None:
        """Periodic: NACK again the upstream losses whose retry interval ended."""
        nacks = self.nack_generator
        if nacks is not None and nacks.pending and self._on_nack is not None:
            due = nacks.due()
            if due:
                self._on_nack(self, due)

    def close(self) -> None:
        """Detach every consumer and drop the cache; the other simulcast layers close too."""
        if self.closed:
            return
        self.closed = True
        for layer in self.layers:
            layer.close()
        for consumer in list(self.consumers):
            consumer.close()
        self.consumers.clear()
        if self.buffer is not None:
            self.buffer.clear()
        if self.nack_generator is not None:
            self.nack_generator.clear()
