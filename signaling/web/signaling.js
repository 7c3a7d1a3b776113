// The signaling WebSocket (protocol v1, docs/signaling.md) with reconnect and keep-alive.
//
// The socket knows nothing about rooms: it opens wss://<host>/v1/rooms/{room}/ws, hands
// every parsed JSON message to `onMessage`, and after an unexpected drop reconnects with
// exponential backoff (0.5 s doubling up to 10 s, +/-25 % jitter). `stop()` ends it for good.
// A WebSocket that closes before the server said anything (a network or proxy blocking
// WebSockets, whether or not the upgrade seemed to succeed) makes it fall back to HTTPS long-polling (polling.js) for the rest of the page's life.

import { PollingChannel } from './polling.js';

const PING_INTERVAL_MS = 20_000;
const PONG_TIMEOUT_MS = 10_000;
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 10_000;

/** The WebSocket URL of `roomName` on the server that served this page. */
export function roomSocketUrl(roomName, loc = window.location) {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}/v1/rooms/${encodeURIComponent(roomName)}/ws`;
}

/** The long-polling base URL for a WebSocket URL. */
function pollingUrl(wsUrl) {
  const url = new URL(wsUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.pathname = url.pathname.replace(/\/ws$/, '/poll');
  return url.toString();
}

export class SignalingSocket {
  /**
   * @param {string} url WebSocket URL
   * @param {{onOpen: () => void, onMessage: (msg: object) => void,
   *          onDrop: (willRetryInMs: number) => void}} handlers
   *   onOpen: the socket is open (send `join` now); onMessage: one server message;
   *   onDrop: the socket closed unexpectedly and will reconnect after the given delay.
   */
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.ws = null;
    this.stopped = false;
    this.attempt = 0;
    this.retryTimer = null;
    this.pingTimer = null;
    this.pongTimer = null;
    /** 'websocket' until a WebSocket fails to open, then 'polling'. */
    this.transport = 'websocket';
  }

  connect() {
    if (this.stopped) return;
    if (this.transport === 'polling') {
      this.connectPolling();
      return;
    }
    const ws = new WebSocket(this.url);
    this.ws = ws;
    let heard = false;
    ws.addEventListener('open', () => {
      if (ws !== this.ws) return;
      this.startKeepAlive();
      this.handlers.onOpen();
    });
    ws.addEventListener('message', (event) => {
      if (ws !== this.ws || typeof event.data !== 'string') return;
      heard = true;
      this.receive(event.data);
    });
    ws.addEventListener('close', () => {
      if (ws !== this.ws) return;
      this.stopKeepAlive();
      this.ws = null;
      if (this.stopped) return;
      if (!heard) {
        // Blocked before the server ever answered: use HTTPS long-polling from now on.
        this.transport = 'polling';
        this.connectPolling();
        return;
      }
      this.scheduleReconnect();
    });
  }

  connectPolling() {
    const channel = new PollingChannel(pollingUrl(this.url));
    this.ws = channel;
    channel.onopen = () => {
      if (channel !== this.ws) return;
      this.startKeepAlive();
      this.handlers.onOpen();
    };
    channel.onmessage = (text) => {
      if (channel === this.ws) this.receive(text);
    };
    channel.onclose = () => {
      if (channel !== this.ws) return;
      this.stopKeepAlive();
      this.ws = null;
      if (!this.stopped) this.scheduleReconnect();
    };
  }

  receive(text) {
    let msg;
    try {
      msg = JSON.parse(text);
    } catch {
      return; // the server only sends JSON objects; ignore anything else
    }
    if (msg && typeof msg === 'object' && typeof msg.type === 'string') {
      if (msg.type === 'pong') clearTimeout(this.pongTimer);
      this.handlers.onMessage(msg);
    }
  }

  scheduleReconnect() {
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** this.attempt);
    const delay = Math.round(base * (0.75 + Math.random() * 0.5));
    this.attempt += 1;
    this.handlers.onDrop(delay);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  /** The session is healthy again (the server said `joined`): reset the backoff. */
  markHealthy() {
    this.attempt = 0;
  }

  /** Send one message; returns false when the socket is not open (the message is dropped). */
  send(msg) {
    if (!this.ws) return false;
    if (this.ws instanceof PollingChannel) {
      if (!this.ws.sessionUrl) return false;
    } else if (this.ws.readyState !== WebSocket.OPEN) {
      return false;
    }
    this.ws.send(JSON.stringify(msg));
    return true;
  }

  /** Drop the connection and reconnect after the usual backoff (the session is broken). */
  restart() {
    if (this.ws instanceof PollingChannel) this.ws.fail();
    else this.ws?.close(4000, 'restart');
  }

  /** Close for good: no reconnect. */
  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.stopKeepAlive();
    if (this.ws) {
      const ws = this.ws;
      this.ws = null;
      ws.close(1000);
    }
  }

  startKeepAlive() {
    this.stopKeepAlive();
    this.pingTimer = setInterval(() => {
      if (!this.send({ type: 'ping' })) return;
      clearTimeout(this.pongTimer);
      // No pong in time: the connection is dead even if TCP has not noticed; drop it.
      this.pongTimer = setTimeout(() => this.ws?.close(4000), PONG_TIMEOUT_MS);
    }, PING_INTERVAL_MS);
  }

  stopKeepAlive() {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
  }
}
