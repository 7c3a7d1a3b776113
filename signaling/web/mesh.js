// The P2P mesh of a normal room (topology "p2p"): one PeerLink per remote participant.
//
// Routes the relayed `offer`, `answer` and `candidate` messages to the right link. Each
// link's work is chained, so an answer or candidate never overtakes the offer before it.

import { PeerLink } from './peer-link.js';

export class P2PMesh {
  /**
   * @param {{joined: object, media: import('./media.js').LocalMedia, sendMedia: boolean,
   *          send: (msg: object) => boolean,
   *          onStream: (peerId: string, stream: MediaStream) => void,
   *          onScreen: (peerId: string, stream: MediaStream) => void,
   *          onStatus: (peerId: string, status: string, link: PeerLink) => void}} options
   *   joined: the server's `joined` message (iceServers, iceTransportPolicy, participants);
   *   onStatus: a link's connection status changed (peer-link.js: connecting, connected,
   *   retrying, failed).
   */
  constructor({ joined, media, sendMedia, send, onStream, onScreen, onStatus }) {
    this.rtcConfig = {
      iceServers: Array.isArray(joined.iceServers) ? joined.iceServers : [],
      iceTransportPolicy: joined.iceTransportPolicy === 'relay' ? 'relay' : 'all',
      bundlePolicy: 'max-bundle',
      rtcpMuxPolicy: 'require',
    };
    this.media = media;
    this.sendMedia = sendMedia;
    this.send = send;
    this.onStream = onStream;
    this.onScreen = onScreen;
    this.onStatus = onStatus;
    /** @type {Map<string, {link: PeerLink, queue: Promise<void>}>} */
    this.links = new Map();
    this.unsubscribe = media.onTrackChange((kind, track) => {
      for (const { link } of this.links.values()) link.replaceTrack(kind, track);
    });
  }

  /** Newcomer: offer to every participant already in the room. */
  start(participants) {
    for (const p of participants) this.link(p.id, true);
  }

  /** Handle a relayed P2P message (`offer`, `answer` or `candidate` with `from`). */
  handle(msg) {
    const from = msg.from;
    if (typeof from !== 'string') return;
    if (msg.type === 'offer') {
      this.run(this.link(from, false), (link) => link.acceptOffer(msg.sdp));
    } else if (msg.type === 'answer') {
      const entry = this.links.get(from);
      if (entry) this.run(entry, (link) => link.acceptAnswer(msg.sdp));
    } else if (msg.type === 'candidate') {
      const entry = this.links.get(from);
      if (entry) this.run(entry, (link) => link.addCandidate(msg.candidate));
    }
  }

  /** The participant left: close its connection. */
  remove(peerId) {
    const entry = this.links.get(peerId);
    if (!entry) return;
    this.links.delete(peerId);
    entry.link.close();
  }

  close() {
    this.unsubscribe();
    for (const id of [...this.links.keys()]) this.remove(id);
  }

  /** @returns {RTCPeerConnection[]} */
  peerConnections() {
    return [...this.links.values()].map((entry) => entry.link.pc);
  }

  /** Meeting diagnostics (diagnostics.js): each connection with the peer it reaches, whose
   * are all the tracks received on it. */
  statsSources() {
    return [...this.links.values()].map(({ link }) => ({ pc: link.pc, peerId: link.peerId }));
  }

  /** Ids of the received shared-screen tracks (diagnostics: not the camera's video). */
  screenTrackIds() {
    return new Set([...this.links.values()]
      .flatMap(({ link }) => link.screenStream.getTracks().map((t) => t.id)));
  }

  /** @returns {{participantId: string, status: string, failures: number, iceRestarts: number}[]} */
  linkStatus() {
    return [...this.links.values()].map(({ link }) => ({
      participantId: link.peerId,
      status: link.status,
      failures: link.failures,
      iceRestarts: link.restarts,
    }));
  }

  link(peerId, offerer) {
    let entry = this.links.get(peerId);
    if (!entry) {
      const link = new PeerLink({
        peerId,
        offerer,
        sendMedia: this.sendMedia,
        rtcConfig: this.rtcConfig,
        media: this.media,
        send: this.send,
        onStream: this.onStream,
        onScreen: this.onScreen,
        onStatus: (...args) => {
          if (this.links.get(peerId)?.link === args[2]) this.onStatus(...args);
        },
      });
      entry = { link, queue: Promise.resolve() };
      this.links.set(peerId, entry);
    }
    return entry;
  }

  run(entry, step) {
    entry.queue = entry.queue
      .then(() => (entry.link.closed ? undefined : step(entry.link)))
      .catch((err) => {
        if (!entry.link.closed) console.warn('fjord: negotiation step failed', err && err.name);
      });
  }
}
