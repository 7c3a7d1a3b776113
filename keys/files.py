"""Small helpers for secret files in the data directory: created once, mode 0600."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from keys.errors import ParseError

T = TypeVar("T")


def _write_temporary(path: Path, data: bytes) -> Path:
    """``data`` in a new file of its own beside ``path`` (mode 0600, synced): concurrent
    writers never share one."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as exc:
        os.unlink(name)
        if isinstance(exc, OSError) and exc.filename is None:  # a write names no file
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    return Path(name)


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically with mode 0600 (replacing any previous file)."""
    os.replace(_write_temporary(path, data), path)


def write_public(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically with mode 0644 (a certificate: not secret)."""
    temporary = _write_temporary(path, data)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


def read_or_create(path: Path, make: callable) -> bytes:  # type: ignore[valid-type]
    """Return the bytes of ``path``; create it first with ``make()`` if it does not exist.

    Two processes creating it at once both get the one that was made first."""
    if not path.exists():
        temporary = _write_temporary(path, make())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    return path.read_bytes()


@contextlib.contextmanager
def exclusive(directory: Path) -> Iterator[None]:
    """Hold ``directory``'s lock (``.lock``, across processes) for a read-modify-write of
    its files, such as a rotation."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(directory / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


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
