// Spotlight (Whereby's): participants a host shows large on every page of the room.
//
// The room keeps the spotlights (docs/signaling.md, `spotlight`): this page takes them from
// `joined.spotlights` and each `spotlight` message, drops a participant who left, shows
// their tiles large (grid.js), gives hosts a Spotlight / Remove spotlight button on each
// tile and in the people list (people.js), and carries out Whereby's `autoSpotlight`.
// Local pins (grid.js) stay the page's own: they order the small tiles and, in group rooms,
// keep those cameras received; spotlighted cameras are kept received the same way.
// Its words are the catalog's (i18n.js, `spotlight.`).

import { t } from './i18n.js';

/** Participants spotlighted at once (the server's bound, signaling/messages.py). */
export const MAX_SPOTLIGHTS = 4;
/** Cameras one page pins on the SFU at most (the server's `pin` bound). */
const MAX_PINS = 8;

export class Spotlights {
  /** @param {object} app the RoomApp (room.js): its grid, participants, socket, role */
  constructor(app) {
    this.app = app;
    /** Participant ids in the spotlight, in the order a host put them there. */
    this.ids = [];
    /** autoSpotlight's warning is given once, not at every reconnect. */
    this.warned = false;
    /** Group rooms: the ids of the last `pin` sent (the server keeps them until changed). */
    this.pinsSent = null;
  }

  /** `joined`: the room's spotlights, and hosts' buttons; Whereby's autoSpotlight spotlights
   * a host's own page (at every join, so also after its page reconnected as a new
   * participant). */
  joined(msg) {
    const { app } = this;
    this.ids = [];
    app.grid.setSpotlightControl(app.role === 'host'
      ? (tileId) => this.toggle(tileId === 'self' ? app.selfId : tileId) : null);
    this.pinsSent = null; // a new participant: the server has no pins of it yet
    this.take(msg.spotlights, false);
    if (!app.whereby.autoSpotlight) return;
    if (app.role === 'host') {
      if (!this.ids.includes(app.selfId)) this.request(app.selfId, true);
    } else if (!this.warned) {
      // A console warning is for the integrator: English, as every other one.
      console.warn('fjord: URL parameter autoSpotlight not used: only a host\'s page '
        + 'spotlights itself on join');
      this.warned = true;
    }
  }

  /** The room's spotlights now (a `spotlight` message's participantIds); say who came and went. */
  take(ids, announce = true) {
    if (!Array.isArray(ids)) return;
    const next = ids.filter((id) => typeof id === 'string').slice(0, MAX_SPOTLIGHTS);
    if (announce) {
      for (const id of next) if (!this.ids.includes(id)) this.say(id, true);
      for (const id of this.ids) if (!next.includes(id)) this.say(id, false);
    }
    this.ids = next;
    this.render();
  }

  /** The session ended: no spotlight, no buttons (the next `joined` tells them again). */
  clear() {
    this.ids = [];
    this.app.grid.setSpotlightControl(null);
    this.app.grid.setSpotlights([]);
  }

  /** Participant `id` left: its spotlight ended with it (the server sends no message). */
  drop(id) {
    if (!this.ids.includes(id)) return;
    this.ids = this.ids.filter((s) => s !== id);
    this.render();
  }

  has(id) {
    return this.ids.includes(id);
  }

  /** Host: spotlight participant `id`, or remove its spotlight (the server checks the role). */
  toggle(id) {
    if (!this.has(id) && this.ids.length >= MAX_SPOTLIGHTS) {
      // The server's own refusal (room-errors.js) says the same: MAX_SPOTLIGHTS is in it.
      this.app.notify('notice.too_many_spotlights');
      return;
    }
    this.request(id, !this.has(id));
  }

  request(id, active) {
    this.app.socket?.send({ type: 'spotlight', participantId: id, active });
  }

  /** Have screen readers hear that `id` came into the spotlight (`on`) or left it. */
  say(id, on) {
    const { app } = this;
    if (id === app.selfId) {
      app.announce(t(on ? 'spotlight.onYou' : 'spotlight.offYou'));
      return;
    }
    const name = app.participants.byId.get(id)?.displayName || { key: 'announce.someone' };
    app.announce(t(on ? 'spotlight.on' : 'spotlight.off', { name }));
  }

  /** Show the spotlights: large tiles, the hosts' buttons, the people list, the pins. */
  render() {
    const { app } = this;
    app.grid.setSpotlights(this.ids.map((id) => (id === app.selfId ? 'self' : id)));
    app.participants.renderPeople();
    if (app.topology === 'sfu') this.sendPins();
  }

  /**
   * Group rooms: the cameras this page always receives (`pin`), whatever the room's last-N:
   * the spotlighted ones first (everyone is to see them), then the page's own pins, at most
   * MAX_PINS (a page that pinned 8 loses its last pins' priority while others are spotlit).
   */
  sendPins() {
    const { app } = this;
    const ids = [...new Set([...this.ids.filter((id) => id !== app.selfId), ...app.grid.pinned])]
      .slice(0, MAX_PINS);
    if (ids.join() === (this.pinsSent ?? []).join()) return;
    this.pinsSent = ids;
    app.socket?.send({ type: 'pin', participantIds: ids });
  }
}
