"""Progress bars for long runs (tqdm on stderr; silent when stderr is not a terminal)."""

from __future__ import annotations

from typing import Any


def progress(total: float, description: str, enabled: bool | None = None) -> Any:
    """A tqdm bar of ``total`` steps; ``enabled=None`` shows it only on a terminal.

    Use as a context manager and call ``update(n)``.
    """
    from tqdm import tqdm

    return tqdm(
        total=total,
        desc=description,
        unit="s" if isinstance(total, float) else "it",
        disable=None if enabled is None else not enabled,
        leave=False,
        dynamic_ncols=True,
    )
