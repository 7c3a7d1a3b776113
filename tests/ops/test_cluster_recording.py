"""Cloud recording where the SFU runs on nodes of its own, reached over Redis (``fjord sfu``,
or ``fjord serve --redis-url`` workers): the recorder would need the bucket credentials on
the SFU node, Redis must not carry them in plaintext and the cluster shares no key to seal
them, so such a deployment does not record. It says so up front: creating a cloud-recorded
meeting is a 422 naming ``recording.type`` (a local recording, in the browser, is fine),
and a meeting created with cloud recording before (say, under ``fjord serve``) gets no
recording record per join, no prompt, and ``recording_unavailable`` with the reason when a
host starts it. Real redis-server; the signaling side as ``fjord signaling`` wires it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx
import pytest

from cluster.registry import NodeRegistry
from fjord.settings_loading import load_settings
from keys.field_cipher import FieldCipher
from keys.kek import FileKek
from keys.keyring import Keyring
from keys.room_keys import RoomKeySigner
from sfu_control.remote import ClusterSfu, cluster_media
from signaling.app import create_app
from signaling.context import SignalingContext
from signaling.media import RECORDING_NOT_HERE
from signaling.messages import ProtocolError
from signaling.rooms import RoomRegistry
from signaling.store import Store

CLOUD = {"type": "cloud", "startTrigger": "prompt", "destination": {
    "provider": "s3", "bucket": "acme-recordings", "region": "eu-west-1",
    "accessKeyId": "AKIDCLUSTER", "accessKeySecret": "cluster-secret"}}


class _Conn:
    def __init__(self) -> None:
        self.sent: list[dict] = []

    def send(self, message: dict) -> None:
        self.sent.append(message)

    def close(self, code: int, reason: str) -> None:
        pass


def _ctx(store: Store, tmp_path: Path, media: object) -> SignalingContext:
    return SignalingContext(
        settings=load_settings(data_dir=str(tmp_path), public_url="https://meet.example.test"),
        store=store, signer=RoomKeySigner.from_data_dir(tmp_path / "keys"),
        turn_secrets=[b"test-secret"], rooms=RoomRegistry(4, 200), media=media)  # type: ignore[arg-type]


async def test_a_cluster_refuses_cloud_recording_up_front(redis, tmp_path: Path  # noqa: ANN001
                                                          ) -> None:
    cipher = FieldCipher(Keyring(tmp_path / "keys" / "keyring", FileKek(tmp_path / "keys")))
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'fjord.db'}", cipher)
    try:
        rooms = RoomRegistry(4, 200)
        media = cluster_media(ClusterSfu(redis, NodeRegistry(redis, 2.0), "sig-a"), rooms)
        assert media.records_here is False
        ctx = _ctx(store, tmp_path, media)
        key = await store.create_api_key(await store.ensure_organization("acme"))
        end = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=create_app(ctx)),  # type: ignore[arg-type]
                base_url="https://testserver", headers={"Authorization": f"Bearer {key}"}) as api:
            refused = await api.post("/v1/meetings", json={
                "endDate": end, "roomMode": "group", "recording": CLOUD})
            assert refused.status_code == 422, refused.text
            assert refused.json()["error"] == f"recording.type: {RECORDING_NOT_HERE}"
            assert "cluster-secret" not in refused.text
            local = await api.post("/v1/meetings", json={"endDate": end, "recording": {
                "type": "local", "startTrigger": "none", "destination": None}})
            assert local.status_code == 201, local.text

        # A meeting created with cloud recording where the SFU was in process (media None
        # here stands for that: no check of the SFU's place) and then served by the cluster.
        async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=create_app(_ctx(store, tmp_path, None))),  # type: ignore[arg-type]
                base_url="https://testserver", headers={"Authorization": f"Bearer {key}"}) as api:
            earlier = await api.post("/v1/meetings", json={
                "endDate": end, "roomMode": "group",
                "recording": {**CLOUD, "startTrigger": "automatic"}})
            assert earlier.status_code == 201, earlier.text
        meeting = await store.meetings.by_room_name(earlier.json()["roomName"].lstrip("/"))
        assert meeting is not None
        room, host, _ = await ctx.rooms.join_shared(
            meeting, "Host", "host", _Conn(), await ctx.room_policy(meeting.organization_id))
        # With startTrigger prompt, no host would be asked: Start could not work.
        assert ctx.recording.claim_prompt(room, host, ("cloud", "prompt")) is False
        with pytest.raises(ProtocolError) as refusal:
            await ctx.recording.host_command(room, host, True)
        assert refusal.value.code == "recording_unavailable"
        assert refusal.value.message == RECORDING_NOT_HERE
        ctx.recording("room.client.joined", room, host)  # what a join tells the observer
        for task in list(ctx.recording._tasks):
            await task
        page, _ = await store.recordings.list_recordings(meeting.organization_id, 10, None)
        assert page == []  # no failed recording is kept per join or command
    finally:
        await store.close()
