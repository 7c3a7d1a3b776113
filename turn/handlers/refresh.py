"""Refresh (RFC 8656 section 8.2): extend the lifetime, or delete with LIFETIME 0; of one
family of a dual allocation when REQUESTED-ADDRESS-FAMILY names it."""

from __future__ import annotations

from ..errors import ParseError
from ..stun.attributes import decode_address_family, decode_u32, encode_u32
from ..stun.constants import Attr, ErrorCode, MessageClass
from ..stun.message import Message
from .context import IP_VERSION, RequestContext, desired_lifetime, error


def handle(ctx: RequestContext) -> Message:
    """Refresh ``ctx.allocation`` (present: the dispatcher answers 437 otherwise)."""
    request = ctx.message
    allocation = ctx.allocation
    assert allocation is not None
    try:
        lifetime_value = request.get(Attr.LIFETIME)
        requested = decode_u32(lifetime_value) if lifetime_value is not None else None
        family_value = request.get(Attr.REQUESTED_ADDRESS_FAMILY)
        family = decode_address_family(family_value) if family_value is not None else None
    except ParseError:
        return error(request, ErrorCode.BAD_REQUEST, "Malformed attribute")
    if family is not None and IP_VERSION.get(family) not in allocation.sockets:
        return error(request, ErrorCode.PEER_ADDRESS_FAMILY_MISMATCH, "Family mismatch")
    # RFC 8656 section 8.1: REQUESTED-ADDRESS-FAMILY names the one family of a dual
    # allocation to refresh or delete; without it, the request applies to all of them.
    versions = [IP_VERSION[family]] if family is not None else list(allocation.sockets)
    response = request.reply(MessageClass.SUCCESS)
    if requested == 0:
        if len(versions) == len(allocation.sockets):
            ctx.services.table.remove(allocation, "deleted by client")
        else:
            ctx.services.table.remove_family(allocation, versions[0], "deleted by client")
        response.add(Attr.LIFETIME, encode_u32(0))
        return response
    lifetime = desired_lifetime(requested, ctx.services.config)
    for version in versions:
        allocation.expires[version] = ctx.services.now + lifetime
    response.add(Attr.LIFETIME, encode_u32(lifetime))
    return response
