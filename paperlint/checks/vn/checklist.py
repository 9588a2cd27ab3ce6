"""VN120, VN121, VN122: the paper checklist checked against the paper (paperlint/checklist.py).

VN120 judges three Yes answers by what ST120, EV110 and EV140 look for, on the paper without
its checklist: the checklist's own questions and guidelines name limitations, error bars and
code, and would otherwise answer for the paper.
"""
from __future__ import annotations

import re

from ... import lazyre
from ...checklist import Checklist, read_checklist
from ...document.offsets import SourceRange
from ..base import Check


def _checklist(doc) -> Checklist | None:
    """The paper's checklist (None in a venue's own template, which is all TODOs by design)."""
    got = doc.__dict__.get("_paperlint_checklist", False)
    if got is False:
        from ...venues import is_venue_template

        got = None if is_venue_template(doc) else read_checklist(doc)
        doc.__dict__["_paperlint_checklist"] = got
    return got


def _item_name(item) -> str:
    name = item.title or item.question
    return name if len(name) <= 70 else name[:67].rsplit(" ", 1)[0] + "..."


# -- VN120 ------------------------------------------------------------------------------------
def _outside(doc, cl: Checklist, block) -> bool:
    src = doc.to_source(block.start, min(block.end, block.start + 1))
    return src is None or not cl.contains(src.file, src.start)


def _raw_without(doc, cl: Checklist) -> str:
    """Every file's typeset source with the checklist blanked (cached on the document)."""
    got = doc.__dict__.get("_paperlint_raw_without_checklist")
    if got is None:
        got = doc.__dict__["_paperlint_raw_without_checklist"] = _blank_checklist(doc, cl)
    return got


def _blank_checklist(doc, cl: Checklist) -> str:
    from ...stats.found import blanked_text

    parts = []
    for i in range(len(doc.files)):
        text = blanked_text(doc, i)
        for r in cl.regions:
            if r.file == i:
                text = text[:r.start] + " " * (r.end - r.start) + text[r.end:]
        parts.append(text)
    return "\n\n".join(parts)


def _prose_without(doc, cl: Checklist) -> str:
    return "\n".join(b.text for b in doc.blocks if _outside(doc, cl, b))


_REF = lazyre.compile(r"\\(?:[cC]ref|[aA]utoref|ref|nameref|Sref|secref)\*?\s*\{(?P<keys>[^{}]*)\}")


_SECTION_NUMBERS = lazyre.compile(r"\b(?:Sections?|Sec\.|Secs\.|§+)[\s~]*(?P<list>\d+(?:\.\d+)*(?:\s*(?:,|and|&|\u2013|-|to)\s*\d+(?:\.\d+)*)*)", re.I)


def _pointed_sections(doc, item):
    """Sections the justification points to: by \\ref to their labels, or by number ('Sections 5 and 7')."""
    keys = {k.strip() for m in _REF.finditer(item.justification) for k in m.group("keys").split(",")}
    out = []
    if keys:
        kinds = label_kinds(doc)
        out = [kinds[k][1] for k in keys if k in kinds and kinds[k][0] == "section" and kinds[k][1] is not None]
    numbered = [sec for sec in doc.main_sections if not sec.starred and not sec.appendix]
    for m in _SECTION_NUMBERS.finditer(item.justification):
        for n in re.findall(r"\d+", re.sub(r"\.\d+", "", m.group("list"))):
            if 1 <= int(n) <= len(numbered):
                out.append(numbered[int(n) - 1])
    return out


def _limits_stated(doc, cl, item) -> bool:
    from ..st.limitations_missing import LIMIT_WORD, OWN_LIMITS, SCOPE, closing_blocks, not_own
    from ...document import structure

    for sec in doc.sections:
        if structure.LIMITATIONS.search(sec.title) and sec.src is not None and not cl.contains(sec.src.file, sec.src.start):
            return True
    # A contradiction must be sure: any sentence of the paper outside the checklist that speaks of
    # its limitations ('these limitations', 'a drawback of our method') backs the answer
    for block in doc.blocks:
        if block.kind in ("paragraph", "item", "footnote") and LIMIT_WORD.search(block.text) and _outside(doc, cl, block):
            for sent in block.sentences:
                if LIMIT_WORD.search(sent.text) and not sent.text.rstrip().endswith("?") and not not_own(sent.text):
                    return True
    for block in closing_blocks(doc):
        if block.kind in ("paragraph", "item") and _outside(doc, cl, block) and (LIMIT_WORD.search(block.text) or SCOPE.search(block.text)):
            for sent in block.sentences:
                s = sent.text
                if not s.rstrip().endswith("?") and (OWN_LIMITS.search(s) or SCOPE.search(s)) and not not_own(s):
                    return True
    for sec in _pointed_sections(doc, item):   # the justification names the place: any limit there counts
        for block in sec.all_blocks():
            if block.kind in ("paragraph", "item") and (LIMIT_WORD.search(block.text) or SCOPE.search(block.text)
                                                        or re.search(r"\bassum(?:e|es|ed|ing|ption)|\bonly\b|\brestrict", block.text, re.I)):
                return True
    return False


def _uncertainty_stated(doc, cl) -> bool | None:
    from ..ev.evidence import experiments_section, reports_uncertainty

    if experiments_section(doc) is None:
        return None                             # nothing EV110 would judge
    if reports_uncertainty(_raw_without(doc, cl)):
        return True
    from ...stats.found import document_tests

    return any(ft.test.p is not None or ft.test.p_op == "ns" for ft in document_tests(doc))


def _code_stated(doc, cl, item) -> bool | None:
    from ..ev.evidence import _AVAILABLE, experiments_section, mentions_availability

    if experiments_section(doc) is None:
        return None
    if _AVAILABLE.search(item.justification) or re.search(r"https?://|\\url|supplement", item.justification, re.I):
        return True                             # the answer itself says where the code is
    return mentions_availability(_raw_without(doc, cl)) or mentions_availability(_prose_without(doc, cl))


class ChecklistContradicted(Check):
    code = "VN120"

    def run(self, doc, ctx):
        cl = _checklist(doc)
        if cl is None:
            return
        for item in cl.items:
            if item.answer != "yes" or item.topic is None:
                continue
            if item.topic == "limitations" and not _limits_stated(doc, cl, item):
                evidence = "the paper has no limitations section and no sentence of its discussion or conclusion names a limit of the work"
            elif item.topic == "uncertainty" and _uncertainty_stated(doc, cl) is False:
                evidence = "the paper reports no error bar, standard deviation, confidence interval, repeated runs or statistical test"
            elif item.topic == "code" and _code_stated(doc, cl, item) is False:
                evidence = "the paper has no repository link and no statement of where the code and data are"
            else:
                continue
            yield ctx.report(src=item.answer_src, item=_item_name(item), evidence=evidence)


# -- VN121 ------------------------------------------------------------------------------------
_SECTION_WORD = r"(?:Sections?|Sec\.|Secs\.|§+|Chapters?|Appendix|Appendices|App\.)"
_FLOAT_WORD = r"(?:Figures?|Figs?\.|Tables?|Tabs?\.)"
_POINTER = lazyre.compile(
    rf"(?P<word>{_SECTION_WORD}|{_FLOAT_WORD}|Eq(?:uation)?s?\.?|Algorithms?|Alg\.|Theorems?|Lemmas?)?[\s~]*"
    r"\\(?P<cmd>[cC]ref|[aA]utoref|ref|nameref|Sref|eqref|secref)\*?\s*\{(?P<keys>[^{}]*)\}")
_NUMBERED = lazyre.compile(r"\b(?:Section|Sec\.)[\s~]*(?P<n>\d+)(?![.\d]*\s*(?:of|in)\s+\[)", re.I)
_APPENDIX = lazyre.compile(r"\b(?:appendix|appendices)\b", re.I)
_ELSEWHERE = lazyre.compile(r"supplement|separate|arxiv|full version|extended version|online", re.I)
_LABEL_DEF = lazyre.compile(r"\\label\s*\{([^{}]*)\}")
_MATH_ENVS = {"equation", "align", "gather", "multline", "eqnarray", "flalign", "alignat", "split"}


def label_kinds(doc) -> dict[str, tuple[str, object]]:
    """Each label's kind: (section | figure | table | equation | other, the section for sections)."""
    got = doc.__dict__.get("_paperlint_label_kinds")
    if got is not None:
        return got
    out: dict[str, tuple[str, object]] = {}
    for fig in doc.figures:
        for name in fig.labels:
            out[name] = ("table" if fig.kind == "table" else "figure", None)
    import bisect

    heads: dict[int, list] = {}
    for sec in doc.sections:
        if sec.src is not None:
            heads.setdefault(sec.src.file, []).append((sec.src.end, sec))
    for v in heads.values():
        v.sort(key=lambda t: t[0])
    head_ends = {fi: [e for e, _ in v] for fi, v in heads.items()}
    maths: dict[int, list] = {}
    for n in doc.markup:
        if n.kind == "math" or (n.kind == "env" and n.name.rstrip("*") in _MATH_ENVS):
            maths.setdefault(n.src.file, []).append((n.src.start, n.src.end))
    math_starts, math_reach = {}, {}
    for fi, v in maths.items():
        v.sort()
        math_starts[fi] = [a for a, _ in v]
        reach, top = [], -1
        for _, b in v:
            top = max(top, b)
            reach.append(top)          # the furthest end of the ranges starting here or before
        math_reach[fi] = reach
    labels = dict(doc.labels)
    from ...stats.found import blanked_text

    for fi in range(len(doc.files)):   # labels the prose view does not keep: inside equations, in verbatim-like macros
        if "\\label" in doc.files[fi].text:
            for m in _LABEL_DEF.finditer(blanked_text(doc, fi)):
                labels.setdefault(m.group(1).strip(), SourceRange(fi, m.start(), m.end()))
    for name, rng in labels.items():
        if name in out:
            continue
        i = bisect.bisect_right(math_starts.get(rng.file, []), rng.start) - 1
        if i >= 0 and math_reach[rng.file][i] > rng.start:
            out[name] = ("equation", None)
            continue
        kind = ("other", None)
        j = bisect.bisect_right(head_ends.get(rng.file, []), rng.start) - 1
        if j >= 0:
            end, sec = heads[rng.file][j]
            if re.fullmatch(r"\s*(?:\\label\{[^{}]*\}\s*)*", doc.files[rng.file].text[end:rng.start]):
                kind = ("section", sec)
        out[name] = kind
    doc.__dict__["_paperlint_label_kinds"] = out
    return out


def _numbered_sections(doc) -> int:
    return sum(1 for s in doc.main_sections if not s.starred and not s.appendix)


def _has_appendix(doc) -> bool:
    return any(s.appendix for s in doc.sections) or any(n.name == "appendix" for n in doc.markup if n.kind == "macro") \
        or any(re.match(r"^\W*(appendix|appendices|supplementary)", s.title, re.I) for s in doc.sections)


class ChecklistDanglingPointer(Check):
    code = "VN121"

    def run(self, doc, ctx):
        cl = _checklist(doc)
        if cl is None:
            return
        kinds = label_kinds(doc)
        from ...stats.found import blanked_text

        blanked = {}
        for item in cl.items:
            if item.justification_src is None or item.answer not in ("yes", "no", "na"):
                continue
            fi = item.justification_src.file
            if fi not in blanked:
                blanked[fi] = blanked_text(doc, fi)
            text = blanked[fi][item.justification_src.start:item.justification_src.end]
            base = item.justification_src.start
            for m in _POINTER.finditer(text):
                word = (m.group("word") or "").strip()
                offset = base + m.start("cmd") - 1
                for key in (k.strip() for k in m.group("keys").split(",")):
                    if not key:
                        continue
                    src = SourceRange(item.justification_src.file, offset, base + m.end())
                    if key not in kinds:
                        yield ctx.report(src=src, item=_item_name(item), target=f"'{key}'",
                                         problem="a label the paper never defines (it prints as ??)")
                        continue
                    kind = kinds[key][0]
                    if re.fullmatch(_SECTION_WORD, word) and kind in ("figure", "table", "equation"):
                        yield ctx.report(src=src, item=_item_name(item), target=f"{word}~\\ref{{{key}}}",
                                         problem=f"but '{key}' labels a {kind}, not a section")
                    elif re.fullmatch(_FLOAT_WORD, word) and kind == "section":
                        yield ctx.report(src=src, item=_item_name(item), target=f"{word}~\\ref{{{key}}}",
                                         problem=f"but '{key}' labels a section, not a {word.rstrip('s.').lower()}")
            n = _numbered_sections(doc)
            for m in _NUMBERED.finditer(text):
                if n and int(m.group("n")) > n:
                    yield ctx.report(src=SourceRange(item.justification_src.file, base + m.start(), base + m.end()), item=_item_name(item),
                                     target=f"'{m.group()}'", problem=f"but the paper has {n} numbered sections")
            if _APPENDIX.search(text) and not _ELSEWHERE.search(text) and not _has_appendix(doc):
                m = _APPENDIX.search(text)
                yield ctx.report(src=SourceRange(item.justification_src.file, base + m.start(), base + m.end()), item=_item_name(item),
                                 target="an appendix", problem="but the paper has none (say so if it is in the supplementary material)")


# -- VN122 ------------------------------------------------------------------------------------
class ChecklistUnanswered(Check):
    code = "VN122"

    def run(self, doc, ctx):
        cl = _checklist(doc)
        if cl is None:
            return
        for item in cl.items:
            if item.answer == "todo":
                problem = "still has the answer \\answerTODO"
            elif item.answer is None:
                problem = "has no answer" + (" (ARR's form: the last argument of \\cm is empty)" if item.layout == "arr" else "")
            elif item.justification_todo:
                problem = "still has the justification \\justificationTODO"
            elif item.layout == "neurips" and not item.justification.strip():
                problem = "has no justification; every answer, even NA, needs one or two sentences"
            else:
                continue
            yield ctx.report(src=item.answer_src, item=_item_name(item), problem=problem)
