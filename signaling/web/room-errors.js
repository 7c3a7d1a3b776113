// What the meeting page says when the server ends or refuses its session, by error code
// (docs/signaling.md, "Errors"): which codes end it, which are retried, which only notify.
// The words are the catalog's (i18n.js), by key: the page translates the code, never the
// server's own message.

/**
 * Final errors, each with the key of its sentence: retrying cannot help, so the session
 * ends with this sentence and the socket is not reconnected. Besides these, any error that
 * answers the `join` (before `joined`) is final unless it is in RETRYABLE_ERRORS: the
 * server refused the join itself, and sending the same join again would be refused again
 * (see onError).
 */
export const FATAL_ERRORS = Object.fromEntries([
  'room_full', 'too_many_knocks', 'invalid_room_key', 'meeting_ended', 'room_not_found',
  'knock_rejected', 'removed', 'e2ee_required', 'e2ee_unavailable',
].map((code) => [code, `error.${code}`]));

/** A browser that cannot encrypt frames is refused before it joins an E2EE room. */
export const E2EE_UNSUPPORTED = 'error.e2ee_unsupported';

/** A join refused for any other reason (bad_message, too_large, ...), in plain words. */
export const JOIN_REFUSED = 'error.join_refused';
export const NAME_REFUSED = 'error.name_refused';

/**
 * Retryable errors: the session goes on, or the socket reconnects (with backoff) and joins
 * again. `unavailable`: the server could not take the join now and closes the socket;
 * `transport_failed` (client-side): the media path to the SFU broke; `rate_limited`: a
 * message was dropped; `media_lost` (group rooms): the transports are rebuilt in place.
 */
export const RETRYABLE_ERRORS = new Set([
  'unavailable', 'transport_failed', 'rate_limited', 'media_lost',
]);

/** Other error codes, shown as a passing notice (the key of its sentence):
 * too_many_spotlights when another host filled the spotlight first, or a page's
 * autoSpotlight found it full. */
export const NOTICES = Object.fromEntries([
  'sfu_error', 'publish_failed', 'subscribe_failed', 'rate_limited', 'forbidden',
  'chat_disabled', 'too_many_spotlights',
].map((code) => [code, `notice.${code}`]));
