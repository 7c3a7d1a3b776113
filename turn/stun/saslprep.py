"""SASLprep (RFC 4013) for STUN passwords (RFC 8489 section 9.2.2).

Maps non-ASCII spaces to SPACE, removes "commonly mapped to nothing" characters, applies
NFKC and rejects prohibited or bidirectionally inconsistent strings.
"""

from __future__ import annotations

import stringprep
import unicodedata

from ..errors import ParseError

_PROHIBITED = (
    stringprep.in_table_c12,
    stringprep.in_table_c21_c22,
    stringprep.in_table_c3,
    stringprep.in_table_c4,
    stringprep.in_table_c5,
    stringprep.in_table_c6,
    stringprep.in_table_c7,
    stringprep.in_table_c8,
    stringprep.in_table_c9,
)


def saslprep(text: str) -> str:
    """Return the SASLprep form of ``text``; ASCII-printable input is returned unchanged.

    Raises:
        ParseError: ``text`` contains a prohibited character or mixes bidi directions.
    """
    if text.isascii() and text.isprintable():
        return text
    mapped = "".join(
        " " if stringprep.in_table_c12(ch) else ch for ch in text if not stringprep.in_table_b1(ch)
    )
    normalized = unicodedata.normalize("NFKC", mapped)
    for ch in normalized:
        if any(check(ch) for check in _PROHIBITED) or stringprep.in_table_a1(ch):
            raise ParseError("prohibited character in password")
    if any(stringprep.in_table_d1(ch) for ch in normalized):
        if any(stringprep.in_table_d2(ch) for ch in normalized):
            raise ParseError("mixed bidirectional text in password")
        if not (stringprep.in_table_d1(normalized[0]) and stringprep.in_table_d1(normalized[-1])):
            raise ParseError("bidirectional text must start and end with RandALCat")
    return normalized
