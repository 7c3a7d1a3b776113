"""The architecture contracts (pyproject.toml [tool.importlinter], docs/architecture.md).

``lint-imports`` runs on a temporary copy of the packages: unmodified, every contract is
kept; with one deliberate violation added (an import across the layers, an import of the
command, an import cycle, an I/O import in a codec), exactly the contract it breaks fails
and the report names the offending import. Also: the architecture page names every package
and layer the contracts name, no module grows past about 600 lines without saying why,
and the commands on the store load no web framework.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
PACKAGES = CONFIG["root_packages"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MAX_LINES = 600


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """Run the contracts on ``tree`` (its own packages first on the path)."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=tree, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the packages and pyproject.toml that the test may break."""
    ignore = shutil.ignore_patterns("__pycache__", "results", "web")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_unmodified_tree_keeps_every_contract(tree: Path) -> None:
    result = lint_imports(tree)
    contracts = len(CONFIG["contracts"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {contracts} kept, 0 broken." in result.stdout


VIOLATIONS = [
    pytest.param("sfu/router.py", "import signaling.rooms\n",
                 ["sfu is not allowed to import signaling", "sfu.router -> signaling.rooms"],
                 id="sfu-imports-signaling"),
    pytest.param("signaling/context.py", "import fjord.settings\n",
                 ["signaling is not allowed to import fjord",
                  "signaling.context -> fjord.settings"],
                 id="signaling-imports-the-command"),
    pytest.param("turn/stream.py", "import turn.server\n",
                 ["No cycles are allowed in turn.", ".stream -> .server"],
                 id="cycle"),
    pytest.param("sfu/transport.py",
                 "if TYPE_CHECKING:\n    from sfu.consumer import Consumer\n",
                 ["No cycles are allowed in sfu.", "consumer", "transport"],
                 id="cycle-through-annotations-only"),
    pytest.param("sfu/rtcp/pli.py", "import asyncio\n",
                 ["sfu.rtcp is not allowed to import asyncio", "sfu.rtcp.pli -> asyncio"],
                 id="codec-imports-asyncio"),
]


@pytest.mark.parametrize(("module", "addition", "expected"), VIOLATIONS)
def test_violation_breaks_its_contract(tree: Path, module: str, addition: str,
                                       expected: list[str]) -> None:
    path = tree / module
    path.write_text(path.read_text() + "\n" + addition)
    result = lint_imports(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    contracts = len(CONFIG["contracts"])
    assert f"Contracts: {contracts - 1} kept, 1 broken." in result.stdout, result.stdout
    for text in expected:
        assert text in result.stdout, result.stdout


def contract_names() -> set[str]:
    """Every package, layer and module the contracts name (project modules only)."""
    names = set(PACKAGES)
    for contract in CONFIG["contracts"]:
        for layer in contract.get("layers", []):
            names.update(n.strip() for n in re.split(r"[|:]", layer))
        names.update(contract.get("source_modules", []))
        names.update(contract.get("ancestors", []))
    return names


def test_architecture_page_names_every_package_and_layer() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text()
    missing = [n for n in sorted(contract_names())
               if f"`{n}`" not in page and f"`{n.replace('.', '/')}/`" not in page]
    assert not missing, f"docs/architecture.md does not name: {missing}"


def test_no_module_over_600_lines_without_a_stated_reason() -> None:
    """Modules of the packages and the tests; a longer one says why in its docstring
    (the phrase "600 lines")."""
    long = []
    for top in [*PACKAGES, "tests"]:
        for path in (ROOT / top).rglob("*.py"):
            text = path.read_text()
            if text.count("\n") > MAX_LINES and "600 lines" not in (
                    ast.get_docstring(ast.parse(text)) or ""):
                long.append(str(path.relative_to(ROOT)))
    assert not long, f"over {MAX_LINES} lines without a reason in the docstring: {long}"


def test_no_native_source_over_600_lines_without_a_stated_reason() -> None:
    """The C sources of the native cores likewise, in their opening comment."""
    long = []
    for path in [*ROOT.glob("*/*.c"), *ROOT.glob("*/*.h")]:
        text = path.read_text()
        opening = text[:text.find("*/")] if text.startswith("/*") else ""
        if text.count("\n") > MAX_LINES and "600 lines" not in " ".join(
                opening.replace("*", " ").split()):
            long.append(str(path.relative_to(ROOT)))
    assert not long, f"over {MAX_LINES} lines without a reason in the opening comment: {long}"


def test_no_browser_module_over_600_lines_without_a_stated_reason() -> None:
    """The browser client's modules likewise, in their opening ``//`` comment."""
    long = []
    for path in (ROOT / "signaling" / "web").glob("*.js"):
        lines = path.read_text().splitlines()
        opening = []
        for line in lines:
            if not line.startswith("//"):
                break
            opening.append(line.lstrip("/ "))
        if len(lines) > MAX_LINES and "600 lines" not in " ".join(" ".join(opening).split()):
            long.append(str(path.relative_to(ROOT)))
    assert not long, f"over {MAX_LINES} lines without a reason in the opening comment: {long}"


def test_test_modules_have_distinct_names() -> None:
    """pytest imports test modules by their file name (tests/ has no packages): a second
    ``test_x.py`` in another folder stops the whole suite at collection."""
    seen: dict[str, list[str]] = {}
    for path in (ROOT / "tests").rglob("test_*.py"):
        seen.setdefault(path.name, []).append(str(path.relative_to(ROOT)))
    assert not [paths for paths in seen.values() if len(paths) > 1]


def test_the_commands_on_the_store_load_no_web_framework() -> None:
    """``fjord org``, ``api-key`` and the other commands on the store (fjord.operations) run
    in a second, most of it imports: FastAPI and uvicorn (about 0.15 s more) belong to the
    server commands, which import them when they run. A module of the store's that imports
    the web framework slows every admin command (and the suite, which calls them often)."""
    probe = ("import sys, fjord.cli, fjord.operations; "
             "print(sorted({m.split('.')[0] for m in sys.modules} "
             "& {'fastapi', 'starlette', 'uvicorn'}))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                         text=True, timeout=60, check=True).stdout
    assert out.strip() == "[]"
