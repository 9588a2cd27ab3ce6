"""The development corpus (bench/corpus): its data files always, its papers when they are built.

The manifest and labels are committed and checked on every run. The papers are other people's
work, rebuilt locally by bench/corpus/build.py into the ignored papers/ folder; the tests that
lint them skip when it is absent (as on CI).
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from paperlint.config import Settings
from paperlint.engine import lint_path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "corpus"
ROWS = list(csv.DictReader((BENCH / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t"))
ROLES = {"context", "gap", "contribution", "detail", "evidence", "implication"}
VERDICTS = {"defined-before-use", "used-before-definition", "never-defined", "name", "ubiquitous"}
POSITION = re.compile(r"^[^:]+:\d+(?::\d+)?$")


def test_manifest_rows_are_complete_and_unique():
    assert len(ROWS) >= 100
    assert len({r["id"] for r in ROWS}) == len(ROWS) and len({r["repo"].lower() for r in ROWS}) == len(ROWS)
    for r in ROWS:
        assert re.fullmatch(r"[a-z0-9-]+", r["id"]), r["id"]
        assert re.fullmatch(r"[0-9a-f]{40}", r["commit"]), r["id"]
        assert r["split"] in ("dev", "held-out") and r["main_file"] and r["licence"], r["id"]
    assert len({r["venue"] for r in ROWS}) >= 15


def test_every_paper_has_labels_of_the_documented_shape():
    for r in ROWS:
        lab = json.loads((BENCH / "labels" / f"{r['id']}.json").read_text(encoding="utf-8"))
        assert lab["id"] == r["id"]
        assert set(lab["structure"]) >= {"abstract", "introduction", "contributions_list", "limitations", "limitations_heading"}
        for key, a in (lab.get("acronyms") or {}).items():
            assert a["verdict"] in VERDICTS and POSITION.match(a["first_use"]), (r["id"], key)
        for g in lab.get("abstract_roles") or []:
            assert g["role"] in ROLES and POSITION.match(g["at"]), r["id"]


def _built(row) -> Path | None:
    folder = BENCH / "papers" / row["id"]
    return folder if (folder / row["main_file"]).is_file() else None


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_corpus_paper_lints_with_positions_inside_its_files(row, monkeypatch):
    folder = _built(row)
    if folder is None:
        pytest.skip("bench/corpus/papers is not built (python bench/corpus/build.py)")
    monkeypatch.chdir(folder)
    res = lint_path(Path(row["main_file"]), Settings(), cwd=folder)
    assert res.error is None and res.document is not None
    doc = res.document
    for d in res.diagnostics:
        assert not (d.code == "PL001" and "internal error" in d.message), d.message
        f = next(f for f in doc.files if str(f.path) == d.path)
        assert 1 <= d.line <= len(f.line_starts) and 1 <= d.column <= len(f.line_text(d.line)) + 1, (d.code, d.file, d.line)
