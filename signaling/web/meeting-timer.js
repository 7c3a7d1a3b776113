// Whereby's `timer=on`: the meeting timer in the call's top bar. It shows how long this page
// has been in the meeting (from its first `join`; a reconnect does not restart it), as M:SS,
// then H:MM:SS after an hour. The element is a `timer` (aria-live off): screen readers read
// it when asked, never every second.

/** @param {number} seconds */
export function formatDuration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export class MeetingTimer {
  /** @param {HTMLElement} element the top bar's timer (room.html `meeting-timer`) */
  constructor(element) {
    this.element = element;
    this.startedAt = null;
    this.interval = null;
  }

  /**
   * Follow `app`'s page events (room.js `emit`): count from the first `join`, stop at
   * `leave` (the count stays, as the call's screen goes).
   * @param {{listeners: Set<(type: string, data: object) => void>}} app
   */
  follow(app) {
    app.listeners.add((type) => {
      if (type === 'join') this.start();
      else if (type === 'leave') this.stop();
    });
  }

  start() {
    if (this.startedAt === null) this.startedAt = performance.now();
    this.element.hidden = false;
    this.render();
    if (this.interval === null) this.interval = setInterval(() => this.render(), 1000);
  }

  stop() {
    clearInterval(this.interval);
    this.interval = null;
  }

  render() {
    const text = formatDuration((performance.now() - this.startedAt) / 1000);
    if (this.element.textContent !== text) this.element.textContent = text;
  }
}
