// Meeting diagnostics (Whereby's callQualityMonitoring): turns WebRTC statistics
// (RTCPeerConnection.getStats(), W3C webrtc-stats) into the figures the diagnostics panel
// shows and the quality level each tile's indicator shows. Pure: plain stats objects in,
// plain objects out; no DOM, timers or RTCPeerConnection (diagnostics.js polls, and
// diagnostics-view.js shows). Nothing here leaves the browser.
//
// Rates (bitrate, packet loss) are measured between two reports of the same transport, the
// older one up to a few seconds old (diagnostics.js keeps them), so that one late packet
// does not flip a tile's level.

/**
 * Where each figure turns a tile's level from good to fair, and from fair to poor (a value
 * at or above the bound). Why these:
 * - packet loss: Opus's in-band FEC and the video's NACK retransmissions hide a loss of a
 *   percent or two; from about 8 % speech breaks up and video freezes between key frames.
 * - round-trip time: ITU-T G.114 finds a one-way delay under 150 ms unnoticed and over
 *   400 ms unacceptable in conversation. The network's round trip is only part of the
 *   mouth-to-ear delay (capture, encoding, the jitter buffer and decoding add 100 ms or
 *   more), so 300 ms (150 ms each way) starts fair and 600 ms poor.
 * - jitter: the receiver's jitter buffer absorbs it by delaying playout by about as much;
 *   30 ms goes unnoticed, from 75 ms the added delay and late packets are heard. The audio's
 *   jitter only: a video frame's packets leave paced over several milliseconds, all with
 *   the frame's timestamp, which the receiver counts as jitter (tens of ms on a quiet
 *   loopback), and a paused simulcast layer's last report stays (hundreds of ms).
 */
export const THRESHOLDS = Object.freeze({
  lossPct: Object.freeze({ fair: 2, poor: 8 }),
  rttMs: Object.freeze({ fair: 300, poor: 600 }),
  jitterMs: Object.freeze({ fair: 30, poor: 75 }),
});

/** qualityLimitationReason values that say the sent video is held back (at least fair). */
const LIMITED = new Set(['bandwidth', 'cpu']);
const RANK = { good: 0, fair: 1, poor: 2 };

const num = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const ms = (seconds) => (num(seconds) === null ? null : seconds * 1000);

/**
 * The quality level of a set of figures: the worst of each figure's level (THRESHOLDS), and
 * fair at least while the sent video is limited by bandwidth or CPU. A figure that is null
 * (not measured) does not count.
 * @param {{lossPct?: number|null, rttMs?: number|null, jitterMs?: number|null,
 *   limitation?: string|null}} figures
 * @returns {{level: 'good'|'fair'|'poor'|null, causes: string[]}} level null when nothing
 *   was measured; causes: the figures that set the level when it is not good (`lossPct`,
 *   `rttMs`, `jitterMs`, `limitation`)
 */
export function qualityOf(figures) {
  let level = null;
  let causes = [];
  const raise = (to, cause) => {
    if (level === null || RANK[to] > RANK[level]) {
      level = to;
      causes = to === 'good' ? [] : [cause];
    } else if (to === level && to !== 'good') {
      causes.push(cause);
    }
  };
  for (const [name, bounds] of Object.entries(THRESHOLDS)) {
    const value = num(figures[name]);
    if (value === null) continue;
    if (value >= bounds.poor) raise('poor', name);
    else if (value >= bounds.fair) raise('fair', name);
    else raise('good', name);
  }
  if (LIMITED.has(figures.limitation)) raise('fair', 'limitation');
  return { level, causes };
}

/**
 * The parts of one getStats() report the figures need.
 * @param {Iterable<object>} stats the report's stats objects (`report.values()`)
 * @returns {{at: number|null, inbound: object[], outbound: object[], remoteInbound: object[],
 *   path: {local: string|null, remote: string|null, relayProtocol: string|null,
 *   rttMs: number|null}|null}} `at`: the report's time (ms); `path`: the selected ICE
 *   candidate pair (its candidates' types: host, srflx, prflx or relay)
 */
export function readReport(stats) {
  const byId = new Map();
  let at = null;
  for (const s of stats) {
    if (!s || typeof s.id !== 'string') continue;
    byId.set(s.id, s);
    if (num(s.timestamp) !== null) at = Math.max(at ?? s.timestamp, s.timestamp);
  }
  const codec = (s) => {
    const mime = byId.get(s.codecId)?.mimeType;
    return typeof mime === 'string' ? mime.slice(mime.indexOf('/') + 1) : null;
  };
  const video = (s) => ({
    width: num(s.frameWidth), height: num(s.frameHeight), fps: num(s.framesPerSecond),
  });
  const inbound = [];
  const outbound = [];
  const remoteInbound = [];
  for (const s of byId.values()) {
    if (s.type === 'inbound-rtp') {
      inbound.push({
        id: s.id, kind: s.kind, trackIdentifier: s.trackIdentifier ?? null,
        bytes: num(s.bytesReceived) ?? 0, packets: num(s.packetsReceived) ?? 0,
        lost: Math.max(0, num(s.packetsLost) ?? 0), jitterMs: ms(s.jitter),
        codec: codec(s), ...video(s),
      });
    } else if (s.type === 'outbound-rtp') {
      outbound.push({
        id: s.id, kind: s.kind, bytes: num(s.bytesSent) ?? 0, packets: num(s.packetsSent) ?? 0,
        limitation: typeof s.qualityLimitationReason === 'string'
          && s.qualityLimitationReason !== 'none' ? s.qualityLimitationReason : null,
        codec: codec(s), ...video(s),
      });
    } else if (s.type === 'remote-inbound-rtp') {
      const fraction = num(s.fractionLost);
      remoteInbound.push({
        id: s.id, kind: s.kind, localId: s.localId ?? null,
        lossPct: fraction === null ? null : fraction * 100,
        rttMs: ms(s.roundTripTime), jitterMs: ms(s.jitter),
      });
    }
  }
  return { at, inbound, outbound, remoteInbound, path: selectedPath(byId) };
}

/** The selected candidate pair of a report (Chromium names it on the transport, Firefox
 * marks it `selected`), else a nominated pair that succeeded; null while there is none. */
function selectedPath(byId) {
  let pair = null;
  for (const s of byId.values()) {
    if (s.type === 'transport' && byId.has(s.selectedCandidatePairId)) {
      pair = byId.get(s.selectedCandidatePairId);
      break;
    }
  }
  const pairs = [...byId.values()].filter((s) => s.type === 'candidate-pair');
  pair ??= pairs.find((s) => s.selected === true)
    ?? pairs.find((s) => s.nominated && s.state === 'succeeded') ?? null;
  if (!pair) return null;
  const local = byId.get(pair.localCandidateId);
  const remote = byId.get(pair.remoteCandidateId);
  return {
    local: local?.candidateType ?? null,
    remote: remote?.candidateType ?? null,
    relayProtocol: local?.candidateType === 'relay' ? (local.relayProtocol ?? null) : null,
    rttMs: ms(pair.currentRoundTripTime),
  };
}

/** Sums of `field` over `now`'s entries that `before` has too (by id): what changed between
 * the two reports; null when none is in both. */
function delta(now, before, field) {
  const old = new Map(before.map((e) => [e.id, e]));
  let sum = null;
  for (const e of now) {
    const was = old.get(e.id);
    if (was) sum = (sum ?? 0) + Math.max(0, e[field] - was[field]);
  }
  return sum;
}

/** The ids of `now`'s entries that sent something since `before` (all when `before` has
 * none of them yet): a paused simulcast layer's receiver report is old news. */
function sending(now, before) {
  const old = new Map(before.map((e) => [e.id, e]));
  return new Set(now.filter((e) => !old.has(e.id) || e.bytes > old.get(e.id).bytes)
    .map((e) => e.id));
}

const audioOnly = (entries) => entries.filter((e) => e.kind === 'audio');

const maxOf = (values) => {
  const known = values.map(num).filter((v) => v !== null);
  return known.length > 0 ? Math.max(...known) : null;
};

/** The largest video of `entries` (a camera's simulcast layers: the highest one sent), as
 * {width, height, fps}; null when none has a size. */
function largestVideo(entries) {
  const sized = entries.filter((e) => e.kind === 'video' && e.width && e.height);
  if (sized.length === 0) return null;
  const best = sized.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
  return { width: best.width, height: best.height, fps: best.fps };
}

/** The codecs of `entries`, video first (`['VP8', 'opus']`). */
function codecsOf(entries) {
  const order = (e) => (e.kind === 'video' ? 0 : 1);
  const names = [...entries].sort((a, b) => order(a) - order(b)).map((e) => e.codec);
  return [...new Set(names.filter((c) => c))];
}

/** kbit/s from a byte count over `seconds` (null: not measured). */
const kbits = (bytes, seconds) => (bytes === null || !(seconds > 0) ? null
  : (bytes * 8) / seconds / 1000);

/**
 * What this page receives from one participant: `now` and `before`, the inbound-rtp
 * entries (readReport) of that participant's tracks in the newest report and in one
 * `seconds` earlier (empty: none yet).
 * @param {{now: object[], before: object[], seconds: number, path: object|null,
 *   screenTracks?: Set<string>}} input `path`: the transport's selected pair (readReport);
 *   `screenTracks`: ids of that participant's shared-screen tracks, whose video is not the
 *   video shown as received (the camera's is)
 * @returns {{bitrateIn: number|null, lossPct: number|null, rttMs: number|null,
 *   jitterMs: number|null, video: object|null, codecs: string[], path: object|null,
 *   quality: {level: string|null, causes: string[]}}} kbit/s, %, ms; lossPct: packets lost
 *   of those expected in the interval; jitterMs: its audio's (THRESHOLDS)
 */
export function receivedFigures({ now, before, seconds, path, screenTracks = new Set() }) {
  const received = delta(now, before, 'packets');
  const lost = delta(now, before, 'lost');
  const expected = (received ?? 0) + (lost ?? 0);
  const figures = {
    bitrateIn: kbits(delta(now, before, 'bytes'), seconds),
    lossPct: expected > 0 ? (100 * lost) / expected : null,
    rttMs: path?.rttMs ?? null,
    jitterMs: maxOf(audioOnly(now).map((e) => e.jitterMs)),
    video: largestVideo(now.filter((e) => !screenTracks.has(e.trackIdentifier))),
    codecs: codecsOf(now),
    path: path ?? null,
  };
  return { ...figures, quality: qualityOf(figures) };
}

/**
 * What this page sends on one transport: `now` and `before`, the outbound-rtp entries
 * (readReport) of the newest report and of one `seconds` earlier; `remoteInbound`, the
 * newest remote-inbound-rtp entries (what the receiver, a peer or the SFU, reports of our
 * streams in RTCP receiver reports).
 * @param {{now: object[], before: object[], seconds: number, remoteInbound: object[],
 *   path: object|null}} input
 * @returns {{bitrateOut: number|null, lossPct: number|null, rttMs: number|null,
 *   jitterMs: number|null, video: object|null, codecs: string[], limitation: string|null,
 *   path: object|null, quality: {level: string|null, causes: string[]}}} lossPct: the
 *   largest fraction lost the receiver reports of the streams still sent; rttMs: the
 *   selected pair's, else the receiver reports'; jitterMs: of the audio (THRESHOLDS)
 */
export function sentFigures({ now, before, seconds, remoteInbound, path }) {
  const live = sending(now, before);
  const reports = remoteInbound.filter((r) => r.localId === null || live.has(r.localId));
  const figures = {
    bitrateOut: kbits(delta(now, before, 'bytes'), seconds),
    lossPct: maxOf(reports.map((r) => r.lossPct)),
    rttMs: path?.rttMs ?? maxOf(reports.map((r) => r.rttMs)),
    jitterMs: maxOf(audioOnly(reports).map((r) => r.jitterMs)),
    video: largestVideo(now.filter((e) => live.has(e.id))),
    codecs: codecsOf(now),
    limitation: now.find((e) => e.kind === 'video' && e.limitation)?.limitation ?? null,
    path: path ?? null,
  };
  return { ...figures, quality: qualityOf(figures) };
}

/**
 * What this page sends over several transports (a P2P room's one per peer): the bitrates
 * added up, the worst loss, round trip and jitter, the largest video, a limitation if any
 * transport has one; no `path` (each peer's row shows its own).
 * @param {ReturnType<typeof sentFigures>[]} parts
 */
export function combineSent(parts) {
  const rates = parts.map((p) => p.bitrateOut).filter((r) => r !== null);
  const figures = {
    bitrateOut: rates.length > 0 ? rates.reduce((a, b) => a + b, 0) : null,
    lossPct: maxOf(parts.map((p) => p.lossPct)),
    rttMs: maxOf(parts.map((p) => p.rttMs)),
    jitterMs: maxOf(parts.map((p) => p.jitterMs)),
    video: largestVideo(parts.map((p) => p.video).filter((v) => v)
      .map((v) => ({ kind: 'video', ...v }))),
    codecs: [...new Set(parts.flatMap((p) => p.codecs))],
    limitation: parts.find((p) => p.limitation)?.limitation ?? null,
  };
  return { ...figures, quality: qualityOf(figures) };
}
