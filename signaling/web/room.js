// Fjord's meeting page: its screens, the signaling session, P2P mesh or SFU, errors.
// The pre-call screen is precall.js, the buttons and dialogs controls.js, the others in
// the call participants.js, what each server message does room-messages.js.
//
// URL (read by room-inputs.js, readLink): /{roomName}?roomKey=.., the pre-call screen's
// parameters (precall.js) and Whereby's other room parameters that match a Fjord feature
// (whereby-params.js).
// Read-only state for tests and embedders is on window.fjord (page-api.js).

import { ChatPanel } from './chat.js';
import { ChatTranscript } from './chat-transcript.js';
import { Controls } from './controls.js';
import { DeviceSettings } from './device-settings.js';
import { FrameEncryption, frameEncryptionSupported } from './e2ee.js';
import { VideoGrid } from './grid.js';
import { SfuSession } from './group.js';
import { localize, localizeAttribute, plainText, t } from './i18n.js';
import { LocalMedia } from './media.js';
import { P2PMesh } from './mesh.js';
import { exposePage } from './page-api.js';
import { Participants } from './participants.js';
import { PeoplePanel } from './people.js';
import { PictureInPicture } from './picture-in-picture.js';
import { PrecallScreen } from './precall.js';
import { Reactions } from './reactions.js';
import {
  E2EE_UNSUPPORTED, FATAL_ERRORS, JOIN_REFUSED, NAME_REFUSED, NOTICES, RETRYABLE_ERRORS,
} from './room-errors.js';
import { startLanguage } from './language-picker.js';
import { readLink } from './room-inputs.js';
import { handleMessage } from './room-messages.js';
import { roomSocketUrl, SignalingSocket } from './signaling.js';
import { Spotlights } from './spotlight.js';
import { ViewportReporter } from './viewport.js';
import { applyRoomTheme, applyWherebyParams, readWherebyParams } from './whereby-params.js';

const $ = (id) => document.getElementById(id);

class RoomApp {
  constructor() {
    const link = readLink(window.location);
    const { search, params } = link;
    this.roomName = link.roomName;
    this.roomKey = link.roomKey;
    /** Why the link's roomKey cannot be used ('' if it can): given twice or broken, the role
     * the link grants is unknown, so the page joins with neither value nor without one. */
    this.roomKeyProblem = link.roomKeyProblem;
    /** The same as a catalog key and its values, as the ended screen says it. */
    this.roomKeyReason = link.roomKeyReason;
    /** The role the room key claims (unverified; `role` is the server's word once joined). */
    this.roleHint = link.roleHint;
    this.whereby = readWherebyParams(search);
    this.precall = new PrecallScreen(this, search);
    /** The name this page joined with (set by `join`). */
    this.displayName = '';
    applyWherebyParams(params, search);
    /** The page's words in its language (lang, the browser's, English), awaited by start. */
    this.languageReady = startLanguage(search, this.whereby.localization);

    this.media = new LocalMedia();
    this.grid = new VideoGrid($('grid'));
    this.grid.autoplayBlocked = () => this.controls.offerSound();
    this.socket = null;
    /** @type {P2PMesh|SfuSession|null} */
    this.engine = null;
    this.participants = new Participants(this);

    const send = (m) => (this.socket ? this.socket.send(m) : false);
    this.people = new PeoplePanel({
      people: $('people-list'), knocks: $('knock-list'), knockSection: $('knocks'), send,
    });
    /** Who a host put in the spotlight, shown large (spotlight.js). */
    this.spotlight = new Spotlights(this);
    this.people.spotlights = this.spotlight;
    /** End-to-end encrypted group room (the server marks the page); see e2ee.js. */
    this.e2eeRoom = $('app').dataset.e2ee === 'on';
    /** Whereby's chatDownload=on: the chat this page saw, downloadable (chat-transcript.js). */
    this.transcript = this.whereby.chatDownload ? new ChatTranscript(this.roomName,
      [$('chat-download'), $('ended-chat-download')]) : null;
    this.chat = new ChatPanel({
      list: $('chat-list'), form: $('chat-form'), input: $('chat-input'), section: $('chat'),
      error: $('chat-error'), send, onMessage: (entry) => this.transcript?.add(entry),
      announce: (text) => this.announce(text),
      notEncryptedNote: this.e2eeRoom ? $('chat-e2ee-note') : null,
    });
    this.locked = false;
    /** A cloud recording of the room runs (issue 14; `recording-status` from the server). */
    this.recording = false;
    /** The meeting's recording type (`local`, `cloud` or null): the server marks the page
     * (the pre-call screen tells it), and `joined` says it again. */
    const marked = $('app').dataset.recording;
    this.recordingType = marked === 'cloud' || marked === 'local' ? marked : null;
    this.controls = new Controls(this);
    /** The devices the page uses (device-settings.js). */
    this.settings = new DeviceSettings(this);
    /** Whereby's picture-in-picture button (picture-in-picture.js). */
    this.pip = new PictureInPicture(this);
    this.reactions = new Reactions(this);
    /** @type {Set<(type: string, data: object) => void>} listeners of page events (embed API) */
    this.listeners = new Set();

    this.phase = 'loading'; // precall | connecting | knocking | in-call | reconnecting | left | ended
    this.selfId = null;
    this.role = null;
    this.topology = null;
    this.lastError = null;
    this.errors = [];
    /** joined.rejoinToken: a connection that drops comes back with it into a locked room,
     * and into its own place in a full room (a half-open socket the server still counts) */
    this.rejoinToken = null;
    /** @type {FrameEncryption|null} */
    this.e2ee = null;
    this.safetyCode = null;
    /** finish() is stopping the tracks: the share it stops is not announced. */
    this.finishing = false;
  }

  async start() {
    await this.languageReady;
    this.precall.prepare();
    $('call-room').textContent = this.roomName;
    localizeAttribute($('call-title'), 'aria-label', 'call.title', { room: this.roomName });
    this.controls.bind();
    this.settings.bind();
    this.pip.bind();
    this.reactions.bind();
    window.addEventListener('pagehide', () => this.socket?.send({ type: 'leave' }));
    if (this.roomName) applyRoomTheme(this.roomName, this.whereby);
    this.media.onTrackChange((kind, track) => {
      if (kind === 'screen') {
        this.socket?.send({ type: 'screen-share', active: !!track });
        this.controls.renderToggles();
        // Here, not in the button's handler: a share stopped from the browser's own bar
        // (or by an embedder's command) is heard too; not a share that leaving stops.
        if (!this.finishing) {
          this.announce(t(track ? 'announce.sharing' : 'announce.sharingOff'));
        }
        return;
      }
      this.precall.showPreview();
      this.grid.refresh();
    });

    if (!this.roomName) {
      this.finish('ended', 'ended.noMeeting', 'ended.noRoomName');
      return;
    }
    if (this.roomKeyProblem) {
      // Before the devices open: the page will not join.
      this.refuseLink();
      return;
    }
    if (this.e2eeRoom && !frameEncryptionSupported()) {
      // Fail closed, before the camera opens or anything is sent.
      this.refuseE2ee();
      return;
    }
    await this.precall.openDevices();
    // Whereby's `ready` once commands apply: a toggleCamera(false) sent on an earlier one
    // came while the camera was still opening, and the camera came on anyway.
    this.emit('ready', {});
    this.precall.tellDevicePermission();
    this.controls.renderToggles();
    this.precall.enter();
  }

  /** A viewer (by the server's word once joined, else by the room key's claim). */
  get isViewer() {
    return (this.role ?? this.roleHint) === 'viewer';
  }

  // --- screens ----------------------------------------------------------------------

  setPhase(phase) {
    const was = this.phase;
    const focused = document.activeElement;
    this.phase = phase;
    // Whereby's connection_status_change: unstable while reconnecting, stable once back.
    if (phase === 'reconnecting' && was !== 'reconnecting') {
      this.emit('connection_status_change', { status: 'unstable' });
    } else if (was === 'reconnecting' && phase === 'in-call') {
      this.emit('connection_status_change', { status: 'stable' });
    }
    if (phase !== 'precall') this.precall.ceremony?.stop(); // its socket, relay test, meter
    const app = $('app');
    app.dataset.screen = phase;
    $('precall').hidden = phase !== 'precall';
    const inCall = ['connecting', 'in-call', 'reconnecting'].includes(phase);
    $('call').hidden = !inCall;
    $('side').hidden = !inCall; // the call's side panel, a landmark beside <main>
    $('ended').hidden = !['left', 'ended'].includes(phase);
    $('waiting').hidden = phase !== 'knocking';
    const state = { connecting: 'call.connecting', reconnecting: 'call.reconnecting' }[phase];
    if (state) localize($('connection-state'), state);
    else plainText($('connection-state'), '');
    this.focusScreen(was, focused);
  }

  /**
   * Another screen is shown: move the focus to its heading, so that a keyboard user is not
   * left on a hidden button (the focus fell back to the page's start) and a screen reader
   * reads where they are ("You were removed from the meeting"). Only when the focus was on
   * the screen just hidden, or nowhere in a focused page (an embedding page keeps its own).
   * @param {string} was the phase before
   * @param {Element|null} focused what had the focus before the screens changed
   */
  focusScreen(was, focused) {
    const screenOf = (phase) => ({
      connecting: 'call', 'in-call': 'call', reconnecting: 'call', knocking: 'waiting',
      left: 'ended', ended: 'ended',
    })[phase] ?? null;
    const screen = screenOf(this.phase);
    if (screen === null || screen === screenOf(was)) return;
    const lost = !focused || focused === document.body ? document.hasFocus()
      : focused.closest('section[hidden], aside[hidden]') !== null;
    if (lost) $(`${screen}-title`).focus();
  }

  /** Have screen readers say `text` (a polite live region; the newest few lines kept); the
   * line's element, which a caller may take out again. */
  announce(text) {
    const region = $('announcer');
    const line = document.createElement('p');
    line.textContent = text;
    region.append(line);
    while (region.childElementCount > 5) region.firstElementChild.remove();
    return line;
  }

  /** A host hears who is waiting to be let in (the knock list is not a live region). */
  announceKnock(p) {
    if (this.role !== 'host' || !p || typeof p.id !== 'string') return;
    this.announce(t('announce.knocking',
      { name: String(p.displayName ?? '') || t('announce.someone') }));
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

  /** Show the notice of catalog key `key` (with `args`, i18n.js) for a while. */
  notify(key, args) {
    const notice = $('notice');
    clearTimeout(this.noticeTimer);
    if (!notice.hidden && notice.textContent === t(key, args)) {
      // An alert whose words do not change is not read again ("Screen sharing was
      // cancelled or refused." a second time): empty it, then say them anew.
      plainText(notice, '');
      this.noticeTimer = setTimeout(() => this.notify(key, args), 100);
      return;
    }
    localize(notice, key, args);
    notice.hidden = false;
    this.noticeTimer = setTimeout(() => {
      notice.hidden = true;
    }, 8000);
  }

  // --- session ------------------------------------------------------------------------

  async join(displayName) {
    this.displayName = displayName;
    this.rejoinToken = null; // a new start (pre-call screen, Join again) knocks as anyone
    this.setPhase('connecting');
    if (!this.isViewer) {
      this.grid.upsert('self', { name: displayName, stream: this.media.stream, local: true });
    }
    if (this.e2eeRoom && this.e2ee === null) {
      try {
        this.e2ee = await FrameEncryption.create();
        this.e2ee.onUndecryptable = (id, failing) => this.participants.showUndecryptable(id,
          failing);
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
        if (this.whereby.avatarUrl) join.avatarUrl = this.whereby.avatarUrl;
        if (this.e2ee) join.e2eePublicKey = this.e2ee.publicKey;
        if (this.rejoinToken) join.rejoinToken = this.rejoinToken;
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
  /** The link's roomKey cannot be used (given twice, or its encoding broken): join with
   * neither value, nor as a plain participant, and say why, naming roomKey. */
  refuseLink() {
    console.warn(`fjord: URL parameter roomKey not used: ${this.roomKeyProblem}`);
    this.lastError = 'invalid_room_key';
    this.errors.push('invalid_room_key');
    this.emit('error', { code: 'invalid_room_key' });
    this.finish('ended', 'ended.cannotJoin',
      ['ended.linkUnusable', { reason: this.roomKeyReason }]);
  }

  refuseE2ee() {
    this.lastError = 'e2ee_unsupported';
    this.errors.push('e2ee_unsupported');
    this.emit('error', { code: 'e2ee_unsupported' });
    this.finish('ended', 'ended.cannotJoin', E2EE_UNSUPPORTED);
  }

  leave() {
    const knocking = this.phase === 'knocking';
    if (knocking) this.emit('cancel_knock', {});
    this.socket?.send({ type: 'leave' });
    if (knocking) {
      // Nobody let them in: they were never in the meeting they would be told they left.
      this.finish('left', 'ended.notJoined', 'ended.stoppedWaiting', 'ended.askAgain');
    } else if (['precall', 'connecting'].includes(this.phase)) {
      // The embed's leaveRoom() before the join.
      this.finish('left', 'ended.notJoined', 'ended.leftBeforeJoining', 'ended.join');
    } else {
      this.finish('left', 'ended.left', '');
    }
  }

  /** Host: end the meeting for everyone (the server checks the role). */
  endMeeting() {
    if (this.role === 'host') this.socket?.send({ type: 'end-meeting' });
  }

  /**
   * End the page's session for good, showing `title` and `detail` (catalog keys, i18n.js;
   * `detail` may be [key, args], or '' for none); `rejoinLabel` (a key) names the button
   * that starts over, set before the phase changes so that nothing sees a wrong one.
   */
  finish(phase, title, detail, rejoinLabel = phase === 'left' ? 'ended.joinAgain'
    : 'ended.tryAgain') {
    const wasIn = this.selfId !== null;
    for (const dialog of [$('end-dialog'), $('recording-prompt'), $('settings-dialog')]) {
      if (dialog.open) dialog.close();
    }
    this.socket?.stop();
    this.pip.close();
    this.teardownSession();
    this.grid.remove('self');
    this.finishing = true; // the share stopped with every track is not announced
    try {
      this.media.stop();
    } finally {
      this.finishing = false;
    }
    this.e2ee?.close();
    this.e2ee = null;
    localize($('ended-title'), title);
    if (detail) localize($('ended-detail'), ...[detail].flat());
    else plainText($('ended-detail'), '');
    const rejoin = $('rejoin-button');
    rejoin.hidden = phase === 'ended' && !['room_full', 'too_many_knocks'].includes(this.lastError);
    localize(rejoin, rejoinLabel);
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
    this.grid.onPinChange = null;
    this.grid.viewport?.close();
    this.grid.viewport = null;
    this.grid.setPaused([]);
    this.grid.pinned.clear();
    this.spotlight.clear();
    this.grid.clearRemote();
    this.grid.speakers = [];
    this.people.clear();
    this.reactions.clear();
    this.selfId = null;
  }

  /** Show whether a cloud recording runs; tell the embedding page when that changes. */
  setRecording(on) {
    $('recording-indicator').hidden = !on;
    if (on && $('recording-prompt').open) $('recording-prompt').close(); // another host started it
    if (on === this.recording) return;
    this.recording = on;
    // The indicator shows from hidden, which screen readers do not reliably read out.
    this.announce(t(on ? 'announce.recording' : 'announce.recordingStopped'));
    // Whereby's words (`starting`, `started`, `stopped`), not the server's `recording`.
    this.emit('recording_status_change', { status: on ? 'started' : 'stopped' });
  }

  onMessage(msg) {
    handleMessage(this, msg);
  }

  onJoined(msg) {
    this.socket.markHealthy();
    this.teardownSession();
    this.selfId = msg.selfId;
    this.role = msg.role;
    this.rejoinToken = msg.rejoinToken ?? null;
    this.topology = msg.topology;
    if (this.topology === 'sfu') {
      // Pinned cameras reach this page whatever the room's last-N (docs/signaling.md).
      // So are spotlighted ones (spotlight.js).
      this.grid.onPinChange = () => this.spotlight.sendPins();
      // Adaptive stream: small tiles get a low simulcast layer, hidden ones no video.
      this.grid.viewport = new ViewportReporter((m) => this.socket?.send(m), this.whereby);
    }
    this.locked = !!msg.locked;
    this.recordingType = msg.recordingType ?? null;
    this.setRecording(!!msg.recording);
    if (msg.recordingPrompt === true && !this.recording && !$('recording-prompt').open) {
      $('recording-prompt').showModal();
      $('recording-prompt-start').focus(); // (not autofocus: controls.js, end dialog)
    }
    this.people.isHost = this.role === 'host';
    this.chat.isHost = this.role === 'host';
    this.reactions.enter(this.role);
    this.chat.setEnabled(msg.chatEnabled !== false);
    this.chat.pending = null; // a message sent before a reconnect is not coming back
    const knocks = Array.isArray(msg.knocks) ? msg.knocks : [];
    for (const k of knocks) {
      this.people.addKnock(k);
      this.announceKnock(k);
    }
    const sendMedia = this.role !== 'viewer';
    if (!sendMedia) {
      // The room key did not say viewer (or could not be read): release what was captured.
      this.grid.remove('self');
      if (this.media.stream.getTracks().length > 0) this.media.stop();
    }
    // E2EE: keys of the participants present, then this page's first frame key.
    this.e2ee?.reset(this.selfId, (m) => this.socket.send(m), sendMedia);
    const participants = Array.isArray(msg.participants) ? msg.participants : [];
    for (const p of participants) this.participants.add(p);
    this.e2ee?.rotate();
    this.spotlight.joined(msg); // after the tiles: theirs are shown large
    // A late joiner learns who speaks now; later changes come as `active-speaker`.
    if (typeof msg.activeSpeaker === 'string') {
      this.participants.showActiveSpeaker(msg.activeSpeaker);
    }

    const send = (m) => this.socket.send(m);
    const onStream = (id, stream) => this.participants.addStream(id, stream);
    const onScreen = (id, stream, streamId) => this.participants.addScreen(id, stream, streamId);
    if (msg.topology === 'sfu') {
      const session = new SfuSession({
        joined: msg,
        media: this.media,
        publish: sendMedia,
        send,
        onStream,
        onStreamGone: (id) => this.participants.removeStream(id),
        onScreen,
        onScreenGone: (id) => this.participants.removeScreen(id),
        onUnplayable: (id, codec) => this.participants.showUnplayable(id, codec),
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
        onStatus: (id, status, link) => this.participants.onPeerStatus(id, status, link),
      });
      this.engine = mesh;
      mesh.start(participants);
    }
    this.setPhase('in-call');
    this.emit('join', { selfId: this.selfId, role: this.role });
    this.renderSafetyCode();
    this.controls.renderToggles();
    this.participants.renderCount();
    this.controls.renderHostControls();
    this.participants.renderPeople();
    if (this.media.screenTrack) this.socket.send({ type: 'screen-share', active: true });
    // Knockers who were waiting before this host arrived: one event each, as for later ones.
    for (const k of knocks) {
      if (k && typeof k.id === 'string') this.emit('participant_knock', { participantId: k.id });
    }
  }

  /**
   * Show the safety code of everyone present (E2EE rooms). Codes are computed as people
   * come and go and may finish out of order: only the newest is shown (an older one, shown
   * last, left out someone present, such as a participant the server slipped in).
   */
  async renderSafetyCode() {
    const e2ee = this.e2ee;
    if (!e2ee) return;
    this.safetyCodeTurn = (this.safetyCodeTurn ?? 0) + 1;
    const turn = this.safetyCodeTurn;
    const code = await e2ee.safetyCode();
    if (this.e2ee !== e2ee || this.safetyCodeTurn !== turn) return;
    // Said once it changes, not read out digit by digit on every join (the code was a live
    // region, as was the participant count, both beside the announcer's "Ann joined").
    if (this.safetyCode && this.safetyCode !== code) {
      this.announce(t('announce.safetyCode'));
    }
    this.safetyCode = code;
    $('safety-code').textContent = code;
    $('e2ee-banner').hidden = false;
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
    if (this.chat.refused(code, message) || this.reactions.refused(code, message)) return;
    if (answeringJoin && !(code in FATAL_ERRORS) && !RETRYABLE_ERRORS.has(code)
        && code !== 'not_joined') {
      let detail = JOIN_REFUSED;
      if (/displayName/.test(message)) detail = NAME_REFUSED;
      else if (/roomKey/.test(message)) detail = FATAL_ERRORS.invalid_room_key;
      this.emit('error', { code });
      this.finish('ended', 'ended.cannotJoin', detail);
      return;
    }
    if (code === 'unavailable') {
      // The server closes the socket: it reconnects with backoff and joins again.
      this.notify('notice.unavailable');
    } else if (code === 'rate_limited' && answeringJoin && this.phase !== 'knocking') {
      // The join itself was dropped: join again after the usual backoff.
      this.socket?.restart();
    } else if (code === 'media_lost' && this.engine instanceof SfuSession) {
      // The server re-joined us on the SFU (its node may have died): new transports.
      this.notify('notice.media_lost');
      this.grid.setPaused([]); // the server tells again what last-N holds back after it
      this.engine.restart().catch(() => this.onError('publish_failed'));
    } else if (code === 'transport_failed') {
      // The media path to the SFU broke: join again (as a new participant) after a backoff.
      this.notify('notice.transport_failed');
      this.socket?.restart();
    } else if (code in FATAL_ERRORS) {
      const title = {
        meeting_ended: 'ended.meetingEnded',
        removed: 'ended.removed',
      }[code] ?? 'ended.cannotJoin';
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
