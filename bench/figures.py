"""Figures (a value with its unit) and small statistics helpers shared by every mode.

A figure is the JSON object ``{"value": number | null, "unit": str}``; ``null`` means "not
measurable in this run" (e.g. a rate over zero CPU time) and is never replaced by a guess.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def figure(value: float | int | None, unit: str) -> dict[str, object]:
    """``{"value": value, "unit": unit}``; NaN and infinities become None."""
    if value is not None and isinstance(value, float) and not math.isfinite(value):
        value = None
    return {"value": value, "unit": unit}


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """``numerator / denominator``, or None when either is missing or the denominator is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def percentile(sorted_values: Sequence[float], fraction: float) -> float | None:
    """Nearest-rank percentile (``fraction`` in [0, 1]) of already sorted values; None if empty."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def cdf_points(sorted_values: Sequence[float], points: int = 200) -> list[list[float]]:
    """At most ``points`` ``[value, cumulative fraction]`` pairs describing the distribution."""
    count = len(sorted_values)
    if count == 0:
        return []
    step = max(1, count // points)
    indexes = list(range(step - 1, count, step))
    if indexes[-1] != count - 1:
        indexes.append(count - 1)
    return [[sorted_values[i], (i + 1) / count] for i in indexes]


def median(values: Sequence[float | None]) -> float | None:
    """The median of the known values (None if none is known)."""
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def median_figure(values: Sequence[float | None], unit: str) -> dict[str, object]:
    """The median of the known values as a figure (None if none is known)."""
    return figure(median(values), unit)


def median_of_runs(runs: Sequence[dict], key: str) -> float | None:
    """The median of figure ``key`` over ``runs`` (each ``{"figures": {key: figure}}``)."""
    return median([r["figures"][key]["value"] for r in runs])


def median_figures(runs: Sequence[dict]) -> dict[str, dict[str, object]]:
    """Every figure of the first run as the median over ``runs``, with its unit."""
    return {key: median_figure([r["figures"][key]["value"] for r in runs], spec["unit"])
            for key, spec in runs[0]["figures"].items()}
