// The video grid: one tile per participant, keyed by participant id.
//
// Tiles are built with DOM calls only (textContent, never innerHTML), so display names
// can never inject markup. The layout is pure CSS; the grid carries a data-count
// attribute the stylesheet uses to pick a column count, and a data-spotlight one (how many
// tiles are spotlighted, spotlight.js) that shows those large and the others beside them.


import { Avatar } from './avatar.js';

import { localize, localizeAttribute, plainText } from './i18n.js';

/** A remote tile with no new video frame for this long shows its placeholder. */
const FRAME_TIMEOUT_MS = 1500;

/** What a tile whose camera the server holds back says, by the reason (`video-paused`):
 * catalog keys (i18n.js), as every placeholder text. */
const PAUSED_TEXT = {
  last_n: { key: 'tile.pausedLastN' },
  bandwidth: { key: 'tile.pausedBandwidth' },
};
/** What the tile of a participant whose frames this page cannot open says (E2EE rooms). */
const UNDECRYPTABLE_TEXT = { key: 'tile.undecryptable' };

/** One participant's tile: video, placeholder text and name label. */
class Tile {
  /**
   * @param {string} id participant id (or "self")
   * @param {boolean} local the own camera: muted, mirrored
   */
  constructor(id, local, onPin) {
    this.id = id;
    this.el = document.createElement('div');
    this.el.className = local ? 'tile tile--self' : 'tile';
    this.el.dataset.participantId = id;

    this.video = document.createElement('video');
    this.video.className = local ? 'tile__video tile__video--mirror' : 'tile__video';
    this.video.autoplay = true;
    this.video.playsInline = true;
    this.video.muted = local;

    // The placeholder shows the participant's avatar (Whereby's avatarUrl), when it has one
    // that loads, above the text: what a tile without video shows by default.
    this.placeholder = document.createElement('p');
    this.placeholder.className = 'tile__placeholder';
    this.avatar = new Avatar('tile__avatar');
    this.placeholderText = document.createElement('span');
    this.placeholder.append(this.avatar.img, this.placeholderText);

    this.label = document.createElement('span');
    this.label.className = 'tile__name';

    this.el.append(this.video, this.placeholder, this.label);
    if (onPin) {
      // Group rooms: keep receiving this camera whatever the room's last-N.
      this.pin = document.createElement('button');
      this.pin.type = 'button';
      this.pin.className = 'tile__pin';
      localizeAttribute(this.pin, 'title', 'tile.pinTitle');
      this.pin.addEventListener('click', () => onPin(id));
      this.el.append(this.pin);
      this.renderPin(false);
    }
    /** Hosts' spotlight button (`renderSpotlight`), or null. */
    this.spotlight = null;
    this.stream = null;
    this.local = local;
    /** A connection problem to show instead of the video ({key, args}, null: none). */
    this.notice = null;
    /**
     * Group rooms: why the server holds this camera back, so no frames come: 'last_n' (not
     * among the recent speakers), 'bandwidth' (our connection cannot take it), or false.
     */
    this.paused = false;
    /** End-to-end encrypted rooms: none of this participant's frames open (no key). */
    this.undecryptable = false;
    /** performance.now() of the last video frame shown (remote tiles). */
    this.lastFrameAt = -Infinity;
    if (!local && typeof this.video.requestVideoFrameCallback === 'function') {
      const onFrame = () => {
        const wasStale = this.stale();
        this.lastFrameAt = performance.now();
        if (wasStale) this.refresh();
        this.video.requestVideoFrameCallback(onFrame);
      };
      this.video.requestVideoFrameCallback(onFrame);
    }
  }

  /**
   * The pin button says what a press does, and (for screen readers) whose camera: "Pin Ann".
   * No aria-pressed: "Unpin, pressed" said the state twice, "Pin, not pressed" hid whose.
   */
  renderPin(pinned) {
    if (!this.pin) return;
    localize(this.pin, pinned ? 'tile.unpin' : 'tile.pin');
    localizeAttribute(this.pin, 'aria-label', pinned ? 'tile.unpinName' : 'tile.pinName',
      { name: this.label.textContent || { key: 'tile.thisCamera' } });
  }

  /**
   * Hosts: a button that spotlights this participant for everyone, or removes its spotlight
   * (`onSpotlight` null: none, as for everyone else), named with whose tile it is.
   */
  renderSpotlight(onSpotlight, on) {
    if (!onSpotlight) {
      this.spotlight?.remove();
      this.spotlight = null;
      return;
    }
    if (!this.spotlight) {
      this.spotlight = document.createElement('button');
      this.spotlight.type = 'button';
      this.spotlight.className = 'tile__spotlight';
      this.el.append(this.spotlight);
    }
    this.spotlight.onclick = () => onSpotlight(this.id);
    const action = on ? 'spotlight.remove' : 'spotlight.add';
    localize(this.spotlight, action);
    localizeAttribute(this.spotlight, 'aria-label', `${action}Name`,
      { name: this.label.textContent || { key: 'announce.someone' } });
  }

  /** A remote camera turned off sends no frames (its track stays "live"): show the name. */
  stale() {
    return !this.local && performance.now() - this.lastFrameAt > FRAME_TIMEOUT_MS;
  }

  /** Show `stream` (a MediaStream or null) in the tile. */
  setStream(stream, onAutoplayBlocked) {
    if (this.stream !== stream) {
      this.stream = stream;
      this.video.srcObject = stream;
    }
    this.refresh();
    if (stream) {
      const playing = this.video.play();
      if (playing && typeof playing.catch === 'function') {
        playing.catch((err) => {
          // Autoplay with sound refused before any user gesture: play muted, ask for a click.
          if (err && err.name === 'NotAllowedError' && !this.video.muted) {
            this.video.muted = true;
            this.video.play().catch(() => {});
            onAutoplayBlocked?.();
          }
        });
      }
    }
  }

  /** Show the placeholder instead of the video when no video is coming in. */
  refresh() {
    const problem = this.notice ?? (this.undecryptable ? UNDECRYPTABLE_TEXT : null);
    const hasVideo = !problem && !!this.stream && !this.stale()
      && this.stream.getVideoTracks().some((t) => t.readyState === 'live' && !t.muted);
    this.el.classList.toggle('tile--no-video', !hasVideo);
    this.el.classList.toggle('tile--problem', !!problem);
    this.el.classList.toggle('tile--paused', this.paused && !hasVideo);
    const { key, args } = problem ?? (PAUSED_TEXT[this.paused]
      ?? { key: this.stream ? 'tile.cameraOff' : 'tile.connecting' });
    localize(this.placeholderText, key, args);
  }
}

export class VideoGrid {
  /** @param {HTMLElement} container the element tiles go into */
  constructor(container) {
    this.container = container;
    /** @type {Map<string, Tile>} */
    this.tiles = new Map();
    this.autoplayBlocked = null;
    /** Outline the active speaker's tile; not with Whereby's `highlightActiveSpeaker=off`,
     * which marks the grid (whereby-params.js). The order follows the speakers either way. */
    this.highlightSpeaker = container.dataset.highlightSpeaker !== 'off';
    /** Participant ids, most recent active speaker first (group rooms, `active-speaker`). */
    this.speakers = [];
    /** Pinned participant ids (group rooms); set `onPinChange` to offer pin buttons. */
    this.pinned = new Set();
    /** @type {((ids: string[]) => void)|null} told the pinned ids after each change */
    this.onPinChange = null;
    /** Tile ids ('self' for the own) in the spotlight, shown large (`setSpotlights`). */
    this.spotlit = [];
    /** @type {((tileId: string) => void)|null} hosts: a tile's spotlight button was pressed */
    this.onSpotlight = null;
    /**
     * Group rooms: reports how remote tiles are shown (viewport.js), or null.
     * @type {import('./viewport.js').ViewportReporter|null}
     */
    this.viewport = null;
    /** Participant ids whose camera the server holds back, by reason (`setPaused`). */
    this.held = { last_n: new Set(), bandwidth: new Set() };
    /** Participant ids whose frames this page cannot open (`setUndecryptable`). */
    this.undecryptable = new Set();
    this.staleTimer = setInterval(() => this.refresh(), FRAME_TIMEOUT_MS / 2);
  }

  /**
   * Create or update a tile.
   * @param {string} id participant id
   * @param {{name?: string, stream?: MediaStream|null, local?: boolean, streamId?: string,
   *   screen?: boolean, avatarUrl?: string|null}} fields `streamId`: the received stream's
   *   msid stream id (group rooms), which the tile's size and visibility are reported for;
   *   `screen`: the tile shows `name`'s shared screen; `avatarUrl`: the participant's avatar
   *   as the server accepted it (shown while no video shows)
   */
  upsert(id, { name, stream, local = false, streamId, screen = false, avatarUrl } = {}) {
    let tile = this.tiles.get(id);
    if (!tile) {
      const pinnable = !local && !id.endsWith(':screen') && this.onPinChange !== null;
      tile = new Tile(id, local, pinnable ? (pid) => this.togglePin(pid) : null);
      tile.paused = !local && this.heldReason(id);
      // A screen shared while its sharer's frames cannot be opened says so from the start.
      tile.undecryptable = this.undecryptable.has(id.replace(/:screen$/, ''));
      // The active speaker may be known before its video arrives (joined.activeSpeaker).
      tile.el.classList.toggle('tile--speaking', this.highlightSpeaker
        && this.speakers[0] === id);
      tile.el.classList.toggle('tile--spotlight', this.spotlit.includes(id));
      this.tiles.set(id, tile);
      this.container.append(tile.el);
      this.layout();
      this.order();
    }
    if (name !== undefined) {
      if (local || screen) localize(tile.label, local ? 'people.you' : 'tile.screen', { name });
      else plainText(tile.label, name);
      tile.renderPin(this.pinned.has(id));
      this.renderSpotlight(tile);
    }
    if (avatarUrl !== undefined) tile.avatar.show(avatarUrl);
    if (streamId !== undefined) this.viewport?.watch(tile.el, streamId);
    if (stream !== undefined) tile.setStream(stream, () => this.autoplayBlocked?.());
    else tile.refresh();
    return tile;
  }

  /** Show a connection problem ({key, args}: catalog key and values) on the tile of `id`
   * instead of its video; null clears. */
  setNotice(id, notice) {
    const tile = this.tiles.get(id);
    if (!tile) return;
    tile.notice = notice || null;
    tile.refresh();
  }

  /**
   * End-to-end encrypted rooms: this page cannot open the frames of participant `id`
   * (`failing`), or can again: its camera and screen tiles say so instead of the video.
   */
  setUndecryptable(id, failing) {
    if (failing) this.undecryptable.add(id);
    else this.undecryptable.delete(id);
    for (const tile of [this.tiles.get(id), this.tiles.get(`${id}:screen`)]) {
      if (!tile) continue;
      tile.undecryptable = failing;
      tile.refresh();
    }
  }

  /**
   * Group rooms: the server holds back the cameras of `ids` (`video-paused`) for `reason`
   * ('last_n' or 'bandwidth'; each reason's set replaces its previous one): their tiles say
   * the video is paused and why instead of "Camera is off"; the others are not paused.
   */
  setPaused(ids, reason = 'last_n') {
    this.held[reason] = new Set(ids);
    for (const tile of this.tiles.values()) {
      const paused = !tile.local && !tile.id.endsWith(':screen') && this.heldReason(tile.id);
      if (tile.paused !== paused) {
        tile.paused = paused;
        tile.refresh();
      }
    }
  }

  /** Why the server holds back the camera of `id` ('last_n', 'bandwidth'), or false. */
  heldReason(id) {
    if (this.held.last_n.has(id)) return 'last_n';
    return this.held.bandwidth.has(id) ? 'bandwidth' : false;
  }

  /** Re-evaluate every tile's placeholder (a track started, ended or was replaced). */
  refresh() {
    for (const tile of this.tiles.values()) tile.refresh();
  }

  /**
   * `id` is the room's active speaker now (the SFU's `active-speaker` event): highlight its
   * tile (unless `highlightSpeaker` is off) and order the tiles by how recently each
   * participant was the active speaker.
   */
  setActiveSpeaker(id) {
    this.speakers = [id, ...this.speakers.filter((s) => s !== id)].slice(0, 200);
    for (const tile of this.tiles.values()) {
      tile.el.classList.toggle('tile--speaking', this.highlightSpeaker && tile.id === id);
    }
    this.order();
  }

  /** Pin or unpin the camera of participant `id` (at most 8 pinned, like the server). */
  togglePin(id) {
    if (this.pinned.has(id)) this.pinned.delete(id);
    else if (this.pinned.size < 8) this.pinned.add(id);
    else return;
    for (const tile of this.tiles.values()) {
      const on = this.pinned.has(tile.id);
      tile.el.classList.toggle('tile--pinned', on);
      tile.renderPin(on);
    }
    this.order();
    this.onPinChange?.([...this.pinned]);
  }

  /**
   * The tiles of `ids` (participant ids, 'self' for the own) are in the spotlight, in this
   * order: shown large for everyone (room.css, data-spotlight), the others small beside or
   * below them.
   */
  setSpotlights(ids) {
    this.spotlit = [...ids];
    for (const tile of this.tiles.values()) {
      tile.el.classList.toggle('tile--spotlight', this.spotlit.includes(tile.id));
      this.renderSpotlight(tile);
    }
    this.order();
    this.layout();
  }

  /** Hosts: spotlight buttons on the camera tiles (`onSpotlight`), or none (null). */
  setSpotlightControl(onSpotlight) {
    this.onSpotlight = onSpotlight;
    for (const tile of this.tiles.values()) this.renderSpotlight(tile);
  }

  renderSpotlight(tile) {
    const camera = !tile.id.endsWith(':screen');
    tile.renderSpotlight(camera ? this.onSpotlight : null, this.spotlit.includes(tile.id));
  }

  /**
   * CSS `order` of each tile: spotlighted tiles first (in their order), then shared screens,
   * the own tile, pinned tiles, then remote tiles by speaker recency, then those who have
   * not spoken (in the order they came).
   */
  order() {
    const rank = new Map(this.speakers.map((id, i) => [id, i]));
    for (const tile of this.tiles.values()) {
      const screen = tile.id.endsWith(':screen');
      const owner = screen ? tile.id.slice(0, -':screen'.length) : tile.id;
      let order;
      if (this.spotlit.includes(tile.id)) order = this.spotlit.indexOf(tile.id) - 10;
      else if (screen) order = 0;
      else if (tile.id === 'self') order = 1;
      else if (this.pinned.has(tile.id)) order = 2;
      else order = 3 + (rank.has(owner) ? rank.get(owner) : this.speakers.length);
      tile.el.style.order = String(order);
    }
  }

  /** Remove the tile of `id`, if any. */
  remove(id) {
    const tile = this.tiles.get(id);
    this.undecryptable.delete(id);
    if (!tile) return;
    if (this.pinned.delete(id)) this.onPinChange?.([...this.pinned]);
    this.viewport?.unwatch(tile.el);
    tile.video.srcObject = null;
    tile.el.remove();
    this.tiles.delete(id);
    this.layout();
  }

  /** Remove every tile except the own one. */
  clearRemote() {
    for (const id of [...this.tiles.keys()]) if (id !== 'self') this.remove(id);
  }

  /** Unmute every remote tile (after a user gesture allowed sound). */
  unmuteRemote() {
    for (const tile of this.tiles.values()) {
      if (tile.id !== 'self') {
        tile.video.muted = false;
        tile.video.play().catch(() => {});
      }
    }
  }

  /** @returns {{participantId: string, kind: string, trackId: string}[]} remote tracks shown */
  remoteTracks() {
    const out = [];
    for (const tile of this.tiles.values()) {
      if (tile.id === 'self' || !tile.stream) continue;
      for (const track of tile.stream.getTracks()) {
        out.push({ participantId: tile.id, kind: track.kind, trackId: track.id });
      }
    }
    return out;
  }

  layout() {
    // A floating own view (Whereby's floatSelf, self-view.js) takes no place in the grid.
    const floating = this.container.dataset.floatSelf === 'on' && this.tiles.has('self')
      && !this.spotlit.includes('self');
    const n = this.tiles.size - (floating ? 1 : 0);
    this.container.dataset.count = String(n > 9 ? 'many' : n);
    const spotlit = this.spotlit.filter((id) => this.tiles.has(id)).length;
    if (spotlit > 0) this.container.dataset.spotlight = String(spotlit);
    else delete this.container.dataset.spotlight;
  }
}
