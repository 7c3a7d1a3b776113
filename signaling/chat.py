"""In-meeting chat: relayed to everyone in the room, never written anywhere.

A chat message exists only in the outboxes of the connections it is sent to: no history is
kept (a late joiner sees what is sent after it joined), nothing is logged, stored or counted
by content. Each sender has its own rate limit; hosts can delete a message for everyone
(clients drop it from their screens). Disabled when the organization's privacy settings say
so (``chatEnabled: false`` in ``joined``, and ``chat_disabled`` errors).
"""

from __future__ import annotations

import datetime as dt

from operability.ratelimit import TokenBucket
from signaling.messages import Chat, ChatDelete, ProtocolError
from signaling.rooms import Participant, Room

CHAT_MESSAGES_PER_SECOND = 2.0
CHAT_BURST = 10.0


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


def delete(room: Room, actor: Participant, msg: ChatDelete) -> None:
    """A host deletes a message for everyone: ``{type: "chat-deleted", messageId}``.

    Raises:
        ProtocolError: ``forbidden`` (not a host), ``chat_disabled``.
    """
    if actor.role != "host":
        raise ProtocolError("forbidden", "only hosts can delete chat messages")
    if not room.policy.chat_enabled:
        raise ProtocolError("chat_disabled", "chat is disabled in this meeting")
    room.broadcast({"type": "chat-deleted", "messageId": msg.messageId, "by": actor.id})
