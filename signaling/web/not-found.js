// The page a browser gets for a room that does not exist (any more): a static 404 page.
//
// Inside <whereby-embed> (framed, with `embedOrigin`) it tells the embedding page with an
// `error` event {code: 'room_not_found'}, posted only to that origin. The page carries no
// personal data, so any site may frame it (its CSP says frame-ancestors *).

const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:[0-9]{1,5})?$/;

const origin = (new URLSearchParams(window.location.search).get('embedOrigin') || '')
  .toLowerCase();
if (window.parent !== window && ORIGIN.test(origin)) {
  window.parent.postMessage({ type: 'error', payload: { code: 'room_not_found' } }, origin);
}
