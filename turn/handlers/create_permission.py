"""CreatePermission (RFC 8656 section 10.2): install or refresh permissions, all or none."""

from __future__ import annotations

import ipaddress

from .. import metrics
from ..errors import ParseError
from ..stun.attributes import decode_xor_address
from ..stun.constants import Attr, ErrorCode, MessageClass
from ..stun.message import Message
from .context import RequestContext, error


def handle(ctx: RequestContext) -> Message:
    """403 for a denied peer, 443 for a family without relay, 400 for none or malformed,
    508 when the allocation would hold more than ``max_permissions`` peer IPs."""
    request = ctx.message
    allocation = ctx.allocation
    assert allocation is not None
    values = request.get_all(Attr.XOR_PEER_ADDRESS)
    if not values:
        return error(request, ErrorCode.BAD_REQUEST, "Missing XOR-PEER-ADDRESS")
    peers = []
    for value in values:
        try:
            ip, _ = decode_xor_address(value, request.transaction_id)
        except ParseError:
            return error(request, ErrorCode.BAD_REQUEST, "Malformed XOR-PEER-ADDRESS")
        ip = str(ipaddress.ip_address(ip))
        if allocation.family_of(ip) not in allocation.sockets:
            return error(request, ErrorCode.PEER_ADDRESS_FAMILY_MISMATCH, "Family mismatch")
        if not ctx.services.policy.is_allowed_ip(ip):
            return error(request, ErrorCode.FORBIDDEN, "Forbidden")
        peers.append(ip)
    added = {ip for ip in peers if ip not in allocation.permissions}
    if len(allocation.permissions) + len(added) > ctx.services.config.max_permissions:
        return error(request, ErrorCode.INSUFFICIENT_CAPACITY, "Too many permissions")
    expires = ctx.services.now + ctx.services.config.permission_lifetime
    for ip in peers:
        _, created = allocation.install_permission(ip, expires)
        if created:
            metrics.PERMISSIONS.inc()
    return request.reply(MessageClass.SUCCESS)
