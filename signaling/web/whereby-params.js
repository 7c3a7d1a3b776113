// Whereby's room URL parameters that match a Fjord feature (docs/whereby-compatibility.md),
// and the room's theme (colors, logo, backgrounds) set through the REST API.
// displayName, audio, video and precallReview are read by precall.js, roomKey by room.js;
// cameraAccess=off is read here and makes precall.js never ask for the camera; aec, agc and
// audioDenoiser are read here and are the microphone's constraints (media.js); timer=on is
// the top bar's timer (meeting-timer.js, started by controls.js); lowData=on lowers the
// camera (media.js) and what group rooms receive (viewport.js). highlightActiveSpeaker=off
// (grid.js), floatSelf and autoHideSelfView (self-view.js), toolbarText=off (toolbar.js;
// also hideLegend, its deprecated name), toolbarDarkText, topToolbar=off and bottomToolbar=off
// mark the page here.
// chatDownload=on keeps the chat's transcript (chat-transcript.js, made by room.js);
// precallPermissionHelpLink (https only) is offered by precall.js when the devices cannot be
// captured. reactions=off and emojiSkinTone are read here and used by reactions.js.
// autoSpotlight makes a host's page spotlight itself (spotlight.js).
// avatarUrl is sent in the join (room.js) and shown by avatar.js;
// emptyRoomInvitation=off (and minimal) hide invitation.js's panel.
// callQualityMonitoring (on unless off) is the meeting diagnostics (diagnostics.js,
// made by controls.js); off also hides its button and panel here.
// precallCeremony=on (and precallCeremonyCanSkip=on) run the device and connectivity test
// on the pre-call screen (precall-ceremony.js).
// lang is read by language-picker.js, and localization=off hides its picker.

import { SKIN_TONES } from './reactions.js';
import { linkParameter, linkSaysOff } from './room-inputs.js';
import { autoHideSelfView, floatSelfView } from './self-view.js';
import { iconOnlyToolbar } from './toolbar.js';

const $ = (id) => document.getElementById(id);

/**
 * The values of externalId and metadata the server takes (docs/signaling.md, `join`):
 * externalId in Whereby's format (letters, digits, `-` and `_`, at most 36: "strings not in
 * this format will be rejected"), metadata of at most 1000 characters without control
 * characters other than line breaks and tabs, or bidirectional controls. Another value is
 * not used, with a console warning naming it: sent, it would keep the participant out. So is
 * one the link gives twice or not percent-encoded as UTF-8 (linkParameter).
 */
const VALID = {
  externalId: (value) => /^[A-Za-z0-9_-]{1,36}$/.test(value),
  // Whereby's precallPermissionHelpLink, and the misspelt name its embed element passes: a
  // page opened from the pre-call screen, https only (never javascript: or data:).
  precallPermissionHelpLink: (value) => httpsUrl(value) !== null,
  precallPermissionsHelpLink: (value) => httpsUrl(value) !== null,
  metadata: (value) => Array.from(value).length <= 1000 // code points, as the server counts
    && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
      .test(value),
  // Whereby's element passes any string and documents no values: Fjord's names of the five
  // Fitzpatrick modifiers, and `default` (none).
  emojiSkinTone: (value) => Object.hasOwn(SKIN_TONES, value),
};
const RULES = {
  externalId: 'at most 36 letters, digits, - and _',
  precallPermissionHelpLink: 'an https:// URL',
  precallPermissionsHelpLink: 'an https:// URL',
  metadata: 'at most 1000 characters, no control characters but line breaks and tabs',
  emojiSkinTone: `one of the values ${Object.keys(SKIN_TONES).join(', ')}`,
};
/** `value` as an absolute https URL (its parsed href), or null. */
function httpsUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Whereby's on/off parameters that Fjord honours. Each is read once (linkSaysOff): given
 * twice, which value the link meant is unknown, so it is not used (on) and a warning names
 * it, as every other parameter the page reads (linkParameter). */
const ON_OFF = ['audio', 'video', 'precallReview', 'chat', 'people', 'leaveButton',
  'screenshare', 'participantCount', 'locking', 'logo', 'background', 'cameraAccess',
  'aec', 'agc', 'audioDenoiser', 'highlightActiveSpeaker', 'timer', 'lowData', 'toolbarText',
  'chatDownload', 'topToolbar', 'bottomToolbar', 'subgridLabels', 'reactions',
  'emptyRoomInvitation', 'callQualityMonitoring', 'precallCeremony', 'precallCeremonyCanSkip',
  'localization', 'settingsButton', 'pipButton'];
// subgridLabels ("name labels for participants in the subgrid"): Fjord has no subgrid and
// every tile of its one grid shows the participant's name, so `on` is already so and `off`
// has nothing to take labels from (Whereby's main grid keeps them too): nothing to do.

/**
 * The browser's audio processing each parameter turns on or off (getUserMedia constraints).
 * Whereby's noise reduction is its own, and needs echo cancellation and gain control on;
 * Fjord's is the browser's noise suppression, which runs without them: each parameter sets
 * its own constraint only (`aec=off&audioDenoiser=on`: no echo cancellation, noise
 * suppression on). Like the other on/off parameters, a value other than on or off is on.
 */
const AUDIO_PROCESSING = {
  aec: 'echoCancellation',
  agc: 'autoGainControl',
  audioDenoiser: 'noiseSuppression',
};

/**
 * The microphone's getUserMedia constraints: `true` (the browser's defaults, all three on)
 * when the link gives none of aec, agc and audioDenoiser, else all three, each off only when
 * its parameter is `off`. All three: Chromium takes `echoCancellation: false` alone as
 * turning gain control and noise suppression off too, and `aec=off` is echo cancellation
 * only.
 * @param {string} search the page's location.search
 * @returns {true|MediaTrackConstraints}
 */
function audioConstraints(search) {
  const names = Object.keys(AUDIO_PROCESSING);
  if (!names.some((name) => linkParameter(search, name).value !== null)) return true;
  return Object.fromEntries(names.map((name) => [AUDIO_PROCESSING[name],
    !linkSaysOff(search, name)]));
}

/**
 * Whether the link gives the parameter `name` once, as anything but `off` (Whereby writes
 * its flags without a value: `floatSelf`): a parameter hidden unless asked for.
 * @param {string} search the page's location.search
 * @param {string} name
 */
function linkSaysOn(search, name) {
  const { value } = linkParameter(search, name);
  return value !== null && value !== 'off';
}

/** `param=off` hides these elements (Whereby: "Hide the ... button/panel"). */
const HIDDEN_WHEN_OFF = {
  chat: ['chat'],
  people: ['people'],
  leaveButton: ['leave-button'],
  screenshare: ['screen-button'],
  participantCount: ['participant-count'],
  locking: ['lock-button'],
  // Whereby's settings button: the devices dialog's, on the pre-call screen and in the call
  settingsButton: ['precall-settings', 'settings-button'],
  // Whereby's picture-in-picture button (picture-in-picture.js)
  pipButton: ['pip-button'],
  // Whereby: "Camera permissions are not requested or used at all": no camera controls.
  cameraAccess: ['precall-cam', 'cam-button'],
  // The panel shown while the page is alone in the room (invitation.js); on by default.
  emptyRoomInvitation: ['empty-room-invitation'],
  // Whereby: "Show/hide the meeting diagnostics button, sidebar, and indicators" (the
  // indicators are never made: diagnostics.js does not run).
  callQualityMonitoring: ['diagnostics-button', 'diagnostics'],
};
/** Whereby's `minimal` (the embed element's `embed`): only the camera, microphone and
 * people controls stay (the others' reactions still show; Whereby's hides the top bar, and
 * with it the diagnostics button). */
const MINIMAL_HIDES = ['chat', 'screen-button', 'leave-button', 'participant-count',
  'reactions', 'empty-room-invitation', 'diagnostics-button', 'settings-button',
  'pip-button'];

/**
 * @param {string} search the page's query, as given (location.search)
 * @returns {{externalId: string|null, metadata: string|null, avatarUrl: string|null,
 *   logo: boolean,
 *   background: boolean, cameraAccess: boolean, audioConstraints: true|MediaTrackConstraints,
 *   timer: boolean, lowData: boolean, chatDownload: boolean, autoSpotlight: boolean,
 *   permissionHelpLink: string|null, reactions: boolean, emojiSkinTone: string|null,
 *   callQualityMonitoring: boolean, precallCeremony: boolean,
 *   precallCeremonyCanSkip: boolean, localization: boolean}} what the join, the theme, the
 *   camera, the microphone, the top bar, the received video, the reactions, the meeting
 *   diagnostics, the pre-call test and the language picker use (cameraAccess false: the
 *   camera is never asked for, turned on or shown; reactions false: none sent or shown)
 */
export function readWherebyParams(search) {
  const text = (name) => {
    const { value } = linkParameter(search, name);
    return value && VALID[name](value) ? value : null;
  };
  return {
    externalId: text('externalId'),
    metadata: text('metadata'),
    // Checked by the server, which alone knows the allowed avatar domains: one it refuses
    // comes back as a `warning` naming avatarUrl (logged), and the page joins without it.
    avatarUrl: linkParameter(search, 'avatarUrl').value || null,
    logo: !linkSaysOff(search, 'logo'),
    background: !linkSaysOff(search, 'background'),
    cameraAccess: !linkSaysOff(search, 'cameraAccess'),
    audioConstraints: audioConstraints(search),
    // Hidden unless asked for: Whereby's documentation gives no default.
    timer: linkSaysOn(search, 'timer'),
    // A lower resolution: the camera captured at 320x180 (media.js), others' cameras
    // received at their lowest simulcast encoding in group rooms (viewport.js).
    lowData: linkSaysOn(search, 'lowData'),
    // The chat this page saw, downloadable (chat-transcript.js); off unless asked for.
    chatDownload: linkSaysOn(search, 'chatDownload'),
    // A host's page spotlights itself at each join (spotlight.js); a flag, as floatSelf.
    autoSpotlight: linkSaysOn(search, 'autoSpotlight'),
    // The meeting diagnostics: Whereby documents it as show/hide, without a default.
    callQualityMonitoring: !linkSaysOff(search, 'callQualityMonitoring'),
    // Offered on the pre-call screen when the camera or microphone cannot be captured
    // (precall.js): Whereby's name, else the misspelt one its embed element passes.
    permissionHelpLink: httpsUrl(text('precallPermissionHelpLink')
      ?? text('precallPermissionsHelpLink') ?? ''),
    // Off: no Reactions button, and the others' reactions not shown (reactions.js).
    reactions: !linkSaysOff(search, 'reactions'),
    // The skin tone of the hand reactions this page sends (reactions.js); null: default.
    emojiSkinTone: text('emojiSkinTone'),
    // The device and connectivity test (precall-ceremony.js): off unless asked for (Whereby's
    // documentation gives no default), and only with the pre-call screen ("a subset of the
    // Pre-call review").
    precallCeremony: linkSaysOn(search, 'precallCeremony')
      && !linkSaysOff(search, 'precallReview'),
    precallCeremonyCanSkip: linkSaysOn(search, 'precallCeremonyCanSkip'),
    // The language picker shows unless `off` (language-picker.js).
    localization: !linkSaysOff(search, 'localization'),
    // The devices dialog's buttons show unless `off` (device-settings.js).
    settingsButton: !linkSaysOff(search, 'settingsButton'),
  };
}

/** Whereby parameters of features Fjord lacks (docs/whereby-compatibility.md). Not
 * skipMediaPermissionPrompt: the page has no permission screen of its own and always asks the
 * browser at once, which is what that parameter asks for. */
const UNSUPPORTED = [
  'breakout', 'cameraEffect',
  'groups', 'help',
  'moreButton', 'personality', 'recording',
  'roomIntegrations',
  'virtualBackgroundUrl',
];

/** Whereby's `=off` parameters hiding a button Fjord's page does not have: `off` is already
 * so, taken without a warning; another value asks for the button and is warned about.
 * `help` (an attribute of Whereby's embed element, undocumented as a URL parameter) is
 * taken as its help button's switch: Fjord's page has none. */
const ABSENT = ['moreButton', 'help'];

/** Whereby's flags, written without a value (`floatSelf`): given once, on unless `off`.
 * hideLegend is Whereby's deprecated name of toolbarText=off (its embed element still passes
 * it on): taken as that, unless the link gives toolbarText, which wins. */
const FLAGS = ['floatSelf', 'autoHideSelfView', 'toolbarDarkText', 'hideLegend',
  'autoSpotlight'];

/** Hide what the parameters turn off; warn (console) about those Fjord cannot honour and
 * about values it does not use, naming each parameter. `search`: location.search. */
export function applyWherebyParams(params, search) {
  const ignored = UNSUPPORTED.filter((name) => params.has(name)
    && !(ABSENT.includes(name) && params.get(name) === 'off'));
  if (ignored.length > 0) {
    console.warn(`fjord: URL parameters not supported, ignored: ${ignored.join(', ')}`);
  }
  const given = {};
  for (const name of [...Object.keys(VALID), ...ON_OFF, ...FLAGS, 'minimal', 'embed',
    'avatarUrl']) {
    const { value, problem } = linkParameter(search, name);
    if (problem) {
      console.warn(`fjord: URL parameter ${name} not used: ${problem}`);
    } else if (value && VALID[name] && !VALID[name](value)) {
      console.warn(`fjord: URL parameter ${name} not used: it must have ${RULES[name]}`);
    } else if (value !== null) {
      given[name] = value;
    }
  }
  const notOnOff = ON_OFF.filter((name) => name in given && !['on', 'off'].includes(given[name]));
  if (notOnOff.length > 0) {
    console.warn(`fjord: URL parameters neither on nor off, taken as on: ${notOnOff.join(', ')}`);
  }
  const hidden = Object.entries(HIDDEN_WHEN_OFF)
    .filter(([name]) => given[name] === 'off').flatMap(([, ids]) => ids);
  const minimal = ['minimal', 'embed'].some((name) => name in given
    && !['off', 'false'].includes(given[name]));
  if (minimal) hidden.push(...MINIMAL_HIDES);
  for (const id of hidden) {
    const element = $(id);
    if (element) element.dataset.wherebyHidden = 'true';
  }
  // Read by the grid (grid.js highlightSpeaker): no outline on the active speaker's tile.
  if (given.highlightActiveSpeaker === 'off') $('grid').dataset.highlightSpeaker = 'off';
  const flag = (name) => name in given && given[name] !== 'off';
  if (flag('floatSelf')) {
    floatSelfView($('grid'));
    if (flag('autoHideSelfView')) autoHideSelfView($('grid'));
  } else if (flag('autoHideSelfView')) {
    console.warn('fjord: URL parameter autoHideSelfView not used: it needs floatSelf');
  }
  // Whereby: the test "is a subset of the Pre-call review: ... pre-call cannot be turned off".
  const ceremony = ['precallCeremony', 'precallCeremonyCanSkip'].filter(flag);
  if (ceremony.length > 0 && given.precallReview === 'off') {
    console.warn(`fjord: URL parameters not used: ${ceremony.join(', ')}: the device and `
      + 'connectivity test needs the pre-call screen, which precallReview=off turns off');
  } else if (flag('precallCeremonyCanSkip') && !flag('precallCeremony')) {
    console.warn('fjord: URL parameter precallCeremonyCanSkip not used: it needs '
      + 'precallCeremony=on');
  }
  const iconsOnly = 'toolbarText' in given ? given.toolbarText === 'off' : flag('hideLegend');
  if (iconsOnly) iconOnlyToolbar(document.querySelector('.controls'));
  // No top bar but what people must see (recording, safety code: room.css); no toolbar.
  if (given.topToolbar === 'off') document.querySelector('.call__header').dataset.bar = 'off';
  if (given.bottomToolbar === 'off') document.querySelector('.controls').dataset.bar = 'off';
  // Near-black labels on light fills (room.css), for a light room background.
  if (flag('toolbarDarkText')) document.querySelector('.controls').dataset.darkText = 'on';
}

const COLOR = /^#[0-9a-fA-F]{6}$/;
const IMAGE = /^image\/(png|jpeg|gif|webp)$/;

/** WCAG 2.1 relative luminance of a `#rrggbb` colour. */
function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const DARK_TEXT = '#111111';

/** The text colour, white or near-black, with the higher contrast on a `#rrggbb` fill. */
export function readableOn(hex) {
  const fill = luminance(hex);
  const onWhite = 1.05 / (fill + 0.05);
  const onDark = (fill + 0.05) / (luminance(DARK_TEXT) + 0.05);
  return onWhite >= onDark ? '#ffffff' : DARK_TEXT;
}

function imageUrl(part) {
  const image = part && part.image;
  if (!image || !IMAGE.test(image.mediaType) || typeof image.data !== 'string') return null;
  return `data:${image.mediaType};base64,${image.data}`;
}

/**
 * Fetch and apply the room's theme: colors as CSS variables, the logo in the header, the
 * background images on the call and knock screens (unless logo/background are off).
 * @param {string} roomName
 * @param {{logo: boolean, background: boolean}} options
 */
export async function applyRoomTheme(roomName, options) {
  let theme;
  try {
    const response = await fetch(`/v1/rooms/${encodeURIComponent(roomName)}/theme`);
    if (!response.ok) return;
    theme = await response.json();
  } catch {
    return; // no theme: the default look
  }
  const root = document.documentElement.style;
  const colors = theme.tokens || {};
  // The primary colour fills the primary buttons and draws the focus outlines; the text on
  // a filled button is white or near-black, whichever contrasts more with its fill, so a
  // light brand colour keeps the 4.5:1 of WCAG 2.1 AA (white on it could not).
  if (COLOR.test(colors.primary ?? '')) {
    root.setProperty('--accent', colors.primary);
    root.setProperty('--primary', colors.primary);
    root.setProperty('--on-primary', readableOn(colors.primary));
  }
  if (COLOR.test(colors.secondary ?? '')) root.setProperty('--panel', colors.secondary);
  if (COLOR.test(colors.focus ?? '')) {
    root.setProperty('--primary-hover', colors.focus);
    root.setProperty('--on-primary-hover', readableOn(colors.focus));
  }
  const logo = imageUrl(theme.logo);
  if (logo && options.logo) {
    const img = document.createElement('img');
    img.id = 'room-logo';
    img.className = 'call__logo';
    img.alt = '';
    img.src = logo;
    document.querySelector('.call__header')?.prepend(img);
  }
  if (!options.background) return;
  for (const [part, id] of [['room-background', 'call'],
    ['room-knock-page-background', 'waiting']]) {
    const url = imageUrl(theme[part]);
    if (url) $(id).style.backgroundImage = `url("${url}")`;
  }
}
