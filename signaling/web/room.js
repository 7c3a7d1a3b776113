// Fjord's meeting page: pre-call screen, signaling session, P2P mesh or SFU, video grid.
//
// URL: /{roomName}?displayName=..&precallReview=off&audio=off&video=off&roomKey=..
// (Whereby-style parameters). Read-only state for tests and embedders is on window.fjord.

import { VideoGrid } from './grid.js';
import { SfuSession } from './group.js';
import { LocalMedia } from './media.js';
import { P2PMesh } from './mesh.js';
import { roomSocketUrl, SignalingSocket } from './signaling.js';

/** Server error codes after which retrying cannot help, in plain words. */
const FATAL_ERRORS = {
  room_full: 'This meeting is full. Normal rooms hold at most 4 people.',
  invalid_room_key: 'This meeting link is not valid (it may have expired). Ask for a new link.',
  meeting_ended: 'This meeting has ended.',
  room_not_found: 'This meeting does not exist. Check the link.',
};

/** Other error codes, shown as a passing notice. */
const NOTICES = {
  sfu_error: 'The media server could not set up your audio and video. Try leaving and joining again.',
  publish_failed: 'Your audio and video could not be sent. Try leaving and joining again.',
  subscribe_failed: 'The others\u2019 audio and video could not be received. Try rejoining.',
  rate_limited: 'Too many actions at once; some were ignored.',
};

const $ = (id) => document.getElementById(id);

function roomNameFromPath(pathname) {
  const segments = pathname.split('/').filter(Boolean);
  try {
    return decodeURIComponent(segments[segments.length - 1] ?? '');
  } catch {
    return '';
  }
}

class RoomApp {
  constructor() {
    const params = new URLSearchParams(window.location.search);
    this.roomName = roomNameFromPath(window.location.pathname);
    this.roomKey = params.get('roomKey') || null;
    this.displayName = (params.get('displayName') || '').trim().slice(0, 100);
    this.skipPrecall = params.get('precallReview') === 'off';
    this.wantMic = params.get('audio') !== 'off';
    this.wantCamera = params.get('video') !== 'off';

    this.media = new LocalMedia();
    this.grid = new VideoGrid($('grid'));
    this.grid.autoplayBlocked = () => this.offerSound();
    this.socket = null;
    /** @type {P2PMesh|SfuSession|null} */
    this.engine = null;
    /** @type {Map<string, {id: string, displayName: string, role: string}>} */
    this.participants = new Map();

    this.phase = 'loading'; // precall | connecting | in-call | reconnecting | left | ended
    this.selfId = null;
    this.role = null;
    this.topology = null;
    this.lastError = null;
    this.errors = [];
  }

  async start() {
    $('precall-room').textContent = this.roomName;
    $('call-room').textContent = this.roomName;
    $('name-input').value = this.displayName;
    this.bindControls();
    this.media.onTrackChange(() => {
      this.showPreview();
      this.grid.refresh();
    });

    if (!this.roomName) {
      this.finish('ended', 'No meeting here', 'The link has no room name. Check the link.');
      return;
    }
    await this.media.start({ mic: this.wantMic, camera: this.wantCamera });
    if (this.media.error) this.notify(this.media.error);
    this.renderToggles();
    if (this.skipPrecall) {
      this.join(this.displayName || 'Guest');
    } else {
      this.setPhase('precall');
      this.showPreview();
      $('name-input').focus();
    }
  }

  // --- screens ----------------------------------------------------------------------

  setPhase(phase) {
    this.phase = phase;
    const app = $('app');
    app.dataset.screen = phase;
    $('precall').hidden = phase !== 'precall';
    $('call').hidden = !['connecting', 'in-call', 'reconnecting'].includes(phase);
    $('ended').hidden = !['left', 'ended'].includes(phase);
    const state = { connecting: 'Connecting\u2026', reconnecting: 'Reconnecting\u2026' }[phase] ?? '';
    $('connection-state').textContent = state;
  }

  showPreview() {
    const preview = $('preview');
    if (preview.srcObject !== this.media.stream) preview.srcObject = this.media.stream;
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
    const viewer = this.role === 'viewer';
    $('mic-button').disabled = viewer || !this.media.audioTrack;
    $('precall-mic').disabled = !this.media.audioTrack;
    $('cam-button').disabled = viewer;
  }

  renderCount() {
    const n = this.participants.size + (this.role === 'viewer' ? 0 : 1);
    $('participant-count').textContent = `${n} ${n === 1 ? 'participant' : 'participants'}`;
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
      const name = $('name-input').value.trim();
      if (!name) {
        this.notify('Please enter your name.');
        $('name-input').focus();
        return;
      }
      this.join(name.slice(0, 100));
    });
    const toggleMic = () => {
      this.media.setMic(!this.media.micOn);
      this.renderToggles();
    };
    const toggleCamera = async () => {
      await this.media.setCamera(!this.media.cameraOn);
      if (this.media.error && !this.media.cameraOn) this.notify(this.media.error);
      this.renderToggles();
    };
    $('precall-mic').addEventListener('click', toggleMic);
    $('mic-button').addEventListener('click', toggleMic);
    $('precall-cam').addEventListener('click', toggleCamera);
    $('cam-button').addEventListener('click', toggleCamera);
    $('leave-button').addEventListener('click', () => this.leave());
    $('rejoin-button').addEventListener('click', () => window.location.reload());
    window.addEventListener('pagehide', () => this.socket?.send({ type: 'leave' }));
  }

  // --- session ------------------------------------------------------------------------

  join(displayName) {
    this.displayName = displayName;
    this.setPhase('connecting');
    this.grid.upsert('self', { name: displayName, stream: this.media.stream, local: true });
    this.socket = new SignalingSocket(roomSocketUrl(this.roomName), {
      onOpen: () => {
        const join = { type: 'join', displayName };
        if (this.roomKey) join.roomKey = this.roomKey;
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

  leave() {
    this.socket?.send({ type: 'leave' });
    this.finish('left', 'You left the meeting', '');
  }

  /** End the page's session for good, showing `title` and `detail`. */
  finish(phase, title, detail) {
    this.socket?.stop();
    this.teardownSession();
    this.grid.remove('self');
    this.media.stop();
    $('ended-title').textContent = title;
    $('ended-detail').textContent = detail;
    const rejoin = $('rejoin-button');
    rejoin.hidden = phase === 'ended' && this.lastError !== 'room_full';
    rejoin.textContent = phase === 'left' ? 'Join again' : 'Try again';
    this.setPhase(phase);
  }

  teardownSession() {
    this.engine?.close();
    this.engine = null;
    this.participants.clear();
    this.grid.clearRemote();
    this.selfId = null;
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
      case 'error':
        this.onError(String(msg.code ?? 'error'));
        break;
      case 'meeting-ended':
        this.onError('meeting_ended');
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
    const sendMedia = this.role !== 'viewer';
    if (!sendMedia) this.grid.remove('self');
    const participants = Array.isArray(msg.participants) ? msg.participants : [];
    for (const p of participants) this.addParticipant(p);

    const send = (m) => this.socket.send(m);
    const watched = new WeakSet();
    const onStream = (id, stream) => {
      const p = this.participants.get(id);
      this.grid.upsert(id, { name: p ? p.displayName : '', stream });
      for (const track of stream.getTracks()) {
        if (watched.has(track)) continue;
        watched.add(track);
        // A remote camera turned off arrives as a muted track: show the placeholder.
        for (const type of ['mute', 'unmute', 'ended']) {
          track.addEventListener(type, () => this.grid.refresh());
        }
      }
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
        onError: (code) => this.onError(code),
      });
      this.engine = session;
      session.start().catch(() => this.onError('publish_failed'));
    } else {
      const mesh = new P2PMesh({ joined: msg, media: this.media, sendMedia, send, onStream });
      this.engine = mesh;
      mesh.start(participants);
    }
    this.setPhase('in-call');
    this.renderToggles();
    this.renderCount();
  }

  addParticipant(p) {
    if (!p || typeof p.id !== 'string' || p.id === this.selfId) return;
    const displayName = typeof p.displayName === 'string' ? p.displayName : '';
    this.participants.set(p.id, { id: p.id, displayName, role: String(p.role ?? '') });
    // Viewers send nothing: they get no tile.
    if (p.role !== 'viewer') this.grid.upsert(p.id, { name: displayName });
    this.renderCount();
  }

  removeParticipant(id) {
    if (typeof id !== 'string') return;
    this.participants.delete(id);
    if (this.engine instanceof P2PMesh) this.engine.remove(id);
    else if (this.engine instanceof SfuSession) this.engine.removePublisher(id);
    this.grid.remove(id);
    this.renderCount();
  }

  onError(code) {
    this.lastError = code;
    this.errors.push(code);
    if (code === 'transport_failed') {
      // The media path to the SFU broke: join again (as a new participant) after a backoff.
      this.notify('The connection to the meeting was lost. Reconnecting\u2026');
      this.socket?.restart();
    } else if (code in FATAL_ERRORS) {
      const title = code === 'meeting_ended' ? 'The meeting has ended' : 'Cannot join this meeting';
      this.finish('ended', title, FATAL_ERRORS[code]);
    } else if (code in NOTICES) {
      this.notify(NOTICES[code]);
    } else {
      console.warn('fjord: server error', code);
    }
  }
}

const app = new RoomApp();

/** Read-only view of the page's state, for tests and embedders. */
const api = Object.freeze({
  get selfId() { return app.selfId; },
  get role() { return app.role; },
  get topology() { return app.topology; },
  get phase() { return app.phase; },
  get roomName() { return app.roomName; },
  get lastError() { return app.lastError; },
  get micOn() { return app.media.micOn; },
  get cameraOn() { return app.media.cameraOn; },
  errors: () => [...app.errors],
  participants: () => [...app.participants.values()].map((p) => ({ ...p })),
  peerConnections: () => (app.engine ? app.engine.peerConnections() : []),
  /** [{participantId, kind, trackId}] of every remote track shown in a tile. */
  remoteTracks: () => app.grid.remoteTracks(),
});
Object.defineProperty(window, 'fjord', { value: api, writable: false, configurable: false });

app.start().catch((err) => {
  console.error('fjord: the page could not start', err);
});
