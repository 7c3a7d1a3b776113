"""PNG plots with matplotlib's Agg backend (no display needed)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path


def _pyplot():  # imported lazily: matplotlib is a ``bench`` extra and slow to import
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def bar_chart(
    path: Path,
    title: str,
    ylabel: str,
    bars: Mapping[str, tuple[float | None, Sequence[float | None]]],
) -> Path:
    """One bar per subject at its median, with every run drawn as a dot; writes ``path``.

    ``bars`` maps a subject name to ``(median, per-run values)``; None values are skipped.
    """
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 4), dpi=100)
    names = list(bars)
    for index, name in enumerate(names):
        median, runs = bars[name]
        ax.bar(index, median or 0.0, width=0.6, color=f"C{index}", alpha=0.8)
        known = [value for value in runs if value is not None]
        ax.scatter([index] * len(known), known, color="black", s=12, zorder=3)
        if median is not None:
            ax.annotate(f"{median:,.0f}", (index, median), ha="center", va="bottom", fontsize=9)
    ax.set_xticks(range(len(names)), names)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def cdf_chart(
    path: Path, title: str, xlabel: str, curves: Mapping[str, Sequence[Sequence[float]]]
) -> Path:
    """Cumulative distributions (``[[value, fraction], ...]`` per subject); writes ``path``."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 4), dpi=100)
    for index, (name, points) in enumerate(curves.items()):
        if points:
            ax.step([p[0] for p in points], [p[1] for p in points], where="post",
                    label=name, color=f"C{index}")
    ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("fraction of packets")
    ax.set_ylim(0, 1.01)
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def grouped_bar_chart(
    path: Path,
    title: str,
    ylabel: str,
    groups: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
) -> Path:
    """Bars of each series side by side for every group (None drawn as 0); writes ``path``."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 4), dpi=100)
    width = 0.8 / max(1, len(series))
    for index, (name, values) in enumerate(series.items()):
        xs = [g + (index - (len(series) - 1) / 2) * width for g in range(len(groups))]
        ax.bar(xs, [v or 0.0 for v in values], width=width, label=name, color=f"C{index}")
    ax.set_xticks(range(len(groups)), list(groups))
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(axis="y", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def line_chart(
    path: Path,
    title: str,
    xlabel: str,
    ylabel: str,
    xs: Sequence[float | None],
    series: Mapping[str, Sequence[float | None]],
) -> Path:
    """One line with markers per series over ``xs`` (None points skipped); writes ``path``."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 4), dpi=100)
    for index, (name, values) in enumerate(series.items()):
        points = [(x, y) for x, y in zip(xs, values, strict=True)
                  if x is not None and y is not None]
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=name,
                color=f"C{index}")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path
