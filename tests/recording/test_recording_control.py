"""RecordingControl's start decisions (signaling/recording_control.py), without a server.

The race this guards: a join's automatic-trigger check is still reading the meeting's
recording settings when a host sends ``start-recording``; the host's command must wait for
that check and then start, not be skipped as "already starting" (seen in CI: the recorder
never joined).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from recording.errors import UploadFailed
from signaling.accounts import PrivacyRecord
from signaling.messages import ProtocolError
from signaling.recording_control import RecordingControl
from signaling.recording_settings import BucketDestination, RecordingSettings
from signaling.room_model import Participant, Room
from tests.conftest import wait_until

LOOPBACK_ALLOWED = SimpleNamespace(recording_allowed_private_ips=["127.0.0.1"])


class _Conn:
    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    def send(self, message: dict[str, Any]) -> None:
        self.sent.append(message)

    def close(self, code: int, reason: str) -> None:
        pass


class _Recordings:
    """The store's recordings table: ``settings`` waits for ``gate`` (a slow database)."""

    def __init__(self, settings: RecordingSettings) -> None:
        self.gate = asyncio.Event()
        self.reading = asyncio.Event()
        self._settings = settings

    async def settings(self, meeting_id: str) -> RecordingSettings:
        self.reading.set()
        await self.gate.wait()
        return self._settings

    async def start(self, *args: object) -> SimpleNamespace:
        return SimpleNamespace(recording_id="rec_1")


class _Accounts:
    async def privacy(self, org_id: str) -> PrivacyRecord:
        return PrivacyRecord(False, None)  # no organization-wide recording key


class _Media:
    records_here = True  # an in-process SFU

    def __init__(self) -> None:
        self.started: list[str] = []

    async def start_recording(self, room_name: str, *args: object, **kwargs: object) -> object:
        self.started.append(room_name)
        return SimpleNamespace(wait_failed=asyncio.Event().wait)  # a recording that runs


class _Rooms:
    def add_participant(self, room: Room, participant: Participant) -> None:
        room.participants[participant.id] = participant

    def get(self, room_name: str) -> Room | None:
        return None  # no live room: what a leave is checked against (the room's end)


def _room() -> Room:
    meeting = SimpleNamespace(room_name="/r", room_mode="group", topology="sfu", is_locked=False,
                              end_to_end_encryption=False,
                              meeting_id="m_1", organization_id="org_1")
    return Room(meeting)  # type: ignore[arg-type]


async def test_a_host_start_during_an_automatic_check_is_not_dropped() -> None:
    destination = BucketDestination("s3", "bucket", "", None, "http://127.0.0.1:9")
    recordings = _Recordings(RecordingSettings("cloud", "none", destination=destination))
    media = _Media()
    store = SimpleNamespace(recordings=recordings, accounts=_Accounts())
    ctx = SimpleNamespace(store=store, media=media, settings=LOOPBACK_ALLOWED,
                          rooms=_Rooms(), webhooks=None)
    control = RecordingControl(ctx)  # type: ignore[arg-type]
    room = _room()
    host = Participant("p_host", "Host", "host", _Conn())
    guest = Participant("p_guest", "Guest", "participant", _Conn())
    room.participants = {host.id: host, guest.id: guest}

    control("room.client.joined", room, guest)  # startTrigger none: the check starts nothing
    await asyncio.wait_for(recordings.reading.wait(), 5)
    command = asyncio.create_task(control.host_command(room, host, True))
    await asyncio.sleep(0.05)
    recordings.gate.set()
    await asyncio.wait_for(command, 5)

    assert media.started == ["/r"]
    assert "/r" in control.running
    assert {"type": "recording-status", "status": "recording"} in guest.conn.sent
    roles = [p.role for p in room.participants.values()]
    assert roles.count("recorder") == 1
    assert not control._start_locks  # nothing kept per room once decided


class _FailingRecording:
    """A running recording whose bucket fails past its backlog's bound when told to."""

    def __init__(self) -> None:
        self.failed = asyncio.Event()

    async def wait_failed(self) -> None:
        await self.failed.wait()

    async def stop(self) -> int:
        raise UploadFailed("bucket unavailable: ConnectTimeoutError")

    uploaded = 4096


def _recordings_noting_finishes() -> tuple[_Recordings, list[tuple[str, str, int]]]:
    """Cloud recordings (started at once) into a bucket nobody serves, and the list their
    ends are noted in: (recording id, state, size)."""
    destination = BucketDestination("s3", "bucket", "", None, "http://127.0.0.1:9")
    recordings = _Recordings(RecordingSettings("cloud", "none", destination=destination))
    recordings.gate.set()
    finished: list[tuple[str, str, int]] = []

    async def finish(recording_id: str, state: str, size: int,
                     end_date: object = None) -> None:
        finished.append((recording_id, state, size))

    recordings.finish = finish  # type: ignore[attr-defined]
    return recordings, finished


async def test_a_recording_whose_bucket_fails_stops_at_once_and_says_so() -> None:
    """Acceptance 5 past the backlog bound: the recording ends when the recorder gives up,
    not when the room empties; every page is told and recording.failed says why."""
    recordings, finished = _recordings_noting_finishes()
    recording = _FailingRecording()
    media = SimpleNamespace(start_recording=lambda *a, **k: asyncio.sleep(0, recording),
                            records_here=True)
    emitted: list[tuple[str, str, dict[str, Any]]] = []
    webhooks = SimpleNamespace(emit=lambda org, event, data: emitted.append((org, event, data)))
    rooms = _Rooms()
    rooms.leave = lambda room, pid: room.participants.pop(pid)  # type: ignore[attr-defined]
    store = SimpleNamespace(recordings=recordings, accounts=_Accounts())
    ctx = SimpleNamespace(store=store, media=media, settings=LOOPBACK_ALLOWED,
                          rooms=rooms, webhooks=webhooks)
    control = RecordingControl(ctx)  # type: ignore[arg-type]
    room = _room()
    host = Participant("p_host", "Host", "host", _Conn())
    room.participants = {host.id: host}
    await control.host_command(room, host, True)
    assert "/r" in control.running

    recording.failed.set()  # the uploader gave up; the host is still in the room
    assert await wait_until(lambda: "/r" not in control.running, 10)
    assert await wait_until(lambda: bool(emitted), 10)
    assert finished == [("rec_1", "failed", 4096)]
    assert host.conn.sent[-1] == {"type": "recording-status", "status": "stopped"}
    assert [p.role for p in room.participants.values()] == ["host"]  # the recorder left
    assert [(e[1], e[2]["status"]) for e in emitted] == [("recording.failed", "failed")]
    assert emitted[0][2]["error"] == "bucket unavailable: ConnectTimeoutError"


async def test_stop_without_cloud_settings_is_answered_like_start() -> None:
    """stop-recording in a room whose meeting records locally (or not at all) gets the same
    recording_unavailable as start-recording, not silence; in a cloud room it stays a no-op."""
    for kind in ("local", None):
        recordings = SimpleNamespace(settings=lambda _m, kind=kind: asyncio.sleep(
            0, RecordingSettings(kind, "none") if kind else None),
            recording_type=lambda _m, kind=kind: asyncio.sleep(0, kind))
        ctx = SimpleNamespace(store=SimpleNamespace(recordings=recordings), media=_Media(),
                              rooms=_Rooms(), webhooks=None)
        control = RecordingControl(ctx)  # type: ignore[arg-type]
        room = _room()
        host = Participant("p_host", "Host", "host", _Conn())
        room.participants = {host.id: host}
        for start in (True, False):
            with pytest.raises(ProtocolError) as refused:
                await control.host_command(room, host, start)
            assert refused.value.code == "recording_unavailable"
    cloud = SimpleNamespace(recording_type=lambda _m: asyncio.sleep(0, "cloud"))
    control = RecordingControl(SimpleNamespace(  # type: ignore[arg-type]
        store=SimpleNamespace(recordings=cloud), media=_Media(), rooms=_Rooms(), webhooks=None))
    room = _room()
    await control.host_command(room, Participant("p_h", "Host", "host", _Conn()), False)


async def test_an_endpoint_resolving_to_loopback_at_start_fails_the_recording() -> None:
    """The endpoint is checked again right before the recorder connects (its name may resolve
    elsewhere than at creation): refused, the recorder never starts, the recording is failed
    and recording.failed says why; the host gets recording_unavailable."""
    destination = BucketDestination("s3", "bucket", "", None, "https://localhost:9443")
    recordings = _Recordings(RecordingSettings("cloud", "none", destination=destination))
    recordings.gate.set()
    finished: list[tuple[str, str, int]] = []

    async def finish(recording_id: str, state: str, size: int,
                     end_date: object = None) -> None:
        finished.append((recording_id, state, size))

    recordings.finish = finish  # type: ignore[attr-defined]
    emitted: list[tuple[str, str, dict[str, Any]]] = []
    webhooks = SimpleNamespace(emit=lambda org, event, data: emitted.append((org, event, data)))
    media = _Media()
    ctx = SimpleNamespace(store=SimpleNamespace(recordings=recordings, accounts=_Accounts()),
                          media=media, rooms=_Rooms(), webhooks=webhooks,
                          settings=SimpleNamespace(recording_allowed_private_ips=[]))
    control = RecordingControl(ctx)  # type: ignore[arg-type]
    room = _room()
    host = Participant("p_host", "Host", "host", _Conn())
    room.participants = {host.id: host}
    with pytest.raises(ProtocolError) as refused:
        await control.host_command(room, host, True)
    assert refused.value.code == "recording_unavailable"
    assert "recording.destination.endpoint" in refused.value.message
    assert media.started == [] and "/r" not in control.running
    assert finished == [("rec_1", "failed", 0)]
    assert [(e[1], e[2]["recordingId"], e[2]["status"]) for e in emitted] == [
        ("recording.failed", "rec_1", "failed")]
    assert emitted[0][2]["error"] == refused.value.message
    assert [p.role for p in room.participants.values()] == ["host"]


async def test_a_session_that_starts_after_the_recording_is_the_recordings() -> None:
    """A recording started before the room had a session (one host: the recorder's join
    starts it) belongs to that session, in the store and in recording.finished, even though
    the session has ended by the time the webhook goes out."""
    destination = BucketDestination("s3", "bucket", "", None, "http://127.0.0.1:9")
    recordings = _Recordings(RecordingSettings("cloud", "none", destination=destination))
    recordings.gate.set()
    started: list[object] = []
    sessions: list[tuple[str, str]] = []

    async def start(*args: object) -> SimpleNamespace:
        started.append(args[2])  # the room's session id when the recording began
        return SimpleNamespace(recording_id="rec_1")

    async def set_session(recording_id: str, session_id: str) -> None:
        sessions.append((recording_id, session_id))

    async def finish(recording_id: str, state: str, size: int,
                     end_date: object = None) -> None:
        pass

    recordings.start = start  # type: ignore[method-assign]
    recordings.set_session = set_session  # type: ignore[attr-defined]
    recordings.finish = finish  # type: ignore[attr-defined]
    stopped = SimpleNamespace(wait_failed=asyncio.Event().wait,
                              stop=lambda: asyncio.sleep(0, 10))
    media = SimpleNamespace(start_recording=lambda *a, **k: asyncio.sleep(0, stopped),
                            records_here=True)
    emitted: list[tuple[str, str, dict[str, Any]]] = []
    webhooks = SimpleNamespace(emit=lambda org, event, data: emitted.append((org, event, data)))
    control: RecordingControl

    class SessionRooms(_Rooms):
        def add_participant(self, room: Room, participant: Participant) -> None:
            super().add_participant(room, participant)
            if room.session_id is None and len(room.participants) >= 2:
                room.session_id = "s_started_later"
                control("room.session.started", room, None)

        def leave(self, room: Room, participant_id: str) -> None:
            room.participants.pop(participant_id)

    ctx = SimpleNamespace(store=SimpleNamespace(recordings=recordings, accounts=_Accounts()),
                          media=media, rooms=SessionRooms(), webhooks=webhooks,
                          settings=LOOPBACK_ALLOWED)
    control = RecordingControl(ctx)  # type: ignore[arg-type]
    room = _room()
    host = Participant("p_host", "Host", "host", _Conn())
    room.participants = {host.id: host}
    await control.host_command(room, host, True)
    assert started == [""] and sessions[0] == ("rec_1", "s_started_later")
    room.participants.pop(host.id)
    room.session_id = None  # the host left: the session ended, then the recording stops
    await control.stop("/r")
    assert emitted[0][1] == "recording.finished"
    assert emitted[0][2]["roomSessionId"] == "s_started_later"


async def test_a_recording_restarted_within_the_second_gets_an_object_of_its_own(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    """Object keys name the start to the second (Whereby's ``<room>-<start>.mkv``): a host
    who stops and starts again within that second (or an automatic trigger after the room
    emptied) must not get the previous recording's key, whose object the new upload would
    overwrite and whose deletion through the API would delete the new file."""
    monkeypatch.setattr("signaling.recording_control._now",
                        lambda: dt.datetime(2026, 5, 1, 9, 30, 15, 250000, tzinfo=dt.UTC))
    destination = BucketDestination("s3", "bucket", "", None, "http://127.0.0.1:9")
    recordings = _Recordings(RecordingSettings("cloud", "none", destination=destination))
    recordings.gate.set()

    async def finish(*args: object) -> None:
        pass

    recordings.finish = finish  # type: ignore[attr-defined]
    keys: list[str] = []

    async def start_recording(room_name: str, destination: object, key: str,
                              *args: object, **kwargs: object) -> SimpleNamespace:
        keys.append(key)
        return SimpleNamespace(wait_failed=asyncio.Event().wait,
                               stop=lambda: asyncio.sleep(0, 10))

    rooms = _Rooms()
    rooms.leave = lambda room, pid: room.participants.pop(pid)  # type: ignore[attr-defined]
    ctx = SimpleNamespace(
        store=SimpleNamespace(recordings=recordings, accounts=_Accounts()),
        media=SimpleNamespace(start_recording=start_recording, records_here=True),
        rooms=rooms, webhooks=None, settings=LOOPBACK_ALLOWED)
    control = RecordingControl(ctx)  # type: ignore[arg-type]
    room = _room()
    host = Participant("p_host", "Host", "host", _Conn())
    room.participants = {host.id: host}
    for _ in range(3):
        await control.host_command(room, host, True)
        await control.host_command(room, host, False)
    assert keys == ["/r-2026-05-01T09:30:15Z.mkv", "/r-2026-05-01T09:30:16Z.mkv",
                    "/r-2026-05-01T09:30:17Z.mkv"]


async def test_a_room_that_empties_while_the_recorder_starts_is_not_recorded_on() -> None:
    """The last participant leaves while the recorder is still starting (the endpoint's
    check, the SFU's answer): the recording is stopped once it has started, not left
    attached to the room for good with nobody to stop it (its row failed by the lease
    reconciler later, the room refusing every later recording as already recorded)."""
    recordings, finished = _recordings_noting_finishes()
    starting = asyncio.Event()
    proceed = asyncio.Event()
    stopped: list[bool] = []

    async def stop() -> int:
        stopped.append(True)
        return 10

    async def start_recording(*args: object, **kwargs: object) -> SimpleNamespace:
        starting.set()
        await proceed.wait()
        return SimpleNamespace(wait_failed=asyncio.Event().wait, stop=stop)

    rooms = _Rooms()
    rooms.leave = lambda room, pid: room.participants.pop(pid)  # type: ignore[attr-defined]
    emitted: list[tuple[str, str, dict[str, Any]]] = []
    ctx = SimpleNamespace(
        store=SimpleNamespace(recordings=recordings, accounts=_Accounts()),
        media=SimpleNamespace(start_recording=start_recording, records_here=True),
        rooms=rooms, settings=LOOPBACK_ALLOWED,
        webhooks=SimpleNamespace(emit=lambda org, event, data: emitted.append(
            (org, event, data))))
    control = RecordingControl(ctx)  # type: ignore[arg-type]
    room = _room()
    host = Participant("p_host", "Host", "host", _Conn())
    room.participants = {host.id: host}
    command = asyncio.create_task(control.host_command(room, host, True))
    await asyncio.wait_for(starting.wait(), 5)
    room.participants.pop(host.id)  # the host leaves: nobody is in the room
    control("room.client.left", room, host)
    await asyncio.sleep(0.05)
    proceed.set()
    await asyncio.wait_for(command, 5)
    assert await wait_until(lambda: bool(stopped), 5)
    assert "/r" not in control.running
    assert finished == [("rec_1", "finished", 10)]
    assert [e[1] for e in emitted] == ["recording.finished"]
    assert not any(p.role == "recorder" for p in room.participants.values())


class _HeldRecording(_FailingRecording):
    """A recording whose bucket holds its last request open: stop() never returns."""

    async def stop(self) -> int:
        await asyncio.Event().wait()
        return 0


async def test_shutdown_is_not_held_by_a_bucket_that_holds_the_abort_open(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM with a recording whose store drips its answers: past the budget the recording
    was failed, then the abort (now the completion from its parts) of its upload (to the
    same store) was awaited without a bound, and the server never stopped. Now it is left
    to the reconciler, as any node's recording that ends with no process."""
    salvages: list[str] = []

    async def held_salvage(record: object, allowed: object) -> int:
        salvages.append("started")
        await asyncio.Event().wait()
        return 0

    monkeypatch.setattr("signaling.recording_control.salvage", held_salvage)
    monkeypatch.setattr("signaling.recording_control.STOP_SALVAGE_S", 0.5)
    recordings, finished = _recordings_noting_finishes()

    async def get(org_id: str, recording_id: str) -> object:
        return SimpleNamespace(recording_id=recording_id)

    released: list[str] = []

    async def release(recording_id: str, end_date: object) -> None:
        released.append(recording_id)

    recordings.get = get  # type: ignore[attr-defined]
    recordings.release = release  # type: ignore[attr-defined]
    media = SimpleNamespace(start_recording=lambda *a, **k: asyncio.sleep(0, _HeldRecording()),
                            records_here=True)
    rooms = _Rooms()
    rooms.leave = lambda room, pid: room.participants.pop(pid)  # type: ignore[attr-defined]
    ctx = SimpleNamespace(store=SimpleNamespace(recordings=recordings, accounts=_Accounts()),
                          media=media, settings=LOOPBACK_ALLOWED, rooms=rooms,
                          webhooks=SimpleNamespace(emit=lambda *a: None))
    control = RecordingControl(ctx)  # type: ignore[arg-type]
    room = _room()
    host = Participant("p_host", "Host", "host", _Conn())
    room.participants = {host.id: host}
    await control.host_command(room, host, True)
    closing = asyncio.create_task(control.close(budget=0.2))
    done, _ = await asyncio.wait({closing}, timeout=10)
    closing.cancel()
    assert closing in done, "shutdown waited for the bucket"
    assert salvages == ["started"] and finished == [] and released == ["rec_1"]


async def test_an_orphans_held_abort_does_not_hold_the_lease_renewals(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    """keep_alive renewed this process's leases and then awaited the reconciling, whose
    abort (now completion) of an orphan's upload a store could hold open (up to the calls'
    deadline, 120 s): the live recordings' 60 s leases ran out meanwhile, and they were
    reconciled as orphans, failed and their uploads aborted, while still recording."""
    monkeypatch.setattr("signaling.recording_control.RENEW_S", 0.05)

    async def held_salvage(record: object, allowed: object) -> int:
        await asyncio.Event().wait()
        return 0

    monkeypatch.setattr("signaling.recording_control.salvage", held_salvage)
    renewals: list[list[str]] = []
    orphan = SimpleNamespace(recording_id="rec_orphan", lease_until=None, organization_id="o",
                             room_name="r", meeting_id="m", filename="f.mkv",
                             room_session_id=None, end_date=None, start_date=None)

    async def renew(ids: list[str], until: object) -> None:
        renewals.append(ids)

    async def orphans(now: object, holder: object) -> list[object]:
        return [orphan]

    async def claim_orphan(*args: object) -> bool:
        return True

    recordings = SimpleNamespace(renew=renew, orphans=orphans, claim_orphan=claim_orphan)
    ctx = SimpleNamespace(store=SimpleNamespace(recordings=recordings), settings=LOOPBACK_ALLOWED,
                          webhooks=SimpleNamespace(emit=lambda *a: None))
    control = RecordingControl(ctx)  # type: ignore[arg-type]
    control.running["/live"] = SimpleNamespace(recording_id="rec_live")  # type: ignore[assignment]
    alive = asyncio.create_task(control.keep_alive())
    try:
        assert await wait_until(lambda: len(renewals) >= 5, 10), renewals
    finally:
        alive.cancel()
    assert set(map(tuple, renewals)) == {("rec_live",)}
