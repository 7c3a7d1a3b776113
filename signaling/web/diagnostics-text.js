// Every word the meeting diagnostics show (Whereby's callQualityMonitoring), in one place, so
// that a translation catalog can take them over whole. Functions for the sentences that
// carry a value.

export const DIAGNOSTICS_TEXT = Object.freeze({
  button: 'Diagnostics',
  title: 'Meeting diagnostics',
  close: 'Close',
  closeLabel: 'Close meeting diagnostics',
  privacy: 'Measured in your browser every second while this page is shown. '
    + 'Nothing is sent to the server or stored.',
  topology: {
    p2p: 'Peer to peer: the audio and video go straight between the browsers (P2P), or '
      + 'through the TURN relay when a candidate type is relay.',
    sfu: 'Through the server: the audio and video go through the SFU. Round trip, jitter '
      + 'and candidate types are of your connection to the server.',
  },
  you: (name) => `${name || 'You'} (you)`,
  someone: 'Participant',
  level: { good: 'Good', fair: 'Fair', poor: 'Poor' },
  /** The tile indicator's accessible name (its visible text is the level alone). */
  tileLabel: (level) => `Connection quality: ${level}`,
  /** A row's level in the panel, with the figures that set it when it is not good. */
  status: (level, causes) => `Connection quality: ${level}`
    + (causes.length > 0 ? ` (${causes.join(', ')})` : ''),
  measuring: 'Connection quality: measuring\u2026',
  causes: {
    lossPct: 'packet loss', rttMs: 'round-trip time', jitterMs: 'jitter',
    limitation: 'video held back',
  },
  figures: {
    bitrateIn: 'Received',
    bitrateOut: 'Sent',
    lossPct: 'Packet loss',
    rttMs: 'Round-trip time',
    jitterMs: 'Jitter',
    video: 'Video received',
    videoSent: 'Video sent',
    codecs: 'Codecs',
    path: 'ICE candidate types (here / other end)',
    limitation: 'Video held back by',
  },
  limitation: { bandwidth: 'bandwidth', cpu: 'CPU', other: 'other', none: 'nothing' },
  kbits: (value) => `${Math.round(value)} kbit/s`,
  percent: (value) => `${value < 10 ? value.toFixed(1) : Math.round(value)} %`,
  millis: (value) => `${Math.round(value)} ms`,
  video: ({ width, height, fps }) => `${width}\u00d7${height}`
    + (fps === null ? '' : `, ${Math.round(fps)} fps`),
  candidate: (type, relayProtocol) => (relayProtocol ? `${type} (${relayProtocol})` : type),
  path: (local, remote) => `${local} / ${remote}`,
  none: 'n/a',
});
