// The room page's side of the embedding API (see embed.js): when the page runs inside an
// iframe and was given `embedOrigin`, it accepts commands only from its parent window at
// that origin and posts its events only to that origin. Anything else is ignored (and
// counted, for tests). The CSP frame-ancestors of the page makes sure the parent really is
// one of the organization's allowed origins.

const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:[0-9]{1,5})?$/;

/**
 * @param {{app: object, commands: Record<string, () => void>}} options
 *   app: the RoomApp (its `listeners` receive page events);
 *   commands: the handlers of toggle_camera, toggle_microphone, ... by name.
 * @returns {{ignored: () => number, origin: string|null}}
 */
export function startEmbedBridge({ app, commands }) {
  const params = new URLSearchParams(window.location.search);
  const origin = (params.get('embedOrigin') || '').toLowerCase();
  const state = { ignored: 0 };
  if (window.parent === window || !ORIGIN.test(origin)) {
    return { ignored: () => state.ignored, origin: null };
  }
  const post = (event, data) => {
    window.parent.postMessage({ type: 'fjord-event', event, data }, origin);
  };
  app.listeners.add(post);
  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (event.source !== window.parent || event.origin !== origin
        || !msg || msg.type !== 'fjord-command' || !(msg.command in commands)) {
      state.ignored += 1;
      return;
    }
    commands[msg.command]();
  });
  post('ready', {});
  return { ignored: () => state.ignored, origin };
}
