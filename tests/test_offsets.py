"""Exact positions: the offset map, encodings, and the invariant over real drafts."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from paperlint.config import Settings
from paperlint.document.offsets import REPLACED, TEXT, ViewBuilder
from paperlint.engine import build_document, lint_path
from paperlint.sources import decode

SAMPLES = Path(__file__).resolve().parents[1] / "sample_papers"


def check_invariant(doc) -> int:
    """Every TEXT segment equals its source slice; every segment lies inside its file. Returns segments checked."""
    n = 0
    for vs, ve, fi, ss, se, kind in doc.offsets.segments():
        src = doc.files[fi].text
        assert 0 <= ss <= se <= len(src), (doc.files[fi].display, ss, se, len(src))
        if kind == TEXT:
            assert src[ss:se] == doc.text[vs:ve], (doc.files[fi].display, doc.files[fi].line_col(ss), src[ss:se][:60], doc.text[vs:ve][:60])
            n += 1
        else:
            assert kind == REPLACED
    for block in doc.blocks:
        assert 0 <= block.start <= block.end <= len(doc.text)
        rng = doc.to_source(block.start, block.end)
        if block.end > block.start:
            assert rng is not None
            assert 0 <= rng.start <= rng.end <= len(doc.files[rng.file].text)
    return n


def test_view_builder_merges_and_maps():
    src = "Hello \\emph{big} world"
    b = ViewBuilder()
    b.text(0, 0, 6, src)
    b.text(0, 12, 15, src)       # 'big'
    b.replaced("!", 0, 16, 22)
    text, om = b.build()
    assert text == "Hello big!"
    assert om.start_of(6) == (0, 12)
    assert om.end_of(9) == (0, 15)
    assert om.to_source(6, 9).start == 12 and om.to_source(6, 9).end == 15
    assert om.to_source(9, 10).start == 16 and om.to_source(9, 10).end == 22
    assert om.is_plain(6, 9) and not om.is_plain(9, 10)


def test_crlf_and_bom_do_not_shift_columns(tmp_path):
    p = tmp_path / "d.tex"
    p.write_bytes(b"\xef\xbb\xbf\\documentclass{article}\r\n\\begin{document}\r\n\\section{Introduction}\r\nA TODO here.\r\n\\end{document}\r\n")
    (tmp_path / "paperlint.toml").write_text("")
    res = lint_path(p, Settings(select=["ST140"]))
    assert [(d.line, d.column, d.end_column) for d in res.diagnostics] == [(4, 3, 7)]


def test_latin1_fallback_reports_first_bad_byte():
    text, enc, err = decode("ab\ncd\xe9f".encode("latin-1"))
    assert enc == "latin-1" and text == "ab\ncd\xe9f" and err == (5, 0xE9)
    text, enc, err = decode("a\r\nb\xe9".encode("latin-1"))
    assert text == "a\nb\xe9" and err == (3, 0xE9)


def test_positions_through_input_and_macros(tmp_path):
    (tmp_path / "paperlint.toml").write_text("")
    (tmp_path / "sec").mkdir()
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n\\newcommand{\\ours}{EdgeCount}\n\\begin{document}\n\\input{sec/a}\n\\end{document}\n")
    (tmp_path / "sec" / "a.tex").write_text("\\section{Intro}\nWe run \\ours{} on $n$ graphs~\\cite{x}. FIXME now.\n")
    res = lint_path(tmp_path / "main.tex", Settings(select=["ST140"]))
    (d,) = res.diagnostics
    assert d.file.endswith("sec/a.tex") and (d.line, d.column) == (2, 40)
    doc = res.document
    assert "We run EdgeCount on X graphs [1]. FIXME now." in doc.text
    check_invariant(doc)


def _corpus_roots(corpus):
    with open(corpus / "MANIFEST.tsv", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            yield row["id"], corpus / row["id"] / row["main_file"]


def test_invariant_over_corpus(corpus):
    checked = 0
    for rid, path in _corpus_roots(corpus):
        doc = build_document(path, Settings())
        assert doc.blocks, rid
        checked += check_invariant(doc)
    assert checked > 10000


def test_invariant_over_sample_papers():
    roots = [p for p in SAMPLES.rglob("*") if p.suffix in (".tex", ".md") and p.name in ("main.tex", "draft.tex", "paper.md")]
    if not roots:
        pytest.skip("no sample papers yet")
    for path in roots:
        check_invariant(build_document(path, Settings()))


def test_diagnostics_point_inside_their_files(corpus):
    for rid, path in _corpus_roots(corpus):
        res = lint_path(path, Settings())
        assert res.error is None, rid
        files = {f.path.as_posix(): f for f in res.document.files}
        for d in res.diagnostics:
            f = files[Path(d.path).as_posix()]
            assert 1 <= d.line <= len(f.line_starts), (rid, d)
            assert 1 <= d.column <= len(f.line_text(d.line)) + 1, (rid, d)
            assert (d.end_line, d.end_column) >= (d.line, d.column), (rid, d)
            assert d.code != "PL001" or rid in {"henaff-spectral"} or "never closed" in d.message or "unexpected" in d.message, (rid, d.message)
