// The others in the call: who is there (with Whereby's externalId and metadata), their tiles
// and shared screens, the count and the people list, the active speaker, and the health of
// each P2P link. In end-to-end encrypted rooms every join and leave also changes the keys.
// Embedders hear of each join and leave (participant_join, participant_leave). Whereby's
// avatarUrl is shown on tiles and in the people list; emptyRoomInvitation's panel while no one
// else is in the room.

import { SfuSession } from './group.js';
import { EmptyRoomInvitation } from './invitation.js';
import { localize, t } from './i18n.js';
import { P2PMesh } from './mesh.js';

const $ = (id) => document.getElementById(id);

export class Participants {
  /** @param {object} app the RoomApp (room.js): its grid, people, e2ee, engine, phase, emit */
  constructor(app) {
    this.app = app;
    /** @type {Map<string, {id: string, displayName: string, role: string,
     *   externalId: string|null, metadata: string|null, avatarUrl: string|null}>} */
    this.byId = new Map();
    /** Remote screen streams by participant id, and who says they are sharing. */
    this.screens = new Map();
    this.sharing = new Set();
    /** Group rooms: the msid stream id of each remote screen, by participant id. */
    this.screenIds = new Map();
    /** Group rooms: the dominant speaker of the last `active-speaker` event. */
    this.activeSpeaker = null;
    this.activeSpeakerChanges = [];
    /** The count last told to embedders (participantupdate). */
    this.reportedCount = null;
    /** Remote tracks whose mute, unmute and ended events refresh the grid. */
    this.watched = new WeakSet();
    /** The server refused this page's avatarUrl (a `warning`): it joins without. */
    this.avatarRefused = false;
    this.invitation = new EmptyRoomInvitation(window.location);
  }

  /** A `warning`: a field of this page's join that the server did not use. */
  onWarning(msg) {
    const text = typeof msg.message === 'string' ? msg.message : '';
    console.warn(`fjord: URL parameter ${String(msg.field ?? '')} not used: ${text}`);
    if (msg.field === 'avatarUrl') this.avatarRefused = true;
  }

  /** Forget everyone (the session ended or starts again). */
  clear() {
    this.byId.clear();
    this.sharing.clear();
    this.screens.clear();
    this.screenIds.clear();
    this.activeSpeaker = null;
    this.watched = new WeakSet();
  }

  add(p) {
    const app = this.app;
    if (!p || typeof p.id !== 'string' || p.id === app.selfId) return;
    const displayName = typeof p.displayName === 'string' ? p.displayName : '';
    const text = (value) => (typeof value === 'string' ? value : null);
    const entry = {
      id: p.id, displayName, role: String(p.role ?? ''),
      externalId: text(p.externalId), metadata: text(p.metadata), avatarUrl: text(p.avatarUrl),
    };
    this.byId.set(p.id, entry);
    if (p.screenSharing === true) this.sharing.add(p.id);
    // Viewers and the cloud recorder send nothing: they get no tile.
    if (p.role !== 'viewer' && p.role !== 'recorder') {
      app.grid.upsert(p.id, { name: displayName, avatarUrl: entry.avatarUrl });
    }
    if (app.e2ee) {
      app.e2ee.addPeer(p.id, p.e2eePublicKey);
      // A newcomer gets only a new key: it cannot open what was sent before it came.
      if (app.phase === 'in-call') app.e2ee.rotate();
      app.renderSafetyCode();
    }
    this.renderCount();
    this.renderPeople();
    if (app.phase === 'in-call') {
      app.announce(t('announce.joined', { name: displayName || t('announce.someone') }));
      app.emit('participant_join', {
        participantId: p.id,
        participant: { metadata: entry.metadata, externalId: entry.externalId },
      });
    }
  }

  remove(id) {
    const app = this.app;
    if (typeof id !== 'string') return;
    const gone = this.byId.get(id);
    this.byId.delete(id);
    this.sharing.delete(id);
    this.screens.delete(id);
    this.screenIds.delete(id);
    app.grid.remove(`${id}:screen`);
    if (app.engine instanceof P2PMesh) app.engine.remove(id);
    else if (app.engine instanceof SfuSession) app.engine.removePublisher(id);
    if (app.e2ee) {
      // The leaver never gets the next key.
      app.e2ee.removePeer(id);
      app.e2ee.rotate();
      app.renderSafetyCode();
    }
    app.grid.remove(id);
    this.renderCount();
    this.renderPeople();
    if (gone) app.announce(t('announce.left', { name: gone.displayName || t('announce.someone') }));
    app.emit('participant_leave', {
      participantId: id,
      participant: { metadata: gone?.metadata ?? null, externalId: gone?.externalId ?? null },
    });
  }

  /** A remote camera and microphone stream arrived (or changed) for participant `id`. */
  addStream(id, stream) {
    const { grid, topology } = this.app;
    const p = this.byId.get(id);
    grid.upsert(id, { name: p ? p.displayName : '', stream,
      streamId: topology === 'sfu' ? id : undefined });
    for (const track of stream.getTracks()) {
      if (this.watched.has(track)) continue;
      this.watched.add(track);
      // A remote camera turned off arrives as a muted track: show the placeholder.
      for (const type of ['mute', 'unmute', 'ended']) {
        track.addEventListener(type, () => grid.refresh());
      }
    }
  }

  /** Group rooms: the SFU stopped sending `id`'s stream; a participant still here keeps a tile. */
  removeStream(id) {
    if (!this.byId.has(id)) this.app.grid.remove(id);
  }

  /**
   * The SFU forwards without transcoding: a camera in a codec this browser cannot decode
   * says so on its tile instead of staying black (`codec` null: it plays again).
   */
  showUnplayable(id, codec) {
    this.app.grid.setNotice(id, codec
      ? { key: 'tile.unplayable', args: { name: this.nameOf(id), codec } } : null);
  }

  /**
   * End-to-end encrypted rooms: none of `id`'s frames open (`failing`: its key did not reach
   * this page, or a wrong one did), or they open again. Its tiles say so rather than "Camera
   * is off", and a screen reader hears it once.
   */
  showUndecryptable(id, failing) {
    this.app.grid.setUndecryptable(id, failing);
    if (failing) this.app.announce(t('announce.undecryptable', { name: this.nameOf(id) }));
  }

  /** A remote screen stream arrived (`streamId`: its msid stream id in group rooms). */
  addScreen(id, stream, streamId) {
    this.screens.set(id, stream);
    if (streamId !== undefined) this.screenIds.set(id, streamId);
    this.renderScreen(id);
  }

  removeScreen(id) {
    this.screens.delete(id);
    this.renderScreen(id);
  }

  /** `screen-share`: participant `id` says it started or stopped sharing. */
  setSharing(id, active) {
    if (active) this.sharing.add(id);
    else this.sharing.delete(id);
    this.renderScreen(id);
  }

  /** Show or drop the screen tile of participant `id`. */
  renderScreen(id) {
    const stream = this.screens.get(id);
    const p = this.byId.get(id);
    if (p && stream && this.sharing.has(id)) {
      this.app.grid.upsert(`${id}:screen`, { name: p.displayName, screen: true, stream,
        streamId: this.screenIds.get(id) });
    } else {
      this.app.grid.remove(`${id}:screen`);
    }
  }

  /** Highlight `participantId` as the active speaker (tiles ordered by recency). */
  showActiveSpeaker(participantId) {
    this.activeSpeaker = participantId;
    this.activeSpeakerChanges.push({ participantId, at: Date.now() });
    if (this.activeSpeakerChanges.length > 50) this.activeSpeakerChanges.shift();
    this.app.grid.setActiveSpeaker(participantId);
  }

  /** A P2P connection's health changed (peer-link.js): show it on the tile and say it. */
  onPeerStatus(id, status, link) {
    const { grid } = this.app;
    const args = { name: this.nameOf(id) };
    if (status === 'retrying') {
      const key = link.everConnected ? 'peer.lost' : 'peer.notYet';
      grid.setNotice(id, { key, args });
      this.app.notify(key, args);
    } else if (status === 'failed') {
      grid.setNotice(id, { key: 'peer.none', args });
      this.app.notify('peer.failed', args);
    } else if (status === 'connected') {
      const hadProblem = grid.tiles.get(id)?.notice;
      grid.setNotice(id, null);
      if (hadProblem) this.app.notify('peer.back', args);
    }
  }

  renderCount() {
    const app = this.app;
    // Everyone in the room, this page too: a viewer's page counted the other viewers but
    // not itself, so its count (and participantupdate) was one below everyone else's. The
    // cloud recorder is no one in the call: not counted.
    const others = [...this.byId.values()].filter((p) => p.role !== 'recorder').length;
    const n = others + 1;
    this.invitation.render(others === 0, app);
    localize($('participant-count'), 'call.participants', { count: n });
    // Told once in the call: counted while joining, the others already there were taken for
    // told, and a page joining a room with people in it never heard its first count.
    if (this.reportedCount !== n && app.phase === 'in-call') {
      app.emit('participantupdate', { count: n });
      this.reportedCount = n;
    }
  }

  /** The name of participant `id` for a sentence, or words that stand for it. */
  nameOf(id) {
    return this.byId.get(id)?.displayName || { key: 'people.thisParticipant' };
  }

  renderPeople() {
    const app = this.app;
    // The own avatar once joined, unless the server refused it (its `warning` came first).
    const avatarUrl = this.avatarRefused ? null : app.whereby.avatarUrl;
    const self = app.selfId
      ? { id: app.selfId, displayName: app.displayName, role: app.role, avatarUrl } : null;
    app.people.renderPeople(self, this.byId);
    if (self && app.grid.tiles.has('self')) app.grid.upsert('self', { avatarUrl });
  }
}
