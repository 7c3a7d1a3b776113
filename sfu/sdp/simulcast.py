"""Simulcast negotiation: ``a=rid`` (RFC 8851) and ``a=simulcast`` (RFC 8853) lines.

aiortc's SDP parser drops both attributes, so they are read from the raw SDP per
m-section, and the answer's lines are written into the answer text after it is built.
Only the send direction of a publish offer is read: the SFU receives the encodings.
"""

import re

from aiortc.sdp import grouplines

MAX_LAYERS = 3
"Spatial layers accepted per m-line; further rids are left out of the answer (RFC 8853 5.3)."
RID = re.compile(r"[A-Za-z0-9_-]{1,16}")
"""A rid-id (RFC 8851 section 10: alphanumerics, ``-`` and ``_``) that fits a one-byte
RtpStreamId header extension element (RFC 8285: at most 16 bytes), as libwebrtc sends it."""


def send_rids(section: list[str]) -> list[str]:
    """The rids an offer's m-section sends, in ``a=simulcast:send`` order (lowest
    resolution first with the web client's encodings), or ``[]`` without simulcast.

    Each ``;``-separated entry may list ``,``-separated alternatives; the first is kept.
    A ``~`` prefix (initially paused) is removed: the stream is still accepted. A rid
    without an ``a=rid:<id> send`` line (RFC 8853 5.2), or that is not a :data:`RID`, is
    left out of the answer. At most
    :data:`MAX_LAYERS` are returned.
    """
    declared = set()
    listed: list[str] = []
    for line in section:
        if line.startswith("a=rid:"):
            parts = line[6:].split()
            if len(parts) >= 2 and parts[1] == "send" and RID.fullmatch(parts[0]):
                declared.add(parts[0])
        elif line.startswith("a=simulcast:"):
            fields = line[12:].split()
            for direction, streams in zip(fields[::2], fields[1::2], strict=False):
                if direction == "send":
                    listed = [entry.split(",")[0].lstrip("~") for entry in streams.split(";")]
    rids = []
    for rid in listed:
        if rid in declared and rid not in rids:
            rids.append(rid)
    return rids[:MAX_LAYERS] if len(rids) > 1 else []


def offer_send_rids(sdp: str) -> list[list[str]]:
    """:func:`send_rids` of every m-section of ``sdp``, in order."""
    return [send_rids(lines) for lines in grouplines(sdp)[1]]


def answer_lines(rids: list[str]) -> list[str]:
    """The answer's attributes that accept the offered ``rids`` for reception."""
    return [f"a=rid:{rid} recv" for rid in rids] + ["a=simulcast:recv " + ";".join(rids)]


def add_media_lines(sdp: str, extra: dict[int, list[str]]) -> str:
    """Append ``extra[index]`` lines to the m-section ``index`` of ``sdp`` (CRLF lines)."""
    if not extra:
        return sdp
    session, sections = grouplines(sdp)
    for index, lines in extra.items():
        sections[index] = sections[index] + lines
    return "\r\n".join(session + [line for lines in sections for line in lines]) + "\r\n"
