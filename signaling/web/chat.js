// The chat panel. Messages live only in this page's memory (never in storage) and are
// gone when the page leaves the meeting; the server relays them and keeps nothing.
// Text is shown with textContent only. Hosts get a Delete button on every message.
//
// A sent message stays in the input until the server relays it back to the sender (then it
// is cleared); if the server refuses it instead, the text stays and the reason is shown
// under the input, so nothing typed is lost.

import { localize, localizeAttribute, plainText, t } from './i18n.js';

/** The error codes of a refused chat message; each says why by the key `chat.<code>`. */
const REFUSALS = new Set(['bad_message', 'too_large', 'rate_limited', 'chat_disabled']);

export class ChatPanel {
  /**
   * @param {{list: HTMLElement, form: HTMLFormElement, input: HTMLInputElement,
   *          section: HTMLElement, error: HTMLElement, send: (msg: object) => boolean,
   *          onMessage: (msg: object) => void, announce: (text: string) => (Element|void),
   *          notEncryptedNote: HTMLElement|null}} options
   *   error: where a refusal is shown; announce: has screen readers say a line (the list is
   *   not a live region: it would read each message with its host's Delete button too);
   *   notEncryptedNote: in an end-to-end encrypted room, the note saying chat is not.
   */
  constructor({ list, form, input, section, error, send, onMessage, announce,
    notEncryptedNote }) {
    this.list = list;
    this.input = input;
    this.errorEl = error;
    /** The text sent and not yet relayed back or refused (null: none). */
    this.pending = null;
    this.section = section;
    this.send = send;
    this.onMessage = onMessage;
    this.announce = announce;
    this.isHost = false;
    this.enabled = true;
    /** @type {Map<string, {id: string, from: string, displayName: string, text: string}>} */
    this.messages = new Map();
    /** The announcer's line of each message said (a host's delete takes it back out). */
    this.spoken = new Map();
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      // At most 2,000 characters counted as code points, as the server counts them.
      const text = Array.from(this.input.value.trim()).slice(0, 2000).join('');
      if (!text) return;
      if (this.send({ type: 'chat', text })) {
        this.pending = text;
        this.showError(null);
      } else {
        this.showError('chat.notConnected');
      }
    });
    this.input.addEventListener('input', () => this.showError(null));
    if (notEncryptedNote) {
      // The call header says "End-to-end encrypted": chat goes through the server in clear
      // (docs/e2ee.md), which its users must know before they type.
      notEncryptedNote.hidden = false;
      input.setAttribute('aria-describedby', `${notEncryptedNote.id} ${error.id}`);
    }
  }

  /**
   * The server refused something while a message of ours was pending: if it was the
   * message, keep its text in the input and say why. Returns whether it was the message.
   * @param {string} code error code
   * @param {string} message the server's words (bad_message names the field)
   */
  refused(code, message) {
    if (this.pending === null || !REFUSALS.has(code)) return false;
    if (code === 'bad_message' && !/\btext\b/.test(message)) return false;
    this.pending = null;
    this.showError(`chat.${code}`);
    return true;
  }

  /** Show the error of catalog key `key` under the input (null: none). */
  showError(key) {
    if (!this.errorEl) return;
    if (key) localize(this.errorEl, key);
    else plainText(this.errorEl, '');
    this.errorEl.hidden = !key;
  }

  setEnabled(enabled) {
    const was = this.enabled;
    /** False when the organization turned chat off (the server refuses every message). */
    this.enabled = enabled;
    // Turned off: hidden. Otherwise the panel stays as it was (an embedding page's
    // toggleChat(false) before the join, or before a reconnect, holds), unless chat comes
    // back on.
    if (!enabled) this.section.hidden = true;
    else if (!was) this.section.hidden = false;
  }

  /** Show a relayed message; `own`: the server relayed our own (clear the input then). */
  add(msg, own = false) {
    if (typeof msg.id !== 'string' || typeof msg.text !== 'string') return;
    if (own && this.pending !== null && msg.text === this.pending) {
      if (Array.from(this.input.value.trim()).slice(0, 2000).join('') === this.pending) {
        this.input.value = '';
      }
      this.pending = null;
      this.showError(null);
    }
    const entry = {
      id: msg.id,
      from: String(msg.from ?? ''),
      displayName: String(msg.displayName ?? ''),
      text: msg.text,
    };
    this.messages.set(entry.id, entry);
    const li = document.createElement('li');
    li.className = 'chat__item';
    li.dataset.messageId = entry.id;
    const from = document.createElement('span');
    from.className = 'chat__from';
    // "Ann: hello", not "Annhello": a screen reader reads the item's text as one.
    localize(from, 'chat.from', { name: entry.displayName });
    const text = document.createElement('span');
    text.className = 'chat__text';
    text.textContent = entry.text;
    li.append(from, ' ', text);
    if (this.isHost) {
      const del = document.createElement('button');
      del.type = 'button';
      del.className = 'btn chat__delete';
      localize(del, 'chat.delete');
      localizeAttribute(del, 'aria-label', 'chat.deleteName', { name: entry.displayName });
      del.addEventListener('click', () => this.send({ type: 'chat-delete', messageId: entry.id }));
      li.append(del);
    }
    this.list.append(li);
    li.scrollIntoView({ block: 'nearest' });
    // Said as "Ann: hello" to the others while the panel shows it (a hidden panel, say
    // chat=off, shows nothing to anyone); the sender hears nothing of a message they sent.
    const shown = this.section.checkVisibility?.() ?? !this.section.hidden;
    if (!own && shown) {
      const line = this.announce(t('announce.chat',
        { name: entry.displayName || t('announce.someone'), text: entry.text }));
      if (line) this.spoken.set(entry.id, line);
      // the announcer keeps its newest lines only: forget those it dropped
      for (const [id, said] of this.spoken) if (!said.isConnected) this.spoken.delete(id);
    }
    this.onMessage(entry);
  }

  remove(messageId) {
    this.messages.delete(messageId);
    // A deleted message is no longer read in the announcer's log either.
    this.spoken.get(messageId)?.remove();
    this.spoken.delete(messageId);
    for (const li of this.list.querySelectorAll('li')) {
      if (li.dataset.messageId === messageId) li.remove();
    }
  }

  clear() {
    this.pending = null;
    this.showError(null);
    this.messages.clear();
    this.spoken.clear();
    this.list.replaceChildren();
  }

  all() {
    return [...this.messages.values()].map((m) => ({ ...m }));
  }
}
