// What the meeting page says when the server ends or refuses its session, by error code
// (docs/signaling.md, "Errors"): which codes end it, which are retried, which only notify.

import { MAX_SPOTLIGHTS, SPOTLIGHT_TEXT } from './spotlight.js';

/**
 * Final errors: retrying cannot help, so the session ends with this sentence and the socket
 * is not reconnected. Besides these, any error that answers the `join` (before `joined`)
 * is final unless it is in RETRYABLE_ERRORS: the server refused the join itself, and sending
 * the same join again would be refused again (see onError).
 */
export const FATAL_ERRORS = {
  room_full: 'This meeting is full. Normal rooms hold at most 4 people.',
  too_many_knocks: 'Too many people from your network are already waiting to be let into '
    + 'this meeting. Try again once a host has answered them.',
  invalid_room_key: 'This meeting link is not valid (it may have expired). Ask for a new link.',
  meeting_ended: 'This meeting has ended.',
  room_not_found: 'This meeting does not exist. Check the link.',
  knock_rejected: 'A host did not let you in.',
  removed: 'A host removed you from the meeting.',
  e2ee_required: 'This meeting is end-to-end encrypted and its settings changed since this '
    + 'page opened. Reload the page to join.',
  e2ee_unavailable: 'This meeting is no longer end-to-end encrypted, so this page did not '
    + 'join it. Reload the page to join without end-to-end encryption.',
};

/** A browser that cannot encrypt frames is refused before it joins an E2EE room. */
export const E2EE_UNSUPPORTED = 'This meeting is end-to-end encrypted, and this browser cannot '
  + 'encrypt audio and video (it lacks WebRTC encoded transforms). Join from a current '
  + 'Chromium-based browser or Firefox.';

/** A join refused for any other reason (bad_message, too_large, ...), in plain words. */
export const JOIN_REFUSED = 'The meeting server refused to let you join. Check the link, or ask '
  + 'for a new one.';
export const NAME_REFUSED = 'Your name cannot be used. A name must not be blank, must not contain '
  + 'control characters, bidirectional overrides or any of $ ! < > : ;, and has at most 100 '
  + 'characters.';

/**
 * Retryable errors: the session goes on, or the socket reconnects (with backoff) and joins
 * again. `unavailable`: the server could not take the join now and closes the socket;
 * `transport_failed` (client-side): the media path to the SFU broke; `rate_limited`: a
 * message was dropped; `media_lost` (group rooms): the transports are rebuilt in place.
 */
export const RETRYABLE_ERRORS = new Set([
  'unavailable', 'transport_failed', 'rate_limited', 'media_lost',
]);

/** Other error codes, shown as a passing notice. */
export const NOTICES = {
  sfu_error: 'The media server could not set up your audio and video. Try leaving and joining again.',
  publish_failed: 'Your audio and video could not be sent. Try leaving and joining again.',
  subscribe_failed: 'The others\u2019 audio and video could not be received. Try rejoining.',
  rate_limited: 'Too many actions at once; some were ignored.',
  forbidden: 'Only hosts can do that.',
  chat_disabled: 'Chat is turned off in this meeting.',
  // another host filled the spotlight first, or a page's autoSpotlight found it full
  too_many_spotlights: SPOTLIGHT_TEXT.full(MAX_SPOTLIGHTS),
};
