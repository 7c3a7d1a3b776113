// Whereby's room URL parameters that match a Fjord feature (docs/whereby-compatibility.md),
// and the room's theme (colors, logo, backgrounds) set through the REST API.
// displayName, audio, video, precallReview and roomKey are read by room.js itself.

const $ = (id) => document.getElementById(id);

/** Parameters of up to this many characters are used; longer ones are ignored. */
const MAX = { externalId: 36, metadata: 1000 };

/** `param=off` hides these elements (Whereby: "Hide the ... button/panel"). */
const HIDDEN_WHEN_OFF = {
  chat: ['chat'],
  people: ['people'],
  leaveButton: ['leave-button'],
  screenshare: ['screen-button'],
  participantCount: ['participant-count'],
  locking: ['lock-button'],
};
/** Whereby's `minimal` (the embed element's `embed`): only the camera, microphone and
 * people controls stay. */
const MINIMAL_HIDES = ['chat', 'screen-button', 'leave-button', 'participant-count'];

/**
 * @param {URLSearchParams} params the page's query
 * @returns {{externalId: string|null, metadata: string|null, logo: boolean,
 *   background: boolean}} what the join and the theme use
 */
export function readWherebyParams(params) {
  const text = (name) => {
    const value = params.get(name);
    return value && value.length <= MAX[name] ? value : null;
  };
  return {
    externalId: text('externalId'),
    metadata: text('metadata'),
    logo: params.get('logo') !== 'off',
    background: params.get('background') !== 'off',
  };
}

/** Whereby parameters of features Fjord lacks (docs/whereby-compatibility.md). */
const UNSUPPORTED = [
  'aec', 'agc', 'audioDenoiser', 'autoHideSelfView', 'autoSpotlight', 'avatarUrl',
  'bottomToolbar', 'breakout', 'callQualityMonitoring', 'cameraAccess', 'cameraEffect',
  'chatDownload', 'emptyRoomInvitation', 'floatSelf', 'groups', 'help',
  'highlightActiveSpeaker', 'lang', 'localization', 'lowData',
  'moreButton', 'pipButton', 'precallCeremony', 'precallCeremonyCanSkip',
  'precallPermissionHelpLink', 'precallPermissionsHelpLink', 'reactions', 'recording',
  'roomIntegrations', 'settingsButton', 'skipMediaPermissionPrompt', 'subgridLabels', 'timer',
  'toolbarDarkText', 'toolbarText', 'topToolbar', 'virtualBackgroundUrl',
];

/** Hide what the parameters turn off; warn (console) about those Fjord cannot honour. */
export function applyWherebyParams(params) {
  const ignored = UNSUPPORTED.filter((name) => params.has(name));
  if (ignored.length > 0) {
    console.warn(`fjord: URL parameters not supported, ignored: ${ignored.join(', ')}`);
  }
  const hidden = Object.entries(HIDDEN_WHEN_OFF)
    .filter(([name]) => params.get(name) === 'off').flatMap(([, ids]) => ids);
  const minimal = ['minimal', 'embed'].some((name) => params.has(name)
    && !['off', 'false'].includes(params.get(name)));
  if (minimal) hidden.push(...MINIMAL_HIDES);
  for (const id of hidden) {
    const element = $(id);
    if (element) element.dataset.wherebyHidden = 'true';
  }
}

const COLOR = /^#[0-9a-fA-F]{6}$/;
const IMAGE = /^image\/(png|jpeg|gif|webp)$/;

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
  if (COLOR.test(colors.primary ?? '')) root.setProperty('--accent', colors.primary);
  if (COLOR.test(colors.secondary ?? '')) root.setProperty('--panel', colors.secondary);
  if (COLOR.test(colors.focus ?? '')) root.setProperty('--accent-hover', colors.focus);
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
