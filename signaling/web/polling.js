// Signaling over HTTPS long-polling (docs/signaling.md, "Long-polling"), used when a
// network blocks WebSockets. It looks like a WebSocket to SignalingSocket: `onopen`,
// `onmessage(text)`, `onclose()`, `send(text)`, `close()`.
//
// One GET is always waiting for messages (resumed by cursor after a lost response); sends
// are batched, one POST in flight at a time, so the server sees them in order.

const MAX_BATCH = 20;

export class PollingChannel {
  /** @param {string} baseUrl https://<host>/v1/rooms/{room}/poll */
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.sessionUrl = null;
    this.cursor = 0;
    this.queue = [];
    this.sending = false;
    this.closed = false;
    this.abort = new AbortController();
    this.onopen = () => {};
    this.onmessage = () => {};
    this.onclose = () => {};
    this.start();
  }

  async start() {
    try {
      const resp = await fetch(this.baseUrl, { method: 'POST', signal: this.abort.signal });
      if (!resp.ok) throw new Error(`open ${resp.status}`);
      const body = await resp.json();
      this.sessionUrl = `${this.baseUrl}/${encodeURIComponent(body.sessionId)}`;
      this.cursor = body.cursor;
    } catch {
      this.fail();
      return;
    }
    if (this.closed) return;
    this.onopen();
    this.receiveLoop();
  }

  async receiveLoop() {
    let failures = 0;
    while (!this.closed) {
      let body;
      try {
        const resp = await fetch(`${this.sessionUrl}?cursor=${this.cursor}`,
          { signal: this.abort.signal, cache: 'no-store' });
        if (!resp.ok) throw new Error(`poll ${resp.status}`);
        body = await resp.json();
        failures = 0;
      } catch {
        failures += 1;
        // A lost response is resumed with the same cursor; give up after a few in a row.
        if (this.closed || failures >= 3) {
          this.fail();
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 500 * failures));
        continue;
      }
      this.cursor = body.cursor;
      for (const msg of body.messages) {
        if (this.closed) return;
        this.onmessage(JSON.stringify(msg));
      }
      if (body.closed) {
        this.fail();
        return;
      }
    }
  }

  send(text) {
    if (this.closed || !this.sessionUrl) return;
    this.queue.push(JSON.parse(text));
    this.flush();
  }

  async flush() {
    if (this.sending) return;
    this.sending = true;
    while (this.queue.length && !this.closed) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const resp = await fetch(`${this.sessionUrl}/send`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ messages: batch }),
          signal: this.abort.signal,
        });
        if (!resp.ok) throw new Error(`send ${resp.status}`);
      } catch {
        this.fail();
        break;
      }
    }
    this.sending = false;
  }

  fail() {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    this.onclose();
  }

  /** Close for good (a `leave` sent just before is flushed first when possible). */
  close() {
    if (this.closed) return;
    const pending = this.queue.length ? this.flush() : Promise.resolve();
    pending.finally(() => {
      this.closed = true;
      this.abort.abort();
    });
  }
}
