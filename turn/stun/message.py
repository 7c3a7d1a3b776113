"""STUN message: header, transaction id and the attribute list (RFC 8489 sections 5 and 14).

```
 0                   1                   2                   3
 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
|0 0|     STUN Message Type     |         Message Length        |
+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
|                         Magic Cookie                          |
+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
|                     Transaction ID (96 bits)                  |
+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
```
Attributes are type (2), length (2), value, then zero padding to a 4-byte boundary.
"""

from __future__ import annotations

import os
import struct

from ..errors import ParseError
from .constants import (
    HEADER_LENGTH,
    KNOWN_ATTRIBUTES,
    MAGIC_COOKIE,
    MAGIC_COOKIE_BYTES,
    TRANSACTION_ID_LENGTH,
    Attr,
)
from .integrity import compute_fingerprint, hmac_sha1, hmac_sha256

_COMPUTED = (Attr.MESSAGE_INTEGRITY, Attr.MESSAGE_INTEGRITY_SHA256, Attr.FINGERPRINT)
MAX_MESSAGE_LENGTH = HEADER_LENGTH + 0xFFFF


def encode_type(method: int, message_class: int) -> int:
    """Interleave the 12 method bits and 2 class bits into the 14-bit message type."""
    return (
        (method & 0x000F)
        | ((method & 0x0070) << 1)
        | ((method & 0x0F80) << 2)
        | ((message_class & 0b01) << 4)
        | ((message_class & 0b10) << 7)
    )


def decode_type(message_type: int) -> tuple[int, int]:
    """Split a 14-bit message type into ``(method, message_class)``."""
    method = (
        (message_type & 0x000F) | ((message_type & 0x00E0) >> 1) | ((message_type & 0x3E00) >> 2)
    )
    message_class = ((message_type >> 4) & 0b01) | ((message_type >> 7) & 0b10)
    return method, message_class


def new_transaction_id() -> bytes:
    """A random 96-bit transaction id (RFC 8489 section 5)."""
    return os.urandom(TRANSACTION_ID_LENGTH)


def is_stun(data: bytes) -> bool:
    """Cheap demultiplexing test (RFC 7983): top bits 00, magic cookie at offset 4."""
    return len(data) >= HEADER_LENGTH and data[0] < 4 and data[4:8] == MAGIC_COOKIE_BYTES


class Message:
    """A STUN message with raw attribute values in wire order.

    Attributes:
        method: 12-bit method (:class:`~turn.stun.constants.Method`).
        message_class: 2-bit class (:class:`~turn.stun.constants.MessageClass`).
        transaction_id: 12 bytes.
        attributes: ``(type, value)`` pairs, values without padding. After :meth:`parse`
            MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT appear here as received;
            :meth:`encode` leaves them out and computes them from its arguments.
    """

    __slots__ = ("method", "message_class", "transaction_id", "attributes")

    def __init__(
        self,
        method: int,
        message_class: int,
        transaction_id: bytes | None = None,
        attributes: list[tuple[int, bytes]] | None = None,
    ) -> None:
        if transaction_id is None:
            transaction_id = new_transaction_id()
        if len(transaction_id) != TRANSACTION_ID_LENGTH:
            raise ValueError("transaction id must be 12 bytes")
        self.method = method
        self.message_class = message_class
        self.transaction_id = transaction_id
        self.attributes: list[tuple[int, bytes]] = attributes if attributes is not None else []

    def add(self, attr_type: int, value: bytes) -> Message:
        """Append one attribute (value without padding, at most 65535 bytes); returns self."""
        if len(value) > 0xFFFF:
            raise ValueError("attribute value longer than 65535 bytes")
        self.attributes.append((int(attr_type), bytes(value)))
        return self

    def get(self, attr_type: int) -> bytes | None:
        """Value of the first attribute of ``attr_type``, or None."""
        for found_type, value in self.attributes:
            if found_type == attr_type:
                return value
        return None

    def get_all(self, attr_type: int) -> list[bytes]:
        """Values of every attribute of ``attr_type``, in order."""
        return [value for found_type, value in self.attributes if found_type == attr_type]

    def __contains__(self, attr_type: int) -> bool:
        return any(found_type == attr_type for found_type, _ in self.attributes)

    def reply(self, message_class: int) -> Message:
        """An empty response of ``message_class`` with this method and transaction id."""
        return Message(self.method, message_class, self.transaction_id)

    @classmethod
    def parse(cls, data: bytes) -> Message:
        """Decode one whole STUN message (RFC 8489 sections 5, 14).

        The header length must match ``len(data)`` exactly and be a multiple of 4; padding
        bytes are not checked (RFC 5769 vectors pad with spaces). Attributes following
        MESSAGE-INTEGRITY other than one MESSAGE-INTEGRITY-SHA256 and FINGERPRINT, those
        following MESSAGE-INTEGRITY-SHA256 other than FINGERPRINT, and anything following
        FINGERPRINT, are ignored (RFC 8489 sections 9, 14.5, 14.6). Integrity is checked
        separately by :func:`~turn.stun.integrity.verify_message_integrity`.

        Raises:
            ParseError: short data, bad leading bits, cookie, length or attribute bounds.
        """
        size = len(data)
        if size < HEADER_LENGTH:
            raise ParseError("STUN message shorter than its 20-byte header")
        message_type, length, cookie = struct.unpack_from("!HHI", data, 0)
        if message_type & 0xC000:
            raise ParseError("first two bits of a STUN message must be zero")
        if cookie != MAGIC_COOKIE:
            raise ParseError("bad STUN magic cookie")
        if length % 4 or HEADER_LENGTH + length != size:
            raise ParseError("STUN length field does not match the data")
        method, message_class = decode_type(message_type)
        attributes: list[tuple[int, bytes]] = []
        after_sha1 = after_sha256 = False
        pos = HEADER_LENGTH
        while pos < size:
            if pos + 4 > size:
                raise ParseError("truncated attribute header")
            attr_type, attr_len = struct.unpack_from("!HH", data, pos)
            end = pos + 4 + attr_len
            if end + (-attr_len % 4) > size:
                raise ParseError("attribute runs past the end of the message")
            if attr_type == Attr.FINGERPRINT:
                attributes.append((attr_type, bytes(data[pos + 4 : end])))
                break
            if attr_type == Attr.MESSAGE_INTEGRITY_SHA256 and not after_sha256:
                attributes.append((attr_type, bytes(data[pos + 4 : end])))
                after_sha256 = True
            elif not (after_sha1 or after_sha256):
                attributes.append((attr_type, bytes(data[pos + 4 : end])))
                after_sha1 = attr_type == Attr.MESSAGE_INTEGRITY
            pos = end + (-attr_len % 4)
        return cls(method, message_class, bytes(data[8:20]), attributes)

    def encode(
        self,
        integrity_key: bytes | None = None,
        fingerprint: bool = False,
        *,
        sha256: bool = False,
    ) -> bytes:
        """Serialize with zero padding, then optional integrity and FINGERPRINT (last).

        Args:
            integrity_key: when given, append MESSAGE-INTEGRITY (HMAC-SHA1), or
                MESSAGE-INTEGRITY-SHA256 when ``sha256`` is true, keyed with it
                (RFC 8489 sections 14.5, 14.6).
            fingerprint: append FINGERPRINT (RFC 8489 section 14.7).

        Raises:
            ValueError: the message would exceed 65535 bytes of attributes.
        """
        parts = [b""]
        for attr_type, value in self.attributes:
            if attr_type in _COMPUTED:
                continue
            parts.append(struct.pack("!HH", attr_type, len(value)))
            parts.append(value)
            pad = -len(value) % 4
            if pad:
                parts.append(b"\x00" * pad)
        body = b"".join(parts)
        message_type = encode_type(self.method, self.message_class)
        tid = self.transaction_id
        if integrity_key is not None:
            mac_length = 32 if sha256 else 20
            length = len(body) + 4 + mac_length
            prefix = struct.pack("!HHI", message_type, length, MAGIC_COOKIE) + tid + body
            if sha256:
                mac = hmac_sha256(integrity_key, prefix)
                attr = Attr.MESSAGE_INTEGRITY_SHA256
            else:
                mac = hmac_sha1(integrity_key, prefix)
                attr = Attr.MESSAGE_INTEGRITY
            body += struct.pack("!HH", attr, mac_length) + mac
        if fingerprint:
            prefix = struct.pack("!HHI", message_type, len(body) + 8, MAGIC_COOKIE) + tid + body
            body += struct.pack("!HHI", Attr.FINGERPRINT, 4, compute_fingerprint(prefix))
        if len(body) > 0xFFFF:
            raise ValueError("STUN message too long")
        return struct.pack("!HHI", message_type, len(body), MAGIC_COOKIE) + tid + body

    def __bytes__(self) -> bytes:
        return self.encode()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return (
            self.method == other.method
            and self.message_class == other.message_class
            and self.transaction_id == other.transaction_id
            and self.attributes == other.attributes
        )

    def __repr__(self) -> str:
        names = ", ".join(f"0x{t:04x}({len(v)})" for t, v in self.attributes)
        return (
            f"Message(method=0x{self.method:03x}, class={self.message_class}, "
            f"tid={self.transaction_id.hex()}, attributes=[{names}])"
        )


def unknown_required(message: Message) -> list[int]:
    """Comprehension-required attribute types of ``message`` this server does not know, each
    once, in order of first appearance.

    Linear in the number of attributes: a message of 8 KiB holds 2,000 of them, and this
    runs before authentication (Binding, Send indications).
    """
    unknown: dict[int, None] = {}
    for attr_type, _ in message.attributes:
        if attr_type < 0x8000 and attr_type not in KNOWN_ATTRIBUTES:
            unknown[attr_type] = None
    return list(unknown)
