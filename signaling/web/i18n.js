// The page's words, by key, in the language chosen (language-picker.js chooses it). English
// (lang-en.js) is the reference: every other catalog (lang-<code>.js, Whereby's language
// codes) has exactly its keys and placeholders (tests/signaling/test_i18n_catalogs.py), and
// a key a catalog lacks all the same is shown in English. How to add a string or a language:
// signaling/web/README.md, "Languages".
//
// An element whose words come from a key carries the key (`data-i18n`, `data-i18n-<attr>`
// for an attribute, `data-i18n-args` for the values put in), in room.html or set by
// `localize`, so that switching the language retranslates the whole page, text made by
// script included, without rebuilding anything.

import en from './lang-en.js';

/**
 * The languages the page has, by Whereby's code (its `lang` values): the BCP 47 tag (for
 * `<html lang>`, plural rules and number formats) and the language's name in itself, as the
 * picker lists it. Whereby writes Japanese `jp` (`ja` is taken too: resolveLanguage).
 */
export const LANGUAGES = {
  cs: { tag: 'cs', name: 'Čeština' },
  da: { tag: 'da', name: 'Dansk' },
  de: { tag: 'de', name: 'Deutsch' },
  el: { tag: 'el', name: 'Ελληνικά' },
  en: { tag: 'en', name: 'English' },
  es: { tag: 'es', name: 'Español' },
  fr: { tag: 'fr', name: 'Français' },
  hi: { tag: 'hi', name: 'हिन्दी' },
  hu: { tag: 'hu', name: 'Magyar' },
  it: { tag: 'it', name: 'Italiano' },
  jp: { tag: 'ja', name: '日本語' },
  nb: { tag: 'nb', name: 'Norsk bokmål' },
  nl: { tag: 'nl', name: 'Nederlands' },
  pl: { tag: 'pl', name: 'Polski' },
  pt: { tag: 'pt', name: 'Português' },
  sv: { tag: 'sv', name: 'Svenska' },
  uk: { tag: 'uk', name: 'Українська' },
  'zh-hant': { tag: 'zh-Hant', name: '繁體中文' },
};

/** Tags that mean one of the page's languages under another name. Simplified Chinese
 * (zh, zh-CN, zh-Hans) is not Traditional: it stays unmatched. */
const ALIASES = {
  ja: 'jp', no: 'nb', 'zh-tw': 'zh-hant', 'zh-hk': 'zh-hant', 'zh-mo': 'zh-hant',
};

/**
 * The page's language code for a language tag or code (`de`, `de-AT`, `pt-BR`, `ja`, `jp`,
 * `zh-Hant-TW`, `zh-TW`), any case, or null when the page does not have that language.
 * @param {string} tag
 */
export function resolveLanguage(tag) {
  const lower = String(tag).toLowerCase();
  const parts = lower.split(/[-_]/);
  for (const candidate of [lower, parts.slice(0, 2).join('-'), parts[0]]) {
    const code = Object.hasOwn(ALIASES, candidate) ? ALIASES[candidate] : candidate;
    if (Object.hasOwn(LANGUAGES, code)) return code;
  }
  return null;
}

let current = 'en';
let catalog = en;
/** Counts setLanguage calls: a catalog that arrives after a later choice is not applied. */
let turn = 0;

/** The code of the page's language now (a key of LANGUAGES). */
export function language() {
  return current;
}

function render(table, tag, key, args) {
  let entry = table[key] ?? en[key];
  if (entry === undefined) return key; // a key English lacks is the page's bug: seen as such
  if (typeof entry === 'object') {
    // Plural forms by the language's rules: {one, few, many, other, ...} as Intl names them.
    const forms = table[key] === entry ? entry : en[key];
    entry = forms[new Intl.PluralRules(tag).select(Number(args.count))] ?? forms.other;
  }
  return entry.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in args)) return whole;
    const value = args[name];
    if (typeof value === 'number') return new Intl.NumberFormat(tag).format(value);
    // Words of another key ({key, args}: a reason put in a sentence) follow the language too.
    if (value && typeof value === 'object') return render(table, tag, value.key, value.args ?? {});
    return String(value);
  });
}

/**
 * The words of `key` in the page's language, with `args` put in for `{name}` placeholders
 * (a catalog entry with plural forms picks its form by `args.count`; a value {key, args}
 * is that key's words).
 * @param {string} key
 * @param {Record<string, string|number>} [args]
 */
export function t(key, args = {}) {
  return render(catalog, LANGUAGES[current].tag, key, args);
}

/** The words of `key` in English whatever the page's language: console warnings. */
export function english(key, args = {}) {
  return render(en, 'en', key, args);
}

/** Attributes whose words may come from a key (`data-i18n-<attr>`). */
const ATTRIBUTES = ['aria-label', 'title', 'placeholder'];

function argsOf(el) {
  try {
    return el.dataset.i18nArgs ? JSON.parse(el.dataset.i18nArgs) : {};
  } catch {
    return {};
  }
}

function keepArgs(el, args) {
  if (args) el.dataset.i18nArgs = JSON.stringify(args);
}

/**
 * Set `el`'s text to `key`'s words (with `args`), and keep the key on it, so that it follows
 * a language switch. Elements with words of their own (a name, the server's text) are set
 * with `plainText` instead.
 * @param {HTMLElement} el
 * @param {string} key
 * @param {Record<string, string|number>} [args]
 */
export function localize(el, key, args) {
  keepArgs(el, args);
  el.dataset.i18n = key;
  const text = t(key, args);
  if (el.textContent !== text) el.textContent = text;
}

/** As localize, for the attribute `attr` (one of ATTRIBUTES). */
export function localizeAttribute(el, attr, key, args) {
  keepArgs(el, args);
  el.setAttribute(`data-i18n-${attr}`, key);
  el.setAttribute(attr, t(key, args));
}

/** Set `el`'s text to words that are not the page's (the server's, a person's), which a
 * language switch must leave as they are. */
export function plainText(el, text) {
  delete el.dataset.i18n;
  delete el.dataset.i18nArgs;
  el.textContent = text;
}

/** Put every key-carrying element under `root` (and its attributes) in the page's language. */
export function translatePage(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const text = t(el.dataset.i18n, argsOf(el));
    if (el.textContent !== text) el.textContent = text;
  }
  for (const attr of ATTRIBUTES) {
    for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) {
      el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`), argsOf(el)));
    }
  }
}

/**
 * Switch the page to `code` (a key of LANGUAGES): load its catalog (`lang-<code>.js`, one
 * request, only for the language used), then retranslate the page and set `<html lang>`,
 * which screen readers pronounce by. Rejects, changing nothing, when the catalog cannot
 * be loaded.
 * @param {string} code
 */
export async function setLanguage(code) {
  if (!Object.hasOwn(LANGUAGES, code)) throw new Error(`no language ${code}`);
  turn += 1;
  const mine = turn;
  const table = code === 'en' ? en : (await import(`./lang-${code}.js`)).default;
  if (mine !== turn) return;
  current = code;
  catalog = table;
  document.documentElement.lang = LANGUAGES[code].tag;
  document.documentElement.dir = 'ltr'; // none of the page's languages is written right to left
  translatePage(document);
}
