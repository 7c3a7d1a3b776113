// The room page's side of the embedding API (see embed.js), Whereby's postMessage protocol:
// when the page runs inside an iframe and was given `embedOrigin`, it accepts commands
// `{command, args}` only from its parent window at that origin and posts its events
// `{type, payload}` only to that origin. Anything else is ignored (and counted, for tests);
// a well-formed command for a feature Fjord lacks is ignored with a console warning. The
// page sends `ready` itself (room.js) once its devices are started and commands apply. The
// CSP frame-ancestors of the page makes sure the parent really is one of the organization's
// allowed origins.

const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:[0-9]{1,5})?$/;

/** Whereby commands of features Fjord does not have (streaming, transcription, ...). */
const UNSUPPORTED = new Set([
  'start_streaming', 'stop_streaming',
  'start_live_transcription', 'stop_live_transcription', 'toggle_breakout',
]);

/** Commands whose one argument is `enabled`/`open`: a boolean sets, nothing flips. */
const TOGGLES = new Set([
  'toggle_camera', 'toggle_microphone', 'toggle_screenshare', 'toggle_chat', 'toggle_people',
]);

/**
 * @param {{app: object, commands: Record<string, (arg?: unknown) => void>}} options
 *   app: the RoomApp (its `listeners` receive page events);
 *   commands: the handlers of toggle_camera, toggle_microphone, ... by name; each gets the
 *   command's first argument (`enabled` for the toggles, undefined to flip).
 * @returns {{ignored: () => number, origin: string|null}}
 */
export function startEmbedBridge({ app, commands }) {
  const params = new URLSearchParams(window.location.search);
  const origin = (params.get('embedOrigin') || '').toLowerCase();
  const state = { ignored: 0 };
  if (window.parent === window || !ORIGIN.test(origin)) {
    return { ignored: () => state.ignored, origin: null };
  }
  const post = (type, payload) => {
    window.parent.postMessage({ type, payload }, origin);
  };
  app.listeners.add(post);
  window.addEventListener('message', (event) => {
    const msg = event.data;
    const name = msg && typeof msg.command === 'string' ? msg.command : null;
    if (event.source !== window.parent || event.origin !== origin || name === null) {
      state.ignored += 1;
      return;
    }
    if (msg.args !== undefined && !Array.isArray(msg.args)) {
      // {command: 'toggle_camera', args: false} must not flip the camera on: args is a list.
      state.ignored += 1;
      console.warn(`fjord: command ${name}: args must be a list, not `
        + `${JSON.stringify(msg.args)}; ignored`);
      return;
    }
    if (Object.hasOwn(commands, name)) {
      const args = msg.args ?? [];
      if (TOGGLES.has(name) && args[0] !== undefined && typeof args[0] !== 'boolean') {
        // toggleCamera("false") must not turn the camera on: a toggle takes a boolean or
        // nothing (flip), as Whereby's element documents.
        state.ignored += 1;
        console.warn(`fjord: command ${name} takes true, false or nothing, not `
          + `${JSON.stringify(args[0])}; ignored`);
        return;
      }
      commands[name](args[0]);
    } else {
      state.ignored += 1;
      if (UNSUPPORTED.has(name)) console.warn(`fjord: command ${name} is not supported; ignored`);
    }
  });
  return { ignored: () => state.ignored, origin };
}
