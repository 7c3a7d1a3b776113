"""ICE-lite responder (with the shared turn.stun codec), DTLS-SRTP handshake, key wipe."""

from collections.abc import Callable

import pytest

from sfu.control import WorkerStats
from sfu.dtls import DtlsCertificate, DtlsSession, well_framed
from sfu.ice_lite import IceLiteAgent
from sfu.srtp import PROFILES
from sfu.transport import WebRtcTransport
from turn import stun


class FakeClock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


def binding_request(username: str, key: bytes, use_candidate: bool = False) -> bytes:
    msg = stun.Message(stun.Method.BINDING, stun.MessageClass.REQUEST)
    msg.add(stun.Attr.USERNAME, username.encode())
    msg.add(stun.Attr.PRIORITY, (1862270975).to_bytes(4, "big"))
    msg.add(stun.Attr.ICE_CONTROLLING, bytes(8))
    if use_candidate:
        msg.add(stun.Attr.USE_CANDIDATE, b"")
    return msg.encode(integrity_key=key, fingerprint=True)


def test_binding_success_has_xor_address_integrity_and_fingerprint():
    clock = FakeClock()
    agent = IceLiteAgent("lfrag", "localpassword0123456789", clock)
    raw = binding_request("lfrag:rfrag", b"localpassword0123456789")
    response = agent.handle_request(raw, stun.Message.parse(raw), ("127.0.0.1", 5000))
    msg = stun.Message.parse(response)
    assert msg.message_class == stun.MessageClass.SUCCESS
    assert stun.verify_message_integrity(response, b"localpassword0123456789")
    assert stun.verify_fingerprint(response)
    tid = msg.transaction_id
    assert stun.decode_xor_address(msg.get(stun.Attr.XOR_MAPPED_ADDRESS), tid)[:2] == (
        "127.0.0.1",
        5000,
    )
    assert agent.selected == ("127.0.0.1", 5000) and not agent.nominated


def test_use_candidate_selects_and_bad_integrity_is_401():
    clock = FakeClock()
    agent = IceLiteAgent("lfrag", "pw" * 12, clock)
    good = binding_request("lfrag:r", ("pw" * 12).encode(), use_candidate=True)
    agent.handle_request(good, stun.Message.parse(good), ("127.0.0.1", 6000))
    assert agent.nominated and agent.selected == ("127.0.0.1", 6000)
    forged = binding_request("lfrag:r", b"not the password", use_candidate=True)
    response = agent.handle_request(forged, stun.Message.parse(forged), ("127.0.0.1", 6666))
    msg = stun.Message.parse(response)
    assert msg.message_class == stun.MessageClass.ERROR
    assert stun.decode_error_code(msg.get(stun.Attr.ERROR_CODE))[0] == 401
    assert agent.selected == ("127.0.0.1", 6000)  # a forged request moves nothing


def test_missing_integrity_is_400():
    agent = IceLiteAgent("lfrag", "pw" * 12, FakeClock())
    msg = stun.Message(stun.Method.BINDING, stun.MessageClass.REQUEST)
    msg.add(stun.Attr.USERNAME, b"lfrag:r")
    raw = msg.encode(fingerprint=True)
    response = stun.Message.parse(agent.handle_request(raw, stun.Message.parse(raw), ("::1", 1)))
    assert stun.decode_error_code(response.get(stun.Attr.ERROR_CODE))[0] == 400


def test_unknown_comprehension_required_attribute_is_420():
    """RFC 8489 section 6.3.1: a request with a comprehension-required attribute the agent
    does not know gets 420 with UNKNOWN-ATTRIBUTES; the agent answered it with a success,
    as if it had understood it. Comprehension-optional ones (Chromium's 0xC057) are
    ignored, and the refused request selects no address."""
    agent = IceLiteAgent("lfrag", "pw" * 12, FakeClock())
    msg = stun.Message(stun.Method.BINDING, stun.MessageClass.REQUEST)
    msg.add(stun.Attr.USERNAME, b"lfrag:r")
    msg.add(stun.Attr.PRIORITY, (1862270975).to_bytes(4, "big"))
    msg.add(0xC057, bytes(4))
    msg.add(0x0030, b"zz")
    raw = msg.encode(integrity_key=("pw" * 12).encode(), fingerprint=True)
    response = agent.handle_request(raw, stun.Message.parse(raw), ("127.0.0.1", 7000))
    answer = stun.Message.parse(response)
    assert stun.decode_error_code(answer.get(stun.Attr.ERROR_CODE))[0] == 420
    assert stun.decode_unknown_attributes(answer.get(stun.Attr.UNKNOWN_ATTRIBUTES)) == [0x0030]
    assert stun.verify_message_integrity(response, ("pw" * 12).encode())
    assert agent.selected is None


def test_consent_expires_after_30_seconds_without_valid_request():
    clock = FakeClock()
    agent = IceLiteAgent("lfrag", "pw" * 12, clock)
    raw = binding_request("lfrag:r", ("pw" * 12).encode())
    clock.now += 20
    agent.handle_request(raw, stun.Message.parse(raw), ("127.0.0.1", 1))
    clock.now += 29
    assert not agent.consent_expired()
    clock.now += 2
    assert agent.consent_expired()


def handshake(server: DtlsSession, client: DtlsSession) -> None:
    flight = client.start()
    for _ in range(10):
        replies = [out for data in flight for out in server.receive(data)]
        flight = [out for data in replies for out in client.receive(data)]
        if server.state == client.state == "connected":
            return
    raise AssertionError("handshake did not finish")


def transport_handshake(transport: WebRtcTransport, client: DtlsSession, sent: list[bytes],
                        addr: tuple[str, int], done: Callable[[], bool]) -> None:
    """Run ``client``'s DTLS handshake against ``transport`` (its datagrams to ``addr``,
    the transport's replies collected in ``sent``) until ``done()``, ten flights at most."""
    flight = client.start()
    for _ in range(10):
        for data in flight:
            transport.handle_dtls(data, addr)
        flight = [out for data in sent for out in client.receive(data)]
        sent.clear()
        if done():
            return


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.openssl_profile.decode())
def test_dtls_srtp_each_profile(profile):
    server_cert = DtlsCertificate([profile])
    client_cert = DtlsCertificate()
    server = DtlsSession(server_cert, True, FakeClock())
    client = DtlsSession(client_cert, False, FakeClock())
    handshake(server, client)
    assert server.peer_fingerprint == client_cert.fingerprint
    assert client.peer_fingerprint == server_cert.fingerprint
    assert server.srtp.profile_name == profile.openssl_profile.decode()
    rtp = bytes.fromhex("80600001000000010000000a") + b"payload"
    assert server.srtp.rx.unprotect(client.srtp.tx.protect(rtp)) == rtp
    assert client.srtp.rx.unprotect(server.srtp.tx.protect(rtp)) == rtp
    rtcp = bytes.fromhex("80c90001" "0000000a")
    assert server.srtp.rx.unprotect_rtcp(client.srtp.tx.protect_rtcp(rtcp)) == rtcp


def test_all_three_profiles_are_supported():
    names = {p.openssl_profile for p in PROFILES}
    assert names == {b"SRTP_AEAD_AES_128_GCM", b"SRTP_AEAD_AES_256_GCM", b"SRTP_AES128_CM_SHA1_80"}


class Events:
    def __init__(self) -> None:
        self.connected = []
        self.closed = []

    def transport_connected(self, t):
        self.connected.append(t)

    def transport_closed(self, t, reason):
        self.closed.append(reason)

    def rtp_received(self, t, plain):
        pass

    def rtcp_received(self, t, packets):
        pass


def make_transport(events, clock, sent):
    return WebRtcTransport(
        direction="publish",
        room_id="r",
        participant_id="p",
        certificate=DtlsCertificate(),
        clock=clock,
        send=lambda data, addr: sent.append(data) or True,
        stats=WorkerStats(),
        listener=events,
        consent_timeout=30.0,
        dtls_timeout=30.0,
    )


def test_transport_connects_verifies_fingerprint_and_wipes_keys_on_close():
    clock = FakeClock()
    events = Events()
    sent: list[bytes] = []
    transport = make_transport(events, clock, sent)
    remote = DtlsCertificate()
    transport.set_remote("rfrag", [("sha-256", remote.fingerprint)], "client")
    client = DtlsSession(remote, False, clock)
    addr = ("127.0.0.1", 9)
    transport_handshake(transport, client, sent, addr, lambda: transport.connected)
    assert events.connected == [transport]
    assert transport.srtp_tx is not None
    # datagrams that are not whole DTLS records are counted drops; the session holds
    for garbage in (b"\x16\xfe\xfd" + bytes(10) + b"\x00\x20", b"\x1a" + bytes(20),
                    b"\x17\x03\x03" + bytes(10) + b"\x00\x00", b"\x15\xfe"):
        transport.handle_dtls(garbage, addr)
    assert transport.stats.drops["dtls_malformed"] == 4
    assert transport.connected and not events.closed
    context = transport._srtp
    transport.close("left")
    assert events.closed == ["left"]
    assert transport.srtp_tx is None and transport.srtp_rx is None
    assert context.tx is None and context.rx is None


def record(kind: int, body: bytes, version: bytes = b"\xfe\xfd") -> bytes:
    return bytes([kind]) + version + bytes(8) + len(body).to_bytes(2, "big") + body


def test_only_whole_dtls_records_are_well_framed():
    flight = DtlsSession(DtlsCertificate(), False, FakeClock()).start()
    assert flight and all(well_framed(datagram) for datagram in flight)
    two = record(20, b"\x01") + record(22, bytes(40))
    assert well_framed(two)
    assert well_framed(record(22, bytes(40), b"\xfe\xff"))  # DTLS 1.0 record version
    assert well_framed(record(23, b"") + bytes([0x2C]) + bytes(30))  # then a DTLS 1.3 header
    assert not well_framed(two[:-1])  # the last record cut short
    assert not well_framed(two + b"\x00")  # a byte after the last record
    assert not well_framed(record(26, b"x"))  # no such content type
    assert not well_framed(record(22, b"x", b"\x03\x03"))  # a TLS version
    assert not well_framed(b"\x16\xfe\xfd\x00")  # a header cut short


def test_transport_rejects_fingerprint_mismatch():
    clock = FakeClock()
    events = Events()
    sent: list[bytes] = []
    transport = make_transport(events, clock, sent)
    transport.set_remote("rfrag", [("sha-256", DtlsCertificate().fingerprint)], "client")
    client = DtlsSession(DtlsCertificate(), False, clock)  # a different certificate
    transport_handshake(transport, client, sent, ("127.0.0.1", 9), lambda: bool(events.closed))
    assert events.closed == ["dtls-failed"]
    assert events.connected == []
    assert transport.srtp_rx is None


def test_transport_closes_after_consent_timeout():
    clock = FakeClock()
    events = Events()
    transport = make_transport(events, clock, [])
    transport.state = "connected"  # as if DTLS had completed
    clock.now += 31
    transport.tick()
    assert events.closed == ["consent-timeout"]


def test_controlled_peer_gets_487_role_conflict():
    """RFC 8445 section 7.3.1.1: a controlled agent receiving ICE-CONTROLLED answers 487
    (Role Conflict) when it keeps its role (there for full agents; the RFC specifies no
    role check for a lite one), and a lite agent always keeps the controlled one (section
    6.1.1), so a full peer must switch (section 7.2.5.1). The agent answered a success and
    selected the address: two controlled agents, nobody nominating."""
    clock = FakeClock()
    agent = IceLiteAgent("lfrag", "pw" * 12, clock)
    msg = stun.Message(stun.Method.BINDING, stun.MessageClass.REQUEST)
    msg.add(stun.Attr.USERNAME, b"lfrag:r")
    msg.add(stun.Attr.PRIORITY, (1862270975).to_bytes(4, "big"))
    msg.add(stun.Attr.ICE_CONTROLLED, (2**64 - 1).to_bytes(8, "big"))
    raw = msg.encode(integrity_key=("pw" * 12).encode(), fingerprint=True)
    clock.now += 10
    response = agent.handle_request(raw, stun.Message.parse(raw), ("127.0.0.1", 7000))
    answer = stun.Message.parse(response)
    assert answer.message_class == stun.MessageClass.ERROR
    assert stun.decode_error_code(answer.get(stun.Attr.ERROR_CODE))[0] == 487
    assert stun.verify_message_integrity(response, ("pw" * 12).encode())
    assert stun.verify_fingerprint(response)
    assert agent.selected is None and agent.last_consent == 50.0


@pytest.mark.parametrize("damage", ["missing", "wrong"])
def test_request_without_valid_fingerprint_is_discarded(damage):
    """RFC 8445 section 7.3 makes FINGERPRINT mandatory in connectivity checks, and RFC 8489
    section 6.3 silently discards a message that fails it (it may be another protocol's
    datagram); the agent answered 400 Bad Request."""
    agent = IceLiteAgent("lfrag", "pw" * 12, FakeClock())
    msg = stun.Message(stun.Method.BINDING, stun.MessageClass.REQUEST)
    msg.add(stun.Attr.USERNAME, b"lfrag:r")
    msg.add(stun.Attr.ICE_CONTROLLING, bytes(8))
    raw = msg.encode(integrity_key=("pw" * 12).encode(), fingerprint=damage == "wrong")
    if damage == "wrong":
        raw = raw[:-1] + bytes([raw[-1] ^ 1])
    assert agent.handle_request(raw, stun.Message.parse(raw), ("127.0.0.1", 1)) is None
    assert agent.selected is None


def test_consent_is_that_of_the_selected_address():
    """RFC 7675 section 5.1: consent is per candidate pair; checks that arrive only on
    another pair do not keep sending to the nominated one alive. The agent refreshed one
    transport-wide consent from any address, so media flowed on to an address that had
    stopped consenting as long as some other address kept checking."""
    clock = FakeClock()
    agent = IceLiteAgent("lfrag", "pw" * 12, clock)
    key = ("pw" * 12).encode()
    nominate = binding_request("lfrag:r", key, use_candidate=True)
    agent.handle_request(nominate, stun.Message.parse(nominate), ("127.0.0.1", 1000))
    other = binding_request("lfrag:r", key)
    for _ in range(4):
        clock.now += 10
        response = agent.handle_request(other, stun.Message.parse(other), ("127.0.0.1", 2000))
        assert stun.Message.parse(response).message_class == stun.MessageClass.SUCCESS
    assert agent.selected == ("127.0.0.1", 1000)
    assert agent.consent_expired()


def test_consent_timeout_sends_nothing_more_to_the_peer():
    """RFC 7675 section 5.1: once consent expires nothing more goes to that address. The
    transport closed on consent-timeout by sending its DTLS close_notify there, as it does
    when a participant leaves (where the address still consents)."""
    clock = FakeClock()
    events = Events()
    sent: list[bytes] = []
    transport = make_transport(events, clock, sent)
    remote = DtlsCertificate()
    transport.set_remote("rfrag", [("sha-256", remote.fingerprint)], "client")
    addr = ("127.0.0.1", 9)
    check = binding_request(f"{transport.ice.ufrag}:rfrag", transport.ice.pwd.encode(), True)
    transport.handle_stun(check, stun.Message.parse(check), addr)
    assert transport.ice.selected == addr
    client = DtlsSession(remote, False, clock)
    sent.clear()
    transport_handshake(transport, client, sent, addr, lambda: transport.connected)
    assert transport.connected
    clock.now += 31
    transport.tick()
    assert events.closed == ["consent-timeout"]
    assert sent == []


def test_message_integrity_sha256_alone_is_verified_and_answered_in_kind():
    """RFC 8489 section 9.1.3: a request with USERNAME and MESSAGE-INTEGRITY-SHA256 has the
    integrity the short-term mechanism asks for (400 is for one with neither integrity
    attribute); it is checked with HMAC-SHA256 (401 when wrong) and the response carries
    the same attribute (section 9.1.4). The agent answered 400 Bad Request."""
    key = ("pw" * 12).encode()
    agent = IceLiteAgent("lfrag", "pw" * 12, FakeClock())
    for password, expected in ((key, stun.MessageClass.SUCCESS), (b"wrong", 401)):
        msg = stun.Message(stun.Method.BINDING, stun.MessageClass.REQUEST)
        msg.add(stun.Attr.USERNAME, b"lfrag:r")
        msg.add(stun.Attr.ICE_CONTROLLING, bytes(8))
        raw = msg.encode(integrity_key=password, fingerprint=True, sha256=True)
        response = agent.handle_request(raw, stun.Message.parse(raw), ("127.0.0.1", 1))
        answer = stun.Message.parse(response)
        if expected == stun.MessageClass.SUCCESS:
            assert answer.message_class == expected
            assert stun.verify_message_integrity_sha256(response, key, min_length=32)
            assert stun.Attr.MESSAGE_INTEGRITY not in answer
        else:
            assert stun.decode_error_code(answer.get(stun.Attr.ERROR_CODE))[0] == expected


def test_username_is_valid_by_its_local_part():
    """RFC 8445 section 7.3: the agent MUST consider the USERNAME valid when it is two
    values separated by a colon, the first being its own ufrag; the password authenticates.
    The agent also compared the part after the colon with the ufrag of the peer's SDP and
    answered 401 when it differed."""
    key = ("pw" * 12).encode()
    agent = IceLiteAgent("lfrag", "pw" * 12, FakeClock())
    agent.remote_ufrag = "rfrag"
    raw = binding_request("lfrag:other", key)
    response = agent.handle_request(raw, stun.Message.parse(raw), ("127.0.0.1", 1))
    assert stun.Message.parse(response).message_class == stun.MessageClass.SUCCESS
    assert agent.selected == ("127.0.0.1", 1)
    raw = binding_request("lfrag", key)  # no colon: not a valid ICE username
    response = agent.handle_request(raw, stun.Message.parse(raw), ("127.0.0.1", 2))
    assert stun.decode_error_code(stun.Message.parse(response).get(stun.Attr.ERROR_CODE))[0] \
        == 401
