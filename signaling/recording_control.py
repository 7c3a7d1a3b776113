"""Cloud recording of live rooms (issue 14): when to start and stop, and what is told.

A room observer. When a participant joins a meeting whose recording settings say ``cloud``
with ``startTrigger`` ``automatic`` (first participant) or ``automatic-2nd-participant``
(second), it starts the SFU's recorder (``ctx.media.start_recording``) into the bucket and
adds a participant with role ``recorder`` to the room, which everyone sees in the people list
and which the ``room.client.joined`` / ``left`` webhooks carry. It stops when the last other
participant leaves or the meeting ends, or as soon as the recorder gives up on a bucket
that failed past its upload backlog's bound; the recording's metadata is then kept
(``store.recordings``), every page is told (``recording-status: stopped``) and
``recording.finished`` is sent (``status: completed``), or ``recording.failed`` when the
bucket failed (``error`` says why; the part it holds is kept as a playable file when the
bucket comes back in time).
A recording a host stopped is not started again by the automatic triggers until the room
empties: a participant joining or reconnecting meanwhile does not undo the host's stop.

Object keys are ``[prefix/]<room name>-<start time, ISO 8601>.mkv`` as Whereby names them,
unique per room (:meth:`RecordingControl._start_time`).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import datetime as dt
import ipaddress
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Protocol

from operability.logs import bind, unbind
from recording.errors import UploadFailed
from signaling.insights import RECORDER
from signaling.media import RECORDING_NOT_HERE, MediaControl, MediaError, MediaRecording
from signaling.messages import ProtocolError
from signaling.recording_objects import salvage
from signaling.recording_settings import RecordingSettings, endpoint_refused, host_checker
from signaling.recordings import LeaseHolder
from signaling.room_model import Participant, Room, new_participant_id
from signaling.rooms import RoomRegistry
from signaling.store import Store
from signaling.webhooks import WebhookDispatcher

log = logging.getLogger("fjord.signaling.recording")
TRIGGER_AT = {"automatic": 1, "automatic-2nd-participant": 2}
"""Participants in the room (recorder not counted) that start a recording, per trigger."""
LEASE_S = 60.0
"""How long a recording's row says this process still records it (``lease_until``); renewed
every :data:`RENEW_S`. A row still ``recording`` past it belongs to a process that is gone:
any node then reconciles it (:meth:`RecordingControl.reconcile`)."""
RENEW_S = 20.0
SHUTDOWN_S = 15.0
"""At shutdown, how long running recordings get to complete their upload (within the
deployments' 30 s stop grace period, after up to 10 s of requests draining); a recording
not completed by then is completed from its uploaded parts (:data:`STOP_SALVAGE_S`), failed
and reported."""
STOP_SALVAGE_S = 3.0
"""At shutdown, how long completing each such recording's upload from the parts the bucket
holds (:func:`salvage`) may take; one not done by then is left to the reconciler."""
SALVAGE_S = 3600.0
"""How long after its process died an orphan's file is still tried again when its bucket
cannot be reached (every lease, :data:`LEASE_S`); past it the recording fails with nothing
kept (its parts then stay in the bucket until a lifecycle rule aborts the upload)."""


class RecordingEgress(Protocol):
    """What the recording control reads of the settings."""

    recording_allowed_private_ips: list[str]
    "Private/loopback addresses a meeting's S3 endpoint may resolve to."


class RecordingHost(Protocol):
    """What the recording control uses of :class:`signaling.context.SignalingContext`."""

    settings: RecordingEgress
    store: Store
    rooms: RoomRegistry
    media: MediaControl | None
    webhooks: WebhookDispatcher | None


class _Silent:
    """The recorder participant's connection: it receives nothing (it is the SFU's tap)."""

    def send(self, message: dict[str, Any]) -> None:
        pass

    def close(self, code: int, reason: str) -> None:
        pass


@dataclass
class _Running:
    room: Room
    recorder: Participant
    recording_id: str
    filename: str
    media: MediaRecording | None = None
    watch: asyncio.Task[None] | None = None
    "Waits for the recording to fail on its own, then stops it."
    session_id: str | None = None
    """The room's session the recording belongs to: the one running at its start, else the
    one that starts after it (kept when the room empties and the session ends)."""


class RecordingControl:
    """Starts and stops the recordings of this node's rooms (a RoomObserver)."""

    def __init__(self, ctx: RecordingHost) -> None:
        self.ctx = ctx
        self.running: dict[str, _Running] = {}
        self.prompted: set[str] = set()
        """Rooms whose first host was shown the prompt to start the recording (startTrigger
        prompt): nobody else is, until the room empties."""
        self.host_stopped: set[str] = set()
        """Rooms whose running recording a host stopped (``stop-recording``): the automatic
        triggers start nothing there until the room empties, or a participant who joins
        or reconnects would record again what the host stopped; a host's
        ``start-recording`` still does."""
        self._start_locks: dict[str, asyncio.Lock] = {}
        "Per room: one start decision at a time, so a host's command waits for an automatic one."
        self._tasks: set[asyncio.Task[None]] = set()
        self.stopping: dict[str, _Running] = {}
        "Recordings (by id) whose file is being completed."
        self.holder: LeaseHolder | None = None
        """This process in the leases it takes, set by the composition root while it holds
        its node's lock: the node's next process then ends at once the recordings this one
        leaves, and this one those of the node's earlier processes. None: they wait for
        their leases to run out."""
        self._started: dict[str, dt.datetime] = {}
        """Per room, the start time its last recording's object key names (kept a few
        seconds): :meth:`_start_time`."""

    # --- RoomObserver
    def __call__(self, event: str, room: Room, participant: Participant | None) -> None:
        if participant is not None and participant.role == RECORDER:
            return
        if event == "room.client.left" and participant is not None:
            self._local_stopped(room, participant.id)
            if self.ctx.rooms.get(room.name) is not room:
                # The room ended (RoomRegistry.end tells each participant's leave while they
                # are all still in it, so the room never looks empty here).
                self._emptied(room.name)
        if event == "room.client.joined" and room.topology == "sfu":
            self._spawn(self._maybe_start(room))
        elif event == "room.session.started" and room.name in self.running:
            self._spawn(self._session_started(self.running[room.name]))
        elif event == "room.session.ended" and room.name in self.running:
            self._spawn(self.stop(room.name))  # the meeting ended for everyone
        elif event == "room.client.left" and not any(
                p.role != RECORDER for p in room.participants.values()):
            self._emptied(room.name)
            if room.name in self.running:
                self._spawn(self.stop(room.name))

    def _emptied(self, room_name: str) -> None:
        """The room emptied or ended: the next people in it start afresh (prompt, triggers)."""
        self.prompted.discard(room_name)
        self.host_stopped.discard(room_name)

    def _spawn(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro, context=contextvars.Context())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @contextlib.asynccontextmanager
    async def _start_decision(self, room_name: str) -> AsyncIterator[None]:
        """Serialize the start decisions of one room (a join's automatic check against a
        host's command), dropping the lock when nobody else waits for it."""
        lock = self._start_locks.setdefault(room_name, asyncio.Lock())
        try:
            async with lock:
                yield
        finally:
            if not lock.locked() and self._start_locks.get(room_name) is lock:
                del self._start_locks[room_name]

    async def _maybe_start(self, room: Room) -> None:
        try:
            async with self._start_decision(room.name):
                if room.name in self.running or room.name in self.host_stopped:
                    return
                settings = await self.ctx.store.recordings.settings(room.meeting.meeting_id)
                people = sum(p.role != RECORDER for p in room.participants.values())
                if (settings is not None and settings.type == "cloud"
                        and not room.end_to_end_encrypted and self.available
                        and people >= TRIGGER_AT.get(settings.start_trigger, 1 << 30)):
                    await self.start(room, settings)
        except MediaError as error:
            log.warning("recording did not start room=%s reason=%s", room.name, error)
        except Exception:  # an observer must not break the room: counted in the log
            log.exception("recording did not start room=%s", room.name)

    @property
    def available(self) -> bool:
        """This deployment can record: its SFU runs in this process (``fjord serve``). With
        SFU nodes of their own (``fjord sfu``) the recorder would need the bucket
        credentials there, and the cluster has no key to seal them for the trip over Redis
        (:attr:`signaling.media.RecordingMediaControl.records_here`)."""
        return bool(getattr(self.ctx.media, "records_here", False))

    def claim_prompt(self, room: Room, participant: Participant,
                     mode: tuple[str, str] | None) -> bool:
        """Whether ``participant``, joining, is asked to start the cloud recording: the
        meeting's ``startTrigger`` is ``prompt`` (Whereby: "shown to the first user with
        permission to start the recording"), the participant is a host, and it is the room's
        first host since it was empty while nothing records. ``mode`` is the meeting's
        ``(type, startTrigger)`` (:meth:`signaling.recordings.Recordings.recording_mode`).
        True once per room; the page then offers Start (``start-recording``) or Not now."""
        if (mode != ("cloud", "prompt") or participant.role != "host"
                or room.topology != "sfu" or room.end_to_end_encrypted or not self.available
                or room.name in self.prompted or room.name in self.running):
            return False
        self.prompted.add(room.name)
        return True

    # --- control
    async def start(self, room: Room, settings: RecordingSettings) -> None:
        """Start recording ``room`` (a group room) into its meeting's bucket.

        Raises:
            MediaError: the SFU cannot record here (:data:`signaling.media.RECORDING_NOT_HERE`),
                or the room is end-to-end encrypted (the recorder would join a room whose
                media it cannot read).
        """
        if room.end_to_end_encrypted:
            raise MediaError("this room is end-to-end encrypted: it cannot be recorded")
        destination = settings.destination
        if destination is None or not self.available:
            raise MediaError(RECORDING_NOT_HERE)
        start_recording = self.ctx.media.start_recording  # type: ignore[union-attr]
        # The meeting's own recipient, else the organization's (privacy settings).
        encrypt_to = settings.encryption_public_key or (
            await self.ctx.store.accounts.privacy(room.meeting.organization_id)
        ).encryption_public_key
        started = self._start_time(room.name)
        stamp = started.isoformat().replace("+00:00", "Z")
        filename = f"{room.name}-{stamp}.mkv" + (".age" if encrypt_to else "")
        key = f"{destination.key_prefix}/{filename}" if destination.key_prefix else filename
        record = await self.ctx.store.recordings.start(
            room.meeting.organization_id, room.name, room.session_id or "", key, destination,
            room.meeting.meeting_id, _now() + dt.timedelta(seconds=LEASE_S), self.holder)
        recorder = Participant(new_participant_id(), "Recorder", RECORDER, _Silent())
        running = _Running(room, recorder, record.recording_id, key,
                           session_id=room.session_id)
        self.running[room.name] = running

        def names(participant_id: str) -> str:
            """A track's name: the participant's display name when its track comes to
            the recorder (its id when the organization redacts names)."""
            p = room.participants.get(participant_id)
            if p is None or room.policy.redact_display_names:
                return participant_id
            return p.display_name

        try:
            # Checked again right before the recorder connects: the endpoint's name may
            # resolve to another address now than when the meeting was created.
            allowed = [ipaddress.ip_network(n, strict=False)
                       for n in self.ctx.settings.recording_allowed_private_ips]
            problem = await endpoint_refused(destination, allowed)
            if problem is not None:
                raise MediaError(f"recording.destination.endpoint: {problem}")
            # The recorder's tasks log with the recording's id (upload retries, failures).
            token = bind(recording=record.recording_id)
            try:
                running.media = await start_recording(room.name, destination, key, names,
                                                      encrypt_to=encrypt_to,
                                                      check_host=host_checker(allowed))
            finally:
                unbind(token)
        except Exception as error:  # whatever it is, the recording must end as failed
            del self.running[room.name]
            await self.ctx.store.recordings.finish(record.recording_id, "failed", 0)
            reason = str(error) if isinstance(error, MediaError) else \
                "the recorder could not start (the server log has the reason)"
            self._finished(room.meeting.organization_id, room.name, room.meeting.meeting_id,
                           record.recording_id, key, "failed", 0, room.session_id, reason)
            if isinstance(error, MediaError):
                log.warning("recording failed to start room=%s recording=%s reason=%s",
                            room.name, record.recording_id, error)
                raise
            log.warning("recording failed to start room=%s recording=%s reason=%s",
                        room.name, record.recording_id, type(error).__name__)
            raise MediaError("the recorder could not start (the server log has the "
                             f"reason, recording {record.recording_id})") from None
        if self.running.get(room.name) is not running:
            # Stopped while the recorder started (the room emptied, the meeting ended, a
            # host stopped it), when stop() found no recorder yet: stop it now, or nothing
            # ever would and the room would stay recorded.
            self.running[room.name] = running
            await self.stop(room.name)
            return
        self.ctx.rooms.add_participant(room, recorder)  # may start the room's session
        await self._session_started(running)
        room.broadcast({"type": "recording-status", "status": "recording"})
        running.watch = asyncio.get_running_loop().create_task(
            self._stop_on_failure(room.name, running), context=contextvars.Context())
        log.info("recording started room=%s", room.name)

    def _start_time(self, room_name: str) -> dt.datetime:
        """The start time, to the second, a new recording of the room names in its object key:
        now, or one second after the room's previous recording when that one started within
        this second (stopped and started again, or an automatic trigger after the room
        emptied), so that no upload overwrites the previous object, which the API would
        then delete with either recording."""
        now = _now().replace(microsecond=0)
        started = max(now, self._started.get(room_name, now - _SECOND) + _SECOND)
        self._started = {name: t for name, t in self._started.items() if t >= now - _SECOND}
        self._started[room_name] = started
        return started

    async def _session_started(self, running: _Running) -> None:
        """The room's session started after the recording: the recording belongs to it
        (its ``roomSessionId`` in the API and in ``recording.finished`` or ``.failed``)."""
        session_id = running.room.session_id
        if running.session_id is not None or session_id is None:
            return
        running.session_id = session_id
        await self.ctx.store.recordings.set_session(running.recording_id, session_id)

    async def _stop_on_failure(self, room_name: str, running: _Running) -> None:
        """Stop the room's recording as soon as it fails on its own (bucket gone past the
        backlog's bound): the pages and the webhook hear of it now, not at the end."""
        assert running.media is not None
        await running.media.wait_failed()
        if self.running.get(room_name) is running:
            await self.stop(room_name)

    async def stop(self, room_name: str) -> None:
        """Stop the room's recording, keep its metadata, send ``recording.finished`` (or
        ``recording.failed``)."""
        running = self.running.pop(room_name, None)
        if running is None or running.media is None:
            return
        if running.watch is not None and running.watch is not asyncio.current_task():
            running.watch.cancel()
        stopped = _now()  # the recording's endDate: its upload may take longer
        self.stopping[running.recording_id] = running
        status, size, error = "finished", 0, None
        token = bind(recording=running.recording_id)  # the last upload's retries say whose
        try:
            size = await running.media.stop()
        except UploadFailed as failure:
            status, error = "failed", str(failure)
            size = getattr(running.media, "uploaded", 0)
            log.warning("recording failed room=%s reason=%s", room_name, failure)
        finally:
            unbind(token)
            self.stopping.pop(running.recording_id, None)
        await self._end(running, status, size, stopped, error)

    async def _end(self, running: _Running, status: str, size: int,
                   stopped: dt.datetime, error: str | None = None) -> None:
        """Keep the recording's state, tell the room and the webhooks it ended (``error``:
        why it failed)."""
        room_name = running.room.name
        await self.ctx.store.recordings.finish(running.recording_id, status, size, stopped)
        room = running.room
        self._leave(running)
        self._finished(room.meeting.organization_id, room.name, room.meeting.meeting_id,
                       running.recording_id, running.filename, status, size,
                       running.session_id, error)
        log.info("recording %s room=%s recording=%s bytes=%d", status, room_name,
                 running.recording_id, size)

    def _leave(self, running: _Running) -> None:
        """Tell the room its recording stopped; the recorder participant leaves it."""
        room = running.room
        room.broadcast({"type": "recording-status", "status": "stopped"})
        if room.participants.get(running.recorder.id) is running.recorder:
            self.ctx.rooms.leave(room, running.recorder.id)

    def _finished(self, org_id: str, room_name: str, meeting_id: str | None,
                  recording_id: str, filename: str, status: str, size: int,
                  session_id: str | None, error: str | None = None) -> None:
        """Send ``recording.finished`` (``status`` ``finished``: the upload completed, as
        Whereby sends it) or ``recording.failed`` (``failed``, with ``error`` saying why;
        ``sizeInMegaBytes`` is what the bucket kept, as Whereby's ``transcription.failed``
        carries an ``error``)."""
        if self.ctx.webhooks is None:
            return
        data: dict[str, object] = {
            "recordingId": recording_id, "roomName": "/" + room_name,
            "filename": filename, "meetingId": meeting_id, "roomSessionId": session_id,
            "status": "completed" if status == "finished" else "failed",
            "sizeInMegaBytes": round(size / 1e6, 6),
        }
        if status == "finished":
            self.ctx.webhooks.emit(org_id, "recording.finished", data)
        else:
            self.ctx.webhooks.emit(org_id, "recording.failed", {**data, "error": error})

    def is_recording(self, room_name: str) -> bool:
        """A cloud or local recording of the room runs (what every page shows)."""
        room = self.ctx.rooms.get(room_name)
        return room_name in self.running or (room is not None and bool(room.recording_hosts))

    async def local_command(self, room: Room, actor: Participant, active: bool) -> None:
        """A host's ``local-recording``: tell everyone (the media stays in that browser).

        Raises:
            ProtocolError: ``forbidden`` (not a host), ``recording_unavailable`` (the
                meeting's recording type is not local).
        """
        if actor.role != "host":
            raise ProtocolError("forbidden", "only hosts can record")
        if await self.ctx.store.recordings.recording_type(room.meeting.meeting_id) != "local":
            raise ProtocolError("recording_unavailable", "this meeting is not recorded locally")
        if active:
            room.recording_hosts.add(actor.id)
            if self.ctx.rooms.bus is not None:
                self.ctx.rooms.bus.recording_changed(room, actor.id, True)
            room.broadcast({"type": "recording-status", "status": "recording", "kind": "local"})
        else:
            self._local_stopped(room, actor.id, always=True)

    def _local_stopped(self, room: Room, participant_id: str, always: bool = False) -> None:
        """``participant_id`` no longer records locally (it said so, or it left the room):
        everyone gets ``recording-status: stopped`` once no host of the room records any
        more (with ``always``, also when it was not recording: an answer to its stop)."""
        recorders = room.recording_hosts  # the room shows the indicator while any records
        if participant_id not in recorders and not always:
            return
        if participant_id in recorders and self.ctx.rooms.bus is not None:
            self.ctx.rooms.bus.recording_changed(room, participant_id, False)
        recorders.discard(participant_id)
        if recorders:  # (a browser that is gone records nothing)
            return
        room.broadcast({"type": "recording-status", "status": "stopped", "kind": "local"})

    async def host_command(self, room: Room, actor: Participant, start: bool) -> None:
        """A host's ``start-recording`` / ``stop-recording`` (idempotent).

        Raises:
            ProtocolError: ``forbidden`` (not a host), ``recording_unavailable`` (the meeting
                has no cloud recording settings, or the SFU cannot record here).
        """
        if actor.role != "host":
            raise ProtocolError("forbidden", "only hosts can start or stop a recording")
        if not start:
            if room.name not in self.running and (
                    room.topology != "sfu" or await self.ctx.store.recordings.recording_type(
                        room.meeting.meeting_id) != "cloud"):
                # As start-recording answers: a page must not wait for a stop that cannot be.
                raise ProtocolError("recording_unavailable",
                                    "this meeting has no cloud recording settings")
            if room.name in self.running:
                self.host_stopped.add(room.name)
            await self.stop(room.name)
            return
        # Waits for a join's automatic check still reading the settings: skipping the
        # command then would drop the host's start without a word.
        async with self._start_decision(room.name):
            if room.name in self.running:
                return
            settings = await self.ctx.store.recordings.settings(room.meeting.meeting_id)
            if settings is None or settings.type != "cloud":
                raise ProtocolError("recording_unavailable",
                                    "this meeting has no cloud recording settings")
            if room.topology != "sfu":
                # a cloud-recorded normal room the organization's end-to-end encryption
                # keeps peer to peer (signaling.room_policy.topology)
                raise ProtocolError("recording_unavailable", "this room stays peer to peer "
                                    "(end-to-end encrypted, as the organization's privacy "
                                    "settings ask): it cannot be recorded")
            self.host_stopped.discard(room.name)
            try:
                await self.start(room, settings)
            except MediaError as error:
                raise ProtocolError("recording_unavailable", str(error)) from None

    # --- liveness and shutdown
    async def keep_alive(self) -> None:
        """Until cancelled: renew the leases of this process's recordings and reconcile
        those of processes that are gone (:meth:`reconcile`), every :data:`RENEW_S`. The
        reconciling runs beside the renewals, one pass at a time: its bucket calls (an
        orphan's abort, up to the calls' deadline, to a store that may hold them open) once
        held the renewals until this process's own live recordings ran past their leases
        and were reconciled as orphans, their uploads aborted."""
        reconciling: asyncio.Task[None] | None = None
        try:
            while True:
                try:
                    held = [r.recording_id for r in self.running.values()]
                    held += list(self.stopping)
                    if held:
                        await self.ctx.store.recordings.renew(
                            held, _now() + dt.timedelta(seconds=LEASE_S))
                except Exception:  # the store is unavailable now: try again next time
                    log.exception("recording leases not renewed")
                if reconciling is None or reconciling.done():
                    reconciling = asyncio.get_running_loop().create_task(
                        self._reconcile_pass(), context=contextvars.Context())
                await asyncio.sleep(RENEW_S)
        finally:
            if reconciling is not None:
                reconciling.cancel()

    async def _reconcile_pass(self) -> None:
        try:
            await self.reconcile()
        except Exception:  # the store is unavailable now: try again next time
            log.exception("recordings not reconciled")

    async def reconcile(self) -> int:
        """End the recordings no live process records (state ``recording`` past their
        lease, or held by an earlier process of this node: a process killed, or one of an
        older version): each goes ``failed`` with the ``endDate`` of its last renewal (or
        of its stop: :meth:`close`), its unfinished multipart upload is completed
        from the parts the bucket holds (the file up to its last uploaded part) or, with
        none that make a file, aborted, where its credentials allow (:func:`salvage`), and
        ``recording.failed`` (with the size kept) is sent. Safe on several
        nodes sharing the database: one of them claims each row at a time, and one ends
        it. How many ended."""
        now = _now()
        done = 0
        for record in await self.ctx.store.recordings.orphans(now, self.holder):
            # Its last renewal, but never before its start: the first lease is taken a
            # moment before the row's startDate is. A row claimed before keeps its own.
            last_alive = record.end_date or (
                max(record.start_date, record.lease_until - dt.timedelta(seconds=LEASE_S))
                if record.lease_until is not None else None)
            if not await self.ctx.store.recordings.claim_orphan(
                    record, now, last_alive, now + dt.timedelta(seconds=LEASE_S), self.holder):
                continue
            size = await salvage(record, self.ctx.settings.recording_allowed_private_ips)
            if size is None and now - (last_alive or now) < dt.timedelta(seconds=SALVAGE_S):
                continue  # the bucket is away: tried again once this claim's lease ran out
            size = size or 0
            if not await self.ctx.store.recordings.end_orphan(record.recording_id, size):
                continue
            self._finished(record.organization_id, record.room_name, record.meeting_id,
                           record.recording_id, record.filename, "failed", size,
                           record.room_session_id or None,
                           "no live server recorded it any more (its process stopped or "
                           "died): the file holds what the bucket kept")
            log.warning("recording failed: no live process recorded it recording=%s "
                        "bytes_kept=%d", record.recording_id, size)
            done += 1
        return done

    async def close(self, budget: float = SHUTDOWN_S) -> None:
        """Server shutdown: stop every running recording and wait up to ``budget`` seconds
        for their files to complete (those stopping already too: the last participant's
        leave starts it). A recording not completed by then is completed from the parts the
        bucket holds (:func:`salvage`, up to :data:`STOP_SALVAGE_S`) and ends ``failed``
        with that size, reported like any other; one whose bucket does not answer in that
        time is left to the reconciler (:meth:`reconcile`: this node's next process, or any
        node now)."""
        for name in list(self.running):
            self._spawn(self.stop(name))
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=budget)
        for task in set(self._tasks):
            task.cancel()
        for recording_id, running in list(self.stopping.items()):
            self.stopping.pop(recording_id)
            stopped = _now()
            record = await self.ctx.store.recordings.get(
                running.room.meeting.organization_id, recording_id)
            size = None
            if record is not None:
                # Bounded: a store that holds the request open must not hold the shutdown.
                with contextlib.suppress(TimeoutError):
                    size = await asyncio.wait_for(
                        salvage(record, self.ctx.settings.recording_allowed_private_ips),
                        STOP_SALVAGE_S)
            if size is None:
                await self.ctx.store.recordings.release(recording_id, stopped)
                self._leave(running)
                log.warning("recording not completed within the shutdown's %.0f s, left to "
                            "the next reconciling recording=%s", budget, recording_id)
                continue
            await self._end(running, "failed", size, stopped,
                            f"not completed within the server's {budget:g} s shutdown: the "
                            "file holds what the bucket kept")
            log.warning("recording failed: not completed within the shutdown's %.0f s "
                        "recording=%s bytes_kept=%d", budget, recording_id, size)


_SECOND = dt.timedelta(seconds=1)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
