"""`pip install -e '.[bench]'` is all `fjord bench` needs (bench/README.md): every
third-party module bench/ imports belongs to a distribution among the project's
dependencies or its ``bench`` extra (a load tester has no test extras)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, packages_distributions, requires

from packaging.requirements import Requirement

from tests.conftest import ROOT


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _installed_by(requirements: list[str]) -> set[str]:
    """The distributions ``requirements`` install, with theirs (extras followed)."""
    seen: set[str] = set()
    todo = [Requirement(r) for r in requirements]
    while todo:
        req = todo.pop()
        name = _norm(req.name)
        key = name + "[" + ",".join(sorted(req.extras)) + "]"
        if key in seen:
            continue
        seen.add(key)
        seen.add(name)
        try:
            children = requires(req.name) or []
        except PackageNotFoundError:
            continue
        for child in map(Requirement, children):
            if child.marker is None or any(child.marker.evaluate({"extra": e})
                                           for e in req.extras or {""}):
                todo.append(child)
    return seen


def test_every_bench_import_is_installed_by_the_bench_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    allowed = _installed_by([*project["dependencies"], *project["optional-dependencies"]["bench"]])
    first_party = {"bench", "fjord", "sfu", "turn", "signaling", "keys", "recording"}
    owners = packages_distributions()
    missing = set()
    for path in sorted((ROOT / "bench").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in first_party or top in sys.stdlib_module_names:
                    continue
                dists = {_norm(d) for d in owners.get(top, [top])}
                if not dists & allowed:
                    missing.add(f"{path.name}: {module} ({', '.join(sorted(dists))})")
    assert not missing, sorted(missing)
