"""Signaling protocol v1: the JSON messages exchanged over ``/v1/rooms/{roomName}/ws``.

One pydantic model per message type, told apart by ``type``; docs/signaling.md documents
them. Client messages are validated strictly (unknown fields and types are errors); SDP and
candidates are relayed opaque and never logged or stored.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from sfu.sdp.limits import MAX_PUBLISH_SDP_LENGTH, MAX_SDP_LENGTH
from signaling.client_json import DuplicateKey, NotUtf8, loads
from signaling.errors import TOO_DEEP, invalid_field

PROTOCOL_VERSION = 1
MAX_CANDIDATE_CHARS = 1_000
ParticipantId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI_MARKS = frozenset("\u200e\u200f\u061c")
"""The left-to-right, right-to-left and Arabic letter marks: they draw nothing, so "Ada" and
"Ada" + U+200F would be two names that look the same."""
_JOINERS = frozenset("\u200c\u200d")
"""The zero-width non-joiner and joiner: format characters that names need between two
characters (emoji sequences, Persian and Indic spelling), and nowhere else."""
_PREPENDED_MARKS = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f"
                             "\u0890\u0891\u08e2\U000110bd\U000110cd")
"""Format characters that do draw (Unicode's Prepended_Concatenation_Mark: Arabic number
signs, the end of ayah, the Syriac abbreviation mark, the Kaithi number signs)."""
_BLACK_FLAG, _TAGS, _CANCEL_TAG = "\U0001f3f4", range(0xE0020, 0xE007F), "\U000e007f"
"""A flag of a subdivision (England's, Scotland's) is the black flag, tag characters and the
cancel tag; tag characters draw nothing anywhere else."""
_BLANK_MARKS = frozenset("\u034f\u17b4\u17b5")
"""The combining grapheme joiner and the Khmer inherent vowels (which Unicode says not to
use): marks that draw nothing."""
_VARIATION_SELECTORS = frozenset(
    [chr(c) for c in range(0xFE00, 0xFE10)] + [chr(c) for c in range(0xE0100, 0xE01F0)]
    + ["\u180b", "\u180c", "\u180d", "\u180f"])
_KEYCAP_BASES = frozenset("#*0123456789")
"""ASCII characters a variation selector follows in a keycap emoji; after any other ASCII
character one draws nothing (``Ada`` + U+FE0F looks like ``Ada``)."""


def _draws_nothing(value: str, i: int) -> bool:
    """Whether ``value[i]`` draws nothing where it is, so that ``value`` would look like
    the text without it: a format character (Unicode Cf) but a joiner between two
    characters, a tag of a subdivision flag or a prepended concatenation mark; a filler; a
    blank mark; or a variation selector after whitespace, another selector or an ASCII
    character that is no keycap base."""
    char = value[i]
    before = value[i - 1] if i > 0 else ""
    if unicodedata.category(char) == "Cf":
        if char in _JOINERS:
            after = value[i + 1] if i + 1 < len(value) else ""
            return not (before and after and not before.isspace() and not after.isspace()
                        and before not in _JOINERS and after not in _JOINERS)
        if ord(char) in _TAGS or char == _CANCEL_TAG:
            start = i
            while start > 0 and (ord(value[start - 1]) in _TAGS):
                start -= 1
            return start == 0 or value[start - 1] != _BLACK_FLAG
        return char not in _PREPENDED_MARKS
    if char in _FILLERS or char in _BLANK_MARKS:
        return True
    if char in _VARIATION_SELECTORS:
        return (not before or before.isspace() or before in _VARIATION_SELECTORS
                or (before.isascii() and before not in _KEYCAP_BASES))
    return False


CODE_CHARACTERS = "$!<>:;"
"""What Whereby's ``displayName`` URL parameter refuses ("code characters"): a participant's
name never carries them, so a customer's page or webhook receiver never meets markup in one."""


_INVISIBLE_CATEGORIES = frozenset(("Cf", "Zs", "Zl", "Zp", "Mn", "Me"))
"""Format characters (U+200B, joiners, U+FEFF), separators and lone combining marks: a name
made only of these shows as nothing."""
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
"""Hangul fillers and the blank Braille pattern: letters or symbols that draw nothing."""


def is_invisible(value: str) -> bool:
    """Whether ``value`` would show as nothing (blank, format characters, fillers)."""
    return all(
        char.isspace() or char in _FILLERS or unicodedata.category(char) in _INVISIBLE_CATEGORIES
        for char in value
    )


_NOT_IN_NAMES = frozenset(("Cc", "Cs", "Zl", "Zp"))
"""Controls (C0/C1, CR and LF among them), lone surrogates, and the line and paragraph
separators U+2028/U+2029: a name is one line."""


def check_visible_text(value: str) -> str:
    """``value`` unchanged if people can read it as it is (a name, an email, an id shown in
    tiles, lists, exports and the operator's terminal).

    Raises:
        ValueError: blank or invisible (only whitespace, format characters such as U+200B,
            combining marks or fillers); holding control characters (C0/C1), line or
            paragraph separators (U+2028/U+2029) or lone surrogates; holding bidirectional
            embeddings, overrides, isolates or marks (U+202A-U+202E, U+2066-U+2069, U+200E,
            U+200F, U+061C), which can disguise it; or holding a character that draws
            nothing where it is (:func:`_draws_nothing`: the soft hyphen, U+200B, U+2060,
            U+FEFF, tag characters and the other format characters, fillers, a joiner at
            an end, a variation selector after a letter), which would make a look-alike of
            another. The message names the code point.
    """
    if is_invisible(value):
        raise ValueError("must not be blank or invisible")
    for char in value:
        if unicodedata.category(char) in _NOT_IN_NAMES:
            raise ValueError("must not contain control characters or line breaks")
        if char in _BIDI_CONTROLS or char in _BIDI_MARKS:
            raise ValueError(f"must not contain bidirectional controls (U+{ord(char):04X})")
    for i, char in enumerate(value):
        if _draws_nothing(value, i):
            raise ValueError(f"must not contain characters that draw nothing (U+{ord(char):04X})")
    return value


MAX_DISPLAY_NAME_CODE_POINTS = 100
"""The longest display name, in code points, as given and as the room sees it (NFC)."""


def check_display_name(value: str) -> str:
    """A participant's display name as people see it in tiles and lists, so that two names
    that look the same are the same string: :func:`check_visible_text`, then in Unicode NFC,
    each run of whitespace (U+00A0 and U+3000 among it) one space, none at either end.

    Raises:
        ValueError: as :func:`check_visible_text`; or longer than 100 code points once in NFC,
            which some characters expand (U+FB2C, one code point, is three in NFC), so that
            the room never sees a name longer than ``join`` allows.
    """
    name = " ".join(unicodedata.normalize("NFC", check_visible_text(value)).split())
    if len(name) > MAX_DISPLAY_NAME_CODE_POINTS:
        raise ValueError(f"must have at most {MAX_DISPLAY_NAME_CODE_POINTS} characters in "
                         f"Unicode NFC (this one has {len(name)})")
    return name


def check_chat_text(value: str) -> str:
    """Chat text as people read it: line breaks (LF, CR, CRLF and U+2028) and tabs are kept.

    Raises:
        ValueError: blank or invisible (the same rule as display names), or holding
            other control characters, bidirectional overrides (which can make a message
            read as something else) or lone surrogates.
    """
    if is_invisible(value):
        raise ValueError("must not be blank or invisible")
    for char in value:
        if char in _BIDI_CONTROLS or (
            unicodedata.category(char) in ("Cc", "Cs") and char not in "\r\n\t"
        ):
            raise ValueError("must not contain control characters other than line breaks")
    return value


class _Client(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


E2eeBytes = Annotated[str, Field(min_length=4, max_length=200, pattern=r"^[A-Za-z0-9_-]+$")]
"""Base64url (RFC 4648 section 5, unpadded) of a public key or a wrapped key: opaque here."""


class Join(_Client):
    """First message of a connection: enter the room.

    ``e2eePublicKey``: required in end-to-end encrypted rooms, refused elsewhere. The
    browser's ephemeral ECDH public key (docs/e2ee.md), shown to the others unopened.
    """

    type: Literal["join"]
    displayName: str = Field(min_length=1, max_length=MAX_DISPLAY_NAME_CODE_POINTS)
    roomKey: str | None = Field(None, min_length=1, max_length=4096)
    """An empty one is refused, not read as none: its sender would join without the role
    it meant to have (leave the field out to join as a participant)."""
    externalId: str | None = Field(None, min_length=1, max_length=36,
                                   pattern=r"^[A-Za-z0-9_-]+$")
    """The customer's own id for this participant (Whereby's ``externalId`` URL parameter):
    in webhooks, the room's embed events (``participant_join``) and insights. Whereby's
    format: letters A-Z and a-z, digits, ``-`` and ``_``, at most 36."""
    metadata: str | None = Field(None, min_length=1, max_length=1000)
    """Whereby's ``metadata`` URL parameter: in webhooks and the room's embed events."""
    e2eePublicKey: E2eeBytes | None = None
    rejoinToken: str | None = Field(None, min_length=1, max_length=64,
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
                if char in _BIDI_CONTROLS or (
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
    message: str | None = Field(None, max_length=MAX_NOTE_CHARS)

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


HostAction = KnockAccept | KnockReject | KnockHold | Mute | Remove | EndMeeting | Lock | ChatDelete
"""Messages only a host may send; the server checks the role on every one."""

ClientMessage = Annotated[
    Join | Offer | Answer | Candidate | Publish | SubscribeAnswer | Leave | Ping
    | KnockAccept | KnockReject | KnockHold | Mute | Remove | EndMeeting | Lock | Chat
    | ChatDelete | ScreenShare | E2eeKey | E2eeKeys | StartRecording | StopRecording
    | LocalRecording | Pin | VideoViewport,
    Field(discriminator="type"),
]
_client_adapter: TypeAdapter[Any] = TypeAdapter(ClientMessage)
CLIENT_TYPES = frozenset(
    {"join", "offer", "answer", "candidate", "publish", "subscribe-answer", "leave", "ping",
     "knock-accept", "knock-reject", "knock-hold", "mute", "remove", "end-meeting", "lock",
     "chat", "chat-delete", "screen-share", "e2ee-key", "e2ee-keys", "start-recording",
     "stop-recording", "local-recording", "pin", "video-viewport"}
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
    except NotUtf8 as exc:  # a binary frame in UTF-16, say
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
                     e2ee_public_key: str | None = None) -> dict[str, Any]:
    """The public view of a participant inside a live room. ``externalId`` and ``metadata``
    (null when not given) are what Whereby's embed element reports in ``participant_join``;
    ``e2eePublicKey`` is there only in an end-to-end encrypted room."""
    view: dict[str, Any] = {"id": participant_id, "displayName": display_name, "role": role,
                            "screenSharing": screen_sharing, "externalId": external_id,
                            "metadata": metadata}
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
