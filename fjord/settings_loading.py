"""Loading the settings for one command, and the lines that tell its operator what is wrong.

:func:`load_settings` builds :class:`fjord.settings.Settings` from flags, ``FJORD_*``
variables and the TOML file (``FJORD_CONFIG_FILE``) for the settings a command reads and
the ports it listens on; an invalid one becomes one line naming it (``FJORD_<NAME>
(--<name>)``, or the file's key), in :class:`SettingsError` or, for a setting the command
does not read, a warning. Also what the commands check around it: variables that name no
setting, and secrets given where others can read them."""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any

from pydantic import SecretStr, ValidationError
from pydantic_settings import TomlConfigSettingsSource

from fjord.ports import is_port_clash
from fjord.setting_checks import readable_by_others
from fjord.setting_rules import (
    BINDS,
    ICE_SERVERS,
    READS,
    RuleProblems,
    rule_inputs,
    rule_problems,
    stops,
)
from fjord.settings import Settings
from fjord.url_passwords import url_has_password


class SettingsError(ValueError):
    """Settings are invalid; ``problems`` holds one line per invalid setting, each naming the
    setting (``FJORD_<NAME> (--<name>)``, or ``<name> in <file>`` for a value of the TOML file)
    and the problem; ``str()`` joins them with newlines."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)


def load_settings(reads: Collection[str] | None = None,
                  warn: Callable[[str], object] = _stderr,
                  binds: Collection[str] | None = None, **overrides: Any) -> Settings:
    """Build settings from flags (``overrides``), environment and TOML file.

    ``reads``: the settings the command reads (None: all). An invalid value of another one,
    such as a variable meant for another role in an environment the roles share, is left at
    its default and told to ``warn`` in one line instead of stopping the command; so is a
    broken rule across settings (:func:`fjord.setting_rules.rule_problems`) that ties one it
    does not read. ``binds``: the ports the command listens on (:mod:`fjord.ports`; None:
    those of every command), for :func:`fjord.ports.port_clashes`.

    Raises:
        SettingsError: one line per invalid setting, e.g.
            ``invalid setting FJORD_HTTPS_PORT (--https-port): Input should be ...``.
    """
    token = BINDS.set(None if binds is None else frozenset(binds))
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        settings = _load_settings(reads, warn, given)
    finally:
        BINDS.reset(token)
    config_file = os.environ.get("FJORD_CONFIG_FILE")
    if config_file:
        secrets = [name for name in _file_settings(given) if is_secret(settings, name)]
        if exposed := readable_by_others(Path(config_file), secrets):
            warn(exposed)
    return settings


def is_secret(settings: Settings, name: str) -> bool:
    """``name`` holds a secret in ``settings``: a masked setting (of a URL, its password)."""
    value = getattr(settings, name, None)
    if name in ("database_url", "redis_url"):
        url = value.get_secret_value() if isinstance(value, SecretStr) else value
        return bool(url) and url_has_password(url)
    return isinstance(value, SecretStr)


def _load_settings(reads: Collection[str] | None, warn: Callable[[str], object],
                   given: dict[str, Any]) -> Settings:
    """:func:`load_settings` with the flags given (None values are kept: the defaults that
    replace invalid values of settings the command does not read, ``turn_host=None`` among
    them, must win over the variable or file that gave the invalid value)."""
    token = READS.set(None if reads is None else frozenset(reads))
    try:
        settings = Settings(**given)
    except ValidationError as exc:
        from_file = _file_settings(given)
        errors = exc.errors()
        unread = {str(err["loc"][0]) for err in errors
                  if reads is not None and err.get("loc")
                  and err["loc"][0] in Settings.model_fields and err["loc"][0] not in reads}
        own = [err for err in errors if not err.get("loc") or err["loc"][0] not in unread]
        if own:
            # one of its own settings, or a rule across settings: the command cannot run
            # (the others' values are said too, as the warnings they are to this command)
            for err in errors:
                if err not in own:
                    warn(f"warning: {_problem(err, from_file)} (left at its default: this "
                         "command does not read it)")
            raise SettingsError([line for err in own for line in _problems(err, from_file)]
                                + _hidden_rules(errors, given, reads, warn)) from None
        defaults = {name: Settings.model_fields[name].get_default(call_default_factory=True)
                    for name in unread}
        try:
            settings = _load_settings(reads, warn, {**given, **defaults})
        finally:  # before the problems of its own, if any (the shared environment's
            # mistakes all at once), but as what they are to this command: warnings
            for err in errors:
                warn(f"warning: {_problem(err, from_file)} (left at its default: this "
                     "command does not read it)")
        return settings
    except (ValueError, OSError) as exc:
        raise SettingsError([f"invalid configuration: {exc}"]) from None
    finally:
        READS.reset(token)
    for names, problem in rule_problems(settings):
        _warn_unread_rule(names, problem, reads, warn, _file_settings(given))
    return settings


def _warn_unread_rule(names: tuple[str, ...], problem: str, reads: Collection[str] | None,
                      warn: Callable[[str], object], from_file: Collection[str]) -> None:
    """The warning for a broken rule across settings that ties one the command does not
    read (none for the iceServers rule and a clash of ports: not its own at all)."""
    unread_names = [name for name in names if reads is not None and name not in reads]
    if unread_names and names != ICE_SERVERS and not is_port_clash(names):
        warn(f"warning: {rule_line(names, problem, from_file)} (not checked: this command "
             f"does not read {', '.join(unread_names)})")


NOT_SETTINGS = ("FJORD_CONFIG_FILE", "FJORD_BENCH_")
"""``FJORD_*`` names that are read but are no setting: the TOML file's path, and the
benchmark's hand-offs to its runner processes (a prefix)."""


def unknown_variables(environ: Mapping[str, str]) -> list[str]:
    """One warning line per ``FJORD_*`` variable in ``environ`` that names no setting,
    with the closest setting when one is near (a misspelled variable is otherwise
    silently ignored). Warnings, not errors: Kubernetes adds ``<SERVICE>_PORT`` style
    variables for every Service, ``FJORD_SIGNALING_PORT`` among them."""
    known = {f"FJORD_{name.upper()}" for name in Settings.model_fields}
    lines = []
    for name in sorted(environ):
        if not name.startswith("FJORD_") or name in known or name.startswith(NOT_SETTINGS):
            continue
        near = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
        hint = f" (did you mean {near[0]}?)" if near else ""
        lines.append(f"warning: {name} is not a setting and is ignored{hint}")
    return lines


def setting_name(name: str) -> str:
    """How a line names setting ``name`` for its operator: ``FJORD_HTTPS_PORT (--https-port)``."""
    return f"FJORD_{name.upper()} (--{name.replace('_', '-')})"


def rule_line(names: Collection[str], problem: str, from_file: Collection[str] = ()) -> str:
    """How a line names a broken rule across settings for its operator: each setting as
    :func:`setting_name` does (``<name> in <file>`` for a value of the TOML file,
    ``from_file``), then the problem: ``invalid settings FJORD_TURN_RELAY_PORT_MIN
    (--turn-relay-port-min) and FJORD_TURN_RELAY_PORT_MAX (--turn-relay-port-max): ...``."""
    config_file = os.environ.get("FJORD_CONFIG_FILE")
    where = [f"{name} in {config_file}" if name in from_file else setting_name(name)
             for name in names]
    listed = where[0] if len(where) == 1 else f"{', '.join(where[:-1])} and {where[-1]}"
    return f"invalid setting{'s' if len(where) > 1 else ''} {listed}: {problem}"


def _file_settings(flags: Mapping[str, Any]) -> set[str]:
    """The settings whose value comes from the TOML file (``FJORD_CONFIG_FILE``): keys of
    the file given neither as a flag nor as a variable, which win over it."""
    config_file = os.environ.get("FJORD_CONFIG_FILE")
    if not config_file:
        return set()
    try:
        keys = TomlConfigSettingsSource(Settings, toml_file=config_file).toml_data
    except (OSError, UnicodeDecodeError, ValueError):
        return set()
    variables = {name.upper() for name in os.environ}  # pydantic-settings ignores their case
    return {key for key in keys if key not in flags and f"FJORD_{key.upper()}" not in variables}


def _hidden_rules(errors: list[Any], given: dict[str, Any], reads: Collection[str] | None,
                  warn: Callable[[str], object]) -> list[str]:
    """The lines of the rules across settings that invalid values hid (the settings model
    checks its rules only once every value passed, so a second run said them), found with
    the invalid values at their defaults, each rule whose check reads none of them: those
    that stop the command, returned; those it does not read, told to ``warn``."""
    invalid = {str(err["loc"][0]) for err in errors
               if err.get("loc") and err["loc"][0] in Settings.model_fields}
    if not invalid:
        return []
    defaults = {name: Settings.model_fields[name].get_default(call_default_factory=True)
                for name in invalid}
    every_rule = READS.set(None), BINDS.set(None)  # classified below, as for this command
    try:
        Settings(**{**given, **defaults})
        return []
    except ValidationError as exc:
        broken = [(names, problem) for err in exc.errors()
                  if not err.get("loc") and isinstance(rules := err.get("ctx", {}).get("error"),
                                                       RuleProblems)
                  for names, problem in rules.problems if invalid.isdisjoint(rule_inputs(names))]
    except (ValueError, OSError):
        return []  # the invalid values' own lines are the ones to fix first
    finally:
        READS.reset(every_rule[0])
        BINDS.reset(every_rule[1])
    from_file = _file_settings(given)
    own = frozenset(reads) if reads is not None else None
    lines = []
    for names, problem in broken:
        if stops(names, own, BINDS.get()):
            lines.append(rule_line(names, problem, from_file))
        else:
            _warn_unread_rule(names, problem, reads, warn, from_file)
    return lines


def _problems(err: Any, from_file: set[str]) -> list[str]:
    """The lines for one pydantic error: one per broken rule across settings
    (:class:`RuleProblems`), else :func:`_problem`'s one."""
    error = err.get("ctx", {}).get("error")
    if not err.get("loc") and isinstance(error, RuleProblems):
        return [rule_line(names, problem, from_file) for names, problem in error.problems]
    return [_problem(err, from_file)]


def _problem(err: Any, from_file: set[str]) -> str:
    """One line for one pydantic error: the setting (the file's key when its value came from
    the file, else its variable and flag), then the message."""
    loc = [str(part) for part in err.get("loc", ())]
    if loc and err.get("type") == "extra_forbidden":
        # Flags and variables only carry known names: an unknown one is from the file.
        config_file = os.environ.get("FJORD_CONFIG_FILE")
        # A variable's name copied into the file is its key with the prefix.
        key = loc[0].lower().removeprefix("fjord_")
        near = difflib.get_close_matches(key, Settings.model_fields, n=1, cutoff=0.8)
        hint = f" (did you mean {near[0]}?)" if near else ""
        where = f"key {loc[0]} in {config_file}" if config_file else f"setting {loc[0]}"
        return f"unknown {where}{hint}"
    if loc and loc[0] in from_file:
        where = f"{loc[0]} in {os.environ.get('FJORD_CONFIG_FILE')}"
    elif loc:
        where = setting_name(loc[0])
    else:
        where = "configuration"
    message = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
    value = err.get("input")
    if isinstance(value, str) and len(value) > 1 and value[0] == value[-1] and value[0] in "\"'":
        message += (" (its value is in quotes, which are part of it: docker run --env-file "
                    "keeps them)")
    return f"invalid setting {where}: {message}".replace("\n", " ")
