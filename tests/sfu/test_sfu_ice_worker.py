"""The worker's STUN path on its UDP socket, as a browser's ICE agent meets it: requests
that reach no transport's ICE-lite agent (RFC 8489 sections 6.3 and 9.1.3)."""

import asyncio
import re
import socket

import pytest
from test_sfu_sdp import CHROME_OFFER

from bench.sfu_session import new_leg, rewrite_transport_lines
from sfu.dtls import DtlsCertificate
from turn import stun

pytestmark = pytest.mark.timeout(30)


async def published(worker) -> tuple[str, str, str]:
    """Publish a Chromium offer; the SFU's ICE ufrag and password, and the leg's ufrag."""
    leg = new_leg(DtlsCertificate())
    leg.sock.close()
    await worker.join("room", "alice")
    answer = await worker.publish("room", "alice", rewrite_transport_lines(CHROME_OFFER, leg))
    ufrag = re.search(r"a=ice-ufrag:(\S+)", answer).group(1)
    pwd = re.search(r"a=ice-pwd:(\S+)", answer).group(1)
    return ufrag, pwd, leg.ufrag


def request(username: str | None, key: bytes | None, fingerprint: bool = True) -> bytes:
    msg = stun.Message(stun.Method.BINDING, stun.MessageClass.REQUEST)
    if username is not None:
        msg.add(stun.Attr.USERNAME, username.encode())
    msg.add(stun.Attr.PRIORITY, (1862270975).to_bytes(4, "big"))
    msg.add(stun.Attr.ICE_CONTROLLING, bytes(8))
    return msg.encode(integrity_key=key, fingerprint=fingerprint)


async def exchange(worker, data: bytes) -> stun.Message | None:
    """Send ``data`` to the worker from a fresh loopback socket; its answer, or None."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.setblocking(False)
    try:
        sock.sendto(data, worker.address)
        try:
            answer = await asyncio.wait_for(
                asyncio.get_running_loop().sock_recv(sock, 2048), 0.5)
        except TimeoutError:
            return None
        return stun.Message.parse(answer)
    finally:
        sock.close()


async def test_request_without_fingerprint_is_a_counted_silent_drop(worker):
    """RFC 8445 section 7.3 makes FINGERPRINT mandatory in connectivity checks and RFC 8489
    section 6.3 silently discards a message that fails it: the worker answered 400."""
    ufrag, pwd, remote = await published(worker)
    assert await exchange(worker, request(f"{ufrag}:{remote}", pwd.encode(), False)) is None
    assert worker.stats.drops.get("stun_fingerprint") == 1
    answer = await exchange(worker, request(f"{ufrag}:{remote}", pwd.encode()))
    assert answer is not None and answer.message_class == stun.MessageClass.SUCCESS


@pytest.mark.parametrize(("username", "integrity", "code"), [
    ("nosuchufrag:{remote}", True, 401),
    ("{ufrag}", True, 401),
    (None, True, 400),
    ("nosuchufrag:{remote}", False, 400),
])
async def test_request_reaching_no_transport_is_refused(worker, username, integrity, code):
    """RFC 8489 section 9.1.3: a request without both USERNAME and MESSAGE-INTEGRITY gets
    400, one whose USERNAME is not currently valid 401, neither with MESSAGE-INTEGRITY
    (there is no password to sign with). The worker answered neither: a browser checking a
    transport that had closed learnt nothing until its checks timed out. Each still counts
    as ``stun_unknown_ufrag``, which fjord doctor reads."""
    ufrag, pwd, remote = await published(worker)
    name = None if username is None else username.format(ufrag=ufrag, remote=remote)
    answer = await exchange(worker, request(name, pwd.encode() if integrity else None))
    assert answer is not None and answer.message_class == stun.MessageClass.ERROR
    assert stun.decode_error_code(answer.get(stun.Attr.ERROR_CODE))[0] == code
    assert stun.Attr.MESSAGE_INTEGRITY not in answer and stun.Attr.USERNAME not in answer
    assert stun.Attr.FINGERPRINT in answer
    assert worker.stats.drops.get("stun_unknown_ufrag") == 1
