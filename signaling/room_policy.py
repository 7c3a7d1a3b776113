"""What an organization's privacy settings and a meeting's options make of a live room."""

from __future__ import annotations

from dataclasses import dataclass

from signaling.meeting_store import MeetingRecord


@dataclass(frozen=True)
class RoomPolicy:
    """The organization's privacy settings as a live room applies them."""

    redact_display_names: bool = False
    chat_enabled: bool = True
    relay_only: bool = False
    end_to_end_encryption: bool = False
    """Every group room is end-to-end encrypted (the organization's setting)."""


def end_to_end_encrypted(meeting: MeetingRecord, policy: RoomPolicy) -> bool:
    """Whether ``meeting``'s room is an end-to-end encrypted group room: the meeting's
    ``endToEndEncryption`` option or the organization's setting. Normal rooms are peer to
    peer, so end-to-end encrypted by DTLS-SRTP already, and never use frame encryption."""
    return meeting.room_mode == "group" and (
        meeting.end_to_end_encryption or policy.end_to_end_encryption)


def topology(meeting: MeetingRecord, policy: RoomPolicy) -> str:
    """How a room of ``meeting`` that starts under ``policy`` carries media: the meeting's
    own topology (:attr:`MeetingRecord.topology`), except that a normal room stays peer to
    peer where the organization asks for end-to-end encryption, even when its meeting was
    made with cloud recording before the setting was on: the recorder, which needs the
    SFU, must not take the room off the browsers' DTLS (so that meeting is not recorded)."""
    if meeting.room_mode == "normal" and policy.end_to_end_encryption:
        return "p2p"
    return meeting.topology


def recording_type_told(recording_type: str | None, unrecorded: bool) -> str | None:
    """The recording type a room's pages are told (the page's mark, ``joined``): a cloud
    recording never runs in an end-to-end encrypted room (the recorder would need the keys)
    nor in a peer-to-peer one (:func:`topology`), as when the organization turned
    end-to-end encryption on after the meeting was made with cloud recording, so such a
    room (``unrecorded``) says it is not recorded (None) rather than that the server
    records it and reads the media. Local recording stays: it is the host's browser's,
    with the keys it has anyway."""
    return None if unrecorded and recording_type == "cloud" else recording_type
