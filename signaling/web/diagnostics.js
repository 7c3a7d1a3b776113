// Meeting diagnostics (Whereby's callQualityMonitoring, on unless the link says off): polls
// getStats() of the page's RTCPeerConnections about once a second and hands each
// participant's figures (call-quality.js) to the view (diagnostics-view.js).
//
// Whose figures: a P2P room (mesh.js) has one connection per peer, so everything received on
// it is that peer's, and what is sent on it goes to that peer; a room on the SFU (group.js)
// has a publish connection (what this page sends: its own tile) and a subscribe connection,
// whose received tracks belong to the publisher whose stream the subscribe offer gave them
// (the msid mapping group.js keeps). The statistics stay in this page: nothing is sent to the
// server (docs: signaling/web/README.md, "Meeting diagnostics").
//
// Cheap: one getStats() per connection per round, a round only after the last one ended
// (and the longer it took, the later the next: BUSY_FACTOR), none while the page is hidden
// (visibilityState) and none after the page leaves the call; the reports kept per
// connection are bounded (WINDOW_REPORTS).

import { combineSent, readReport, receivedFigures, sentFigures } from './call-quality.js';
import { DiagnosticsView } from './diagnostics-view.js';

/** Time between two rounds of getStats(), at least. */
const POLL_MS = 1000;
/** A round that took longer (a room on the SFU with hundreds of received tracks) waits this
 * many times as long before the next: the diagnostics never take more than about a tenth of
 * the page's time, whatever the room's size. */
const BUSY_FACTOR = 10;
/** Reports kept per connection: rates are measured over the last WINDOW_REPORTS - 1 rounds
 * (about 4 s), steadier than over one second, still quick to show a change. */
const WINDOW_REPORTS = 5;

/** The page's phases (room.js) in which it has connections to read. */
const IN_CALL = new Set(['connecting', 'in-call', 'reconnecting']);

const $ = (id) => document.getElementById(id);

export class CallDiagnostics {
  /** @param {object} app the RoomApp (room.js): its engine, grid, participants, topology */
  constructor(app) {
    this.app = app;
    this.view = new DiagnosticsView({
      button: $('diagnostics-button'), panel: $('diagnostics'), title: $('diagnostics-title'),
      close: $('diagnostics-close'), topology: $('diagnostics-topology'),
      privacy: $('diagnostics-privacy'), list: $('diagnostics-list'), grid: app.grid,
    }, () => this.schedule(0));
    this.running = false;
    this.busy = false;
    this.timer = null;
    /** Rounds of getStats() done (window.fjord.diagnostics(), for tests). */
    this.rounds = 0;
    /** @type {Map<RTCPeerConnection, object[]>} the last reports (readReport), oldest first */
    this.history = new Map();
    this.onVisibility = () => {
      // Rates across the hidden time would average it in: start them again.
      if (document.visibilityState !== 'visible') this.history.clear();
      this.schedule(0);
    };
  }

  /** Poll while the page is in a call: from each `join` to `leave` (room.js emit). */
  follow() {
    this.app.listeners.add((type) => {
      if (type === 'join') this.start();
      else if (type === 'leave') this.stop();
    });
    return this;
  }

  start() {
    if (this.running) return;
    this.running = true;
    document.addEventListener('visibilitychange', this.onVisibility);
    this.schedule(0);
  }

  /** No timer, listener or report is left behind; the indicators and the panel go. */
  stop() {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = null;
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.history.clear();
    this.view.clear();
  }

  /** The next round in `delay` ms, unless one runs (it schedules the next when it ends),
   * the page is hidden or the call is over. */
  schedule(delay = POLL_MS) {
    clearTimeout(this.timer);
    this.timer = null;
    if (!this.running || this.busy || document.visibilityState !== 'visible') return;
    this.timer = setTimeout(() => this.round(), delay);
  }

  async round() {
    this.timer = null;
    if (!IN_CALL.has(this.app.phase)) {
      // Out of the call without a `leave` (a session that ended while reconnecting is not
      // told as one): stop here.
      this.stop();
      return;
    }
    this.busy = true;
    const started = performance.now();
    try {
      const rows = await this.measure();
      if (this.running) this.view.render(this.app.topology, rows);
    } catch (err) {
      console.warn('fjord: diagnostics: statistics not read', err && err.name);
    } finally {
      this.busy = false;
      this.rounds += 1;
    }
    this.schedule(Math.max(POLL_MS, BUSY_FACTOR * (performance.now() - started)));
  }

  /** One report of `pc` with the one WINDOW_REPORTS - 1 rounds before it (or the oldest
   * kept); null when the connection cannot report (closed meanwhile). */
  async sample(pc) {
    let report;
    try {
      report = readReport((await pc.getStats()).values());
    } catch {
      return null;
    }
    const kept = this.history.get(pc) ?? [];
    kept.push(report);
    if (kept.length > WINDOW_REPORTS) kept.shift();
    this.history.set(pc, kept);
    const before = kept.length > 1 ? kept[0] : null;
    const seconds = before && report.at !== null && before.at !== null
      ? (report.at - before.at) / 1000 : 0;
    return { report, before, seconds };
  }

  /** The figures of the own tile and of each remote tile, as the view's rows. */
  async measure() {
    const { engine, grid, participants } = this.app;
    const sources = engine ? engine.statsSources() : [];
    for (const pc of [...this.history.keys()]) {
      if (!sources.some((s) => s.pc === pc)) this.history.delete(pc);
    }
    const samples = await Promise.all(sources.map((s) => this.sample(s.pc)));
    const sent = [];
    /** @type {Map<string, {now: object[], before: object[], seconds: number,
     *   path: object|null, bitrateOut?: number|null}>} */
    const received = new Map();
    sources.forEach((source, i) => {
      const sample = samples[i];
      if (!sample) return;
      const { report, before, seconds } = sample;
      const out = report.outbound.length > 0 ? sentFigures({
        now: report.outbound, before: before?.outbound ?? [], seconds,
        remoteInbound: report.remoteInbound, path: report.path,
      }) : null;
      if (out) sent.push(out);
      for (const entry of report.inbound) {
        const owner = source.peerId ?? source.owners?.get(entry.trackIdentifier) ?? null;
        if (owner === null) continue;
        if (!received.has(owner)) {
          received.set(owner, { now: [], before: before?.inbound ?? [], seconds,
            path: report.path });
        }
        received.get(owner).now.push(entry);
      }
      // P2P: what goes to this peer is its row's "Sent".
      if (source.peerId) {
        if (!received.has(source.peerId)) {
          received.set(source.peerId, { now: [], before: [], seconds, path: report.path });
        }
        received.get(source.peerId).bitrateOut = out ? out.bitrateOut : null;
      }
    });
    const rows = [];
    if (grid.tiles.has('self')) {
      // One transport to the SFU (its path shown), or one per peer (each peer's row shows
      // its path and what goes to it; the own row adds them up).
      const p2p = sources.some((s) => s.peerId);
      rows.push({ id: 'self', name: this.app.displayName, self: true,
        figures: !p2p && sent.length === 1 ? sent[0] : combineSent(sent) });
    }
    const screens = engine ? engine.screenTrackIds() : new Set();
    for (const id of grid.tiles.keys()) {
      if (id === 'self' || id.endsWith(':screen')) continue;
      const input = received.get(id) ?? { now: [], before: [], seconds: 0, path: null };
      const figures = receivedFigures({ ...input, screenTracks: screens });
      if ('bitrateOut' in input) figures.bitrateOut = input.bitrateOut;
      rows.push({ id, name: participants.byId.get(id)?.displayName ?? '', self: false, figures });
    }
    return rows;
  }
}
