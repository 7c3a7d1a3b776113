"""Small helpers for secret files in the data directory: created once, mode 0600."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from keys.errors import ParseError

T = TypeVar("T")


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically with mode 0600 (replacing any previous file)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def read_or_create(path: Path, make: callable) -> bytes:  # type: ignore[valid-type]
    """Return the bytes of ``path``; create it first with ``make()`` if it does not exist."""
    if not path.exists():
        write_private(path, make())
    return path.read_bytes()


def read_key_file(path: Path, make: Callable[[], bytes], parse: Callable[[Any], T]) -> T:
    """``parse`` applied to the JSON document of ``path`` (created first with ``make()`` when
    missing).

    Raises:
        ParseError: one line naming ``path``: not JSON, or not the shape ``parse`` expects
            (``parse`` raised KeyError, IndexError, TypeError or ValueError).
    """
    raw = read_or_create(path, make)
    try:
        return parse(json.loads(raw))
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        raise ParseError(f"{path} is damaged (not the JSON this version writes); restore it "
                         "from backup (docs/operations.md, Backups)") from None
