"""The shared harness: figures, schema validation, Markdown table, machine info, plots."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from bench.figures import cdf_points, figure, median_figure, percentile, ratio
from bench.machine import machine_info
from bench.plots import bar_chart, cdf_chart
from bench.report import (
    FORMAT,
    ResultError,
    claim_base,
    claimed_base,
    markdown_table,
    validate,
    write_result,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def sample_result() -> dict:
    return {
        "format": FORMAT,
        "mode": "turn",
        "started_utc": "2026-11-29T16:19:00Z",
        "wall_s": 1.5,
        "command": "fjord bench turn",
        "inputs": {"allocations": 2},
        "machine": machine_info(),
        "subjects": [
            {
                "name": "fjord",
                "figures": {"pps_per_cpu_s": figure(1234.5, "packets/CPU s")},
                "runs": [{"figures": {"pps_per_cpu_s": figure(1234.5, "packets/CPU s")}}],
            },
            {
                "name": "coturn",
                "figures": {"pps_per_cpu_s": figure(None, "packets/CPU s")},
                "runs": [{"figures": {"pps_per_cpu_s": figure(None, "packets/CPU s")}}],
            },
        ],
        "comparison": {
            "figures": {"ratio": figure(None, "ratio")},
            "target": {"description": "at least coturn", "met": None},
        },
        "artifacts": {"plots": []},
        "notes": [],
    }


def test_figure_helpers() -> None:
    assert figure(float("nan"), "ms") == {"value": None, "unit": "ms"}
    assert ratio(3, 0) is None and ratio(None, 2) is None and ratio(3, 2) == 1.5
    values = sorted(float(v) for v in range(1, 101))
    assert percentile(values, 0.5) == 50.0
    assert percentile(values, 0.99) == 99.0
    assert percentile([], 0.5) is None
    points = cdf_points(values, points=10)
    assert points[-1] == [100.0, 1.0]
    assert len(points) == 10
    assert all(a[1] < b[1] for a, b in zip(points, points[1:], strict=False))
    assert median_figure([1.0, None, 3.0], "x") == {"value": 2.0, "unit": "x"}
    assert median_figure([None], "x")["value"] is None


def test_machine_info_has_cpu_python_and_packages() -> None:
    info = machine_info()
    assert info["logical_cores"] >= 1 and info["usable_cores"] >= 1
    assert info["python"].count(".") == 2
    assert "pylibsrtp" in info["packages"] and "fjord" in info["packages"]


def test_machine_info_names_the_commit_measured() -> None:
    """The package version is 0.1.0 at every commit: a result did not say which code ran."""
    import subprocess

    root = Path(__file__).resolve().parents[2]
    head = subprocess.run(["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()
    commit = machine_info()["fjord_commit"]
    assert commit is not None and commit.removesuffix("-dirty").endswith(head)
    sample = sample_result()
    sample["machine"]["fjord_commit"] = commit
    validate(sample)


def test_schema_accepts_sample_and_rejects_figure_without_unit() -> None:
    result = sample_result()
    validate(result)
    broken = copy.deepcopy(result)
    del broken["subjects"][0]["figures"]["pps_per_cpu_s"]["unit"]
    with pytest.raises(ResultError, match="unit"):
        validate(broken)
    wrong_mode = copy.deepcopy(result)
    wrong_mode["mode"] = "nonsense"
    with pytest.raises(ResultError):
        validate(wrong_mode)


def test_markdown_table_has_a_column_per_subject() -> None:
    table = markdown_table(sample_result())
    lines = table.splitlines()
    assert lines[0] == "| figure | unit | fjord | coturn |"
    assert "| pps_per_cpu_s | packets/CPU s | 1,234 | n/a |" in lines
    assert "not measurable" in table


def test_markdown_file_says_what_ran_where_and_its_notes(tmp_path: Path) -> None:
    """The Markdown file held the table alone: read on its own (as published beside the
    JSON) it said neither the command, the machine, the servers, nor the notes that
    qualify the figures (runs left out, the Python path measured)."""
    result = sample_result()
    result["subjects"][1]["description"] = "coturn /usr/bin/turnserver, --relay-threads=1"
    result["notes"] = ["fjord: 1 disturbed run(s) left out of the medians"]
    _, md_path = write_result(result, claim_base(tmp_path, "turn", "2026-11-29T16:19:00Z"))
    text = md_path.read_text()
    machine = result["machine"]
    assert "Command: `fjord bench turn`" in text
    assert machine["cpu_model"] in text and f"Python {machine['python']}" in text
    assert f"Fjord {machine['fjord_commit']}" in text
    assert "- coturn: coturn /usr/bin/turnserver, --relay-threads=1" in text
    assert "| pps_per_cpu_s | packets/CPU s | 1,234 | n/a |" in text
    assert "- fjord: 1 disturbed run(s) left out of the medians" in text


def test_write_result_names_files_by_mode_and_time(tmp_path: Path) -> None:
    json_path, md_path = write_result(sample_result(), claim_base(tmp_path, "turn",
                                                                  "2026-11-29T16:19:00Z"))
    assert json_path.name == "turn-20261129T161900Z.json"
    saved = json.loads(json_path.read_text())
    validate(saved)
    assert saved["artifacts"]["markdown"] == str(md_path)
    assert "\n| figure | unit | fjord | coturn |\n" in md_path.read_text()
    # A second run of the mode started in the same second kept the first's files apart
    # only by overwriting them.
    again_json, again_md = write_result(sample_result(), claim_base(tmp_path, "turn",
                                                                    "2026-11-29T16:19:00Z"))
    assert again_json.name == "turn-20261129T161900Z-2.json"
    assert again_md.name == "turn-20261129T161900Z-2.md"
    assert json.loads(again_json.read_text())["artifacts"]["json"] == str(again_json)
    assert json.loads(json_path.read_text()) == saved


def test_a_run_stopped_while_writing_leaves_nothing(tmp_path: Path) -> None:
    """SIGTERM after the name was claimed left an empty JSON behind (the docs promise that a
    stopped run writes nothing); the files of a run beside it stay."""
    other_json, _ = write_result(sample_result(), claim_base(tmp_path, "turn",
                                                            "2026-11-29T16:19:00Z"))
    (tmp_path / "turn-20261129T161900Z-pps-per-cpu.png").write_bytes(b"png")
    with pytest.raises(KeyboardInterrupt), claimed_base(tmp_path, "turn",
                                                       "2026-11-29T16:19:00Z") as base:
        assert base.name == "turn-20261129T161900Z-2"
        (tmp_path / f"{base.name}-pps-per-cpu.png").write_bytes(b"png")
        raise KeyboardInterrupt
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "turn-20261129T161900Z-pps-per-cpu.png", "turn-20261129T161900Z.json",
        "turn-20261129T161900Z.md"]
    assert json.loads(other_json.read_text())["mode"] == "turn"


def test_write_result_refuses_invalid_result(tmp_path: Path) -> None:
    result = sample_result()
    result["subjects"] = []
    with pytest.raises(ResultError):
        write_result(result, claim_base(tmp_path, "turn", result["started_utc"]))
    assert not list(tmp_path.glob("*.json"))


def test_plots_are_png(tmp_path: Path) -> None:
    bar = bar_chart(tmp_path / "b.png", "t", "y", {"a": (2.0, [1.0, 3.0]), "b": (None, [None])})
    cdf = cdf_chart(tmp_path / "c.png", "t", "x", {"a": [[0.1, 0.5], [0.2, 1.0]], "b": []})
    assert bar.read_bytes()[:8] == PNG_MAGIC
    assert cdf.read_bytes()[:8] == PNG_MAGIC


@pytest.fixture
def no_benchmark_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every mode fails the test if it gets as far as running."""
    from bench import hotpath_mode, sfu_mode, turn_mode

    def no_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("the benchmark ran")

    for module, name in ((turn_mode, "run_turn_bench"), (hotpath_mode, "run_hotpath_bench"),
                         (sfu_mode, "run_sfu_bench")):
        monkeypatch.setattr(module, name, no_run)


@pytest.mark.parametrize("mode", ["turn", "hotpath", "sfu"])
@pytest.mark.usefixtures("no_benchmark_runs")
def test_an_output_directory_that_cannot_be_written_is_refused_before_the_run(
        tmp_path: Path, mode: str) -> None:
    """--out was first used when the results were written: the whole benchmark ran, then
    ended in "fjord: [Errno 2] No such file or directory" and its figures were lost."""
    from click.testing import CliRunner

    from fjord.cli import main

    blocker = tmp_path / "a-file"
    blocker.write_text("")
    outcome = CliRunner().invoke(main, ["bench", mode, "--out", str(blocker / "results")])
    assert outcome.exit_code == 2, outcome.output
    assert "cannot write results into" in outcome.output


@pytest.mark.parametrize("mode", ["turn", "hotpath", "sfu"])
@pytest.mark.usefixtures("no_benchmark_runs")
def test_an_empty_output_directory_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              mode: str) -> None:
    """--out "" (an unset variable in a script) ran the benchmark and wrote its files into
    the working directory, printing bare file names."""
    from click.testing import CliRunner

    from fjord.cli import main

    monkeypatch.chdir(tmp_path)
    outcome = CliRunner().invoke(main, ["bench", mode, "--out", ""])
    assert outcome.exit_code == 2, outcome.output
    assert "Invalid value for '--out': empty: give a directory" in outcome.output
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("mode", ["turn", "hotpath", "sfu"])
@pytest.mark.usefixtures("no_benchmark_runs")
def test_a_refused_command_leaves_no_output_directory_behind(tmp_path: Path, mode: str) -> None:
    """--out was created while the options were read, so a command refused for an option
    after it (a usage error: nothing ran) still left an empty results directory."""
    from click.testing import CliRunner

    from fjord.cli import main

    out = tmp_path / "new" / "results"
    outcome = CliRunner().invoke(main, ["bench", mode, "--out", str(out), "--runs", "0"])
    assert outcome.exit_code == 2, outcome.output
    assert not (tmp_path / "new").exists()


def test_machine_info_says_which_fjord_code_path_ran(monkeypatch: pytest.MonkeyPatch) -> None:
    """A native core that failed to build was measured as the Python path under the native
    path's name: nothing in the result said which one ran."""
    from bench import machine
    from sfu import native_forward
    from turn import native_server

    monkeypatch.delenv("FJORD_TURN_NATIVE", raising=False)
    monkeypatch.setattr(native_server, "load_core", lambda: (object, ""))
    monkeypatch.setattr(native_forward, "load_core", lambda: (None, "No module named x"))
    info = machine.machine_info()
    assert info["native_cores"] == {"turn_relay": "native",
                                    "sfu_forwarding": "python: No module named x"}
    assert machine.python_path_notes(info, "turn_relay") == []
    assert machine.python_path_notes(info, "sfu_forwarding") == [
        "Fjord's sfu forwarding ran the Python path, not the native core (No module named x)"]
    monkeypatch.setenv("FJORD_TURN_NATIVE", "off")
    assert machine.native_cores()["turn_relay"] == "python: FJORD_TURN_NATIVE=off"
