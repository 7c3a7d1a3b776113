"""The control interface signaling uses to reach the SFU for group rooms.

One interface whether the SFU runs in-process (``fjord serve``) or elsewhere; SDP passes
through in memory only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from signaling.recording_settings import BucketDestination


Tile = tuple[str, bool, int, int]
"""How a subscriber shows one received video stream: (msid stream id, visible, width,
height), sizes in device pixels (``video-viewport``, docs/signaling.md)."""
RECORDING_NOT_HERE = ("cloud recording needs the SFU in the signaling process (fjord serve "
                      "without redis_url): this deployment's SFU runs on separate nodes, "
                      "which bucket credentials are not sent to")
"""Why a deployment whose SFU runs on other nodes does not record (a 422 or error reason)."""


class MediaError(Exception):
    """The SFU refused a request (bad SDP, room full, unavailable); ``str()`` is safe to show."""

    code = "sfu_error"
    "The signaling error code it is reported with (docs/signaling.md, \"Error codes\")."


class NoOfferPending(MediaError):
    """A ``subscribe-answer`` while no ``subscribe-offer`` awaits an answer."""

    code = "no_offer_pending"


class MediaControl(Protocol):
    async def join(self, room_name: str, participant_id: str, last_n: int = 0) -> None:
        """Register a participant of a group room; ``last_n`` is the meeting's ``lastN``
        (camera videos each subscriber receives, 0: all)."""

    async def publish(self, room_name: str, participant_id: str, offer_sdp: str) -> str:
        """Apply the browser's publish offer; returns the SFU's answer SDP."""

    async def subscribe_offer(self, room_name: str, participant_id: str) -> str | None:
        """The SFU's current offer for the subscribe transport, or None if nothing to receive."""

    async def subscribe_answer(self, room_name: str, participant_id: str, answer_sdp: str) -> None:
        """Apply the browser's answer to the latest subscribe offer; after a refused answer
        a fresh offer follows. Raises NoOfferPending (no offer awaits an answer), MediaError
        (refused)."""

    async def leave(self, room_name: str, participant_id: str) -> None:
        """Remove a participant and its transports."""

    async def pin(self, room_name: str, participant_id: str, pinned: tuple[str, ...]) -> None:
        """``participant_id`` always receives the camera video of ``pinned`` (last-N)."""

    async def set_viewport(self, room_name: str, participant_id: str,
                           tiles: tuple[Tile, ...]) -> None:
        """``participant_id`` shows these received streams' tiles (each replaces that
        stream's previous description): hidden ones are paused, small ones get a lower
        simulcast layer (adaptive stream)."""


class MediaRecording(Protocol):
    """A running cloud recording of a group room (issue 14)."""

    async def stop(self) -> int:
        """Complete the file; its size in bytes. Raises UploadFailed (recording.errors) when
        the bucket failed; a partial file is kept when possible."""

    async def wait_failed(self) -> None:
        """Return once the recording stopped on its own (the bucket failed past the upload
        backlog's bound); :meth:`stop` then completes what the bucket holds and raises."""


class RecordingMediaControl(MediaControl, Protocol):
    """A MediaControl that can also record a room's media into a bucket."""

    @property
    def records_here(self) -> bool:
        """Whether :meth:`start_recording` can work: the SFU runs in this process. SFU nodes
        of their own (``fjord sfu``, or ``fjord serve --redis-url`` workers) are reached
        over Redis, which must not carry bucket credentials, and the cluster has no key to
        seal them with."""

    async def start_recording(self, room_name: str, destination: BucketDestination,
                              key: str, names: Callable[[str], str],
                              encrypt_to: str | None = None,
                              check_host: Callable[[str, int], str | None] | None = None,
                              ) -> MediaRecording:
        """Start recording ``room_name`` into object ``key`` of ``destination``; ``names``
        gives a participant's track name; ``encrypt_to`` an age X25519 recipient the file is
        encrypted to in memory; ``check_host(host, port)`` says why the endpoint's host may
        not be connected to now (None: it may), before every bucket request.
        :raises MediaError: cannot record here."""
