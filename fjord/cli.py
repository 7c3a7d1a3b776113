"""The ``fjord`` command: one entry point for every role and operator task."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import sys
from collections.abc import Callable
from typing import Any

import click

from fjord.settings import Settings, SettingsError, load_settings


def settings_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add one ``--flag`` per setting (``data_dir`` -> ``--data-dir``); pass ``settings``.

    Flags win over ``FJORD_*`` variables; invalid values stop with one line naming the setting.
    """

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> Any:
        given = {name: kwargs.pop(name) for name in Settings.model_fields if name in kwargs}
        try:
            settings = load_settings(**given)
        except SettingsError as exc:
            click.echo(f"fjord: {exc}", err=True)
            sys.exit(2)
        return command(settings=settings, **kwargs)

    for name, field in reversed(list(Settings.model_fields.items())):
        flag = "--" + name.replace("_", "-")
        help_text = (field.description or "") + f" [env FJORD_{name.upper()}]"
        wrapper = click.option(flag, name, default=None, help=help_text.strip())(wrapper)
    return wrapper


@click.group()
def main() -> None:
    """Fjord: self-hostable, privacy-first video meetings (signaling, TURN relay, SFU)."""


@main.command()
@settings_options
def serve(settings: Settings) -> None:
    """All-in-one server: HTTPS+WSS signaling, TURN relay and SFU in one process."""
    from fjord.serve import run_all_in_one

    _run(run_all_in_one(settings))


@main.command()
@settings_options
def turn(settings: Settings) -> None:
    """The TURN relay alone (RFC 8656 over UDP, TCP and TLS)."""
    from fjord.serve import run_turn

    _run(run_turn(settings))


@main.group("api-key")
def api_key() -> None:
    """Manage API keys of the meetings REST API."""


@api_key.command("create")
@click.option("--org", "org_name", default="demo", show_default=True, help="Organization name")
@settings_options
def api_key_create(settings: Settings, org_name: str) -> None:
    """Create an API key; prints the key alone on the last line (only its hash is stored)."""
    from fjord.serve import create_api_key

    key = asyncio.run(create_api_key(settings, org_name))
    click.echo(f"API key for organization {org_name!r} (shown once, store it safely):", err=True)
    click.echo(key)


@main.group("config")
def config() -> None:
    """Inspect the configuration."""


@config.command("show")
@settings_options
def config_show(settings: Settings) -> None:
    """Print the effective settings as JSON, secrets masked."""
    click.echo(json.dumps(settings.model_dump(mode="json"), indent=2))


def _run(coro: Any) -> None:
    try:
        import uvloop

        runner: Callable[[Any], Any] = uvloop.run
    except ImportError:
        runner = asyncio.run
    with contextlib.suppress(KeyboardInterrupt):
        runner(coro)


def _register_bench() -> None:
    from bench.cli import bench

    main.add_command(bench)


_register_bench()
