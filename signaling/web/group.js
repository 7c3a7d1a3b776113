// A group room (topology "sfu"): one send-only publish transport and one receive-only
// subscribe transport (docs/signaling.md, "Group rooms").
//
// Publish: we offer (camera + microphone transceivers), the SFU answers (`publish-answer`).
// Subscribe: the SFU offers (`subscribe-offer`, again on every change) and we answer
// (`subscribe-answer`). No trickle: the SFU is ICE-lite, its SDP carries its candidate and
// it learns our address from our STUN checks. Each received stream's id (msid) is the
// publisher's participant id, which keys the tiles.

export class SfuSession {
  /**
   * @param {{joined: object, media: import('./media.js').LocalMedia, publish: boolean,
   *          send: (msg: object) => boolean,
   *          onStream: (participantId: string, stream: MediaStream) => void,
   *          onStreamGone: (participantId: string) => void,
   *          onError: (code: string) => void}} options
   */
  constructor({ joined, media, publish, send, onStream, onStreamGone, onError }) {
    this.rtcConfig = {
      iceServers: Array.isArray(joined.iceServers) ? joined.iceServers : [],
      iceTransportPolicy: joined.iceTransportPolicy === 'relay' ? 'relay' : 'all',
      bundlePolicy: 'max-bundle',
      rtcpMuxPolicy: 'require',
    };
    this.media = media;
    this.publishing = publish;
    this.send = send;
    this.onStream = onStream;
    this.onStreamGone = onStreamGone;
    this.onError = onError;
    this.closed = false;
    /** @type {RTCPeerConnection|null} */
    this.publishPc = null;
    /** @type {RTCPeerConnection|null} */
    this.subscribePc = null;
    /** @type {{audio?: RTCRtpSender, video?: RTCRtpSender}} */
    this.senders = {};
    /** @type {Map<string, MediaStream>} remote streams by publisher id */
    this.streams = new Map();
    this.subscribeQueue = Promise.resolve();
    this.unsubscribe = media.onTrackChange((kind, track) => {
      const sender = this.senders[kind];
      if (sender && !this.closed) sender.replaceTrack(track).catch(() => {});
    });
  }

  /** Create the publish transport and send `publish` (no-op for viewers). */
  async start() {
    if (!this.publishing) return;
    const pc = new RTCPeerConnection(this.rtcConfig);
    this.publishPc = pc;
    this.watchFailure(pc);
    for (const kind of ['audio', 'video']) {
      const transceiver = pc.addTransceiver(this.media.track(kind) ?? kind, {
        direction: 'sendonly',
        streams: [this.media.stream],
      });
      this.senders[kind] = transceiver.sender;
    }
    await pc.setLocalDescription();
    if (this.closed) return;
    this.send({ type: 'publish', sdp: pc.localDescription.sdp });
  }

  /** Apply the SFU's answer to our publish offer. */
  async acceptPublishAnswer(sdp) {
    const pc = this.publishPc;
    if (!pc || pc.signalingState !== 'have-local-offer') return;
    try {
      await pc.setRemoteDescription({ type: 'answer', sdp });
    } catch (err) {
      if (!this.closed) this.onError('publish_failed');
    }
  }

  /** Apply a `subscribe-offer` and answer it; offers are applied one at a time, in order. */
  acceptSubscribeOffer(sdp) {
    this.subscribeQueue = this.subscribeQueue
      .then(() => this.applySubscribeOffer(sdp))
      .catch(() => {
        if (!this.closed) this.onError('subscribe_failed');
      });
  }

  /** The participant left: drop its stream. */
  removePublisher(participantId) {
    const stream = this.streams.get(participantId);
    if (!stream) return;
    this.streams.delete(participantId);
    this.onStreamGone(participantId);
  }

  close() {
    this.closed = true;
    this.unsubscribe();
    this.publishPc?.close();
    this.subscribePc?.close();
    this.streams.clear();
  }

  /** @returns {RTCPeerConnection[]} */
  peerConnections() {
    return [this.publishPc, this.subscribePc].filter((pc) => pc !== null);
  }

  /** A transport the SFU closed (consent or DTLS timeout) cannot recover: report it. */
  watchFailure(pc) {
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'failed' && !this.closed) this.onError('transport_failed');
    });
  }

  async applySubscribeOffer(sdp) {
    if (this.closed) return;
    const pc = this.subscribePc ?? this.createSubscribePc();
    await pc.setRemoteDescription({ type: 'offer', sdp });
    await pc.setLocalDescription();
    if (this.closed) return;
    this.send({ type: 'subscribe-answer', sdp: pc.localDescription.sdp });
  }

  createSubscribePc() {
    const pc = new RTCPeerConnection(this.rtcConfig);
    this.subscribePc = pc;
    this.watchFailure(pc);
    pc.addEventListener('track', (event) => {
      const stream = event.streams[0];
      if (!stream) return; // a track without msid cannot be attributed to a participant
      const publisherId = stream.id;
      if (this.streams.get(publisherId) !== stream) {
        this.streams.set(publisherId, stream);
        stream.addEventListener('removetrack', () => {
          if (stream.getTracks().length === 0 && this.streams.get(publisherId) === stream) {
            this.removePublisher(publisherId);
          }
        });
      }
      this.onStream(publisherId, stream);
    });
    return pc;
  }
}
