// Whereby's `chatDownload=on`: the chat this page saw, downloadable as a plain-text file
// (one line per message: the time it arrived, the sender's name, the text) from the chat
// panel during the call and from the screen shown once the page has left or the meeting has
// ended. The transcript lives in this page's memory only, as the chat does (chat.js): nothing
// is stored on the server or in the browser's storage, and it is gone with the page. A
// message a host deletes leaves the transcript too.

import { t } from './i18n.js';

/** @param {Date} at */
const clock = (at) => [at.getHours(), at.getMinutes(), at.getSeconds()]
  .map((n) => String(n).padStart(2, '0')).join(':');
/** @param {Date} at */
const day = (at) => [at.getFullYear(), at.getMonth() + 1, at.getDate()]
  .map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0')).join('-');

export class ChatTranscript {
  /**
   * @param {string} roomName the meeting's room, named in the file's first line and name
   * @param {HTMLElement[]} buttons the Download chat buttons (shown once there is a message)
   */
  constructor(roomName, buttons) {
    this.roomName = roomName;
    this.buttons = buttons;
    /** @type {{id: string, at: Date, displayName: string, text: string}[]} */
    this.lines = [];
    for (const button of buttons) button.addEventListener('click', () => this.download());
    this.render();
  }

  /** A message the chat panel showed (chat.js `onMessage`). */
  add(entry) {
    this.lines.push({ id: entry.id, at: new Date(), displayName: entry.displayName,
      text: entry.text });
    this.render();
  }

  /** A host deleted the message `id`. */
  remove(id) {
    this.lines = this.lines.filter((line) => line.id !== id);
    this.render();
  }

  render() {
    for (const button of this.buttons) button.hidden = this.lines.length === 0;
  }

  /** The transcript's text: a heading line, then `[HH:MM:SS] Name: text` per message (a
   * message's further lines indented under it). */
  text() {
    const first = this.lines[0]?.at ?? new Date();
    // In the page's language when it is saved.
    const head = t('chat.transcriptTitle', { room: this.roomName, date: day(first) });
    const body = this.lines.map(({ at, displayName, text }) => `[${clock(at)}] `
      + `${t('chat.from', { name: displayName || t('announce.someone') })} `
      + `${text.replace(/\r\n?|\n/g, '\n    ')}`);
    return `${[head, '', ...body].join('\n')}\n`;
  }

  download() {
    const blob = new Blob([this.text()], { type: 'text/plain;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    const room = this.roomName.replace(/[^A-Za-z0-9_-]+/g, '-') || 'meeting';
    link.download = `chat-${room}-${day(this.lines[0]?.at ?? new Date())}.txt`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }
}
