"""The meeting page's word catalogs (signaling/web/i18n.js, lang-<code>.js), read under Node
as the browser reads them.

English (lang-en.js) is the reference. Every language the page offers has a catalog with
exactly the English keys, each entry with the same ``{placeholders}`` and, where English has
plural forms, exactly the forms the language's plural rules name (Intl.PluralRules): a string
added in English and forgotten in a language, a misspelt placeholder, or a missing ``few``
form of Polish fails here, not in front of a patient. The page's own markup (room.html) and
script use only keys English has, and room.html's English text is the catalog's.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

WEB = Path(__file__).parents[2] / "signaling" / "web"
PLACEHOLDER = re.compile(r"\{(\w+)\}")

NODE_READER = r"""
const fs = require('fs');
const dir = process.argv[1];
(async () => {
  const { LANGUAGES } = await import(`${dir}/i18n.js`);
  const catalogs = {};
  for (const file of fs.readdirSync(dir).filter((f) => /^lang-[a-z-]+\.js$/.test(f))) {
    const code = file.slice('lang-'.length, -'.js'.length);
    const tag = LANGUAGES[code]?.tag ?? null;
    catalogs[code] = {
      plural: tag && new Intl.PluralRules(tag).resolvedOptions().pluralCategories,
      entries: (await import(`${dir}/${file}`)).default,
    };
  }
  console.log(JSON.stringify({ languages: Object.keys(LANGUAGES), catalogs }));
})();
"""


@pytest.fixture(scope="module")
def catalogs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node.js is needed (Debian nodejs; make test installs it)"
    web = tmp_path_factory.mktemp("web")
    for path in [WEB / "i18n.js", *WEB.glob("lang-*.js")]:
        shutil.copy(path, web / path.name)
    (web / "package.json").write_text('{"type": "module"}')
    out = subprocess.run([node, "-e", NODE_READER, str(web)], capture_output=True, text=True,
                         timeout=60, check=True)
    return json.loads(out.stdout)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


WHEREBY_LANGUAGES = {"cs", "zh-hant", "da", "nl", "en", "fr", "de", "el", "hi", "hu", "it", "jp",
                     "nb", "pt", "pl", "es", "sv", "uk"}


def test_every_language_offered_has_a_catalog_and_no_other(catalogs: dict) -> None:
    assert sorted(catalogs["languages"]) == sorted(catalogs["catalogs"])
    # Whereby's codes for its lang parameter (jp is its Japanese), every one of them.
    assert set(catalogs["languages"]) == WHEREBY_LANGUAGES


def test_every_catalog_has_exactly_the_english_keys_and_placeholders(catalogs: dict) -> None:
    english = catalogs["catalogs"]["en"]["entries"]
    problems = []
    for code, catalog in sorted(catalogs["catalogs"].items()):
        entries = catalog["entries"]
        missing = sorted(set(english) - set(entries))
        extra = sorted(set(entries) - set(english))
        if missing or extra:
            problems.append(f"{code}: missing {missing}, not in English {extra}")
        for key in sorted(set(english) & set(entries)):
            reference, entry = english[key], entries[key]
            if isinstance(reference, str):
                if not isinstance(entry, str) or not entry.strip():
                    problems.append(f"{code} {key}: not a text")
                elif placeholders(entry) != placeholders(reference):
                    problems.append(f"{code} {key}: placeholders {sorted(placeholders(entry))}"
                                    f" where English has {sorted(placeholders(reference))}")
                continue
            wanted = placeholders(reference["other"])
            if not isinstance(entry, dict) or set(entry) != set(catalog["plural"]):
                forms = sorted(entry) if isinstance(entry, dict) else entry
                problems.append(f"{code} {key}: plural forms {forms}, the language has "
                                f"{sorted(catalog['plural'])}")
                continue
            for form, text in entry.items():
                if placeholders(text) != wanted:
                    problems.append(f"{code} {key}.{form}: placeholders "
                                    f"{sorted(placeholders(text))}, English {sorted(wanted)}")
    assert not problems, "\n".join(problems)


class KeyedElements(HTMLParser):
    """room.html's elements that carry a catalog key: (key, the English text or attribute
    value the markup gives)."""

    def __init__(self) -> None:
        super().__init__()
        self.keyed: list[tuple[str, str]] = []
        self.open: list[tuple[str, str]] = []  # text keys of the elements being read
        self.text: dict[int, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in values.items():
            if name.startswith("data-i18n-") and name != "data-i18n-args":
                self.keyed.append((value or "", values.get(name[len("data-i18n-"):]) or ""))
        if "data-i18n" in values:
            self.open.append((tag, values["data-i18n"] or ""))
            self.text[len(self.open)] = []

    def handle_data(self, data: str) -> None:
        if self.open:
            self.text[len(self.open)].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1][0] == tag:
            _, key = self.open.pop()
            self.keyed.append((key, " ".join("".join(self.text.pop(len(self.open) + 1))
                                              .split())))


def test_the_markup_uses_english_keys_with_their_english_words(catalogs: dict) -> None:
    english = catalogs["catalogs"]["en"]["entries"]
    parser = KeyedElements()
    parser.feed((WEB / "room.html").read_text())
    assert len(parser.keyed) > 40
    wrong = [(key, text, english.get(key)) for key, text in parser.keyed
             if not isinstance(english.get(key), str) or text != english[key]]
    assert not wrong, wrong


NODE_CHOOSER = r"""
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const dir = process.argv[1];
const warnings = [];
console.warn = (...args) => warnings.push(args.join(' '));
(async () => {
  const { chooseLanguage } = await import(`${dir}/language-picker.js`);
  console.log(JSON.stringify(cases.map(([search, browser]) => {
    warnings.length = 0;
    return { code: chooseLanguage(search, browser), warnings: [...warnings] };
  })));
})();
"""

# (location.search, navigator.languages) -> the language code, and what a warning names.
CHOICES = [
    ("?lang=de", ["fr-FR"], "de", None),
    ("?lang=jp", [], "jp", None),
    ("?lang=ja", [], "jp", None),
    ("?lang=JA", [], "jp", None),
    ("?lang=zh-hant", [], "zh-hant", None),
    ("?lang=zh-Hant-TW", [], "zh-hant", None),
    ("?lang=pt-BR", [], "pt", None),
    ("?lang=xx", ["de"], "en", '"xx"'),
    ("?lang=zh", ["de"], "en", '"zh"'),
    ("?lang=", ["de"], "en", '""'),
    ("?lang=constructor", [], "en", '"constructor"'),
    ("?lang=de&lang=fr", ["it"], "en", "2 times"),
    ("", ["de-AT", "fr"], "de", None),
    ("", ["ko-KR", "zh-CN", "pt-BR"], "pt", None),
    ("", ["zh-TW"], "zh-hant", None),
    ("", ["no"], "nb", None),
    ("", ["ko"], "en", None),
    ("", [], "en", None),
]


def test_the_language_chosen(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Whereby's lang wins; else the first browser language the page has; else English. A
    lang the page lacks is named, with its value, in a console warning, and English used
    (not the browser's: the link asked for something else)."""
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node.js is needed (Debian nodejs; make test installs it)"
    web = tmp_path_factory.mktemp("web")
    for name in ("language-picker.js", "room-inputs.js", "i18n.js", "lang-en.js"):
        shutil.copy(WEB / name, web / name)
    (web / "package.json").write_text('{"type": "module"}')
    cases = [[search, browser] for search, browser, _, _ in CHOICES]
    out = subprocess.run([node, "-e", NODE_CHOOSER, str(web)], input=json.dumps(cases),
                         capture_output=True, text=True, timeout=60, check=True)
    for (search, browser, code, named), got in zip(CHOICES, json.loads(out.stdout),
                                                   strict=True):
        assert got["code"] == code, (search, browser, got)
        if named is None:
            assert got["warnings"] == [], (search, got)
        else:
            assert len(got["warnings"]) == 1, (search, got)
            assert "URL parameter lang" in got["warnings"][0] and named in got["warnings"][0]


def test_the_script_uses_only_english_keys(catalogs: dict) -> None:
    """Every literal key the page's modules name ('call.mute', ...): one English lacks would
    show as its bare key."""
    english = catalogs["catalogs"]["en"]["entries"]
    groups = "|".join(sorted({key.split(".")[0] for key in english}))
    literal = re.compile(rf"""['`]((?:{groups})\.[A-Za-z_]+)['`]""")
    used = {}
    for path in WEB.glob("*.js"):
        if not path.name.startswith("lang-"):
            for key in literal.findall(path.read_text()):
                used.setdefault(key, path.name)
    assert len(used) > 80
    unknown = {key: name for key, name in used.items() if key not in english}
    assert not unknown, unknown
