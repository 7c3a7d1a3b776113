"""Issue 14, acceptance 2 in Chromium: three pages in a group room whose meeting records to a
bucket (automatic trigger) for at least 10 s. Every page shows the recording indicator; then
the bucket holds one file of 3 video + 3 audio tracks that ffmpeg decodes (at least 90 % of
the video frames each page encoded, audio within 1 s of its time in the room), GET
/v1/recordings lists it with its size and its access link downloads the same bytes."""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from e2e_support import SHOWS_VIDEO_JS, RoomPage, poll, room_url

from tests.conftest import FjordServer, start_fjord, stop_fjord
from tests.recording import conftest as recording
from tests.recording.conftest import Bucket, decode_errors, ffprobe, video_frames

bucket = recording.bucket  # the bucket server's fixtures (tests/recording/conftest.py)
moto_endpoint = recording.moto_endpoint

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]
IN_ROOM_S = 10.0
OUTBOUND_JS = """
async () => {
  // A simulcast camera has one outbound-rtp per layer and the file holds one of them at a
  // time: the least-encoded active layer bounds what the track must hold. The widths tell
  // the layers apart (the lowest is a quarter of the top one).
  // Each layer by SSRC: [frameWidth, framesEncoded] (a layer the page stopped sending has
  // no width now); and the camera's own width, which no layer exceeds.
  const layers = {};
  let camera = 0;
  for (const pc of window.fjord.peerConnections()) {
    for (const sender of pc.getSenders()) {
      if (sender.track?.kind === 'video') {
        camera = Math.max(camera, sender.track.getSettings().width ?? 0);
      }
    }
    (await pc.getStats()).forEach((s) => {
      if (s.type === 'outbound-rtp' && s.kind === 'video' && s.framesEncoded > 0) {
        layers[s.ssrc] = [s.frameWidth || 0, s.framesEncoded];
      }
    });
  }
  const encoded = Object.values(layers).map(([, frames]) => frames);
  return {framesEncoded: encoded.length ? Math.min(...encoded) : 0, layers, camera};
}
"""
SENT_FRAMES = 20
"""Frames a layer encodes in the meeting's second half to count as sent while recorded: the
page's uplink estimate (and CPU, on a loaded machine) may turn its top layer on for a few
frames only, before the room was recorded, and the file then rightly lacks it."""
RECORDED_FROM_JS = """
// When this page was in the room with its media and the recording running: the time (ms
// since the epoch) of the later of its publishing connection's first `connected` state and
// its first word that the room is recorded (`joined.recording` or `recording-status`).
// Noted by the page as the events happen: the test sees a page's join only after it opened
// every page, seconds later on a loaded machine, and a page's media starts a second or so
// after its `joined` (ICE and DTLS to the SFU), which is no time the file can hold.
(() => {
  let recording = null;
  let connected = null;
  window.__fjordRecordedFrom = null;
  const mark = () => {
    if (recording !== null && connected !== null && window.__fjordRecordedFrom === null) {
      window.__fjordRecordedFrom = Math.max(recording, connected);
    }
  };
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        let msg;
        try { msg = JSON.parse(event.data); } catch { return; }
        if (recording === null && ((msg.type === 'joined' && msg.recording)
            || (msg.type === 'recording-status' && msg.status === 'recording'))) {
          recording = Date.now();
          mark();
        }
      });
    }
  };
  const NativePc = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePc {
    constructor(...args) {
      super(...args);
      this.addEventListener('connectionstatechange', () => {
        const publishing = this.getSenders().some((s) => s.track && s.track.kind === 'audio');
        if (connected === null && publishing && this.connectionState === 'connected') {
          connected = Date.now();
          mark();
        }
      });
    }
  };
})();
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, moto_endpoint: str
           ) -> Iterator[FjordServer]:
    """The module's server, started after the bucket server and stopped before it: stopped,
    it completes the recordings still running (the last test leaves one) into their bucket;
    with the bucket server gone first, it retried until it was killed 10 s later."""
    base = tmp_path_factory.mktemp("fjord-recording-e2e")
    fjord = start_fjord(base / "data", base / "fjord.log",
                        FJORD_RECORDING_ALLOWED_PRIVATE_IPS="127.0.0.1")
    yield fjord
    stop_fjord(fjord)


def cloud_recorded_meeting(server: FjordServer, bucket: Bucket, start_trigger: str,
                           key_id: str) -> dict[str, Any]:
    """A group meeting, ending in an hour, recorded into ``bucket`` (``startTrigger``
    ``start_trigger``; access key ``key_id``); its JSON, ``hostRoomUrl`` included."""
    end = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
    status, meeting = server.request("POST", "/v1/meetings", {
        "endDate": end, "roomMode": "group", "fields": ["hostRoomUrl"], "recording": {
            "type": "cloud", "startTrigger": start_trigger, "destination": {
                "provider": "s3", "bucket": bucket.name, "endpoint": bucket.endpoint,
                "accessKeyId": key_id, "accessKeySecret": key_id.lower() + "-secret"}}})
    assert status == 201, meeting
    return meeting


def test_three_chromium_pages_recorded_into_the_bucket(
    server: FjordServer, bucket: Bucket, chromium: Any, open_page: Any, tmp_path: Path
) -> None:
    meeting = cloud_recorded_meeting(server, bucket, "automatic", "AKIDE2E")
    # All three open before any waits. Opening a page takes seconds on a loaded machine, so
    # the later ones may publish after the recorder wrote the file's header: they take the
    # spare track slots it declared. Each page notes when its media was in the recorded room
    # (RECORDED_FROM_JS), the start of the time its audio track must match.
    pages: list[RoomPage] = [
        open_page(chromium, f"p{i}", room_url(meeting["roomUrl"], displayName=f"P{i}",
                                              precallReview="off"),
                  init_script=RECORDED_FROM_JS)
        for i in range(3)
    ]
    poll(lambda: all(page.evaluate("() => window.__fjordRecordedFrom") for page in pages), 30)
    recorded_from = [page.evaluate("() => window.__fjordRecordedFrom") / 1000 for page in pages]
    for page in pages:  # the indicator on every page
        poll(lambda p=page: p.fjord("recording"), 30)
        assert page.page.locator("#recording-indicator").is_visible()
    time.sleep(IN_ROOM_S / 2)  # the meeting runs
    midway = [page.evaluate(OUTBOUND_JS)["layers"] for page in pages]
    time.sleep(IN_ROOM_S / 2)
    outbound = [page.evaluate(OUTBOUND_JS) for page in pages]
    encoded = [sent["framesEncoded"] for sent in outbound]
    left = []
    for page in pages:
        page.page.locator("#leave-button").click()
        left.append(time.time())

    def finished() -> list[dict]:
        results = server.request("GET", "/v1/recordings")[1]["results"]
        return [r for r in results if r["state"] != "recording"]

    listed = poll(finished, 60)
    assert [r["state"] for r in listed] == ["finished"]
    objects = bucket.client.list_objects_v2(Bucket=bucket.name)["Contents"]
    assert len(objects) == 1 and round(listed[0]["sizeInMegaBytes"] * 1e6) == objects[0]["Size"]
    _, link = server.request(
        "GET", f"/v1/recordings/{listed[0]['recordingId']}/access-link?validForSeconds=60")
    with urllib.request.urlopen(link["accessLink"], timeout=30) as resp:
        body = resp.read()
    assert body == bucket.read(objects[0]["Key"])
    path = tmp_path / "room.mkv"
    path.write_bytes(body)
    streams = ffprobe(path)["streams"]
    assert sorted(s["codec_name"] for s in streams) == ["opus"] * 3 + ["vp8"] * 3
    assert decode_errors(path) == ""
    print("in room", [round(out - since, 2) for out, since in zip(left, recorded_from,
                                                                   strict=True)],
          "encoded", encoded, "layers midway and at the end", midway,
          [sent["layers"] for sent in outbound],
          "in file", [(s["tags"]["title"], s["nb_read_frames"], s.get("duration"),
                       s.get("width"), s.get("height")) for s in streams])
    for i in range(3):
        video = next(s for s in streams if s["tags"]["title"] == f"P{i} video")
        audio = next(s for s in streams if s["tags"]["title"] == f"P{i} audio")
        assert int(video["nb_read_frames"]) >= 0.9 * encoded[i], (i, video, encoded)
        # the highest encoding the page sends (once its uplink estimate allows it: the
        # file may start on a lower one, whose size its header then declares), not its
        # lowest, a quarter of the camera's size: at least as wide as every layer the page
        # kept sending in the meeting's second half, and no wider than the camera (a layer
        # the page sent earlier and stopped, recorded meanwhile, reports no width now)
        widest = max(width for _, width, _ in video_frames(path, str(video["index"])))
        layers = outbound[i]["layers"]
        sent = [width for ssrc, (width, frames) in layers.items()
                if frames - midway[i].get(ssrc, [0, 0])[1] >= SENT_FRAMES]
        assert sent and max(sent) <= widest <= outbound[i]["camera"], (
            i, widest, midway[i], outbound[i])
        audio_s = int(audio["nb_read_frames"]) * 0.02  # 20 ms Opus packets
        in_room = left[i] - recorded_from[i]
        assert abs(audio_s - in_room) < 1.0, (audio, audio_s, in_room)


def test_a_host_records_locally_to_a_webm_download(
    server: FjordServer, chromium: Any, open_page: Any, tmp_path: Path
) -> None:
    """Acceptance 7: type local. The host's browser records the meeting view (canvas and
    mixed audio, MediaRecorder) into a WebM download; the guest sees the indicator; nothing
    is uploaded to the server meanwhile."""
    end = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
    status, meeting = server.request("POST", "/v1/meetings", {
        "endDate": end, "fields": ["hostRoomUrl"],
        "recording": {"type": "local", "startTrigger": "none", "destination": None}})
    assert status == 201, meeting
    host = open_page(chromium, "host", room_url(meeting["hostRoomUrl"], displayName="H",
                                                precallReview="off"))
    host.wait_joined(30)
    guest = open_page(chromium, "guest", room_url(meeting["roomUrl"], displayName="G",
                                                  precallReview="off"))
    guest_id = guest.wait_joined(30)
    poll(lambda: host.evaluate(SHOWS_VIDEO_JS, guest_id), 30)
    assert guest.page.locator("#record-button").is_hidden()  # hosts only
    log_before = server.log_text()
    host.page.bring_to_front()  # the host's tab is in front (background tabs throttle timers)
    host.page.locator("#record-button").click()
    poll(lambda: guest.fjord("recording"), 15)
    assert guest.page.locator("#recording-indicator").is_visible()
    time.sleep(4)
    with host.page.expect_download(timeout=30_000) as download:
        host.page.locator("#record-button").click()
    path = tmp_path / "local.webm"
    download.value.save_as(path)
    poll(lambda: not guest.fjord("recording"), 15)
    streams = ffprobe(path)["streams"]
    assert sorted(s["codec_name"] for s in streams) == ["opus", "vp8"], streams
    assert decode_errors(path) == ""
    frames = int(next(s for s in streams if s["codec_name"] == "vp8")["nb_read_frames"])
    # About 4 s of a moving view: canvas capture runs at 30 frames/s on an idle machine but
    # fell to ~5 frames/s in CI with two cores busy; a still image would give one or two.
    assert frames >= 10, frames
    during = server.log_text()[len(log_before):]
    assert "POST" not in during and "PUT" not in during  # nothing uploaded


def test_the_first_host_is_prompted_to_start_the_recording(
    server: FjordServer, bucket: Bucket, chromium: Any, open_page: Any
) -> None:
    """``startTrigger: "prompt"``: the first host's page asks whether to start recording;
    a guest's does not; Start records (every page shows the indicator), nothing before."""
    meeting = cloud_recorded_meeting(server, bucket, "prompt", "AKIDPROMPT")
    guest = open_page(chromium, "guest", room_url(meeting["roomUrl"], displayName="G",
                                                  precallReview="off"))
    guest.wait_joined(30)
    host = open_page(chromium, "host", room_url(meeting["hostRoomUrl"], displayName="H",
                                                precallReview="off"))
    host.wait_joined(30)
    prompt = host.page.locator("#recording-prompt")
    prompt.wait_for(state="visible", timeout=15_000)
    assert "Start recording" in prompt.inner_text()
    assert guest.page.locator("#recording-prompt").is_hidden()  # guests cannot start it
    assert not guest.fjord("recording")  # nothing records before the host answers
    host.page.locator("#recording-prompt-start").click()
    poll(lambda: guest.fjord("recording") and host.fjord("recording"), 20)
    assert guest.page.locator("#recording-indicator").is_visible()
    assert prompt.is_hidden()


def test_the_recorder_is_listed_without_buttons_or_tile(
    server: FjordServer, bucket: Bucket, chromium: Any, open_page: Any
) -> None:
    """The cloud recorder is in the people list, named as the recorder, without the Mute and
    Remove buttons the server refuses for it (``bad_message``: a host's click did nothing);
    the host stops it with the recording controls. A guest keeps both buttons. Like a
    viewer, the recorder sends nothing, so it gets no tile (it had a black "Recorder" one);
    nor is it counted among the participants."""
    meeting = cloud_recorded_meeting(server, bucket, "automatic", "AKIDPEOPLE")
    host = open_page(chromium, "host", room_url(meeting["hostRoomUrl"], displayName="H",
                                                precallReview="off"))
    host.wait_joined(30)
    guest_id = open_page(chromium, "guest", room_url(
        meeting["roomUrl"], displayName="G", precallReview="off")).wait_joined(30)
    recorder_id = poll(lambda: next((p["id"] for p in host.fjord("participants()")
                                     if p["role"] == "recorder"), None), 30)
    recorder = host.page.locator(f'#people-list li[data-person-id="{recorder_id}"]')
    guest = host.page.locator(f'#people-list li[data-person-id="{guest_id}"]')
    guest.locator(".people__remove").wait_for(timeout=15_000)
    assert recorder.locator(".side__role").inner_text() == "recorder"
    assert recorder.locator("button").count() == 0
    assert guest.locator(".people__mute").count() == 1
    tiles = host.page.locator("#grid [data-participant-id]").evaluate_all(
        "els => els.map(e => e.dataset.participantId)")
    assert guest_id in tiles and recorder_id not in tiles
    # the people in the call: the host and the guest (it said "3 participants")
    assert host.page.locator("#participant-count").inner_text() == "2 participants"
