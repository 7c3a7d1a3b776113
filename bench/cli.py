"""``fjord bench``: benchmark modes (see bench/README.md)."""

import click


@click.group()
def bench() -> None:
    """Benchmarks: TURN relaying against coturn, the SFU hot path, SFU end to end."""
