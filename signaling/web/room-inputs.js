// What the meeting page reads from its user and its URL: the link's parameters as given, the
// display name as the server accepts it, the role a room key claims, the room name in the
// path; readLink, the link as the page reads it. Why a value cannot be used is given in
// English (console warnings, which stay English) and as a catalog key with its values (what
// the page says, in its language: i18n.js, lang-en.js `reason.*`). No import: the module
// stays pure, run alone under Node by the tests.

/**
 * The link's parameter `name` (from `search`, the page's `location.search`): its value, or
 * null and why it cannot be used. Given more than once, which value the link meant is
 * unknown (URLSearchParams.get takes the first, a server the last); not valid
 * percent-encoded UTF-8 (`%E0%A4%A`), URLSearchParams would turn the broken bytes into
 * U+FFFD and keep the rest, a value its sender never wrote. Not given: null, problem ''.
 * `reason`: the problem as a catalog key and its values (null: none).
 * @param {string} search
 * @param {string} name
 * @returns {{value: string|null, problem: string,
 *   reason: {key: string, args: object}|null}}
 */
export function linkParameter(search, name) {
  const values = [];
  for (const part of search.replace(/^\?/, '').split('&')) {
    // Keys are compared as URLSearchParams decodes them (display%4Eame is displayName); the
    // '&' keeps a part's own leading '?' (which the constructor would drop) in its key.
    const [entry] = new URLSearchParams(`&${part}`);
    if (entry && entry[0] === name) {
      const at = part.indexOf('=');
      values.push(at < 0 ? '' : part.slice(at + 1));
    }
  }
  if (values.length === 0) return { value: null, problem: '', reason: null };
  if (values.length > 1) {
    return refused(`the link gives ${name} ${values.length} times`,
      { key: 'reason.repeated', args: { name, count: values.length } });
  }
  try {
    return { value: decodeURIComponent(values[0].replace(/\+/g, ' ')), problem: '',
      reason: null };
  } catch {
    return refused(`the link's ${name} is not valid percent-encoded UTF-8`,
      { key: 'reason.encoding', args: { name } });
  }
}

/**
 * Whether the link turns Whereby's on/off parameter `name` off (`name=off`): not when it
 * leaves it out, nor when it gives it more than once or not percent-encoded as UTF-8, as
 * linkParameter refuses such a parameter (applyWherebyParams warns, naming it).
 * @param {string} search the page's location.search
 * @param {string} name
 */
export function linkSaysOff(search, name) {
  return linkParameter(search, name).value === 'off';
}

const MAX_NAME_CODE_POINTS = 100;
/**
 * C0 and C1 control characters (and DEL), and the line and paragraph separators U+2028 and
 * U+2029, which the server refuses in names.
 */
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
/** Bidirectional embeddings, overrides, isolates and marks, which can disguise a name. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
/** Format characters that do draw (Unicode's Prepended_Concatenation_Mark). */
const PREPENDED_MARKS = new Set(['\u0600', '\u0601', '\u0602', '\u0603', '\u0604', '\u0605',
  '\u06dd', '\u070f', '\u0890', '\u0891', '\u08e2', '\u{110bd}', '\u{110cd}']);
const FILLERS_AND_BLANK_MARKS = /[\u115f\u1160\u3164\uffa0\u2800\u034f\u17b4\u17b5]/u;
const VARIATION_SELECTOR = /[\ufe00-\ufe0f\u180b-\u180d\u180f\u{e0100}-\u{e01ef}]/u;
const CANCEL_TAG = '\u{e007f}';
const isTag = (c) => c >= '\u{e0020}' && c < CANCEL_TAG;

/**
 * `name` without the characters that draw nothing where they are, as the server refuses
 * them (signaling/visible_text.py `_draws_nothing`): format characters but a joiner between
 * two characters, the tags of a subdivision flag and the prepended marks; fillers and blank
 * marks; variation selectors after whitespace, another selector or an ASCII character other
 * than a keycap base. Such a character would make a look-alike of another name. Dropping one
 * can leave another at an end (a joiner before U+200B), so it drops until nothing changes.
 * @param {string} name
 */
function dropInvisible(name) {
  const kept = dropInvisibleOnce(name);
  return kept === name ? kept : dropInvisible(kept);
}

/** @param {string} name */
function dropInvisibleOnce(name) {
  const chars = Array.from(name);
  const kept = [];
  chars.forEach((c, i) => {
    const before = kept.length ? kept[kept.length - 1] : '';
    const after = chars[i + 1] ?? '';
    let drop = false;
    if (/\p{Cf}/u.test(c)) {
      if (c === '\u200c' || c === '\u200d') {
        drop = !before || !after || /\s|\u200c|\u200d/.test(before + after);
      } else if (isTag(c) || c === CANCEL_TAG) {
        let j = kept.length - 1;
        while (j >= 0 && isTag(kept[j])) j -= 1;
        drop = j < 0 || kept[j] !== '\u{1f3f4}';
      } else {
        drop = !PREPENDED_MARKS.has(c);
      }
    } else if (FILLERS_AND_BLANK_MARKS.test(c)) {
      drop = true;
    } else if (VARIATION_SELECTOR.test(c)) {
      drop = !before || /\s/.test(before) || VARIATION_SELECTOR.test(before)
        || (before < '\u0080' && !'#*0123456789'.includes(before));
    }
    if (!drop) kept.push(c);
  });
  return kept.join('');
}
/** A surrogate without its other half (the server refuses those too). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/**
 * What shows as nothing on its own: whitespace, format characters (U+200B, joiners, U+FEFF),
 * separators, non-spacing and enclosing marks, Hangul fillers or the blank Braille pattern.
 * Spacing marks (U+0903) and the prepended marks (U+06DD) draw.
 */
const INVISIBLE_CHAR = /[\s\p{Cf}\p{Z}\p{Mn}\p{Me}\u115f\u1160\u3164\uffa0\u2800]/u;
/**
 * Whether `name` is made only of what shows as nothing (the server refuses those too).
 * @param {string} name
 */
const isInvisible = (name) => Array.from(name)
  .every((c) => INVISIBLE_CHAR.test(c) && !PREPENDED_MARKS.has(c));

/** What Whereby refuses in a display name ("code characters"); the server does too. */
const CODE_CHARACTERS = /[$!<>:;]/;

/** @param {unknown} raw */
function tidyName(raw) {
  const text = String(raw ?? '').replace(BIDI_CONTROLS, '').replace(LONE_SURROGATE, '')
    .replace(CONTROL_CHARS, ' ');
  return dropInvisible(text).normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** A parameter not used: `problem` in English, `reason` as a catalog key and its values. */
function refused(problem, reason) {
  return { value: null, problem, reason };
}

/**
 * Why Whereby's rule for a display name refuses `raw` (any of `$!<>:;`, or over 100
 * characters once tidied as cleanName does), as a catalog key and its values (and in
 * English, for console warnings); null when it is fine. The page asks for another name rather than change the one given (Whereby's
 * `displayName`).
 * @param {string} raw
 * @returns {{key: string, args: object, english: string}|null}
 */
export function nameRule(raw) {
  const name = tidyName(raw);
  if (CODE_CHARACTERS.test(name)) {
    return { key: 'reason.nameCharacters', args: {},
      english: 'a name cannot contain any of $ ! < > : ;' };
  }
  if (Array.from(name).length > MAX_NAME_CODE_POINTS) {
    return { key: 'reason.nameLength', args: { max: MAX_NAME_CODE_POINTS },
      english: `a name has at most ${MAX_NAME_CODE_POINTS} characters` };
  }
  return null;
}

/**
 * A display name as the server accepts it (docs/signaling.md, `join`): bidirectional
 * controls, characters that draw nothing (dropInvisible) and lone surrogates removed, each
 * run of control characters (a line break from a URL's %0A) or whitespace turned into one
 * space, in NFC, trimmed, and cut to 100 code points at a grapheme boundary where the browser
 * can tell them (never inside a surrogate pair). '' when nothing visible is left
 * (isInvisible).
 * @param {string} raw
 */
export function cleanName(raw) {
  const name = tidyName(raw);
  if (isInvisible(name)) return '';
  const codePoints = Array.from(name);
  if (codePoints.length <= MAX_NAME_CODE_POINTS) return name;
  let clipped = '';
  let count = 0;
  if (typeof Intl.Segmenter === 'function') {
    const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(name);
    for (const { segment } of graphemes) {
      const n = Array.from(segment).length;
      if (count + n > MAX_NAME_CODE_POINTS) break;
      clipped += segment;
      count += n;
    }
  }
  if (!clipped) clipped = codePoints.slice(0, MAX_NAME_CODE_POINTS).join('');
  return clipped.trim();
}

/**
 * The link's `displayName` as the page uses it: `name` cleaned as the server accepts it
 * (cleanName; '' when none), or '' and `refusal`, why it is not used (the pre-call screen
 * says it and asks for another name): Whereby's rule (nameRule), or a parameter given
 * more than once or not percent-encoded as UTF-8 (linkParameter); `reason`, the same as a
 * catalog key and its values.
 * @param {string} search the page's location.search
 * @returns {{name: string, refusal: string, reason: {key: string, args: object}|null}}
 */
export function linkName(search) {
  const given = linkParameter(search, 'displayName');
  const rule = given.reason ? null : nameRule(given.value ?? '');
  const reason = given.reason ?? rule;
  const refusal = given.problem || (rule ? rule.english : '');
  return { name: reason ? '' : cleanName(given.value ?? ''), refusal, reason };
}

/**
 * The role a room key claims (`host`, `participant` or `viewer`), read from the JWT payload
 * WITHOUT verifying it: only a hint, so a viewer's page never opens the camera or the
 * microphone. The server verifies the key and decides the role (`joined.role`). No key:
 * `participant`; a key that cannot be read: null (unknown).
 * @param {string|null} roomKey
 */
export function roleFromRoomKey(roomKey) {
  if (!roomKey) return 'participant';
  try {
    const payload = roomKey.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(payload + '='.repeat((4 - (payload.length % 4)) % 4)));
    return ['host', 'participant', 'viewer'].includes(claims.role) ? claims.role : null;
  } catch {
    return null;
  }
}

export function roomNameFromPath(pathname) {
  const segments = pathname.split('/').filter(Boolean);
  try {
    return decodeURIComponent(segments[segments.length - 1] ?? '');
  } catch {
    return '';
  }
}

/**
 * The page's link as the page reads it (`location`: window.location, or its `pathname` and
 * `search`): the room name in the path; the room key (null when there is none or it cannot
 * be used), why it cannot be used ('' if it can: given twice or broken, the role the link
 * grants is unknown) and the role it claims (unverified, roleFromRoomKey); and the query, as
 * given (`search`) and parsed (`params`), for the pre-call screen and Whereby's parameters.
 * @param {{pathname: string, search: string}} location
 */
export function readLink(location) {
  const { search } = location;
  const key = linkParameter(search, 'roomKey');
  const roomKey = key.value || null;
  return {
    roomName: roomNameFromPath(location.pathname),
    roomKey,
    roomKeyProblem: key.problem,
    roomKeyReason: key.reason,
    roleHint: roleFromRoomKey(roomKey),
    search,
    params: new URLSearchParams(search),
  };
}
