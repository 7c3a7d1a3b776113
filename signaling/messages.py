"""Signaling protocol v1: the JSON messages exchanged over ``/v1/rooms/{roomName}/ws``.

One pydantic model per message type, told apart by ``type``; docs/signaling.md documents
them. Client messages are validated strictly (unknown fields and types are errors); SDP and
candidates are relayed opaque and never logged or stored.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
)

from sfu.sdp.limits import MAX_PUBLISH_SDP_LENGTH, MAX_SDP_LENGTH
from signaling.client_json import DuplicateKey, NotJsonText, loads
from signaling.errors import TOO_DEEP, invalid_field
from signaling.visible_text import (
    BIDI_CONTROLS,
    CODE_CHARACTERS,
    MAX_DISPLAY_NAME_CODE_POINTS,
    check_chat_text,
    check_display_name,
)

PROTOCOL_VERSION = 1
MAX_CANDIDATE_CHARS = 1_000
ParticipantId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


class _Client(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


E2eeBytes = Annotated[str, Field(min_length=4, max_length=200, pattern=r"^[A-Za-z0-9_-]+$")]
"""Base64url (RFC 4648 section 5, unpadded) of a public key or a wrapped key: opaque here."""


def _not_null(value: object) -> object:
    if value is None:
        raise ValueError("must not be null (leave the field out when there is none)")
    return value


NotNull = BeforeValidator(_not_null)
"""An optional field is left out when absent; an explicit null is refused naming it, as the
REST API refuses one (docs/api.md). ``"roomKey": null`` joined as a plain participant when
its sender (a template that wrote a missing key as null) meant to join with a role."""


class Join(_Client):
    """First message of a connection: enter the room.

    ``e2eePublicKey``: required in end-to-end encrypted rooms, refused elsewhere. The
    browser's ephemeral ECDH public key (docs/e2ee.md), shown to the others unopened.
    """

    type: Literal["join"]
    displayName: str = Field(min_length=1, max_length=MAX_DISPLAY_NAME_CODE_POINTS)
    roomKey: Annotated[str | None, NotNull] = Field(None, min_length=1, max_length=4096)
    """An empty one is refused, not read as none: its sender would join without the role
    it meant to have (leave the field out to join as a participant)."""
    externalId: Annotated[str | None, NotNull] = Field(None, min_length=1, max_length=36,
                                                       pattern=r"^[A-Za-z0-9_-]+$")
    """The customer's own id for this participant (Whereby's ``externalId`` URL parameter):
    in webhooks, the room's embed events (``participant_join``) and insights. Whereby's
    format: letters A-Z and a-z, digits, ``-`` and ``_``, at most 36."""
    metadata: Annotated[str | None, NotNull] = Field(None, min_length=1, max_length=1000)
    """Whereby's ``metadata`` URL parameter: in webhooks and the room's embed events."""
    avatarUrl: Annotated[str | None, NotNull] = None
    """Whereby's ``avatarUrl`` URL parameter. Any string is taken here: one that breaks a
    rule of :func:`signaling.avatars.check_avatar_url` (its length among them) gets a
    ``warning`` naming the field, and the participant joins without an avatar."""
    e2eePublicKey: Annotated[E2eeBytes | None, NotNull] = None
    rejoinToken: Annotated[str | None, NotNull] = Field(None, min_length=1, max_length=64,
                                                        pattern=r"^[A-Za-z0-9_-]+$")
    """``joined.rejoinToken`` of this participant's previous connection, which dropped: a
    locked room takes it back without knocking (within a minute, once)."""

    @field_validator("displayName")
    @classmethod
    def _printable_name(cls, value: str) -> str:
        if any(char in CODE_CHARACTERS for char in value):
            raise ValueError(f"must not contain any of {CODE_CHARACTERS} (Whereby's rule)")
        return check_display_name(value)

    @field_validator("metadata")
    @classmethod
    def _no_controls(cls, value: str | None) -> str | None:
        # Line breaks and tabs are kept: Whereby passes any string on (a customer's JSON).
        if value is not None:
            for char in value:
                if char in BIDI_CONTROLS or (
                    unicodedata.category(char) in ("Cc", "Cs") and char not in "\r\n\t"
                ):
                    raise ValueError("must not contain control characters other than line "
                                     "breaks and tabs")
        return value


class IceCandidate(BaseModel):
    """An RTCIceCandidateInit as the browser produced it (opaque to the server)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    candidate: str = Field(max_length=MAX_CANDIDATE_CHARS)
    sdpMid: str | None = Field(None, max_length=32)
    sdpMLineIndex: int | None = Field(None, ge=0, le=1024)
    usernameFragment: str | None = Field(None, max_length=256)


class Offer(_Client):
    """P2P (normal rooms): an SDP offer for peer ``to``."""

    type: Literal["offer"]
    to: ParticipantId
    sdp: str = Field(max_length=MAX_SDP_LENGTH)


class Answer(_Client):
    """P2P (normal rooms): an SDP answer for peer ``to``."""

    type: Literal["answer"]
    to: ParticipantId
    sdp: str = Field(max_length=MAX_SDP_LENGTH)


class Candidate(_Client):
    """P2P (normal rooms): a trickled ICE candidate for peer ``to`` (null: end of candidates)."""

    type: Literal["candidate"]
    to: ParticipantId
    candidate: IceCandidate | None


class Publish(_Client):
    """Group rooms: the browser's offer for its publish transport."""

    type: Literal["publish"]
    sdp: str = Field(max_length=MAX_PUBLISH_SDP_LENGTH)


class SubscribeAnswer(_Client):
    """Group rooms: the browser's answer to the SFU's ``subscribe-offer``."""

    type: Literal["subscribe-answer"]
    sdp: str = Field(max_length=MAX_SDP_LENGTH)


class Leave(_Client):
    """Leave the room; the server closes the connection."""

    type: Literal["leave"]


class Ping(_Client):
    """Keep-alive; answered with ``pong``."""

    type: Literal["ping"]


class PrecallTest(_Client):
    """Before ``join``: the pre-call connectivity test (Whereby's ``precallCeremony``) asks
    for the ICE servers it would get in ``joined``; answered with ``precall-test``
    (:mod:`signaling.precall_test`)."""

    type: Literal["precall-test"]


MAX_CHAT_CHARS = 2000
"""Longest chat message, in characters (docs/signaling.md, "Chat")."""
MAX_NOTE_CHARS = 200
"""Longest note a host sends a knocker (hold or reject)."""


class KnockAccept(_Client):
    """Host: let the knocking participant ``participantId`` in."""

    type: Literal["knock-accept"]
    participantId: ParticipantId


class KnockReject(_Client):
    """Host: turn the knocking participant away, with an optional note."""

    type: Literal["knock-reject"]
    participantId: ParticipantId
    message: Annotated[str | None, NotNull] = Field(None, max_length=MAX_NOTE_CHARS)

    @field_validator("message")
    @classmethod
    def _readable_note(cls, value: str | None) -> str | None:
        return None if value is None else check_chat_text(value)


class KnockHold(_Client):
    """Host: keep the knocking participant waiting, with a note (e.g. "one minute")."""

    type: Literal["knock-hold"]
    participantId: ParticipantId
    message: str = Field(min_length=1, max_length=MAX_NOTE_CHARS)

    @field_validator("message")
    @classmethod
    def _readable_note(cls, value: str) -> str:
        return check_chat_text(value)


class Mute(_Client):
    """Host: turn ``participantId``'s microphone off (the participant may unmute)."""

    type: Literal["mute"]
    participantId: ParticipantId


class Remove(_Client):
    """Host: remove ``participantId`` from the meeting."""

    type: Literal["remove"]
    participantId: ParticipantId


class EndMeeting(_Client):
    """Host: end the meeting for everyone; later joins are refused."""

    type: Literal["end-meeting"]


class Lock(_Client):
    """Host: lock (participants must knock) or unlock the room."""

    type: Literal["lock"]
    locked: bool


MAX_SPOTLIGHTS = 4
"""Participants spotlighted in one room at once: each is shown large on every page, and
more than four large tiles leave none of them large."""


class Spotlight(_Client):
    """Host: show ``participantId`` large on everyone's page (``active``), or no longer
    (Whereby's spotlight); the spotlights belong to the room, not to the host's page."""

    type: Literal["spotlight"]
    participantId: ParticipantId
    active: bool


class StartRecording(_Client):
    """Host: start the meeting's cloud recording (issue 14; the embed's ``startRecording``)."""

    type: Literal["start-recording"]


class StopRecording(_Client):
    """Host: stop the room's cloud recording (the embed's ``stopRecording``)."""

    type: Literal["stop-recording"]


class LocalRecording(_Client):
    """Host: a local recording (in this browser) started or stopped; everyone is told."""

    type: Literal["local-recording"]
    active: bool


class Chat(_Client):
    """A chat message for everyone in the room (relayed, never stored)."""

    type: Literal["chat"]
    text: str = Field(min_length=1, max_length=MAX_CHAT_CHARS)

    @field_validator("text")
    @classmethod
    def _readable_text(cls, value: str) -> str:
        return check_chat_text(value)


class ChatDelete(_Client):
    """Host: delete chat message ``messageId`` for everyone."""

    type: Literal["chat-delete"]
    messageId: Annotated[str, Field(min_length=1, max_length=128,
                                    pattern=r"^[A-Za-z0-9._-]+$")]
    """A ``chat`` message's ``id``: ``m_<n>``, or ``m_<bus node id>_<n>`` across signaling
    nodes, whose node id (up to 64 characters, dots allowed, plus a ``.`` and a random
    suffix: cluster.room_bus) holds dots."""


REACTIONS_TAKING_SKIN_TONE = ("thumbs-up", "thumbs-down", "clap", "raised-hand")
"""Reactions whose emoji is a hand, which takes a skin tone modifier (Unicode's
Emoji_Modifier_Base: U+1F44D, U+1F44E, U+1F44F, U+270B)."""
ReactionName = Literal["thumbs-up", "thumbs-down", "clap", "raised-hand", "heart", "laugh",
                       "surprised", "celebrate"]
SkinTone = Literal["light", "medium-light", "medium", "medium-dark", "dark"]
"""Fitzpatrick types 1-2 to 6 (U+1F3FB..U+1F3FF); none given: the default yellow."""


class Reaction(_Client):
    """An emoji reaction, shown briefly over the sender's tile on every page of the room
    (docs/signaling.md, "Reactions"). A closed set: the server relays a name, never text."""

    type: Literal["reaction"]
    reaction: ReactionName
    skinTone: Annotated[SkinTone | None, NotNull] = None
    """The sender's skin tone (Whereby's ``emojiSkinTone``), for the hand reactions only."""

    @field_validator("skinTone")
    @classmethod
    def _hand_only(cls, value: str | None, info: Any) -> str | None:
        reaction = info.data.get("reaction")
        if value is not None and reaction is not None \
                and reaction not in REACTIONS_TAKING_SKIN_TONE:
            raise ValueError(f"{reaction} takes no skin tone; only "
                             f"{', '.join(REACTIONS_TAKING_SKIN_TONE)} do")
        return value


class ScreenShare(_Client):
    """The sender started (``active``) or stopped sharing its screen (an extra video track)."""

    type: Literal["screen-share"]
    active: bool


MAX_PINNED_IDS = 8
"""Participants one subscriber pins at most (the SFU's bound, sfu/last_n.py)."""
MAX_PIN_IDS = 64
"""Entries a ``pin`` message may carry, repeats included."""


class Pin(_Client):
    """Group rooms: the sender always receives the camera video of ``participantIds`` (at
    most 8; they replace its previous pins; empty: none), whatever the room's last-N."""

    type: Literal["pin"]
    participantIds: list[ParticipantId] = Field(max_length=MAX_PIN_IDS)
    "Repeated ids count once (docs/signaling.md)."

    @field_validator("participantIds")
    @classmethod
    def _at_most_8_distinct(cls, ids: list[str]) -> list[str]:
        distinct = list(dict.fromkeys(ids))
        if len(distinct) > MAX_PINNED_IDS:
            raise ValueError(f"at most {MAX_PINNED_IDS} distinct participant ids")
        return distinct


MAX_TILE_PIXELS = 16384
"""Largest tile width or height in ``video-viewport``, in device pixels."""
MAX_VIEWPORT_STREAMS = 64
"""Tiles one ``video-viewport`` describes at most (the SFU control request's bound)."""
StreamId = Annotated[str, Field(min_length=1, max_length=67,
                                pattern=r"^[A-Za-z0-9_-]{1,64}(\.[1-9][0-9]?)?$")]
"""A received stream's msid stream id: ``<participantId>`` (camera) or
``<participantId>.<n>`` (a further stream of that publisher, its screen), n 1..99."""


class TileViewport(BaseModel):
    """How the sender shows one received video stream (``video-viewport``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    streamId: StreamId
    visible: bool
    """The tile is on screen: in the viewport, and the page visible."""
    width: int = Field(ge=0, le=MAX_TILE_PIXELS)
    """Tile width in device pixels (CSS pixels x devicePixelRatio)."""
    height: int = Field(ge=0, le=MAX_TILE_PIXELS)
    """Tile height in device pixels."""


class VideoViewport(_Client):
    """Group rooms (adaptive stream): how the sender shows received video streams, each
    replacing that stream's previous description. The SFU pauses the video of hidden tiles
    and sends visible ones the lowest simulcast layer that covers their size."""

    type: Literal["video-viewport"]
    streams: list[TileViewport] = Field(min_length=1, max_length=MAX_VIEWPORT_STREAMS)

    @field_validator("streams")
    @classmethod
    def _once_each(cls, value: list[TileViewport]) -> list[TileViewport]:
        if len({tile.streamId for tile in value}) != len(value):
            raise ValueError("a streamId appears more than once")
        return value


class E2eeKey(_Client):
    """End-to-end encrypted rooms: the sender's frame key ``keyId``, wrapped for participant
    ``to`` with a key only the two browsers can derive (docs/e2ee.md). Relayed unopened and
    never logged."""

    type: Literal["e2ee-key"]
    to: ParticipantId
    keyId: int = Field(ge=0, le=255)
    sealed: E2eeBytes


MAX_E2EE_KEYS = 900
"""Recipients one ``e2ee-keys`` names at most: more than a group room holds by default (200
participants and 400 viewers), and within :data:`MAX_JSON_VALUES` (one value each). A page
in a larger room sends its keys in several messages."""


class E2eeKeys(_Client):
    """End-to-end encrypted rooms: one rotation's frame key ``keyId``, wrapped for each
    recipient (``keys``: participant id -> sealed key, as ``sealed`` of :class:`E2eeKey`),
    in one message; each recipient gets its own ``e2ee-key``. One ``e2ee-key`` per
    recipient took a sender in a room of a few dozen past its message rate when people
    joined quickly, and those it did not reach could not open its media."""

    type: Literal["e2ee-keys"]
    keyId: int = Field(ge=0, le=255)
    keys: dict[ParticipantId, E2eeBytes] = Field(min_length=1, max_length=MAX_E2EE_KEYS)


HostAction = (KnockAccept | KnockReject | KnockHold | Mute | Remove | EndMeeting | Lock | ChatDelete
              | Spotlight)
"""Messages only a host may send; the server checks the role on every one."""

ClientMessage = Annotated[
    Join | Offer | Answer | Candidate | Publish | SubscribeAnswer | Leave | Ping | PrecallTest
    | KnockAccept | KnockReject | KnockHold | Mute | Remove | EndMeeting | Lock | Chat
    | ChatDelete | ScreenShare | E2eeKey | E2eeKeys | StartRecording | StopRecording
    | LocalRecording | Pin | VideoViewport | Reaction | Spotlight,
    Field(discriminator="type"),
]
_client_adapter: TypeAdapter[Any] = TypeAdapter(ClientMessage)
CLIENT_TYPES = frozenset(
    {"join", "offer", "answer", "candidate", "publish", "subscribe-answer", "leave", "ping",
     "precall-test",
     "knock-accept", "knock-reject", "knock-hold", "mute", "remove", "end-meeting", "lock",
     "chat", "chat-delete", "screen-share", "e2ee-key", "e2ee-keys", "start-recording",
     "stop-recording", "local-recording", "pin", "video-viewport", "reaction", "spotlight"}
)


MAX_JSON_VALUES = 1_000
"""Object members and array items a client message holds at most, nested ones included. The
largest valid message, a ``video-viewport`` of 64 tiles, holds about 330. More is refused
before validation, whose cost grows with each unknown field or bad item: 50,000 unknown
fields, 640 KB, held the event loop (every room, and the in-process SFU) for a second."""


def _too_many_values(data: Any) -> bool:
    """Whether ``data`` (parsed JSON) holds more than MAX_JSON_VALUES members and items;
    stops counting as soon as it does."""
    pending: list[Any] = [data]
    seen = 0
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        seen += len(children)
        if seen > MAX_JSON_VALUES:
            return True
        pending.extend(children)
    return False


class ProtocolError(ValueError):
    """A client message is invalid; ``code`` is sent back in an ``error`` message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def parse_client_message(raw: str | bytes) -> Any:
    """Parse one client message.

    Returns:
        One of the client models above.
    Raises:
        ProtocolError: ``bad_json`` (not a JSON object, or one that repeats a key),
        ``unknown_type`` (no or unknown
        ``type``) or ``bad_message`` (fields invalid, or more than MAX_JSON_VALUES of
        them and their items), with a short reason.
    """
    try:
        data = loads(raw)
    except RecursionError:
        # Deeply nested arrays or objects ("[[[[..."): perhaps valid JSON, too deep to parse.
        raise ProtocolError("bad_json", f"message {TOO_DEEP}") from None
    except DuplicateKey as exc:
        raise ProtocolError("bad_json", str(exc)) from None
    except NotJsonText as exc:  # a binary frame in UTF-16, say, or with a NUL byte
        raise ProtocolError("bad_json", f"message {exc}") from None
    except ValueError:
        raise ProtocolError("bad_json", "message is not valid JSON") from None
    if not isinstance(data, dict):
        raise ProtocolError("bad_json", "message must be a JSON object")
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in CLIENT_TYPES:
        raise ProtocolError("unknown_type", "unknown or missing message type")
    if _too_many_values(data):
        raise ProtocolError("bad_message", f"message holds more than {MAX_JSON_VALUES} "
                            "fields and list items")
    try:
        return _client_adapter.validate_python(data)
    except ValidationError as exc:
        raise ProtocolError("bad_message", invalid_field(exc.errors()[0], kind)) from None


# --- server -> client ------------------------------------------------------------------


def participant_view(participant_id: str, display_name: str, role: str,
                     screen_sharing: bool = False, external_id: str | None = None,
                     metadata: str | None = None,
                     e2ee_public_key: str | None = None,
                     avatar_url: str | None = None) -> dict[str, Any]:
    """The public view of a participant inside a live room. ``externalId`` and ``metadata``
    (null when not given) are what Whereby's embed element reports in ``participant_join``;
    ``avatarUrl`` (null when none) the avatar the server accepted (signaling.avatars);
    ``e2eePublicKey`` is there only in an end-to-end encrypted room."""
    view: dict[str, Any] = {"id": participant_id, "displayName": display_name, "role": role,
                            "screenSharing": screen_sharing, "externalId": external_id,
                            "metadata": metadata, "avatarUrl": avatar_url}
    if e2ee_public_key is not None:
        view["e2eePublicKey"] = e2ee_public_key
    return view


def active_speaker(participant_id: str) -> dict[str, str]:
    """An ``active-speaker`` message: ``participantId`` is the group room's dominant speaker
    now (the SFU's detection from audio levels, sfu/active_speaker.py); sent to everyone
    in the room each time it changes."""
    return {"type": "active-speaker", "participantId": participant_id}


def send_encodings(mid: str, encodings: tuple[tuple[str, bool], ...]) -> dict[str, Any]:
    """A ``send-encodings`` message, to one publisher about its own m-line ``mid``
    (dynacast, sfu/simulcast/dynacast.py): set each simulcast encoding's ``active``
    (``RTCRtpSender.setParameters``) as listed, ``[{rid, active}]`` lowest first."""
    return {"type": "send-encodings", "mid": mid,
            "encodings": [{"rid": rid, "active": active} for rid, active in encodings]}


def error(code: str, message: str) -> dict[str, str]:
    """An ``error`` message. Codes are listed in docs/signaling.md."""
    return {"type": "error", "code": code, "message": message}


def warning(code: str, field: str, message: str) -> dict[str, str]:
    """A ``warning`` message: the server did not use ``field`` of the client's message (which
    was otherwise taken); ``message`` names the field and the rule it breaks."""
    return {"type": "warning", "code": code, "field": field, "message": message}
