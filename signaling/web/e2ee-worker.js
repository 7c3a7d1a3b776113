// The frame encryption of end-to-end encrypted group rooms, in a worker (docs/e2ee.md).
//
// Every encoded frame a sender produces is sealed with AES-GCM (128-bit key, 96-bit IV,
// 128-bit tag) under the sender's current frame key before it reaches the packetizer; every
// frame a receiver gets is opened with the key its trailer names. Frame layout, in the
// spirit of RFC 9605 (SFrame) and of Jitsi's and LiveKit's encoded-transform schemes:
//
//   clear prefix | AES-GCM ciphertext of the rest | GCM tag (16) | counter (4) | key id (1)
//
// - Clear prefix, authenticated as AAD: what the RTP packetizer and the SFU read.
//   VP8: the uncompressed data chunk of RFC 6386 section 9.1, 10 bytes for a key frame (3-byte
//   frame tag, start code, width and height) and 3 for an interframe (the frame tag); the
//   packetizer (RFC 7741 section 4.3) and the SFU's keyframe detection read its P bit.
//   Opus: the TOC byte (RFC 6716 section 3.1), as Jitsi keeps it.
// - counter: per page (one worker), never reused under a key; IV = 8 zero bytes | counter.
//   Each key is random and fresh (never derived from another), so (key, IV) never repeats.
// - key id: which of the sender's frame keys (0-255, incremented on every rotation).
//
// Fail closed: a sender with no key, or whose encryption throws, drops the frame (never
// passes it on in the clear); a receiver drops every frame it cannot authenticate and asks
// for a key frame (throttled) so that the picture comes back once the key is there. A sender
// none of whose frames opened for UNDECRYPTABLE_AFTER_MS is reported to the page, which says
// so on its tile (rather than "Camera is off"), and again once one opens.
//
// Replays: the SFU routes every packet, so it could send an authenticated frame again
// (words said a minute ago, played as if said now). A receiver opens each (sender's key,
// counter) once: it drops a frame whose counter it already opened under that key, or that
// is REPLAY_WINDOW or more behind the highest it opened (RFC 9605 section 9.3's window).
//
// Two ways frames reach this worker: RTCRtpScriptTransform (`rtctransform` events), or the
// older Chromium `createEncodedStreams()` streams posted in a `streams` message. Both carry
// the options {operation: 'encrypt'|'decrypt', kind: 'audio'|'video', id}.
// Messages in: {type: 'send-key', keyId, key} (raw bytes), {type: 'recv-key',
// participantId, keyId, key}, {type: 'forget', participantId}, {type: 'counters'} (answered
// with the frames encrypted, decrypted and dropped), {type: 'bind', id,
// participantId} (receiver `id` now carries that participant's media).
// Messages out: {type: 'counters', ...}, {type: 'undecryptable', participantId, failing}.

const TAG_BYTES = 16;
const TRAILER_BYTES = 5;
const KEEP_OLD_KEYS_MS = 5000;
const KEYFRAME_REQUEST_INTERVAL_MS = 500;
/** Counters a frame may lag the sender's newest one opened and still be taken: one page's
 * counter runs at ~175 frames/s (audio, three camera layers, a screen's two), so ~47 s, far
 * more than any frame waits in a jitter buffer or for retransmissions. */
const REPLAY_WINDOW = 8192;
/** A sender's frames failing to open for this long, none opening, is told to the page: longer
 * than a rotation's switch leaves a receiver without the new key (a few hundred ms). */
const UNDECRYPTABLE_AFTER_MS = 2000;

/** The sender's key: {keyId, key: CryptoKey} or null (no frame goes out). */
let sendKey = null;
let counter = 0;
/** The counters opened under one receive key (see "Replays" above). */
class ReplayWindow {
  constructor() {
    this.top = 0;
    /** @type {Set<number>} counters opened, none below top - REPLAY_WINDOW once pruned */
    this.seen = new Set();
  }

  /** Not opened before and not too old. */
  fresh(count) {
    return count > this.top - REPLAY_WINDOW && !this.seen.has(count);
  }

  mark(count) {
    this.seen.add(count);
    this.top = Math.max(this.top, count);
    if (this.seen.size > 2 * REPLAY_WINDOW) {
      for (const old of this.seen) if (old <= this.top - REPLAY_WINDOW) this.seen.delete(old);
    }
  }
}

/**
 * @type {Map<string, Map<number, {key: CryptoKey, opened: ReplayWindow}>>}
 * participant -> key id -> key and the counters it opened, oldest key first
 */
const recvKeys = new Map();
/** @type {Map<string, number>} participant -> key id last seen opening a frame */
const inUse = new Map();
/** @type {Map<number, string>} receiver transform id -> participant it carries */
const bindings = new Map();
const counters = { encrypted: 0, decrypted: 0, dropped: 0 };
/**
 * @type {Map<string, {failedSince: number|null, failing: boolean}>} participant -> since when
 * its frames fail to open (null: the last one opened), and whether the page was told
 */
const health = new Map();

/** A frame of `participantId` opened (`opened`) or could not be (no key, wrong key). */
function noteFrame(participantId, opened) {
  if (participantId === undefined) return;
  const now = performance.now();
  const state = health.get(participantId) ?? { failedSince: null, failing: false };
  health.set(participantId, state);
  state.failedSince = opened ? null : (state.failedSince ?? now);
  const failing = !opened && now - state.failedSince >= UNDECRYPTABLE_AFTER_MS;
  if (failing !== state.failing) {
    state.failing = failing;
    self.postMessage({ type: 'undecryptable', participantId, failing });
  }
}

function importKey(raw, usage) {
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, [usage]);
}

/** Bytes kept in clear (see the header): VP8 key frame 10, VP8 interframe 3, Opus 1. */
function clearBytes(data, kind) {
  if (kind === 'audio') return 1;
  return (data[0] & 0x01) === 0 ? 10 : 3; // RFC 6386 section 9.1: bit 0 is 0 for key frames
}

function iv(count) {
  const out = new Uint8Array(12);
  new DataView(out.buffer).setUint32(8, count);
  return out;
}

async function encrypt(frame, kind, controller) {
  const key = sendKey;
  if (key === null) {
    counters.dropped += 1;
    return;
  }
  const data = new Uint8Array(frame.data);
  const clear = Math.min(clearBytes(data, kind), data.length);
  counter = (counter + 1) >>> 0;
  const count = counter;
  const sealed = new Uint8Array(await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: iv(count), additionalData: data.subarray(0, clear) },
    key.key, data.subarray(clear)));
  const out = new Uint8Array(clear + sealed.length + TRAILER_BYTES);
  out.set(data.subarray(0, clear), 0);
  out.set(sealed, clear);
  const view = new DataView(out.buffer);
  view.setUint32(out.length - TRAILER_BYTES, count);
  out[out.length - 1] = key.keyId;
  frame.data = out.buffer;
  counters.encrypted += 1;
  controller.enqueue(frame);
}

async function decrypt(frame, kind, id, controller, askKeyframe) {
  const participantId = bindings.get(id);
  const data = new Uint8Array(frame.data);
  const clear = clearBytes(data, kind);
  const keys = participantId === undefined ? undefined : recvKeys.get(participantId);
  const keyId = data[data.length - 1];
  const entry = keys?.get(keyId);
  if (data.length < clear + TAG_BYTES + TRAILER_BYTES || entry === undefined) {
    counters.dropped += 1;
    noteFrame(participantId, false);
    askKeyframe();
    return;
  }
  const count = new DataView(data.buffer, data.byteOffset).getUint32(data.length - TRAILER_BYTES);
  if (!entry.opened.fresh(count)) {
    counters.dropped += 1; // a replay: not a missing key, so no key frame is asked for
    return;
  }
  let plain;
  try {
    plain = new Uint8Array(await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: iv(count), additionalData: data.subarray(0, clear) },
      entry.key, data.subarray(clear, data.length - TRAILER_BYTES)));
  } catch {
    counters.dropped += 1; // failed authentication: never shown, never decoded
    noteFrame(participantId, false);
    askKeyframe();
    return;
  }
  // Checked again once opened: the same frame may have been opened meanwhile.
  if (!entry.opened.fresh(count)) {
    counters.dropped += 1;
    return;
  }
  entry.opened.mark(count);
  const out = new Uint8Array(clear + plain.length);
  out.set(data.subarray(0, clear), 0);
  out.set(plain, clear);
  frame.data = out.buffer;
  counters.decrypted += 1;
  noteFrame(participantId, true);
  if (inUse.get(participantId) !== keyId) keyNowInUse(participantId, keyId);
  controller.enqueue(frame);
}

/** The sender moved to `keyId`: erase its older keys a few seconds later (frames in flight). */
function keyNowInUse(participantId, keyId) {
  inUse.set(participantId, keyId);
  setTimeout(() => {
    const keys = recvKeys.get(participantId);
    if (!keys || !keys.has(keyId) || inUse.get(participantId) !== keyId) return;
    for (const old of [...keys.keys()]) {
      if (old === keyId) break; // keys are in arrival order: the rest are newer
      keys.delete(old);
    }
  }, KEEP_OLD_KEYS_MS);
}

/** Run the frames of one sender or receiver through encryption or decryption. */
function pipe(readable, writable, options, transformer) {
  let lastRequest = 0;
  const askKeyframe = () => {
    const now = performance.now();
    if (!transformer?.sendKeyFrameRequest || now - lastRequest < KEYFRAME_REQUEST_INTERVAL_MS) {
      return;
    }
    lastRequest = now;
    transformer.sendKeyFrameRequest().catch(() => {});
  };
  const transform = options.operation === 'encrypt'
    ? (frame, controller) => encrypt(frame, options.kind, controller).catch(() => {
      counters.dropped += 1; // fail closed: the frame is not passed on
    })
    : (frame, controller) => decrypt(frame, options.kind, options.id, controller, askKeyframe);
  readable.pipeThrough(new TransformStream({ transform })).pipeTo(writable).catch(() => {});
}

self.addEventListener('rtctransform', (event) => {
  const { transformer } = event;
  pipe(transformer.readable, transformer.writable, transformer.options, transformer);
});

self.addEventListener('message', async ({ data: msg }) => {
  switch (msg.type) {
    case 'streams':
      pipe(msg.readable, msg.writable, msg.options, null);
      break;
    case 'send-key':
      // null: a new session without a key yet; frames are dropped until it has one.
      sendKey = msg.key ? { keyId: msg.keyId, key: await importKey(msg.key, 'encrypt') } : null;
      break;
    case 'recv-key': {
      const key = await importKey(msg.key, 'decrypt');
      if (!recvKeys.has(msg.participantId)) recvKeys.set(msg.participantId, new Map());
      const keys = recvKeys.get(msg.participantId);
      keys.delete(msg.keyId); // a reused id moves to the end (newest)
      keys.set(msg.keyId, { key, opened: new ReplayWindow() });
      break;
    }
    case 'forget':
      recvKeys.delete(msg.participantId);
      inUse.delete(msg.participantId);
      health.delete(msg.participantId);
      break;
    case 'bind':
      bindings.set(msg.id, msg.participantId);
      break;
    case 'counters':
      self.postMessage({ type: 'counters', ...counters });
      break;
    default:
      break;
  }
});
