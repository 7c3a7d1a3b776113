"""In-meeting chat: relayed to everyone in the room, never written anywhere.

A chat message exists only in the outboxes of the connections it is sent to: no history is
kept (a late joiner sees what is sent after it joined), nothing is logged, stored or counted
by content. Each sender has its own rate limit; hosts can delete a message for everyone
(clients drop it from their screens). Disabled when the organization's privacy settings say
so (``chatEnabled: false`` in ``joined``, and ``chat_disabled`` errors).
"""

from __future__ import annotations

import datetime as dt
import re

from operability.ratelimit import TokenBucket
from signaling.messages import Chat, ChatDelete, ProtocolError
from signaling.room_model import Participant, Room

CHAT_MESSAGES_PER_SECOND = 2.0
CHAT_BURST = 10.0
OTHER_NODE_PREFIX = re.compile(r"m_[A-Za-z0-9._-]{1,64}\.[0-9a-f]{6}\.[0-9a-f]{6}_")
"""The id prefix of chat sent on another signaling node: ``m_<node id>.<random suffix>.<the
room's opening there>_`` (cluster.room_bus, signaling.rooms)."""


class ChatSender:
    """One participant's chat: rate limit and relay."""

    def __init__(self, rate: float = CHAT_MESSAGES_PER_SECOND, burst: float = CHAT_BURST) -> None:
        self.bucket = TokenBucket(rate, burst)

    def send(self, room: Room, sender: Participant, msg: Chat) -> None:
        """Relay ``msg`` to everyone in ``room`` (the sender too, so it learns the id).

        Sent shape: ``{type: "chat", id, from, displayName, text, sentAt}``.

        Raises:
            ProtocolError: ``chat_disabled`` (organization setting) or ``rate_limited``.
        """
        if not room.policy.chat_enabled:
            raise ProtocolError("chat_disabled", "chat is disabled in this meeting")
        if not self.bucket.allow():
            raise ProtocolError("rate_limited", "too many chat messages; slow down")
        room.chat_seq += 1
        room.broadcast({
            "type": "chat",
            "id": f"{room.chat_prefix}{room.chat_seq}",
            "from": sender.id,
            "displayName": sender.display_name,
            "text": msg.text,
            "sentAt": dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        })


def issued(room: Room, message_id: str) -> bool:
    """Whether ``message_id`` names a chat message sent in ``room``, as far as this node can
    tell: an id of this node (``<room.chat_prefix><n>``) was issued when 1 <= n <=
    ``room.chat_seq``. Chat is kept nowhere, so an id of another signaling node (its
    prefix, when this room spans nodes) cannot be checked further than its shape: that node
    alone counts its messages, and a host whose page reconnected to this node may delete
    one it received through another."""
    prefix, _, number = message_id.rpartition("_")
    canonical = number.isascii() and number.isdigit() and number == str(int(number))
    if not prefix or not canonical or number == "0":  # ids count from 1, no leading zeros
        return False
    if f"{prefix}_" == room.chat_prefix:
        return int(number) <= room.chat_seq
    spans_nodes = room.chat_prefix != "m_"  # the bus gives its rooms the node's prefix
    return spans_nodes and OTHER_NODE_PREFIX.fullmatch(f"{prefix}_") is not None


def delete(room: Room, actor: Participant, msg: ChatDelete) -> None:
    """A host deletes a message for everyone: ``{type: "chat-deleted", messageId}``.

    Raises:
        ProtocolError: ``forbidden`` (not a host), ``chat_disabled``,
        ``unknown_chat_message`` (no message of that id was sent in the room: see
        :func:`issued`); nothing is sent to the others then.
    """
    if actor.role != "host":
        raise ProtocolError("forbidden", "only hosts can delete chat messages")
    if not room.policy.chat_enabled:
        raise ProtocolError("chat_disabled", "chat is disabled in this meeting")
    if not issued(room, msg.messageId):
        raise ProtocolError("unknown_chat_message",
                            "no chat message with this id was sent in this room")
    room.broadcast({"type": "chat-deleted", "messageId": msg.messageId, "by": actor.id})
