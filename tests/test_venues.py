"""Venue and mode detection from a draft's own source (the start of issue 12's profiles)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from paperlint.config import Settings, parse_settings
from paperlint.engine import build_document
from paperlint.venues import detect_venue

BODY = "\\begin{document}\nText.\n\\end{document}\n"


def _venue(tmp_path, preamble, settings=None, name="main.tex"):
    (tmp_path / "paperlint.toml").write_text("")
    p = tmp_path / name
    p.write_text(preamble + "\n" + BODY, encoding="utf-8")
    v = detect_venue(build_document(p, settings or Settings()), settings)
    return (v.name, v.mode) if v else None


@pytest.mark.parametrize("preamble, expected", [
    ("\\documentclass{article}\n\\usepackage{neurips_2024}", ("neurips", "review")),
    ("\\documentclass{article}\n\\usepackage[final]{neurips_2024}", ("neurips", "camera-ready")),
    ("\\documentclass{article}\n\\usepackage[preprint]{neurips_2023}", ("neurips", "preprint")),
    ("\\documentclass{article}\n\\usepackage[final]{nips2016}", ("neurips", "camera-ready")),
    ("\\documentclass{article}\n\\usepackage{icml2024}", ("icml", "review")),
    ("\\documentclass{article}\n\\usepackage[accepted]{icml2024}", ("icml", "camera-ready")),
    ("\\documentclass{article}\n\\usepackage[accepted]{format/icml2013v2}", ("icml", "camera-ready")),
    ("\\documentclass{article}\n\\usepackage{iclr2025_conference,times}", ("iclr", "review")),
    ("\\documentclass{article}\n\\usepackage{iclr2020,times}\n\\iclrfinalcopy", ("iclr", "camera-ready")),
    ("\\documentclass{article}\n\\usepackage{iclr2020,times}\n% \\iclrfinalcopy", ("iclr", "review")),
    ("\\documentclass[11pt]{article}\n\\usepackage[review]{acl}", ("acl", "review")),
    ("\\documentclass[11pt]{article}\n\\usepackage{acl}", ("acl", "camera-ready")),
    ("\\documentclass[11pt]{article}\n\\usepackage[hyperref]{emnlp2020}\n%\\aclfinalcopy", ("acl", "review")),
    ("\\documentclass[11pt]{article}\n\\usepackage[hyperref]{emnlp2020}\n\\aclfinalcopy", ("acl", "camera-ready")),
    ("\\documentclass[letterpaper]{article}\n\\usepackage[submission]{aaai25}", ("aaai", "review")),
    ("\\documentclass[10pt,twocolumn]{article}\n\\usepackage[review]{cvpr}", ("cvpr", "review")),
    ("\\documentclass[sigconf,review,anonymous]{acmart}", ("acm", "review")),
    ("\\documentclass[sigconf]{acmart}", ("acm", None)),
    ("\\documentclass[conference]{IEEEtran}", ("ieee", None)),
    ("\\documentclass{llncs}", ("lncs", None)),
    ("\\documentclass{article}\n\\usepackage[accepted]{tmlr}", ("tmlr", "camera-ready")),
    ("\\documentclass{article}\n\\usepackage{arxiv}", ("arxiv", "preprint")),
    ("\\documentclass{article}\n\\newif\\ifarXiv\n\\ifarXiv\n\\usepackage[arxiv]{icml2013}\n\\else\n\\usepackage[accepted]{icml2013}\n\\fi",
     ("icml", "camera-ready")),
    ("\\documentclass[10pt,twocolumn]{article}\n\\usepackage{cvpr}", ("cvpr", "camera-ready")),
    ("\\documentclass[10pt,twocolumn]{article}\n\\usepackage[rebuttal]{cvpr}", ("cvpr", "review")),
    ("\\documentclass[10pt,twocolumn]{article}\n\\usepackage{cvpr}\n\\def\\cvprPaperID{1234}", ("cvpr", "review")),
    ("\\documentclass[10pt,twocolumn]{article}\n\\usepackage{cvpr}\n\\cvprfinalcopy\n\\def\\cvprPaperID{1234}", ("cvpr", "camera-ready")),
    ("\\documentclass[11pt]{article}\n\\usepackage{EMNLP2023}", ("acl", "camera-ready")),
    ("\\documentclass[11pt]{article}\n\\usepackage[review]{EMNLP2023}", ("acl", "review")),
    ("\\documentclass[11pt]{article}\n\\usepackage[hyperref]{acl2017}", ("acl", "review")),
    ("\\documentclass[11pt]{article}\n\\usepackage{acl2015}", ("acl", None)),
    ("\\documentclass[sigconf,review]{acmart}", ("acm", None)),
    ("\\documentclass[journal,peerreview]{IEEEtran}", ("ieee", None)),
    ("\\documentclass{article}\n% \\usepackage{neurips_2024}", None),
    ("\\documentclass{article}\n\\usepackage{amsmath}", None),
])
def test_venue_and_mode(tmp_path, preamble, expected):
    assert _venue(tmp_path, preamble) == expected


def test_configuration_overrides_and_validates(tmp_path):
    s = parse_settings({"venue": "neurips", "mode": "camera-ready"})
    assert _venue(tmp_path, "\\documentclass{article}\n\\usepackage{icml2024}", s) == ("neurips", "camera-ready")
    s = parse_settings({"mode": "preprint"})
    assert _venue(tmp_path, "\\documentclass{article}\n\\usepackage{icml2024}", s) == ("icml", "preprint")
    from paperlint.config import ConfigError

    with pytest.raises(ConfigError, match="mode must be one of"):
        parse_settings({"mode": "final"})


SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
#: read by hand from each paper's preamble (the style file, its options, a final-copy switch)
EXPECTED = {
    "deepsphere-iclr2020": ("iclr", "camera-ready"), "hips-hypergrad": ("icml", "camera-ready"),
    "lloyd-gpss": ("icml", "camera-ready"), "defferrard-cnngraph-nips2016": ("neurips", "camera-ready"),
    "deriu-spotthebot": ("acl", "review"), "chiu-hmm-note": ("acl", "camera-ready"),
    "dhrangadhariya-bionlp2022": ("acl", "camera-ready"), "tyurin-dasha-pp": ("neurips", "review"),
    "kedzie-emnlp2020": ("acl", "camera-ready"), "madaan-eval-nli": ("acl", "review"), "henaff-spectral": ("icml", "review"),
    "umap-joss": ("joss", "camera-ready"), "bayestestr-joss": ("joss", "camera-ready"),
    "goncalves-mtsvm-iconip2012": ("lncs", None),
}


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpus is not here")
def test_shared_corpus_venues():
    got = {}
    for r in csv.DictReader((SHARED / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t"):
        p = SHARED / r["id"] / r["main_file"]
        v = detect_venue(build_document(p, Settings(), p.parent))
        got[r["id"]] = (v.name, v.mode) if v else None
    assert {k: v for k, v in got.items() if v is not None} == EXPECTED
    assert len(got) == 21


def test_every_profile_loads_and_detects(tmp_path):
    from paperlint.venues import profiles

    got = profiles()
    assert {"neurips", "icml", "iclr", "acl", "aaai", "cvpr", "tmlr", "jmlr", "acm", "ieee", "lncs", "arxiv", "joss"} <= set(got)
    for p in got.values():
        assert p.title and p.url.startswith("https://"), p.name
        for rule in p.sections:
            assert rule.why and rule.url.startswith("https://"), (p.name, rule.id)


def test_a_bad_profile_is_refused():
    from paperlint.venues import ProfileError, _profile

    with pytest.raises(ProfileError, match="unknown keys"):
        _profile("x.toml", {"name": "x", "colour": "red"})
    with pytest.raises(ProfileError, match="needs a status"):
        _profile("x.toml", {"name": "x", "sections": [{"id": "a", "status": "maybe", "modes": ["review"], "heading": "x"}]})


def test_year_from_the_name_or_the_projects_style_file(tmp_path):
    (tmp_path / "paperlint.toml").write_text("")
    p = tmp_path / "main.tex"
    p.write_text("\\documentclass{article}\n\\usepackage[review]{acl}\n" + BODY, encoding="utf-8")
    assert detect_venue(build_document(p, Settings())).year is None
    (tmp_path / "acl.sty").write_text("\\typeout{Conference Style for ACL 2020}\n", encoding="utf-8")
    assert detect_venue(build_document(p, Settings())).year == 2020
    (tmp_path / "acl.sty").write_text("\\ProvidesPackage{acl}[2025/01/10 v2]\n", encoding="utf-8")
    assert detect_venue(build_document(p, Settings())).year == 2025
    p.write_text("\\documentclass{article}\n\\usepackage{iclr2026_conference}\n" + BODY, encoding="utf-8")
    assert detect_venue(build_document(p, Settings())).year == 2026


def _lint(tmp_path, text, **table):
    from paperlint.engine import lint_path

    (tmp_path / "paperlint.toml").write_text("")
    p = tmp_path / "main.tex"
    p.write_text(text, encoding="utf-8")
    return lint_path(p, parse_settings(table))


ACL_PAPER = """\\documentclass[11pt]{article}
\\usepackage[review]{acl}
\\begin{document}
\\section{Introduction}
We count triangles in graph streams with a small sketch.
\\section{Experiments}
The sketch reaches 91.2\\% accuracy on the web graph.
\\section{Conclusion}
The sketch is fast.
\\bibliography{custom}
\\end{document}
"""


def test_a_mandatory_limitations_section_makes_st120_an_error(tmp_path):
    from paperlint.diagnostics import Severity

    (d,) = [d for d in _lint(tmp_path, ACL_PAPER, select=["ST120"]).diagnostics]
    assert d.severity == Severity.ERROR
    (d,) = [d for d in _lint(tmp_path, ACL_PAPER.replace("[review]{acl}", "[preprint]{acl}"), select=["ST120"]).diagnostics]
    assert d.severity == Severity.INFO        # a preprint is bound by no venue rule
    (d,) = [d for d in _lint(tmp_path, ACL_PAPER, select=["ST120"], severity={"ST120": "warning"}).diagnostics]
    assert d.severity == Severity.WARNING     # the user's configuration wins over the profile


def test_detected_venue_sets_the_abstract_limit(tmp_path):
    words = " ".join(["graphs"] * 210)
    text = ACL_PAPER.replace("\\section{Introduction}", "\\begin{abstract}\n" + words + ".\n\\end{abstract}\n\\section{Introduction}")
    (d,) = _lint(tmp_path, text, select=["AB103"]).diagnostics
    assert "the limit is 200 (ACL)" in d.message
    assert _lint(tmp_path, text.replace("[review]{acl}", "[preprint]{acl}"), select=["AB103"]).diagnostics == []


def test_text_output_names_the_profile(tmp_path):
    from cli_helpers import run_cli

    (tmp_path / "paperlint.toml").write_text("")
    (tmp_path / "main.tex").write_text(ACL_PAPER, encoding="utf-8")
    r = run_cli(["main.tex", "--select", "VN110"], tmp_path)
    assert "Venue profile acl (anonymous submission) for main.tex, from \\usepackage[review]{acl} on line 2 of main.tex." in r.output
    assert "VN110 [error]" in r.output
    r = run_cli(["main.tex", "--select", "VN110", "-q"], tmp_path)
    assert "Venue profile" not in r.output


def test_text_output_says_a_joss_profile_comes_from_the_front_matter(tmp_path):
    from cli_helpers import run_cli

    (tmp_path / "paperlint.toml").write_text("")
    (tmp_path / "paper.md").write_text("---\ntitle: x\ntags:\n  - R\nauthors:\n  - name: A\naffiliations:\n  - name: U\n---\n\n# Summary\n\nText.\n", encoding="utf-8")
    r = run_cli(["paper.md", "--select", "ST101"], tmp_path)
    assert "from JOSS front matter (tags, authors, affiliations) on line 1 of paper.md." in r.output
    r = run_cli(["paper.md", "--select", "ST101", "--venue", "joss"], tmp_path)
    assert "joss (camera-ready version) for paper.md, set by the configuration or --venue/--mode." in r.output


def test_configured_mode_without_a_venue_runs_the_review_checks(tmp_path):
    text = "\\documentclass{article}\n\\author{Jane Doe}\n\\begin{document}\n\\section{Introduction}\nIn our previous work [3], we did it.\n\\end{document}\n"
    assert _lint(tmp_path, text, select=["VN"]).diagnostics == []
    got = sorted(d.code for d in _lint(tmp_path, text, select=["VN"], mode="review").diagnostics)
    assert got == ["VN101", "VN102"]


def test_venue_and_mode_flags(tmp_path):
    from cli_helpers import run_cli

    (tmp_path / "paperlint.toml").write_text("")
    (tmp_path / "main.tex").write_text(ACL_PAPER, encoding="utf-8")
    r = run_cli(["main.tex", "--select", "VN110", "--mode", "preprint"], tmp_path)
    assert "VN110" not in r.output and "Venue profile acl (preprint)" in r.output
    r = run_cli(["main.tex", "--select", "VN110", "--venue", "icml", "--mode", "camera-ready"], tmp_path)
    assert "ICML requires a section titled 'Impact Statement'" in r.output
    r = run_cli(["main.tex", "--venue", "nosuch"], tmp_path)
    assert r.exit_code == 2 and "venue must be one of" in r.output


NEURIPS_PAPER = """\\documentclass{article}
\\usepackage{neurips_2025}
\\title{Sketching Triangle Counts}
\\author{Jane Doe \\\\ University of Somewhere \\And Piotr Kowalski \\\\ Lab}
\\begin{document}
\\maketitle
\\section{Introduction}
We count triangles in graph streams.
\\section*{NeurIPS Paper Checklist}
\\end{document}
"""


def _pdf_lint(tmp_path, pages, text=NEURIPS_PAPER, **table):
    from pdf_helpers import make_pdf

    (tmp_path / "main.pdf").write_bytes(make_pdf(pages))
    from paperlint.engine import lint_path

    (tmp_path / "paperlint.toml").write_text("")
    p = tmp_path / "main.tex"
    p.write_text(text, encoding="utf-8")
    s = parse_settings({"select": ["VN101", "VN130"], **table})
    s.pdf = tmp_path / "main.pdf"
    return lint_path(p, s).diagnostics


def test_pdf_over_the_page_limit(tmp_path):
    from pdf_helpers import paper_pages

    (d,) = _pdf_lint(tmp_path, paper_pages(10))
    assert d.code == "VN130" and d.line == 2
    assert "main.pdf: the text before the references fills 10 pages; NeurIPS allows 9 in the anonymous submission" in d.message
    assert _pdf_lint(tmp_path, paper_pages(9)) == []
    assert _pdf_lint(tmp_path, paper_pages(10), mode="camera-ready") == []      # 10 pages in the final version
    assert _pdf_lint(tmp_path, paper_pages(10), mode="preprint") == []          # no limit on a preprint
    pages = paper_pages(9)
    pages[8] = pages[8] + ["References", "[1] A. Author."]                      # references start after text on page 9
    assert _pdf_lint(tmp_path, pages[:9]) == []


def test_pdf_showing_author_names_in_review(tmp_path):
    from pdf_helpers import paper_pages

    got = _pdf_lint(tmp_path, paper_pages(2, first=["Sketching Triangle Counts", "Jane Doe", "Anonymous Author(s)"]))
    (d,) = got
    assert d.code == "VN101" and d.line == 4 and "shows 'Jane Doe', from the author block, on page 1" in d.message
    assert _pdf_lint(tmp_path, paper_pages(2, first=["Anonymous Author(s)"])) == []
    assert _pdf_lint(tmp_path, paper_pages(2, first=["Jane Doe"]), text=NEURIPS_PAPER.replace("{neurips_2025}", "[final]{neurips_2025}")) == []


def test_accented_names_match_the_pdf(tmp_path):
    from pdf_helpers import paper_pages

    text = NEURIPS_PAPER.replace("Piotr Kowalski", "Peter Richt\\'{a}rik")
    from paperlint.checks.vn.review import author_names
    from paperlint.engine import build_document

    (tmp_path / "paperlint.toml").write_text("")
    p = tmp_path / "main.tex"
    p.write_text(text, encoding="utf-8")
    assert author_names(build_document(p, Settings())) == ["Jane Doe", "University of Somewhere", "Peter Richtárik"]


def test_unreadable_pdf_is_said_not_fatal(tmp_path):
    (tmp_path / "paperlint.toml").write_text("")
    (tmp_path / "main.tex").write_text(NEURIPS_PAPER, encoding="utf-8")
    (tmp_path / "main.pdf").write_bytes(b"not a pdf at all")
    from cli_helpers import run_cli

    r = run_cli(["main.tex", "--select", "VN130,VN101", "--pdf", "main.pdf"], tmp_path)
    assert "main.pdf: cannot read it as a PDF" in r.output and "Traceback" not in r.output


VENUE_FIXTURES = Path(__file__).parent / "fixtures" / "_venues"


@pytest.mark.parametrize("root", sorted(p if p.is_file() else p / "main.tex" for p in VENUE_FIXTURES.iterdir()
                                        if p.suffix == ".tex" or p.is_dir()), ids=lambda p: p.parent.name if p.name == "main.tex" else p.stem)
def test_venue_fixture(root):
    """Drafts laid out as each venue's public template (fixtures/_venues/SOURCES.md), every VN finding expected inline."""
    from fixture_harness import compare, run_fixture

    result, expected = run_fixture(root)
    problems = compare(result, expected)
    assert not problems, "\n".join(problems)


def test_page_limit_by_year():
    from paperlint.venues import Venue, profiles

    iclr = profiles()["iclr"]
    assert iclr.page_limit(Venue("iclr", "review", "", year=2025)) == 10
    assert iclr.page_limit(Venue("iclr", "review", "", year=2026)) == 9
    assert iclr.page_limit(Venue("iclr", "camera-ready", "", year=2026)) == 10
    assert iclr.page_limit(Venue("iclr", None, "")) is None


@pytest.mark.parametrize("preamble, expected", [
    ("\\documentclass[final,sglblindworkshop]{article}\n\\usepackage{neurips_2025}", ("neurips", None)),
    ("\\documentclass[final]{article}\n\\usepackage{neurips_2025}", ("neurips", "camera-ready")),
    ("\\documentclass{article}\n\\usepackage[sglblindworkshop]{neurips_2025}", ("neurips", None)),
    ("\\documentclass[review]{article}\n\\usepackage{acl}", ("acl", "review")),
])
def test_class_options_reach_the_style(tmp_path, preamble, expected):
    assert _venue(tmp_path, preamble) == expected


def test_account_links_warn_when_the_account_names_an_author(tmp_path):
    from paperlint.diagnostics import Severity

    text = ("\\documentclass{article}\n\\usepackage{neurips_2025}\n\\author{Jane Doe \\\\ Somewhere}\n\\begin{document}\n"
            "\\section{Introduction}\nOur code is at \\url{https://github.com/%s/tri}.\n\\end{document}\n")
    (d,) = _lint(tmp_path, text % "jdoe-lab", select=["VN101"]).diagnostics
    assert d.severity == Severity.WARNING and "matches the author Jane Doe" in d.message
    (d,) = _lint(tmp_path, text % "graphsketcher", select=["VN101"]).diagnostics
    assert d.severity == Severity.INFO and "Unless 'graphsketcher' was made for this anonymous submission" in d.message
    assert _lint(tmp_path, text % "anon-sub-2025", select=["VN101"]).diagnostics == []
    foot = text.replace("Our code is at \\url{https://github.com/%s/tri}.", "We count.\\footnote{Code: \\url{https://github.com/%s/tri}}")
    (d,) = _lint(tmp_path, foot % "jdoe", select=["VN101"]).diagnostics
    assert d.severity == Severity.WARNING
