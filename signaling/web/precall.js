// The pre-call screen: the name field (Whereby's displayName rule), the camera preview,
// what the page says about the meeting before anyone joins (recorded or not, who can read
// the media), and Whereby's device permission events for an embedding page.
//
// URL: displayName=..&precallReview=off&audio=off&video=off (whereby-params.js reads the
// others); with precallCeremony=on the screen runs the device and connectivity test
// (precall-ceremony.js).

import { PrecallCeremony } from './precall-ceremony.js';
import { localize } from './i18n.js';
import {
  cleanName, linkName, linkSaysOff, nameRule,
} from './room-inputs.js';

const $ = (id) => document.getElementById(id);

export class PrecallScreen {
  /**
   * @param {object} app the RoomApp (room.js): its media, role, notify, emit, setPhase, join
   * @param {string} search the page's location.search, as given (displayName, audio, video
   *   and precallReview are read from it)
   */
  constructor(app, search) {
    this.app = app;
    const asked = linkName(search);
    /** Why the link's displayName is not used ('' if it is): Whereby's rule refuses it, or
     * the link gives it twice or broken; then the pre-call screen asks for another, even
     * with precallReview=off. */
    this.nameRefused = asked.refusal;
    /** The same as a catalog key and its values, as the screen says it. */
    this.nameReason = asked.reason;
    if (this.nameRefused) console.warn('fjord: URL parameter displayName not used: '
      + `${this.nameRefused}`);
    /** The link's name, cleaned as the server accepts it ('' if none or refused). */
    this.displayName = asked.name;
    this.skip = linkSaysOff(search, 'precallReview');
    this.wantMic = !linkSaysOff(search, 'audio');
    /** cameraAccess=off (app.whereby): the camera is never asked for, shown or sent. */
    this.wantCamera = !linkSaysOff(search, 'video') && app.whereby.cameraAccess;
    /** Whereby's precallCeremony=on: the test run when the screen shows (stopped by room.js
     * once the page leaves it). */
    this.ceremony = app.whereby.precallCeremony
      ? new PrecallCeremony(app, app.whereby.precallCeremonyCanSkip) : null;
  }

  /**
   * Fill in the room name, the link's name and what the screen says about the media, and
   * join when the form is sent.
   */
  prepare() {
    $('precall-room').textContent = this.app.roomName;
    $('name-input').value = this.displayName;
    // A recorded meeting says so before anyone joins, and a cloud recording that the
    // meeting is not end-to-end encrypted (the server reads the media to record it). An
    // unrecorded one says who can read the media: nobody but the participants in a P2P
    // room (the TURN relay forwards ciphertext) or an end-to-end encrypted group room; the
    // SFU in any other group room (it decrypts to forward).
    const sfu = $('app').dataset.topology === 'sfu';
    const { recordingType, e2eeRoom } = this.app;
    const unrecorded = recordingType === null;
    $('precall-hint').hidden = !(unrecorded && !sfu);
    $('precall-hint-sfu').hidden = !(unrecorded && sfu && !e2eeRoom);
    $('precall-hint-e2ee').hidden = !(unrecorded && sfu && e2eeRoom);
    $('precall-cloud-recording').hidden = recordingType !== 'cloud';
    $('precall-local-recording').hidden = recordingType !== 'local';
    $('ceremony-again').addEventListener('click', () => this.ceremony?.start());
    $('join-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitName();
    });
    // A refusal explains the name it was about: once the name is edited it no longer holds.
    $('name-input').addEventListener('input', () => this.clearNameRefusal());
  }

  /** Open the camera and microphone the link asks for; a viewer's are never opened. */
  async openDevices() {
    const app = this.app;
    if (app.isViewer) {
      // Viewers cannot publish: their camera and microphone are never opened.
      localize($('preview-off'), 'precall.viewer');
      $('precall-mic').hidden = true;
      $('precall-cam').hidden = true;
      return;
    }
    await app.media.start({
      mic: this.wantMic, camera: this.wantCamera, audio: app.whereby.audioConstraints,
      lowData: app.whereby.lowData,
    });
    if (app.media.error) {
      app.notify(app.media.error);
      this.offerPermissionHelp();
    }
  }

  /** Whereby's precallPermissionHelpLink (an https URL, whereby-params.js): the camera or
   * microphone could not be captured (refused, or missing), so show the link to the
   * embedder's help page, opened in a new tab without an opener or a referrer. */
  offerPermissionHelp() {
    const href = this.app.whereby.permissionHelpLink;
    if (!href) return;
    $('precall-permission-help-link').href = href;
    $('precall-permission-help').hidden = false;
  }

  /** Whereby's device permission events, once the devices are open (none for a viewer):
   * granted when any device could be captured. */
  tellDevicePermission() {
    const app = this.app;
    if (app.isViewer) return;
    if (app.media.audioTrack || app.media.videoTrack) {
      app.emit('grant_device_permission', { granted: true });
    } else {
      app.emit('deny_device_permission', { denied: true });
    }
  }

  /** Join at once (precallReview=off and a usable name in the link), else show the screen. */
  enter() {
    if (this.skip && !this.nameRefused) {
      this.app.join(this.displayName || 'Guest');
      return;
    }
    this.app.setPhase('precall');
    this.showPreview();
    if (this.nameRefused) {
      this.showNameRefusal('precall.linkNameRefused', this.nameReason);
    }
    $('name-input').focus();
    this.ceremony?.start();
  }

  showPreview() {
    const preview = $('preview');
    const media = this.app.media;
    // A video element playing a stream with no track never loads, and holds up the page's
    // load event (viewers capture nothing): show nothing then.
    const stream = media.stream.getTracks().length > 0 ? media.stream : null;
    if (preview.srcObject !== stream) preview.srcObject = stream;
    $('preview-off').hidden = !!media.videoTrack;
    preview.hidden = !media.videoTrack;
  }

  /**
   * Say why the name cannot be used, under the name field, and mark the field invalid with
   * that text as its description, so that a screen reader on the field hears why.
   * @param {string} key the sentence's catalog key (i18n.js), with {reason}
   * @param {{key: string, args: object}} reason why, as a catalog key and its values
   */
  showNameRefusal(key, reason) {
    localize($('name-refused'), key, { reason });
    $('name-refused').hidden = false;
    $('name-input').setAttribute('aria-invalid', 'true');
    $('name-input').setAttribute('aria-describedby', 'name-refused');
  }

  clearNameRefusal() {
    $('name-refused').hidden = true;
    $('name-input').removeAttribute('aria-invalid');
    $('name-input').removeAttribute('aria-describedby');
  }

  /**
   * Join with the name typed on the pre-call screen, or `fallback` when none is typed; a
   * name Whereby's rule refuses is explained under the field instead.
   * @param {string} [fallback]
   */
  submitName(fallback = '') {
    const input = $('name-input');
    const refusal = nameRule(input.value);
    if (refusal) {
      this.showNameRefusal('precall.nameRefused', refusal);
      input.focus();
      return;
    }
    const name = cleanName(input.value) || fallback;
    if (!name) {
      this.app.notify('precall.enterName');
      input.focus();
      return;
    }
    this.app.join(name);
  }
}
