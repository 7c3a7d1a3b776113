// The local camera and microphone.
//
// Muting the microphone disables its track (silence is sent, no renegotiation). Turning
// the camera off stops the track, so the camera light goes off; turning it on captures a
// new track. Every change of a track is announced to listeners, which swap it into their
// RTCRtpSenders with replaceTrack (no renegotiation either).

const VIDEO_CONSTRAINTS = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24 } };
/** Whereby's `lowData=on`: "a lower resolution by default". */
const LOW_DATA_VIDEO = { width: { ideal: 320 }, height: { ideal: 180 }, frameRate: { ideal: 24 } };

export class LocalMedia {
  constructor() {
    /** The stream local tracks live in; its id is the msid stream id of every sender. */
    this.stream = new MediaStream();
    this.audioTrack = null;
    this.videoTrack = null;
    this.micOn = false;
    this.cameraOn = false;
    /** The shared screen (getDisplayMedia), sent as an extra video track in its own stream. */
    this.screenStream = new MediaStream();
    this.screenTrack = null;
    /** The last capture failure in plain words, or null. */
    this.error = null;
    /** @type {Set<(kind: 'audio'|'video', track: MediaStreamTrack|null) => void>} */
    this.listeners = new Set();
    /** What the microphone is asked for (`start`): true, or the browser's audio processing
     * to turn on or off (Whereby's aec, agc, audioDenoiser). */
    this.audioConstraints = true;
    /** What the camera is asked for (`start`; lowData: a lower resolution). */
    this.videoConstraints = VIDEO_CONSTRAINTS;
    /** The devices the user chose (device-settings.js), by kind; null: the browser's. */
    this.deviceIds = { audio: null, video: null };
  }

  /**
   * Capture the devices.
   * @param {{mic: boolean, camera: boolean, audio?: true|MediaTrackConstraints,
   *   lowData?: boolean}} want the initial states; the microphone is captured even when
   *   muted (unmuting is then instant), the camera only when on. `audio`: the microphone's
   *   constraints, `lowData`: the camera at 320x180, both kept for every later capture
   *   (whereby-params.js).
   */
  async start({ mic, camera, audio = true, lowData = false }) {
    this.audioConstraints = audio;
    this.videoConstraints = lowData ? LOW_DATA_VIDEO : VIDEO_CONSTRAINTS;
    try {
      const got = await navigator.mediaDevices.getUserMedia({
        audio: this.audioConstraints,
        video: camera ? this.videoConstraints : false,
      });
      for (const track of got.getTracks()) this.adopt(track);
    } catch (err) {
      this.error = describeCaptureError(err);
      // Maybe only one of the devices is missing or refused: try each alone.
      await this.captureAlone('audio');
      if (camera) await this.captureAlone('video');
    }
    this.cameraOn = !!this.videoTrack;
    this.setMic(mic);
  }

  /** The id of the device the `kind` ('audio' or 'video') track captures, else the one
   * chosen for it, else null. */
  deviceId(kind) {
    const track = this.track(kind);
    return track?.getSettings().deviceId ?? this.deviceIds[kind];
  }

  /**
   * Capture `kind` ('audio' or 'video') from the device `deviceId` from now on: a live
   * track is replaced at once (listeners swap it into their senders; the microphone keeps
   * its mute state), a camera that is off uses it when turned on. Returns whether the
   * device is in use (false: it could not be opened, `error` says why, the old track stays).
   */
  async useDevice(kind, deviceId) {
    const previous = this.deviceIds[kind];
    this.deviceIds[kind] = deviceId;
    if (kind === 'video' && !this.videoTrack) return true;
    const before = this.track(kind);
    await this.captureAlone(kind);
    if (this.track(kind) !== before) return true;
    this.deviceIds[kind] = previous;
    return false;
  }

  /** The constraints of a capture of `kind`: the page's, with the chosen device. */
  constraints(kind) {
    const base = kind === 'audio' ? this.audioConstraints : this.videoConstraints;
    const id = this.deviceIds[kind];
    if (!id) return base;
    return { ...(base === true ? {} : base), deviceId: { exact: id } };
  }

  /** The current track of `kind` ('audio', 'video' or 'screen'), or null. */
  track(kind) {
    if (kind === 'screen') return this.screenTrack;
    return kind === 'audio' ? this.audioTrack : this.videoTrack;
  }

  /** Start sharing the screen (the browser asks the user what to share); returns success. */
  async startScreen() {
    if (this.screenTrack) return true;
    let got;
    try {
      got = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    } catch (err) {
      this.error = err && err.name === 'NotAllowedError'
        ? 'media.screenRefused' : 'media.screenFailed';
      return false;
    }
    const [track] = got.getVideoTracks();
    if (!track) return false;
    this.screenTrack = track;
    this.screenStream.addTrack(track);
    // The user can stop sharing from the browser's own bar.
    track.addEventListener('ended', () => this.stopScreen());
    this.emit('screen', track);
    return true;
  }

  stopScreen() {
    const track = this.screenTrack;
    if (!track) return;
    this.screenTrack = null;
    this.screenStream.removeTrack(track);
    track.stop();
    this.emit('screen', null);
  }

  /** Mute or unmute the microphone; returns the new state. */
  setMic(on) {
    this.micOn = !!on && !!this.audioTrack;
    if (this.audioTrack) this.audioTrack.enabled = this.micOn;
    return this.micOn;
  }

  /** Turn the camera on (capture a new track) or off (stop it); returns the new state. */
  async setCamera(on) {
    if (on && !this.videoTrack) {
      await this.captureAlone('video');
    } else if (!on && this.videoTrack) {
      const track = this.videoTrack;
      this.videoTrack = null;
      this.stream.removeTrack(track);
      track.stop();
      this.emit('video', null);
    }
    this.cameraOn = !!this.videoTrack;
    return this.cameraOn;
  }

  /** Stop every track (leaving the meeting). */
  stop() {
    this.stopScreen();
    for (const track of this.stream.getTracks()) {
      track.stop();
      this.stream.removeTrack(track);
    }
    this.audioTrack = null;
    this.videoTrack = null;
    this.micOn = false;
    this.cameraOn = false;
    this.emit('audio', null);
    this.emit('video', null);
  }

  /** Subscribe to track changes; returns the unsubscribe function. */
  onTrackChange(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async captureAlone(kind) {
    try {
      const got = await navigator.mediaDevices.getUserMedia({ [kind]: this.constraints(kind) });
      for (const track of got.getTracks()) this.adopt(track);
    } catch (err) {
      this.error = describeCaptureError(err);
    }
  }

  adopt(track) {
    if (track.kind === 'audio') {
      if (this.audioTrack) this.audioTrack.stop();
      this.audioTrack = track;
      track.enabled = this.micOn;
    } else {
      if (this.videoTrack) this.videoTrack.stop();
      this.videoTrack = track;
    }
    for (const old of this.stream.getTracks()) {
      if (old.kind === track.kind) this.stream.removeTrack(old);
    }
    this.stream.addTrack(track);
    this.emit(track.kind, track);
  }

  emit(kind, track) {
    for (const listener of this.listeners) listener(kind, track);
  }
}

/** What the page says when the camera or microphone cannot be captured: a catalog key. */
function describeCaptureError(err) {
  switch (err && err.name) {
    case 'NotAllowedError':
      return 'media.denied';
    case 'NotFoundError':
      return 'media.notFound';
    case 'NotReadableError':
      return 'media.inUse';
    default:
      return 'media.failed';
  }
}
