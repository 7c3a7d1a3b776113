// A group room (topology "sfu"): one send-only publish transport and one receive-only
// subscribe transport (docs/signaling.md, "Group rooms").
//
// Publish: we offer (camera + microphone transceivers), the SFU answers (`publish-answer`).
// Sharing the screen adds a third, video transceiver (two simulcast encodings) in the
// screen's own stream and offers again on the same transport (renegotiation); stopping it
// leaves the transceiver without a track, so sharing again is a `replaceTrack`. Publish
// offers go one at a time.
// Subscribe: the SFU offers (`subscribe-offer`, again on every change) and we answer
// (`subscribe-answer`). No trickle: the SFU is ICE-lite, its SDP carries its candidate and
// it learns our address from our STUN checks. Each received stream's id (msid) is the
// publisher's participant id for its camera and microphone, and `<participantId>.<n>` for
// a further stream of that publisher (its screen): the part before the first `.` keys the
// tiles.
//
// Received streams are built from the subscribe offer's SDP (`syncStreams`), not from
// `track` events: the SFU reuses a departed publisher's m-line (same mid and SSRCs) for the
// next one, and a receiver that keeps receiving fires no `track` event when only its msid
// changes. A freed m-line keeps its last msid until reused; streams of participants that
// left are ignored.
//
// Media recovery: on `media_lost` (the SFU closed our transport, or its node died and the
// server re-joined us on a live one) `restart()` closes both transports and publishes again;
// the server's next `subscribe-offer` creates the new subscribe transport. Offers queued
// before the restart belong to the lost transport and are skipped (`epoch`).
//
// End-to-end encrypted rooms (e2ee.js): every sender gets its encrypting transform before
// the first offer, so no frame leaves unencrypted; every receiver is bound to the publisher
// its m-line carries whenever an offer maps it (again when the SFU reuses the m-line).

const PUBLISH_ANSWER_TIMEOUT_MS = 15000;

// Simulcast (RFC 8853): the camera goes out as three VP8 encodings, lowest first, so the SFU
// can send each subscriber the one that suits it. Chromium sends all three only from about
// 960x540 up, so the camera is asked for 1280x720 (ideal) before publishing.
export const CAMERA_ENCODINGS = [
  { rid: 'q', scaleResolutionDownBy: 4 },
  { rid: 'h', scaleResolutionDownBy: 2 },
  { rid: 'f', scaleResolutionDownBy: 1 },
];
const SIMULCAST_CAPTURE = { width: { ideal: 1280 }, height: { ideal: 720 } };
// A shared screen goes out as two encodings, both at its full resolution (text must stay
// readable): the low one at 5 frames/s and 300 kbit/s at most, what a subscriber on a slow
// link gets instead of a paused screen, and the full one. libwebrtc's own screen share
// simulcast has the same shape (a 5 frames/s full-size base layer, 200 kbit/s target).
const SCREEN_ENCODINGS = [
  { rid: 'l', scaleResolutionDownBy: 1, maxFramerate: 5, maxBitrate: 300000 },
  { rid: 'f', scaleResolutionDownBy: 1 },
];

/**
 * The tracks each m-line of an SDP sends to us: `[{mid, streamId}]` for every m-section
 * whose direction is sendonly or sendrecv and that names a stream (`a=msid`).
 */
export function sentStreams(sdp) {
  const out = [];
  for (const section of sdp.split(/\r?\nm=/).slice(1)) {
    const mid = /\r?\na=mid:(\S+)/.exec(section);
    const msid = /\r?\na=msid:(\S+)/.exec(section);
    const sending = /\r?\na=(sendonly|sendrecv)\b/.test(section);
    if (mid && msid && sending) out.push({ mid: mid[1], streamId: msid[1] });
  }
  return out;
}

/**
 * Dynacast (`send-encodings`, docs/signaling.md): set `active` of the simulcast encodings of
 * `pc`'s sender on m-line `mid` as the SFU asks (`encodings`: `[{rid, active}]`) with
 * `RTCRtpSender.setParameters`. Resolves false, changing nothing, when `mid` is not one of
 * `pc`'s transceivers or an entry is malformed or names a rid its sender does not send.
 */
export async function applySendEncodings(pc, mid, encodings) {
  if (typeof mid !== 'string' || !Array.isArray(encodings)) return false;
  const transceiver = pc.getTransceivers().find((t) => t.mid === mid);
  if (!transceiver) return false;
  const params = transceiver.sender.getParameters();
  const byRid = new Map((params.encodings ?? []).map((e) => [e.rid, e]));
  const valid = encodings.every((e) => e && typeof e.rid === 'string'
    && typeof e.active === 'boolean' && byRid.has(e.rid));
  if (!valid) return false;
  let changed = false;
  for (const { rid, active } of encodings) {
    const encoding = byRid.get(rid);
    if (encoding.active !== active) {
      encoding.active = active;
      changed = true;
    }
  }
  if (changed) await transceiver.sender.setParameters(params);
  return true;
}

/**
 * The tracks of `offer` this browser refused in its `answer` because it cannot decode their
 * codec (the m-section rejected with port 0, or answered without the offered payload type):
 * `[{mid, streamId, kind, codec}]`, `codec` as in a=rtpmap (e.g. `H264`). The SFU does not
 * transcode, so such a track shows a notice instead of a tile that stays black.
 */
export function refusedTracks(offer, answer) {
  const answered = new Map();
  for (const section of answer.split(/\r?\nm=/).slice(1)) {
    const mid = /\r?\na=mid:(\S+)/.exec(section);
    const [port, , ...formats] = section.split(/\r?\n/)[0].split(' ').slice(1);
    if (mid) answered.set(mid[1], port === '0' ? [] : formats);
  }
  const out = [];
  const sent = new Map(sentStreams(offer).map((s) => [s.mid, s.streamId]));
  for (const section of offer.split(/\r?\nm=/).slice(1)) {
    const mid = /\r?\na=mid:(\S+)/.exec(section)?.[1];
    const [kind, , , first] = section.split(/\r?\n/)[0].split(' ');
    const formats = answered.get(mid);
    if (!sent.has(mid) || formats === undefined || formats.includes(first)) continue;
    const rtpmap = new RegExp(`\\r?\\na=rtpmap:${first} ([^/\\s]+)`).exec(section);
    out.push({ mid, streamId: sent.get(mid), kind, codec: rtpmap ? rtpmap[1] : first });
  }
  return out;
}

/** `[participantId, extra]` of a received stream id; `extra` is null for the main stream. */
export function splitStreamId(id) {
  const dot = id.indexOf('.');
  return dot < 0 ? [id, null] : [id.slice(0, dot), id.slice(dot + 1)];
}

export class SfuSession {
  /**
   * @param {{joined: object, media: import('./media.js').LocalMedia, publish: boolean,
   *          send: (msg: object) => boolean,
   *          onStream: (participantId: string, stream: MediaStream) => void,
   *          onStreamGone: (participantId: string) => void,
   *          onScreen: (participantId: string, stream: MediaStream, streamId: string) => void,
   *          onScreenGone: (participantId: string) => void,
   *          onUnplayable?: (participantId: string, codec: string|null) => void,
   *          onError: (code: string) => void,
   *          e2ee?: import('./e2ee.js').FrameEncryption|null}} options
   */
  constructor({ joined, media, publish, send, onStream, onStreamGone, onScreen, onScreenGone,
    onUnplayable, onError, e2ee = null }) {
    this.e2ee = e2ee;
    const rtcConfig = {
      iceServers: Array.isArray(joined.iceServers) ? joined.iceServers : [],
      iceTransportPolicy: joined.iceTransportPolicy === 'relay' ? 'relay' : 'all',
      bundlePolicy: 'max-bundle',
      rtcpMuxPolicy: 'require',
    };
    this.rtcConfig = e2ee ? e2ee.pcConfig(rtcConfig) : rtcConfig;
    this.media = media;
    this.publishing = publish;
    this.send = send;
    this.onStream = onStream;
    this.onStreamGone = onStreamGone;
    this.onScreen = onScreen ?? (() => {});
    this.onScreenGone = onScreenGone ?? (() => {});
    /** Told, after each answer, which publishers' camera video this browser cannot decode
     * (the codec's name) and which it now can (null). */
    this.onUnplayable = onUnplayable ?? (() => {});
    this.onError = onError;
    this.closed = false;
    /** @type {RTCPeerConnection|null} */
    this.publishPc = null;
    /** @type {RTCPeerConnection|null} */
    this.subscribePc = null;
    /** @type {{audio?: RTCRtpSender, video?: RTCRtpSender, screen?: RTCRtpSender}} */
    this.senders = {};
    /** @type {Map<string, MediaStream>} remote streams by stream id */
    this.streams = new Map();
    /** Participants that left: a freed m-line still names their stream until reused. */
    this.gone = new Set();
    this.subscribeQueue = Promise.resolve();
    this.publishQueue = Promise.resolve();
    /** `send-encodings` changes, applied one at a time (setParameters is a transaction). */
    this.encodingsQueue = Promise.resolve();
    /** @type {(() => void)|null} resolves the publish offer waiting for its answer */
    this.publishAnswered = null;
    /** Incremented by restart(): work queued for older transports is dropped. */
    this.epoch = 0;
    /** Restarts done (media recoveries). */
    this.restarts = 0;
    this.unsubscribe = media.onTrackChange((kind, track) => {
      if (this.closed) return;
      if (kind === 'screen') {
        this.shareScreen(track);
        return;
      }
      const sender = this.senders[kind];
      if (kind === 'video' && track) track.applyConstraints(SIMULCAST_CAPTURE).catch(() => {});
      if (sender) sender.replaceTrack(track).catch(() => {});
    });
  }

  /** Create the publish transport and send `publish` (no-op for viewers). */
  async start() {
    if (!this.publishing) return;
    const pc = new RTCPeerConnection(this.rtcConfig);
    this.publishPc = pc;
    this.watchFailure(pc);
    await this.media.track('video')?.applyConstraints(SIMULCAST_CAPTURE).catch(() => {});
    for (const kind of ['audio', 'video']) {
      const transceiver = pc.addTransceiver(this.media.track(kind) ?? kind, {
        direction: 'sendonly',
        streams: [this.media.stream],
        ...(kind === 'video' ? { sendEncodings: CAMERA_ENCODINGS } : {}),
      });
      this.e2ee?.protectSender(transceiver.sender, kind);
      this.senders[kind] = transceiver.sender;
    }
    if (this.media.screenTrack) this.addScreenTransceiver(pc, this.media.screenTrack);
    await this.negotiatePublish(pc);
  }

  addScreenTransceiver(pc, track) {
    const transceiver = pc.addTransceiver(track, {
      direction: 'sendonly',
      streams: [this.media.screenStream],
      sendEncodings: SCREEN_ENCODINGS,
    });
    this.e2ee?.protectSender(transceiver.sender, 'video');
    this.senders.screen = transceiver.sender;
  }

  /** The local screen track changed (null: sharing stopped). */
  shareScreen(track) {
    const pc = this.publishPc;
    if (!this.publishing || !pc) return;
    if (this.senders.screen) {
      this.senders.screen.replaceTrack(track).catch(() => {});
    } else if (track) {
      this.addScreenTransceiver(pc, track);
      this.negotiatePublish(pc).catch(() => {
        if (!this.closed) this.onError('publish_failed');
      });
    }
  }

  /** Offer the publish transport's current transceivers, one offer at a time. */
  negotiatePublish(pc) {
    const run = async () => {
      if (this.closed || pc !== this.publishPc) return;
      await pc.setLocalDescription();
      if (this.closed || pc !== this.publishPc) return;
      const answered = new Promise((resolve) => {
        this.publishAnswered = resolve;
        setTimeout(resolve, PUBLISH_ANSWER_TIMEOUT_MS);
      });
      this.send({ type: 'publish', sdp: pc.localDescription.sdp });
      await answered;
    };
    const next = this.publishQueue.then(run);
    this.publishQueue = next.catch(() => {});
    return next;
  }

  /** Apply the SFU's answer to our publish offer. */
  async acceptPublishAnswer(sdp) {
    const pc = this.publishPc;
    const done = this.publishAnswered;
    this.publishAnswered = null;
    if (!pc || pc.signalingState !== 'have-local-offer') {
      done?.();
      return;
    }
    try {
      await pc.setRemoteDescription({ type: 'answer', sdp });
    } catch (err) {
      if (!this.closed) this.onError('publish_failed');
    } finally {
      done?.();
    }
  }

  /**
   * The SFU's `send-encodings` (dynacast): pause or resume our simulcast encodings of m-line
   * `mid` on the publish transport. A message naming no sender of ours is ignored (logged).
   */
  setSendEncodings(mid, encodings) {
    const pc = this.publishPc;
    if (!pc) return;
    this.encodingsQueue = this.encodingsQueue
      .then(() => (pc === this.publishPc ? applySendEncodings(pc, mid, encodings) : true))
      .then((ok) => {
        if (!ok) console.warn('fjord: send-encodings names no sender of ours; ignored');
      })
      .catch(() => {});
  }

  /** Apply a `subscribe-offer` and answer it; offers are applied one at a time, in order. */
  acceptSubscribeOffer(sdp) {
    const epoch = this.epoch;
    this.subscribeQueue = this.subscribeQueue
      .then(() => this.applySubscribeOffer(sdp, epoch))
      .catch(() => {
        if (!this.closed) this.onError('subscribe_failed');
      });
  }

  /** The participant left: drop its streams. */
  removePublisher(participantId) {
    this.gone.add(participantId);
    for (const [id, stream] of [...this.streams]) {
      if (splitStreamId(id)[0] === participantId) this.dropStream(id, stream);
    }
  }

  dropStream(id, stream) {
    if (this.streams.get(id) !== stream) return;
    this.streams.delete(id);
    const [publisherId, extra] = splitStreamId(id);
    if (extra === null) this.onStreamGone(publisherId);
    else this.onScreenGone(publisherId);
  }

  /**
   * The server said `media_lost`: drop both transports and the remote streams (tiles stay,
   * showing names until media is back), then publish again on a new transport.
   */
  async restart() {
    if (this.closed) return;
    this.epoch += 1;
    this.restarts += 1;
    this.publishPc?.close();
    this.subscribePc?.close();
    this.publishPc = null;
    this.subscribePc = null;
    this.senders = {};
    this.publishAnswered?.();
    this.publishAnswered = null;
    this.subscribeQueue = Promise.resolve();
    for (const [id, stream] of [...this.streams]) this.dropStream(id, stream);
    await this.start();
  }

  close() {
    this.closed = true;
    this.unsubscribe();
    this.publishPc?.close();
    this.subscribePc?.close();
    this.publishAnswered?.();
    this.streams.clear();
  }

  /** @returns {RTCPeerConnection[]} */
  peerConnections() {
    return [this.publishPc, this.subscribePc].filter((pc) => pc !== null);
  }

  /**
   * Meeting diagnostics (diagnostics.js): the publish transport (what this page sends) and
   * the subscribe transport with the publisher of each received track (`owners`: track id
   * -> participant id, from the offers' msids).
   */
  statsSources() {
    const owners = new Map();
    for (const [id, stream] of this.streams) {
      for (const track of stream.getTracks()) owners.set(track.id, splitStreamId(id)[0]);
    }
    const sources = [];
    if (this.publishPc) sources.push({ pc: this.publishPc, peerId: null });
    if (this.subscribePc) sources.push({ pc: this.subscribePc, peerId: null, owners });
    return sources;
  }

  /** Ids of the received shared-screen tracks (diagnostics: not the camera's video). */
  screenTrackIds() {
    return new Set([...this.streams].filter(([id]) => splitStreamId(id)[1] !== null)
      .flatMap(([, stream]) => stream.getTracks().map((t) => t.id)));
  }

  /** A transport the SFU closed (consent or DTLS timeout) cannot recover: report it. */
  watchFailure(pc) {
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'failed' && !this.closed && this.peerConnections().includes(pc)) {
        this.onError('transport_failed');
      }
    });
  }

  async applySubscribeOffer(sdp, epoch) {
    if (this.closed || epoch !== this.epoch) return;
    const pc = this.subscribePc ?? this.createSubscribePc();
    await pc.setRemoteDescription({ type: 'offer', sdp });
    this.syncStreams(pc, sdp);
    await pc.setLocalDescription();
    if (this.closed || epoch !== this.epoch) return;
    this.send({ type: 'subscribe-answer', sdp: pc.localDescription.sdp });
    const refused = new Map();
    for (const { streamId, kind, codec } of refusedTracks(sdp, pc.localDescription.sdp)) {
      const [publisherId, extra] = splitStreamId(streamId);
      if (kind === 'video' && extra === null) refused.set(publisherId, codec);
    }
    for (const { streamId } of sentStreams(sdp)) {
      const [publisherId, extra] = splitStreamId(streamId);
      if (extra === null) this.onUnplayable(publisherId, refused.get(publisherId) ?? null);
    }
  }

  createSubscribePc() {
    const pc = new RTCPeerConnection(this.rtcConfig);
    this.subscribePc = pc;
    this.watchFailure(pc);
    return pc;
  }

  /** Make `this.streams` what the offer `sdp` now sends: new, changed and gone streams. */
  syncStreams(pc, sdp) {
    const wanted = new Map();
    for (const { mid, streamId } of sentStreams(sdp)) {
      if (this.gone.has(splitStreamId(streamId)[0])) continue;
      const transceiver = pc.getTransceivers().find((t) => t.mid === mid);
      if (!transceiver) continue;
      const { receiver } = transceiver;
      this.e2ee?.bindReceiver(receiver, receiver.track.kind, splitStreamId(streamId)[0]);
      if (!wanted.has(streamId)) wanted.set(streamId, []);
      wanted.get(streamId).push(transceiver.receiver.track);
    }
    for (const [id, stream] of [...this.streams]) {
      if (!wanted.has(id)) this.dropStream(id, stream);
    }
    for (const [id, tracks] of wanted) {
      const current = this.streams.get(id);
      const same = current && current.getTracks().length === tracks.length
        && tracks.every((t) => current.getTracks().includes(t));
      if (same) continue;
      const stream = new MediaStream(tracks);
      this.streams.set(id, stream);
      const [publisherId, extra] = splitStreamId(id);
      if (extra === null) this.onStream(publisherId, stream);
      else this.onScreen(publisherId, stream, id);
    }
  }
}
