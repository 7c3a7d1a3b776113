// The devices the page uses (Whereby's settings, its `media` pane): a dialog with the
// camera, the microphone and the speakers, opened from the pre-call screen and the call
// (Whereby's settingsButton=off hides both buttons) or by an embedding page's
// openSettings('media'). A camera or microphone chosen replaces the live track at once,
// in every connection (media.js, replaceTrack: no renegotiation, E2EE transforms kept);
// the speakers chosen play every remote sound and the pre-call test's tone (setSinkId,
// where the browser has it; else that field is hidden). The choices last for the page.

import { localize, t } from './i18n.js';

const $ = (id) => document.getElementById(id);

/** The select of each kind of device (MediaDeviceInfo.kind). */
const SELECTS = { videoinput: 'settings-camera', audioinput: 'settings-microphone',
  audiooutput: 'settings-speaker' };
/** Whereby's settings panes: only `media` (and none named) is Fjord's. */
export const PANES = ['theme', 'integrations', 'streaming', 'effects', 'notifications',
  'advanced', 'media'];

/** Whether the browser can choose where a media element plays (HTMLMediaElement.setSinkId). */
export const canChooseSpeakers = () => typeof HTMLMediaElement !== 'undefined'
  && 'setSinkId' in HTMLMediaElement.prototype;

export class DeviceSettings {
  /** @param {object} app the RoomApp: its media (LocalMedia) and whereby parameters */
  constructor(app) {
    this.app = app;
    this.dialog = $('settings-dialog');
    /** The speakers chosen (an audiooutput deviceId), or '' for the browser's default. */
    this.sinkId = '';
    /** Media elements seen, so that each new one plays on the chosen speakers. */
    this.observer = null;
    /** open() is filling the lists (a second press meanwhile opens nothing more). */
    this.opening = false;
  }

  bind() {
    $('precall-settings').addEventListener('click', () => this.open());
    $('settings-button').addEventListener('click', () => this.open());
    $('settings-close').addEventListener('click', () => this.dialog.close());
    $('settings-camera').addEventListener('change', (e) => this.choose('video', e.target));
    $('settings-microphone').addEventListener('change', (e) => this.choose('audio', e.target));
    $('settings-speaker').addEventListener('change', (e) => this.chooseSpeakers(e.target.value));
    $('settings-speaker-field').hidden = !canChooseSpeakers();
    navigator.mediaDevices?.addEventListener?.('devicechange', () => {
      if (this.dialog.open) this.fill();
    });
  }

  /** Open the dialog, its lists filled with the devices there are now. */
  async open() {
    if (this.dialog.open || this.opening) return;
    this.opening = true;
    $('settings-status').textContent = '';
    try {
      await this.fill();
    } finally {
      this.opening = false;
    }
    this.dialog.showModal();
    // Focused here, not by autofocus (refused in a page another origin embeds).
    $('settings-camera').focus();
  }

  /** Fill each list with the devices of its kind (their labels once the browser gave
   * device access; else numbered), the one in use selected. */
  async fill() {
    let devices = [];
    try {
      devices = await navigator.mediaDevices.enumerateDevices();
    } catch {
      devices = [];
    }
    const current = { videoinput: this.app.media.deviceId('video'),
      audioinput: this.app.media.deviceId('audio'), audiooutput: this.sinkId };
    for (const [kind, id] of Object.entries(SELECTS)) {
      const select = $(id);
      select.replaceChildren();
      const ofKind = devices.filter((d) => d.kind === kind && d.deviceId);
      ofKind.forEach((device, index) => {
        const option = new Option(device.label || t('settings.device', { n: index + 1 }),
          device.deviceId);
        option.selected = device.deviceId === current[kind]
          || (!current[kind] && device.deviceId === 'default');
        select.add(option);
      });
      if (ofKind.length === 0) {
        const none = new Option(t('settings.none'), '');
        select.add(none);
      }
      // A viewer sends nothing (its page opens no camera or microphone), and
      // cameraAccess=off uses no camera: only the speakers can be chosen then.
      select.disabled = ofKind.length === 0 || (kind !== 'audiooutput' && this.app.isViewer)
        || (kind === 'videoinput' && !this.app.whereby.cameraAccess);
    }
  }

  /** Use the camera or microphone chosen in `select` ('video' or 'audio'); if it cannot be
   * opened, say why and show the device still in use. */
  async choose(kind, select) {
    if (select.disabled) return;
    const status = $('settings-status');
    status.textContent = '';
    const ok = await this.app.media.useDevice(kind, select.value);
    if (!ok) {
      localize(status, this.app.media.error ?? 'media.failed');
      select.value = this.app.media.deviceId(kind) ?? '';
    }
  }

  /** Play every remote sound (and what plays later) on the speakers `deviceId`. */
  chooseSpeakers(deviceId) {
    this.sinkId = deviceId;
    for (const element of document.querySelectorAll('audio, video')) this.sink(element);
    if (!this.observer) {
      this.observer = new MutationObserver((changes) => {
        for (const change of changes) {
          for (const node of change.addedNodes) {
            if (!(node instanceof Element)) continue;
            if (node.matches('audio, video')) this.sink(node);
            for (const element of node.querySelectorAll('audio, video')) this.sink(element);
          }
        }
      });
      this.observer.observe(document.body, { childList: true, subtree: true });
    }
  }

  /** Play `element` (a media element, or an AudioContext: the pre-call test's tone) on the
   * chosen speakers. */
  sink(element) {
    if (!this.sinkId || element.sinkId === this.sinkId || !element.setSinkId) return;
    element.setSinkId(this.sinkId).catch(() => {
      localize($('settings-status'), 'settings.speakerFailed');
    });
  }
}
