"""Request dispatcher: parse, replay cache, authentication, method switch, signing.

RFC 8489 section 6.3 (receiving a request), RFC 8656 sections 6-12. Every error response
carries a reason phrase (RFC 8489 section 14.8: it is meant for the user; a browser shows it
as the icecandidateerror's errorText). Errors answered to unauthenticated requests carry no
SOFTWARE, so they stay small (reflection: at most 104 bytes); 401/438 answers are
rate-limited per source IP, beyond which requests are dropped and counted.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from operability.ratelimit import KeyedRateLimiter

from . import metrics
from .allocation import Allocation
from .auth import Authenticated, Authenticator, Rejected
from .errors import ParseError
from .five_tuple import FiveTuple
from .handlers import allocate, binding, channel_bind, create_permission, refresh, send
from .handlers.context import ClientLink, RequestContext, Services, error
from .responses import ResponseCache
from .stun.attributes import encode_text, encode_unknown_attributes
from .stun.constants import (
    Attr,
    ErrorCode,
    MessageClass,
    Method,
)
from .stun.integrity import verify_fingerprint
from .stun.message import Message, unknown_required

logger = logging.getLogger(__name__)

_HANDLERS: dict[int, Callable[[RequestContext], Message]] = {
    Method.ALLOCATE: allocate.handle,
    Method.REFRESH: refresh.handle,
    Method.CREATE_PERMISSION: create_permission.handle,
    Method.CHANNEL_BIND: channel_bind.handle,
}
_METHOD_NAMES = {int(m): m.name.lower() for m in Method}


class Dispatcher:
    """Turns one received STUN message into at most one response (bytes)."""

    def __init__(
        self,
        services: Services,
        authenticator: Authenticator,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.services = services
        self.auth = authenticator
        self.cache = ResponseCache()
        self.limiter = KeyedRateLimiter(
            services.config.unauthenticated_rate,
            services.config.unauthenticated_burst,
            max_keys=65536,
        )
        self._clock = clock
        software = services.config.software
        self._software = encode_text(software) if software else None

    def handle_stun(self, raw: bytes, five_tuple: FiveTuple, link: ClientLink) -> bytes | None:
        """Process ``raw`` (one whole message) from ``five_tuple``; returns the answer or None.

        Never raises on bad input: malformed messages are counted drops.
        """
        try:
            message = Message.parse(raw)
        except ParseError:
            self.services.relay.drop("malformed")
            return None
        if Attr.FINGERPRINT in message and not verify_fingerprint(raw):
            # RFC 8489 section 7.3: a message whose FINGERPRINT is wrong is not STUN for us.
            self.services.relay.drop("bad_fingerprint")
            return None
        table = self.services.table
        if message.message_class == MessageClass.INDICATION:
            if message.method == Method.SEND and not unknown_required(message):
                send.handle(message, table.get(five_tuple), self.services.relay)
            else:
                self.services.relay.drop("unexpected_indication")
            return None
        if message.message_class != MessageClass.REQUEST:
            self.services.relay.drop("unexpected_response")
            return None

        now = self._clock()
        cache_key = (five_tuple, message.transaction_id)
        cached = self.cache.get(cache_key, now)
        if cached is not None:
            return cached
        fingerprint = Attr.FINGERPRINT in message

        if message.method == Method.BINDING:
            unknown = unknown_required(message)
            if unknown:
                response = self._unknown(message, unknown)
            else:
                response = binding.handle(message, five_tuple.client)
            return response.encode(fingerprint=fingerprint)

        handler = _HANDLERS.get(message.method)
        if handler is None:
            # RFC 8489 section 6.3: an unsupported method, or a class the method does not
            # allow (a Send or Data request), is silently discarded.
            self.services.relay.drop("unsupported_method")
            return None

        verdict = self.auth.authenticate(message, raw, five_tuple.key())
        if isinstance(verdict, Rejected):
            return self._reject(message, verdict, five_tuple, fingerprint)

        allocation = table.get(five_tuple)
        if (
            allocation is not None
            and message.method == Method.ALLOCATE
            and allocation.allocate_tid == message.transaction_id
            and allocation.username == verdict.username
            and allocation.allocate_response
        ):
            # A retransmission whose cached answer was evicted: same success again.
            return allocation.allocate_response
        response = self._authenticated(message, verdict, allocation, five_tuple, link, now)
        encoded = response.encode(verdict.key, fingerprint, sha256=verdict.sha256)
        self.cache.put(cache_key, encoded, now)
        if message.method == Method.ALLOCATE and response.message_class == MessageClass.SUCCESS:
            created = table.get(five_tuple)
            if created is not None:
                created.allocate_response = encoded
        result = "success" if response.message_class == MessageClass.SUCCESS else "error"
        metrics.REQUESTS.labels(_METHOD_NAMES.get(message.method, "other"), result).inc()
        return encoded

    def _authenticated(
        self,
        message: Message,
        verdict: Authenticated,
        allocation: Allocation | None,
        five_tuple: FiveTuple,
        link: ClientLink,
        now: float,
    ) -> Message:
        unknown = unknown_required(message)
        if unknown:
            return self._unknown(message, unknown)
        if (
            allocation is not None
            and allocation.username != verdict.username
            and message.method != Method.ALLOCATE
        ):
            # RFC 8656 section 5: 441 is for the non-Allocate requests; an Allocate from a
            # 5-tuple in use gets 437 from its handler, whoever signed it (section 7.2).
            metrics.AUTH_FAILURES.labels("wrong_credentials").inc()
            return error(message, ErrorCode.WRONG_CREDENTIALS, "Wrong Credentials")
        if message.method != Method.ALLOCATE and allocation is None:
            return error(message, ErrorCode.ALLOCATION_MISMATCH, "Allocation Mismatch")
        self.services.now = now
        context = RequestContext(message, five_tuple, verdict, allocation, link, self.services)
        response = _HANDLERS[message.method](context)
        if self._software is not None and response.message_class == MessageClass.SUCCESS:
            response.add(Attr.SOFTWARE, self._software)
        return response

    def _unknown(self, message: Message, unknown: list[int]) -> Message:
        response = error(message, ErrorCode.UNKNOWN_ATTRIBUTE, "Unknown Attribute")
        response.add(Attr.UNKNOWN_ATTRIBUTES, encode_unknown_attributes(unknown))
        return response

    def _reject(
        self, message: Message, verdict: Rejected, five_tuple: FiveTuple, fingerprint: bool
    ) -> bytes | None:
        if verdict.reason != "challenge":
            metrics.AUTH_FAILURES.labels(verdict.reason).inc()
        if not self.limiter.allow(five_tuple.client[0]):
            metrics.AUTH_FAILURES.labels("rate_limited").inc()
            self.services.relay.drop("rate_limited")
            return None
        response = error(message, verdict.code)
        if verdict.challenge:
            self.auth.challenge(response, five_tuple.key())
        return response.encode(fingerprint=fingerprint)
