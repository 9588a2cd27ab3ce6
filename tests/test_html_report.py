"""The HTML report (paperlint/formatters/html.py): highlighting, escaping, panels, CLI."""
from __future__ import annotations

import re
import sys
import types
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperlint.cli import main
from paperlint.config import load_settings
from paperlint.diagnostics import Diagnostic, Severity
from paperlint.engine import LintResult, lint_path
from paperlint.formatters import available, get
from paperlint.formatters.html import build, highlight

ROOT = Path(__file__).resolve().parent.parent
FLAWED = ROOT / "sample_papers" / "flawed-draft" / "draft.tex"
MARKDOWN = ROOT / "sample_papers" / "markdown-paper" / "paper.md"

NASTY = r"""\documentclass{article}
\begin{document}
\begin{abstract}
We study <script>alert(1)</script> and </textarea> in drafts, with {{ 7*7 }} and {% raw %} too.
\end{abstract}
\section{Introduction}
TODO: check <script>alert(2)</script> {{ config }} before sending.
\end{document}
"""


def lint(path: Path, text: str | None = None) -> LintResult:
    return lint_path(path, load_settings(None), path.parent, text=text)


def diag(res: LintResult, code: str, severity: str, message: str, start: int, end: int, file: int = 0) -> Diagnostic:
    f = res.document.files[file]
    line, col = f.line_col(start)
    end_line, end_col = f.line_col(end)
    return Diagnostic(code, f"rule-{code.lower()}", Severity.parse(severity), message, f.display, str(f.path),
                      line, col, end_line, end_col, res.root, start, end, "https://example.org/advice")


def render(results) -> str:
    return get("html")(results, load_settings(None))


def test_html_is_a_registered_format():
    assert "html" in available()


# -- highlighting ---------------------------------------------------------------------------------
def segs(lines):
    return [[(s.text, s.ids, s.marker) for s in line.segments] for line in lines]


def test_overlapping_spans_split_cleanly():
    text = "abcdefgh\nijkl\n"
    spans = [("d1", 1, 5, "warning"), ("d2", 3, 11, "error"), ("d3", 6, 6, "info")]
    lines = highlight(text, spans, "f0")
    assert segs(lines) == [
        [("a", "", False), ("bc", "d1", False), ("de", "d1 d2", False), ("f", "d2", False),
         ("", "d3", True), ("gh", "d2", False)],
        [("ij", "d2", False), ("kl", "", False)],
    ]
    # the worst severity wins where spans overlap; nesting depth is kept
    de = lines[0].segments[2]
    assert (de.severity, de.depth) == ("error", 2)
    # the anchor of each finding sits on its first character
    anchors = {a: (i, j) for i, line in enumerate(lines) for j, s in enumerate(line.segments) for a in s.anchors}
    assert anchors == {"d1": (0, 1), "d2": (0, 2), "d3": (0, 4)}
    assert [line.severity for line in lines] == ["error", "error"]
    assert [line.anchor for line in lines] == ["f0-L1", "f0-L2"]


def test_a_span_over_a_line_break_only_becomes_a_marker():
    lines = highlight("ab\ncd", [("d1", 2, 3, "info")], "f")
    assert segs(lines) == [[("ab", "", False), ("", "d1", True)], [("cd", "", False)]]


def test_a_span_that_starts_on_a_line_break_is_anchored_on_the_next_line():
    lines = highlight("ab\ncd\n", [("d1", 2, 5, "info")], "f")
    assert segs(lines) == [[("ab", "", False)], [("cd", "d1", False)]]
    assert lines[1].segments[0].anchors == ["d1"]


def test_empty_lines_and_trailing_newline():
    lines = highlight("a\n\nb\n", [], "f")
    assert [line.number for line in lines] == [1, 2, 3]
    assert segs(lines)[1] == [("", "", False)]


def test_spans_are_clamped_to_the_file():
    lines = highlight("abc", [("d1", 2, 99, "error"), ("d2", 50, 60, "info")], "f")
    assert segs(lines) == [[("ab", "", False), ("c", "d1", False), ("", "d2", True)]]


# -- escaping: the draft's text is shown, never executed ----------------------------------------------
def test_draft_text_is_escaped(tmp_path):
    path = tmp_path / "nasty.tex"
    path.write_text(NASTY, encoding="utf-8")
    res = lint(path)
    text = res.document.files[0].text
    i = text.index("<script>alert(1)")
    res.diagnostics.append(diag(res, "ST140", "warning", "Message with <img src=x onerror=alert(3)> in it", i, i + 25))
    html = render([res])
    # exactly one script element: ours, at the end of the body
    assert html.count("<script") == 1
    assert "alert(1)" not in html.split("<script>", 1)[1]
    assert "<script>alert(1)</script>" not in html and "<script>alert(2)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "</textarea>" not in html and "&lt;/textarea&gt;" in html
    # template syntax in the draft is text, not evaluated
    # (LaTeX reads "{% raw %}" as a brace and a comment: both are shown as they are written)
    assert "{{ 7*7 }}" in html and "{{ config }}" in html and "% raw %} too." in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(3)&gt;" in html


def test_markdown_draft_with_raw_html_is_escaped(tmp_path):
    path = tmp_path / "paper.md"
    path.write_text("---\ntitle: A <script>alert(1)</script> title\n---\n\n# Introduction\n\n"
                    "Raw HTML <script>alert(2)</script>, </textarea>, {{ 7*7 }} and {% raw %} stay text. TODO: fix.\n",
                    encoding="utf-8")
    html = render([lint(path)])
    assert html.count("<script") == 1
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html and "&lt;/textarea&gt;" in html
    assert "{{ 7*7 }}" in html and "{% raw %}" in html
    assert re.search(r"<title>A [^<]*</title>", html)   # the title, from the prose view, as text


def test_only_web_links_become_hrefs(tmp_path):
    path = tmp_path / "a.tex"
    path.write_text(NASTY, encoding="utf-8")
    res = lint(path)
    d = diag(res, "ST140", "warning", "m", 0, 5)
    res.diagnostics = [Diagnostic(**{**d.__dict__, "url": "javascript:alert(1)", "code": "ZZ999"})]
    html = render([res])
    assert "javascript:" not in html


def test_report_is_self_contained():
    html = render([lint(FLAWED)])
    assert html.startswith("<!DOCTYPE html>")
    assert "<link" not in html
    assert not re.search(r"<(img|script|iframe|source|video|audio)[^>]*\ssrc=", html)
    assert "@import" not in html and "url(" not in html
    # the only external addresses are the rules' sources, as links the reader may follow
    for m in re.finditer(r"https?://[^\s\"'<>]+", html):
        before = html[max(0, m.start() - 7) : m.start()]
        assert before.endswith('href="'), html[m.start() - 80 : m.end()]
    assert "default-src 'none'" in html   # a CSP that forbids loading anything


# -- the report of a sample paper ----------------------------------------------------------------------
def test_flawed_draft_report_has_every_finding_in_place():
    res = lint(FLAWED)
    assert res.diagnostics, "the flawed draft should have findings"
    html = render([res])
    for k, d in enumerate(res.diagnostics, 1):
        fid = f"d{k}"
        # a highlight (or a caret) carries the finding, an anchor marks its first character,
        # a note holds its message, and the sidebar links to it
        assert re.search(rf'<mark class="hl[^"]*" data-d="[^"]*\b{fid}\b', html), d
        assert f'<span class="anchor" id="{fid}"></span>' in html
        assert f'id="note-{fid}"' in html
        assert f'href="#{fid}" data-target="{fid}"' in html
    # the rule's rationale is in the note
    st140 = next(d for d in res.diagnostics if d.code == "ST140")
    from paperlint.registry import load_rules

    why = " ".join(load_rules()["ST140"].why.split())
    assert why[:60] in html
    assert st140.message.split(".")[0] in html
    # per-file sections with numbered lines that the sidebar can link to
    n_lines = len(res.document.files[0].text.splitlines())
    assert html.count('class="ln') >= n_lines
    line = next(d for d in res.diagnostics if d.code == "ST140").line
    assert f'id="r0f0-L{line}"' in html


def test_highlight_covers_the_reported_source_text():
    res = lint(FLAWED)
    data = build([res])
    lines = data["documents"][0]["files"][0].lines
    for k, d in enumerate(res.diagnostics, 1):
        fid = f"d{k}"
        covered = "".join(s.text for line in lines for s in line.segments if fid in s.ids.split())
        expected = res.document.files[0].text[d.start : d.end].replace("\n", "")
        assert covered == expected, d


def test_dashboard_counts_by_severity_and_family():
    res = lint(FLAWED)
    data = build([res])
    counts = {s: sum(1 for d in res.diagnostics if str(d.severity) == s) for s in ("error", "warning", "info")}
    assert data["totals"] == counts
    fams = {f["code"]: f["total"] for f in data["families"]}
    assert sum(fams.values()) == len(res.diagnostics)
    assert fams["ST"] == sum(1 for d in res.diagnostics if d.code.startswith("ST"))


def test_readability_panel_by_section():
    pytest.importorskip("paperlint.nlp.readability")
    data = build([lint(FLAWED)])
    rows = data["documents"][0]["readability"]
    titles = [r["title"] for r in rows]
    assert titles[0] == "Abstract" and "Introduction" in titles
    intro = next(r for r in rows if r["title"] == "Introduction")
    assert intro["words"] > 50 and 0 < intro["grade"] < 30
    assert intro["href"].startswith("#r0f0-L")
    assert "Readability by section" in render([lint(FLAWED)])


def test_abstract_roles_panel_is_optional(monkeypatch):
    # the classifier (or its model) may be missing: the report still renders, without the panel
    broken = types.ModuleType("paperlint.nlp.abstract_roles")

    def classify(sentences):
        raise FileNotFoundError("model not installed")

    broken.classify = classify
    monkeypatch.setitem(sys.modules, "paperlint.nlp.abstract_roles", broken)
    html = render([lint(FLAWED)])
    assert "sentence by sentence" not in html

    @dataclass(frozen=True)
    class RoleResult:
        label: str
        role: str
        confidence: float
        cues: tuple

    working = types.ModuleType("paperlint.nlp.abstract_roles")
    working.classify = lambda sentences: [RoleResult("objective", "contribution", 0.91, ("we propose",)) for _ in sentences]
    monkeypatch.setitem(sys.modules, "paperlint.nlp.abstract_roles", working)
    data = build([lint(FLAWED)])
    roles = data["documents"][0]["roles"]
    assert roles and all(r["role"] == "contribution" for r in roles)
    assert roles[0]["text"].startswith("In this paper we propose MixSpec")
    html = render([lint(FLAWED)])
    assert "sentence by sentence" in html and 'class="role r-contribution"' in html


def test_figures_with_findings(tmp_path):
    res = lint(FLAWED)
    text = res.document.files[0].text
    i = text.index(r"\caption{Results.}")
    res.diagnostics.append(diag(res, "FG102", "warning", "The caption is one word.", i, i + 18))
    res.diagnostics.sort(key=Diagnostic.sort_key)
    data = build([res])
    doc = data["documents"][0]
    assert doc["n_figures"] == len(res.document.figures) >= 1
    assert [g["label"] for g in doc["figures"]] == ["fig:hours"]
    assert "FG102" in [f.code for f in doc["figures"][0]["findings"]]
    assert "The caption is one word." in render([res])


def test_markdown_paper_and_multiple_documents():
    results = [lint(MARKDOWN), lint(FLAWED)]
    html = render(results)
    assert "2 documents" in html
    assert "Checkpoint Averaging" in html
    assert 'id="r1f0-L1"' in html and 'id="r0f0-L1"' in html


def test_unreadable_root_is_reported():
    res = LintResult(root="missing.tex", path=Path("missing.tex"), error="no such file")
    html = render([res])
    assert "Could not read missing.tex" in html and "no such file" in html


def test_input_children_each_get_a_file_section(tmp_path):
    (tmp_path / "sections").mkdir()
    (tmp_path / "main.tex").write_text("\\documentclass{article}\n\\begin{document}\n\\input{sections/intro}\n\\end{document}\n")
    (tmp_path / "sections" / "intro.tex").write_text("\\section{Introduction}\nTODO: write it, with an emoji \U0001F600 first.\n")
    res = lint(tmp_path / "main.tex")
    child = next(d for d in res.diagnostics if d.code == "ST140")
    assert child.file.endswith("intro.tex")
    data = build([res])
    files = data["documents"][0]["files"]
    assert [f.display.split("/")[-1] for f in files] == ["main.tex", "intro.tex"]
    assert files[1].total >= 1
    k = res.diagnostics.index(child) + 1
    covered = "".join(s.text for line in files[1].lines for s in line.segments if f"d{k}" in s.ids.split())
    assert covered == "TODO"


def test_cli_writes_the_report(tmp_path):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, [str(FLAWED), "--format", "html", "--output", str(out)])
    assert result.exit_code == 1, result.output   # the draft has warnings
    html = out.read_text(encoding="utf-8")
    assert "<title>MixSpec" in html and "paperlint report" in html


def test_custom_template(tmp_path):
    tpl = tmp_path / "mine.html.j2"
    tpl.write_text("{% for f in findings %}{{ f.code }}:{{ f.line }} {% endfor %}{{ '<b>' }}")
    res = lint(FLAWED)
    out = get("html")([res], None, template=str(tpl))
    assert out == "".join(f"{d.code}:{d.line} " for d in res.diagnostics) + "&lt;b&gt;"
