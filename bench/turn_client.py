"""A minimal blocking TURN client for setting up benchmark load (RFC 8656, RFC 8489).

One :class:`TurnClient` per allocation (its own UDP socket, so its own 5-tuple):
``allocate()`` (401 challenge, then long-term credentials with the MD5 key of RFC 8489
section 9.2.2), ``create_permission(peer)``, ``channel_bind(channel, peer)``. Requests are
retransmitted (RFC 8489 section 6.2.1, doubled timeouts) and 438 Stale Nonce is retried with
the fresh nonce. Data then goes out as ChannelData frames on :attr:`sock`, outside this class.
"""

from __future__ import annotations

import socket

from turn import stun

Address = tuple[str, int]


class TurnClientError(Exception):
    """A TURN request failed: error response, timeout or malformed answer."""


class TurnClient:
    """Blocking control-plane client for one allocation.

    :param server: TURN server UDP address.
    :param username: long-term username (e.g. TURN REST ``"<expiry>:<user>"``).
    :param password: its password.
    :param timeout_s: first retransmission timeout; doubles up to ``attempts`` tries.
    """

    def __init__(
        self,
        server: Address,
        username: str,
        password: str,
        timeout_s: float = 0.25,
        attempts: int = 6,
    ) -> None:
        self.server = server
        self.username = username
        self.password = password
        self.timeout_s = timeout_s
        self.attempts = attempts
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.realm: str | None = None
        self.nonce: bytes | None = None
        self.key: bytes | None = None
        self.relayed: Address | None = None

    def close(self) -> None:
        self.sock.close()

    # -- transactions ---------------------------------------------------------------------
    def _exchange(self, request: stun.Message, key: bytes | None) -> stun.Message:
        data = request.encode(integrity_key=key, fingerprint=True)
        timeout = self.timeout_s
        for _ in range(self.attempts):
            self.sock.settimeout(timeout)
            self.sock.sendto(data, self.server)
            try:
                while True:
                    answer, _ = self.sock.recvfrom(0x10000)
                    if not stun.is_stun(answer):
                        continue  # ChannelData of an earlier phase: not ours
                    message = stun.Message.parse(answer)
                    if message.transaction_id == request.transaction_id:
                        return message
            except TimeoutError:
                timeout *= 2
        raise TurnClientError(f"no answer to method {request.method:#x}")

    def _authenticated(self, method: int, attributes: list[tuple[int, bytes]]) -> stun.Message:
        """Send with credentials, learning REALM/NONCE from a 401 or 438 (at most twice)."""
        for _ in range(3):
            request = stun.Message(method, stun.MessageClass.REQUEST)
            for attr_type, value in attributes:
                request.add(attr_type, value)
            key = None
            if self.nonce is not None and self.realm is not None:
                request.add(stun.Attr.USERNAME, self.username.encode())
                request.add(stun.Attr.REALM, self.realm.encode())
                request.add(stun.Attr.NONCE, self.nonce)
                key = self.key
            answer = self._exchange(request, key)
            if answer.message_class == stun.MessageClass.SUCCESS:
                return answer
            code = _error_code(answer)
            realm, nonce = answer.get(stun.Attr.REALM), answer.get(stun.Attr.NONCE)
            if code in (stun.ErrorCode.UNAUTHENTICATED, stun.ErrorCode.STALE_NONCE) and nonce:
                if code == stun.ErrorCode.UNAUTHENTICATED and key is not None:
                    raise TurnClientError("credentials refused (401)")
                if realm is not None:
                    self.realm = stun.decode_text(realm)
                self.nonce = nonce
                assert self.realm is not None
                self.key = stun.long_term_key(self.username, self.realm, self.password)
                continue
            raise TurnClientError(f"error {code} on method {method:#x}: {_reason(answer)}")
        raise TurnClientError("authentication did not converge")

    # -- methods --------------------------------------------------------------------------
    def binding(self) -> Address:
        """STUN Binding (RFC 8489 section 3): our reflexive address as the server sees it."""
        request = stun.Message(stun.Method.BINDING, stun.MessageClass.REQUEST)
        answer = self._exchange(request, None)
        value = answer.get(stun.Attr.XOR_MAPPED_ADDRESS)
        if answer.message_class != stun.MessageClass.SUCCESS or value is None:
            raise TurnClientError("bad Binding answer")
        return stun.decode_xor_address(value, answer.transaction_id)

    def allocate(self, lifetime_s: int = 600) -> Address:
        """Allocate a UDP relay (RFC 8656 section 7); returns XOR-RELAYED-ADDRESS."""
        transport = stun.encode_requested_transport(stun.TRANSPORT_UDP)
        answer = self._authenticated(
            stun.Method.ALLOCATE,
            [
                (stun.Attr.REQUESTED_TRANSPORT, transport),
                (stun.Attr.LIFETIME, stun.encode_u32(lifetime_s)),
            ],
        )
        value = answer.get(stun.Attr.XOR_RELAYED_ADDRESS)
        if value is None:
            raise TurnClientError("Allocate success without XOR-RELAYED-ADDRESS")
        self.relayed = stun.decode_xor_address(value, answer.transaction_id)
        return self.relayed

    def create_permission(self, peer: Address) -> None:
        """CreatePermission for ``peer``'s IP (RFC 8656 section 9)."""
        self._authenticated(
            stun.Method.CREATE_PERMISSION, [(stun.Attr.XOR_PEER_ADDRESS, _xor_peer(peer))]
        )

    def channel_bind(self, channel: int, peer: Address) -> None:
        """Bind ``channel`` (0x4000-0x4FFF) to ``peer`` (RFC 8656 section 12.1)."""
        self._authenticated(
            stun.Method.CHANNEL_BIND,
            [
                (stun.Attr.CHANNEL_NUMBER, stun.encode_channel_number(channel)),
                (stun.Attr.XOR_PEER_ADDRESS, _xor_peer(peer)),
            ],
        )


def _xor_peer(peer: Address) -> bytes:
    # IPv4 XOR-PEER-ADDRESS is XORed with the magic cookie only (RFC 8489 section 14.2), so
    # it does not depend on the transaction id and survives a retried request.
    if ":" in peer[0]:
        raise ValueError("the benchmark client relays to IPv4 peers only")
    return stun.encode_xor_address(peer, bytes(12))


def _error_code(message: stun.Message) -> int | None:
    value = message.get(stun.Attr.ERROR_CODE)
    if value is None:
        return None
    try:
        return stun.decode_error_code(value)[0]
    except ValueError:
        return None


def _reason(message: stun.Message) -> str:
    value = message.get(stun.Attr.ERROR_CODE)
    if value is None:
        return ""
    try:
        return stun.decode_error_code(value)[1]
    except ValueError:
        return ""
