"""Pure STUN codec (RFC 8489), shared by the TURN relay and the SFU's ICE-lite responder.

No asyncio, sockets or logging: bytes in, objects or bytes out. Malformed input raises
:class:`turn.errors.ParseError` (a ``ValueError``) and nothing else.

Parsing and building::

    from turn import stun

    msg = stun.Message.parse(data)                     # ParseError on bad bytes
    if msg.method == stun.Method.BINDING and msg.message_class == stun.MessageClass.REQUEST:
        ok = stun.verify_message_integrity(data, key)  # bytes as received
        reply = msg.reply(stun.MessageClass.SUCCESS)
        reply.add(stun.Attr.XOR_MAPPED_ADDRESS,
                  stun.encode_xor_address(("192.0.2.1", 32853), msg.transaction_id))
        out = reply.encode(integrity_key=key, fingerprint=True)

- :class:`Message`: ``method``, ``message_class``, ``transaction_id`` (12 bytes),
  ``attributes`` as ``[(type, raw value)]``; ``parse``, ``encode(integrity_key, fingerprint,
  sha256=False)``, ``add``, ``get``, ``get_all``, ``reply``.
- Integrity on raw bytes: :func:`verify_message_integrity` (HMAC-SHA1),
  :func:`verify_message_integrity_sha256`, :func:`verify_fingerprint`, :func:`long_term_key`
  (MD5 or SHA-256 per PASSWORD-ALGORITHM), :func:`userhash`.
- Attribute values: ``encode_*/decode_*`` in :mod:`turn.stun.attributes` (addresses, XOR
  addresses, ERROR-CODE, UNKNOWN-ATTRIBUTES, LIFETIME, CHANNEL-NUMBER, password
  algorithms, nonce security features...).
- Numbers: :class:`Method`, :class:`MessageClass`, :class:`Attr`, :class:`ErrorCode`,
  :class:`PasswordAlgorithm`, :class:`AddressFamily`.
- ChannelData framing (RFC 8656 section 12.4): :mod:`turn.stun.channel_data`.
"""

from .attributes import (
    Address,
    decode_address,
    decode_address_family,
    decode_channel_number,
    decode_error_code,
    decode_even_port,
    decode_nonce_features,
    decode_password_algorithm,
    decode_password_algorithms,
    decode_requested_transport,
    decode_reservation_token,
    decode_text,
    decode_u32,
    decode_unknown_attributes,
    decode_xor_address,
    encode_address,
    encode_address_family,
    encode_channel_number,
    encode_error_code,
    encode_even_port,
    encode_nonce_features,
    encode_password_algorithm,
    encode_password_algorithms,
    encode_requested_transport,
    encode_text,
    encode_u32,
    encode_unknown_attributes,
    encode_xor_address,
)
from .channel_data import (
    CHANNEL_MAX,
    CHANNEL_MIN,
    LEGACY_CHANNEL_MAX,
    encode_channel_data,
    is_channel_data,
)
from .constants import (
    HEADER_LENGTH,
    KNOWN_ATTRIBUTES,
    MAGIC_COOKIE,
    TRANSPORT_UDP,
    AddressFamily,
    Attr,
    ErrorCode,
    MessageClass,
    Method,
    PasswordAlgorithm,
    is_comprehension_required,
)
from .integrity import (
    long_term_key,
    userhash,
    verify_fingerprint,
    verify_message_integrity,
    verify_message_integrity_sha256,
)
from .message import (
    Message,
    decode_type,
    encode_type,
    is_stun,
    new_transaction_id,
    unknown_required,
)

__all__ = [
    "Address",
    "AddressFamily",
    "Attr",
    "CHANNEL_MAX",
    "CHANNEL_MIN",
    "LEGACY_CHANNEL_MAX",
    "ErrorCode",
    "HEADER_LENGTH",
    "KNOWN_ATTRIBUTES",
    "MAGIC_COOKIE",
    "Message",
    "MessageClass",
    "Method",
    "PasswordAlgorithm",
    "TRANSPORT_UDP",
    "decode_address",
    "decode_address_family",
    "decode_channel_number",
    "decode_error_code",
    "decode_even_port",
    "decode_nonce_features",
    "decode_password_algorithm",
    "decode_password_algorithms",
    "decode_requested_transport",
    "decode_reservation_token",
    "decode_text",
    "decode_type",
    "decode_u32",
    "decode_unknown_attributes",
    "decode_xor_address",
    "encode_address",
    "encode_address_family",
    "encode_channel_data",
    "encode_channel_number",
    "encode_error_code",
    "encode_even_port",
    "encode_nonce_features",
    "encode_password_algorithm",
    "encode_password_algorithms",
    "encode_requested_transport",
    "encode_text",
    "encode_type",
    "encode_u32",
    "encode_unknown_attributes",
    "encode_xor_address",
    "is_channel_data",
    "is_comprehension_required",
    "is_stun",
    "unknown_required",
    "long_term_key",
    "new_transaction_id",
    "userhash",
    "verify_fingerprint",
    "verify_message_integrity",
    "verify_message_integrity_sha256",
]
