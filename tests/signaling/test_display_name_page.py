"""The meeting page tidies a display name (signaling/web/room-inputs.js, ``cleanName``) by the
rule the server checks it with (signaling/visible_text.py, ``check_display_name``), run here
under Node over names that are easy to get wrong: joiners, bidirectional marks, flags with tags,
variation selectors, fillers, combining and spacing marks, NFC, whitespace runs.

The page drops what the server refuses, so for every name: one the server accepts the page
sends as the server would keep it; what the page sends the server accepts unchanged; and the
page sends nothing ('') only for a name the server refuses.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from signaling.visible_text import check_display_name

ROOM_INPUTS = Path(__file__).parents[2] / "signaling" / "web" / "room-inputs.js"

# room-inputs.js is an ES module without a package.json saying so: import it from its text.
NODE_CLEANER = r"""
const source = require('fs').readFileSync(process.argv[1], 'utf8');
const names = JSON.parse(require('fs').readFileSync(0, 'utf8'));
import('data:text/javascript;base64,' + Buffer.from(source).toString('base64'))
  .then(({ cleanName }) => console.log(JSON.stringify(names.map(cleanName))));
"""

FLAG_SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
NAMES = {
    # joiners: kept between two characters, nowhere else
    "zwj emoji": "Ada \U0001f469\u200d\U0001f4bb",
    "zwnj persian": "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
    "zwj at start": "\u200dAda",
    "zwnj at end": "Ada\u200c",
    "zwj before space": "Ada\u200d Lovelace",
    "zwj after space": "Ada \u200dLovelace",
    "two joiners": "Ada\u200d\u200cLovelace",
    "zwj before a dropped character": "Ada\u200d\u200b",
    "zwj after a dropped character": "\u200b\u200dAda",
    "zwj between dropped characters": "Ada \u200b\u200d\u2060",
    "zwj before feff": "Ada\u200d\ufeffLovelace",
    "only joiners": "\u200d\u200c\u200d",
    # bidirectional controls and marks
    "rlm": "Ada\u200f",
    "lrm inside": "Ad\u200ea",
    "alm": "\u061cAda",
    "rlo": "\u202eAda",
    "isolates": "\u2066Ada\u2069",
    "only bidi marks": "\u200e\u200f",
    # flags and tags
    "scotland": f"Jo {FLAG_SCOTLAND}",
    "lone tags": "Ada\U000e0041\U000e0042",
    "tag after cancel": "\U0001f3f4\U000e0067\U000e007f\U000e0067",
    "cancel tag alone": "Ada\U000e007f",
    "tags after a dropped character": "\U0001f3f4\u200b\U000e0067\U000e007f",
    "language tag": "\U000e0001Ada",
    # variation selectors
    "heart emoji": "Jo \u2764\ufe0f",
    "keycap": "Jo 1\ufe0f\u20e3",
    "hash keycap": "#\ufe0f\u20e3",
    "vs after letter": "Ada\ufe0f",
    "vs after space": "Ada \ufe0e",
    "two vs": "\u2764\ufe0f\ufe0f",
    "vs after non-ascii letter": "\u00e9\ufe00",
    "mongolian fvs": "\u1820\u180b",
    "vs after dropped character": "1\u200b\ufe0f",
    "ideographic vs": "\u845b\U000e0100",
    "only vs": "\ufe0f",
    # fillers and blank marks
    "hangul filler": "Ada\u3164",
    "only fillers": "\u115f\u1160\u3164\uffa0",
    "braille blank": "\u2800",
    "braille dots": "\u2801\u2802",
    "cgj": "Ad\u034fa",
    "khmer inherent vowel": "\u1780\u17b4",
    # format characters
    "zwsp": "Dr.\u200bSmith",
    "soft hyphen": "Sm\u00adith",
    "word joiner": "Smith\u2060",
    "bom": "\ufeffSmith",
    "interlinear annotation": "Ada\ufff9",
    "prepended mark": "\u0600\u0661\u0662 Ali",
    "only a prepended mark": "\u06dd",
    "deprecated format": "Ada\u206a Lovelace",
    "musical format": "Ada\U0001d173",
    "shorthand format": "Ada\U0001bca0",
    # combining and spacing marks
    "combining acute": "Ame\u0301lie",
    "only combining marks": "\u0301\u0302",
    "only an enclosing mark": "\u20dd",
    "devanagari word": "\u0928\u092e\u0938\u094d\u0924\u0947",
    "only spacing marks": "\u0903\u0903",
    "one spacing mark": "\u093e",
    "spacing and combining": "\u0903\u0301",
    "mark after space": "Ada \u0301",
    # NFC
    "nfc decomposed hangul": "\u1100\u1161\u11a8",
    "nfc hebrew presentation": "\ufb2c",
    "nfc angstrom": "\u212b",
    "nfc ohm": "\u2126",
    "nfc half note": "\U0001d15e",
    "nfc reordered marks": "a\u0323\u0307",
    # whitespace
    "spaces": "  Dr.  Smith ",
    "nbsp": "Dr.\u00a0Smith",
    "ideographic space": "Dr.\u3000Smith",
    "em and thin spaces": "Dr.\u2003\u2009Smith",
    "tab and newline": "Dr.\t\nSmith",
    "line separator": "Dr.\u2028Smith",
    "nel": "Dr.\x85Smith",
    "only whitespace": " \u00a0\u3000\t",
    "empty": "",
    "mongolian vowel separator": "Ada\u180eLovelace",
    # controls and surrogates
    "c0": "Ada\x00",
    "c1": "Ada\x9b",
    "lone surrogate": "Ada\ud800",
    # length, as given and in NFC
    "long ascii": "a" * 150,
    "long in nfc": "\ufb2c" * 40,
    "long emoji sequences": "\U0001f469\u200d\U0001f4bb" * 40,
}


def server_name(name: str) -> str | None:
    """The name the server keeps, or None when it refuses ``name``."""
    try:
        return check_display_name(name)
    except ValueError:
        return None


@pytest.fixture(scope="module")
def page_names() -> dict[str, str]:
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node.js is needed (Debian nodejs; make test installs it)"
    out = subprocess.run([node, "-e", NODE_CLEANER, str(ROOM_INPUTS)],
                         input=json.dumps(list(NAMES.values())), text=True,
                         capture_output=True, timeout=30, check=True)
    return dict(zip(NAMES, json.loads(out.stdout), strict=True))


@pytest.mark.parametrize("case", NAMES)
def test_the_page_tidies_a_name_as_the_server_checks_it(
        case: str, page_names: dict[str, str]) -> None:
    given, sent = NAMES[case], page_names[case]
    kept = server_name(given)
    if kept is not None:
        assert sent == kept, "the page changes a name the server accepts"
    if sent:
        assert server_name(sent) == sent, "the server refuses or changes what the page sends"
    else:
        assert kept is None, "the page sends no name for one the server accepts"


@pytest.mark.parametrize("case, shows", [
    ("only spacing marks", "\u0903\u0903"),
    ("one spacing mark", "\u093e"),
    ("only a prepended mark", "\u06dd"),
    ("braille dots", "\u2801\u2802"),
])
def test_a_name_that_draws_something_is_a_name_on_both_sides(
        case: str, shows: str, page_names: dict[str, str]) -> None:
    """Spacing marks (Mc) take room and ink, and a prepended mark draws even alone: a name
    made only of them is visible, so neither side takes it for blank."""
    assert (server_name(NAMES[case]), page_names[case]) == (shows, shows)
