// End-to-end encrypted group rooms, the page's side (docs/e2ee.md): key agreement, frame
// keys, rotation and the safety code. Frames are sealed and opened in e2ee-worker.js.
//
// The server is an untrusted mailbox. Each page makes an ephemeral ECDH P-256 key pair
// (WebCrypto; the private key cannot be exported) and announces the public key in `join`.
// Each sender draws a random AES-128 frame key and sends it to every other participant in
// an `e2ee-key` message, wrapped: ECDH shared secret -> HKDF-SHA-256 (salt "fjord e2ee v1",
// info: the two participant ids, sorted) -> AES-GCM-256 key; the frame key is sealed under
// it with a random IV, with "fjord-e2ee-v1|from|to|keyId" as AAD, so a relayed key cannot be
// replayed for another sender, recipient or key id. The server sees public keys and sealed
// blobs only.
//
// Rotation: when someone joins or leaves, every sender draws a new key (never derived from
// the old one), sends it to everyone present, and switches to it SWITCH_DELAY_MS later, so
// receivers hold it before the first frame needing it. A leaver never gets the new key; a
// joiner gets only keys made after it arrived. Receivers keep a sender's older keys for 5 s
// after its newer key opens a frame (e2ee-worker.js), then erase them.
//
// Safety code: SHA-256 of every participant's public key (sorted, one per line), shown as six
// groups of five digits. A server that substituted a key shows the pages different codes.

const SWITCH_DELAY_MS = 400;
const FRAME_KEY_BYTES = 16;
const WRAP_SALT = new TextEncoder().encode('fjord e2ee v1');
/** Digests of a sender's frame keys kept to refuse a key sent again (oldest dropped first):
 * a sender rotates once per join or leave, so 4,096 is far more than a meeting sees, and
 * bounds what a participant flooding key messages can make a page keep. */
const KEYS_REMEMBERED = 4096;
/** Recipients one `e2ee-keys` message names at most (the server's MAX_E2EE_KEYS). */
const KEYS_PER_MESSAGE = 900;

/**
 * Whether this browser can encrypt frames: RTCRtpScriptTransform, or Chromium's older
 * `createEncodedStreams()`.
 */
export function frameEncryptionSupported() {
  return typeof RTCRtpScriptTransform === 'function' || legacyStreams();
}

function legacyStreams() {
  return typeof RTCRtpSender !== 'undefined'
    && typeof RTCRtpSender.prototype.createEncodedStreams === 'function'
    && typeof RTCRtpReceiver.prototype.createEncodedStreams === 'function';
}

function base64url(bytes) {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

function hex(bytes) {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Six groups of five digits from the SHA-256 of the sorted public keys. */
export async function safetyCode(publicKeys) {
  const text = [...publicKeys].sort().join('\n');
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256',
    new TextEncoder().encode(text)));
  const groups = [];
  for (let i = 0; i < 6; i += 1) {
    let n = 0;
    for (const b of digest.subarray(i * 5, i * 5 + 5)) n = n * 256 + b;
    groups.push(String(n % 100000).padStart(5, '0'));
  }
  return groups.join(' ');
}

export class FrameEncryption {
  /** A new key pair; `publicKey` (base64url, raw point) goes in `join`. */
  static async create() {
    const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false,
      ['deriveBits']);
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    return new FrameEncryption(pair.privateKey, base64url(raw));
  }

  constructor(privateKey, publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.worker = new Worker('/assets/e2ee-worker.js');
    this.legacy = typeof RTCRtpScriptTransform !== 'function';
    this.nextTransformId = 1;
    /** @type {WeakMap<RTCRtpReceiver, number>} */
    this.receivers = new WeakMap();
    /**
     * Told when a participant's frames stop opening for a while (no key from it, or a wrong
     * one: `failing` true) and when one opens again (false).
     * @type {(participantId: string, failing: boolean) => void}
     */
    this.onUndecryptable = () => {};
    this.worker.addEventListener('message', ({ data }) => {
      if (data.type === 'undecryptable') this.onUndecryptable(data.participantId, data.failing);
    });
    this.reset();
  }

  /** Start over in a new session (after `joined`): no peers, no keys. */
  reset(selfId = null, send = () => false, sending = false) {
    for (const id of this.peers?.keys() ?? []) this.worker.postMessage({ type: 'forget', participantId: id });
    this.selfId = selfId;
    this.send = send;
    this.sending = sending;
    /** @type {Map<string, {publicKey: string, wrapKey: Promise<CryptoKey>,
     *   keysHad: Set<string>}>} `keysHad`: SHA-256 (hex) of each frame key it sent us */
    this.peers = new Map();
    this.keyId = -1;
    /** Rotations begun (this session or an earlier one). */
    this.rotations = (this.rotations ?? 0) + 1;
    /** The rotation whose key the page sends under: a switch to an older one is skipped. */
    this.rotationInUse = this.rotations;
    this.cancelSwitches();
    this.worker.postMessage({ type: 'send-key', keyId: 0, key: null });
  }

  /** The RTCPeerConnection configuration for the legacy streams API. */
  pcConfig(base) {
    return this.legacy ? { ...base, encodedInsertableStreams: true } : base;
  }

  attach(endpoint, options) {
    if (!this.legacy) {
      endpoint.transform = new RTCRtpScriptTransform(this.worker, options);
      return;
    }
    const { readable, writable } = endpoint.createEncodedStreams();
    this.worker.postMessage({ type: 'streams', readable, writable, options },
      [readable, writable]);
  }

  /** Encrypt everything `sender` sends; call before it sends anything (fail closed). */
  protectSender(sender, kind) {
    this.attach(sender, { operation: 'encrypt', kind, id: 0 });
  }

  /** `receiver` now carries `participantId`'s media (m-lines are reused by the SFU). */
  bindReceiver(receiver, kind, participantId) {
    let id = this.receivers.get(receiver);
    if (id === undefined) {
      id = this.nextTransformId;
      this.nextTransformId += 1;
      this.receivers.set(receiver, id);
      this.attach(receiver, { operation: 'decrypt', kind, id });
    }
    this.worker.postMessage({ type: 'bind', id, participantId });
  }

  /**
   * A participant with its announced public key. A key that is not a P-256 point leaves it
   * without a wrapping key (null): it gets no frame keys, and the others' rotations go on.
   */
  addPeer(id, publicKey) {
    if (id === this.selfId || typeof publicKey !== 'string' || this.peers.has(id)) return;
    const wrapKey = this.deriveWrapKey(id, publicKey).catch(() => null);
    this.peers.set(id, { publicKey, wrapKey, keysHad: new Set() });
  }

  removePeer(id) {
    if (!this.peers.delete(id)) return;
    this.worker.postMessage({ type: 'forget', participantId: id });
  }

  async deriveWrapKey(peerId, publicKey) {
    const theirs = await crypto.subtle.importKey('raw', fromBase64url(publicKey),
      { name: 'ECDH', namedCurve: 'P-256' }, false, []);
    const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: theirs },
      this.privateKey, 256);
    const hkdf = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
    const info = new TextEncoder().encode([this.selfId, peerId].sort().join('|'));
    return crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: WRAP_SALT, info },
      hkdf, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  }

  /**
   * Draw a new frame key, send it to everyone present, and switch to it (at once for the
   * first key, else after SWITCH_DELAY_MS). No-op for a page that sends no media.
   *
   * Rotations overlap when people come and go faster than keys are wrapped (a wrapping key
   * is derived for each newcomer first): an older one that finishes after a newer one began
   * gives up, and leaves the newer one's timer alone (cancelling it kept the page on its key
   * from before, one a participant who had just left held). A rotation that follows one whose
   * switch is still due leaves that switch alone too: keys only move forward, each at its own
   * time, so during a stream of joins less than SWITCH_DELAY_MS apart the page still moves on
   * every SWITCH_DELAY_MS (restarting the wait kept it on the key from before the stream,
   * which none of the newcomers could open, until the joins paused).
   */
  async rotate() {
    if (!this.sending) return;
    const first = this.keyId < 0;
    this.keyId = (this.keyId + 1) % 256;
    this.rotations += 1;
    const { keyId, rotations } = this;
    const key = crypto.getRandomValues(new Uint8Array(FRAME_KEY_BYTES));
    testHook()?.keys.push({ sender: this.selfId, keyId, key: hex(key) });
    const sealed = await Promise.all([...this.peers.keys()].map(
      async (to) => [to, await this.sealKey(to, keyId, key).catch(() => null)]));
    this.sendKeys(keyId, sealed.filter(([, blob]) => blob !== null));
    if (this.rotations !== rotations) return; // a newer rotation (or session) took over
    const use = () => {
      this.switchTimers.delete(timer);
      if (rotations > this.rotationInUse) {
        this.rotationInUse = rotations;
        this.worker.postMessage({ type: 'send-key', keyId, key: key.buffer }, [key.buffer]);
      }
    };
    const timer = first ? null : setTimeout(use, SWITCH_DELAY_MS);
    if (first) use();
    else this.switchTimers.add(timer);
  }

  /** Forget every switch still due (a new session, or the page leaving). */
  cancelSwitches() {
    for (const timer of this.switchTimers ?? []) clearTimeout(timer);
    /** @type {Set<number>} timers of the rotations whose switch is still due */
    this.switchTimers = new Set();
  }

  /** `key` sealed for participant `to` (base64url), or null: no wrapping key for it. */
  async sealKey(to, keyId, key) {
    const wrapKey = await this.peers.get(to)?.wrapKey;
    if (!wrapKey) return null;
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = new Uint8Array(await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: wrapAad(this.selfId, to, keyId) }, wrapKey, key));
    const out = new Uint8Array(iv.length + sealed.length);
    out.set(iv);
    out.set(sealed, iv.length);
    return base64url(out);
  }

  /**
   * One rotation's sealed keys (`[to, sealed]` pairs) in `e2ee-keys` messages, which the
   * server hands out as one `e2ee-key` per recipient: one message per rotation, where one
   * per recipient ran past the connection's message rate in rooms of a few dozen.
   */
  sendKeys(keyId, sealed) {
    for (let i = 0; i < sealed.length; i += KEYS_PER_MESSAGE) {
      const keys = Object.fromEntries(sealed.slice(i, i + KEYS_PER_MESSAGE));
      this.send({ type: 'e2ee-keys', keyId, keys });
    }
  }

  /**
   * An `e2ee-key` message: open it and give the key to the worker (bad ones are dropped).
   * A key its sender already gave us is refused: each is sent once, so it is the server
   * sending the message again, which would give the worker the key afresh, and with it a
   * new replay window in which every frame already played under it opens again.
   */
  async receiveKey(msg) {
    const peer = this.peers.get(msg.from);
    const wrapKey = await peer?.wrapKey;
    if (!wrapKey || typeof msg.sealed !== 'string' || !Number.isInteger(msg.keyId)) return false;
    try {
      const sealed = fromBase64url(msg.sealed);
      const key = new Uint8Array(await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: sealed.subarray(0, 12),
          additionalData: wrapAad(msg.from, this.selfId, msg.keyId) },
        wrapKey, sealed.subarray(12)));
      if (key.length !== FRAME_KEY_BYTES || this.peers.get(msg.from) !== peer) return false;
      const digest = hex(new Uint8Array(await crypto.subtle.digest('SHA-256', key)));
      if (peer.keysHad.has(digest)) return false;
      peer.keysHad.add(digest);
      if (peer.keysHad.size > KEYS_REMEMBERED) {
        peer.keysHad.delete(peer.keysHad.values().next().value);
      }
      testHook()?.keys.push({ sender: msg.from, keyId: msg.keyId, key: hex(key) });
      this.worker.postMessage({ type: 'recv-key', participantId: msg.from, keyId: msg.keyId,
        key: key.buffer }, [key.buffer]);
      return true;
    } catch {
      return false; // not sealed for us by that participant: ignored
    }
  }

  /** The safety code of everyone present (this page included). */
  safetyCode() {
    return safetyCode([this.publicKey, ...[...this.peers.values()].map((p) => p.publicKey)]);
  }

  /** Frames encrypted, decrypted and dropped so far, from the worker. */
  counters() {
    return new Promise((resolve) => {
      const onMessage = ({ data }) => {
        if (data.type !== 'counters') return;
        this.worker.removeEventListener('message', onMessage);
        resolve({ encrypted: data.encrypted, decrypted: data.decrypted, dropped: data.dropped });
      };
      this.worker.addEventListener('message', onMessage);
      this.worker.postMessage({ type: 'counters' });
    });
  }

  close() {
    this.cancelSwitches();
    this.worker.terminate();
  }
}

function wrapAad(from, to, keyId) {
  return new TextEncoder().encode(`fjord-e2ee-v1|${from}|${to}|${keyId}`);
}

/**
 * Tests only: a page whose test harness defined `window.fjordE2eeTestKeys` (an init script,
 * before the page's own) records there every frame key it made or received, so the test can
 * prove none reached the server. Pages in use have no such object and record nothing.
 */
function testHook() {
  const hook = globalThis.fjordE2eeTestKeys;
  return hook && Array.isArray(hook.keys) ? hook : null;
}
