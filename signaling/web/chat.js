// The chat panel. Messages live only in this page's memory (never in storage) and are
// gone when the page leaves the meeting; the server relays them and keeps nothing.
// Text is shown with textContent only. Hosts get a Delete button on every message.

export class ChatPanel {
  /**
   * @param {{list: HTMLElement, form: HTMLFormElement, input: HTMLInputElement,
   *          section: HTMLElement, send: (msg: object) => boolean,
   *          onMessage: (msg: object) => void}} options
   */
  constructor({ list, form, input, section, send, onMessage }) {
    this.list = list;
    this.input = input;
    this.section = section;
    this.send = send;
    this.onMessage = onMessage;
    this.isHost = false;
    /** @type {Map<string, {id: string, from: string, displayName: string, text: string}>} */
    this.messages = new Map();
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = this.input.value.trim().slice(0, 2000);
      if (!text) return;
      if (this.send({ type: 'chat', text })) this.input.value = '';
    });
  }

  setEnabled(enabled) {
    this.section.hidden = !enabled;
  }

  add(msg) {
    if (typeof msg.id !== 'string' || typeof msg.text !== 'string') return;
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
    from.textContent = entry.displayName;
    const text = document.createElement('span');
    text.className = 'chat__text';
    text.textContent = entry.text;
    li.append(from, text);
    if (this.isHost) {
      const del = document.createElement('button');
      del.type = 'button';
      del.className = 'btn chat__delete';
      del.textContent = 'Delete';
      del.addEventListener('click', () => this.send({ type: 'chat-delete', messageId: entry.id }));
      li.append(del);
    }
    this.list.append(li);
    li.scrollIntoView({ block: 'nearest' });
    this.onMessage(entry);
  }

  remove(messageId) {
    this.messages.delete(messageId);
    for (const li of this.list.querySelectorAll('li')) {
      if (li.dataset.messageId === messageId) li.remove();
    }
  }

  clear() {
    this.messages.clear();
    this.list.replaceChildren();
  }

  all() {
    return [...this.messages.values()].map((m) => ({ ...m }));
  }
}
