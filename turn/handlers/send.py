"""Send indication (RFC 8656 section 11.2): relay DATA to XOR-PEER-ADDRESS.

Indications get no answer: anything wrong is a counted drop.
"""

from __future__ import annotations

from ..allocation import Allocation
from ..errors import ParseError
from ..relay import Relay
from ..stun.attributes import decode_xor_address
from ..stun.constants import Attr
from ..stun.message import Message


def handle(indication: Message, allocation: Allocation | None, relay: Relay) -> None:
    """Forward the DATA of ``indication`` through ``allocation`` if a permission allows it."""
    if allocation is None:
        relay.drop("no_allocation")
        return
    peer_value = indication.get(Attr.XOR_PEER_ADDRESS)
    data = indication.get(Attr.DATA)
    if peer_value is None or data is None:
        relay.drop("malformed")
        return
    try:
        peer = decode_xor_address(peer_value, indication.transaction_id)
    except ParseError:
        relay.drop("malformed")
        return
    relay.send_to_peer(allocation, data, peer, Attr.DONT_FRAGMENT in indication)
