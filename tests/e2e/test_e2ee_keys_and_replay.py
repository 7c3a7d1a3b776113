"""End-to-end encrypted group rooms against a server that misbehaves, in real Chromium, and
with Firefox ESR in the room.

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

import asyncio
import base64
import concurrent.futures
import json
import time
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from e2e_support import RoomPage, poll, room_url
from vp8_frames import entropy_bits_per_byte, open_frame

from tests.signaling_client import SignalingClient
from tests.suite_audit import remember

pytestmark = [pytest.mark.browser, pytest.mark.sfu, pytest.mark.slow, pytest.mark.timeout(180)]

MEDIA_TIMEOUT_S = 30
KEY_HOOK = "window.fjordE2eeTestKeys = { keys: [] };"


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


# Prepended to e2ee-worker.js in the receiving page: the SFU replaying. On every receiver of
# audio, from the 150th frame on, every 10th frame gets the bytes of a frame the page
# opened and played 100 frames (2 s of Opus) before, before decryption. The frames that
# come out of decryption with replayed bytes are counted; the page asks with a message.
REPLAYING_SFU = """
(() => {
  const probe = { type: 'replay-probe', injected: 0, accepted: 0 };
  const replayed = new WeakSet();
  const addEventListener = self.addEventListener.bind(self);
  addEventListener('message', ({ data }) => {
    if (data && data.type === 'replay-probe') self.postMessage({ ...probe });
  });
  self.addEventListener = (type, handler, ...rest) => {
    if (type !== 'rtctransform') return addEventListener(type, handler, ...rest);
    return addEventListener(type, (event) => {
      const real = event.transformer;
      if (real.options.operation !== 'decrypt' || real.options.kind !== 'audio') {
        return handler(event);
      }
      const sealed = new WeakMap(); // frame -> its bytes as they came from the SFU
      const played = []; // the sealed bytes of the last 101 frames decryption let through
      let frames = 0;
      const replay = new TransformStream({ transform(frame, controller) {
        frames += 1;
        if (frames >= 150 && frames % 10 === 0 && played.length > 100) {
          frame.data = played[0].slice().buffer;
          replayed.add(frame);
          probe.injected += 1;
        }
        sealed.set(frame, new Uint8Array(frame.data).slice());
        controller.enqueue(frame);
      } });
      const out = new TransformStream({ transform(frame, controller) {
        if (replayed.has(frame)) probe.accepted += 1;
        played.push(sealed.get(frame));
        if (played.length > 101) played.shift();
        controller.enqueue(frame);
      } });
      out.readable.pipeTo(real.writable).catch(() => {});
      handler({ transformer: {
        options: real.options,
        readable: real.readable.pipeThrough(replay),
        writable: out.writable,
        sendKeyFrameRequest: () => real.sendKeyFrameRequest(),
      } });
    }, ...rest);
  };
})();
"""

# In the page: keep the workers it starts, and ask them for the probe's counts.
WORKERS_KEPT = KEY_HOOK + """
window.workersStarted = [];
const RealWorker = window.Worker;
window.Worker = class extends RealWorker {
  constructor(...args) { super(...args); window.workersStarted.push(this); }
};
window.replayProbe = () => new Promise((resolve) => {
  const worker = window.workersStarted[window.workersStarted.length - 1];
  const answer = ({ data }) => {
    if (data.type !== 'replay-probe') return;
    worker.removeEventListener('message', answer);
    resolve(data);
  };
  worker.addEventListener('message', answer);
  worker.postMessage({ type: 'replay-probe' });
});
"""


@pytest.mark.parametrize("key_again", [False, True], ids=["frames", "frames-and-key"])
def test_frames_the_sfu_sends_again_are_dropped(e2ee_server, chromium, open_page,
                                                key_again: bool) -> None:
    # The SFU sends Eli frames of Dee's she already played; with key_again the signaling
    # server also sends her Dee's last `e2ee-key` message again every half second (it is
    # sealed for her, so it opens), which must not make her take those frames afresh.
    meeting = e2ee_server.create_meeting("group", endToEndEncryption=True)
    dee = open_page(chromium, "Dee", url(meeting, "Dee"))
    dee_id = dee.wait_joined()

    def replaying_sfu(route: Any) -> None:
        route.fulfill(body=REPLAYING_SFU + route.fetch().text(),
                      headers={"content-type": "text/javascript"})

    key_messages: list[str] = []
    to_page: list[Any] = []

    def replaying_signaling(ws: Any) -> None:
        server = ws.connect_to_server()
        ws.on_message(server.send)
        to_page.append(ws)

        def forward(message: str | bytes) -> None:
            if isinstance(message, str) and '"e2ee-key"' in message:
                key_messages.append(message)
            ws.send(message)
        server.on_message(forward)

    eli = RoomPage(chromium, "Eli")
    eli.page.route("**/assets/e2ee-worker.js", replaying_sfu)
    eli.page.route_web_socket("**/v1/rooms/*/ws", replaying_signaling)
    eli.page.add_init_script(WORKERS_KEPT)
    try:
        eli.open(url(meeting, "Eli"))
        eli.wait_joined()
        eli.wait_sees_and_hears(dee_id, MEDIA_TIMEOUT_S)

        def replays() -> dict[str, Any] | None:
            if key_again:
                to_page[-1].send(key_messages[-1])
            probe = eli.evaluate("() => window.replayProbe()")
            return probe if probe["injected"] >= 20 else None
        probe = poll(replays, MEDIA_TIMEOUT_S, interval=0.5)
        # Every replayed frame was dropped; Dee's own frames still play.
        assert probe["accepted"] == 0, probe
        heard = eli.media_from(dee_id)
        poll(lambda: eli.media_from(dee_id)["audioEnergy"] > heard["audioEnergy"]
             and eli.media_from(dee_id)["framesDecoded"] > heard["framesDecoded"], 10)
        assert eli.console_errors == []
    finally:
        eli.close()


# The page's next safety-code digest (SHA-256 of public keys, one per line) waits until
# `releaseCode()`: a slow digest, as on a busy page, made deterministic. Other digests pass.
HELD_SAFETY_CODE = KEY_HOOK + """
window.holdNextCode = false;
window.heldCodes = [];
const realDigest = SubtleCrypto.prototype.digest;
SubtleCrypto.prototype.digest = function (algorithm, data) {
  const text = new TextDecoder().decode(data);
  if (!window.holdNextCode || !/^[A-Za-z0-9_\\n-]+$/.test(text) || !text.includes('\\n')) {
    return realDigest.call(this, algorithm, data);
  }
  window.holdNextCode = false;
  return new Promise((resolve) => window.heldCodes.push(
    () => resolve(realDigest.call(this, algorithm, data))));
};
window.releaseCode = () => { for (const release of window.heldCodes.splice(0)) release(); };
"""


def test_safety_code_shows_the_newest_membership(e2ee_server, chromium, open_page) -> None:
    # Cy leaves Ada's call (her code for Ada and Bo is computed slowly), then the signaling
    # server slips a participant of its own, with its own public key, into Ada's view only:
    # Ada now wraps her frame keys for it too. Ada's code must be the one of Ada, Bo and the
    # intruder, which differs from Bo's: the older code, finishing last, must not replace it
    # and so hide the intruder from the comparison.
    meeting = e2ee_server.create_meeting("group", endToEndEncryption=True)
    to_ada: list[Any] = []

    def signaling(ws: Any) -> None:
        server = ws.connect_to_server()
        ws.on_message(server.send)
        server.on_message(ws.send)
        to_ada.append(ws)

    ada = RoomPage(chromium, "Ada")
    ada.page.add_init_script(HELD_SAFETY_CODE)
    ada.page.route_web_socket("**/v1/rooms/*/ws", signaling)
    try:
        ada.open(url(meeting, "Ada"))
        ada.wait_joined()
        bo = open_page(chromium, "Bo", url(meeting, "Bo"))
        bo.wait_joined()
        cy = open_page(chromium, "Cy", url(meeting, "Cy"))
        cy.wait_joined()
        pages = (ada, bo, cy)
        with_cy = poll(lambda: len(codes := {p.fjord("e2ee")["safetyCode"] for p in pages}) == 1
                       and len(ada.fjord("participants()")) == 2 and codes.pop(), 10)
        ada.evaluate("() => { window.holdNextCode = true; }")
        cy.page.click("#leave-button")
        poll(lambda: ada.evaluate("() => window.heldCodes.length") == 1, 10)
        without_cy = poll(lambda: (code := bo.fjord("e2ee")["safetyCode"]) != with_cy and code,
                          10)

        own = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
            Encoding.X962, PublicFormat.UncompressedPoint)
        intruder = {"id": "p_intruder00000000", "displayName": "Intruder", "role": "viewer",
                    "screenSharing": False, "externalId": None, "metadata": None,
                    "e2eePublicKey": base64.urlsafe_b64encode(own).decode().rstrip("=")}
        to_ada[-1].send(json.dumps({"type": "participant-joined", "participant": intruder}))
        with_intruder = poll(lambda: (code := ada.fjord("e2ee")["safetyCode"]) != with_cy
                             and code, 10)
        assert with_intruder != without_cy
        ada.evaluate("() => window.releaseCode()")  # the code without Cy finishes last
        ada.page.wait_for_timeout(500)
        assert ada.page.locator("#safety-code").text_content() == with_intruder
        assert ada.fjord("e2ee")["safetyCode"] == with_intruder
    finally:
        ada.close()


@pytest.mark.firefox
def test_firefox_and_chromium_encrypt_to_each_other(e2ee_server, tap, chromium, open_page,
                                                    open_firefox) -> None:
    # Firefox ESR has RTCRtpScriptTransform: it joins, encrypts what it sends (the SFU routes
    # VP8 frames whose bytes past the clear prefix are random and open with the key Chromium
    # received from it), and each decodes and hears the other.
    meeting = e2ee_server.create_meeting("group", endToEndEncryption=True)
    fox = open_firefox("Fox", url(meeting, "Fox"))
    fox_id = fox.wait_joined(30)
    cro = open_page(chromium, "Cro", url(meeting, "Cro"), init_script=KEY_HOOK)
    cro_id = cro.wait_joined()
    # Firefox under load starts slower than Chromium (tests/e2e/test_firefox.py gives 45 s).
    cro.wait_sees_and_hears(fox_id, 1.5 * MEDIA_TIMEOUT_S)
    fox.wait_sees_and_hears(cro_id, 1.5 * MEDIA_TIMEOUT_S)
    counters = fox.evaluate("() => window.fjord.e2eeCounters()")
    assert counters["encrypted"] > 0 and counters["decrypted"] > 0, counters
    assert fox.fjord("e2ee")["safetyCode"] == cro.fjord("e2ee")["safetyCode"]

    keys = {k["keyId"]: bytes.fromhex(k["key"]) for k in
            cro.evaluate("() => window.fjordE2eeTestKeys.keys") if k["sender"] == fox_id}
    frames = [f for f in tap.vp8_frames(fox_id) if f.key_id in keys][-100:]
    assert len(frames) >= 20
    assert entropy_bits_per_byte(b"".join(f.data[f.clear_bytes:-5] for f in frames)) >= 7.9
    for frame in frames:
        open_frame(frame, keys[frame.key_id])
    # Chromium's camera goes out as simulcast layers (three, docs/e2ee.md), each encrypted:
    # how many of them run at a given moment is Chromium's choice (it drops layers when the
    # CPU is short, and dynacast pauses those nobody receives), so at least one is asked.
    layers = {f.ssrc for f in tap.vp8_frames(cro_id)}
    assert 1 <= len(layers) <= 3
    assert fox.fjord("errors()") == [] and cro.console_errors == []


def test_shared_screen_is_encrypted_too(e2ee_server, tap, chromium, open_page) -> None:
    # Sharing adds a transceiver and renegotiates; stopping and sharing again replaces its
    # track. Every VP8 frame of the sharer's the SFU routes, the screen's included, is sealed
    # under a key the sharer drew, and the other page decodes the screen.
    meeting = e2ee_server.create_meeting("group", endToEndEncryption=True)
    ann = open_page(chromium, "Ann", url(meeting, "Ann"), init_script=KEY_HOOK)
    ann_id = ann.wait_joined()
    ben = open_page(chromium, "Ben", url(meeting, "Ben"))
    ben.wait_joined()
    poll(lambda: ben.receives_from(ann_id), MEDIA_TIMEOUT_S)
    camera_ssrcs = {f.ssrc for f in tap.vp8_frames(ann_id)}
    screen = f"{ann_id}:screen"
    for _ in range(2):  # share, stop, share again
        ann.page.click("#screen-button")
        ann.page.wait_for_function("() => window.fjord.screenSharing === true")
        decoded = ben.media_from(screen)["framesDecoded"]
        poll(lambda at=decoded: ben.media_from(screen)["framesDecoded"] > at + 10,
             MEDIA_TIMEOUT_S)
        ann.page.click("#screen-button")
        ann.page.wait_for_function("() => window.fjord.screenSharing === false")

    keys = {k["keyId"]: bytes.fromhex(k["key"])
            for k in ann.evaluate("() => window.fjordE2eeTestKeys.keys")
            if k["sender"] == ann_id}
    frames = tap.vp8_frames(ann_id)
    screen_frames = [f for f in frames if f.ssrc not in camera_ssrcs]
    assert len(screen_frames) >= 20
    for frame in frames:
        open_frame(frame, keys[frame.key_id])  # InvalidTag or KeyError: not sealed by Ann
    assert ann.console_errors == [] and ben.console_errors == []


def test_tile_says_when_frames_cannot_be_decrypted(e2ee_server, chromium, open_page) -> None:
    # The server withholds Ann's frame keys from Ben: Ann's media reaches Ben's page, which
    # cannot open it. Her tiles must say so, not "Camera is off" (her camera is on), and a
    # screen reader hears it. Once a key gets through (Cy's arrival makes Ann rotate), the
    # tile plays her video again.
    meeting = e2ee_server.create_meeting("group", endToEndEncryption=True)
    ann = open_page(chromium, "Ann", url(meeting, "Ann"))
    ann_id = ann.wait_joined()
    withhold = [True]

    def signaling(ws: Any) -> None:
        server = ws.connect_to_server()
        ws.on_message(server.send)
        server.on_message(lambda message: None if withhold[0] and '"e2ee-key"' in message
                          else ws.send(message))

    ben = RoomPage(chromium, "Ben")
    ben.page.route_web_socket("**/v1/rooms/*/ws", signaling)
    try:
        ben.open(url(meeting, "Ben"))
        ben.wait_joined()
        tile = ben.page.locator(f'[data-participant-id="{ann_id}"]')
        poll(lambda: ben.media_from(ann_id)["audioPackets"] > 50, MEDIA_TIMEOUT_S)
        poll(lambda: "Cannot decrypt" in tile.locator(".tile__placeholder").text_content(),
             MEDIA_TIMEOUT_S)
        assert tile.locator(".tile__placeholder").is_visible()
        assert "tile--problem" in tile.get_attribute("class")
        assert "Cannot decrypt the audio and video of Ann" in ben.page.locator(
            "#announcer p").all_text_contents()
        assert ben.media_from(ann_id)["framesDecoded"] == 0
        # A screen she shares now gets a tile of its own, which says the same.
        ann.page.click("#screen-button")
        screen = ben.page.locator(f'[data-participant-id="{ann_id}:screen"] .tile__placeholder')
        poll(lambda: screen.count() == 1 and "Cannot decrypt" in screen.text_content(),
             MEDIA_TIMEOUT_S)

        withhold[0] = False
        cy = open_page(chromium, "Cy", url(meeting, "Cy"))
        cy.wait_joined()
        poll(lambda: ben.shows_video_of(ann_id), MEDIA_TIMEOUT_S)
        assert "Cannot decrypt" not in tile.locator(".tile__placeholder").text_content()
        assert ben.console_errors == []
    finally:
        ben.close()


def public_key() -> str:
    """A P-256 public key as a page announces it (raw point, base64url)."""
    raw = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        Encoding.X962, PublicFormat.UncompressedPoint)
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


async def join_with_key(server: Any, meeting: dict[str, Any], name: str) -> SignalingClient:
    """A participant joining ``meeting`` over signaling alone, with an E2EE public key (it
    receives keys, sends no media)."""
    remember(name)
    joiner = await SignalingClient.connect(server, meeting["roomUrl"])
    await joiner.send({"type": "join", "displayName": name, "e2eePublicKey": public_key()})
    return joiner


def test_everyone_of_a_rush_of_joiners_gets_the_key(e2ee_server, chromium, open_page) -> None:
    # A meeting's start: 40 participants join within 4 s. Each arrival makes Ada rotate and
    # send her new key to everyone present: each joiner must get one, or it cannot open her
    # media, and her page must not run past its message rate on its own (50 a second).
    meeting = e2ee_server.create_meeting("group", endToEndEncryption=True)
    ada = open_page(chromium, "Ada", url(meeting, "Ada"))
    ada_id = ada.wait_joined()

    async def rush() -> list[int]:
        joiners = []
        try:
            for i in range(40):
                joiners.append(await join_with_key(e2ee_server, meeting, f"Joiner {i}"))
                await asyncio.sleep(0.1)
            without_key = []
            for i, joiner in enumerate(joiners):
                try:
                    while (await joiner.expect("e2ee-key", MEDIA_TIMEOUT_S))["from"] != ada_id:
                        pass
                except TimeoutError:
                    without_key.append(i)
            return without_key
        finally:
            await asyncio.gather(*(joiner.close() for joiner in joiners))

    # In a thread of its own: Playwright's sync API keeps an event loop on this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, rush()).result() == []
    assert "rate_limited" not in ada.fjord("errors()")


def test_a_stream_of_joins_closer_than_the_switch_delay_still_moves_the_key_on(
        e2ee_server, tap, chromium, open_page) -> None:
    # A class arriving: one join every 150 ms for 4.5 s, each making Ada rotate. Each
    # rotation's switch is due 400 ms after its key went out; a later rotation must not put
    # it off again, or Ada sends under her key from before the stream, which no newcomer
    # holds, until the joins pause.
    meeting = e2ee_server.create_meeting("group", endToEndEncryption=True)
    ada = open_page(chromium, "Ada", url(meeting, "Ada"))
    ada_id = ada.wait_joined()
    poll(lambda: tap.vp8_frames(ada_id), MEDIA_TIMEOUT_S)
    key_before = tap.vp8_frames(ada_id)[-1].key_id
    window: list[float] = []

    async def stream() -> None:
        joiners = []
        try:
            for i in range(30):
                if i == 4:
                    window.append(time.monotonic())  # the first switches are due by now
                joiners.append(await join_with_key(e2ee_server, meeting, f"Pupil {i}"))
                await asyncio.sleep(0.15)
            window.append(time.monotonic())
        finally:
            await asyncio.gather(*(joiner.close() for joiner in joiners))

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, stream()).result()
    during = tap.vp8_frames(ada_id, since=window[0], until=window[1])
    keys = list(dict.fromkeys(f.key_id for f in during))
    assert during and len(set(keys) - {key_before}) >= 3, keys
