// Whereby's precallCeremony=on: the pre-call device and connectivity test, run on the
// pre-call screen before the join button becomes its main action. Four steps, at once:
//   camera: the preview's video has a size and its currentTime advances (frames arrive);
//   speaker: the user plays a test tone and says whether they heard it (a page cannot
//     tell whether a sound reached anyone's ears), so the step waits for that answer;
//   microphone: a level meter (an AudioContext AnalyserNode) passes once it hears a sound;
//   connectivity: a signaling socket of its own asks for the ICE servers a call gets
//     (`precall-test`, docs/signaling.md), then two RTCPeerConnections of the page, relay
//     only, connect to each other through the TURN relay and one sends the other data for
//     THROUGHPUT.seconds: the step (Whereby's `bandwidth`) passes when what went up to the
//     relay and back down is enough for video (THROUGHPUT.passMbps).
// Each step but the speaker's is bounded (STEP_TIMEOUT_MS); a failed step says why and
// what to do, and never stops the join. precallCeremonyCanSkip=on adds a Skip button that
// ends the connectivity test. The results stay in the page: the server is told nothing
// about them (it only hands out the test's TURN credentials), and an embedding page gets
// Whereby's precall_check_completed or precall_check_skipped.
// What the test says is the catalog's (i18n.js, `ceremony.`): each step's status and detail
// keep their key, so a language switch retranslates a test already shown.

import { readReport } from './call-quality.js';
import { localize, localizeAttribute, t } from './i18n.js';
import { roomSocketUrl, SignalingSocket } from './signaling.js';

const $ = (id) => document.getElementById(id);

/** How long each step may take before it fails as timed out, in ms. The microphone waits
 * longest: its user has to read the instruction and speak. */
export const STEP_TIMEOUT_MS = { camera: 10_000, microphone: 15_000, connectivity: 10_000 };
/** The connectivity step's bandwidth measurement: data sent for `seconds` (at most
 * `chunks` messages of `chunkBytes`, 2 MB: what the test costs the relay, besides what the
 * data channel sends again when packets are lost), at most `bufferBytes` queued; it passes
 * at `passMbps` Mbit/s, about what one camera's video takes. */
export const THROUGHPUT = { seconds: 2, chunks: 122, chunkBytes: 16_384, bufferBytes: 131_072,
  passMbps: 1 };
const CAP_BYTES = THROUGHPUT.chunks * THROUGHPUT.chunkBytes;
/** RMS of the microphone's samples (full scale 1) above which it is heard: about -40 dBFS,
 * above a quiet room's noise at the browser's gain control, below normal speech. */
const HEARD_RMS = 0.01;
const POLL_MS = 100;

/** Whereby's name of each step in precall_check_completed (`bandwidth` for connectivity). */
const EVENT_STEP = { camera: 'camera', speaker: 'speaker', microphone: 'microphone',
  connectivity: 'bandwidth' };
/** Every step, in the order shown (Whereby's). */
const STEPS = ['camera', 'speaker', 'microphone', 'connectivity'];
/** The test tone: its pitch (Hz), length and loudness (gain, full scale 1). */
const TONE = { hz: 440, seconds: 1.5, gain: 0.3 };

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

export class PrecallCeremony {
  /**
   * @param {object} app the RoomApp: its media, roomName, isViewer, whereby, announce, emit
   * @param {boolean} canSkip precallCeremonyCanSkip=on: the connectivity test can be skipped
   */
  constructor(app, canSkip) {
    this.app = app;
    this.canSkip = canSkip;
    /** Bumped by start() and stop(): a step of an older run stops at its next look. */
    this.run = 0;
    /** @type {Record<string, string>} step -> running | passed | failed | skipped */
    this.status = {};
    this.cleanups = [];
    /** The connectivity test's signaling server answered (its relay is being tried). */
    this.answered = false;
    /** The relay gave the test an address, over this transport (null: not yet). */
    this.relayedVia = null;
  }

  /** The steps this page runs: a viewer sends nothing (but hears), cameraAccess=off has no
   * camera. */
  steps() {
    if (this.app.isViewer) return ['speaker', 'connectivity'];
    return [...(this.app.whereby.cameraAccess ? ['camera'] : []), 'speaker', 'microphone',
      'connectivity'];
  }

  /** Show the test and run every step (again); the join button is secondary meanwhile. */
  async start() {
    this.keepFocus('ceremony-again');
    this.stop();
    const run = this.run;
    const section = $('precall-ceremony');
    localize($('ceremony-title'), 'ceremony.title');
    localize($('ceremony-note'), 'ceremony.note');
    section.hidden = false;
    $('ceremony-summary').hidden = true;
    $('ceremony-again').hidden = true;
    localize($('ceremony-again'), 'ceremony.again');
    localizeAttribute($('ceremony-meter'), 'aria-label', 'ceremony.meterLabel');
    $('join-button').classList.remove('btn--primary');
    const steps = this.steps();
    for (const name of STEPS) {
      $(`ceremony-${name}`).hidden = !steps.includes(name);
      localize($(`ceremony-${name}`).querySelector('.ceremony__name'), `ceremony.${name}`);
    }
    this.status = {};
    for (const name of steps) this.show(name, 'running', `ceremony.${name}Running`);
    const skipped = await Promise.all(steps.map((name) => this[name](run)))
      .then((outcomes) => outcomes.includes('skipped'));
    if (run !== this.run) return;
    this.finish(steps, skipped);
  }

  /** End every step now (the page joins or leaves): sockets, connections, audio closed. */
  stop() {
    this.run += 1;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    $('ceremony-skip').hidden = true;
  }

  /** The button `id` hides once pressed: a keyboard user's focus (on it now) goes to the
   * test's heading, rather than back to the page's start. */
  keepFocus(id) {
    if (document.activeElement !== $(id)) return;
    $(id).hidden = true;
    $('ceremony-title').focus();
  }

  /** Results as window.fjord.precallCeremony shows them (tests): step -> status. */
  results() {
    return { ...this.status };
  }

  finish(steps, skipped) {
    const passed = steps.every((name) => this.status[name] === 'passed');
    const failed = steps.some((name) => this.status[name] === 'failed');
    const summary = $('ceremony-summary');
    localize(summary, failed ? 'ceremony.summaryFailed'
      : (passed ? 'ceremony.summaryPassed' : 'ceremony.summarySkipped'));
    summary.hidden = false;
    this.app.announce(summary.textContent);
    $('join-button').classList.add('btn--primary');
    $('ceremony-again').hidden = false;
    if (skipped) {
      this.app.emit('precall_check_skipped', {});
      return;
    }
    const eventSteps = Object.fromEntries(steps.map((name) => [EVENT_STEP[name],
      { status: this.status[name] }]));
    this.app.emit('precall_check_completed', { status: passed ? 'passed' : 'failed',
      steps: eventSteps });
  }

  /** Show a step's state with the words of catalog key `detail` (and `args`); a final one
   * is also read out (politely, app.announce). */
  show(name, status, detail, args = {}) {
    this.status[name] = status;
    const item = $(`ceremony-${name}`);
    item.dataset.status = status;
    localize(item.querySelector('.ceremony__status'), `ceremony.${status}`);
    localize(item.querySelector('.ceremony__detail'), detail, args);
    if (status !== 'running') {
      this.app.announce(t('ceremony.announce', { step: { key: `ceremony.${name}` },
        status: { key: `ceremony.${status}` }, detail: { key: detail, args } }));
    }
    return status;
  }

  /** Camera: the preview plays frames (a size, and a currentTime that moves on). */
  async camera(run) {
    const limit = STEP_TIMEOUT_MS.camera;
    if (!this.app.media.videoTrack) return this.show('camera', 'failed', 'ceremony.cameraOff');
    const video = $('preview');
    let first = null;
    for (let waited = 0; waited < limit; waited += POLL_MS) {
      if (run !== this.run) return 'stopped';
      if (video.videoWidth > 0 && video.videoHeight > 0) {
        if (first === null) first = video.currentTime;
        else if (video.currentTime > first) return this.show('camera', 'passed', 'ceremony.cameraPassed');
      }
      await sleep(POLL_MS);
    }
    if (run !== this.run) return 'stopped';
    return this.show('camera', 'failed', 'ceremony.cameraTimeout',
      { seconds: limit / 1000 });
  }

  /** Speaker: Play sounds the test tone (again at each press), then Yes or No ends the
   * step as passed or failed; no time limit, since only the user can answer (the join never
   * waits for it). The item's data-tone is `played` once a tone has played to its end. */
  async speaker(run) {
    const item = $('ceremony-speaker');
    const buttons = { play: $('ceremony-play'), heard: $('ceremony-heard'),
      notHeard: $('ceremony-not-heard') };
    for (const [name, button] of Object.entries(buttons)) localize(button, `ceremony.${name}`);
    buttons.play.hidden = false;
    delete item.dataset.tone;
    let answer;
    const answered = new Promise((resolve) => { answer = resolve; });
    const onPlay = () => {
      this.playTone(item);
      if (buttons.heard.hidden) {
        this.show('speaker', 'running', 'ceremony.speakerAsk');
        this.app.announce(t('ceremony.speakerAsk'));
      }
      buttons.heard.hidden = false;
      buttons.notHeard.hidden = false;
    };
    const onHeard = () => answer('passed');
    const onNotHeard = () => answer('failed');
    const listening = new AbortController();
    buttons.play.addEventListener('click', onPlay, { signal: listening.signal });
    buttons.heard.addEventListener('click', onHeard, { signal: listening.signal });
    buttons.notHeard.addEventListener('click', onNotHeard, { signal: listening.signal });
    const end = () => {
      listening.abort();
      for (const button of Object.values(buttons)) {
        this.keepFocus(button.id);
        button.hidden = true;
      }
      answer('stopped');
    };
    this.cleanups.push(end);
    const outcome = await answered;
    end();
    if (outcome === 'stopped' || run !== this.run) return 'stopped';
    return this.show('speaker', outcome, outcome === 'passed' ? 'ceremony.speakerPassed'
      : 'ceremony.speakerFailed');
  }

  /** Play the test tone (TONE: a sine fading in and out) to the page's sound output; marks
   * `item` once it played to its end. Called on a press, so the browser lets it sound. */
  playTone(item) {
    const context = new AudioContext();
    this.app.settings?.sink(context); // on the speakers chosen in the settings, if any
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    const start = context.currentTime;
    oscillator.frequency.value = TONE.hz;
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(TONE.gain, start + 0.05);
    gain.gain.setValueAtTime(TONE.gain, start + TONE.seconds - 0.05);
    gain.gain.linearRampToValueAtTime(0, start + TONE.seconds);
    oscillator.connect(gain).connect(context.destination);
    oscillator.addEventListener('ended', () => {
      item.dataset.tone = 'played';
      context.close();
    });
    oscillator.start(start);
    oscillator.stop(start + TONE.seconds);
  }

  /** Microphone: an AnalyserNode's level on the meter; passes once a sound is heard. */
  async microphone(run) {
    const limit = STEP_TIMEOUT_MS.microphone;
    const track = this.app.media.audioTrack;
    if (!track) return this.show('microphone', 'failed', 'ceremony.microphoneOff');
    if (!track.enabled) return this.show('microphone', 'failed', 'ceremony.microphoneMuted');
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    // Not connected to the speakers: the user does not hear themselves (no feedback loop).
    context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const meter = $('ceremony-meter');
    meter.hidden = false;
    this.cleanups.push(() => {
      meter.hidden = true;
      context.close();
    });
    // Started without a user gesture, an AudioContext may wait for one (autoplay policy):
    // the first press or key on the page lets the meter run.
    const resume = () => context.resume();
    document.addEventListener('pointerdown', resume, { once: true });
    document.addEventListener('keydown', resume, { once: true });
    this.cleanups.push(() => {
      document.removeEventListener('pointerdown', resume);
      document.removeEventListener('keydown', resume);
    });
    context.resume().catch(() => {});
    const samples = new Float32Array(analyser.fftSize);
    for (let waited = 0; waited < limit; waited += POLL_MS) {
      if (run !== this.run) return 'stopped';
      analyser.getFloatTimeDomainData(samples);
      const rms = Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / samples.length);
      meter.value = Math.min(1, rms * 10);
      if (rms > HEARD_RMS) return this.show('microphone', 'passed', 'ceremony.microphonePassed');
      await sleep(POLL_MS);
    }
    if (run !== this.run) return 'stopped';
    return this.show('microphone', 'failed', 'ceremony.microphoneTimeout',
      { seconds: limit / 1000 });
  }

  /** Connectivity: the signaling server answers, and data sent through its TURN relay and
   * back arrives at THROUGHPUT.passMbps or more; bounded by STEP_TIMEOUT_MS.connectivity,
   * skippable with canSkip. */
  async connectivity(run) {
    const limit = STEP_TIMEOUT_MS.connectivity;
    const skip = $('ceremony-skip');
    let skipped;
    const skipping = new Promise((resolve) => { skipped = resolve; });
    const onSkip = () => {
      this.keepFocus('ceremony-skip');
      skipped('skipped');
    };
    if (this.canSkip) {
      localize(skip, 'ceremony.skip');
      skip.hidden = false;
      skip.addEventListener('click', onSkip);
    }
    const timer = sleep(limit).then(() => 'timeout');
    const outcome = await Promise.race([this.probe(run), skipping, timer]);
    skip.removeEventListener('click', onSkip);
    skip.hidden = true;
    if (run !== this.run) return 'stopped';
    this.endProbe?.();
    if (outcome === 'skipped') return this.show('connectivity', 'skipped',
      'ceremony.connectivitySkipped');
    if (outcome === 'timeout') {
      // Which part did not finish: the server's answer, the relay (a UDP relay that drops
      // packets is retried for longer than the test lasts), or the data through it.
      let key = this.answered ? 'ceremony.connectivityNoRelayInTime'
        : 'ceremony.connectivityTimeout';
      if (this.relayedVia !== null) key = 'ceremony.connectivityNoData';
      return this.show('connectivity', 'failed', key,
        { seconds: limit / 1000, via: this.relayedVia });
    }
    return this.show('connectivity', outcome.status, outcome.detail, outcome.args);
  }

  /** Ask the server for the ICE servers, then measure what its relay carries;
   * `{status, detail, args}` (detail: a catalog key). */
  async probe(run) {
    this.answered = false;
    this.relayedVia = null;
    let answer;
    try {
      answer = await this.askIceServers(run);
    } catch (err) {
      const detail = err.refused ? 'ceremony.connectivityRefused'
        : 'ceremony.connectivityNoSignaling';
      return { status: 'failed', detail, args: { reason: err.message } };
    }
    this.answered = true;
    const measured = await this.measure(answer.iceServers, run);
    if (measured === null) return { status: 'failed', detail: 'ceremony.connectivityNoRelay' };
    if (measured.failed) {
      return { status: 'failed', detail: 'ceremony.connectivityNoPath',
        args: { via: measured.via } };
    }
    // Rounded down: a rate shown as the threshold has reached it.
    const args = { via: measured.via, mbps: Math.floor(measured.mbps * 10) / 10,
      needed: THROUGHPUT.passMbps };
    if (measured.mbps < THROUGHPUT.passMbps) {
      return { status: 'failed', detail: 'ceremony.connectivitySlow', args };
    }
    const detail = answer.transport === 'polling' ? 'ceremony.connectivityPassedPolling'
      : 'ceremony.connectivityPassed';
    return { status: 'passed', detail, args };
  }

  /** A signaling socket of the test's own (WebSocket, or HTTPS polling where WebSockets are
   * blocked, as the call would use): `precall-test` and its answer, then closed. */
  askIceServers(run) {
    return new Promise((resolve, reject) => {
      const socket = new SignalingSocket(roomSocketUrl(this.app.roomName), {
        onOpen: () => socket.send({ type: 'precall-test' }),
        onMessage: (msg) => {
          socket.stop();
          if (msg.type === 'precall-test' && Array.isArray(msg.iceServers)) {
            resolve({ iceServers: msg.iceServers, transport: socket.transport });
          } else {
            // An error answer: the server works but will not test this room (room_not_found,
            // meeting_ended, rate_limited).
            reject(Object.assign(new Error(msg.type === 'error' ? String(msg.code)
              : 'unexpected answer'), { refused: true }));
          }
        },
        onDrop: () => {
          socket.stop();
          reject(new Error('connection lost'));
        },
      });
      this.endProbe = () => socket.stop();
      this.cleanups.push(() => socket.stop());
      if (run === this.run) socket.connect();
    });
  }

  /** Two peer connections of this page, relay only (no host candidate: nothing is sent
   * anywhere but the TURN server), connect to each other through the relay, and one sends
   * the other data for THROUGHPUT.seconds (or until all THROUGHPUT.chunks arrived), so the
   * data goes up to the relay and back down. `{via, mbps}`: the relay's transport (`UDP`,
   * `TCP`, `TLS`) and the Mbit/s that arrived; `{via, failed: true}` when the connection
   * between them failed (each had a relay address: the relay would not carry data between
   * them); null when a side's gathering ends without a relay candidate (the step's timer
   * bounds the rest). */
  measure(iceServers, run) {
    const config = { iceServers, iceTransportPolicy: 'relay' };
    const sender = new RTCPeerConnection(config);
    const receiver = new RTCPeerConnection(config);
    const close = () => {
      sender.close();
      receiver.close();
    };
    this.endProbe = close;
    this.cleanups.push(close);
    return new Promise((resolve) => {
      const end = (result) => {
        close();
        resolve(result);
      };
      for (const [pc, other] of [[sender, receiver], [receiver, sender]]) {
        pc.addEventListener('connectionstatechange', () => {
          if (pc.connectionState === 'failed') {
            end({ via: this.relayedVia ?? 'UDP', failed: true });
          }
        });
        let relayed = false;
        pc.addEventListener('icecandidate', ({ candidate }) => {
          if (!candidate) {
            if (!relayed) end(null);
            return;
          }
          if (candidate.type !== 'relay') return;
          relayed = true;
          if (pc === sender) {
            this.relayedVia = preferred(this.relayedVia, relayProtocol(candidate));
          }
          // the other side takes candidates once it has the description they belong to
          negotiated.then(() => other.addIceCandidate(candidate)).catch(() => {});
        });
      }
      // the rate is what arrived since the sender began: counted from the first arrival, a
      // first message lost and sent again held back every later one (the channel is ordered)
      // and they all arrived just after it, well above the link's rate
      let bytes = 0;
      let started = 0;
      let measured = false;
      const done = () => {
        if (measured) return;
        measured = true;
        const seconds = (performance.now() - started) / 1000;
        selectedVia(sender, this.relayedVia).then((via) => end({
          via, mbps: (bytes * 8) / seconds / 1e6 }));
      };
      receiver.addEventListener('datachannel', ({ channel }) => {
        channel.binaryType = 'arraybuffer';
        channel.addEventListener('message', ({ data }) => {
          bytes += data.byteLength;
          if (bytes >= CAP_BYTES) done();
        });
      });
      const channel = sender.createDataChannel('precall-bandwidth');
      channel.bufferedAmountLowThreshold = THROUGHPUT.bufferBytes / 2;
      channel.addEventListener('open', () => {
        started = performance.now();
        setTimeout(done, THROUGHPUT.seconds * 1000);
        sendFor(channel);
      });
      if (run !== this.run) {
        end(null);
        return;
      }
      const negotiated = negotiate(sender, receiver);
      negotiated.catch(() => end(null));
    });
  }
}

/** The offer and answer between two peer connections of one page. */
async function negotiate(offerer, answerer) {
  await offerer.setLocalDescription(await offerer.createOffer());
  await answerer.setRemoteDescription(offerer.localDescription);
  await answerer.setLocalDescription(await answerer.createAnswer());
  await offerer.setRemoteDescription(answerer.localDescription);
}

/** Send THROUGHPUT.chunks on `channel`, keeping at most THROUGHPUT.bufferBytes queued,
 * until they are sent or THROUGHPUT.seconds passed. */
function sendFor(channel) {
  const chunk = new Uint8Array(THROUGHPUT.chunkBytes);
  const until = performance.now() + THROUGHPUT.seconds * 1000;
  let sent = 0;
  const fill = () => {
    while (channel.readyState === 'open' && sent < CAP_BYTES
           && channel.bufferedAmount < THROUGHPUT.bufferBytes && performance.now() < until) {
      channel.send(chunk);
      sent += chunk.byteLength;
    }
  };
  channel.addEventListener('bufferedamountlow', fill);
  fill();
}

/** A relay candidate's transport to the TURN server: `UDP`, `TCP` or `TLS`. */
function relayProtocol(candidate) {
  return (candidate.relayProtocol ?? candidate.protocol ?? 'UDP').toUpperCase();
}

/** The relay transports in the order browsers prefer their candidates (Chromium's relay
 * candidates' local preference, RFC 8445 section 5.1.2.1: UDP, then TCP, then TLS). */
const RELAY_PREFERENCE = ['UDP', 'TCP', 'TLS'];

/** Of transports `held` (null: none yet) and `via`, the one browsers prefer: the step names
 * the transport the connection tried first, not the one whose address came first. */
function preferred(held, via) {
  if (held === null) return via;
  const rank = (transport) => {
    const index = RELAY_PREFERENCE.indexOf(transport);
    return index < 0 ? RELAY_PREFERENCE.length : index;
  };
  return rank(via) < rank(held) ? via : held;
}

/** The transport to the relay of the candidate pair `pc` uses (call-quality.js reads the
 * pair), else `fallback`. */
async function selectedVia(pc, fallback) {
  try {
    const protocol = readReport((await pc.getStats()).values()).path?.relayProtocol;
    if (protocol) return protocol.toUpperCase();
  } catch {
    // closed meanwhile: the candidate's transport stands
  }
  return fallback;
}
