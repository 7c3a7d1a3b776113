"""What an organization's privacy settings and a meeting's options make of a live room."""

from __future__ import annotations

from dataclasses import dataclass

from signaling.store import MeetingRecord


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
