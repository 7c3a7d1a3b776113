// Fjord's meeting page: pre-call screen, signaling session, P2P mesh or SFU, video grid.
//
// URL: /{roomName}?displayName=..&precallReview=off&audio=off&video=off&roomKey=..
// and Whereby's other room parameters that match a Fjord feature (whereby-params.js).
// Read-only state for tests and embedders is on window.fjord (page-api.js).

import { ChatPanel } from './chat.js';
import { FrameEncryption, frameEncryptionSupported } from './e2ee.js';
import { VideoGrid } from './grid.js';
import { SfuSession } from './group.js';
import { LocalRecording } from './local-recording.js';
import { LocalMedia } from './media.js';
import { P2PMesh } from './mesh.js';
import { exposePage } from './page-api.js';
import { PeoplePanel } from './people.js';
import {
  E2EE_UNSUPPORTED, FATAL_ERRORS, JOIN_REFUSED, NAME_REFUSED, NOTICES, RETRYABLE_ERRORS,
} from './room-errors.js';
import { cleanName, nameRefusal, roleFromRoomKey, roomNameFromPath } from './room-inputs.js';
import { roomSocketUrl, SignalingSocket } from './signaling.js';
import { ViewportReporter } from './viewport.js';
import { applyRoomTheme, applyWherebyParams, readWherebyParams } from './whereby-params.js';

const $ = (id) => document.getElementById(id);

class RoomApp {
  constructor() {
    const params = new URLSearchParams(window.location.search);
    this.roomName = roomNameFromPath(window.location.pathname);
    this.roomKey = params.get('roomKey') || null;
    /** The role the room key claims (unverified; `role` is the server's word once joined). */
    this.roleHint = roleFromRoomKey(this.roomKey);
    const askedName = params.get('displayName') || '';
    /** Why Whereby's rule refuses the link's displayName ('' if it does not): then the
     * pre-call screen asks for another, even with precallReview=off. */
    this.nameRefused = nameRefusal(askedName);
    if (this.nameRefused) console.warn('fjord: URL parameter displayName not used: '
      + `${this.nameRefused}`);
    this.displayName = this.nameRefused ? '' : cleanName(askedName);
    this.skipPrecall = params.get('precallReview') === 'off';
    this.whereby = readWherebyParams(params);
    this.wantMic = params.get('audio') !== 'off';
    this.wantCamera = params.get('video') !== 'off' && this.whereby.cameraAccess;
    applyWherebyParams(params);

    this.media = new LocalMedia();
    this.grid = new VideoGrid($('grid'));
    this.grid.autoplayBlocked = () => this.offerSound();
    this.socket = null;
    /** @type {P2PMesh|SfuSession|null} */
    this.engine = null;
    /** @type {Map<string, {id: string, displayName: string, role: string,
     *   externalId: string|null, metadata: string|null}>} */
    this.participants = new Map();

    const send = (m) => (this.socket ? this.socket.send(m) : false);
    this.people = new PeoplePanel({
      people: $('people-list'), knocks: $('knock-list'), knockSection: $('knocks'), send,
    });
    this.chat = new ChatPanel({
      list: $('chat-list'), form: $('chat-form'), input: $('chat-input'), section: $('chat'),
      error: $('chat-error'), send, onMessage: () => {},
    });
    this.locked = false;
    /** A cloud recording of the room runs (issue 14; `recording-status` from the server). */
    this.recording = false;
    /** The meeting's recording type (`local`, `cloud` or null): the server marks the page
     * (the pre-call screen tells it), and `joined` says it again. */
    const marked = $('app').dataset.recording;
    this.recordingType = marked === 'cloud' || marked === 'local' ? marked : null;
    this.localRecording = new LocalRecording($('grid'));
    /** Remote screen streams by participant id, and who says they are sharing. */
    this.screens = new Map();
    this.sharing = new Set();
    /** Group rooms: the msid stream id of each remote screen, by participant id. */
    this.screenIds = new Map();
    /** @type {Set<(type: string, data: object) => void>} listeners of page events (embed API) */
    this.listeners = new Set();
    /** Toggle states last told to embedders (camera_toggle, ...): name -> boolean. */
    this.reported = {};

    this.phase = 'loading'; // precall | connecting | knocking | in-call | reconnecting | left | ended
    this.selfId = null;
    this.role = null;
    this.topology = null;
    this.lastError = null;
    /** Group rooms: the dominant speaker of the last `active-speaker` event. */
    this.activeSpeaker = null;
    this.activeSpeakerChanges = [];
    this.errors = [];
    /** End-to-end encrypted group room (the server marks the page); see e2ee.js. */
    this.e2eeRoom = $('app').dataset.e2ee === 'on';
    /** @type {FrameEncryption|null} */
    this.e2ee = null;
    this.safetyCode = null;
  }

  async start() {
    $('precall-room').textContent = this.roomName;
    $('call-room').textContent = this.roomName;
    $('name-input').value = this.displayName;
    // A recorded meeting says so before anyone joins, and a cloud recording that the
    // meeting is not end-to-end encrypted (the server reads the media to record it). An
    // unrecorded one says who can read the media: nobody but the participants in a P2P
    // room (the TURN relay forwards ciphertext) or an end-to-end encrypted group room; the
    // SFU in any other group room (it decrypts to forward).
    const sfu = $('app').dataset.topology === 'sfu';
    const unrecorded = this.recordingType === null;
    $('precall-hint').hidden = !(unrecorded && !sfu);
    $('precall-hint-sfu').hidden = !(unrecorded && sfu && !this.e2eeRoom);
    $('precall-hint-e2ee').hidden = !(unrecorded && sfu && this.e2eeRoom);
    $('precall-cloud-recording').hidden = this.recordingType !== 'cloud';
    $('precall-local-recording').hidden = this.recordingType !== 'local';
    this.bindControls();
    if (this.roomName) applyRoomTheme(this.roomName, this.whereby);
    this.media.onTrackChange((kind, track) => {
      if (kind === 'screen') {
        this.socket?.send({ type: 'screen-share', active: !!track });
        this.renderToggles();
        return;
      }
      this.showPreview();
      this.grid.refresh();
    });

    if (!this.roomName) {
      this.finish('ended', 'No meeting here', 'The link has no room name. Check the link.');
      return;
    }
    if (this.e2eeRoom && !frameEncryptionSupported()) {
      // Fail closed, before the camera opens or anything is sent.
      this.refuseE2ee();
      return;
    }
    if (this.isViewer) {
      // Viewers cannot publish: their camera and microphone are never opened.
      $('preview-off').textContent = 'You are joining as a viewer: your camera and '
        + 'microphone stay off.';
      $('precall-mic').hidden = true;
      $('precall-cam').hidden = true;
    } else {
      await this.media.start({ mic: this.wantMic, camera: this.wantCamera });
      if (this.media.error) this.notify(this.media.error);
    }
    // Whereby's `ready` once commands apply: a toggleCamera(false) sent on an earlier one
    // came while the camera was still opening, and the camera came on anyway.
    this.emit('ready', {});
    if (!this.isViewer) {
      // Whereby's device permission events: granted when any device could be captured.
      if (this.media.audioTrack || this.media.videoTrack) {
        this.emit('grant_device_permission', { granted: true });
      } else {
        this.emit('deny_device_permission', { denied: true });
      }
    }
    this.renderToggles();
    if (this.skipPrecall && !this.nameRefused) {
      this.join(this.displayName || 'Guest');
    } else {
      this.setPhase('precall');
      this.showPreview();
      if (this.nameRefused) {
        this.showNameRefusal(`The name in the link cannot be used: ${this.nameRefused}. `
          + 'Enter another.');
      }
      $('name-input').focus();
    }
  }

  /** @param {string} text why the name cannot be used, under the name field */
  showNameRefusal(text) {
    $('name-refused').textContent = text;
    $('name-refused').hidden = false;
  }

  /**
   * Join with the name typed on the pre-call screen, or `fallback` when none is typed; a
   * name Whereby's rule refuses is explained under the field instead.
   * @param {string} [fallback]
   */
  submitName(fallback = '') {
    const input = $('name-input');
    const refusal = nameRefusal(input.value);
    if (refusal) {
      this.showNameRefusal(`This name cannot be used: ${refusal}.`);
      input.focus();
      return;
    }
    const name = cleanName(input.value) || fallback;
    if (!name) {
      this.notify('Please enter your name.');
      input.focus();
      return;
    }
    this.join(name);
  }

  /** A viewer (by the server's word once joined, else by the room key's claim). */
  get isViewer() {
    return (this.role ?? this.roleHint) === 'viewer';
  }

  // --- screens ----------------------------------------------------------------------

  setPhase(phase) {
    const was = this.phase;
    this.phase = phase;
    // Whereby's connection_status_change: unstable while reconnecting, stable once back.
    if (phase === 'reconnecting' && was !== 'reconnecting') {
      this.emit('connection_status_change', { status: 'unstable' });
    } else if (was === 'reconnecting' && phase === 'in-call') {
      this.emit('connection_status_change', { status: 'stable' });
    }
    const app = $('app');
    app.dataset.screen = phase;
    $('precall').hidden = phase !== 'precall';
    $('call').hidden = !['connecting', 'in-call', 'reconnecting'].includes(phase);
    $('ended').hidden = !['left', 'ended'].includes(phase);
    $('waiting').hidden = phase !== 'knocking';
    const state = { connecting: 'Connecting\u2026', reconnecting: 'Reconnecting\u2026' }[phase] ?? '';
    $('connection-state').textContent = state;
  }

  showPreview() {
    const preview = $('preview');
    // A video element playing a stream with no track never loads, and holds up the page's
    // load event (viewers capture nothing): show nothing then.
    const stream = this.media.stream.getTracks().length > 0 ? this.media.stream : null;
    if (preview.srcObject !== stream) preview.srcObject = stream;
    $('preview-off').hidden = !!this.media.videoTrack;
    preview.hidden = !this.media.videoTrack;
  }

  renderToggles() {
    const mic = this.media.micOn;
    const cam = this.media.cameraOn;
    for (const [id, on, onText, offText] of [
      ['precall-mic', mic, 'Mic on', 'Mic off'],
      ['precall-cam', cam, 'Camera on', 'Camera off'],
      ['mic-button', mic, 'Mute', 'Unmute'],
      ['cam-button', cam, 'Stop camera', 'Start camera'],
    ]) {
      const button = $(id);
      button.textContent = on ? onText : offText;
      button.setAttribute('aria-pressed', String(on));
    }
    const viewer = this.isViewer;
    const screen = $('screen-button');
    screen.textContent = this.media.screenTrack ? 'Stop sharing' : 'Share screen';
    screen.setAttribute('aria-pressed', String(!!this.media.screenTrack));
    screen.disabled = viewer;
    $('mic-button').disabled = viewer || !this.media.audioTrack;
    $('precall-mic').disabled = viewer || !this.media.audioTrack;
    $('precall-cam').disabled = viewer;
    $('cam-button').disabled = viewer;
    this.report('microphone_toggle', 'enabled', mic);
    this.report('camera_toggle', 'enabled', cam);
    this.report('screenshare_toggle', 'enabled', !!this.media.screenTrack);
  }

  /** Tell embedders `type` ({[key]: value}) when a toggle's state changed since last told. */
  report(type, key, value) {
    if (this.reported[type] === value) return;
    const first = !(type in this.reported);
    this.reported[type] = value;
    if (!first) this.emit(type, { [key]: value });
  }

  /**
   * Embed commands toggle_chat and toggle_people: show or hide a side panel (a boolean
   * sets, anything else flips). A panel that `chat=off` / `people=off` / `minimal` hid
   * counts as closed and opens on the command, as Whereby's panes do when the customer's
   * own button asks for them; the event says whether the panel is now shown. Chat the
   * organization turned off never opens.
   */
  togglePanel(id, type, open) {
    if (id === 'chat' && !this.chat.enabled) {
      // The organization turned chat off: the panel stays shut, and the event says so.
      console.warn('fjord: chat is off for this organization; toggle_chat ignored');
      this.emit(type, { open: false });
      return;
    }
    const panel = $(id);
    const shown = !panel.hidden && panel.dataset.wherebyHidden !== 'true';
    const show = typeof open === 'boolean' ? open : !shown;
    panel.hidden = !show;
    if (show) delete panel.dataset.wherebyHidden;
    this.emit(type, { open: show });
  }

  /** Show or drop the screen tile of participant `id`. */
  renderScreen(id) {
    const stream = this.screens.get(id);
    const p = this.participants.get(id);
    if (p && stream && this.sharing.has(id)) {
      this.grid.upsert(`${id}:screen`, { name: `${p.displayName} (screen)`, stream,
        streamId: this.screenIds.get(id) });
    } else {
      this.grid.remove(`${id}:screen`);
    }
  }

  async toggleScreenshare() {
    if (this.isViewer || this.engine === null) return;
    if (this.media.screenTrack) {
      this.media.stopScreen();
    } else if (!(await this.media.startScreen()) && this.media.error) {
      this.notify(this.media.error);
    }
    this.renderToggles();
  }

  renderHostControls() {
    const host = this.role === 'host';
    $('lock-button').hidden = !host;
    $('end-button').hidden = !host;
    $('record-button').hidden = !(host && this.recordingType === 'local');
    $('record-button').textContent = this.localRecording.active ? 'Stop recording' : 'Record';
    $('lock-button').textContent = this.locked ? 'Unlock room' : 'Lock room';
    $('lock-button').setAttribute('aria-pressed', String(this.locked));
  }

  renderPeople() {
    const self = this.selfId
      ? { id: this.selfId, displayName: this.displayName, role: this.role } : null;
    this.people.renderPeople(self, this.participants);
  }

  /** Tell embedders (embed.js bridge) about a page event. */
  emit(type, data = {}) {
    for (const listener of this.listeners) {
      try {
        listener(type, data);
      } catch (err) {
        console.warn('fjord: event listener failed', err && err.name);
      }
    }
  }

  renderCount() {
    // Everyone in the room, this page too: a viewer's page counted the other viewers but
    // not itself, so its count (and participantupdate) was one below everyone else's.
    const n = this.participants.size + 1;
    $('participant-count').textContent = `${n} ${n === 1 ? 'participant' : 'participants'}`;
    // Told once in the call: counted while joining, the others already there were taken for
    // told, and a page joining a room with people in it never heard its first count.
    if (this.reportedCount !== n && this.phase === 'in-call') {
      this.emit('participantupdate', { count: n });
      this.reportedCount = n;
    }
  }

  notify(text) {
    const notice = $('notice');
    notice.textContent = text;
    notice.hidden = false;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => {
      notice.hidden = true;
    }, 8000);
  }

  offerSound() {
    if (this.soundButton) return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'btn btn--primary sound-button';
    button.textContent = 'Click to hear the others';
    button.addEventListener('click', () => {
      this.grid.unmuteRemote();
      button.remove();
      this.soundButton = null;
    });
    this.soundButton = button;
    $('call').append(button);
  }

  bindControls() {
    $('join-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitName();
    });
    const toggleMic = () => this.toggleMic();
    const toggleCamera = () => this.toggleCamera();
    $('precall-mic').addEventListener('click', toggleMic);
    $('mic-button').addEventListener('click', toggleMic);
    $('precall-cam').addEventListener('click', toggleCamera);
    $('cam-button').addEventListener('click', toggleCamera);
    $('leave-button').addEventListener('click', () => this.leave());
    $('waiting-leave').addEventListener('click', () => this.leave());
    $('screen-button').addEventListener('click', () => this.toggleScreenshare());
    $('lock-button').addEventListener('click', () => {
      this.socket?.send({ type: 'lock', locked: !this.locked });
    });
    // Ending the meeting sends everyone out: ask first, in the page (window.confirm is
    // blocked or unreliable inside an iframe).
    const endDialog = $('end-dialog');
    $('record-button').addEventListener('click', () => this.toggleLocalRecording());
    $('end-button').addEventListener('click', () => {
      if (this.role === 'host' && !endDialog.open) endDialog.showModal();
    });
    $('end-confirm').addEventListener('click', () => {
      endDialog.close();
      this.endMeeting();
    });
    $('end-cancel').addEventListener('click', () => endDialog.close());
    // startTrigger "prompt": the first host is asked once (`joined.recordingPrompt`).
    const recordingPrompt = $('recording-prompt');
    $('recording-prompt-start').addEventListener('click', () => {
      recordingPrompt.close();
      this.socket?.send({ type: 'start-recording' });
    });
    $('recording-prompt-later').addEventListener('click', () => recordingPrompt.close());
    $('rejoin-button').addEventListener('click', () => window.location.reload());
    window.addEventListener('pagehide', () => this.socket?.send({ type: 'leave' }));
  }

  // --- session ------------------------------------------------------------------------

  async join(displayName) {
    this.displayName = displayName;
    this.setPhase('connecting');
    if (!this.isViewer) {
      this.grid.upsert('self', { name: displayName, stream: this.media.stream, local: true });
    }
    if (this.e2eeRoom && this.e2ee === null) {
      try {
        this.e2ee = await FrameEncryption.create();
      } catch {
        this.refuseE2ee(); // no ECDH P-256 in this browser's WebCrypto
        return;
      }
    }
    this.socket = new SignalingSocket(roomSocketUrl(this.roomName), {
      onOpen: () => {
        const join = { type: 'join', displayName };
        if (this.roomKey) join.roomKey = this.roomKey;
        if (this.whereby.externalId) join.externalId = this.whereby.externalId;
        if (this.whereby.metadata) join.metadata = this.whereby.metadata;
        if (this.e2ee) join.e2eePublicKey = this.e2ee.publicKey;
        this.socket.send(join);
      },
      onMessage: (msg) => this.onMessage(msg),
      onDrop: () => {
        this.teardownSession();
        this.setPhase('reconnecting');
      },
    });
    this.socket.connect();
  }

  /** This browser cannot take part in an end-to-end encrypted room: say so, join nothing. */
  refuseE2ee() {
    this.lastError = 'e2ee_unsupported';
    this.errors.push('e2ee_unsupported');
    this.emit('error', { code: 'e2ee_unsupported' });
    this.finish('ended', 'Cannot join this meeting', E2EE_UNSUPPORTED);
  }

  leave() {
    if (this.phase === 'knocking') this.emit('cancel_knock', {});
    this.socket?.send({ type: 'leave' });
    this.finish('left', 'You left the meeting', '');
  }

  /** Host: end the meeting for everyone (the server checks the role). */
  endMeeting() {
    if (this.role === 'host') this.socket?.send({ type: 'end-meeting' });
  }

  toggleMic() {
    if (this.isViewer) return;
    this.media.setMic(!this.media.micOn);
    this.renderToggles();
  }

  async toggleCamera() {
    if (this.isViewer) return;
    await this.media.setCamera(!this.media.cameraOn);
    if (this.media.error && !this.media.cameraOn) this.notify(this.media.error);
    this.renderToggles();
  }

  /** End the page's session for good, showing `title` and `detail`. */
  finish(phase, title, detail) {
    const wasIn = this.selfId !== null;
    for (const dialog of [$('end-dialog'), $('recording-prompt')]) {
      if (dialog.open) dialog.close();
    }
    this.socket?.stop();
    this.teardownSession();
    this.grid.remove('self');
    this.media.stop();
    this.e2ee?.close();
    this.e2ee = null;
    $('ended-title').textContent = title;
    $('ended-detail').textContent = detail;
    const rejoin = $('rejoin-button');
    rejoin.hidden = phase === 'ended' && this.lastError !== 'room_full';
    rejoin.textContent = phase === 'left' ? 'Join again' : 'Try again';
    this.chat.clear();
    this.setPhase(phase);
    if (wasIn) {
      this.emit('leave', { removed: this.lastError === 'removed', reason: this.lastError ?? 'left' });
    }
  }

  teardownSession() {
    this.engine?.close();
    this.engine = null;
    this.participants.clear();
    this.sharing.clear();
    this.screens.clear();
    this.grid.onPinChange = null;
    this.grid.viewport?.close();
    this.grid.viewport = null;
    this.screenIds.clear();
    this.grid.setPaused([]);
    this.grid.pinned.clear();
    this.grid.clearRemote();
    this.grid.speakers = [];
    this.activeSpeaker = null;
    this.people.clear();
    this.selfId = null;
  }

  /** Host, local recording: start or stop recording the meeting view in this browser. */
  async toggleLocalRecording() {
    if (this.localRecording.active) {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      await this.localRecording.stop(`${this.roomName}-${stamp}.webm`);
    } else {
      this.localRecording.start(this.media.audioTrack ? [this.media.audioTrack] : []);
    }
    this.socket?.send({ type: 'local-recording', active: this.localRecording.active });
    this.renderHostControls();
  }

  /** Show whether a cloud recording runs; tell the embedding page when that changes. */
  setRecording(on) {
    $('recording-indicator').hidden = !on;
    if (on && $('recording-prompt').open) $('recording-prompt').close(); // another host started it
    if (on === this.recording) return;
    this.recording = on;
    // Whereby's words (`starting`, `started`, `stopped`), not the server's `recording`.
    this.emit('recording_status_change', { status: on ? 'started' : 'stopped' });
  }

  onMessage(msg) {
    switch (msg.type) {
      case 'joined':
        this.onJoined(msg);
        break;
      case 'participant-joined':
        this.addParticipant(msg.participant);
        break;
      case 'participant-left':
        this.removeParticipant(msg.participantId);
        break;
      case 'offer':
      case 'answer':
      case 'candidate':
        if (this.engine instanceof P2PMesh) this.engine.handle(msg);
        break;
      case 'publish-answer':
        if (this.engine instanceof SfuSession) this.engine.acceptPublishAnswer(msg.sdp);
        break;
      case 'subscribe-offer':
        if (this.engine instanceof SfuSession) this.engine.acceptSubscribeOffer(msg.sdp);
        break;
      case 'send-encodings':
        if (this.engine instanceof SfuSession) this.engine.setSendEncodings(msg.mid, msg.encodings);
        break;
      case 'error':
        this.onError(String(msg.code ?? 'error'),
          typeof msg.message === 'string' ? msg.message : '');
        break;
      case 'meeting-ended':
        this.emit('meeting_end', {});
        this.onError('meeting_ended');
        break;
      case 'knock-pending':
        this.setPhase('knocking');
        this.emit('knock', {});
        break;
      case 'knock-held':
        $('waiting-detail').textContent = String(msg.message ?? '');
        break;
      case 'knock-rejected':
        this.onError('knock_rejected');
        if (msg.message) $('ended-detail').textContent = String(msg.message);
        break;
      case 'knock':
        this.people.addKnock(msg.participant);
        this.emit('knock', { participantId: msg.participant?.id });
        break;
      case 'knock-cancelled':
        this.people.removeKnock(msg.participantId);
        break;
      case 'muted':
        this.media.setMic(false);
        this.renderToggles();
        this.notify('A host muted your microphone. You can unmute yourself.');
        break;
      case 'removed':
        this.onError('removed');
        break;
      case 'room-locked':
        this.locked = !!msg.locked;
        this.renderHostControls();
        break;
      case 'chat':
        this.chat.add(msg, msg.from === this.selfId);
        break;
      case 'chat-deleted':
        this.chat.remove(msg.messageId);
        break;
      case 'e2ee-key':
        this.e2ee?.receiveKey(msg);
        break;
      case 'recording-status':
        this.setRecording(msg.status === 'recording');
        break;
      case 'video-paused':
        // Last-N holds these cameras back: their tiles say so, not "Camera is off".
        if (!Array.isArray(msg.participantIds)) break;
        this.grid.setPaused(msg.participantIds.filter((id) => typeof id === 'string'));
        break;
      case 'active-speaker':
        if (typeof msg.participantId === 'string') this.showActiveSpeaker(msg.participantId);
        break;
      case 'screen-share':
        if (typeof msg.participantId !== 'string') break;
        if (msg.active) this.sharing.add(msg.participantId);
        else this.sharing.delete(msg.participantId);
        this.renderScreen(msg.participantId);
        break;
      default:
        break; // pong, and types of later protocol versions
    }
  }

  onJoined(msg) {
    this.socket.markHealthy();
    this.teardownSession();
    this.selfId = msg.selfId;
    this.role = msg.role;
    this.topology = msg.topology;
    if (this.topology === 'sfu') {
      // Pinned cameras reach this page whatever the room's last-N (docs/signaling.md).
      this.grid.onPinChange = (ids) => this.socket?.send({ type: 'pin', participantIds: ids });
      // Adaptive stream: small tiles get a low simulcast layer, hidden ones no video.
      this.grid.viewport = new ViewportReporter((m) => this.socket?.send(m));
    }
    this.locked = !!msg.locked;
    this.recordingType = msg.recordingType ?? null;
    this.setRecording(!!msg.recording);
    if (msg.recordingPrompt === true && !this.recording && !$('recording-prompt').open) {
      $('recording-prompt').showModal();
    }
    this.people.isHost = this.role === 'host';
    this.chat.isHost = this.role === 'host';
    this.chat.setEnabled(msg.chatEnabled !== false);
    this.chat.pending = null; // a message sent before a reconnect is not coming back
    const knocks = Array.isArray(msg.knocks) ? msg.knocks : [];
    for (const k of knocks) this.people.addKnock(k);
    const sendMedia = this.role !== 'viewer';
    if (!sendMedia) {
      // The room key did not say viewer (or could not be read): release what was captured.
      this.grid.remove('self');
      if (this.media.stream.getTracks().length > 0) this.media.stop();
    }
    // E2EE: keys of the participants present, then this page's first frame key.
    this.e2ee?.reset(this.selfId, (m) => this.socket.send(m), sendMedia);
    const participants = Array.isArray(msg.participants) ? msg.participants : [];
    for (const p of participants) this.addParticipant(p);
    this.e2ee?.rotate();
    // A late joiner learns who speaks now; later changes come as `active-speaker`.
    if (typeof msg.activeSpeaker === 'string') this.showActiveSpeaker(msg.activeSpeaker);

    const send = (m) => this.socket.send(m);
    const watched = new WeakSet();
    const onStream = (id, stream) => {
      const p = this.participants.get(id);
      this.grid.upsert(id, { name: p ? p.displayName : '', stream,
        streamId: msg.topology === 'sfu' ? id : undefined });
      for (const track of stream.getTracks()) {
        if (watched.has(track)) continue;
        watched.add(track);
        // A remote camera turned off arrives as a muted track: show the placeholder.
        for (const type of ['mute', 'unmute', 'ended']) {
          track.addEventListener(type, () => this.grid.refresh());
        }
      }
    };
    const onScreen = (id, stream, streamId) => {
      this.screens.set(id, stream);
      if (streamId !== undefined) this.screenIds.set(id, streamId);
      this.renderScreen(id);
    };
    if (msg.topology === 'sfu') {
      const session = new SfuSession({
        joined: msg,
        media: this.media,
        publish: sendMedia,
        send,
        onStream,
        onStreamGone: (id) => {
          if (!this.participants.has(id)) this.grid.remove(id);
        },
        onScreen,
        onScreenGone: (id) => {
          this.screens.delete(id);
          this.renderScreen(id);
        },
        // The SFU forwards without transcoding: a camera in a codec this browser cannot
        // decode says so on its tile instead of staying black.
        onUnplayable: (id, codec) => {
          const name = this.participants.get(id)?.displayName || 'this participant';
          this.grid.setNotice(id, codec
            ? `This browser cannot play ${name}'s video (${codec})` : null);
        },
        onError: (code) => this.onError(code),
        e2ee: this.e2ee,
      });
      this.engine = session;
      session.start().catch(() => this.onError('publish_failed'));
    } else {
      const mesh = new P2PMesh({
        joined: msg,
        media: this.media,
        sendMedia,
        send,
        onStream,
        onScreen,
        onStatus: (id, status, link) => this.onPeerStatus(id, status, link),
      });
      this.engine = mesh;
      mesh.start(participants);
    }
    this.setPhase('in-call');
    this.emit('join', { selfId: this.selfId, role: this.role });
    this.renderSafetyCode();
    this.renderToggles();
    this.renderCount();
    this.renderHostControls();
    this.renderPeople();
    if (this.media.screenTrack) this.socket.send({ type: 'screen-share', active: true });
    // Knockers who were waiting before this host arrived: one event each, as for later ones.
    for (const k of knocks) {
      if (k && typeof k.id === 'string') this.emit('knock', { participantId: k.id });
    }
  }

  /** Highlight `participantId` as the active speaker (tiles ordered by recency). */
  showActiveSpeaker(participantId) {
    this.activeSpeaker = participantId;
    this.activeSpeakerChanges.push({ participantId, at: Date.now() });
    if (this.activeSpeakerChanges.length > 50) this.activeSpeakerChanges.shift();
    this.grid.setActiveSpeaker(participantId);
  }

  /** Show the safety code of everyone present (E2EE rooms). */
  async renderSafetyCode() {
    const e2ee = this.e2ee;
    if (!e2ee) return;
    const code = await e2ee.safetyCode();
    if (this.e2ee !== e2ee) return;
    this.safetyCode = code;
    $('safety-code').textContent = code;
    $('e2ee-banner').hidden = false;
  }

  /** A P2P connection's health changed (peer-link.js): show it on the tile and say it. */
  onPeerStatus(id, status, link) {
    const name = this.participants.get(id)?.displayName || 'a participant';
    if (status === 'retrying') {
      const text = link.everConnected
        ? `Connection to ${name} lost, retrying\u2026`
        : `Cannot connect to ${name} yet, retrying\u2026`;
      this.grid.setNotice(id, text);
      this.notify(text);
    } else if (status === 'failed') {
      this.grid.setNotice(id, `No connection to ${name}`);
      this.notify(`Could not connect to ${name} after several tries. A firewall or the `
        + 'network may be blocking the call: try leaving and joining again, or another network.');
    } else if (status === 'connected') {
      const hadProblem = this.grid.tiles.get(id)?.notice;
      this.grid.setNotice(id, null);
      if (hadProblem) this.notify(`Connected to ${name} again.`);
    }
  }

  addParticipant(p) {
    if (!p || typeof p.id !== 'string' || p.id === this.selfId) return;
    const displayName = typeof p.displayName === 'string' ? p.displayName : '';
    const text = (value) => (typeof value === 'string' ? value : null);
    const entry = {
      id: p.id, displayName, role: String(p.role ?? ''),
      externalId: text(p.externalId), metadata: text(p.metadata),
    };
    this.participants.set(p.id, entry);
    if (p.screenSharing === true) this.sharing.add(p.id);
    // Viewers send nothing: they get no tile.
    if (p.role !== 'viewer') this.grid.upsert(p.id, { name: displayName });
    if (this.e2ee) {
      this.e2ee.addPeer(p.id, p.e2eePublicKey);
      // A newcomer gets only a new key: it cannot open what was sent before it came.
      if (this.phase === 'in-call') this.e2ee.rotate();
      this.renderSafetyCode();
    }
    this.renderCount();
    this.renderPeople();
    if (this.phase === 'in-call') {
      this.emit('participant_join', {
        participantId: p.id,
        participant: { metadata: entry.metadata, externalId: entry.externalId },
      });
    }
  }

  removeParticipant(id) {
    if (typeof id !== 'string') return;
    const gone = this.participants.get(id);
    this.participants.delete(id);
    this.sharing.delete(id);
    this.screens.delete(id);
    this.screenIds.delete(id);
    this.grid.remove(`${id}:screen`);
    if (this.engine instanceof P2PMesh) this.engine.remove(id);
    else if (this.engine instanceof SfuSession) this.engine.removePublisher(id);
    if (this.e2ee) {
      // The leaver never gets the next key.
      this.e2ee.removePeer(id);
      this.e2ee.rotate();
      this.renderSafetyCode();
    }
    this.grid.remove(id);
    this.renderCount();
    this.renderPeople();
    this.emit('participant_leave', {
      participantId: id,
      participant: { metadata: gone?.metadata ?? null, externalId: gone?.externalId ?? null },
    });
  }

  /**
   * A server error (or a client-side code). Final ones end the session (FATAL_ERRORS, and
   * any error answering the join that is not RETRYABLE_ERRORS); the rest are notices.
   * @param {string} code
   * @param {string} [message] the server's own words (for bad_message: which field)
   */
  onError(code, message = '') {
    this.lastError = code;
    this.errors.push(code);
    const answeringJoin = this.selfId === null
      && ['connecting', 'reconnecting', 'knocking'].includes(this.phase);
    if (this.chat.refused(code, message)) return;
    if (answeringJoin && !(code in FATAL_ERRORS) && !RETRYABLE_ERRORS.has(code)
        && code !== 'not_joined') {
      let detail = JOIN_REFUSED;
      if (/displayName/.test(message)) detail = NAME_REFUSED;
      else if (/roomKey/.test(message)) detail = FATAL_ERRORS.invalid_room_key;
      this.emit('error', { code });
      this.finish('ended', 'Cannot join this meeting', detail);
      return;
    }
    if (code === 'unavailable') {
      // The server closes the socket: it reconnects with backoff and joins again.
      this.notify('The meeting server is busy. Retrying\u2026');
    } else if (code === 'rate_limited' && answeringJoin && this.phase !== 'knocking') {
      // The join itself was dropped: join again after the usual backoff.
      this.socket?.restart();
    } else if (code === 'media_lost' && this.engine instanceof SfuSession) {
      // The server re-joined us on the SFU (its node may have died): new transports.
      this.notify('The media connection was lost. Reconnecting\u2026');
      this.grid.setPaused([]); // the server tells again what last-N holds back after it
      this.engine.restart().catch(() => this.onError('publish_failed'));
    } else if (code === 'transport_failed') {
      // The media path to the SFU broke: join again (as a new participant) after a backoff.
      this.notify('The connection to the meeting was lost. Reconnecting\u2026');
      this.socket?.restart();
    } else if (code in FATAL_ERRORS) {
      const title = {
        meeting_ended: 'The meeting has ended',
        removed: 'You were removed from the meeting',
      }[code] ?? 'Cannot join this meeting';
      // meeting_end and leave tell a page that was in; one still joining learns it here.
      if (answeringJoin || !['meeting_ended', 'removed'].includes(code)) {
        this.emit('error', { code });
      }
      this.finish('ended', title, FATAL_ERRORS[code]);
    } else if (code in NOTICES) {
      this.notify(NOTICES[code]);
    } else {
      console.warn('fjord: server error', code);
    }
  }
}

const app = new RoomApp();
exposePage(app);

app.start().catch((err) => {
  console.error('fjord: the page could not start', err);
});
