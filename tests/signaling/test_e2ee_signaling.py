"""End-to-end encrypted group rooms, the server's side (issue 16): the meeting option and the
organization setting, public keys in ``join``, ``e2ee-key`` relayed unopened, refusals.

Against a real ``fjord serve`` over WSS, and the meetings API in process.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import urllib.request

import httpx
import pytest

from tests.conftest import FjordServer, create_api_key
from tests.signaling_client import SignalingClient, join_message
from tests.suite_audit import remember


def public_key() -> str:
    """A stand-in for a browser's P-256 public key (opaque to the server)."""
    return base64.urlsafe_b64encode(b"\x04" + os.urandom(64)).decode().rstrip("=")


async def join(server: FjordServer, url: str, name: str, key: str | None) -> tuple[
        SignalingClient, dict]:
    remember(name)
    client = await SignalingClient.connect(server, url)
    message = join_message(name, url)
    if key is not None:
        message["e2eePublicKey"] = key
    await client.send(message)
    return client, await client.recv()


def page_of(server: FjordServer, meeting: dict) -> str:
    with urllib.request.urlopen(meeting["roomUrl"].split("?")[0],
                                context=server.ssl_context(), timeout=10) as resp:
        return resp.read().decode()


async def test_meeting_option_and_cloud_recording_refused(client: httpx.AsyncClient) -> None:
    end = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()
    made = await client.post("/v1/meetings", json={"endDate": end, "roomMode": "group",
                                                   "endToEndEncryption": True})
    assert made.status_code == 201 and made.json()["endToEndEncryption"] is True
    listed = (await client.get("/v1/meetings")).json()["results"]
    assert [m["endToEndEncryption"] for m in listed] == [True]
    plain = await client.post("/v1/meetings", json={"endDate": end, "roomMode": "group"})
    assert plain.json()["endToEndEncryption"] is False
    both = await client.post("/v1/meetings", json={
        "endDate": end, "roomMode": "group", "endToEndEncryption": True,
        "recording": {"type": "cloud"}})
    assert both.status_code == 422
    assert "cloud recording" in str(both.json())
    for bad in ("yes", 1, None):
        resp = await client.post("/v1/meetings", json={"endDate": end, "endToEndEncryption": bad})
        assert resp.status_code in (400, 422) and "error" in resp.json()


async def test_keys_are_relayed_unopened(fjord_server: FjordServer) -> None:
    meeting = fjord_server.create_meeting("group", endToEndEncryption=True)
    assert 'data-e2ee="on"' in page_of(fjord_server, meeting)
    _, refused = await join(fjord_server, meeting["roomUrl"], "NoKey", None)
    assert refused["code"] == "e2ee_required"

    ada_key, bo_key = public_key(), public_key()
    ada, joined = await join(fjord_server, meeting["hostRoomUrl"], "Ada", ada_key)
    assert joined["type"] == "joined" and joined["endToEndEncryption"] is True
    bo, bo_joined = await join(fjord_server, meeting["roomUrl"], "Bo", bo_key)
    assert [(p["id"], p["e2eePublicKey"]) for p in bo_joined["participants"]] == [
        (joined["selfId"], ada_key)]
    seen = await ada.expect("participant-joined")
    assert seen["participant"]["e2eePublicKey"] == bo_key

    sealed = base64.urlsafe_b64encode(os.urandom(60)).decode().rstrip("=")
    await ada.send({"type": "e2ee-key", "to": bo_joined["selfId"], "keyId": 7, "sealed": sealed})
    assert await bo.expect("e2ee-key") == {"type": "e2ee-key", "from": joined["selfId"],
                                           "keyId": 7, "sealed": sealed}
    for bad, code in (
        ({"to": bo_joined["selfId"], "keyId": 256, "sealed": sealed}, "bad_message"),
        ({"to": bo_joined["selfId"], "keyId": 1, "sealed": "not base64!"}, "bad_message"),
        ({"to": bo_joined["selfId"], "keyId": 1, "sealed": "A" * 201}, "bad_message"),
        ({"to": joined["selfId"], "keyId": 1, "sealed": sealed}, "unknown_peer"),
        ({"to": "p_nobody", "keyId": 1, "sealed": sealed}, "unknown_peer"),
    ):
        await ada.send({"type": "e2ee-key", **bad})
        assert (await ada.expect("error"))["code"] == code

    viewer, viewer_joined = await join(fjord_server, meeting["viewerRoomUrl"], "Vi", public_key())
    assert viewer_joined["type"] == "joined"
    await viewer.send({"type": "e2ee-key", "to": joined["selfId"], "keyId": 1, "sealed": sealed})
    assert (await viewer.expect("error"))["code"] == "forbidden"
    for client in (ada, bo, viewer):
        await client.close()
    assert sealed not in fjord_server.log_text()


async def test_plain_rooms_refuse_e2ee(fjord_server: FjordServer) -> None:
    for mode in ("group", "normal"):
        meeting = fjord_server.create_meeting(mode)
        assert 'data-e2ee="off"' in page_of(fjord_server, meeting)
        _, refused = await join(fjord_server, meeting["roomUrl"], "Ada", public_key())
        assert refused["code"] == "e2ee_unavailable"
        ada, joined = await join(fjord_server, meeting["roomUrl"], "Ada", None)
        assert joined["endToEndEncryption"] is False
        assert all("e2eePublicKey" not in p for p in joined["participants"])
        await ada.send({"type": "e2ee-key", "to": joined["selfId"], "keyId": 1, "sealed": "AAAA"})
        assert (await ada.expect("error"))["code"] == "e2ee_off"
        await ada.close()


async def test_organization_setting_makes_every_group_room_e2ee(fjord_server: FjordServer
                                                                ) -> None:
    """Tester finding too: the meeting's ``endToEndEncryption`` in the REST API echoed the
    option (false) for a group room that the setting encrypts; it says what the room does,
    at creation, in the list and for a meeting made before the setting was turned on."""
    key = create_api_key(fjord_server.env, org="e2ee-everywhere")
    end = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    status, earlier = fjord_server.request("POST", "/v1/meetings", {
        "endDate": end.strftime("%Y-%m-%dT%H:%M:%SZ"), "roomMode": "group"}, api_key=key)
    assert status == 201 and earlier["endToEndEncryption"] is False
    status, privacy = fjord_server.request("PATCH", "/v1/admin/privacy",
                                           {"endToEndEncryption": True}, api_key=key)
    assert status == 200 and privacy["endToEndEncryption"] is True
    status, now = fjord_server.request("GET", f"/v1/meetings/{earlier['meetingId']}",
                                       api_key=key)
    assert status == 200 and now["endToEndEncryption"] is True
    for mode, expected in (("group", True), ("normal", False)):
        status, meeting = fjord_server.request("POST", "/v1/meetings", {
            "endDate": end.strftime("%Y-%m-%dT%H:%M:%SZ"), "roomMode": mode}, api_key=key)
        assert status == 201 and meeting["endToEndEncryption"] is expected
        marker = 'data-e2ee="on"' if expected else 'data-e2ee="off"'
        assert marker in page_of(fjord_server, meeting)
        client, joined = await join(fjord_server, meeting["roomUrl"], "Ada",
                                    public_key() if expected else None)
        assert joined["type"] == "joined" and joined["endToEndEncryption"] is expected
        await client.close()
    status, listed = fjord_server.request("GET", "/v1/meetings", api_key=key)
    assert status == 200
    assert [m["endToEndEncryption"] for m in listed["results"]] == [True, True, False]


async def test_organization_setting_keeps_an_earlier_cloud_recorded_normal_room_p2p(
        fjord_server: FjordServer) -> None:
    """Tester finding: a normal room whose meeting was made with cloud recording before the
    organization turned end-to-end encryption on still ran on the SFU and was recorded
    (automatically, or at a host's start-recording), though the setting refuses such a
    meeting now because it "leaves peer-to-peer DTLS for the SFU", and docs/api.md said an
    earlier one is not recorded. It now stays peer to peer and is not recorded."""
    key = create_api_key(fjord_server.env, org="e2ee-normal-recorded")
    end = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    status, earlier = fjord_server.request("POST", "/v1/meetings", {
        "endDate": end, "roomMode": "normal", "fields": ["hostRoomUrl"], "recording": {
            "type": "cloud", "startTrigger": "automatic", "destination": {
                "provider": "s3", "bucket": "never-contacted", "region": "eu-north-1",
                "accessKeyId": "AKIDE2EE", "accessKeySecret": "e2ee-secret"}}}, api_key=key)
    assert status == 201, earlier
    assert 'data-topology="sfu"' in page_of(fjord_server, earlier)
    status, _ = fjord_server.request("PATCH", "/v1/admin/privacy",
                                     {"endToEndEncryption": True}, api_key=key)
    assert status == 200
    page = page_of(fjord_server, earlier)
    assert 'data-topology="sfu"' not in page and 'data-recording="cloud"' not in page
    host, joined = await join(fjord_server, earlier["hostRoomUrl"], "Host", None)
    try:
        assert joined["type"] == "joined" and joined["topology"] == "p2p"
        assert joined["recordingType"] is None and joined["recording"] is False
        await host.send({"type": "start-recording"})
        error = await host.expect("error")
        assert error["code"] == "recording_unavailable" and "peer to peer" in error["message"]
    finally:
        await host.close()


@pytest.mark.parametrize("value", ["", "x" * 3, "=" * 10, "a" * 201])
async def test_bad_public_keys_are_refused(fjord_server: FjordServer, value: str) -> None:
    meeting = fjord_server.create_meeting("group", endToEndEncryption=True)
    client, reply = await join(fjord_server, meeting["roomUrl"], "Ada", value)
    assert reply["type"] == "error" and reply["code"] == "bad_message"
    assert "e2eePublicKey" in reply["message"]
    await client.close()


async def test_organization_setting_and_cloud_recording_refused(fjord_server: FjordServer
                                                               ) -> None:
    """The organization's end-to-end encryption makes a group room as unrecordable as the
    meeting's option: the same 422 at creation, and recording_unavailable for a host's
    start-recording in a meeting created before the organization turned it on."""
    key = create_api_key(fjord_server.env, org="e2ee-recorded")
    end = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    recorded = {"endDate": end, "roomMode": "group", "fields": ["hostRoomUrl"], "recording": {
        "type": "cloud", "startTrigger": "none", "destination": {
            "provider": "s3", "bucket": "never-contacted", "region": "eu-north-1",
            "accessKeyId": "AKIDE2EE", "accessKeySecret": "e2ee-secret"}}}
    status, earlier = fjord_server.request("POST", "/v1/meetings", recorded, api_key=key)
    assert status == 201, earlier
    status, _ = fjord_server.request("PATCH", "/v1/admin/privacy",
                                     {"endToEndEncryption": True}, api_key=key)
    assert status == 200
    for mode in ("group", "normal"):  # a cloud-recorded normal room runs on the SFU too
        status, refused = fjord_server.request("POST", "/v1/meetings",
                                               {**recorded, "roomMode": mode}, api_key=key)
        assert status == 422
        assert refused["error"].startswith(
            "endToEndEncryption cannot be combined with cloud recording")

    host, joined = await join(fjord_server, earlier["hostRoomUrl"], "Host", public_key())
    try:
        assert joined["type"] == "joined" and joined["endToEndEncryption"] is True
        await host.send({"type": "start-recording"})
        error = await host.expect("error")
        assert error["code"] == "recording_unavailable"
        assert "end-to-end encrypted" in error["message"]
        assert [p["role"] for p in joined["participants"]] == []
    finally:
        await host.close()
    status, listed = fjord_server.request("GET", "/v1/recordings", api_key=key)
    assert status == 200 and listed["results"] == []


async def test_a_rotations_keys_go_in_one_message(fjord_server: FjordServer) -> None:
    """``e2ee-keys``: one message carries a rotation's sealed keys, and each recipient gets
    its own ``e2ee-key``; a message naming someone not in the room relays nothing."""
    meeting = fjord_server.create_meeting("group", endToEndEncryption=True)
    ada, joined = await join(fjord_server, meeting["hostRoomUrl"], "Ada", public_key())
    others = [await join(fjord_server, meeting["roomUrl"], name, public_key())
              for name in ("Bo", "Cy")]
    ids = [reply["selfId"] for _, reply in others]
    sealed = {pid: base64.urlsafe_b64encode(os.urandom(60)).decode().rstrip("=") for pid in ids}
    await ada.send({"type": "e2ee-keys", "keyId": 3, "keys": sealed})
    for (client, _), pid in zip(others, ids, strict=True):
        assert await client.expect("e2ee-key") == {
            "type": "e2ee-key", "from": joined["selfId"], "keyId": 3, "sealed": sealed[pid]}

    for bad, code in (
        ({"keyId": 3, "keys": {}}, "bad_message"),
        ({"keyId": 256, "keys": sealed}, "bad_message"),
        ({"keyId": 3, "keys": {ids[0]: "not base64!"}}, "bad_message"),
        ({"keyId": 3, "keys": {f"p_{i}": "AAAA" for i in range(901)}}, "bad_message"),
        ({"keyId": 4, "keys": {**sealed, "p_nobody": "AAAA"}}, "unknown_peer"),
        ({"keyId": 4, "keys": {**sealed, joined["selfId"]: "AAAA"}}, "unknown_peer"),
    ):
        await ada.send({"type": "e2ee-keys", **bad})
        error = await ada.expect("error")
        assert error["code"] == code, bad
        if code == "unknown_peer":  # which of the recipients, of up to 900
            assert error["message"].startswith(next(k for k in bad["keys"] if k not in ids))
    await ada.send({"type": "ping"})
    await ada.expect("pong")
    for client, _ in others:  # the refused messages relayed nothing
        with pytest.raises(TimeoutError):
            await client.expect("e2ee-key", timeout=0.5)

    viewer, _ = await join(fjord_server, meeting["viewerRoomUrl"], "Vi", public_key())
    await viewer.send({"type": "e2ee-keys", "keyId": 1, "keys": sealed})
    assert (await viewer.expect("error"))["code"] == "forbidden"
    plain = fjord_server.create_meeting("group")
    dee, _ = await join(fjord_server, plain["roomUrl"], "Dee", None)
    await dee.send({"type": "e2ee-keys", "keyId": 1, "keys": sealed})
    assert (await dee.expect("error"))["code"] == "e2ee_off"
    for client in (ada, viewer, dee, *(c for c, _ in others)):
        await client.close()
    assert not any(blob in fjord_server.log_text() for blob in sealed.values())
