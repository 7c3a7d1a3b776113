"""A Consumer: one producer's stream as sent to one subscriber.

The per-packet method :meth:`Consumer.send` is the core of the forwarder: copy the
packet into the subscriber transport's SRTP work buffer (:class:`sfu.transport.RtpEgress`;
a bytearray when the transport has none), rewrite payload type, sequence number,
timestamp and SSRC, remap header extension ids to what the subscriber negotiated (skipped
when they are the publisher's), stamp abs-send-time, then protect in place and send.
Everything that is the same for every subscriber (header fields, extension block
validation, the abs-send-time value, the clock) is worked out once per ingress packet by
:meth:`sfu.producer.Producer.on_rtp`. NACKs are answered from the producer's
retransmission cache.
"""

import secrets
import struct
import time
from collections import deque
from collections.abc import Callable
from typing import Literal

from operability.ratelimit import TokenBucket
from sfu.errors import ParseError
from sfu.producer import Producer
from sfu.rtcp.sr import SenderReport
from sfu.rtp.extensions import (
    ONE_BYTE_PROFILE,
    abs_send_time_bytes,
    changed_ids_mask,
    remap_extensions,
    scan_extensions,
)
from sfu.rtp.header import (
    EXT_END,
    EXT_PROFILE,
    EXT_START,
    PAYLOAD_START,
    SEQ,
    TS,
    read_header,
    seq_newer,
)
from sfu.rtp.rtx import wrap_rtx
from sfu.rtp.seq_ts_mapper import SeqTsMapper
from sfu.rtp.transport_cc import RTP_HEADER_SIZE, element_offset, padding_packet, write_element
from sfu.transport import WebRtcTransport

_SEQ_TS_SSRC = struct.Struct("!HII")
_PADDING_HEADER = struct.Struct("!BBHII")
_PADDING = b"\x00\x00\x00\x04"
"Four bytes of RTP padding, the last one their count."
MAX_GAPS = 64
"Output numbers left empty by skips during repairs that a consumer remembers."
NACK_RATE = 200.0
"""Packets per second a consumer resends for its subscriber's NACKs (and the burst): a
quarter of a 30 frames/s, 800-packets/s stream lost. A NACK costs a few bytes and asks for
up to 17 packets of 1.2 KB, so an unbounded answer amplifies a hostile subscriber about
1000-fold; past it NACKed packets are ``nack_rate_limited`` drops."""

PauseReason = Literal["last_n", "hidden", "bandwidth"]
"""Why a video consumer is held back: the room's last-N (:mod:`sfu.last_n`), the subscriber
does not show the tile (adaptive stream), or the subscriber's bandwidth estimate leaves no
room for it (the allocator). Audio consumers are never paused."""
_NTP_EPOCH_OFFSET = 2208988800


def ntp_now() -> int:
    """Current wall-clock time as a 64-bit NTP timestamp (RFC 5905 section 6)."""
    now = time.time() + _NTP_EPOCH_OFFSET
    return (int(now) << 32) | int((now % 1) * (1 << 32))


class Consumer:
    """Forward ``producer`` to the subscriber owning ``transport``.

    :param payload_type: subscriber-side payload type of the codec.
    :param rtx_payload_type: subscriber-side RTX payload type, or None when not used.
    :param id_map: 256-byte extension id table (:func:`sfu.rtp.extensions.build_id_map`).
    :param abs_send_time_id: subscriber's abs-send-time id (value rewritten), or 0.
    :param transport_cc_id: subscriber's transport-wide sequence number id (one-byte form,
        1-14), or 0. With it, and transport-cc negotiated on the subscriber's transport
        (its ``send_cc``), every forwarded packet that carried the publisher's element is
        numbered on the subscriber's transport in that element's place
        (:mod:`sfu.rtp.transport_cc`); otherwise the element is blanked
        (:func:`sfu.rtp.extensions.build_id_map`).
    """

    __slots__ = (
        "producer",
        "transport",
        "mid",
        "ssrc",
        "rtx_ssrc",
        "payload_type",
        "rtx_payload_type",
        "id_map",
        "abs_send_time_id",
        "transport_cc_id",
        "remap_mask",
        "stamps_abs_send_time",
        "mapper",
        "_rtx_seq",
        "_gaps",
        "nack_budget",
        "_first_seq",
        "active",
        "pause_reasons",
        "waiting_keyframe",
        "packets",
        "octets",
        "_clock",
        "basic_rewrite",
        "route",
    )

    def __init__(
        self,
        producer: Producer,
        transport: WebRtcTransport,
        mid: str,
        clock: Callable[[], float],
        previous: "Consumer | None" = None,
    ) -> None:
        """``previous``: a closed consumer of the same m-line and kind whose outgoing
        stream this one continues (same SSRCs, sequence numbers and timestamps carry
        on across the source switch, RTCP sender counts keep adding up)."""
        self.basic_rewrite = True
        """The rewrite is only payload type, SSRC, sequence/timestamp offsets, extension
        ids and abs-send-time, which the native core can take over (sfu/native_forward.py).
        A consumer that rewrites more (simulcast layers, VP8 descriptors) sets False and
        stays on :meth:`send`."""
        self.route = None
        "The native core's ``Route`` while it forwards this consumer's packets, else None."
        self.producer = producer
        self.transport = transport
        self.mid = mid
        self.payload_type = 0
        self.rtx_payload_type: int | None = None
        self.id_map = bytes(256)
        self.abs_send_time_id = 0
        self.transport_cc_id = 0
        self.remap_mask = changed_ids_mask(self.id_map)
        "Extension ids (bit masks) that ``id_map`` changes: others need no remapping."
        self.stamps_abs_send_time = False
        "The publisher's abs-send-time element reaches the subscriber and is restamped."
        self.active = False
        self.pause_reasons: set[PauseReason] = set()
        """Why the stream is held back (:meth:`pause`): while any reason holds, the consumer
        is detached from the producer and its native fan-out, the outgoing stream kept for
        :meth:`resume`."""
        self.waiting_keyframe = False
        self._clock = clock
        self._gaps: deque[int] = deque(maxlen=MAX_GAPS)
        "Output numbers left empty by :meth:`skip` (:meth:`_fill_gap` answers their NACKs)."
        self.nack_budget = TokenBucket(NACK_RATE, NACK_RATE, clock)
        "Packets it may still resend for NACKs (:meth:`TokenBucket.take`), :data:`NACK_RATE`/s."
        clock_rate = producer.codec.clock_rate
        if (
            previous is not None
            and previous.producer.kind == producer.kind
            and previous.mapper.clock_rate == clock_rate
        ):
            self.ssrc = previous.ssrc
            self.rtx_ssrc = previous.rtx_ssrc
            self.mapper = previous.mapper
            self.mapper.switch_source()
            self._first_seq = (self.mapper.last_seq + 1) & 0xFFFF
            self._rtx_seq = previous._rtx_seq
            self.packets = previous.packets
            self.octets = previous.octets
            return
        self.ssrc = secrets.randbits(32) or 1
        self.rtx_ssrc = (secrets.randbits(32) or 2) if producer.kind == "video" else None
        self.mapper = SeqTsMapper(clock_rate, clock, secrets.randbits(16), secrets.randbits(32))
        self._first_seq: int | None = None
        self._rtx_seq = secrets.randbits(16)
        self.packets = 0
        self.octets = 0

    def activate(
        self,
        payload_type: int,
        rtx_payload_type: int | None,
        id_map: bytes,
        abs_send_time_id: int,
        transport_cc_id: int = 0,
    ) -> None:
        """Start forwarding with the parameters the subscriber answered with."""
        self._unroute()  # the native route has the old parameters
        self.transport_cc_id = transport_cc_id if 0 < transport_cc_id < 15 else 0
        self.payload_type = payload_type
        self.rtx_payload_type = rtx_payload_type
        self.id_map = id_map
        self.abs_send_time_id = abs_send_time_id
        self.remap_mask = changed_ids_mask(id_map)
        source = self.producer.abs_send_time_id
        # After remapping, the publisher's element carries the subscriber's id; the
        # one-byte form (the only one stamped) holds ids 1-14.
        self.stamps_abs_send_time = bool(
            0 < abs_send_time_id <= 14 and 0 < source < len(id_map)
            and id_map[source] == abs_send_time_id
        )
        if not self.active:
            self.active = True
            if not self.paused:
                self._attach()

    def _attach(self) -> None:
        self.producer.consumers.append(self)
        if self.producer.kind == "video":
            self.waiting_keyframe = True
            self.producer.waiting_for_keyframe += 1

    def request_keyframe(self) -> None:
        """The subscriber needs a keyframe (PLI/FIR, a new subscription): ask upstream."""
        if not self.paused:
            self.producer.request_keyframe()

    @property
    def paused(self) -> bool:
        """True while any :data:`PauseReason` holds the stream back."""
        return bool(self.pause_reasons)

    def pause(self, reason: PauseReason) -> None:
        """Stop sending this stream without closing it, for ``reason`` (last-N,
        :mod:`sfu.last_n`; a hidden tile; too little bandwidth): the consumer leaves the
        producer's list and the native fan-out, so neither path sends it, and its m-line,
        SSRCs and numbering stay for :meth:`resume`. Reasons add up: the stream comes back
        when each was lifted. No-op for a reason already held."""
        was_paused = self.paused
        self.pause_reasons.add(reason)
        if was_paused:
            return
        self._unroute()
        if self.active:
            self._detach()

    def resume(self, reason: PauseReason) -> None:
        """Lift ``reason`` (:meth:`pause`); once no reason holds, send again: the stream
        continues with the next sequence number and a timestamp advanced by the time paused
        (:meth:`SeqTsMapper.switch_source <sfu.rtp.seq_ts_mapper.SeqTsMapper.switch_source>`),
        from the next keyframe, which is requested. NACKs for packets sent before the pause
        are not answered (their mapping is gone). No-op for a reason not held."""
        if reason not in self.pause_reasons:
            return
        self.pause_reasons.discard(reason)
        if self.pause_reasons:
            return
        if not self.active:
            return
        mapper = self.mapper
        if mapper.started:
            mapper.switch_source()
            self._first_seq = (mapper.last_seq + 1) & 0xFFFF
        self._attach()
        if self.transport.connected:
            self.request_keyframe()

    def send(self, plain: bytes, hdr: tuple, keyframe: bool, now: float | None = None,
             ext_mask: int = 0, abs_pos: int = -1, abs_value: bytes = b"") -> None:
        """Hot path: rewrite one packet for this subscriber and send it.

        ``hdr`` is :func:`sfu.rtp.header.read_header` output. The producer passes what it
        worked out once for every consumer: ``now`` (arrival time on the clock),
        ``ext_mask`` (:func:`sfu.rtp.extensions.scan_extensions` id mask, -1 for a
        malformed extension block: counted ``rtp_extension`` drop), ``abs_pos`` (offset
        of the one-byte abs-send-time value, -1 if none) and ``abs_value`` (its new
        3 bytes). Called with defaults, it scans the block itself.
        """
        if self.waiting_keyframe:
            if not keyframe:
                return
            self.waiting_keyframe = False
            self.producer.waiting_for_keyframe -= 1
        if now is None:
            now = self._clock()
            ext_mask, abs_pos, abs_value = self._scan(plain, hdr, now)
        seq, ts = self.mapper.map(hdr[SEQ], hdr[TS], now)
        if ext_mask < 0:
            self.transport.stats.drop("rtp_extension")
            return
        size = len(plain)
        self.packets += 1
        self.octets += size - hdr[PAYLOAD_START]
        egress = self.transport.egress
        if egress is None or size > egress.limit:
            buf = bytearray(plain)
            self._rewrite(buf, plain, hdr, seq, ts, ext_mask, abs_pos, abs_value)
            if egress is None:  # an oversized packet is a drop: not numbered
                self._number(buf, plain, hdr, size, now)
            self.transport.send_rtp(buf)
            return
        view = egress.view  # libsrtp's work buffer: rewritten and protected in place
        view[:size] = plain
        view[1] = (plain[1] & 0x80) | self.payload_type
        _SEQ_TS_SSRC.pack_into(view, 2, seq, ts, self.ssrc)
        if ext_mask & self.remap_mask:
            remap_extensions(view, hdr[EXT_START], hdr[EXT_END], hdr[EXT_PROFILE], self.id_map)
        if abs_pos >= 0 and self.stamps_abs_send_time:
            view[abs_pos : abs_pos + 3] = abs_value
        if self.transport_cc_id and hdr[EXT_PROFILE]:
            self._number(view, plain, hdr, size, now)
        egress.send(size)

    def send_padding(self, padding: int) -> bool:
        """Send one padding-only packet of ``padding`` bytes (1-255) on this consumer's
        RTX stream (RFC 4588 receivers count it for feedback and drop it), numbered on the
        transport: a bandwidth probe (:mod:`sfu.bwe.sender`), which any video consumer
        carries, simulcast or not, paused or not. False when it cannot (audio, no RTX or
        transport-cc negotiated, nothing forwarded yet)."""
        if self.route is not None:
            fanout = self.producer.fanout
            if fanout is not None:
                fanout.sync(self)
        sender = self.transport.send_cc
        if (sender is None or not self.transport_cc_id or self.rtx_payload_type is None
                or self.rtx_ssrc is None or not self.mapper.started):
            return False
        self._rtx_seq = (self._rtx_seq + 1) & 0xFFFF
        seq = sender.stamp(RTP_HEADER_SIZE + 8 + padding, padding=True)
        self.transport.send_rtp(bytearray(padding_packet(
            self.rtx_payload_type, self._rtx_seq, self.mapper.last_ts, self.rtx_ssrc,
            self.transport_cc_id, seq, padding)))
        return True

    def on_padding(self, hdr: tuple, now: float) -> None:
        """A padding-only packet of the producer (:meth:`sfu.producer.Producer.on_padding`):
        not forwarded, and no gap for it (:meth:`skip`)."""
        self.skip(hdr[SEQ])

    def skip(self, seq: int) -> None:
        """Packet ``seq`` of the stream forwarded is not sent (padding only, RFC 3550
        section 5.1, or left out on purpose): the packets after it are numbered without a
        gap, so the subscriber sees no loss to NACK. A packet older than the newest one
        sent changes nothing, and neither does one while earlier packets are still being
        repaired upstream (NACKed, :attr:`sfu.producer.Producer.repairing`): a repair that
        comes late keeps its own number instead of taking one already sent, and the
        skipped number stays a gap. Natively routed, the core's state is updated too."""
        fanout = self.producer.fanout if self.route is not None else None
        if fanout is not None:
            fanout.sync(self)
        mapper = self.mapper
        if not mapper.started or not seq_newer(seq, mapper.input_seq(mapper.last_seq)):
            return
        if self._source().repairing:
            self._gaps.append((seq + mapper.seq_offset) & 0xFFFF)
            return
        mapper.skip_one()
        if fanout is not None:
            fanout.restate(self)

    def _number(self, buf, plain: bytes, hdr: tuple, size: int, now: float | None = None
                ) -> None:
        """Write the transport's next transport-wide sequence number for a packet of
        ``size`` RTP bytes sent at ``now`` (clock seconds, None: the sender's clock) into
        ``buf`` (``plain`` as the publisher sent it, whose own number the id map blanked:
        its element is reused, :mod:`sfu.rtp.transport_cc`). A packet without that element,
        or on a transport that did not negotiate transport-cc, goes unnumbered."""
        sender = self.transport.send_cc
        if sender is None or not self.transport_cc_id:
            return
        pos = element_offset(plain, hdr[EXT_START], hdr[EXT_END], hdr[EXT_PROFILE],
                             self.producer.transport.twcc_id)
        if pos >= 0:
            write_element(buf, pos, hdr[EXT_PROFILE], self.transport_cc_id,
                          sender.stamp(size, now=now))

    def _rewrite(self, buf, plain: bytes, hdr: tuple, seq: int, ts: int, ext_mask: int,
                 abs_pos: int, abs_value: bytes) -> None:
        buf[1] = (plain[1] & 0x80) | self.payload_type
        _SEQ_TS_SSRC.pack_into(buf, 2, seq, ts, self.ssrc)
        if ext_mask & self.remap_mask:
            remap_extensions(buf, hdr[EXT_START], hdr[EXT_END], hdr[EXT_PROFILE], self.id_map)
        if abs_pos >= 0 and self.stamps_abs_send_time:
            buf[abs_pos : abs_pos + 3] = abs_value

    def _scan(self, plain: bytes, hdr: tuple, now: float) -> tuple[int, int, bytes]:
        profile = hdr[EXT_PROFILE]
        if not profile:
            return 0, -1, b""
        try:
            mask, pos = scan_extensions(plain, hdr[EXT_START], hdr[EXT_END], profile,
                                        self.producer.abs_send_time_id)
        except ParseError:
            return -1, -1, b""
        if pos < 0 or profile != ONE_BYTE_PROFILE:
            return mask, -1, b""
        return mask, pos, abs_send_time_bytes(now)

    def retransmit(self, out_seqs: list[int]) -> int:
        """Answer a NACK: resend cached packets (as RTX when negotiated), each numbered on
        the transport when it negotiated transport-cc. Returns count.

        When a requested packet is no longer (or never was) cached, the producer is asked
        for a keyframe instead so the subscriber's decoder recovers; one over the
        transport's estimate is dropped, counted as ``retransmission_rate``
        (:meth:`_send_repair`).
        """
        buffer = self.producer.buffer
        if buffer is None or not self.active:
            return 0
        sent = 0
        misses = 0
        first = self._first_seq
        for out_seq in out_seqs:
            if first is not None and (out_seq - first) & 0xFFFF >= 0x8000:
                continue  # sent by the previous consumer of this m-line: not ours to map
            plain = buffer.get(self.mapper.input_seq(out_seq))
            if plain is None:
                if self._fill_gap(out_seq):
                    sent += 1
                else:
                    misses += 1
                continue
            rewritten = self._resend_buffer(plain, out_seq, self.mapper.ts_offset)
            if rewritten is not None and self._send_repair(rewritten[0], plain, rewritten[1]):
                sent += 1
        if misses:
            self.transport.stats.nack_cache_misses += misses
            self.request_keyframe()
        return sent

    def _fill_gap(self, out_seq: int) -> bool:
        """Answer a NACK for a number :meth:`skip` left empty with a padding-only packet
        under it (RFC 3550 section 5.1): the subscriber's sequence is whole again, and no
        key frame is asked for a packet that never carried media. False if ``out_seq`` is
        not such a gap."""
        if out_seq not in self._gaps or (self.mapper.last_seq - out_seq) & 0xFFFF >= 0x1000:
            return False  # not one, or so old that the number may have come round again
        self.transport.send_rtp(bytearray(_PADDING_HEADER.pack(
            0xA0, self.payload_type, out_seq, self.mapper.last_ts, self.ssrc) + _PADDING))
        return True

    def _resend_buffer(self, plain: bytes, out_seq: int, ts_offset: int
                       ) -> tuple[bytearray, tuple] | None:
        """A cached packet rewritten as it was sent (``out_seq``, timestamp offset), and
        its header; None when it cannot be parsed."""
        try:
            hdr = read_header(plain)
        except ParseError:
            return None
        buf = bytearray(plain)
        buf[1] = (buf[1] & 0x80) | self.payload_type
        _SEQ_TS_SSRC.pack_into(buf, 2, out_seq, (hdr[TS] + ts_offset) & 0xFFFFFFFF, self.ssrc)
        if hdr[EXT_PROFILE]:
            try:
                remap_extensions(buf, hdr[EXT_START], hdr[EXT_END], hdr[EXT_PROFILE],
                                 self.id_map)
            except ParseError:
                return None
        return buf, hdr

    def _send_repair(self, buf: bytearray, plain: bytes, hdr: tuple) -> bool:
        """Send ``buf``, the cached ``plain`` rewritten as this subscriber first got it, as a
        retransmission numbered on the transport like any packet sent (the estimate must see
        what repairs cost the link; libwebrtc numbers RTX the same way); False, a counted
        ``retransmission_rate`` drop, when it would take the packets numbered lately over
        the transport's estimate (:meth:`sfu.bwe.sender.TransportCcSender.may_retransmit`)."""
        size = len(buf) + (2 if self.rtx_ssrc is not None else 0)  # RTX adds the OSN
        sender = self.transport.send_cc
        if sender is not None and not sender.may_retransmit(size):
            self.transport.stats.drop("retransmission_rate")
            return False
        self._number(buf, plain, hdr, size)
        self._send_resent(buf, hdr)
        return True

    def _send_resent(self, buf: bytearray, hdr: tuple) -> None:
        """Send a retransmission, as RTX (RFC 4588) when the subscriber negotiated it."""
        if self.rtx_payload_type is not None and self.rtx_ssrc is not None:
            self._rtx_seq = (self._rtx_seq + 1) & 0xFFFF
            buf = wrap_rtx(bytes(buf), hdr[PAYLOAD_START], self.rtx_payload_type,
                           self._rtx_seq, self.rtx_ssrc)
        self.transport.send_rtp(buf)

    def sender_report(self) -> SenderReport | None:
        """SR for this stream with the publisher's clock translated (RFC 3550 6.4.1).

        None until something was forwarded.
        """
        if self.route is not None and self.producer.fanout is not None:
            self.producer.fanout.sync(self)
        if not self.mapper.started or self.packets == 0:
            return None
        last_sr = self._source_sr()
        now = self._clock()
        if last_sr is not None:
            ntp, rtp, received = last_sr
            elapsed = now - received
            rtp_now = (rtp + int(elapsed * self.mapper.clock_rate)) & 0xFFFFFFFF
            ntp_value = ntp + int(elapsed * (1 << 32))
            out_ts = self.mapper.output_ts(rtp_now)
        else:
            ntp_value = ntp_now()
            elapsed = now - self.mapper.last_time
            out_ts = (self.mapper.last_ts + int(elapsed * self.mapper.clock_rate)) & 0xFFFFFFFF
        return SenderReport(
            self.ssrc, ntp_value & 0xFFFFFFFFFFFFFFFF, out_ts, self.packets, self.octets
        )

    def _source_sr(self) -> tuple[int, int, float] | None:
        """The last sender report of the stream forwarded now."""
        return self.producer.last_sr

    def _source(self) -> Producer:
        """The stream forwarded now."""
        return self.producer

    def close(self) -> None:
        """Stop forwarding and detach from the producer."""
        self._unroute()
        if self.active:
            self.active = False
            self._detach()

    def _detach(self) -> None:
        if self in self.producer.consumers:
            self.producer.consumers.remove(self)
        if self.waiting_keyframe:
            self.producer.waiting_for_keyframe -= 1
            self.waiting_keyframe = False

    def _unroute(self) -> None:
        if self.route is not None and self.producer.fanout is not None:
            self.producer.fanout.unroute(self)
