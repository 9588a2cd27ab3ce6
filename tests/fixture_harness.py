"""Inline-annotated rule fixtures.

A fixture is a draft under tests/fixtures/<CODE>/: a single .tex or .md file,
or a folder holding main.tex (a multi-file project).  Expected diagnostics are
written in the draft's own comments:

    Some text TODO here. % expect: ST140 11            (this line, column 11)
    % expect: ST110 1                                  (own line: the next line that is not an expect comment)
    % expect: ST101 4:1 "no abstract"                  (line 4, column 1, message contains "no abstract")
    <!-- expect: ST140 3 -->                           (Markdown)

Expectations in an \\input child file refer to that file.  Only the fixture's
rule runs, unless the fixture says `% fixture-select: A,B`; options come from
`% fixture-options: {"name": value}` (JSON), configuration keys from
`% fixture-config: {"mode": "review"}` (JSON, as in paperlint.toml), and `% fixture-pdf: 10`
lints with ``--pdf`` given a PDF of 10 pages of text before the references
(tests/pdf_helpers.py; `10 Jane Doe` also prints that name on page 1).  Every diagnostic must be
expected, and every expectation met.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from paperlint.config import Settings
from paperlint.engine import lint_path

FIXTURES = Path(__file__).parent / "fixtures"
EXPECT = re.compile(r"(?:%|<!--)\s*expect:\s*(?P<code>[A-Z]{2}\d{3})(?:\s+(?:(?P<line>\d+):)?(?P<col>\d+))?(?:\s+\"(?P<msg>[^\"]*)\")?")
SELECT = re.compile(r"(?:%|<!--)\s*fixture-select:\s*([\w, -]+?)\s*(?:-->|$)", re.M)
OPTIONS = re.compile(r"(?:%|<!--)\s*fixture-options:\s*(\{.*\})")
CONFIG = re.compile(r"(?:%|<!--)\s*fixture-config:\s*(\{.*\})")
PDF = re.compile(r"(?:%|<!--)\s*fixture-pdf:\s*(\d+)(?:[ \t]+([^\n]*?))?\s*(?:-->)?$", re.M)


@dataclass(frozen=True)
class Expectation:
    file: str
    code: str
    line: int
    col: int | None
    msg: str | None


def fixture_roots() -> list[Path]:
    roots = []
    for code_dir in sorted(p for p in FIXTURES.iterdir() if p.is_dir() and not p.name.startswith("_")):
        for entry in sorted(code_dir.iterdir()):
            if entry.is_file() and entry.suffix in (".tex", ".md"):
                roots.append(entry)
            elif entry.is_dir():
                main = next((entry / n for n in ("main.tex", "main.md") if (entry / n).exists()), None)
                if main is not None:
                    roots.append(main)
    return roots


def fixture_code(root: Path) -> str:
    rel = root.relative_to(FIXTURES)
    return rel.parts[0]


def expectations_in(path: Path) -> list[Expectation]:
    lines = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n").split("\n")
    out = []
    for i, text in enumerate(lines, 1):
        for m in EXPECT.finditer(text):
            before = text[: m.start()].strip()
            if m.group("line"):
                line = int(m.group("line"))
            elif before:
                line = i
            else:
                line = i + 1
                while line <= len(lines) and EXPECT.search(lines[line - 1]) and not lines[line - 1][: EXPECT.search(lines[line - 1]).start()].strip():
                    line += 1
            out.append(Expectation(str(path.resolve()), m.group("code"), line, int(m.group("col")) if m.group("col") else None, m.group("msg")))
    return out


def settings_for(root: Path) -> Settings:
    text = root.read_text(encoding="utf-8", errors="replace")
    sel = SELECT.search(text)
    codes = [c.strip() for c in sel.group(1).split(",")] if sel else [fixture_code(root)]
    conf = CONFIG.search(text)
    if conf:
        from paperlint.config import parse_settings

        settings = parse_settings({**json.loads(conf.group(1)), "select": codes})
    else:
        settings = Settings(select=codes)
    opt = OPTIONS.search(text)
    if opt:
        options = json.loads(opt.group(1))
        for code in codes:
            settings.rule_options.setdefault(code, {}).update(options)
    return settings


def run_fixture(root: Path):
    settings = settings_for(root)
    pdf = PDF.search(root.read_text(encoding="utf-8", errors="replace"))
    if pdf:
        import tempfile

        from pdf_helpers import make_pdf, paper_pages

        first = [pdf.group(2)] if pdf.group(2) else None
        tmp = Path(tempfile.mkdtemp(prefix="paperlint-fixture-")) / f"{root.stem}.pdf"
        tmp.write_bytes(make_pdf(paper_pages(int(pdf.group(1)), first=first)))
        settings.pdf = tmp
    result = lint_path(root, settings)
    assert result.error is None, result.error
    files = [Path(f.path) for f in result.document.files] if result.document else [root]
    expected = []
    for f in files:
        expected.extend(expectations_in(f))
    return result, expected


def compare(result, expected) -> list[str]:
    problems = []
    remaining = list(result.diagnostics)
    for exp in expected:
        match = next((d for d in remaining if d.path == exp.file and d.code == exp.code and d.line == exp.line
                      and (exp.col is None or d.column == exp.col) and (exp.msg is None or exp.msg in d.message)), None)
        if match is None:
            problems.append(f"missing: {Path(exp.file).name}:{exp.line}:{exp.col or '?'} {exp.code}" + (f' "{exp.msg}"' if exp.msg else ""))
        else:
            remaining.remove(match)
    for d in remaining:
        problems.append(f"unexpected: {Path(d.path).name}:{d.line}:{d.column} {d.code} {d.message}")
    return problems
