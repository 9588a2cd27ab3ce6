"""JG, RD and AB105: the acronym packages in the reader, the shared inventory, the policies,
and the rules' own helpers. Rule behaviour with exact positions lives in tests/fixtures/."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from paperlint.config import Settings, parse_settings
from paperlint.engine import build_document, lint_path
from paperlint.jargon.inventory import _copula_definitions, _weak_definition, inventory
from paperlint.jargon.policy import looks_like_name, spelled_out

ROOT = Path(__file__).resolve().parents[1]


def _doc(tmp_path: Path, body: str, preamble: str = "", files: dict[str, str] | None = None, name="main.tex"):
    (tmp_path / "paperlint.toml").write_text("")
    for rel, text in (files or {}).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(textwrap.dedent(text))
    path = tmp_path / name
    if name.endswith(".md"):
        path.write_text(textwrap.dedent(body))
    else:
        path.write_text("\\documentclass{article}\n" + textwrap.dedent(preamble) + "\\begin{document}\n" + textwrap.dedent(body) + "\\end{document}\n")
    return build_document(path, Settings())


def _codes(tmp_path, text, select, name="main.tex", config=""):
    (tmp_path / "paperlint.toml").write_text(config)
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    from paperlint.config import load_settings

    settings = load_settings(tmp_path / "paperlint.toml")
    settings.select = select
    return lint_path(path, settings).diagnostics


# --------------------------------------------------------------------------------------
# The reader: acronym, glossaries and acro packages print what LaTeX prints
# --------------------------------------------------------------------------------------


def test_first_use_prints_long_and_short_then_short(tmp_path):
    doc = _doc(tmp_path, r"""
        We use \ac{svm}. Then \ac{svm} again and \acp{svm}.
        \acresetall
        Reset: \ac{svm}; short only: \acs{cnn}, then \ac{cnn}; long only: \acl{cnn}.
        """, preamble=r"""
        \usepackage{acronym}
        \acrodef{svm}[SVM]{support vector machine}
        \newacro{cnn}{convolutional network}
        """)
    assert "We use support vector machine (SVM). Then SVM again and SVMs." in doc.text
    assert "Reset: support vector machine (SVM); short only: cnn, then convolutional network (cnn); long only: convolutional network." in doc.text
    printed = [(u.label, u.printed) for u in doc.acronym_uses]
    assert printed == [("svm", "full"), ("svm", "short"), ("svm", "short"), ("svm", "full"), ("cnn", "short"), ("cnn", "full"), ("cnn", "long")]


def test_glossaries_entries_from_an_input_file_in_the_preamble(tmp_path):
    doc = _doc(tmp_path, r"""
        \Gls{lcmv} and \glspl{lcmv}; \gls{fmri} scans.
        """, preamble="\\usepackage{glossaries}\n\\input{acronyms}\n", files={"acronyms.tex": r"""
        \newacronym{LCMV}{lcmv}{linearly constrained minimum variance}
        \newacronym{lcmv}{LCMV}{linearly constrained minimum variance}
        \newacronym{fmri}{\textnormal{f}MRI}{functional magnetic resonance imaging}
        \DeclareAcronym{ica}{short = ICA, long = {independent component analysis}}
        """})
    assert doc.acronyms["LCMV"].short == "LCMV"  # small-caps style: short form typed in lower case
    assert doc.acronyms["fmri"].short == "fMRI"
    assert doc.acronyms["ica"].long == "independent component analysis"
    assert "Linearly constrained minimum variance (LCMV) and LCMVs; functional magnetic resonance imaging (fMRI) scans." in doc.text
    assert all(e.src.file != 0 for e in doc.acronyms.values())


def test_package_use_in_a_table_still_consumes_the_first_use(tmp_path):
    doc = _doc(tmp_path, r"""
        \begin{table}\begin{tabular}{l}\ac{svm}\\\end{tabular}\end{table}
        Later the \ac{svm} is short.
        """, preamble="\\usepackage{acronym}\n\\acrodef{svm}[SVM]{support vector machine}\n")
    assert "Later the SVM is short." in doc.text
    assert [u.prose for u in doc.acronym_uses] == [False, True]
    inv = inventory(doc)
    assert [(e.kind, e.key) for e in inv.events] == [("definition", "SVM"), ("use", "SVM")]


# --------------------------------------------------------------------------------------
# The inventory
# --------------------------------------------------------------------------------------


def test_what_is_not_a_use(tmp_path):
    doc = _doc(tmp_path, r"""
        \section{Introduction}\label{sec:ABC}
        A CNN here. $\mathrm{CNN}$, FC$_k$, \cite{CNN2020}, \ref{fig:CNN}, \url{https://x.org/CNN},
        \texttt{CNN\_DIM}, \verb|CNN|, \href{https://x.org/CNN}{the CNN page}. % a CNN in a comment
        """)
    uses = [(e.key, doc.text[e.start : e.end]) for e in inventory(doc).uses]
    assert uses == [("CNN", "CNN"), ("CNN", "CNN")]  # "A CNN here" and the link text


def test_markdown_code_and_math_are_not_uses(tmp_path):
    doc = _doc(tmp_path, "# Intro\n\nThe CNN and `CNN_DIM` and $CNN$ and [@CNN2020].\n", name="paper.md")
    assert [e.key for e in inventory(doc).uses] == ["CNN"]


def test_order_follows_input_files_and_footnotes_stay_in_place(tmp_path):
    doc = _doc(tmp_path, r"""
        \section{Introduction}
        We use support vector machines (SVMs).\footnote{The SVM code is public.}
        \input{sections/more}
        The SVM is last.
        """, files={"sections/more.tex": "An SVM in the input file.\n"})
    inv = inventory(doc)
    assert [(e.kind, doc.files[e.src.file].path.name) for e in inv.events] == [
        ("definition", "main.tex"), ("use", "main.tex"), ("use", "more.tex"), ("use", "main.tex")]
    # the prose view writes the footnote first, but the order is the source order
    footnote = inv.events[1]
    assert footnote.block.kind == "footnote" and footnote.start < inv.events[0].start


def test_parts_abstract_keywords_back_matter(tmp_path):
    doc = _doc(tmp_path, r"""
        \title{The ABC study}
        \maketitle
        \begin{abstract}
        An ABC abstract.
        \begin{keywords} ABC, DEF \end{keywords}
        \end{abstract}
        \section{Introduction}
        The ABC body.

        \noindent Keywords: JKL, MNO.
        \section*{Acknowledgements}
        Funded by the ABC.
        """)
    parts = [(e.key, e.part) for e in inventory(doc).uses]
    assert parts == [("ABC", "title"), ("ABC", "abstract"), ("ABC", "body"), ("ABC", "back")]


def test_citation_note_definitions(tmp_path):
    doc = _doc(tmp_path, r"""
        \section{Data}
        The adversarial set Heuristic Analysis for NLI Systems \citep[HANS,][]{mccoy} is small.
        We use the Jensen-Shannon Divergence \citep[JSD][]{lin} and the JSD again; \citep[Sec. 3]{x} is not one.
        """, preamble="\\usepackage{natbib}\n")
    defs = [(e.key, e.long, e.origin) for e in inventory(doc).definitions]
    assert defs == [("HANS", "Heuristic Analysis for NLI Systems", "cite-note"), ("JSD", "Jensen-Shannon Divergence", "cite-note")]


def test_copula_weak_and_apposition_definitions():
    text = "SNR indicates the signal-to-noise ratio. Dashes mean missing."
    assert [d[4:] for d in _copula_definitions(text)] == [("SNR", "signal-to-noise ratio")]
    t = "and a small Seq2Seq model (DR). The MNI brain (Montreal Neurological Institute, MNI, Canada)."
    i = t.index("DR")
    assert _weak_definition(t, i, i + 2, "DR") == "a small Seq2Seq model"
    j = t.index(", MNI,") + 2
    assert _weak_definition(t, j, j + 3, "MNI") == "Montreal Neurological Institute"
    k = t.index("MNI brain")
    assert _weak_definition(t, k, k + 3, "MNI") is None


def test_also_known_as_is_a_definition(tmp_path):
    doc = _doc(tmp_path, r"""
        \section{Introduction}
        The mismatch negativity paradigm (MMN, a type of event-related potential, also known as ERP) is old.
        """)
    assert {(e.key, e.long) for e in inventory(doc).definitions} >= {("MMN", "mismatch negativity paradigm"), ("ERP", "event-related potential")}


def test_hyphenated_acronyms_and_variants_are_counted(tmp_path):
    doc = _doc(tmp_path, r"""
        \section{Introduction}
        A multi-threaded SVM (MT-SVM) is fast; MT-SVM scales and the MTSVM code is public.
        """)
    inv = inventory(doc)
    assert [e.key for e in inv.uses if e.key.startswith("MT") and not e.compound] == ["MT-SVM", "MT-SVM"]


# --------------------------------------------------------------------------------------
# Policies
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence,key,name", [
    ("The SHREC'17 contest and the SHREC data.", "SHREC", True),
    ("Run on an RTX 2080 card; the RTX is fast.", "RTX", True),
    ("We used an HTC headset (HTC Corporation, Taiwan) and HTC software.", "HTC", True),
    ("The BART model [1] and BART again.", "BART", True),
    ("Electrode FCz and FCz again.", "FCz", True),
    ("The LDA filters and the LDA patterns.", "LDA", False),
])
def test_names_are_not_terms(tmp_path, sentence, key, name):
    doc = _doc(tmp_path, "\\section{Introduction}\n" + sentence.replace("[1]", "\\cite{b}") + "\n")
    inv = inventory(doc)
    uses = [e for e in inv.uses if e.key == key]
    assert uses and looks_like_name(inv, key, uses) is name


def test_spelled_out_next_to_the_use_only(tmp_path):
    doc = _doc(tmp_path, r"""
        \section{Introduction}
        LS and WD indicate label smoothing and weight decay, tuned per model.
        The PICO spans are tagged; elsewhere in this long sentence we discuss pharma intervention classes overshadowing others.
        """)
    inv = inventory(doc)
    for key, expected in (("LS", True), ("WD", True), ("PICO", False)):
        assert spelled_out(inv, key, [e for e in inv.uses if e.key == key]) is expected, key


def test_project_allow_list_is_shared_by_ab105(tmp_path):
    text = r"""\documentclass{article}
\begin{document}
\begin{abstract}
Our PICO tagger is fast.
\end{abstract}
\section{Introduction}
The PICO tagger, the PICO spans.
\end{document}
"""
    assert {d.code for d in _codes(tmp_path, text, ["JG102", "AB105"])} == {"JG102", "AB105"}
    config = '[rules.acronym-undefined]\nallow = ["PICO"]\n'
    assert _codes(tmp_path, text, ["JG102", "AB105"], config=config) == []


def test_lists_option_is_validated():
    from paperlint.config import ConfigError

    with pytest.raises(ConfigError):
        parse_settings({"rules": {"JG102": {"lists": "common"}}})


# --------------------------------------------------------------------------------------
# RD: readability helpers, plain words, passive voice
# --------------------------------------------------------------------------------------


def test_rd101_word_count_counts_math_not_citations():
    from paperlint.checks.rd.sentences import word_count

    assert word_count("We use X on 3 graphs [1, 2] and e.g. state-of-the-art models.") == 10


def test_rd102_scores_sections_with_the_published_formula(tmp_path):
    from paperlint.checks.rd.readability import section_scores
    from paperlint.nlp.readability import flesch_reading_ease

    para = "We count the edges. The graph is small and the count is fast. " * 20
    doc = _doc(tmp_path, "\\section{One}\n" + para + "\n\\section{Two}\n" + para + "\n")
    scores = section_scores(doc, 150)
    assert len(scores) == 2
    s = scores[0][1]
    assert s.sentences == 40 and s.words == 260 and s.syllables == 280
    assert s.flesch_reading_ease == pytest.approx(flesch_reading_ease(s.words, s.sentences, s.syllables))
    assert s.flesch_reading_ease == pytest.approx(206.835 - 1.015 * 6.5 - 84.6 * 280 / 260)


def test_rd103_every_bad_example_of_the_data_fires_through_the_rule(tmp_path):
    import tomllib

    from paperlint.checks.rd.plain_words import rule_set, substitutions

    entries = tomllib.loads((ROOT / "rules/data/plain_words.toml").read_text())["rules"]
    rules, subs = rule_set(), substitutions()
    assert len(subs) == len(entries) == len(rules.kinds)
    for entry in entries:
        for bad in entry["examples"]["bad"]:
            assert entry["id"] in {subs[i].id for i, _ in rules.alerts(bad)}, (entry["id"], bad)
        for good in entry["examples"]["good"]:
            assert entry["id"] not in {subs[i].id for i, _ in rules.alerts(good)}, (entry["id"], good)


def test_default_run_does_not_import_spacy(tmp_path):
    path = tmp_path / "main.tex"
    path.write_text("\\documentclass{article}\n\\begin{document}\n\\section{A}\nThe data were collected. The model was trained. It was run.\n\\end{document}\n")
    (tmp_path / "paperlint.toml").write_text("")
    code = (
        "import sys\nfrom pathlib import Path\nfrom paperlint.config import Settings\nfrom paperlint.engine import lint_path\n"
        f"lint_path(Path({str(path)!r}), Settings())\nprint('spacy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


def _spacy_doc(words, deps, heads, pos):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc

    return Doc(spacy.vocab.Vocab(), words=words, deps=deps, heads=heads, pos=pos)


def test_rd104_counts_passive_sentences_and_nominalisations():
    from paperlint.checks.rd.passive import judge, paragraph_style

    # "The evaluation was performed by us . We report the improvement ."
    words = ["The", "evaluation", "was", "performed", "by", "us", ".", "We", "report", "the", "improvement", "."]
    deps = ["det", "nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct", "nsubj", "ROOT", "det", "dobj", "punct"]
    heads = [1, 3, 3, 3, 3, 4, 3, 8, 8, 10, 8, 8]
    pos = ["DET", "NOUN", "AUX", "VERB", "ADP", "PRON", "PUNCT", "PRON", "VERB", "DET", "NOUN", "PUNCT"]
    style = paragraph_style(_spacy_doc(words, deps, heads, pos))
    assert (style.sentences, style.passive, style.words, style.nominalisations) == (2, 1, 10, 2)
    options = {"min-sentences": 2, "max-passive-share": 0.5, "max-nominalisations": 8.0}
    assert judge(style, options) == "1 of its 2 sentences are passive and 2 of its 10 words are nouns made from verbs (-tion, -ment, -ity...)"
    assert judge(style, dict(options, **{"min-sentences": 3})) is None


def test_rd104_universal_dependencies_labels():
    from paperlint.checks.rd.passive import paragraph_style

    style = paragraph_style(_spacy_doc(["Data", "were", "used", "."], ["nsubj:pass", "aux:pass", "ROOT", "punct"], [2, 2, 2, 2],
                                       ["NOUN", "AUX", "VERB", "PUNCT"]))
    assert style.passive == 1


def test_rd103_compiles_only_the_entries_that_need_a_regex():
    """Plain words and phrases go through the token index: only the two entries with context
    have a compiled pattern."""
    from paperlint.checks.rd.plain_words import rule_set

    rules = rule_set()
    compiled = [i for i, k in zip(rules.ids, rules.kinds) if k.pattern is not None]
    assert compiled == ["prior-to", "with-respect-to-opener"]
    assert len(rules.merged) == 1 and len(rules.merged[0][1]) == len(rules.kinds) - 2


def test_unknown_allow_list_is_reported_not_fatal(tmp_path):
    text = "\\documentclass{article}\n\\begin{document}\n\\section{A}\nThe HMM and the HMM.\n\\end{document}\n"
    diags = _codes(tmp_path, text, ["JG102", "PL001"], config='[rules.JG102]\nlists = ["common", "biologgy"]\n')
    messages = sorted(d.message for d in diags)
    assert len(messages) == 2 and "unknown acronym list 'biologgy'" in messages[1] and "'HMM' is never defined" in messages[0]
