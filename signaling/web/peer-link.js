// One P2P connection of a normal room: an RTCPeerConnection to one remote participant.
//
// The newcomer is the offerer (docs/signaling.md, "Normal rooms"): it adds an audio and a
// video transceiver and offers from `negotiationneeded`, which also covers ICE restarts.
// The other side answers. Remote candidates that arrive before the remote description is
// set are queued and added right after it.
//
// Three transceivers, always in this order: audio, camera video, screen video. The screen
// transceiver exists from the start with no track, so sharing the screen is a replaceTrack
// (no renegotiation); its sender carries the local screen stream's msid and the received
// screen track goes to its own stream (`onScreen`).
//
// Connection health (`status`, reported through `onStatus`): `connecting` until the
// connection is up, `connected`, `retrying` after an attempt failed (connectionState
// `failed`, or not connected within CONNECT_TIMEOUT_MS, which covers ICE that never even
// gets a candidate pair), and `failed` for good after MAX_RESTARTS ICE restarts in a row did
// not help. Only the offerer restarts ICE (`restartIce()`, after RESTART_DELAYS_MS, so the
// next offer carries new ICE credentials); the answerer answers the restart offers and counts
// failures the same way, so both sides give up together. An attempt (the first connection,
// or one ICE restart) counts as one failure however often its state flips between
// `connecting` and `failed` (it does, as remote candidates trickle in and fail).

const KINDS = ['audio', 'video', 'screen'];
/** ICE restarts tried after the connection failed, before giving up. */
export const MAX_RESTARTS = 3;
/** Wait before the n-th ICE restart (the offerer's). */
const RESTART_DELAYS_MS = [500, 1500, 3000];
/** A connection not up this long after it was made or restarted counts as failed. */
const CONNECT_TIMEOUT_MS = 15_000;

export class PeerLink {
  /**
   * @param {{peerId: string, offerer: boolean, sendMedia: boolean,
   *          rtcConfig: RTCConfiguration, media: import('./media.js').LocalMedia,
   *          send: (msg: object) => boolean,
   *          onStream: (peerId: string, stream: MediaStream) => void,
   *          onScreen: (peerId: string, stream: MediaStream) => void,
   *          onStatus?: (peerId: string, status: string, link: PeerLink) => void}} options
   */
  constructor({
    peerId, offerer, sendMedia, rtcConfig, media, send, onStream, onScreen, onStatus,
  }) {
    this.peerId = peerId;
    this.offerer = offerer;
    this.sendMedia = sendMedia;
    this.media = media;
    this.send = send;
    this.onStream = onStream;
    this.onScreen = onScreen;
    this.onStatus = onStatus ?? (() => {});
    /** 'connecting' | 'connected' | 'retrying' | 'failed' (given up), see the top. */
    this.status = 'connecting';
    /** Failures since the connection was last up; restarts ICE restarts tried (offerer). */
    this.failures = 0;
    this.restarts = 0;
    /** The current attempt already counted its failure (see the top). */
    this.attemptFailed = false;
    /** The connection was up at least once (a later failure is a lost connection). */
    this.everConnected = false;
    this.watchdog = null;
    this.restartTimer = null;
    this.remoteStream = new MediaStream();
    this.screenStream = new MediaStream();
    this.remoteDescriptionSet = false;
    /** @type {RTCIceCandidateInit[]} */
    this.pendingCandidates = [];
    /** @type {{audio?: RTCRtpSender, video?: RTCRtpSender, screen?: RTCRtpSender}} */
    this.senders = {};
    this.closed = false;

    const pc = new RTCPeerConnection(rtcConfig);
    this.pc = pc;
    pc.addEventListener('icecandidate', (event) => {
      const c = event.candidate;
      // Chrome's end-of-candidates event carries null; relay it as null too.
      const candidate = c && c.candidate
        ? { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex,
            usernameFragment: c.usernameFragment }
        : null;
      this.send({ type: 'candidate', to: peerId, candidate });
    });
    pc.addEventListener('track', (event) => {
      const track = event.track;
      if (this.pc.getTransceivers().indexOf(event.transceiver) === 2) {
        for (const old of this.screenStream.getTracks()) this.screenStream.removeTrack(old);
        this.screenStream.addTrack(track);
        this.onScreen(peerId, this.screenStream);
        return;
      }
      if (!this.remoteStream.getTracks().includes(track)) {
        for (const old of this.remoteStream.getTracks()) {
          if (old.kind === track.kind) this.remoteStream.removeTrack(old);
        }
        this.remoteStream.addTrack(track);
      }
      this.onStream(peerId, this.remoteStream);
    });
    pc.addEventListener('connectionstatechange', () => this.onConnectionState());
    this.armWatchdog();
    if (offerer) {
      pc.addEventListener('negotiationneeded', () => this.offer());
      const direction = sendMedia ? 'sendrecv' : 'recvonly';
      for (const kind of KINDS) {
        const track = this.sendTrack(kind);
        const transceiver = pc.addTransceiver(track ?? (kind === 'audio' ? 'audio' : 'video'), {
          direction,
          streams: [kind === 'screen' ? media.screenStream : media.stream],
        });
        this.senders[kind] = transceiver.sender;
      }
    }
  }

  /** Offerer: create and send an offer (initial one and ICE restarts). */
  async offer() {
    try {
      await this.pc.setLocalDescription();
      this.send({ type: 'offer', to: this.peerId, sdp: this.pc.localDescription.sdp });
    } catch (err) {
      if (!this.closed) console.warn('fjord: offer failed', err.name);
    }
  }

  /** Answerer: apply the peer's offer, attach our tracks and send the answer. */
  async acceptOffer(sdp) {
    // After a failure, an offer is the offerer's ICE restart: a new attempt.
    if (this.attemptFailed) this.newAttempt();
    await this.pc.setRemoteDescription({ type: 'offer', sdp });
    this.flushCandidates();
    for (const [index, transceiver] of this.pc.getTransceivers().entries()) {
      const kind = KINDS[index];
      if (!kind || this.senders[kind] || transceiver.stopped) continue;
      this.senders[kind] = transceiver.sender;
      if (this.sendMedia) {
        transceiver.direction = 'sendrecv';
        transceiver.sender.setStreams(kind === 'screen' ? this.media.screenStream
          : this.media.stream);
        await transceiver.sender.replaceTrack(this.sendTrack(kind));
      } else {
        transceiver.direction = 'recvonly';
      }
    }
    await this.pc.setLocalDescription();
    this.send({ type: 'answer', to: this.peerId, sdp: this.pc.localDescription.sdp });
  }

  /** Offerer: apply the peer's answer. */
  async acceptAnswer(sdp) {
    if (this.pc.signalingState !== 'have-local-offer') return; // stale or duplicate answer
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
    this.flushCandidates();
  }

  /** Add a trickled remote candidate (null: the peer gathered all its candidates). */
  async addCandidate(candidate) {
    if (!this.remoteDescriptionSet) {
      this.pendingCandidates.push(candidate);
      return;
    }
    await this.addNow(candidate);
  }

  /** Swap the local track of `kind` (null: send nothing) without renegotiating. */
  replaceTrack(kind, track) {
    const sender = this.senders[kind];
    if (sender && this.sendMedia && !this.closed) sender.replaceTrack(track).catch(() => {});
  }

  close() {
    this.closed = true;
    clearTimeout(this.watchdog);
    clearTimeout(this.restartTimer);
    this.pc.close();
    for (const track of this.remoteStream.getTracks()) this.remoteStream.removeTrack(track);
  }

  onConnectionState() {
    if (this.closed) return;
    const state = this.pc.connectionState;
    if (state === 'connected') {
      clearTimeout(this.watchdog);
      this.failures = 0;
      this.attemptFailed = false;
      this.everConnected = true;
      this.setStatus('connected');
    } else if (state === 'disconnected') {
      // Often a passing network hiccup: say so, and count a failure if it does not heal.
      if (this.status === 'connected') this.setStatus('retrying');
      this.armWatchdog();
    } else if (state === 'failed' && !this.attemptFailed) {
      this.fail();
    }
  }

  /** The attempt failed (or did not connect in time): restart ICE, or give up. */
  fail() {
    if (this.closed || this.status === 'failed') return;
    clearTimeout(this.watchdog);
    this.attemptFailed = true;
    this.failures += 1;
    if (this.failures > MAX_RESTARTS) {
      this.setStatus('failed');
      return;
    }
    this.setStatus('retrying');
    if (this.offerer) {
      clearTimeout(this.restartTimer);
      this.restartTimer = setTimeout(() => {
        if (this.closed || this.status === 'connected') return;
        this.restarts += 1;
        this.newAttempt();
        // Fires negotiationneeded: offer() sends an offer with new ICE credentials.
        this.pc.restartIce();
      }, RESTART_DELAYS_MS[this.failures - 1] ?? RESTART_DELAYS_MS.at(-1));
    }
    this.armWatchdog();
  }

  newAttempt() {
    this.attemptFailed = false;
    this.armWatchdog();
  }

  armWatchdog() {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.fail(), CONNECT_TIMEOUT_MS);
  }

  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.onStatus(this.peerId, status, this);
  }

  sendTrack(kind) {
    return this.sendMedia ? this.media.track(kind) : null;
  }

  flushCandidates() {
    this.remoteDescriptionSet = true;
    const queued = this.pendingCandidates.splice(0);
    for (const candidate of queued) this.addNow(candidate);
  }

  async addNow(candidate) {
    try {
      await this.pc.addIceCandidate(candidate ?? undefined);
    } catch (err) {
      if (!this.closed) console.warn('fjord: remote candidate rejected', err.name);
    }
  }
}
