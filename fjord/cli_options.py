"""What the ``fjord`` commands share: one ``--flag`` per setting, the ``--org`` option, and
how an operator action is run (fjord/cli.py and fjord/store_cli.py use them)."""

from __future__ import annotations

import asyncio
import functools
import os
import re
import sys
from collections.abc import Callable
from typing import Any

import click

from fjord.settings import Settings
from fjord.settings_loading import SettingsError, is_secret, load_settings, unknown_variables

SETTINGS = "fjord.settings"
"""Key of the effective settings in ``click.Context.meta`` (for ``fjord.cli``'s one-line
failures)."""
ADMIN_SETTINGS = (
    "data_dir", "database_url", "log_level", "log_format", "keyring_dir", "kek_provider",
    "kek_pkcs11_module", "kek_pkcs11_token_label", "kek_pkcs11_pin", "kek_pkcs11_key_label",
    "kek_aws_region", "kek_aws_key_id", "kek_aws_endpoint_url",
)
"""The settings an operator task on the account store reads (where the data and its keys
are): its only flags, so its ``--help`` is not buried under the servers' (the others still
come from ``FJORD_*`` variables)."""
_SIGNALING_TURN_SETTINGS = ("turn_host", "turn_credential_ttl")
"""``turn_*`` settings only a signaling role reads (what it hands clients in iceServers)."""
_SERVER_SETTINGS = ("data_dir", "log_level", "log_format", "node_id", "metrics_listen_ip",
                    "metrics_port")
TURN_SETTINGS = _SERVER_SETTINGS + (
    "tls_cert_file", "tls_key_file", "announced_ip", "announced_ip6",
    *(name for name in Settings.model_fields
      if name.startswith("turn_") and name not in _SIGNALING_TURN_SETTINGS),
)
"""The settings ``fjord turn`` reads: its only flags, so that a flag of another role (say
``--https-port``) is refused rather than silently ignored."""
SFU_SETTINGS = tuple(name for name in _SERVER_SETTINGS if name != "data_dir") + (
    "announced_ip", "max_group_room_size", "redis_url", "node_ttl", "node_heartbeat_interval",
    *(name for name in Settings.model_fields if name.startswith("sfu_")
      and name != "sfu_request_timeout"),  # signaling's wait for an SFU answer
)
"""The settings ``fjord sfu`` (supervisor and workers) reads: its only flags."""
SFU_DRAIN_SETTINGS = ("redis_url", "node_id", "node_ttl", "node_heartbeat_interval")
"""The settings ``fjord sfu drain`` reads."""


_FLAG_HINT = re.compile(r" \(--([a-z0-9-]+)\)")
"""The flag a settings problem names besides its variable (``FJORD_HTTPS_PORT
(--https-port)``)."""


def settings_options(
    command: Callable[..., Any] | None = None, *, aliases: dict[str, str] | None = None,
    only: tuple[str, ...] | None = None, binds: tuple[str, ...] | None = None,
) -> Any:
    """Add one ``--flag`` per setting (``data_dir`` -> ``--data-dir``), or per setting of
    ``only``; pass ``settings``.

    Flags win over ``FJORD_*`` variables; invalid values stop with one line naming the setting.
    ``aliases`` maps a parameter of the command to the setting it also sets, e.g.
    ``{"workers": "sfu_workers"}``; it is validated with the others, and the alias and the
    setting's own flag given with different values are a usage error (one of them was
    silently ignored). ``binds``: the ports the command listens on (``fjord.ports``'s
    ``*_BINDS``; None: those of every command), two of which must not clash.
    """
    if command is None:
        return functools.partial(settings_options, aliases=aliases, only=only, binds=binds)

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> Any:
        given = {name: kwargs.pop(name) for name in Settings.model_fields if name in kwargs}
        for param, name in (aliases or {}).items():
            value = kwargs.pop(param, None)
            if value is None:
                continue
            if given.get(name) is not None and str(given[name]) != str(value):
                flag, own = "--" + param.replace("_", "-"), "--" + name.replace("_", "-")
                raise click.UsageError(f"{flag} {value} and {own} {given[name]} conflict: "
                                       f"give one of them ({flag} is the same setting)")
            given[name] = value
        def say(line: str) -> None:
            if only is not None:  # name no flag this command refuses
                line = _FLAG_HINT.sub(
                    lambda hint: hint[0] if hint[1].replace("-", "_") in only else "", line)
            click.echo(f"fjord: {line}", err=True)

        last = click.get_current_context().invoked_subcommand is None  # warnings said once
        try:
            # another role's invalid variable (a shared environment) is a warning here
            # a group's (fjord sfu) settings before its subcommand (drain) are the
            # subcommand's to check: the group reads only the flags given to it
            reads = (only if last or only is None
                     else tuple(name for name, value in given.items() if value is not None))
            settings = load_settings(reads, say if last else lambda _line: None, binds,
                                     **given)
        except SettingsError as exc:
            for problem in exc.problems:
                say(problem)
            sys.exit(2)
        if last:
            for warning in unknown_variables(os.environ):
                click.echo(f"fjord: {warning}", err=True)
            for name in sorted(n for n, v in given.items() if v is not None
                               and is_secret(settings, n)):
                click.echo(f"fjord: warning: --{name.replace('_', '-')} on the command line "
                           "is visible to every user of this machine (ps): set "
                           f"FJORD_{name.upper()} or put it in the configuration file",
                           err=True)
        click.get_current_context().meta[SETTINGS] = settings
        return command(settings=settings, **kwargs)

    for name, field in reversed(list(Settings.model_fields.items())):
        if only is not None and name not in only:
            continue
        flag = "--" + name.replace("_", "-")
        help_text = (field.description or "") + f" [env FJORD_{name.upper()}]"
        wrapper = click.option(flag, name, default=None, help=help_text.strip())(wrapper)
    return wrapper


def org_name(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """``--org``: 1-100 characters, no control characters or bidirectional overrides."""
    if value is None:
        return value
    from signaling.visible_text import check_visible_text

    if not 1 <= len(value) <= 100:
        raise click.BadParameter("must be 1-100 characters")
    try:
        return check_visible_text(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def org_option(**kwargs: Any) -> Callable[..., Any]:
    """The ``--org NAME`` option of the operator commands (validated by :func:`org_name`)."""
    return click.option("--org", "org_name", callback=org_name, help="Organization name",
                        **kwargs)


def operate(coro: Any) -> Any:
    """Run an operator action (its known failures become one line in :class:`FjordGroup`)."""
    return asyncio.run(coro)
