"""Room names as paths carry them: ``/{roomName}`` (the room page), ``/v1/rooms/{roomName}/ws``
and ``/v1/rooms/{roomName}/poll`` (signaling). Names are lowercase (``<prefix>-<uuid>`` or
ten ``human-short`` letters and digits, signaling.api); a link typed by hand or capitalised
by a mail client or a phone's keyboard still reaches its room."""

from __future__ import annotations

import re

ROOM_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def lowercase_room_name(name: str) -> str | None:
    """``name`` lowercased when it is a room name in other letters' case (``My-Room``),
    else None (a room name already, or nothing that could be one: left as it is)."""
    if ROOM_NAME.fullmatch(name):
        return None
    lowered = fold_case(name)
    return lowered if ROOM_NAME.fullmatch(lowered) else None


def fold_case(name: str) -> str:
    """``name`` (a room name or part of one, as a REST path or filter gives it) with its
    ASCII capitals lowercased, the case room names ignore; other characters kept (Python's
    ``lower`` turns the Kelvin sign into "k")."""
    return name.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def stored_room_name(room_name: str) -> str:
    """A REST ``roomName`` (Whereby's ``/my-room``, or ``my-room`` as a roomUrl's last path
    segment gives it) as meetings are stored: one leading ``/`` dropped, :func:`fold_case`."""
    return fold_case(room_name.removeprefix("/"))


def room_name_in_path(name: str) -> str:
    """The room a signaling path's ``name`` means: lowercased as the room page redirects
    (a WebSocket follows no redirect, so the name is taken as the room's here)."""
    return lowercase_room_name(name) or name
