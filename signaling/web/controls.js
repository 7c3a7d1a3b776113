// The page's buttons and dialogs: microphone and camera (on the pre-call screen and in the
// call), screen sharing, leave, the host's lock, local recording and end meeting (after a
// confirmation), the first host's recording prompt, the side panels that embed commands
// open and close, the button that starts remote sound a browser kept muted, and the top
// bar's meeting timer (Whereby's timer=on) and meeting diagnostics (Whereby's
// callQualityMonitoring, diagnostics.js). Toggle changes are told to an embedding page
// (Whereby's microphone_toggle, ...).

import { CallDiagnostics } from './diagnostics.js';
import { localize, t } from './i18n.js';
import { LocalRecording } from './local-recording.js';
import { MeetingTimer } from './meeting-timer.js';

const $ = (id) => document.getElementById(id);

export class Controls {
  /** @param {object} app the RoomApp (room.js): its media, grid, chat, socket, role, state */
  constructor(app) {
    this.app = app;
    this.localRecording = new LocalRecording($('grid'));
    /** Toggle states last told to embedders (camera_toggle, ...): name -> boolean. */
    this.reported = {};
    this.soundButton = null;
    /** The meeting diagnostics, unless callQualityMonitoring=off. @type {CallDiagnostics|null} */
    this.diagnostics = null;
  }

  bind() {
    const app = this.app;
    const toggleMic = () => this.toggleMic();
    const toggleCamera = () => this.toggleCamera();
    $('precall-mic').addEventListener('click', toggleMic);
    $('mic-button').addEventListener('click', toggleMic);
    $('precall-cam').addEventListener('click', toggleCamera);
    $('cam-button').addEventListener('click', toggleCamera);
    $('leave-button').addEventListener('click', () => app.leave());
    $('waiting-leave').addEventListener('click', () => app.leave());
    $('screen-button').addEventListener('click', () => this.toggleScreenshare());
    $('lock-button').addEventListener('click', () => {
      app.socket?.send({ type: 'lock', locked: !app.locked });
    });
    // Ending the meeting sends everyone out: ask first, in the page (window.confirm is
    // blocked or unreliable inside an iframe).
    const endDialog = $('end-dialog');
    $('record-button').addEventListener('click', () => this.toggleLocalRecording());
    $('end-button').addEventListener('click', () => {
      if (app.role !== 'host' || endDialog.open) return;
      endDialog.showModal();
      // Focused here, not by an autofocus attribute: Chromium refuses those (with a
      // console error) in a page embedded by another origin, as the customer's page does.
      $('end-cancel').focus();
    });
    $('end-confirm').addEventListener('click', () => {
      endDialog.close();
      app.endMeeting();
    });
    $('end-cancel').addEventListener('click', () => endDialog.close());
    // startTrigger "prompt": the first host is asked once (`joined.recordingPrompt`).
    const recordingPrompt = $('recording-prompt');
    $('recording-prompt-start').addEventListener('click', () => {
      recordingPrompt.close();
      app.socket?.send({ type: 'start-recording' });
    });
    $('recording-prompt-later').addEventListener('click', () => recordingPrompt.close());
    $('rejoin-button').addEventListener('click', () => window.location.reload());
    if (app.whereby.timer) new MeetingTimer($('meeting-timer')).follow(app);
    if (app.whereby.callQualityMonitoring) this.diagnostics = new CallDiagnostics(app).follow();
  }

  renderToggles() {
    const media = this.app.media;
    const mic = media.micOn;
    const cam = media.cameraOn;
    // The pre-call toggles name the state ("Mic off"): a toggle button, pressed when on.
    // The call's name what a press does ("Unmute"): plain buttons, since "Mute, pressed"
    // was read out while the microphone was on (data-state styles them).
    for (const [id, on, onText, offText] of [
      ['precall-mic', mic, 'precall.micOn', 'precall.micOff'],
      ['precall-cam', cam, 'precall.cameraOn', 'precall.cameraOff'],
    ]) {
      localize($(id), on ? onText : offText);
      $(id).setAttribute('aria-pressed', String(on));
    }
    const sharing = !!media.screenTrack;
    for (const [id, on, onText, offText] of [
      ['mic-button', mic, 'call.mute', 'call.unmute'],
      ['cam-button', cam, 'call.stopCamera', 'call.startCamera'],
      ['screen-button', sharing, 'call.stopSharing', 'call.shareScreen'],
    ]) {
      localize($(id), on ? onText : offText);
      $(id).dataset.state = on ? 'on' : 'off';
    }
    const viewer = this.app.isViewer;
    const screen = $('screen-button');
    screen.disabled = viewer;
    $('mic-button').disabled = viewer || !media.audioTrack;
    $('precall-mic').disabled = viewer || !media.audioTrack;
    $('precall-cam').disabled = viewer;
    $('cam-button').disabled = viewer;
    this.report('microphone_toggle', 'enabled', mic);
    this.report('camera_toggle', 'enabled', cam);
    this.report('screenshare_toggle', 'enabled', !!media.screenTrack);
  }

  /** Tell embedders `type` ({[key]: value}) when a toggle's state changed since last told. */
  report(type, key, value) {
    if (this.reported[type] === value) return;
    const first = !(type in this.reported);
    this.reported[type] = value;
    if (!first) this.app.emit(type, { [key]: value });
  }

  toggleMic() {
    const app = this.app;
    if (app.isViewer) return;
    app.media.setMic(!app.media.micOn);
    this.renderToggles();
    this.announceState('mic', app.media.micOn);
  }

  async toggleCamera() {
    const app = this.app;
    if (app.isViewer) return;
    await app.media.setCamera(!app.media.cameraOn);
    if (app.media.error && !app.media.cameraOn) app.notify(app.media.error);
    this.renderToggles();
    this.announceState('camera', app.media.cameraOn);
  }

  /** In the call, a screen reader hears the state a button press left ("Microphone off");
   * `device`: `mic` or `camera`. */
  announceState(device, on) {
    const key = `announce.${device === 'mic' ? 'mic' : 'camera'}${on ? 'On' : 'Off'}`;
    if (this.app.phase !== 'precall') this.app.announce(t(key));
  }

  async toggleScreenshare() {
    const app = this.app;
    if (app.isViewer || app.engine === null) return;
    if (app.media.screenTrack) {
      app.media.stopScreen();
    } else if (!(await app.media.startScreen()) && app.media.error) {
      app.notify(app.media.error);
    }
    this.renderToggles(); // (a share that starts or stops is announced by RoomApp)
  }

  /**
   * Embed commands toggle_chat and toggle_people: show or hide a side panel (a boolean
   * sets, anything else flips). A panel that `chat=off` / `people=off` / `minimal` hid
   * counts as closed and opens on the command, as Whereby's panes do when the customer's
   * own button asks for them; the event says whether the panel is now shown. Chat the
   * organization turned off never opens.
   */
  togglePanel(id, type, open) {
    if (id === 'chat' && !this.app.chat.enabled) {
      // The organization turned chat off: the panel stays shut, and the event says so.
      console.warn('fjord: chat is off for this organization; toggle_chat ignored');
      this.app.emit(type, { open: false });
      return;
    }
    const panel = $(id);
    const shown = !panel.hidden && panel.dataset.wherebyHidden !== 'true';
    const show = typeof open === 'boolean' ? open : !shown;
    panel.hidden = !show;
    if (show) delete panel.dataset.wherebyHidden;
    this.app.emit(type, { open: show });
  }

  renderHostControls() {
    const app = this.app;
    const host = app.role === 'host';
    $('lock-button').hidden = !host;
    $('end-button').hidden = !host;
    $('record-button').hidden = !(host && app.recordingType === 'local');
    localize($('record-button'), this.localRecording.active ? 'call.stopRecording'
      : 'call.record');
    localize($('lock-button'), app.locked ? 'call.unlock' : 'call.lock');
  }

  /** Host, local recording: start or stop recording the meeting view in this browser. */
  async toggleLocalRecording() {
    const app = this.app;
    if (this.localRecording.active) {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      await this.localRecording.stop(`${app.roomName}-${stamp}.webm`);
    } else {
      this.localRecording.start(app.media.audioTrack ? [app.media.audioTrack] : []);
    }
    app.socket?.send({ type: 'local-recording', active: this.localRecording.active });
    this.renderHostControls();
  }

  /** The browser would not play remote sound before a click: offer a button for it. */
  offerSound() {
    if (this.soundButton) return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'btn btn--primary sound-button';
    localize(button, 'call.hearOthers');
    button.addEventListener('click', () => {
      this.app.grid.unmuteRemote();
      const hadFocus = document.activeElement === button;
      button.remove();
      this.soundButton = null;
      // A keyboard user would be left on nothing (the page's start): back to the call.
      if (hadFocus) $('call-title').focus();
    });
    this.soundButton = button;
    $('call').append(button);
    // Seen at once, but a screen reader would not find it without being told.
    this.app.announce(t('announce.soundBlocked', { button: { key: 'call.hearOthers' } }));
  }
}
