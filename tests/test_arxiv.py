"""`paperlint arxiv`: what an upload would publish beyond the paper (paperlint/arxiv.py)."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from cli_helpers import run_cli

MAIN = r"""\documentclass{article}
\usepackage{mystyle}
% \author{Jane Doe \\ jane@uni.edu}
\begin{document}
% TODO: tighten the introduction
Text.% JD: is this right?
% R2 says the baseline is weak; we reply in the rebuttal
% The following paragraph was cut because the reviewers
% did not like the framing of the contribution in the
% first version of the paper and we rewrote it from
% scratch for the second submission to the venue
% in the spring.
\iffalse
An old abstract.
\fi
\input{intro}
\includegraphics{fig/plot}
\bibliography{refs}
\bibliographystyle{plain}
% !TeX spellcheck = en_GB
\end{document}
"""


def _project(tmp_path):
    (tmp_path / "paperlint.toml").write_text("")
    (tmp_path / "main.tex").write_text(MAIN, encoding="utf-8")
    (tmp_path / "intro.tex").write_text("Intro text.\n", encoding="utf-8")
    (tmp_path / "old_intro.tex").write_text("Old text.\n", encoding="utf-8")
    (tmp_path / "mystyle.sty").write_text("\\ProvidesPackage{mystyle}\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text("@misc{a, title={A}}\n", encoding="utf-8")
    (tmp_path / "main.aux").write_text("", encoding="utf-8")
    (tmp_path / "main.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "main.bbl").write_text("", encoding="utf-8")
    (tmp_path / "fig").mkdir()
    (tmp_path / "fig" / "plot.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "fig" / "plot.eps").write_text("%!PS\n", encoding="utf-8")
    (tmp_path / "fig" / "unused.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")


def test_report_lists_what_would_be_published(tmp_path):
    _project(tmp_path)
    r = run_cli(["arxiv", "main.tex", "--format", "json"], tmp_path)
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    kinds = {(n["kind"], n["line"]) for n in data["notes"]}
    assert {("people", 3), ("todo", 5), ("coauthor", 6), ("review", 7), ("text", 7), ("skipped", 13)} <= kinds
    assert not any(n["line"] == 20 for n in data["notes"])     # a magic comment is not a note
    unused = {u["path"]: u["kind"] for u in data["unused_files"]}
    assert unused == {"old_intro.tex": "source no root reads", "main.aux": "build output", "main.pdf": "build output",
                      "fig/unused.png": "figure no root shows"}
    assert data["comment_lines"] == 10


def test_text_report_and_a_clean_draft(tmp_path):
    _project(tmp_path)
    out = run_cli(["arxiv", "main.tex"], tmp_path).output
    assert "To-do notes (1):\n  main.tex:5: TODO: tighten the introduction" in out
    assert "Commented-out blocks (5 lines or more) (1):\n  main.tex:7-12:" in out
    assert "  old_intro.tex (source no root reads)" in out
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "paperlint.toml").write_text("")
    (clean / "paper.tex").write_text("\\documentclass{article}\n\\begin{document}\nText.\n\\end{document}\n", encoding="utf-8")
    out = run_cli(["arxiv", "paper.tex"], clean).output
    assert "Nothing else would be published" in out


def test_missing_draft_is_a_usage_error(tmp_path):
    r = run_cli(["arxiv", "nope.tex"], tmp_path)
    assert r.exit_code == 2


SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpus is not here")
def test_every_shared_corpus_paper_gets_a_report():
    for row in csv.DictReader((SHARED / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t"):
        folder = SHARED / row["id"]
        r = run_cli(["arxiv", row["main_file"], "--format", "json"], folder)
        assert r.exit_code == 0, (row["id"], r.output[-300:])
        data = json.loads(r.output)
        for n in data["notes"]:
            assert n["line"] >= 1 and n["end_line"] >= n["line"], (row["id"], n)


def test_descriptions_of_packages_and_template_notes_are_not_flagged(tmp_path):
    (tmp_path / "paperlint.toml").write_text("")
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n\\usepackage{todonotes} % TODO notes in the margin\n"
        "% line numbers are added for the reviewers to refer to\n\\begin{document}\nText.\n\\end{document}\n", encoding="utf-8")
    (tmp_path / "rebuttal_round1.md").write_text("We thank reviewer 2.\n", encoding="utf-8")
    data = json.loads(run_cli(["arxiv", "main.tex", "--format", "json"], tmp_path).output)
    assert data["notes"] == []
    assert {"path": "rebuttal_round1.md", "kind": "reviews or a reply to them, by its name"} in data["unused_files"]
