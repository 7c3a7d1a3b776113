"""Temporal layer selection for one subscriber (RFC 7741 section 4.2: TID and Y bits).

Packets above the target temporal layer are dropped. Going down takes effect at the next
frame; going up waits for a layer-sync frame (Y bit) of a higher layer, which references
only the base layer, so the receiver can decode it without the frames it never got.
"""

MAX_TID = 3
"Highest TID a VP8 descriptor can carry (2 bits)."


class TemporalLayerFilter:
    """Decide per packet whether its temporal layer is forwarded.

    :param target: highest TID to forward.
    """

    __slots__ = ("target", "current")

    def __init__(self, target: int = MAX_TID) -> None:
        self.target = target
        self.current = target
        "Highest TID forwarded now; moves towards ``target`` at frame starts."

    def reset(self) -> None:
        """A key frame starts the stream again: every layer up to the target decodes."""
        self.current = self.target

    def accept(self, tid: int, layer_sync: bool, frame_start: bool) -> bool:
        """True when the packet (temporal layer ``tid``) is forwarded."""
        if frame_start and self.current != self.target:
            if self.target < self.current:
                self.current = self.target
            elif layer_sync and self.current < tid <= self.target:
                self.current = tid
        return tid <= self.current
