"""ICE-lite responder for one transport (RFC 8445 sections 2.5 and 7.3) with consent
freshness (RFC 7675), built on the shared STUN codec :mod:`turn.stun`.

A lite agent never sends checks: it answers Binding requests whose USERNAME is ``<local
ufrag>:<remote ufrag>`` and whose MESSAGE-INTEGRITY (or, alone, MESSAGE-INTEGRITY-SHA256)
verifies with the local password, learns the peer's address from them, and selects the
address of the request carrying USE-CANDIDATE. It is always the controlled agent (RFC
8445 section 6.1.1): a request with ICE-CONTROLLED gets 487 (Role Conflict), the answer
of a controlled agent that keeps its role (section 7.3.1.1, written for full agents; the
RFC leaves a lite one free), so that a full peer takes the controlling role (section
7.2.5.1) instead of neither agent nominating. A request without a valid FINGERPRINT,
mandatory in connectivity checks (section 7.3), is silently discarded (RFC 8489 section
6.3). Consent is that of the selected address (RFC 7675 section 5.1): every valid request
from it refreshes consent; after ``consent_timeout`` seconds without one the transport
must be closed. No I/O here: bytes in, bytes out.
"""

import secrets
from collections.abc import Callable

from turn import stun

Address = tuple[str, int]


def new_ice_credentials() -> tuple[str, str]:
    """Random ``(ufrag, pwd)``: 8 and 24 ice-chars (RFC 8839 section 5.4 minimums: 4, 22)."""
    return secrets.token_hex(4), secrets.token_hex(12)


def ufrag_of(msg: stun.Message) -> str | None:
    """The local ufrag part (before ':') of a request's USERNAME, or None."""
    username = msg.get(stun.Attr.USERNAME)
    if not username:
        return None
    local, sep, _ = username.partition(b":")
    if not sep:
        return None
    try:
        return local.decode("ascii")
    except UnicodeDecodeError:
        return None


def has_integrity(msg: stun.Message) -> bool:
    """True when ``msg`` carries MESSAGE-INTEGRITY or MESSAGE-INTEGRITY-SHA256."""
    return stun.Attr.MESSAGE_INTEGRITY in msg or stun.Attr.MESSAGE_INTEGRITY_SHA256 in msg


def error_response(msg: stun.Message, code: int, reason: str) -> bytes:
    """An error response to ``msg`` with FINGERPRINT and no MESSAGE-INTEGRITY: a request
    that failed the short-term credential checks (RFC 8489 section 9.1.3)."""
    reply = msg.reply(stun.MessageClass.ERROR)
    reply.add(stun.Attr.ERROR_CODE, stun.encode_error_code(code, reason))
    return reply.encode(fingerprint=True)


class IceLiteAgent:
    """Binding responder and consent tracker of one transport.

    :param ufrag: local username fragment (announced in SDP).
    :param pwd: local password (announced in SDP), the MESSAGE-INTEGRITY key.
    :param clock: monotonic clock in seconds.
    :param consent_timeout: seconds of consent without a valid request (RFC 7675: 30).
    """

    def __init__(
        self, ufrag: str, pwd: str, clock: Callable[[], float], consent_timeout: float = 30.0
    ) -> None:
        self.ufrag = ufrag
        self.pwd = pwd
        self.remote_ufrag: str | None = None
        "The peer's ufrag from its SDP (a changed one is an ICE restart: a new transport)."
        self._key = pwd.encode("ascii")
        self._clock = clock
        self._consent_timeout = consent_timeout
        self.last_consent = clock()
        self.selected: Address | None = None
        "Address to send media to: the nominated one, else the last valid one."
        self.nominated = False
        self.valid_requests = 0
        "Requests answered with a success: each one validated the address it came from."

    def handle_request(self, raw: bytes, msg: stun.Message, addr: Address) -> bytes | None:
        """Answer a Binding request addressed to this agent.

        Returns the encoded response: a success with XOR-MAPPED-ADDRESS,
        MESSAGE-INTEGRITY (the request's kind) and FINGERPRINT, a 400/401 error response, or, for an
        authenticated request with comprehension-required attributes this agent does not
        know, 420 with UNKNOWN-ATTRIBUTES (RFC 8489 section 6.3.1), or for one with
        ICE-CONTROLLED 487 (RFC 8445 section 7.3.1.1); the last two neither refresh
        consent nor select their address. None when the message is not a Binding
        request or has no valid FINGERPRINT (silently discarded, RFC 8489 section 6.3).
        """
        if msg.method != stun.Method.BINDING or msg.message_class != stun.MessageClass.REQUEST:
            return None
        if not stun.verify_fingerprint(raw):
            return None
        username = msg.get(stun.Attr.USERNAME)
        if username is None or not has_integrity(msg):
            return error_response(msg, stun.ErrorCode.BAD_REQUEST, "Bad Request")
        # MESSAGE-INTEGRITY as browsers send it; else MESSAGE-INTEGRITY-SHA256, answered
        # in kind (RFC 8489 sections 9.1.3, 9.1.4)
        sha256 = stun.Attr.MESSAGE_INTEGRITY not in msg
        verified = (stun.verify_message_integrity_sha256(raw, self._key) if sha256
                    else stun.verify_message_integrity(raw, self._key))
        # valid: "<local ufrag>:<anything>" (RFC 8445 section 7.3); the password authenticates
        local, colon, _ = username.partition(b":")
        if not colon or local != self.ufrag.encode("ascii") or not verified:
            return error_response(msg, stun.ErrorCode.UNAUTHENTICATED, "Unauthenticated")
        unknown = stun.unknown_required(msg)
        if unknown:
            refusal = msg.reply(stun.MessageClass.ERROR)
            refusal.add(stun.Attr.ERROR_CODE, stun.encode_error_code(
                stun.ErrorCode.UNKNOWN_ATTRIBUTE, "Unknown Attribute"))
            refusal.add(stun.Attr.UNKNOWN_ATTRIBUTES, stun.encode_unknown_attributes(unknown))
            return refusal.encode(integrity_key=self._key, fingerprint=True, sha256=sha256)
        if stun.Attr.ICE_CONTROLLED in msg:
            conflict = msg.reply(stun.MessageClass.ERROR)
            conflict.add(stun.Attr.ERROR_CODE, stun.encode_error_code(
                stun.ErrorCode.ROLE_CONFLICT, "Role Conflict"))
            return conflict.encode(integrity_key=self._key, fingerprint=True, sha256=sha256)
        self.valid_requests += 1
        if stun.Attr.USE_CANDIDATE in msg:
            self.selected = addr
            self.nominated = True
        elif not self.nominated or self.selected is None:
            self.selected = addr
        if addr == self.selected:
            self.last_consent = self._clock()
        reply = msg.reply(stun.MessageClass.SUCCESS)
        reply.add(
            stun.Attr.XOR_MAPPED_ADDRESS, stun.encode_xor_address(addr, msg.transaction_id)
        )
        return reply.encode(integrity_key=self._key, fingerprint=True, sha256=sha256)

    def consent_expired(self) -> bool:
        """True when no valid request came from the selected address for
        ``consent_timeout`` seconds."""
        return self._clock() - self.last_consent > self._consent_timeout
