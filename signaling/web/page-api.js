// The meeting page's faces to the outside: the commands an embedding page may send
// (embed-bridge.js, Whereby's postMessage API) and the read-only `window.fjord` view of the
// page's state, for tests and embedders.

import { PANES } from './device-settings.js';
import { startEmbedBridge } from './embed-bridge.js';
import { SfuSession } from './group.js';
import { P2PMesh } from './mesh.js';

/** A toggle command's `enabled` argument: undefined flips, a boolean sets. */
const differs = (enabled, now) => typeof enabled !== 'boolean' || enabled !== now;

/**
 * Start the embed bridge for `app` (a RoomApp) and define `window.fjord` (not writable,
 * not configurable).
 */
export function exposePage(app) {
  /** Send what only a participant in the call can ask; before the join or after leaving,
   * say why nothing happens. */
  const inCall = (command, message) => {
    if (app.phase === 'in-call' && app.socket) app.socket.send(message);
    else console.warn(`fjord: ${command}: not in the meeting; ignored`);
  };
  const embed = startEmbedBridge({
    app,
    commands: {
      toggle_camera: (on) => {
        if (!app.whereby.cameraAccess) {
          console.warn('fjord: cameraAccess=off: the camera is not used; toggle_camera ignored');
          return;
        }
        if (differs(on, app.media.cameraOn)) app.controls.toggleCamera();
      },
      toggle_microphone: (on) => differs(on, app.media.micOn) && app.controls.toggleMic(),
      toggle_screenshare: (on) => differs(on, !!app.media.screenTrack)
        && app.controls.toggleScreenshare(),
      toggle_chat: (open) => app.controls.togglePanel('chat', 'chat_toggle', open),
      toggle_people: (open) => app.controls.togglePanel('people', 'people_toggle', open),
      leave_room: () => app.leave(),
      leave: () => app.leave(),
      knock: () => {
        if (app.phase === 'precall') app.precall.submitName('Guest');
        else console.warn('fjord: knock: not on the pre-call screen; ignored');
      },
      cancel_knock: () => {
        if (app.phase === 'knocking') app.leave();
        else console.warn('fjord: cancel_knock: not waiting to be let in; ignored');
      },
      end_meeting: () => {
        // Whereby: the local user "needs to be a host in the room".
        if (app.role === 'host') app.endMeeting();
        else console.warn('fjord: end_meeting: only a host in the meeting can end it; ignored');
      },
      open_settings: (pane) => {
        // Whereby's panes; Fjord's settings are its media pane (the devices)
        if (pane !== undefined && pane !== null && pane !== 'media') {
          const known = PANES.includes(pane) ? 'is not supported' : 'is unknown';
          console.warn(`fjord: openSettings: the pane ${JSON.stringify(pane)} ${known} (Fjord `
            + 'has the media pane only); ignored');
        } else if (!app.whereby.settingsButton) {
          console.warn('fjord: openSettings: settingsButton=off hides the settings; ignored');
        } else {
          app.settings.open();
        }
      },
      start_recording: () => inCall('start_recording', { type: 'start-recording' }),
      stop_recording: () => inCall('stop_recording', { type: 'stop-recording' }),
    },
  });

  /** Read-only view of the page's state, for tests and embedders. */
  const api = Object.freeze({
    get selfId() { return app.selfId; },
    get role() { return app.role; },
    get topology() { return app.topology; },
    get phase() { return app.phase; },
    get roomName() { return app.roomName; },
    get lastError() { return app.lastError; },
    get micOn() { return app.media.micOn; },
    get cameraOn() { return app.media.cameraOn; },
    get locked() { return app.locked; },
    get recording() { return app.recording; },
    /** precallCeremony=on: each step's status (`running`, `passed`, `failed`, `skipped`),
     * else null. */
    get precallCeremony() { return app.precall.ceremony?.results() ?? null; },
    /** 'websocket', or 'polling' after falling back to HTTPS long-polling. */
    get transport() { return app.socket ? app.socket.transport : null; },
    get screenSharing() { return app.media.screenTrack !== null; },
    /** Group rooms: times the media transports were rebuilt after `media_lost`. */
    get mediaRestarts() { return app.engine instanceof SfuSession ? app.engine.restarts : 0; },
    /** postMessage commands ignored (wrong sender or origin, a toggle's argument that is no
     * boolean) when embedded. */
    embedIgnored: () => embed.ignored(),
    errors: () => [...app.errors],
    participants: () => [...app.participants.byId.values()].map((p) => ({ ...p })),
    /** Knockers a host sees: [{id, displayName}]. */
    knocks: () => [...app.people.knocks.values()].map((k) => ({ ...k })),
    /** Chat messages on screen: [{id, from, displayName, text}]. */
    chatMessages: () => app.chat.all(),
    peerConnections: () => (app.engine ? app.engine.peerConnections() : []),
    /** Normal rooms: [{participantId, status, failures, iceRestarts}] of every P2P link. */
    peerLinks: () => (app.engine instanceof P2PMesh ? app.engine.linkStatus() : []),
    /** End-to-end encrypted rooms: `{safetyCode, keyId}` (this page's frame key id), else null. */
    get e2ee() {
      return app.e2ee ? { safetyCode: app.safetyCode, keyId: app.e2ee.keyId } : null;
    },
    /** E2EE rooms: frames `{encrypted, decrypted, dropped}` so far (a promise), else null. */
    e2eeCounters: () => (app.e2ee ? app.e2ee.counters() : null),
    /** Group rooms: the participant id of the last `active-speaker` event, or null. */
    get activeSpeaker() { return app.participants.activeSpeaker; },
    /** Group rooms: the last 50 `active-speaker` events, [{participantId, at}] (`at`: ms). */
    activeSpeakerChanges: () => app.participants.activeSpeakerChanges.map((c) => ({ ...c })),
    /** Participant ids of the remote tiles in the order shown (CSS `order`, then DOM). */
    tileOrder: () => [...app.grid.tiles.values()].filter((t) => t.id !== 'self')
      .sort((a, b) => Number(a.el.style.order) - Number(b.el.style.order)).map((t) => t.id),
    /** Participant ids in the spotlight, in the order a host put them there. */
    spotlights: () => [...app.spotlight.ids],
    /** Group rooms: the pinned participant ids. */
    pinned: () => [...app.grid.pinned],
    /** Participant id of the highlighted (speaking) tile, or null. */
    speakingTile: () => [...app.grid.tiles.values()]
      .find((t) => t.el.classList.contains('tile--speaking'))?.id ?? null,
    /** Meeting diagnostics: `{rounds, pending}`, the rounds of getStats() done so far and
     * whether one is running or due (a timer); null with callQualityMonitoring=off. Nothing is
     * pending while the page is hidden or out of the call. */
    diagnostics: () => {
      const d = app.controls.diagnostics;
      return d ? { rounds: d.rounds, pending: d.busy || d.timer !== null } : null;
    },
    /** [{participantId, kind, trackId}] of every remote track shown in a tile. */
    remoteTracks: () => app.grid.remoteTracks(),
  });
  Object.defineProperty(window, 'fjord', { value: api, writable: false, configurable: false });
}
