"""The key-encryption key (KEK): the ``file`` provider, a random 256-bit key in the data dir.

Data keys wrapped by the KEK protect account data at rest (see issue "keys/ and the account
store"); the KEK file is mode 0600 and created on first start.
"""

from __future__ import annotations

import os
from pathlib import Path

from keys.files import read_or_create

KEK_BYTES = 32


class KekUnavailable(RuntimeError):
    """The KEK cannot be loaded; start-up stops with this message."""


def load_file_kek(keys_dir: Path) -> bytes:
    """Return the 32-byte KEK from ``keys_dir/kek.bin``, creating it on first start.

    Raises:
        KekUnavailable: the file exists but is not 32 bytes.
    """
    kek = read_or_create(keys_dir / "kek.bin", lambda: os.urandom(KEK_BYTES))
    if len(kek) != KEK_BYTES:
        raise KekUnavailable(f"{keys_dir / 'kek.bin'} is not a {KEK_BYTES}-byte key")
    return kek
