"""Vale's own acceptance scenarios for its rule kinds, run by paperlint.

The data (tests/data/vale/, ported by scripts/port_vale_testdata.py from vale-cli/vale,
MIT) holds each scenario's Markdown inputs, its .vale.ini and styles, and the lines Vale
prints (``file:line:col:Rule:message``). This test runs paperlint's Vale kinds on the same
inputs and compares line by line; tests/data/vale/README.md explains every difference.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "vale"
SCENARIOS = json.loads((DATA / "scenarios.json").read_text(encoding="utf-8"))["scenarios"]
#: Expected lines paperlint reproduces exactly (of all the ported ones); raise it when more agree.
AGREEING_AT_LEAST = 150


def vale_lines(folder: Path, inputs: list[str]) -> list[str]:
    from paperlint.config import Settings, attach_vale
    from paperlint.engine import lint_path

    out = []
    for name in inputs:
        path = folder / name
        settings = attach_vale(Settings(), path)
        assert settings.vale is not None, f"{folder.name}: no Vale configuration found"
        settings.select = sorted({code.split(".", 1)[0] for code in settings.vale.rules})
        res = lint_path(path, settings, cwd=folder)
        out += [f"{d.file}:{d.line}:{d.column}:{d.code}:{d.message}" for d in res.diagnostics]
    return out


def compare(record) -> tuple[list[str], list[str], list[str]]:
    """(agreeing, missing, extra) lines of one scenario."""
    got = vale_lines(DATA / "scenarios" / record["name"], record["inputs"])
    expected = record["expected"]
    agree = [e for e in expected if e in got]
    missing = [e for e in expected if e not in got]
    extra = [g for g in got if g not in expected] if record["exact"] else []
    return agree, missing, extra


@pytest.mark.parametrize("record", SCENARIOS, ids=[r["name"] for r in SCENARIOS])
def test_scenario_runs(record):
    compare(record)   # never crashes; the agreement is counted below


def test_agreement_with_vale(capsys):
    total = agreeing = extras = 0
    report = []
    for record in SCENARIOS:
        agree, missing, extra = compare(record)
        total += len(record["expected"])
        agreeing += len(agree)
        extras += len(extra)
        if missing or extra:
            report.append(f"{record['name']}: {len(agree)}/{len(record['expected'])}")
            report += [f"  - {m}" for m in missing] + [f"  + {x}" for x in extra]
    with capsys.disabled():
        print(f"\nVale scenarios: {agreeing} of {total} expected lines agree; {extras} extra lines")
        print("\n".join(report))
    assert agreeing >= AGREEING_AT_LEAST
