"""ChannelBind (RFC 8656 section 12.2): bind or refresh a channel, and its permission."""

from __future__ import annotations

import ipaddress

from .. import metrics
from ..errors import ParseError
from ..stun.attributes import decode_channel_number, decode_xor_address
from ..stun.channel_data import CHANNEL_MAX, CHANNEL_MIN, LEGACY_CHANNEL_MAX
from ..stun.constants import Attr, ErrorCode, MessageClass
from ..stun.message import Message
from .context import RequestContext, error


def handle(ctx: RequestContext) -> Message:
    """400 for a bad number or a conflicting binding, 403 for a denied peer, 443 family,
    508 when a new permission would pass ``max_permissions``."""
    request = ctx.message
    allocation = ctx.allocation
    assert allocation is not None
    number_value = request.get(Attr.CHANNEL_NUMBER)
    peer_value = request.get(Attr.XOR_PEER_ADDRESS)
    if number_value is None or peer_value is None:
        return error(request, ErrorCode.BAD_REQUEST, "Missing attribute")
    try:
        number = decode_channel_number(number_value)
        ip, port = decode_xor_address(peer_value, request.transaction_id)
    except ParseError:
        return error(request, ErrorCode.BAD_REQUEST, "Malformed attribute")
    highest = LEGACY_CHANNEL_MAX if ctx.services.config.accept_rfc5766_channels else CHANNEL_MAX
    if not CHANNEL_MIN <= number <= highest:
        return error(request, ErrorCode.BAD_REQUEST, "Bad channel number")
    peer = (str(ipaddress.ip_address(ip)), port)
    if allocation.family_of(peer[0]) not in allocation.sockets:
        return error(request, ErrorCode.PEER_ADDRESS_FAMILY_MISMATCH, "Family mismatch")
    if not ctx.services.policy.is_allowed(peer[0], port):
        return error(request, ErrorCode.FORBIDDEN, "Forbidden")
    bound = allocation.channels.get(number)
    if bound is not None and bound.peer != peer:
        return error(request, ErrorCode.BAD_REQUEST, "Channel bound to another peer")
    other = allocation.peer_channels.get(peer)
    if other is not None and other.number != number:
        return error(request, ErrorCode.BAD_REQUEST, "Peer bound to another channel")
    now = ctx.services.now
    config = ctx.services.config
    if peer[0] not in allocation.permissions and len(allocation.permissions) >= (
        config.max_permissions
    ):
        return error(request, ErrorCode.INSUFFICIENT_CAPACITY, "Too many permissions")
    permission, created = allocation.install_permission(peer[0], now + config.permission_lifetime)
    if created:
        metrics.PERMISSIONS.inc()
    if allocation.bind_channel(number, peer, now + config.channel_lifetime, permission):
        metrics.CHANNELS.inc()
    return request.reply(MessageClass.SUCCESS)
