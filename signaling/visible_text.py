"""Text that people read (display names, chat, organization names, emails): the rules that
keep one from passing for another (controls, bidirectional overrides, characters that draw
nothing) and the normal form of a participant's display name. docs/signaling.md gives them
(the ``join`` and ``chat`` rows)."""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI_MARKS = frozenset("\u200e\u200f\u061c")
"""The left-to-right, right-to-left and Arabic letter marks: they draw nothing, so "Ada" and
"Ada" + U+200F would be two names that look the same."""
_JOINERS = frozenset("\u200c\u200d")
"""The zero-width non-joiner and joiner: format characters that names need between two
characters (emoji sequences, Persian and Indic spelling), and nowhere else."""
_PREPENDED_MARKS = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f"
                             "\u0890\u0891\u08e2\U000110bd\U000110cd")
"""Format characters that do draw (Unicode's Prepended_Concatenation_Mark: Arabic number
signs, the end of ayah, the Syriac abbreviation mark, the Kaithi number signs)."""
_BLACK_FLAG, _TAGS, _CANCEL_TAG = "\U0001f3f4", range(0xE0020, 0xE007F), "\U000e007f"
"""A flag of a subdivision (England's, Scotland's) is the black flag, tag characters and the
cancel tag; tag characters draw nothing anywhere else."""
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
"""Hangul fillers and the blank Braille pattern: letters or symbols that draw nothing."""
_BLANK_MARKS = frozenset("\u034f\u17b4\u17b5")
"""The combining grapheme joiner and the Khmer inherent vowels (which Unicode says not to
use): marks that draw nothing."""
_VARIATION_SELECTORS = frozenset(
    [chr(c) for c in range(0xFE00, 0xFE10)] + [chr(c) for c in range(0xE0100, 0xE01F0)]
    + ["\u180b", "\u180c", "\u180d", "\u180f"])
_KEYCAP_BASES = frozenset("#*0123456789")
"""ASCII characters a variation selector follows in a keycap emoji; after any other ASCII
character one draws nothing (``Ada`` + U+FE0F looks like ``Ada``)."""


def _draws_nothing(value: str, i: int) -> bool:
    """Whether ``value[i]`` draws nothing where it is, so that ``value`` would look like
    the text without it: a format character (Unicode Cf) but a joiner between two
    characters, a tag of a subdivision flag or a prepended concatenation mark; a filler; a
    blank mark; or a variation selector after whitespace, another selector or an ASCII
    character that is no keycap base."""
    char = value[i]
    before = value[i - 1] if i > 0 else ""
    if unicodedata.category(char) == "Cf":
        if char in _JOINERS:
            after = value[i + 1] if i + 1 < len(value) else ""
            return not (before and after and not before.isspace() and not after.isspace()
                        and before not in _JOINERS and after not in _JOINERS)
        if ord(char) in _TAGS or char == _CANCEL_TAG:
            start = i
            while start > 0 and (ord(value[start - 1]) in _TAGS):
                start -= 1
            return start == 0 or value[start - 1] != _BLACK_FLAG
        return char not in _PREPENDED_MARKS
    if char in _FILLERS or char in _BLANK_MARKS:
        return True
    if char in _VARIATION_SELECTORS:
        return (not before or before.isspace() or before in _VARIATION_SELECTORS
                or (before.isascii() and before not in _KEYCAP_BASES))
    return False


CODE_CHARACTERS = "$!<>:;"
"""What Whereby's ``displayName`` URL parameter refuses ("code characters"): a participant's
name never carries them, so a customer's page or webhook receiver never meets markup in one."""


_INVISIBLE_CATEGORIES = frozenset(("Cf", "Zs", "Zl", "Zp", "Mn", "Me"))
"""Format characters (U+200B, joiners, U+FEFF), separators and lone non-spacing or enclosing
marks: a name made only of these shows as nothing. Spacing marks (Mc, such as U+0903) take room
and ink, so a name of them shows."""


def is_invisible(value: str) -> bool:
    """Whether ``value`` would show as nothing (blank, format characters but the prepended
    marks, which draw, non-spacing marks, fillers)."""
    return all(
        char.isspace() or char in _FILLERS or (
            unicodedata.category(char) in _INVISIBLE_CATEGORIES and char not in _PREPENDED_MARKS)
        for char in value
    )


_NOT_IN_NAMES = frozenset(("Cc", "Cs", "Zl", "Zp"))
"""Controls (C0/C1, CR and LF among them), lone surrogates, and the line and paragraph
separators U+2028/U+2029: a name is one line."""


def check_visible_text(value: str) -> str:
    """``value`` unchanged if people can read it as it is (a name, an email, an id shown in
    tiles, lists, exports and the operator's terminal).

    Raises:
        ValueError: blank or invisible (only whitespace, format characters such as U+200B,
            non-spacing marks or fillers); holding control characters (C0/C1), line or
            paragraph separators (U+2028/U+2029) or lone surrogates; holding bidirectional
            embeddings, overrides, isolates or marks (U+202A-U+202E, U+2066-U+2069, U+200E,
            U+200F, U+061C), which can disguise it; or holding a character that draws
            nothing where it is (:func:`_draws_nothing`: the soft hyphen, U+200B, U+2060,
            U+FEFF, tag characters and the other format characters, fillers, a joiner at
            an end, a variation selector after a letter), which would make a look-alike of
            another. The message names the code point.
    """
    if is_invisible(value):
        raise ValueError("must not be blank or invisible")
    for char in value:
        if unicodedata.category(char) in _NOT_IN_NAMES:
            raise ValueError("must not contain control characters or line breaks")
        if char in BIDI_CONTROLS or char in _BIDI_MARKS:
            raise ValueError(f"must not contain bidirectional controls (U+{ord(char):04X})")
    for i, char in enumerate(value):
        if _draws_nothing(value, i):
            raise ValueError(f"must not contain characters that draw nothing (U+{ord(char):04X})")
    return value


MAX_DISPLAY_NAME_CODE_POINTS = 100
"""The longest display name, in code points, as given and as the room sees it (NFC)."""


def check_display_name(value: str) -> str:
    """A participant's display name as people see it in tiles and lists, so that two names
    that look the same are the same string: :func:`check_visible_text`, then in Unicode NFC,
    each run of whitespace (U+00A0 and U+3000 among it) one space, none at either end.

    Raises:
        ValueError: as :func:`check_visible_text`; or longer than 100 code points once in NFC,
            which some characters expand (U+FB2C, one code point, is three in NFC), so that
            the room never sees a name longer than ``join`` allows.
    """
    name = " ".join(unicodedata.normalize("NFC", check_visible_text(value)).split())
    if len(name) > MAX_DISPLAY_NAME_CODE_POINTS:
        raise ValueError(f"must have at most {MAX_DISPLAY_NAME_CODE_POINTS} characters in "
                         f"Unicode NFC (this one has {len(name)})")
    return name


def check_chat_text(value: str) -> str:
    """Chat text as people read it: line breaks (LF, CR, CRLF and U+2028) and tabs are kept.

    Raises:
        ValueError: blank or invisible (the same rule as display names), or holding
            other control characters, bidirectional overrides (which can make a message
            read as something else) or lone surrogates.
    """
    if is_invisible(value):
        raise ValueError("must not be blank or invisible")
    for char in value:
        if char in BIDI_CONTROLS or (
            unicodedata.category(char) in ("Cc", "Cs") and char not in "\r\n\t"
        ):
            raise ValueError("must not contain control characters other than line breaks")
    return value
