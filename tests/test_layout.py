"""The package's shape: checks/<family>/ mirrors rules/<FAMILY>/, every rule's entry points at a
class that exists, and no module imports one that imports it back (at module or function level)."""
from __future__ import annotations

import ast
import importlib
from pathlib import Path

from paperlint.checks import CHECKS
from paperlint.checks.base import LazyCheck

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "paperlint"


def test_check_families_mirror_rule_families():
    families = {p.name.lower() for p in (ROOT / "rules").iterdir() if p.is_dir() and p.name.isupper()} - {"pl"}
    packages = {p.name for p in (PKG / "checks").iterdir() if (p / "__init__.py").is_file()}
    assert packages == families
    for check in CHECKS:
        if isinstance(check, LazyCheck):
            assert check.module.split(".")[2] == check.code[:2].lower() or check.code == "AB105", check
            assert getattr(importlib.import_module(check.module), check.name).code == check.code


def _modules() -> dict[str, Path]:
    out = {}
    for p in PKG.rglob("*.py"):
        parts = p.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = p
    return out


def _imports(name: str, path: Path, mods: dict[str, Path]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = []
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            targets = [f"{target}.{a.name}" for a in node.names] + [target]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        for t in targets:
            while t and t not in mods:
                t = t.rsplit(".", 1)[0] if "." in t else ""
            if t and t != name and not name.startswith(t + "."):   # a package's own __init__ is not a cycle
                found.add(t)
    return found


def test_no_import_circles():
    mods = _modules()
    graph = {m: _imports(m, p, mods) for m, p in mods.items()}
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                cycles.append(stack[stack.index(n):] + [n])
            elif n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    assert not cycles, "import circles: " + "; ".join(" -> ".join(c) for c in cycles[:5])
