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
