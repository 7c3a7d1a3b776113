// Which language the meeting page speaks (Whereby's `lang`), and the picker that switches it
// in the call (Whereby's `localization=off` hides it). The words are i18n.js's catalogs.
//
// The choice: the link's `lang` when the page has that language; else the first of the
// browser's languages (navigator.languages) it has; else English. A `lang` the page lacks
// is not used, with a console warning naming the parameter and the value, and the page is
// in English (what the link asked for is not silently swapped for the browser's choice).
// A language picked in the page holds for this page only: nothing is stored (a reload, such
// as "Join again", starts from the link and the browser again), as the page keeps nothing
// about its user in the browser's storage.

import { LANGUAGES, language, resolveLanguage, setLanguage } from './i18n.js';
import { linkParameter } from './room-inputs.js';

const $ = (id) => document.getElementById(id);

/**
 * The code (a key of i18n.js LANGUAGES) the page starts in.
 * @param {string} search the page's location.search, as given
 * @param {readonly string[]} browserLanguages navigator.languages
 */
export function chooseLanguage(search, browserLanguages) {
  const { value, problem } = linkParameter(search, 'lang');
  if (problem) {
    console.warn(`fjord: URL parameter lang not used: ${problem}; English is used`);
    return 'en';
  }
  if (value !== null) {
    const code = resolveLanguage(value);
    if (code) return code;
    console.warn(`fjord: URL parameter lang not used: this page has no language "${value}" `
      + `(it has ${Object.keys(LANGUAGES).join(', ')}; Japanese also as ja); English is used`);
    return 'en';
  }
  for (const tag of browserLanguages ?? []) {
    const code = resolveLanguage(tag);
    if (code) return code;
  }
  return 'en';
}

/** Switch to `code`; a catalog that cannot be loaded leaves the page as it was, and says so. */
async function switchTo(code) {
  try {
    await setLanguage(code);
  } catch (err) {
    console.warn(`fjord: the ${code} words could not be loaded; the page stays in `
      + `${language()}`, err && err.name);
  }
  $('language-select').value = language();
}

/**
 * Put the page in its language (chooseLanguage) and offer the picker: each language named
 * in itself (with its own `lang`, so a screen reader pronounces it), hidden with
 * `localization=off`. Resolves once the page's words are in that language.
 * @param {string} search the page's location.search, as given
 * @param {boolean} showPicker false for Whereby's `localization=off`
 */
export function startLanguage(search, showPicker) {
  const select = $('language-select');
  for (const [code, { tag, name }] of Object.entries(LANGUAGES)) {
    const option = new Option(name, code);
    option.lang = tag;
    select.append(option);
  }
  $('language').hidden = !showPicker;
  select.addEventListener('change', () => switchTo(select.value));
  return switchTo(chooseLanguage(search, navigator.languages));
}
