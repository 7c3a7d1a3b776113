// The people panel: everyone in the room and, for hosts, who is knocking.
//
// Built with DOM calls only (names via textContent). Hosts get Mute and Remove next to each
// participant (not the cloud recorder, which the server neither mutes nor removes: hosts
// stop it with the recording controls) and Let in / Hold / Reject next to each knocker; the
// server checks the role again on every action (a forged click from a participant is
// refused with `forbidden`). Everyone sees who is in the spotlight; hosts also get
// Spotlight / Remove spotlight next to each participant who sends video, themselves too.

import { Avatar } from './avatar.js';

import { localize, localizeAttribute, plainText, t } from './i18n.js';

/**
 * A button that shows the words of catalog key `key` (`people.mute`) and is named by
 * `<key>Name` with `who` for screen readers ("Mute Ann"): a list of "Mute,
 * Remove, Mute, Remove" buttons did not say whom each one acts on.
 */
function button(key, className, onClick, who) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = `btn ${className}`;
  localize(b, key);
  localizeAttribute(b, 'aria-label', `${key}Name`,
    { name: who || { key: 'people.thisParticipant' } });
  b.addEventListener('click', onClick);
  return b;
}

export class PeoplePanel {
  /**
   * @param {{people: HTMLElement, knocks: HTMLElement, knockSection: HTMLElement,
   *          send: (msg: object) => boolean}} options
   */
  constructor({ people, knocks, knockSection, send }) {
    this.peopleEl = people;
    this.knocksEl = knocks;
    this.knockSection = knockSection;
    this.send = send;
    this.isHost = false;
    /** @type {import('./spotlight.js').Spotlights|null} the room's spotlights (room.js) */
    this.spotlights = null;
    /** @type {Map<string, {id: string, displayName: string}>} */
    this.knocks = new Map();
  }

  /** Re-render the people list: `self` first, then `participants` (a Map by id). */
  renderPeople(self, participants) {
    // A button pressed here (Spotlight) redraws the list: the focus stays on its new self,
    // rather than falling back to the page's start under a keyboard user.
    const focused = this.peopleEl.contains(document.activeElement) ? document.activeElement
      : null;
    const person = focused?.closest('[data-person-id]')?.dataset.personId;
    const kind = focused?.classList[1];
    this.peopleEl.replaceChildren();
    if (self) this.peopleEl.append(this.item(self, true));
    for (const p of participants.values()) this.peopleEl.append(this.item(p, false));
    if (person && kind) {
      [...this.peopleEl.querySelectorAll(`.${kind}`)]
        .find((b) => b.closest('[data-person-id]').dataset.personId === person)?.focus();
    }
  }

  item(p, isSelf) {
    const li = document.createElement('li');
    li.className = 'side__item';
    li.dataset.personId = p.id;
    const name = document.createElement('span');
    name.className = 'side__name';
    if (isSelf) localize(name, 'people.you', { name: p.displayName });
    else plainText(name, p.displayName);
    // Whereby's avatarUrl, as the server accepted it; shown once it loads.
    const avatar = new Avatar('people__avatar');
    avatar.show(p.avatarUrl ?? null);
    li.append(avatar.img, name);
    if (p.role === 'host' || p.role === 'viewer' || p.role === 'recorder') {
      const role = document.createElement('span');
      role.className = 'side__role';
      localize(role, `people.${p.role}`);
      li.append(role);
    }
    const spotlit = this.spotlights?.has(p.id) ?? false;
    if (spotlit) {
      const tag = document.createElement('span');
      tag.className = 'side__role';
      localize(tag, 'spotlight.tag');
      li.append(tag);
    }
    if (this.isHost && this.spotlights && p.role !== 'viewer' && p.role !== 'recorder') {
      li.append(button(spotlit ? 'spotlight.remove' : 'spotlight.add', 'people__spotlight',
        () => this.spotlights.toggle(p.id), name.textContent));
    }
    if (this.isHost && !isSelf && p.role !== 'recorder') {
      if (p.role !== 'viewer') {
        li.append(button('people.mute', 'people__mute',
          () => this.send({ type: 'mute', participantId: p.id }), p.displayName));
      }
      li.append(button('people.remove', 'people__remove',
        () => this.send({ type: 'remove', participantId: p.id }), p.displayName));
    }
    return li;
  }

  addKnock(p) {
    if (!p || typeof p.id !== 'string') return;
    this.knocks.set(p.id, { id: p.id, displayName: String(p.displayName ?? '') });
    this.renderKnocks();
  }

  removeKnock(id) {
    this.knocks.delete(id);
    this.renderKnocks();
  }

  clear() {
    this.knocks.clear();
    this.renderKnocks();
    this.peopleEl.replaceChildren();
  }

  renderKnocks() {
    this.knocksEl.replaceChildren();
    for (const k of this.knocks.values()) {
      const li = document.createElement('li');
      li.className = 'side__item';
      li.dataset.knockId = k.id;
      const name = document.createElement('span');
      name.className = 'side__name';
      name.textContent = k.displayName;
      li.append(
        name,
        button('people.letIn', 'btn--primary knock__accept',
          () => this.send({ type: 'knock-accept', participantId: k.id }), k.displayName),
        // The host's words, in the host's language: the knocker's page shows them as sent.
        button('people.hold', 'knock__hold', () => this.send({
          type: 'knock-hold', participantId: k.id, message: t('people.holdMessage'),
        }), k.displayName),
        button('people.reject', 'btn--danger knock__reject',
          () => this.send({ type: 'knock-reject', participantId: k.id }), k.displayName),
      );
      this.knocksEl.append(li);
    }
    this.knockSection.hidden = this.knocks.size === 0;
  }
}
