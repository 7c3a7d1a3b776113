"""The codec-specific part of a simulcast consumer (:mod:`sfu.simulcast.consumer`).

A :class:`SimulcastConsumer` switches layers, keeps sequence numbers and timestamps
continuous, answers NACKs and takes key frame requests the same way for every codec; what
depends on the payload format is here, one class per codec behind the
:class:`PayloadRewriter` protocol:

- where a spatial switch may happen (the first packet of a key frame) and the size of the
  layer's picture, read from that key frame (:mod:`sfu.viewport` sizes layers by it);
- which packets of the current layer are forwarded (temporal layers) and what is renumbered
  in their payload.

VP8 (RFC 7741) renumbers PictureID and TL0PICIDX and drops temporal layers above the
target. H.264 (RFC 6184, packetization-mode 1) carries no picture numbers to renumber and
no temporal layer the SFU can read (Chromium marks none without the frame-marking
extension): every frame counts as temporal layer 0, so every temporal target forwards every
frame, and the layer allocation picks spatial layers only.
"""

from typing import Protocol

from sfu.rtp.header import PAYLOAD_END, PAYLOAD_START
from sfu.rtp.keyframe import h264_carries_sps, h264_keyframe_size, vp8_keyframe_size
from sfu.rtp.vp8_descriptor import (
    FRAME_START,
    LAYER_SYNC,
    PICTURE_ID,
    PICTURE_ID_BITS,
    PICTURE_ID_POS,
    TID,
    TL0_POS,
    TL0PICIDX,
    read_vp8_descriptor,
    write_picture_id,
)
from sfu.simulcast.picture_ids import PID_MOD, TL0_MOD, PictureIdMapper
from sfu.simulcast.temporal import MAX_TID, TemporalLayerFilter


class PayloadRewriter(Protocol):
    """What a simulcast consumer needs to know of its codec's payload format."""

    max_temporal: int
    "Highest temporal layer (TID) the payload marks; a target is clamped to it."
    drop_reason: str
    "Drop counter (``TransportStats.drop``) of a payload :meth:`select` cannot read."

    def set_temporal_target(self, target: int) -> None:
        """Forward temporal layers up to ``target`` (0 to :attr:`max_temporal`)."""

    def starts_keyframe(self, payload: bytes) -> bool:
        """True if ``payload`` (flagged a key frame by :data:`sfu.rtp.keyframe.DETECTORS`)
        is the first packet of its key frame in decoding order: a switch happens there."""

    def keyframe_size(self, payload: bytes) -> tuple[int, int] | None:
        """``(width, height)`` in pixels of the key frame ``payload`` starts, or None."""

    def switch(self) -> None:
        """The next packet selected comes from another layer (a key frame)."""

    def select(self, plain: bytes, hdr: tuple) -> tuple | None:
        """The rewrite state of a packet of the current layer (``hdr``:
        :func:`sfu.rtp.header.read_header`), or None when it is not forwarded.

        :raises sfu.errors.ParseError: its payload cannot be read.
        """

    def write(self, buf: bytearray, state: tuple) -> None:
        """Apply ``state`` (from :meth:`select` or :meth:`state_for`) to the packet's copy
        ``buf``: the forwarded one, or a retransmission of it (same header length)."""

    def offsets(self) -> tuple:
        """The renumbering a packet :meth:`select` just took was written with, for
        :meth:`state_for` to write it again (a retransmission)."""

    def state_for(self, plain: bytes, hdr: tuple, offsets: tuple) -> tuple:
        """The ``state`` :meth:`select` gave ``plain`` when it was forwarded with
        ``offsets`` (:meth:`offsets`).

        :raises sfu.errors.ParseError: its payload cannot be read.
        """

    def offsets_fixed(self) -> bool:
        """Every packet of the current layer is forwarded, with the same :meth:`offsets`,
        until a switch or a new temporal target: the native core can take the layer over
        (:class:`sfu._forwardcore.Route` with ``vp8`` renumbers VP8 pictures)."""

    def open_temporal(self, carried: int) -> None:
        """The current layer's highest temporal layer is ``carried`` (its meter's
        :attr:`~sfu.simulcast.layers.LayerMeter.max_tid`, -1: none or unknown): with no
        temporal cap and every layer it carries forwarded already, forward any from now on
        (:meth:`offsets_fixed`, so the native core can take the layer back)."""


class Vp8Rewriter:
    """VP8 (RFC 7741 section 4.2): continuous PictureID and TL0PICIDX
    (:mod:`sfu.simulcast.picture_ids`), temporal layers above the target dropped
    (:mod:`sfu.simulcast.temporal`). A key frame's first packet is the one the detector
    flags (S bit, partition 0); its size is in the VP8 key frame header."""

    __slots__ = ("temporal", "pictures")

    max_temporal = MAX_TID
    drop_reason = "vp8_descriptor"

    def __init__(self) -> None:
        self.temporal = TemporalLayerFilter()
        self.pictures = PictureIdMapper()

    def set_temporal_target(self, target: int) -> None:
        self.temporal.target = target

    def starts_keyframe(self, payload: bytes) -> bool:
        return True

    def keyframe_size(self, payload: bytes) -> tuple[int, int] | None:
        return vp8_keyframe_size(payload)

    def switch(self) -> None:
        self.pictures.switch()
        self.temporal.reset()

    def select(self, plain: bytes, hdr: tuple) -> tuple | None:
        """``(PictureID offset, its bits, TL0PICIDX offset, PictureID, TL0PICIDX)`` to
        write (offsets -1 when absent)."""
        vp8 = read_vp8_descriptor(plain, hdr[PAYLOAD_START], hdr[PAYLOAD_END])
        if not self.temporal.accept(vp8[TID], vp8[LAYER_SYNC], vp8[FRAME_START]):
            if vp8[PICTURE_ID_POS] >= 0:
                self.pictures.drop(vp8[PICTURE_ID])
            return None
        pid, tl0 = self.pictures.map(vp8[PICTURE_ID], vp8[TL0PICIDX])
        return vp8[PICTURE_ID_POS], vp8[PICTURE_ID_BITS], vp8[TL0_POS], pid, tl0

    def write(self, buf: bytearray, state: tuple) -> None:
        pid_pos, pid_bits, tl0_pos, pid, tl0 = state
        if pid_pos >= 0:
            write_picture_id(buf, pid_pos, pid_bits, pid)
        if tl0_pos >= 0:
            buf[tl0_pos] = tl0

    def offsets(self) -> tuple:
        """``(PictureID offset, TL0PICIDX offset)``."""
        return self.pictures.pid_offset, self.pictures.tl0_offset

    def state_for(self, plain: bytes, hdr: tuple, offsets: tuple) -> tuple:
        vp8 = read_vp8_descriptor(plain, hdr[PAYLOAD_START], hdr[PAYLOAD_END])
        return (vp8[PICTURE_ID_POS], vp8[PICTURE_ID_BITS], vp8[TL0_POS],
                (vp8[PICTURE_ID] + offsets[0]) % PID_MOD, (vp8[TL0PICIDX] + offsets[1]) % TL0_MOD)

    def offsets_fixed(self) -> bool:
        """Every temporal layer forwarded (nothing dropped: the PictureID offset stays) and
        no switch pending."""
        temporal = self.temporal
        return temporal.current == temporal.target == MAX_TID and not self.pictures.switching

    def open_temporal(self, carried: int) -> None:
        # A filter raised again (a temporal cap lifted) climbs at layer-sync frames up to
        # the highest TID the stream carries, libwebrtc's 2 of three layers, never to
        # MAX_TID: without this the consumer stayed on the Python path until its next switch.
        temporal = self.temporal
        if temporal.target == MAX_TID and 0 <= carried <= temporal.current < MAX_TID:
            temporal.current = MAX_TID


class H264Rewriter:
    """H.264 (RFC 6184, packetization-mode 1): packets are forwarded as they are. A
    switch waits for the packet carrying the SPS (libwebrtc sends SPS and PPS ahead of every
    IDR picture; a decoder switched at the IDR slice alone would decode it with the previous
    layer's SPS), whose picture size (:func:`recording.h264.parse_sps`) sizes the layer.
    One temporal layer: see the module docstring."""

    __slots__ = ()

    max_temporal = 0
    drop_reason = "h264_payload"
    _FORWARD = ()

    def set_temporal_target(self, target: int) -> None:
        pass  # only 0 exists: clamped by the consumer, nothing to filter

    def starts_keyframe(self, payload: bytes) -> bool:
        return h264_carries_sps(payload)

    def keyframe_size(self, payload: bytes) -> tuple[int, int] | None:
        return h264_keyframe_size(payload)

    def switch(self) -> None:
        pass

    def select(self, plain: bytes, hdr: tuple) -> tuple | None:
        return self._FORWARD

    def write(self, buf: bytearray, state: tuple) -> None:
        pass

    def offsets(self) -> tuple:
        return self._FORWARD

    def state_for(self, plain: bytes, hdr: tuple, offsets: tuple) -> tuple:
        return self._FORWARD

    def offsets_fixed(self) -> bool:
        return True

    def open_temporal(self, carried: int) -> None:
        pass  # one temporal layer: nothing is filtered


REWRITERS: dict[str, type[Vp8Rewriter] | type[H264Rewriter]] = {
    "video/vp8": Vp8Rewriter,
    "video/h264": H264Rewriter,
}
"""Codec (lower-case MIME type) -> its :class:`PayloadRewriter`: the codecs whose
simulcast layers a consumer can switch between (:data:`sfu.sdp.publish.SIMULCAST_CODECS`)."""
