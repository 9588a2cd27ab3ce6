"""The prose view and structure produced by the LaTeX and Markdown readers."""
from __future__ import annotations

from pathlib import Path

import pytest

from paperlint.config import parse_settings, Settings
from paperlint.engine import build_document

from test_offsets import check_invariant


def doc_of(tmp_path, text, name="main.tex", settings=None):
    (tmp_path / "paperlint.toml").write_text("")
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    doc = build_document(p, settings or Settings())
    check_invariant(doc)
    return doc


def body(tex):
    return "\\documentclass{article}\n\\begin{document}\n" + tex + "\n\\end{document}\n"


@pytest.mark.parametrize("tex,prose", [
    ("We use \\emph{big} and \\textbf{bold} words.", "We use big and bold words."),
    ("As shown by Smith et al.~\\cite{s} and in Fig.~\\ref{f}.", "As shown by Smith et al. [1] and in Fig. 1."),
    ("A set $S$ of $n$ items, 95\\% of them, with $95\\%$ and $3$ runs.", "A set X of X items, 95% of them, with 95% and 3 runs."),
    ("It costs \\$5 -- or 6 --- as ``quoted''.", "It costs $5 – or 6 — as “quoted”."),
    ("Caf\\'e, na\\\"{\\i}ve, \\c{c}a.", "Café, naïve, ça."),
    ("See \\url{http://x.org/a%20b} now.", "See http://x.org/a%20b now."),
    ("Keep % a comment\nthis.", "Keep \nthis."),
    ("Code \\verb|a{b| here.", "Code a{b here."),
    ("The bound is\n\\begin{equation}\n f(x) = 1 . \\label{eq}\n\\end{equation}\nwhich holds.", "The bound is\nX.\nwhich holds."),
    ("Words \\iffalse hidden \\fi shown.", "Words  shown."),
    ("Old \\iffalse hidden \\else kept \\fi end.", "Old  kept  end."),
    ("Space\\,here and\\ there\\\\[2pt] next.", "Space here and there  next."),
])
def test_latex_prose(tmp_path, tex, prose):
    doc = doc_of(tmp_path, body(tex))
    assert doc.blocks[0].text == prose


def test_user_macros_are_expanded(tmp_path):
    doc = doc_of(tmp_path, "\\documentclass{article}\n\\newcommand{\\ours}{EdgeCount}\n\\newcommand\\wrap[1]{\\textcolor{red}{#1}}\n"
                 "\\def\\eg{e.g.\\xspace}\n\\newcommand{\\pair}[2]{#1 and #2}\n\\begin{document}\n"
                 "We run \\ours{} \\eg on \\wrap{big graphs} and \\pair{A}{B}.\n\\end{document}\n")
    assert doc.blocks[0].text == "We run EdgeCount e.g. on big graphs and A and B."


def test_footnote_wrapper_macro(tmp_path):
    doc = doc_of(tmp_path, "\\documentclass{article}\n\\newcommand\\blfootnote[1]{%\n  \\begingroup\\renewcommand\\thefootnote{}\\footnote{#1}%\n  \\endgroup}\n"
                 "\\begin{document}\nMain text.\\blfootnote{Equal contribution.} More text.\n\\end{document}\n")
    assert [(b.kind, b.text) for b in doc.blocks] == [("footnote", "Equal contribution."), ("paragraph", "Main text. More text.")]


def test_config_macros(tmp_path):
    settings = parse_settings({"latex": {"macros": {"ours": {"action": "dummy", "as": "EdgeCount"},
                                                      "note": {"args": "{", "action": "ignore"},
                                                      "keep": {"args": "{", "action": "prose"}},
                                          "environments": {"mybox": {"body": "ignore"}}}})
    doc = doc_of(tmp_path, body("We run \\ours\\note{secret} on \\keep{graphs}.\n\\begin{mybox}hidden\\end{mybox}"), settings=settings)
    assert doc.blocks[0].text.startswith("We run EdgeCount on graphs.")
    assert "hidden" not in doc.text and "secret" not in doc.text


def test_structure(tmp_path):
    doc = doc_of(tmp_path, "\\documentclass{article}\n\\title{T \\emph{x}}\n\\begin{document}\n\\maketitle\n"
                 "\\begin{abstract}\nA.\n\\end{abstract}\n\\section{Intro}\nP1.\n\nP2.\n\\begin{itemize}\n\\item One.\n\\item Two.\n\\end{itemize}\n"
                 "\\subsection*{Sub}\nS.\\footnote{F.}\n\\begin{figure}\\centering\\includegraphics[width=2cm]{fig/a}\\caption{Cap.}\\label{fig:a}\\end{figure}\n"
                 "\\appendix\n\\section{Extra}\nE.\n\\end{document}\n")
    assert doc.title.text == "T x"
    assert [b.text for b in doc.abstract.blocks] == ["A."]
    assert [(s.level, s.title, s.starred, s.appendix) for s in doc.sections] == [(2, "Intro", False, False), (3, "Sub", True, False), (2, "Extra", False, True)]
    (lst,) = doc.lists
    assert [b.text for b in lst.items] == ["One.", "Two."] and lst.lead.text == "P2."
    (fig,) = doc.figures
    assert fig.labels == ["fig:a"] and fig.graphics[0][0] == "fig/a" and fig.captions[0].text == "Cap."
    assert any(b.kind == "footnote" and b.text == "F." for b in doc.blocks)


def test_class_abstract_macro_and_star_heading(tmp_path):
    doc = doc_of(tmp_path, "\\documentclass{jss}\n\\Abstract{Tidy data.}\n\\begin{document}\n\\section{Intro}\nX.\n\\end{document}\n")
    assert doc.abstract.blocks[0].text == "Tidy data."
    doc = doc_of(tmp_path, body("\\section*{Abstract}\nWe map.\n\\section*{Introduction}\nY."))
    assert doc.abstract.title == "Abstract" and doc.abstract.blocks[-1].text == "We map."


def test_include_resolves_from_root_folder(tmp_path):
    (tmp_path / "sec").mkdir()
    (tmp_path / "sec" / "a.tex").write_text("\\input{sec/b}\nA.\n")
    (tmp_path / "sec" / "b.tex").write_text("B.\n")
    doc = doc_of(tmp_path, body("\\input{sec/a}"))
    assert [f.display.split("/")[-1] for f in doc.files] == ["main.tex", "a.tex", "b.tex"]
    (block,) = doc.blocks  # \input does not break the paragraph
    assert block.text == "B.\nA."


MD = """---
title: "Edges: a study"
abstract: |
  We count edges
  quickly.
bibliography: refs.bib
---

Setext heading
==============

Intro with [@smith2020; @doe] and @jones, $x^2$ and `code`, **bold**, _it_, snake_case,
an \\*escape\\* &amp; a [link](http://x.org). <!-- a comment -->

- item one
- item *two*

```python
# not a heading
```

## Second

![A caption.](fig.png){#fig:one}
"""


def test_markdown(tmp_path):
    doc = doc_of(tmp_path, MD, name="paper.md")
    assert doc.title.text == "Edges: a study"
    assert " ".join(b.text for b in doc.abstract.blocks) == "We count edges quickly."
    assert [s.title for s in doc.sections] == ["Setext heading", "Second"]
    para = next(b for b in doc.blocks if b.text.startswith("Intro"))
    assert para.text == "Intro with [1] and Author [1], X and code, bold, it, snake_case,\nan *escape* & a link. "[:-1]
    assert [k for k, _ in doc.citations] == ["smith2020", "doe", "jones"]
    assert [b.text for b in doc.lists[0].items] == ["item one", "item two"]
    assert "not a heading" not in doc.text
    assert doc.figures[0].captions[0].text == "A caption." and doc.labels["fig:one"]
    assert any("a comment" in c.text for c in doc.comments)
    assert doc.bibliographies[0][0] == "refs.bib"


# -- layouts real drafts use: redefined sectioning, macro-made sections, manual headings -----------
def _titles(doc):
    return [(s.kind, s.title) for s in doc.top.walk() if s.kind != "document"]


@pytest.mark.parametrize("preamble", [
    "\\let\\origsection\\section\n\\renewcommand\\section{\\vspace{2pt}\\origsection}\n",
    "\\let\\oldsection=\\section\n\\renewcommand{\\section}[1]{\\oldsection{\\textsc{#1}}}\n",
    "\\def\\section{\\secdef\\mysec\\mysecstar}\n",
    "\\makeatletter\n\\renewcommand\\section{\\@startsection{section}{1}{0pt}{1ex}{1ex}{\\bfseries}}\n\\makeatother\n",
])
def test_redefined_section_keeps_its_meaning(tmp_path, preamble):
    doc = doc_of(tmp_path, "\\documentclass{article}\n" + preamble + "\\begin{document}\n\\section{Introduction}\nText one.\n"
                 "\\section*{Results}\nText two.\n\\end{document}\n")
    assert _titles(doc) == [("section", "Introduction"), ("section", "Results")]
    assert [b.text for b in doc.blocks if b.kind == "paragraph"] == ["Text one.", "Text two."]


def test_let_alias_of_a_sectioning_command_is_a_heading(tmp_path):
    doc = doc_of(tmp_path, "\\documentclass{article}\n\\let\\origsection\\section\n\\begin{document}\n"
                 "\\origsection*{Introduction}\nText.\n\\origsection[Short]{Long title}\nMore.\n\\end{document}\n")
    assert _titles(doc) == [("section", "Introduction"), ("section", "Long title")]
    assert doc.sections[0].starred and not doc.sections[1].starred


def test_section_made_by_a_draft_macro(tmp_path):
    text = ("\\documentclass{article}\n\\newcommand{\\practicesection}[1]{\\section*{#1}}\n\\begin{document}\n"
            "\\practicesection{Introduction}\nText.\n\\end{document}\n")
    doc = doc_of(tmp_path, text)
    assert _titles(doc) == [("section", "Introduction")]
    sec = doc.sections[0]
    # the heading is placed at the macro use, never at offsets inside the macro's body
    assert doc.source_text(sec.src) == "\\practicesection{Introduction}"
    head = doc.to_source(sec.heading.start, sec.heading.end)
    assert doc.files[head.file].line_col(head.start) == (4, 1)


def test_figure_macro_records_caption_label_and_image(tmp_path):
    doc = doc_of(tmp_path, body("\\newcommand{\\fig}[2]{\\begin{figure}\\includegraphics{#1}\\caption{#2}\\label{fig:#1}\\end{figure}}\n"
                                "Text.\n\\fig{plot}{A plot of the thing.}\nSee Figure~\\ref{fig:plot}."))
    [fig] = doc.figures
    assert [c.text for c in fig.captions] == ["A plot of the thing."]
    assert fig.labels == ["fig:plot"] and [g for g, _ in fig.graphics] == ["plot"]
    assert doc.source_text(fig.src) == "\\fig{plot}{A plot of the thing.}"


@pytest.mark.parametrize("defs,use,prose", [
    ("\\newcommand{\\opt}[2][def]{#1name and #2}", "\\opt{x} and \\opt[y]{z}.", "defname and x and yname and z."),
    ("\\newcommand{\\two}[2]{#1 and #2}", "\\two pq.", "p and q."),
    ("\\newcommand{\\two}[2]{#1 and #2}", "{\\two{p}}", "p and"),
    ("\\NewDocumentCommand{\\nd}{s O{dd} m}{#2 and #3}", "\\nd{m} then \\nd*[o]{p}.", "dd and m then o and p."),
    ("\\newcommand{\\figref}{Figure~\\ref}", "See \\figref{fig:one}.", "See Figure 1."),
    ("\\newcommand{\\secref}[1]{Section~\\ref{sec:#1}}", "See \\secref{intro}.", "See Section 1."),
    ("\\newcommand{\\pair}[2]{\\def\\inner##1{##1}#1/#2}", "A \\pair{b}{c}.", "A b/c."),
])
def test_macro_parameters_never_print(tmp_path, defs, use, prose):
    doc = doc_of(tmp_path, "\\documentclass{article}\n" + defs + "\n\\begin{document}\n" + use + "\n\\end{document}\n")
    assert doc.blocks[0].text == prose
    assert "#" not in doc.text


def test_ref_wrapping_macro_records_the_reference(tmp_path):
    doc = doc_of(tmp_path, body("\\newcommand{\\figref}{Figure~\\ref}\nSee \\figref{fig:one}."))
    assert [k for k, _ in doc.refs] == ["fig:one"]


def test_manual_headings_when_no_section_exists(tmp_path):
    doc = doc_of(tmp_path, body("\\centerline{\\textbf{Abstract}}\nWe count.\n\n\\noindent{\\bf 1. Introduction}\nEdges.\n\n"
                                "\\noindent\\textbf{Conclusion.} Done.\n\n\\textbf{Note:} not a heading."))
    assert _titles(doc) == [("abstract", "Abstract"), ("section", "1. Introduction"), ("section", "Conclusion.")]
    assert doc.abstract is not None and [b.text for b in doc.abstract.blocks if b.kind == "paragraph"] == ["We count."]
    assert [b.text for b in doc.sections[-1].blocks if b.kind == "paragraph"] == ["Done.", "Note: not a heading."]


def test_bold_run_in_heads_stay_paragraphs_when_sections_exist(tmp_path):
    doc = doc_of(tmp_path, body("\\section{Method}\n\\textbf{Results.} We count.\n\n{\\bf Discussion} of the counts follows."))
    assert _titles(doc) == [("section", "Method")]


def test_manual_abstract_heading_before_the_first_section(tmp_path):
    doc = doc_of(tmp_path, body("\\begin{center}\\textbf{Abstract}\\end{center}\nWe count edges.\n\n\\section{Introduction}\nText."))
    assert doc.abstract is not None and doc.abstract.blocks[-1].text == "We count edges."


def test_opening_text_is_an_unnumbered_introduction(tmp_path):
    opening = " ".join(["Graphs describe many networks and their edges carry the structure."] * 7)
    doc = doc_of(tmp_path, body("\\begin{abstract}\nWe count.\n\\end{abstract}\n" + opening + "\n\n\\section{Method}\nText."))
    first = doc.sections[0]
    assert first.implicit and first.title == "" and first.blocks[0].text == opening
    assert not any(b.text == opening for b in doc.top.blocks)


def test_short_opening_text_is_not_an_introduction(tmp_path):
    doc = doc_of(tmp_path, body("A teaser line.\n\n\\section{Method}\nText."))
    assert not any(s.implicit for s in doc.sections)


def test_rjournal_article_file_is_a_whole_paper(tmp_path):
    doc = doc_of(tmp_path, "\\title{Counting}\n\\author{A. Person}\n\\maketitle\n\\abstract{We count.}\n\\section{Introduction}\nText.\n")
    assert not doc.fragment and doc.abstract is not None
    chapter = doc_of(tmp_path, "\\section{Method}\nText.\n", name="method.tex")
    assert chapter.fragment


# -- parse problems that are not the draft's --------------------------------------------------------
def _pl001(doc):
    return [p.message for p in doc.problems if p.code == "PL001"]


def test_comments_between_macro_arguments(tmp_path):
    doc = doc_of(tmp_path, "\\documentclass{article}\n\\newenvironment{widepage}{\\begin{adjustwidth}{-1cm}{-1cm}%\n"
                 "    \\addtolength{\\textwidth}{2cm}}%\n{\\end{adjustwidth}}\n"
                 "\\NewDocumentEnvironment{proofof}{ m O{x} }{\\begin{proof}[Of #1]}{\\end{proof}}\n"
                 "\\begin{document}\nText.\n\\end{document}\n")
    assert _pl001(doc) == [] and doc.blocks[0].text == "Text."


def test_problems_inside_a_dropped_argument_are_not_reported(tmp_path):
    doc = doc_of(tmp_path, body("\\newcommand{\\eat}[1]{}\nKept.\n\\eat{\n\\begin{table*}\n\\caption{Old}\n\\end{table}\n}\nAlso kept."))
    assert _pl001(doc) == []
    assert doc.blocks[0].text.split() == ["Kept.", "Also", "kept."]


def test_a_group_closes_an_unclosed_environment_inside_it(tmp_path):
    doc = doc_of(tmp_path, body("{\\begin{itemize}\\item one}\n\nAfter the group."))
    assert _pl001(doc) == ["\\begin{itemize} is never closed with \\end{itemize}"]
    assert doc.blocks[-1].text == "After the group."


def test_broken_group_is_still_reported(tmp_path):
    doc = doc_of(tmp_path, body("Text \\footnote{See \n\\end{itemize}\n\nMore."))
    assert any("never closed" in m for m in _pl001(doc))


def test_matplotlib_pgf_figure_is_not_parsed_as_the_authors_latex(tmp_path):
    (tmp_path / "fig.pgf").write_text("\\begin{pgfpicture}%\n\\pgftext{\\catcode`\\%=\\active\\def%{\\%}Mean}}%\n\\end{pgfpicture}%\n")
    doc = doc_of(tmp_path, body("Text.\n\\begin{figure}\\input{fig.pgf}\\caption{A heat map.}\\end{figure}"))
    assert _pl001(doc) == [] and doc.figures[0].captions[0].text == "A heat map."


def test_preamble_of_a_standalone_figure_is_not_read(tmp_path):
    (tmp_path / "fig").mkdir()
    (tmp_path / "fig" / "plot.tex").write_text("\\documentclass{standalone}\n\\input{../lib/packages}\n\\begin{document}\n"
                                               "\\begin{tikzpicture}\\end{tikzpicture}\n\\end{document}\n")
    doc = doc_of(tmp_path, body("Text.\n\\includestandalone{fig/plot}"))
    assert [p for p in doc.problems if p.code == "PL002"] == []


def test_copernicus_class_headings(tmp_path):
    doc = doc_of(tmp_path, body("\\introduction\nWater flows.\n\\section{Model}\nA model.\n\\conclusions[Summary and outlook]\nDone."))
    assert _titles(doc) == [("section", "Introduction"), ("section", "Model"), ("section", "Summary and outlook")]
    own = doc_of(tmp_path, body("\\newcommand{\\introduction}{An opening line.}\n\\introduction\n\\section{Model}\nA model."), name="own.tex")
    assert own.blocks[0].text == "An opening line."


def test_documentclass_from_an_input_file(tmp_path):
    (tmp_path / "macros.tex").write_text("\\documentclass{article}\n\\newcommand{\\ours}{EdgeCount}\n")
    doc = doc_of(tmp_path, "\\input{macros}\n\\begin{document}\n\\section{Introduction}\nWe run \\ours.\n\\end{document}\n")
    assert not doc.fragment and doc.blocks[-1].text == "We run EdgeCount."


def test_input_inside_a_draft_macro(tmp_path):
    (tmp_path / "part.tex").write_text("Included text.\n")
    doc = doc_of(tmp_path, body("\\newcommand{\\inc}[1]{\\input{#1}}\nBefore.\n\n\\inc{part}\n\nAfter."))
    assert [b.text for b in doc.blocks] == ["Before.", "Included text.", "After."]
    assert [i.target for i in doc.includes] == ["part"] and doc.source_text(doc.includes[0].src) == "\\inc{part}"


def test_rjournal_example_is_code_when_the_style_is_beside_the_article(tmp_path):
    text = "\\title{T}\n\\maketitle\n\\abstract{We count.}\n\\section{Introduction}\nText \\code{x$y} here.\n\\begin{example}\ny <- x$a\n\\end{example}\nAfter.\n"
    (tmp_path / "RJournal.sty").write_text("% style\n")
    doc = doc_of(tmp_path, text)
    assert _pl001(doc) == [] and "y <- x" not in doc.text and "After." in doc.text


def test_example_environment_stays_prose_without_the_rjournal_style(tmp_path):
    doc = doc_of(tmp_path, body("\\begin{example}\nA worked example in words.\n\\end{example}"))
    assert doc.blocks[0].text == "A worked example in words."


def test_document_body_begun_in_an_input_file(tmp_path):
    (tmp_path / "front.tex").write_text("\\begin{document}\n\\section{Introduction}\nOpening.\n")
    doc = doc_of(tmp_path, "\\documentclass{article}\n\\input{front}\n\\section{Method}\nMore.\n\\end{document}\nNot typeset.\n")
    assert _pl001(doc) == []
    assert _titles(doc) == [("section", "Introduction"), ("section", "Method")] and "Not typeset" not in doc.text


def test_include_targets_with_escapes_and_macros(tmp_path):
    (tmp_path / "figure_one.tex").write_text("\\documentclass{standalone}\\begin{document}x\\end{document}\n")
    (tmp_path / "resp.tex").write_text("Reply text.\n")
    doc = doc_of(tmp_path, body("\\includestandalone{figure\\_one}\n\\newcommand{\\responsefile}{resp}\n\\input{\\responsefile}\n\\input{\\unknownname}"))
    assert [p for p in doc.problems if p.code == "PL002"] == []
    assert "Reply text." in doc.text


def test_latex_typed_inside_markdown(tmp_path):
    doc = doc_of(tmp_path, "# Intro\n\nThe \\pkg{ricu} package \\citep[e.g.][]{a2020, b2021} reads \\emph{ICU} data (Section \\ref{sec:data}).\\label{x}\n",
                 name="paper.Rmd")
    para = next(b for b in doc.blocks if b.kind == "paragraph")
    assert para.text == "The ricu package [1] reads ICU data (Section 1)."
    assert [k for k, _ in doc.citations] == ["a2020", "b2021"] and [k for k, _ in doc.refs] == ["sec:data"]
    assert "x" in doc.labels


def test_pandoc_inline_footnote(tmp_path):
    doc = doc_of(tmp_path, "# Intro\n\nMain text.^[A note with a [link](http://x.org).] More text.\n", name="paper.md")
    assert [(b.kind, b.text) for b in doc.blocks if b.kind != "heading"] == [("footnote", "A note with a link."), ("paragraph", "Main text. More text.")]


def test_acronym_declared_after_its_first_use(tmp_path):
    doc = doc_of(tmp_path, body("We use \\ac{rf} signals. Later \\ac{rf} again.\n\\begin{acronym}\n\\acro{rf}[RF]{radio frequency}\n\\end{acronym}"))
    assert doc.blocks[0].text == "We use radio frequency (RF) signals. Later RF again."


def test_items_of_a_list_opened_by_a_draft_macro(tmp_path):
    doc = doc_of(tmp_path, body("\\newcommand{\\squishlist}{\\begin{list}{$\\bullet$}{\\setlength{\\itemsep}{0pt}}}\n"
                                "\\newcommand{\\squishend}{\\end{list}}\n\\section{Introduction}\nOur contributions are:\n"
                                "\\squishlist\n\\item We count edges.\n\n\\item We prove a bound.\n\\squishend\n\nAfter the list."))
    [lst] = doc.lists
    assert [b.text for b in lst.items] == ["We count edges.", "We prove a bound."]
    assert lst.lead.text == "Our contributions are:" and doc.blocks[-1].kind == "paragraph" and doc.blocks[-1].text == "After the list."


@pytest.mark.parametrize("setup,prose", [
    ("\\newif\\ifdraft\\drafttrue", "Draft text."),
    ("\\newif\\ifdraft", "Final text."),
    ("\\newif\\ifdraft\\drafttrue\\draftfalse", "Final text."),
])
def test_newif_switches_choose_a_branch(tmp_path, setup, prose):
    doc = doc_of(tmp_path, "\\documentclass{article}\n" + setup + "\n\\begin{document}\n\\ifdraft Draft text.\\else Final text.\\fi\n\\end{document}\n")
    assert doc.blocks[0].text.strip() == prose


def test_if_on_a_draft_macro_and_ifnum(tmp_path):
    doc = doc_of(tmp_path, "\\documentclass{article}\n\\def\\icml{1}\n\\begin{document}\n"
                 "\\if\\icml1 ICML text.\\else Plain text.\\fi\n\n\\ifnum\\icml=0 Zero.\\else Not zero.\\fi\n\n"
                 "\\ifdim\\linewidth>1pt Unknown A.\\else Unknown B.\\fi\n\\end{document}\n")
    texts = [b.text.split() for b in doc.blocks]
    assert texts[0] == ["ICML", "text."] and texts[1] == ["Not", "zero."]
    assert "Unknown" in doc.text and "11" not in doc.text  # an unknown condition: both branches, no condition tokens


def test_macro_that_stands_for_newcommand(tmp_path):
    doc = doc_of(tmp_path, body("\\newcommand{\\nc}{\\newcommand}\n\\nc{\\pair}[2]{#1 and #2}\nWe see \\pair{A}{B}."))
    assert doc.blocks[0].text == "We see A and B." and "#" not in doc.text


def test_latex_internals_and_set_apart_environments(tmp_path):
    doc = doc_of(tmp_path, body("\\makeatletter\\@addtoreset{subeqn}{equation}\\makeatother\n"
                                "\\begin{center}A title line\\end{center}\n\\bigskip\n{\\small\\begin{quote}\\noindent{\\em Abstract.} We count.\\end{quote}}\n"
                                "\\section{Introduction}\nText."))
    assert "subeqn" not in doc.text and doc.abstract is not None and doc.abstract.blocks[-1].text == "We count."


def test_macros_from_the_projects_own_style_file(tmp_path):
    (tmp_path / "macros.sty").write_text("\\newcommand{\\Zoo}{%\n  Zoo\\xspace%\n}\n\\input{generated-by-a-tool}\n"
                                         "\\renewcommand{\\section}{\\oops}\n\\graphicspath{{figs/}}\n")
    doc = doc_of(tmp_path, "\\documentclass{article}\n\\usepackage{macros}\n\\begin{document}\n"
                           "\\section{Introduction}\nWe build on \\Zoo: it helps.\n\\end{document}\n")
    assert "We build on Zoo: it helps." in doc.text
    assert [s.title for s in doc.sections] == ["Introduction"]  # a style file never changes what \section means
    assert not [p for p in doc.problems if p.code == "PL002"]  # the style's own \input is not the draft's problem
    assert doc.graphicspath


def test_a_copy_of_a_published_package_is_not_read(tmp_path):
    (tmp_path / "trackchanges.sty").write_text("\\NeedsTeXFormat{LaTeX2e}\\ProvidesPackage{trackchanges}\n"
                                               "\\newcommand{\\added}[1]{#1 (added by the package)}\n")
    doc = doc_of(tmp_path, "\\documentclass{article}\n\\usepackage{trackchanges}\n\\begin{document}\n"
                           "\\section{Introduction}\n\\added{We count.}\n\\end{document}\n")
    assert "added by" not in doc.text and "We count." in doc.text


def test_sweave_chunks_are_code_not_latex(tmp_path):
    doc = doc_of(tmp_path, body("\\section{Introduction}\nWe read units.\n<<units, echo=TRUE>>=\nst_crs(2264)$units\nx <- {1\n@\nThe units are feet.\n"),
                 name="paper.Rnw")
    assert "st_crs" not in doc.text and "The units are feet." in doc.text
    assert not [p for p in doc.problems if p.code == "PL001"]


def test_chunk_markers_in_a_tex_file_are_text(tmp_path):
    doc = doc_of(tmp_path, body("\\section{Introduction}\n<<a>>=\nWe count.\n@\n"))
    assert "We count." in doc.text


# -- Markdown includes: pandoc-include, Quarto, R Markdown child chunks -------------------------

def _md_project(tmp_path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "intro.md").write_text("# Introduction\n\nThe intro text.\n\n!include deeper.md\n", encoding="utf-8")
    (tmp_path / "chapters" / "deeper.md").write_text("Deeper text with $t(28) = 2.20$, $p = .036$.\n", encoding="utf-8")
    (tmp_path / "chapters" / "results.qmd").write_text("# Results\n\nThe results text.\n", encoding="utf-8")
    (tmp_path / "chapters" / "methods.Rmd").write_text("# Methods\n\nThe methods text.\n", encoding="utf-8")
    text = ("---\ntitle: A paper\n---\n\n!include chapters/intro.md\n\n```{r, child = \"chapters/methods.Rmd\"}\n```\n\n"
            "{{< include chapters/results.qmd >}}\n")
    return doc_of(tmp_path, text, name="paper.md")


def test_markdown_includes_are_read_in_place(tmp_path):
    doc = _md_project(tmp_path)
    assert [Path(f.path).resolve().relative_to(tmp_path.resolve()).as_posix() for f in doc.files] == [
        "paper.md", "chapters/intro.md", "chapters/deeper.md", "chapters/methods.Rmd", "chapters/results.qmd"]
    assert [s.title for s in doc.top.children] == ["Introduction", "Methods", "Results"]
    assert "!include" not in doc.text and "Deeper text" in doc.text
    start = doc.text.index("Deeper text")
    r = doc.to_source(start, start + 6)
    assert doc.files[r.file].display.endswith("deeper.md") and doc.files[r.file].line_col(r.start) == (1, 1)
    assert not doc.problems


def test_markdown_includes_missing_outside_and_cyclic(tmp_path):
    inner = tmp_path / "proj"
    inner.mkdir()
    (tmp_path / "secret.md").write_text("outside\n", encoding="utf-8")
    (inner / "loop.md").write_text("Loop.\n\n!include loop.md\n", encoding="utf-8")
    (inner / ".git").mkdir()
    doc = doc_of(inner, "# Paper\n\n!include missing.md\n\n!include ../secret.md\n\n!include loop.md\n", name="paper.md")
    messages = [p.message for p in doc.problems]
    assert all(p.code == "PL002" for p in doc.problems)
    assert any("missing.md: file not found" in m for m in messages)
    assert any("../secret.md: refused: the file is outside the project root" in m for m in messages)
    assert any("is cyclic:" in m and m.count("loop.md") == 3 for m in messages)
    assert "outside" not in doc.text
    assert not any(f.display.endswith("secret.md") for f in doc.files)


def test_a_markdown_line_that_only_mentions_include_is_prose(tmp_path):
    doc = doc_of(tmp_path, "# Paper\n\nWe use !include to split files, and {{< include >}} in Quarto.\n", name="paper.md")
    assert "!include to split" in doc.text and not doc.problems


def test_folder_scan_skips_included_markdown_chapters(tmp_path):
    from paperlint.cli import find_roots

    words = " ".join(["word"] * 320)
    (tmp_path / "chapter.md").write_text(f"# Chapter\n\n{words}\n", encoding="utf-8")
    (tmp_path / "paper.md").write_text(f"---\ntitle: A paper\n---\n\n!include chapter.md\n", encoding="utf-8")
    (tmp_path / "other.md").write_text(f"# Other\n\n{words}\n", encoding="utf-8")
    assert [p.name for p in find_roots(tmp_path, Settings())] == ["other.md", "paper.md"]


def test_an_included_markdown_chapter_is_linted_through_its_root(tmp_path):
    from paperlint.roots import RootFinder

    (tmp_path / ".git").mkdir()
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "intro.md").write_text("# Introduction\n\nText.\n", encoding="utf-8")
    (tmp_path / "chapters" / "alone.md").write_text("# Alone\n\nText.\n", encoding="utf-8")
    (tmp_path / "paper.md").write_text("---\ntitle: A paper\n---\n\n!include chapters/intro.md\n", encoding="utf-8")
    finder = RootFinder(Settings())
    assert finder.root_of(tmp_path / "chapters" / "intro.md") == (tmp_path / "paper.md").resolve()
    assert finder.root_of(tmp_path / "chapters" / "alone.md") == (tmp_path / "chapters" / "alone.md").resolve()
