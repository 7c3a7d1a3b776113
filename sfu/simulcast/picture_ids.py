"""Continuous VP8 PictureID and TL0PICIDX for one subscriber (RFC 7741 section 4.2).

Each simulcast encoding numbers its pictures on its own, so a consumer that switches
layers, or drops the pictures of a temporal layer above its target, renumbers them: a
receiver sees consecutive PictureIDs (15 bits) and TL0PICIDX values (8 bits) whatever it
was sent. Offsets change only on a switch (the next picture follows the last one sent) and
when a picture is dropped (later ones move down by one).
"""

PID_MOD = 1 << 15
TL0_MOD = 1 << 8


class PictureIdMapper:
    """Map input (PictureID, TL0PICIDX) of the current layer to continuous output values."""

    __slots__ = ("pid_offset", "tl0_offset", "last_pid", "last_tl0", "_switch", "_dropped")

    def __init__(self) -> None:
        self.pid_offset = 0
        self.tl0_offset = 0
        self.last_pid = -1
        "Newest PictureID sent (-1: none yet)."
        self.last_tl0 = -1
        "Newest TL0PICIDX sent (-1: none yet)."
        self._switch = False
        self._dropped = -1

    @property
    def switching(self) -> bool:
        """The next picture comes from another layer: the offsets change with it."""
        return self._switch

    def switch(self) -> None:
        """The next picture comes from another layer: it follows the last one sent."""
        self._switch = True
        self._dropped = -1

    def drop(self, picture_id: int) -> None:
        """A packet of picture ``picture_id`` of the current layer is not forwarded (its
        temporal layer is above the target): the pictures after it close the gap."""
        if picture_id != self._dropped:
            self._dropped = picture_id
            self.pid_offset = (self.pid_offset - 1) % PID_MOD

    def map(self, picture_id: int, tl0picidx: int) -> tuple[int, int]:
        """Output ``(picture_id, tl0picidx)`` of a forwarded packet (both taken modulo
        2^15 and 2^8; a 7-bit PictureID is written back modulo 2^7)."""
        if self._switch:
            self._switch = False
            if self.last_pid >= 0:
                self.pid_offset = (self.last_pid + 1 - picture_id) % PID_MOD
            if self.last_tl0 >= 0:
                self.tl0_offset = (self.last_tl0 + 1 - tl0picidx) % TL0_MOD
        out_pid = (picture_id + self.pid_offset) % PID_MOD
        out_tl0 = (tl0picidx + self.tl0_offset) % TL0_MOD
        if self.last_pid < 0 or (out_pid - self.last_pid) % PID_MOD < PID_MOD // 2:
            self.last_pid = out_pid
        if self.last_tl0 < 0 or (out_tl0 - self.last_tl0) % TL0_MOD < TL0_MOD // 2:
            self.last_tl0 = out_tl0
        return out_pid, out_tl0
