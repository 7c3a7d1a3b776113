// Whereby's emptyRoomInvitation: while this page is alone in the room, a panel says so and
// offers the room's link, with a Copy link button (the clipboard API; where the browser
// refuses it, the link is selected for the user to copy). Hidden as soon as someone else is
// in the room, back when they have all left. `emptyRoomInvitation=off` and `minimal` hide it
// for good (whereby-params.js). A viewer's page never shows it: a viewer does not invite.
// Its words are the catalog's (i18n.js, `invitation.`).

import { localize, plainText } from './i18n.js';

/**
 * The room's link that may be shared: the page's origin and path (the room) only. Never
 * the query, which carries this page's secrets (a host's or viewer's `roomKey`) and its
 * user's own values (`displayName`, `externalId`, `metadata`, `avatarUrl`), nor a fragment.
 * @param {Location|URL} location
 */
export function shareableRoomLink(location) {
  return `${location.origin}${location.pathname}`;
}

const $ = (id) => document.getElementById(id);

export class EmptyRoomInvitation {
  /** @param {Location|URL} location the page's location */
  constructor(location) {
    this.panel = $('empty-room-invitation');
    this.link = $('invitation-link');
    this.status = $('invitation-status');
    const copy = $('invitation-copy');
    localize($('invitation-title'), 'invitation.title');
    localize($('invitation-link-label'), 'invitation.linkLabel');
    localize(copy, 'invitation.copy');
    this.link.value = shareableRoomLink(location);
    copy.addEventListener('click', () => this.copy());
  }

  /**
   * Show the panel while `alone` (nobody else in the room but the cloud recorder) in the
   * call, unless this page is a viewer's.
   * @param {boolean} alone
   * @param {{phase: string, role: string|null}} app
   */
  render(alone, { phase, role }) {
    const shown = alone && phase === 'in-call' && role !== 'viewer';
    if (this.panel.hidden === !shown) return;
    this.panel.hidden = !shown;
    plainText(this.status, '');
  }

  async copy() {
    try {
      await navigator.clipboard.writeText(this.link.value);
      localize(this.status, 'invitation.copied');
    } catch {
      // No clipboard (an embedding page that did not allow clipboard-write, an older
      // browser): the link is selected, for the keyboard's copy.
      this.link.focus();
      this.link.select();
      localize(this.status, 'invitation.selectToCopy');
    }
  }
}
