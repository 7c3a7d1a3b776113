// Emoji reactions (Whereby's `reactions` and `emojiSkinTone` room URL parameters): the
// toolbar's Reactions button opens a small toolbar of reactions; the one chosen is sent as
// `reaction` (docs/signaling.md, "Reactions") and shown for a few seconds over the sender's
// tile on every page of the room, this one too once the server relayed it back. A screen
// reader hears who reacted with what, at most once every few seconds.
//
// `reactions=off`: no Reactions button, and the others' reactions are neither shown nor read
// out on this page (the feature is off for it, as `chat=off` takes the whole chat away).
// `emojiSkinTone`: the skin tone of the hand reactions this page sends, which everyone sees.
// Its words are the catalog's (i18n.js, `reactions.`), so a language switch retranslates them.

import { localize, localizeAttribute, t } from './i18n.js';

/** The closed set the server takes (signaling/messages.py `ReactionName`), in menu order;
 * `toned`: a hand, which takes a skin tone modifier (Unicode's Emoji_Modifier_Base); `key`:
 * its name's catalog key. */
export const REACTIONS = [
  { name: 'thumbs-up', emoji: '\u{1F44D}', toned: true, key: 'reactions.thumbsUp' },
  { name: 'clap', emoji: '\u{1F44F}', toned: true, key: 'reactions.clap' },
  { name: 'heart', emoji: '\u2764\uFE0F', toned: false, key: 'reactions.heart' },
  { name: 'laugh', emoji: '\u{1F602}', toned: false, key: 'reactions.laugh' },
  { name: 'surprised', emoji: '\u{1F62E}', toned: false, key: 'reactions.surprised' },
  { name: 'celebrate', emoji: '\u{1F389}', toned: false, key: 'reactions.celebrate' },
  { name: 'raised-hand', emoji: '\u270B', toned: true, key: 'reactions.raisedHand' },
  { name: 'thumbs-down', emoji: '\u{1F44E}', toned: true, key: 'reactions.thumbsDown' },
];

/** `emojiSkinTone` values and their Fitzpatrick modifiers (U+1F3FB..U+1F3FF); `default` is
 * the yellow of an emoji without one. The server takes the names but `default`. */
export const SKIN_TONES = {
  default: '',
  light: '\u{1F3FB}',
  'medium-light': '\u{1F3FC}',
  medium: '\u{1F3FD}',
  'medium-dark': '\u{1F3FE}',
  dark: '\u{1F3FF}',
};

/** How long a reaction stays over its sender's tile. */
const SHOWN_MS = 4000;
/** The announcer says at most one reaction in this long: a room clapping is not read out
 * clap by clap. */
const ANNOUNCE_GAP_MS = 3000;

const $ = (id) => document.getElementById(id);

/** The emoji of reaction `name` in skin tone `tone` (a SKIN_TONES key; others: none). */
export function reactionEmoji(name, tone) {
  const reaction = REACTIONS.find((r) => r.name === name);
  if (!reaction) return null;
  const modifier = reaction.toned ? (SKIN_TONES[tone] ?? '') : '';
  // A modifier replaces the emoji presentation selector (heart has one, no hand does).
  return modifier ? reaction.emoji.replace('\uFE0F', '') + modifier : reaction.emoji;
}

export class Reactions {
  /**
   * @param {object} app the RoomApp (room.js): its grid, socket, selfId, role, participants,
   *   announce, notify and whereby (`reactions`, `emojiSkinTone`) and e2eeRoom
   */
  constructor(app) {
    this.app = app;
    this.enabled = app.whereby.reactions;
    this.tone = app.whereby.emojiSkinTone ?? 'default';
    /** Tile id -> the timer that takes its reaction away. */
    this.timers = new Map();
    this.lastAnnounced = -Infinity;
    this.wrapper = $('reactions');
    this.button = $('reactions-button');
    this.menu = $('reactions-menu');
    this.bar = $('reactions-bar');
    this.items = [];
  }

  /** Build the menu and listen to the keyboard and pointer. */
  bind() {
    localize(this.button, 'reactions.button');
    localizeAttribute(this.bar, 'aria-label', 'reactions.menu');
    if (this.app.e2eeRoom) {
      const note = $('reactions-e2ee-note');
      localize(note, 'reactions.e2eeNote');
      note.hidden = false;
      this.bar.setAttribute('aria-describedby', note.id);
    }
    for (const { name, toned, key } of REACTIONS) {
      const item = document.createElement('button');
      item.type = 'button';
      item.className = 'reactions__item';
      item.dataset.reaction = name;
      item.textContent = reactionEmoji(name, toned ? this.tone : 'default');
      localizeAttribute(item, 'aria-label', key);
      localizeAttribute(item, 'title', key);
      item.tabIndex = this.items.length === 0 ? 0 : -1; // one tab stop; arrows move
      item.addEventListener('click', () => this.choose(name));
      this.items.push(item);
    }
    this.bar.replaceChildren(...this.items);
    this.button.addEventListener('click', () => this.toggle());
    this.bar.addEventListener('keydown', (event) => this.onKey(event));
    this.menu.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close(true);
    });
    document.addEventListener('click', (event) => {
      if (!this.menu.hidden && !this.wrapper.contains(event.target)) this.close(false);
    });
  }

  /** Joined as `role`: participants and hosts get the button (unless reactions=off). */
  enter(role) {
    this.wrapper.hidden = !this.enabled || role === 'viewer';
    this.close(false);
  }

  toggle() {
    if (this.menu.hidden) this.open();
    else this.close(true);
  }

  open() {
    this.menu.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    (this.items.find((item) => item.tabIndex === 0) ?? this.items[0]).focus();
  }

  /** Close the menu; `refocus`: give the focus back to the Reactions button. */
  close(refocus) {
    if (this.menu.hidden) return;
    this.menu.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    if (refocus) this.button.focus();
  }

  /** Arrow keys, Home and End move along the reactions (a toolbar's roving focus). */
  onKey(event) {
    const at = this.items.indexOf(document.activeElement);
    if (at < 0) return;
    const last = this.items.length - 1;
    const to = {
      ArrowRight: at === last ? 0 : at + 1, ArrowDown: at === last ? 0 : at + 1,
      ArrowLeft: at === 0 ? last : at - 1, ArrowUp: at === 0 ? last : at - 1,
      Home: 0, End: last,
    }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    this.items[at].tabIndex = -1;
    this.items[to].tabIndex = 0;
    this.items[to].focus();
  }

  /** Send reaction `name`; it shows here when the server relays it back, as for everyone. */
  choose(name) {
    const message = { type: 'reaction', reaction: name };
    const reaction = REACTIONS.find((r) => r.name === name);
    if (reaction.toned && SKIN_TONES[this.tone]) message.skinTone = this.tone;
    this.app.socket?.send(message);
    this.close(true);
  }

  /** A `reaction` from the server: show it over the sender's tile, and say it. */
  show(msg) {
    if (!this.enabled || typeof msg.from !== 'string') return;
    const emoji = reactionEmoji(msg.reaction, msg.skinTone);
    if (emoji === null) return; // a reaction of a later protocol version
    const own = msg.from === this.app.selfId;
    const tileId = own ? 'self' : msg.from;
    const tile = this.app.grid.tiles.get(tileId);
    if (tile) {
      tile.el.querySelector('.tile__reaction')?.remove();
      const badge = document.createElement('span');
      badge.className = 'tile__reaction';
      badge.dataset.reaction = msg.reaction;
      badge.setAttribute('aria-hidden', 'true'); // the announcer says it in words
      badge.textContent = emoji;
      tile.el.append(badge);
      clearTimeout(this.timers.get(tileId));
      this.timers.set(tileId, setTimeout(() => {
        badge.remove();
        this.timers.delete(tileId);
      }, SHOWN_MS));
    }
    const now = performance.now();
    if (now - this.lastAnnounced < ANNOUNCE_GAP_MS) return;
    this.lastAnnounced = now;
    const reaction = { key: REACTIONS.find((r) => r.name === msg.reaction).key };
    // The own reaction has a sentence of its own: "you" takes another verb form in many
    // languages ("Sie haben", not "Sie hat").
    this.app.announce(own ? t('reactions.youReacted', { reaction }) : t('reactions.reacted', {
      name: this.app.participants.byId.get(msg.from)?.displayName || { key: 'announce.someone' },
      reaction,
    }));
  }

  /** Whether the server's error (`code`, its `message`) refused a reaction: said here. */
  refused(code, message) {
    if (code !== 'rate_limited' || !message.includes('reactions')) return false;
    this.app.notify('reactions.tooFast');
    return true;
  }

  /** The session ended: no reaction stays on a tile, the menu closes. */
  clear() {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const badge of document.querySelectorAll('.tile__reaction')) badge.remove();
    this.close(false);
  }
}
