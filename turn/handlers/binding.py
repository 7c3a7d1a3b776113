"""Binding request: answer with XOR-MAPPED-ADDRESS (RFC 8489 sections 3, 7.3)."""

from __future__ import annotations

from ..stun.attributes import encode_xor_address
from ..stun.constants import Attr, MessageClass
from ..stun.message import Message


def handle(request: Message, client: tuple[str, int]) -> Message:
    """Success response reflecting ``client`` (the source address of the request)."""
    response = request.reply(MessageClass.SUCCESS)
    response.add(Attr.XOR_MAPPED_ADDRESS, encode_xor_address(client, request.transaction_id))
    return response
