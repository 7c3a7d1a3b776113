"""Small helpers for secret files in the data directory: created once, mode 0600."""

from __future__ import annotations

import os
from pathlib import Path


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
