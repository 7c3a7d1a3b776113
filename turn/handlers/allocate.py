"""Allocate (RFC 8656 section 7.2; address families per RFC 8656 7.2 and RFC 6156)."""

from __future__ import annotations

import socket
import struct

from ..allocation import Allocation
from ..allocations import RelayUnavailable, address_key
from ..errors import ParseError
from ..stun.attributes import (
    decode_address_family,
    decode_even_port,
    decode_requested_transport,
    decode_reservation_token,
    decode_u32,
    encode_u32,
    encode_xor_address,
)
from ..stun.constants import (
    REASON_PHRASES,
    TRANSPORT_UDP,
    AddressFamily,
    Attr,
    ErrorCode,
    MessageClass,
)
from ..stun.message import Message
from .context import IP_VERSION, RequestContext, desired_lifetime, error


def _address_error(family: int, code: int) -> bytes:
    """ADDRESS-ERROR-CODE value: family, reserved, class, number, the code's recommended
    reason phrase (RFC 8656 section 18.13)."""
    phrase = REASON_PHRASES[code].encode()
    return struct.pack("!BBBB", family, 0, code // 100, code % 100) + phrase


def handle(ctx: RequestContext) -> Message:
    """Create an allocation, or explain why not with 400/437/440/442/486/508."""
    request = ctx.message
    services = ctx.services
    config = services.config
    table = services.table
    if ctx.allocation is not None:
        return error(request, ErrorCode.ALLOCATION_MISMATCH, "Allocation Mismatch")
    try:
        transport_value = request.get(Attr.REQUESTED_TRANSPORT)
        if transport_value is None:
            return error(request, ErrorCode.BAD_REQUEST, "Missing REQUESTED-TRANSPORT")
        if decode_requested_transport(transport_value) != TRANSPORT_UDP:
            return error(request, ErrorCode.UNSUPPORTED_TRANSPORT_PROTOCOL, "UDP only")
        even_value = request.get(Attr.EVEN_PORT)
        reserve = decode_even_port(even_value) if even_value is not None else False
        token_value = request.get(Attr.RESERVATION_TOKEN)
        token = decode_reservation_token(token_value) if token_value is not None else None
        requested_value = request.get(Attr.REQUESTED_ADDRESS_FAMILY)
        additional_value = request.get(Attr.ADDITIONAL_ADDRESS_FAMILY)
        requested_family = (
            decode_address_family(requested_value) if requested_value is not None else None
        )
        additional_family = (
            decode_address_family(additional_value) if additional_value is not None else None
        )
        lifetime_value = request.get(Attr.LIFETIME)
        requested_lifetime = decode_u32(lifetime_value) if lifetime_value is not None else None
    except ParseError:
        return error(request, ErrorCode.BAD_REQUEST, "Malformed attribute")

    if token is not None and (
        even_value is not None or requested_value is not None or additional_value is not None
    ):
        return error(request, ErrorCode.BAD_REQUEST, "RESERVATION-TOKEN excludes others")
    if reserve and additional_value is not None:
        # RFC 8656 section 7.2: only a reservation (the R bit) excludes a second family
        return error(request, ErrorCode.BAD_REQUEST, "EVEN-PORT R with two families")
    if requested_value is not None and additional_value is not None:
        return error(request, ErrorCode.BAD_REQUEST, "Two address family attributes")
    if additional_family is not None and additional_family != AddressFamily.IPV6:
        return error(request, ErrorCode.BAD_REQUEST, "ADDITIONAL-ADDRESS-FAMILY must be IPv6")
    if requested_family is not None and requested_family not in IP_VERSION:
        return error(request, ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED, "Unknown family")
    client_address = address_key(ctx.five_tuple)
    if table.quota_reached(ctx.auth.username) or table.address_quota_reached(client_address):
        return error(request, ErrorCode.ALLOCATION_QUOTA_REACHED)
    if table.full():
        return error(request, ErrorCode.INSUFFICIENT_CAPACITY, "Server full")

    sockets: dict[int, socket.socket] = {}
    address_error: bytes | None = None
    reservation: bytes | None = None
    if token is not None:
        sock = table.take_reservation(token)
        if sock is None:
            return error(request, ErrorCode.INSUFFICIENT_CAPACITY, "Unknown reservation")
        sockets[6 if sock.family == socket.AF_INET6 else 4] = sock
    else:
        versions = [IP_VERSION[AddressFamily(requested_family)]] if requested_family else [4]
        if additional_family is not None:
            versions.append(6)
        for version in versions:
            try:
                sock, reservation_token = table.open_relay_socket(
                    version, even=even_value is not None, reserve=reserve,
                    owner=ctx.auth.username, owner_address=client_address,
                )
            except RelayUnavailable as exc:
                if version == 6 and additional_family is not None:
                    # RFC 8656 section 7.2: the IPv4 allocation stands, and
                    # ADDRESS-ERROR-CODE says why IPv6 did not (440 or 508)
                    address_error = _address_error(
                        AddressFamily.IPV6,
                        ErrorCode.INSUFFICIENT_CAPACITY
                        if exc.family_supported
                        else ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED,
                    )
                    continue
                for opened in sockets.values():
                    opened.close()
                if not exc.family_supported:
                    return error(
                        request, ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED, "Family not supported"
                    )
                return error(request, ErrorCode.INSUFFICIENT_CAPACITY, "No relay port")
            sockets[version] = sock
            reservation = reservation or reservation_token

    lifetime = desired_lifetime(requested_lifetime, config)
    relayed = {v: table.announced(v, s.getsockname()[1]) for v, s in sockets.items()}
    allocation = Allocation(
        ctx.five_tuple,
        ctx.auth.username,
        sockets,
        relayed,
        services.now + lifetime,
        config.bandwidth_limit,
    )
    allocation.integrity_key = ctx.auth.key
    allocation.sha256 = ctx.auth.sha256
    allocation.dont_fragment = Attr.DONT_FRAGMENT in request
    allocation.allocate_tid = request.transaction_id
    allocation.tokens_at = services.now
    link = ctx.link
    allocation.client_sock = link.sock
    allocation.client_addr = link.addr
    allocation.client_transport = link.transport
    table.add(allocation)
    if callable(link.on_allocation):
        link.on_allocation(allocation)

    response = request.reply(MessageClass.SUCCESS)
    tid = request.transaction_id
    for version in sorted(relayed):
        response.add(Attr.XOR_RELAYED_ADDRESS, encode_xor_address(relayed[version], tid))
    if address_error is not None:
        response.add(Attr.ADDRESS_ERROR_CODE, address_error)
    response.add(Attr.LIFETIME, encode_u32(lifetime))
    if reservation is not None:
        response.add(Attr.RESERVATION_TOKEN, reservation)
    response.add(Attr.XOR_MAPPED_ADDRESS, encode_xor_address(ctx.five_tuple.client, tid))
    return response
