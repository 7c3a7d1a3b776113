"""Writing a result: JSON validated against ``bench/schema.json``, Markdown table, paths.

A result is the dict described by ``schema.json``. :func:`claim_base` names a run's files
``<mode>-<UTC YYYYmmddTHHMMSSZ>`` under the output directory (``bench/results/`` by
default; ``-2``, ``-3``... after it for another run of the mode started in the same second);
:func:`write_result` writes the JSON and the Markdown report (:func:`markdown_report`: what
ran, on which machine, the table and the notes) there and records both paths in
``result["artifacts"]``; plots and profiles take the same base.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).with_name("schema.json")
DEFAULT_RESULTS_DIR = Path(__file__).with_name("results")
FORMAT = "fjord-bench/1"


class ResultError(ValueError):
    """A result does not match ``bench/schema.json``."""


def utc_stamp(epoch_s: float | None = None) -> str:
    """``YYYY-mm-ddTHH:MM:SSZ`` for ``epoch_s`` (now by default)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch_s))


def load_schema() -> dict[str, Any]:
    """The JSON schema of results."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate(result: dict[str, Any]) -> None:
    """Check ``result`` against the schema.

    Raises:
        ResultError: the first schema violation, with its JSON path.
    """
    import jsonschema

    validator = jsonschema.Draft202012Validator(load_schema())
    errors = sorted(validator.iter_errors(result), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        where = "/".join(str(part) for part in error.absolute_path) or "(root)"
        raise ResultError(f"{where}: {error.message}")


def base_name(mode: str, started_utc: str) -> str:
    """``turn-20261129T161900Z`` for mode ``turn`` started at ``2026-11-29T16:19:00Z``."""
    return f"{mode}-{started_utc.replace('-', '').replace(':', '')}"


def claim_base(out_dir: Path, mode: str, started_utc: str) -> Path:
    """The path, without suffix, of a run's files (``out_dir/turn-20261129T161900Z``), its
    ``.json`` created empty to claim it.

    A run of the mode that started in the same second (two invocations side by side) has
    the name already: this one gets ``-2``, ``-3``... (it overwrote the earlier one's files);
    the exclusive creation keeps two writers at once apart.

    Raises:
        OSError: the directory cannot be written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    name = base_name(mode, started_utc)
    for attempt in itertools.count(1):
        base = out_dir / (name if attempt == 1 else f"{name}-{attempt}")
        try:
            base.with_suffix(".json").open("x").close()
        except FileExistsError:
            continue
        return base
    raise AssertionError("unreachable")


def markdown_table(result: dict[str, Any]) -> str:
    """A Markdown table: one row per figure, one column per subject, then comparison rows."""
    subjects = result["subjects"]
    names: list[str] = []
    units: dict[str, str] = {}
    for subject in subjects:
        for key, fig in subject["figures"].items():
            if key not in units:
                names.append(key)
                units[key] = fig["unit"]
    header = ["figure", "unit"] + [s["name"] for s in subjects]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---", "---"] + ["---:"] * len(subjects)) + "|",
    ]
    for key in names:
        cells = [key, units[key]]
        for subject in subjects:
            fig = subject["figures"].get(key)
            cells.append(format_value(fig["value"]) if fig else "")
        lines.append("| " + " | ".join(cells) + " |")
    comparison = result["comparison"]
    for key, fig in comparison["figures"].items():
        cells = [key, fig["unit"], format_value(fig["value"])] + [""] * (len(subjects) - 1)
        lines.append("| " + " | ".join(cells) + " |")
    target = comparison["target"]
    met = {True: "met", False: "NOT met", None: "not measurable"}[target["met"]]
    lines.append("")
    lines.append(f"Target: {target['description']}: **{met}**")
    return "\n".join(lines) + "\n"


def markdown_report(result: dict[str, Any]) -> str:
    """The run's Markdown file: what ran (command, time, machine, each subject), the table
    of :func:`markdown_table` and the notes that qualify its figures, so that the file
    read on its own says what the JSON beside it does."""
    machine = result["machine"]
    versions = [f"Python {machine['python']}", f"Fjord {machine.get('fjord_commit') or '?'}"]
    versions += [f"{name} {machine[name]}" for name in ("coturn", "janus") if machine.get(name)]
    cores = machine.get("native_cores", {})
    lines = [
        f"# fjord bench {result['mode']}, {result['started_utc']}",
        "",
        f"Command: `{result['command'] or 'fjord bench ' + result['mode']}`",
        "",
        f"Machine: {machine['cpu_model']}, {machine['logical_cores']} logical cores "
        f"({machine['usable_cores']} usable), load average "
        f"{' / '.join(str(v) for v in machine.get('load_average', [])) or '?'}, kernel "
        f"{machine.get('kernel', '?')}; {', '.join(versions)}"
        + (f"; Fjord's cores: {', '.join(f'{k} {v}' for k, v in cores.items())}"
           if cores else ""),
        "",
    ]
    lines += [f"- {s['name']}: {s['description']}" for s in result["subjects"]
              if s.get("description")]
    lines += ["", markdown_table(result).rstrip("\n")]
    if result["notes"]:
        lines += ["", "Notes:", ""] + [f"- {note}" for note in result["notes"]]
    return "\n".join(lines) + "\n"


def format_value(value: float | int | None) -> str:
    """Human formatting: ``n/a`` for None, thousands separators, 3 significant decimals."""
    if value is None:
        return "n/a"
    if isinstance(value, int) or (abs(value) >= 1000 and float(value).is_integer()):
        return f"{int(value):,}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


@contextlib.contextmanager
def claimed_base(out_dir: Path, mode: str, started_utc: str) -> Iterator[Path]:
    """:func:`claim_base` for a block that writes the run's files: when the block fails or
    is interrupted (Ctrl-C, SIGTERM), the claim and the artifacts named after it are removed,
    so that a stopped run writes nothing (those of a ``-2`` run beside it stay)."""
    base = claim_base(out_dir, mode, started_utc)
    try:
        yield base
    except BaseException:
        own = re.compile(re.escape(base.name) + r"(\.(json|md)|-(?!\d+[.-]).*)")
        for path in out_dir.iterdir():
            if own.fullmatch(path.name):
                path.unlink(missing_ok=True)
        raise


def write_result(result: dict[str, Any], base: Path) -> tuple[Path, Path]:
    """Validate, then write ``<base>.json`` and ``<base>.md`` (``base`` from
    :func:`claim_base`); returns both paths.

    Raises:
        ResultError: the result does not match the schema (nothing is written, the claim
            is given up).
        OSError: the directory cannot be written.
    """
    json_path, md_path = base.with_suffix(".json"), base.with_suffix(".md")
    result["artifacts"]["json"] = str(json_path)
    result["artifacts"]["markdown"] = str(md_path)
    try:
        validate(result)
    except ResultError:
        json_path.unlink(missing_ok=True)
        raise
    md_path.write_text(markdown_report(result), encoding="utf-8")
    json_path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return json_path, md_path
