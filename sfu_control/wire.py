"""Wire form of the SFU control API (:mod:`sfu.control`) for a hop between processes.

Pure: JSON bytes in, dataclasses out, and back. Three message shapes travel:

- request  ``{"id": str, "reply": channel, "op": "join"|"publish"|..., <request fields>}``
- response ``{"id": str, "ok": true, "result": {<response fields>}}`` or
  ``{"id": str, "ok": false, "error": kind, "message": str}`` where ``kind`` is the name of
  an :mod:`sfu.errors` class (``RoomFullError``, ``NegotiationError``, ...)
- event    ``{"event": "renegotiation_needed"|"transport_closed"|"active_speaker"|
  "send_encodings", "video_paused", "room_id", "participant_id", "reason",
  "participant_ids"}`` (the upward :class:`sfu.control.SfuListener` calls;
  ``participant_ids``: ``video_paused``'s publishers); ``send_encodings`` also carries
  ``"mid"`` and ``"encodings": [[rid, active], ...]`` (at most
  :data:`sfu.sdp.simulcast.MAX_LAYERS`)

SDP is carried in memory only; nothing here logs or stores it.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, NamedTuple

from sfu import control, errors
from sfu.sdp.limits import MAX_SDP_LENGTH
from sfu.sdp.simulcast import MAX_LAYERS

MAX_MESSAGE_BYTES = 6 * MAX_SDP_LENGTH + 64 * 1024
"""Largest control message accepted: any SDP the signaling server and the SFU accept fits,
even in the worst JSON form (``json.dumps`` writes a non-ASCII or control character as a
six-character ``\\uXXXX`` escape), with the other fields beside it."""

REQUESTS: dict[str, type] = {
    "join": control.JoinRequest,
    "publish": control.PublishRequest,
    "subscribe_offer": control.SubscribeOfferRequest,
    "subscribe_answer": control.SubscribeAnswerRequest,
    "leave": control.LeaveRequest,
    "pin": control.PinRequest,
    "viewport": control.ViewportRequest,
}
OPS = {cls: op for op, cls in REQUESTS.items()}
RESPONSES: dict[str, type] = {
    "join": control.Ack,
    "publish": control.PublishResponse,
    "subscribe_offer": control.SubscribeOfferResponse,
    "subscribe_answer": control.Ack,
    "leave": control.Ack,
    "pin": control.Ack,
    "viewport": control.Ack,
}
ERRORS: dict[str, type[errors.SfuError]] = {
    cls.__name__: cls
    for cls in (errors.SfuError, errors.NegotiationError, errors.RoomFullError,
                errors.UnknownParticipantError)
}
EVENTS = ("renegotiation_needed", "transport_closed", "active_speaker", "send_encodings",
          "video_paused")
MAX_ID_CHARS = 64
"Longest mid or rid accepted in an event."
MAX_EVENT_IDS = 200
"Participant ids one event carries at most (a room's size)."
NULLABLE = {(control.SubscribeOfferResponse, "offer_sdp")}
COUNTS = {(control.JoinRequest, "last_n"): 200}
"Integer fields and their largest value (the rest are strings)."
LISTS = {(control.PinRequest, "pinned"): 8}
"Fields that are lists of strings (tuples in the dataclass) and their longest length."
VIEWPORTS = {(control.ViewportRequest, "streams"): control.MAX_VIEWPORTS}
"""Fields that are lists of :class:`sfu.control.StreamViewport` objects and their longest
length (``{"stream_id": str, "visible": bool, "width": int, "height": int}``)."""
MAX_TILE_SIZE = 16384
"Largest tile width or height (device pixels) in a StreamViewport."


class WireError(ValueError):
    """A control message that is not valid JSON of the shapes above."""


def _load(data: bytes | str) -> dict[str, Any]:
    if len(data) > MAX_MESSAGE_BYTES:
        raise WireError("control message too large")
    try:
        message = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise WireError("control message is not JSON") from None
    if not isinstance(message, dict):
        raise WireError("control message is not an object")
    return message


def _build(cls: type, fields: dict[str, Any]) -> Any:
    names = {f.name: f for f in dataclasses.fields(cls)}
    if set(fields) != set(names):
        raise WireError(f"{cls.__name__} needs fields {sorted(names)}")
    for name, value in list(fields.items()):
        limit = COUNTS.get((cls, name))
        longest = LISTS.get((cls, name))
        tiles = VIEWPORTS.get((cls, name))
        if tiles is not None:
            if not isinstance(value, list) or len(value) > tiles:
                raise WireError(f"{cls.__name__}.{name} must be a list of at most {tiles} "
                                "viewports")
            fields[name] = tuple(_viewport(v) for v in value)
        elif longest is not None:
            if (not isinstance(value, list) or len(value) > longest
                    or not all(isinstance(v, str) and len(v) <= 64 for v in value)):
                raise WireError(f"{cls.__name__}.{name} must be a list of at most {longest} "
                                "strings")
            fields[name] = tuple(value)
        elif limit is not None:
            if type(value) is not int or not 0 <= value <= limit:
                raise WireError(f"{cls.__name__}.{name} must be an integer 0..{limit}")
        elif not isinstance(value, str) and not (value is None and (cls, name) in NULLABLE):
            raise WireError(f"{cls.__name__}.{name} has the wrong type")
    return cls(**fields)


def _viewport(value: Any) -> control.StreamViewport:
    if (not isinstance(value, dict) or set(value) != {"stream_id", "visible", "width", "height"}
            or not isinstance(value["stream_id"], str) or len(value["stream_id"]) > 80
            or type(value["visible"]) is not bool
            or not all(type(value[k]) is int and 0 <= value[k] <= MAX_TILE_SIZE
                       for k in ("width", "height"))):
        raise WireError("a viewport needs stream_id (string), visible (bool), width and "
                        f"height (integers 0..{MAX_TILE_SIZE})")
    return control.StreamViewport(**value)


def encode_request(request_id: str, reply: str, request: object) -> bytes:
    """Serialize a request dataclass. :raises WireError: not a control request."""
    op = OPS.get(type(request))
    if op is None:
        raise WireError("not an SFU control request")
    return json.dumps({"id": request_id, "reply": reply, "op": op,
                       **dataclasses.asdict(request)}).encode()  # type: ignore[call-overload]


def decode_request(data: bytes | str) -> tuple[str, str, object]:
    """``(request_id, reply channel, request dataclass)``. :raises WireError: malformed."""
    message = _load(data)
    request_id, reply, op = message.pop("id", None), message.pop("reply", None), \
        message.pop("op", None)
    if not isinstance(request_id, str) or not isinstance(reply, str) or op not in REQUESTS:
        raise WireError("request needs string id, reply and a known op")
    return request_id, reply, _build(REQUESTS[op], message)


def encode_response(request_id: str, op: str, response: object) -> bytes:
    """Serialize a successful response to request ``op``."""
    del op
    return json.dumps({"id": request_id, "ok": True,
                       "result": dataclasses.asdict(response)}).encode()  # type: ignore


def encode_error(request_id: str, exc: Exception) -> bytes:
    """Serialize a refused request; unknown exception types travel as ``SfuError``."""
    kind = type(exc).__name__ if type(exc).__name__ in ERRORS else "SfuError"
    message = str(exc) if isinstance(exc, errors.SfuError) else "internal SFU error"
    return json.dumps({"id": request_id, "ok": False, "error": kind,
                       "message": message}).encode()


def decode_response(data: bytes | str, op: str) -> tuple[str, object]:
    """``(request_id, response dataclass)`` of request ``op``.

    :raises SfuError: the remote worker refused (same subclass as raised there).
    :raises WireError: malformed.
    """
    message = _load(data)
    request_id = message.get("id")
    if not isinstance(request_id, str) or op not in RESPONSES:
        raise WireError("response needs a string id")
    if message.get("ok") is True:
        result = message.get("result")
        if not isinstance(result, dict):
            raise WireError("response result is not an object")
        return request_id, _build(RESPONSES[op], result)
    kind = ERRORS.get(str(message.get("error")), errors.SfuError)
    raise kind(str(message.get("message", "SFU error"))[:200])


def response_id(data: bytes | str) -> str | None:
    """The ``id`` of a response (None when it is not one), to route it to its waiter."""
    try:
        message = _load(data)
    except WireError:
        return None
    request_id = message.get("id")
    return request_id if isinstance(request_id, str) and "ok" in message else None


class Event(NamedTuple):
    """A decoded upward event (:data:`EVENTS`)."""

    event: str
    room_id: str
    participant_id: str
    reason: str = ""
    "``transport_closed``: why."
    participant_ids: tuple[str, ...] = ()
    "``video_paused``: the publishers held back."
    mid: str = ""
    "``send_encodings``: the publisher's m-line."
    encodings: tuple[tuple[str, bool], ...] = ()
    "``send_encodings``: ``(rid, active)`` lowest first."


def encode_event(event: str, room_id: str, participant_id: str, reason: str = "",
                 participant_ids: tuple[str, ...] = (), mid: str = "",
                 encodings: tuple[tuple[str, bool], ...] = ()) -> bytes:
    """Serialize an upward event (one of :data:`EVENTS`)."""
    if event not in EVENTS:
        raise WireError("unknown event")
    message: dict[str, Any] = {"event": event, "room_id": room_id,
                               "participant_id": participant_id, "reason": reason,
                               "participant_ids": list(participant_ids)}
    if event == "send_encodings":
        message["mid"] = mid
        message["encodings"] = [[rid, active] for rid, active in encodings]
    return json.dumps(message).encode()


def decode_event(data: bytes | str) -> Event:
    """The event of ``data``. :raises WireError: malformed."""
    message = _load(data)
    fields = [message.get(k) for k in ("event", "room_id", "participant_id", "reason")]
    ids = message.get("participant_ids")
    if (fields[0] not in EVENTS or not all(isinstance(f, str) for f in fields)
            or not isinstance(ids, list) or len(ids) > MAX_EVENT_IDS
            or not all(isinstance(i, str) and len(i) <= MAX_ID_CHARS for i in ids)):
        raise WireError("malformed event")
    if fields[0] != "send_encodings":
        return Event(*fields, tuple(ids))  # type: ignore[arg-type]
    mid, encodings = message.get("mid"), message.get("encodings")
    if (not isinstance(mid, str) or not 0 < len(mid) <= MAX_ID_CHARS
            or not isinstance(encodings, list) or not 0 < len(encodings) <= MAX_LAYERS
            or not all(isinstance(e, list) and len(e) == 2 and isinstance(e[0], str)
                       and 0 < len(e[0]) <= MAX_ID_CHARS and isinstance(e[1], bool)
                       for e in encodings)):
        raise WireError("malformed send_encodings event")
    return Event(*fields, tuple(ids), mid,  # type: ignore[arg-type]
                 tuple((rid, active) for rid, active in encodings))
