"""End-to-end encrypted group rooms against a server that misbehaves, in real Chromium.

Frame keys must follow the room's membership even when rotations overlap, and what the SFU
sends a page must be what the sender encrypted once: an authenticated frame the SFU sends
again (a replay, which it can make at will since it routes every packet) is dropped. The
server is played by the test: the SFU's test-only RTP tap (``FJORD_TEST_RTP_TAP``,
sfu/rtp_tap.py) shows which frame key a page encrypts under, and a replaying SFU is
stood in for at the receiving page, in front of its decryption: a shim prepended to
e2ee-worker.js gives a later frame the bytes of an earlier one, as the SFU would by sending
an old payload again under new RTP headers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from e2e_support import RoomPage, poll, room_url
from vp8_frames import RtpTapReader

from tests.conftest import FjordServer, start_fjord, stop_fjord

pytestmark = [pytest.mark.browser, pytest.mark.sfu, pytest.mark.slow, pytest.mark.timeout(180)]

MEDIA_TIMEOUT_S = 30
KEY_HOOK = "window.fjordE2eeTestKeys = { keys: [] };"


@pytest.fixture(scope="module")
def tap() -> Iterator[RtpTapReader]:
    reader = RtpTapReader()
    yield reader
    reader.close()


@pytest.fixture(scope="module")
def e2ee_server(tmp_path_factory: pytest.TempPathFactory, tap: RtpTapReader
                ) -> Iterator[FjordServer]:
    base = tmp_path_factory.mktemp("fjord-e2ee-attacks")
    server = start_fjord(base / "data", base / "fjord.log", FJORD_TEST_RTP_TAP=tap.address)
    yield server
    stop_fjord(server)


def url(meeting: dict[str, Any], name: str) -> str:
    return room_url(meeting["roomUrl"], displayName=name, precallReview="off")


# The page's wrapping-key derivations (HKDF deriveKey, e2ee.js) wait while `holdDerive` is
# set, until `releaseDerive()`: a slow derivation, as on a busy page, made deterministic.
HELD_DERIVATION = KEY_HOOK + """
window.heldDerivations = [];
window.holdDerive = false;
const realDeriveKey = SubtleCrypto.prototype.deriveKey;
SubtleCrypto.prototype.deriveKey = function (...args) {
  if (!window.holdDerive) return realDeriveKey.apply(this, args);
  return new Promise((resolve) => window.heldDerivations.push(
    () => resolve(realDeriveKey.apply(this, args))));
};
window.releaseDerive = () => {
  window.holdDerive = false;
  for (const release of window.heldDerivations.splice(0)) release();
};
"""

# In Ada's page: once she drew the key for the leave (`keyId`), let its message go out and
# then finish the derivation the join's rotation waited on, well within the leave's 400 ms.
RELEASE_AFTER_LEAVE_KEY = """
([selfId, keyId]) => {
  const drawn = () => window.fjordE2eeTestKeys.keys.some(
    (k) => k.sender === selfId && k.keyId === keyId);
  window.released = (async () => {
    while (!drawn()) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    window.releaseDerive();
  })();
}
"""


def test_overlapping_rotations_end_on_the_newest_key(e2ee_server, tap, chromium, open_page
                                                     ) -> None:
    # Cy joins and leaves while Ada's rotation for his arrival still waits for the key it
    # wraps for him. Her rotation for his departure (key 3, sent to Bo only) is due 400 ms
    # later; the older rotation finishing meanwhile must not cancel it: Ada's media goes on
    # under key 3, not under the key Ada used before Cy came.
    meeting = e2ee_server.create_meeting("group", endToEndEncryption=True)
    ada = open_page(chromium, "Ada", url(meeting, "Ada"), init_script=HELD_DERIVATION)
    ada_id = ada.wait_joined()
    bo = open_page(chromium, "Bo", url(meeting, "Bo"))
    bo.wait_joined()
    poll(lambda: bo.receives_from(ada_id), MEDIA_TIMEOUT_S)
    assert ada.fjord("e2ee")["keyId"] == 1  # her first key, then one for Bo's arrival

    ada.evaluate("() => { window.holdDerive = true; }")
    cy = RoomPage(chromium, "Cy").open(url(meeting, "Cy"))
    try:
        cy.wait_joined()
        poll(lambda: len(ada.fjord("participants()")) == 2, 10)
        ada.evaluate(RELEASE_AFTER_LEAVE_KEY, [ada_id, 3])
        cy.page.click("#leave-button")
        poll(lambda: len(ada.fjord("participants()")) == 1, 10)
    finally:
        cy.close()
    ada.evaluate("() => window.released")  # the held derivation finished

    def newest_key_in_use() -> bool:
        frames = tap.vp8_frames(ada_id)
        return bool(frames) and frames[-1].key_id == 3
    try:
        poll(newest_key_in_use, 5)
    except AssertionError:
        frames = tap.vp8_frames(ada_id)
        raise AssertionError(f"Ada's frames still use key {frames[-1].key_id if frames else None}"
                             f" (page keyId {ada.fjord('e2ee')['keyId']})") from None
    # Bo holds key 3 and decodes Ada under it.
    before = bo.media_from(ada_id)["framesDecoded"]
    poll(lambda: bo.media_from(ada_id)["framesDecoded"] > before + 30, MEDIA_TIMEOUT_S)
    assert ada.console_errors == []

