"""Router: one room's forwarding map and negotiation state (mediasoup's Router).

Producers of each participant are consumed by every other participant. The router is
the transports' listener: it receives decrypted RTP from publish transports and routes
it (``rtp_received`` -> :meth:`sfu.producer.Producer.on_rtp` -> each
:meth:`sfu.consumer.Consumer.send`), terminates RTCP on every leg and sends reports.

It runs past 600 lines as the one place where a room's control calls, its packet dispatch
and its periodic duties meet; each delegates the work to its own module (simulcast,
dynacast, the bandwidth allocator, viewports, speakers).
"""

import logging
from collections.abc import Callable
from typing import Protocol

from sfu.allocator import SubscriberAllocator
from sfu.bwe.sender import PADDING_SIZE, TransportCcSender
from sfu.consumer import Consumer
from sfu.control import SfuConfig, SfuListener, WorkerStats, notify
from sfu.errors import NegotiationError, ParseError, RoomFullError, UnknownParticipantError
from sfu.participant import Participant, SubscribeSlot
from sfu.producer import Producer
from sfu.remb_estimator import RembEstimator
from sfu.reports import send_reports
from sfu.room_speakers import RoomSpeakers
from sfu.rtcp.fir import FullIntraRequest
from sfu.rtcp.nack import GenericNack
from sfu.rtcp.pli import PictureLossIndication
from sfu.rtcp.sr import SenderReport
from sfu.rtcp.twcc import TransportFeedback
from sfu.rtp.extensions import (
    URI_ABS_SEND_TIME,
    URI_TRANSPORT_CC,
    build_id_map,
    find_extension,
)
from sfu.rtp.header import (
    EXT_END,
    EXT_PROFILE,
    EXT_START,
    PAYLOAD_END,
    PAYLOAD_START,
    PT,
    SEQ,
    SSRC,
)
from sfu.rtp.rtx import unwrap_rtx
from sfu.sdp.codecs import SUBSCRIBE_CODECS
from sfu.sdp.publish import (
    PublishMedia,
    build_publish_answer,
    parse_publish_offer,
    transport_cc_id,
)
from sfu.sdp.subscribe import (
    OfferedTrack,
    Slot,
    build_subscribe_offer,
    parse_subscribe_answer,
    publish_msid_streams,
    subscriber_stream_ids,
)
from sfu.simulcast.binding import match_layer
from sfu.simulcast.consumer import SimulcastConsumer
from sfu.simulcast.dynacast import poll_dynacast
from sfu.simulcast.layers import LAYER_PLI_INTERVAL, link_layers, poll_layers
from sfu.simulcast.temporal import MAX_TID
from sfu.transport import TransportFactory, WebRtcTransport
from sfu.twcc_builder import TwccFeedbackBuilder
from sfu.viewport import RoomViewports, StreamViewport

logger = logging.getLogger(__name__)
VIEWPORT_REFRESH_INTERVAL = 1.0
"Seconds between re-computations of tile caps whose layer sizes changed (sfu.viewport)."
MAX_NACKED_PER_DATAGRAM = 64
"Packets one datagram's NACKs may have resent per consumer (each number counted once)."


class ProducerObserver(Protocol):
    """Told of each producer a publish offer creates (the room's recorder, issue 14)."""

    def producer_added(self, producer: Producer) -> None: ...


class Router:
    """A room.

    :param factory: the worker (creates transports on the shared socket).
    :param listener: signaling-side listener for renegotiation and closed transports.
    """

    def __init__(
        self,
        room_id: str,
        config: SfuConfig,
        factory: TransportFactory,
        listener: SfuListener | None,
        stats: WorkerStats,
        clock: Callable[[], float],
    ) -> None:
        self.room_id = room_id
        self.config = config
        self._factory = factory
        self.listener = listener
        self.stats = stats
        self.clock = clock
        self.participants: dict[str, Participant] = {}
        self.stream_ids: dict[str, dict[str, str]] = {}
        "participant id -> {mid: msid stream id offered to subscribers} of its producers."
        self.tap: Callable[[Producer, bytes], None] | None = None
        "Test-only copy of each routed packet (:mod:`sfu.rtp_tap`); None in production."
        self.recorder: ProducerObserver | None = None
        "The room's running recording, told of new producers (sfu.recorder)."
        self.speakers = RoomSpeakers(self.participants, self.stream_ids, self._tell_held)
        "Active speaker and last-N (sfu/room_speakers.py)."
        self.viewports = RoomViewports(self.participants, self.stream_ids)
        "Each subscriber's tiles: hidden ones paused, small ones capped (sfu/viewport.py)."
        self._next_viewport_refresh = 0.0
        self._bandwidth_held: dict[str, tuple[str, ...]] = {}
        """Subscriber id -> publishers whose camera its allocator holds back (none: absent),
        as last told (``video_paused``, reason ``bandwidth``)."""
        self.allocators: dict[str, SubscriberAllocator] = {}
        """Participant id -> bandwidth allocation of its subscribe transport, once that
        negotiated transport-cc (sfu/allocator.py)."""

    # -- control ---------------------------------------------------------------------
    def join(self, participant_id: str) -> None:
        """Add a participant (idempotent). :raises RoomFullError: room at its limit."""
        if participant_id in self.participants:
            return
        if len(self.participants) >= self.config.max_participants:
            raise RoomFullError(f"room holds {self.config.max_participants} participants")
        self.participants[participant_id] = Participant(participant_id)
        self.speakers.join(participant_id)

    def participant(self, participant_id: str) -> Participant:
        """:raises UnknownParticipantError: not joined."""
        try:
            return self.participants[participant_id]
        except KeyError:
            raise UnknownParticipantError("participant has not joined") from None

    def publish(self, participant_id: str, offer_sdp: str) -> str:
        """Apply a publish offer and return the answer (see :mod:`sfu.sdp.publish`)."""
        p = self.participant(participant_id)
        offer = parse_publish_offer(offer_sdp, self.config.video_codecs)
        t = p.publish
        if t is None or t.state == "closed" or t.ice.remote_ufrag != offer.ufrag:
            if t is not None:
                self._close_publish(p, t, "ice-restart")
            t = self._factory.create_transport(self, "publish", participant_id)
            p.publish = t
        t.set_remote(offer.ufrag, offer.fingerprints, offer.setup)
        t.twcc_id = transport_cc_id(offer)
        if t.twcc_id:
            t.bwe = None
            if t.twcc is None:
                t.twcc = (t.native.twcc_feedback_builder() if t.native
                          else TwccFeedbackBuilder())
        else:
            t.twcc = None
            if t.bwe is None:
                estimator = t.native.remb_estimator if t.native else RembEstimator
                t.bwe = estimator(self.clock, self.config.initial_bitrate,
                                  self.config.max_bitrate)
        changed = False
        seen = set()
        for media in offer.media:
            if media.codec is None or not media.sending or media.mid is None:
                continue
            seen.add(media.mid)
            producer = p.producers.get(media.mid)
            if (producer is not None
                    and producer.codec.payload_type == media.codec.payload_type
                    and [x.rid for x in producer.layers] == (media.rids or [None])):
                if not media.rids:
                    self._bind_ssrcs(t, producer, media.ssrc, media.rtx_ssrc)
                continue
            if producer is not None:
                self._close_producer(p, producer)
            if media.rids:  # simulcast: one stream per rid, SSRCs learned from packets
                producer = link_layers([self._new_producer(participant_id, t, media, rid)
                                        for rid in media.rids])
            else:
                producer = self._new_producer(participant_id, t, media, None)
                self._bind_ssrcs(t, producer, media.ssrc, media.rtx_ssrc)
            p.producers[media.mid] = producer
            if self.recorder is not None:
                self.recorder.producer_added(producer)
            changed = True
        for mid in [m for m in p.producers if m not in seen]:
            self._close_producer(p, p.producers.pop(mid))
            changed = True
        sending = [(m.mid, m.kind) for m in offer.media
                   if m.codec is not None and m.sending and m.mid is not None]
        streams = subscriber_stream_ids(participant_id, sending, publish_msid_streams(offer_sdp))
        if self.stream_ids.get(participant_id, streams) != streams:
            changed = True
        self.stream_ids[participant_id] = streams
        p.publish_version += 1
        ip, port = self._factory.announced
        answer = build_publish_answer(
            offer,
            ufrag=t.ice.ufrag,
            pwd=t.ice.pwd,
            fingerprint=t.certificate.fingerprint,
            ip=ip,
            port=port,
            version=p.publish_version,
        )
        if changed:
            self._renegotiate_others(participant_id)
        return answer

    def subscribe_offer(self, participant_id: str) -> str | None:
        """Build the next subscribe offer, or None when there is nothing to receive."""
        p = self.participant(participant_id)
        t = p.subscribe
        if t is None or t.state == "closed":
            t = self._factory.create_transport(self, "subscribe", participant_id)
            p.subscribe = t
            p.slots = []
        free: dict[str, list[SubscribeSlot]] = {"audio": [], "video": []}
        for slot in p.slots:
            if slot.consumer is not None and slot.consumer.producer.closed:
                self._drop_consumer(t, slot.consumer)
                slot.previous, slot.consumer = slot.consumer, None
            if slot.consumer is None and slot.kind in free:
                free[slot.kind].append(slot)
        present = {s.consumer.producer.id for s in p.slots if s.consumer is not None}
        for other in self.participants.values():
            if other.id == participant_id:
                continue
            for producer in other.producers.values():
                if producer.closed or producer.id in present:
                    continue
                kind = SimulcastConsumer if len(producer.layers) > 1 else Consumer
                reuse = free.get(producer.kind)
                if reuse:
                    slot = reuse.pop(0)
                    consumer = kind(producer, t, slot.mid, self.clock, slot.previous)
                    slot.consumer, slot.previous = consumer, None
                else:
                    consumer = kind(producer, t, str(len(p.slots)), self.clock)
                    p.slots.append(SubscribeSlot(consumer.mid, producer.kind, consumer))
                t.consumers_by_ssrc[consumer.ssrc] = consumer
        if not p.slots:
            return None
        self.speakers.apply(participant_id)
        self.viewports.apply(participant_id)
        p.subscribe_version += 1
        p.offered_mids = tuple(s.mid for s in p.slots)
        ip, port = self._factory.announced
        return build_subscribe_offer(
            [self._slot_description(s) for s in p.slots],
            ufrag=t.ice.ufrag,
            pwd=t.ice.pwd,
            fingerprint=t.certificate.fingerprint,
            ip=ip,
            port=port,
            version=p.subscribe_version,
        )

    def subscribe_answer(self, participant_id: str, answer_sdp: str) -> None:
        """Apply the answer to the last subscribe offer and start forwarding.

        :raises NegotiationError: no offer outstanding, or an answer
            :func:`sfu.sdp.subscribe.parse_subscribe_answer` refuses; the offer then stays
            outstanding, and a new :meth:`subscribe_offer` replaces it.
        """
        p = self.participant(participant_id)
        t = p.subscribe
        if t is None or not p.offered_mids:
            raise NegotiationError("no subscribe offer outstanding")
        answer = parse_subscribe_answer(answer_sdp, p.offered_mids)
        p.offered_mids = ()
        t.set_remote(answer.ufrag, answer.fingerprints, answer.setup)
        if t.send_cc is None and any(URI_TRANSPORT_CC in m.extensions for m in answer.media):
            t.send_cc = TransportCcSender(self.clock)
            self.allocators[participant_id] = SubscriberAllocator(t.send_cc)
        for slot, media in zip(p.slots, answer.media, strict=False):
            consumer = slot.consumer
            if consumer is None:
                continue
            spec = SUBSCRIBE_CODECS[consumer.producer.codec.mime_type]
            if consumer.producer.closed:
                consumer.close()
                continue
            if not media.accepted or spec.payload_type not in media.payload_types:
                # The subscriber cannot decode this codec: counted, and its page says so
                # on the publisher's tile (signaling/web/group.js, refusedTracks).
                self.stats.refused_consumers += 1
                logger.info("subscriber refused a track room=%s codec=%s", self.room_id,
                         consumer.producer.codec.mime_type)
                consumer.close()
                continue
            rtx = spec.rtx_payload_type if spec.rtx_payload_type in media.payload_types else None
            id_map = build_id_map(consumer.producer.extensions, media.extensions)
            abs_id = media.extensions.get(URI_ABS_SEND_TIME, 0)
            was_active = consumer.active
            consumer.activate(spec.payload_type, rtx, id_map, abs_id,
                              media.extensions.get(URI_TRANSPORT_CC, 0))
            if not was_active and t.connected:
                consumer.request_keyframe()

    def leave(self, participant_id: str) -> None:
        """Remove a participant; others are told to renegotiate if it published."""
        p = self.participants.pop(participant_id, None)
        self.stream_ids.pop(participant_id, None)
        self.speakers.leave(participant_id)
        self.viewports.leave(participant_id)
        self._bandwidth_held.pop(participant_id, None)
        if p is None:
            return
        had_producers = bool(p.producers)
        if p.publish is not None:
            self._close_publish(p, p.publish, None)
        if p.subscribe is not None:
            t = p.subscribe
            p.subscribe = None
            self._close_subscribe(p, t)
            t.close("left")
        if had_producers:
            self._renegotiate_others(participant_id)

    def close(self) -> None:
        """Remove every participant without notifications."""
        listener, self.listener = self.listener, None
        for pid in list(self.participants):
            self.leave(pid)
        self.listener = listener

    def set_preferred_layers(self, participant_id: str, publisher_id: str, spatial: int,
                             temporal: int = MAX_TID) -> int:
        """Want simulcast layers ``spatial`` (0: lowest) and TIDs up to ``temporal`` for
        every video ``participant_id`` receives from ``publisher_id`` (the hook that layer
        allocation and tests drive). Returns how many consumers it applies to.

        :raises UnknownParticipantError: ``participant_id`` has not joined.
        """
        p = self.participant(participant_id)
        count = 0
        for slot in p.slots:
            c = slot.consumer
            if isinstance(c, SimulcastConsumer) and c.producer.participant_id == publisher_id:
                c.set_preferred_layers(spatial, temporal)
                count += 1
        return count

    def set_viewport(self, participant_id: str, streams: tuple[StreamViewport, ...]) -> None:
        """``participant_id`` shows these received streams' tiles (adaptive stream,
        :mod:`sfu.viewport`): hidden ones are paused, visible ones capped by their size.

        :raises UnknownParticipantError: ``participant_id`` has not joined.
        """
        self.participant(participant_id)
        self.viewports.set(participant_id, streams)

    # -- TransportListener -----------------------------------------------------------
    def transport_connected(self, transport: WebRtcTransport) -> None:
        """Subscribe leg ready: ask each producer it consumes for a keyframe."""
        if transport.direction == "subscribe":
            for consumer in transport.consumers_by_ssrc.values():
                if consumer.active:
                    consumer.request_keyframe()

    def transport_closed(self, transport: WebRtcTransport, reason: str) -> None:
        """Forget a closed transport; tell the signaling layer when it lost media (it had
        connected, and we did not close it). One that never connected (a chat-only client
        that never answers its subscribe offer, a client slow to set up media) lost nothing:
        a later offer makes a new one, without a ``media_lost`` and re-join each time."""
        self._factory.release_transport(transport)
        p = self.participants.get(transport.participant_id)
        if p is None:
            return
        if p.publish is transport:
            had_producers = bool(p.producers)
            self._close_publish(p, transport, None)
            if had_producers:
                self._renegotiate_others(p.id)
        elif p.subscribe is transport:
            p.subscribe = None
            self._close_subscribe(p, transport)
        else:
            return
        lost_media = transport.was_connected and reason not in ("left", "ice-restart")
        if lost_media and self.listener is not None:
            self.listener.transport_closed(self.room_id, p.id, reason)

    def rtp_received(self, transport: WebRtcTransport, plain: bytes) -> None:
        """Hot path: route one decrypted RTP packet from a publish transport."""
        try:
            hdr = transport.read_header(plain)
        except ParseError:
            self.stats.drop("rtp_parse")
            return
        now = self.clock()
        twcc_id = transport.twcc_id
        if twcc_id and hdr[EXT_PROFILE]:  # every packet counts, padding probes included
            try:
                value = find_extension(plain, hdr[EXT_START], hdr[EXT_END], hdr[EXT_PROFILE],
                                       twcc_id)
            except ParseError:
                value = None
            if value is not None and len(value) == 2 and transport.twcc is not None:
                transport.twcc.record((value[0] << 8) | value[1], now, hdr[SSRC])
        ssrc = hdr[SSRC]
        producer = transport.producers_by_ssrc.get(ssrc)
        if producer is None:
            producer = self._bind_by_mid(transport, plain, hdr)
            if producer is None:
                self.stats.drop("unknown_ssrc")
                return
        if ssrc != producer.ssrc:
            if hdr[PT] != producer.codec.rtx_payload_type:
                self.stats.drop("payload_type")
                return
            if hdr[PAYLOAD_END] - hdr[PAYLOAD_START] <= 2:
                return  # RTX padding probe: nothing to forward
            try:
                plain = unwrap_rtx(plain, hdr[PAYLOAD_START], hdr[PAYLOAD_END],
                                   producer.codec.payload_type, producer.ssrc)
                hdr = transport.read_header(plain)
            except ParseError:
                self.stats.drop("rtx_parse")
                return
            self.stats.rtx_received += 1
            nacks = producer.nack_generator
            if nacks is not None:
                if not nacks.received(hdr[SEQ]):
                    self.stats.drop("rtx_unrequested")  # duplicate or redundant probe
                    return
                self.stats.recovered_packets += 1
        elif hdr[PT] != producer.codec.payload_type:
            self.stats.drop("payload_type")
            return
        if hdr[PAYLOAD_END] == hdr[PAYLOAD_START]:
            producer.on_padding(hdr, now)
            return
        if self.tap is not None:
            self.tap(producer, plain)
        producer.on_rtp(plain, hdr, now, transport.bwe)

    def rtcp_received(self, transport: WebRtcTransport, packets: list) -> None:
        """Terminate RTCP: SR from publishers; NACK/PLI/FIR from subscribers."""
        if transport.direction == "publish":
            for packet in packets:
                if isinstance(packet, SenderReport):
                    producer = transport.producers_by_ssrc.get(packet.ssrc)
                    if producer is not None and packet.ssrc == producer.ssrc:
                        producer.last_sr = (packet.ntp_timestamp, packet.rtp_timestamp,
                                            self.clock())
            return
        nacked: dict[Consumer, list[int]] = {}
        for packet in packets:
            if isinstance(packet, GenericNack):
                consumer = transport.consumers_by_ssrc.get(packet.media_ssrc)
                self.stats.nacks_received += len(packet.lost)
                if consumer is not None:
                    nacked.setdefault(consumer, []).extend(packet.lost)
            elif isinstance(packet, PictureLossIndication):
                consumer = transport.consumers_by_ssrc.get(packet.media_ssrc)
                self.stats.plis_received += 1
                if consumer is not None and consumer.active:
                    consumer.request_keyframe()
            elif isinstance(packet, TransportFeedback):
                if transport.send_cc is not None:
                    transport.send_cc.on_feedback(packet)
            elif isinstance(packet, FullIntraRequest):
                self.stats.plis_received += 1
                for ssrc, _ in packet.entries:
                    consumer = transport.consumers_by_ssrc.get(ssrc)
                    if consumer is not None and consumer.active:
                        consumer.request_keyframe()
        if nacked:
            self._answer_nacks(nacked)

    def _answer_nacks(self, nacked: dict[Consumer, list[int]]) -> None:
        """Resend what one datagram's NACKs asked of each consumer: each number once, at
        most :data:`MAX_NACKED_PER_DATAGRAM`, within the consumer's ``nack_budget``
        (:data:`sfu.consumer.NACK_RATE` packets/s); the rest are ``nack_rate_limited``
        drops (a NACK of a few bytes asks for up to 17 packets)."""
        for consumer, lost in nacked.items():
            wanted = list(dict.fromkeys(lost))
            answered = wanted[:MAX_NACKED_PER_DATAGRAM]
            answered = answered[: consumer.nack_budget.take(len(answered))]
            if len(wanted) > len(answered):
                self.stats.drop("nack_rate_limited", len(wanted) - len(answered))
            if answered:
                self.stats.retransmitted_packets += consumer.retransmit(answered)

    # -- periodic --------------------------------------------------------------------
    def poll(self) -> None:
        """Send deferred keyframe requests, NACK retries and transport-cc feedback, tell
        publishers which simulcast encodings to send (dynacast), re-evaluate the layers of
        simulcast consumers (:meth:`SimulcastConsumer.poll`), hand the speaker detector the
        audio levels the native core kept (:meth:`sfu.producer.Producer.flush_levels`), and
        tell the room the active speaker (call every 50-100 ms)."""
        now = self.clock()
        for p in self.participants.values():
            for producer in p.producers.values():
                for layer in producer.layers:
                    layer.poll_keyframe_request()
                    layer.poll_nacks()
                if producer.meter is not None:
                    poll_layers(producer, now)
                    encodings = poll_dynacast(producer, now)
                    if encodings is not None and self.listener is not None:
                        notify(self.listener, "send_encodings", self.room_id, p.id,
                               producer.mid, encodings)
            for slot in p.slots:
                if isinstance(slot.consumer, SimulcastConsumer):
                    slot.consumer.poll(now)
            t = p.publish
            if t is not None and t.twcc is not None and t.twcc.pending and t.connected:
                for feedback in t.twcc.build(t.rtcp_ssrc):
                    t.send_rtcp(bytes(feedback))
                    self.stats.twcc_feedback_sent += 1
            self._allocate(p, now)
        if now >= self._next_viewport_refresh:
            self._next_viewport_refresh = now + VIEWPORT_REFRESH_INTERVAL
            self.viewports.refresh()
        # last: the speaker detector is told the levels the native core kept right before
        # its tick, and nothing above depends on it
        for p in self.participants.values():
            for producer in p.producers.values():
                producer.flush_levels()
        speaker = self.speakers.tick(now)
        if speaker is not None and self.listener is not None:
            notify(self.listener, "active_speaker", self.room_id, speaker)

    def _allocate(self, p: Participant, now: float) -> None:
        """Bandwidth allocation and probing of ``p``'s subscribe transport, once its
        estimate has feedback behind it (:mod:`sfu.allocator`, :mod:`sfu.bwe.sender`)."""
        t = p.subscribe
        allocator = self.allocators.get(p.id)
        if t is None or allocator is None or not t.connected:
            return
        sender = allocator.sender
        if not sender.feedback_received:
            return
        consumers = [s.consumer for s in p.slots if s.consumer is not None]
        allocator.poll(consumers, self.stream_ids, self.speakers.dominant,
                       self.speakers.pins.get(p.id, ()), now)
        self._tell_bandwidth_held(p.id, tuple(sorted({
            c.producer.participant_id for c in consumers
            if "bandwidth" in c.pause_reasons and c.active and c.producer.kind == "video"
            and "." not in self.stream_ids.get(c.producer.participant_id, {}).get(
                c.producer.mid, "")})))
        padding = sender.padding()
        if padding <= 0:
            return
        # any video consumer's RTX stream carries the padding, a paused one too (its SSRCs
        # stay negotiated), simulcast or not: probing must go on when nothing else fits,
        # or a video paused for bandwidth (a shared screen, a publisher without simulcast)
        # never comes back, its estimate held by what little still flows
        carrier = next((c for c in consumers if c.producer.kind == "video" and c.active
                        and c.mapper.started and c.rtx_payload_type is not None), None)
        while padding > 0 and carrier is not None and carrier.send_padding(PADDING_SIZE):
            padding -= PADDING_SIZE

    def send_reports(self) -> None:
        """RR + REMB to each publisher, SRs to each subscriber (:mod:`sfu.reports`)."""
        send_reports(self.participants.values(), self.config, self.clock())

    # -- internals -------------------------------------------------------------------
    def _slot_description(self, slot: SubscribeSlot) -> Slot:
        c = slot.consumer
        if c is None or c.producer.closed:  # free: the last track again (SubscribeSlot)
            return Slot(slot.mid, slot.kind, slot.offered)
        producer = c.producer
        owner = self.participants.get(producer.participant_id)
        track = OfferedTrack(
            mime_type=producer.codec.mime_type,
            parameters=producer.codec.parameters,
            ssrc=c.ssrc,
            rtx_ssrc=c.rtx_ssrc,
            stream_id=self.stream_ids.get(producer.participant_id, {}).get(
                producer.mid, producer.participant_id),
            track_id=producer.id,
            cname=owner.cname if owner else producer.participant_id,
        )
        slot.offered = track
        return Slot(slot.mid, slot.kind, track)

    def _new_producer(self, participant_id: str, t: WebRtcTransport, media: PublishMedia,
                      rid: str | None) -> Producer:
        assert media.codec is not None and media.mid is not None
        return Producer(
            participant_id=participant_id,
            transport=t,
            kind=media.kind,
            mid=media.mid,
            codec=media.codec,
            extensions=media.extensions,
            ssrc=None,
            rtx_ssrc=None,
            clock=self.clock,
            buffer_size=self.config.retransmission_buffer_size,
            buffer_max_age=self.config.retransmission_max_age,
            pli_min_interval=(self.config.pli_min_interval if rid is None
                              else max(self.config.pli_min_interval, LAYER_PLI_INTERVAL)),
            on_keyframe_request=self._send_pli,
            on_nack=self._send_nack,
            rid=rid,
            on_audio_level=self.speakers.level,
        )

    def _bind_ssrcs(
        self, t: WebRtcTransport, producer: Producer, ssrc: int | None, rtx_ssrc: int | None
    ) -> None:
        for old in (producer.ssrc, producer.rtx_ssrc):
            if old is not None and t.producers_by_ssrc.get(old) is producer:
                del t.producers_by_ssrc[old]
        producer.ssrc = ssrc
        producer.rtx_ssrc = rtx_ssrc if producer.codec.rtx_payload_type is not None else None
        if ssrc is not None:
            t.producers_by_ssrc[ssrc] = producer
        if producer.rtx_ssrc is not None:
            t.producers_by_ssrc[producer.rtx_ssrc] = producer

    def _bind_by_mid(self, t: WebRtcTransport, plain: bytes, hdr: tuple) -> Producer | None:
        """Unsignalled SSRC: learn it from the mid header extension (RFC 8843 9.2), or
        from the rid ones for a simulcast layer (:mod:`sfu.simulcast.binding`)."""
        p = self.participants.get(t.participant_id)
        if p is None or not hdr[EXT_PROFILE] or len(t.producers_by_ssrc) > 64:
            return None
        found = match_layer(plain, hdr, p.producers.values())
        if found is not None:
            layer, rtx = found
            if rtx:
                self._bind_ssrcs(t, layer, layer.ssrc, hdr[SSRC])
            else:
                self._bind_ssrcs(t, layer, hdr[SSRC], layer.rtx_ssrc)
            return layer
        for producer in p.producers.values():
            if producer.ssrc is not None or not producer.mid_id or producer.rid is not None:
                continue
            try:
                value = find_extension(plain, hdr[EXT_START], hdr[EXT_END], hdr[EXT_PROFILE],
                                       producer.mid_id)
            except ParseError:
                return None
            if value is not None and bytes(value) == producer.mid.encode():
                if hdr[PT] != producer.codec.payload_type:
                    return None
                self._bind_ssrcs(t, producer, hdr[SSRC], producer.rtx_ssrc)
                return producer
        return None

    def _send_pli(self, producer: Producer) -> None:
        t = producer.transport
        if producer.ssrc is None or not t.connected:
            return
        t.send_rtcp(bytes(PictureLossIndication(t.rtcp_ssrc, producer.ssrc)))
        self.stats.plis_sent += 1

    def _send_nack(self, producer: Producer, lost: list[int]) -> None:
        t = producer.transport
        if producer.ssrc is None or not t.connected:
            return
        t.send_rtcp(bytes(GenericNack(t.rtcp_ssrc, producer.ssrc, lost)))
        self.stats.nacks_sent += 1

    def _close_producer(self, p: Participant, producer: Producer) -> None:
        producer.close()
        if p.publish is not None:
            for layer in producer.layers:
                for ssrc in (layer.ssrc, layer.rtx_ssrc):
                    if ssrc is not None and p.publish.producers_by_ssrc.get(ssrc) is layer:
                        del p.publish.producers_by_ssrc[ssrc]

    def _close_publish(self, p: Participant, t: WebRtcTransport, reason: str | None) -> None:
        for producer in p.producers.values():
            producer.close()
        p.producers.clear()
        t.producers_by_ssrc.clear()
        if p.publish is t:
            p.publish = None
        if reason is not None or t.state != "closed":
            t.close(reason or "left")

    def _close_subscribe(self, p: Participant, t: WebRtcTransport) -> None:
        self.allocators.pop(p.id, None)
        self._tell_bandwidth_held(p.id, ())  # its next transport starts without holds
        for consumer in list(t.consumers_by_ssrc.values()):
            consumer.close()
        t.consumers_by_ssrc.clear()
        p.slots = []
        p.offered_mids = ()

    def _drop_consumer(self, t: WebRtcTransport, consumer: Consumer) -> None:
        consumer.close()
        t.consumers_by_ssrc.pop(consumer.ssrc, None)

    def _tell_held(self, subscriber: str, publishers: tuple[str, ...]) -> None:
        """Last-N now holds back the cameras of ``publishers`` from ``subscriber``."""
        notify(self.listener, "video_paused", self.room_id, subscriber, publishers, "last_n")

    def _tell_bandwidth_held(self, subscriber: str, publishers: tuple[str, ...]) -> None:
        """``subscriber``'s downlink now holds back the cameras of ``publishers``: told when
        that set changed, so that its client shows those tiles as paused for its connection
        rather than as cameras turned off."""
        if self._bandwidth_held.get(subscriber, ()) == publishers:
            return
        if publishers:
            self._bandwidth_held[subscriber] = publishers
        else:
            del self._bandwidth_held[subscriber]
        notify(self.listener, "video_paused", self.room_id, subscriber, publishers,
               "bandwidth")

    def _renegotiate_others(self, participant_id: str) -> None:
        if self.listener is None:
            return
        for other in list(self.participants):
            if other != participant_id:
                try:
                    self.listener.renegotiation_needed(self.room_id, other)
                except Exception:  # a listener bug must not break the room
                    logger.exception("renegotiation_needed listener failed")
