"""The one parser of JSON that clients send: REST request bodies (FastAPI's models and the
bodies read by hand), long-polling batches and signaling messages.

Python's json keeps the last of an object's repeated keys without a word, so
``{"roomMode": "group", "roomMode": "normal"}`` would create a normal room; a client's JSON
that names a key twice is refused instead, naming the key (as a query parameter given twice
is, docs/api.md). The standard library only: the ``fjord`` command imports this (through
the store's errors) and must not pay for FastAPI; the API routers' route class that uses it
is :mod:`signaling.api_route`.
"""

from __future__ import annotations

import json
from typing import Any

MAX_PATH_CHARS = 120
"""A repeated key's path is cut to this many characters (each of its keys to 40), from the
top: the part nearest the repeat tells which key it is."""


class DuplicateKey(ValueError):
    """An object of a client's JSON names a key more than once: ``path``, the keys and list
    indices from the top down to it, dotted as the API names an invalid field
    (``recording.type``, ``streams.1.streamId``)."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path}: given more than once in one object; send it once")
        self.path = path


class NotJsonText(ValueError):
    """A client's JSON arrived as bytes that are no JSON text (RFC 8259): not UTF-8, or
    holding a NUL byte. ``str()`` is the reason without its subject: ``request body`` or
    ``message`` goes first."""


class NotUtf8(NotJsonText):
    """The bytes are not UTF-8: UTF-16 or UTF-32 text (``encoding``, as RFC 8259's JSON
    text shows it by its first characters or byte order mark), or bytes UTF-8 does not have
    (Latin-1 text, say), of which the first is named."""

    def __init__(self, encoding: str | None, byte: int = 0, offset: int = 0) -> None:
        what = (f"{encoding}, not UTF-8" if encoding
                else f"not UTF-8 (byte 0x{byte:02X} at offset {offset})")
        super().__init__(f"is {what}: JSON between systems must be UTF-8 (RFC 8259 "
                         "section 8.1)")
        self.encoding = encoding


class NulByte(NotJsonText):
    """UTF-8 bytes with a NUL byte, which JSON text has nowhere: a string carries a NUL
    character escaped."""

    def __init__(self, offset: int) -> None:
        super().__init__(f"holds a NUL byte at offset {offset}: JSON text carries one only "
                         "escaped, as \\u0000 in a string")


def _wide_encoding(raw: bytes) -> str | None:
    """``UTF-16`` or ``UTF-32`` when ``raw`` reads as JSON text in one of them (RFC 8259's
    first characters are ASCII, so the NUL bytes among the first four tell which, as
    :func:`json.detect_encoding` reads them; or a byte order mark), else None."""
    guess = json.detect_encoding(raw)
    if guess.startswith("utf-8"):
        return None
    try:
        text = raw.decode(guess)
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else guess[:6].upper()


def utf8_text(raw: bytes) -> str:
    """``raw`` decoded as UTF-8, without the byte order mark RFC 8259 lets a parser ignore.

    Python's json guesses the encoding of bytes (UTF-16 and UTF-32, with or without a byte
    order mark), so a body in UTF-16 was read while the API says that bodies are UTF-8.
    UTF-16 or UTF-32 text of ASCII characters is valid UTF-8 with NUL bytes; JSON text has
    no NUL (a string carries one escaped), so a NUL means another encoding or no JSON.

    Raises:
        NotUtf8: ``raw`` is UTF-16 or UTF-32 text, or has bytes that are not UTF-8.
        NulByte: ``raw`` is UTF-8 with a NUL byte.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotUtf8(_wide_encoding(raw), raw[exc.start], exc.start) from None
    if "\x00" in text:
        encoding = _wide_encoding(raw)
        if encoding:
            raise NotUtf8(encoding)
        raise NulByte(raw.index(0))
    return text.removeprefix("\ufeff")


class _Repeated(ValueError):
    """Raised by the fast hook: some object repeats a key (which one is sought again)."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) < len(pairs):
        raise _Repeated
    return obj


class _RepeatAt:
    """What an object that repeats a key, or holds one that does, parses to while the path
    is sought: ``parts`` from this object down to the repeated key."""

    __slots__ = ("parts",)

    def __init__(self, parts: tuple[str, ...]) -> None:
        self.parts = parts


def _repeat_in(value: Any) -> tuple[str, ...] | None:
    """The path below ``value`` (parsed with :func:`_path_hook`) to a repeated key, or
    None. Objects were reduced to a _RepeatAt by their own hook: only lists are searched."""
    pending: list[tuple[Any, tuple[str, ...]]] = [(value, ())]
    while pending:
        item, above = pending.pop()
        if isinstance(item, _RepeatAt):
            return above + item.parts
        if isinstance(item, list):
            pending.extend((inner, (*above, str(index)))
                           for index, inner in reversed(list(enumerate(item))))
    return None


def _path_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any] | _RepeatAt:
    """The object of ``pairs``, or where its first repeated key is, in the text's order:
    a key seen before in this object, or one repeated inside a member's value."""
    seen: set[str] = set()
    for key, value in pairs:
        if key in seen:
            return _RepeatAt((key,))
        below = _repeat_in(value)
        if below is not None:
            return _RepeatAt((key, *below))
        seen.add(key)
    return dict(pairs)


def _repeated_key(text: str) -> DuplicateKey:
    """The DuplicateKey of ``text``, which repeats a key somewhere: parsed again, tracking
    the path (only then: the common case pays for nothing but the check of each object)."""
    parts = _repeat_in(json.loads(text, object_pairs_hook=_path_hook)) or ("?",)
    path = ".".join(part[:40] for part in parts)
    if len(path) > MAX_PATH_CHARS:
        path = "..." + path[3 - MAX_PATH_CHARS:]
    return DuplicateKey(path)


def loads(raw: str | bytes) -> Any:
    """``raw`` parsed as JSON, as :func:`json.loads` does (ValueError when it is not JSON,
    RecursionError when it nests deeper than the parser follows), but raising DuplicateKey
    naming the path of a key that an object repeats, and NotJsonText for bytes that are not
    UTF-8 or hold a NUL (:func:`utf8_text`)."""
    if isinstance(raw, bytes | bytearray):
        raw = utf8_text(bytes(raw))
    try:
        return json.loads(raw, object_pairs_hook=_unique_keys)
    except _Repeated:
        raise _repeated_key(raw) from None
