"""The paper checklist, read from the LaTeX source.

Two forms are read:

* NeurIPS's (since 2021): ``\\answerYes``, ``\\answerNo``, ``\\answerNA``, ``\\answerTODO`` (one
  optional argument; ``\\answerYes{...}`` is the macro followed by a group, which prints after
  the answer). In the 2021-2023 layout the question is the ``\\item`` text before the answer and
  the justification is what follows the macro; from 2024 each item is ``\\item {\\bf Title}``
  followed by ``\\item[] Question:``, ``\\item[] Answer:`` and ``\\item[] Justification:`` lines,
  with ``\\justificationTODO`` until it is written.
* ARR's Responsible NLP checklist in its LaTeX form: ``\\subsection{question}`` followed by
  ``\\cm{field}{Yes,No,N/A}{answer}`` and ``\\tf[width]{field}{justification}``.

Positions are source ranges, so findings point at the answer to change.
"""
from __future__ import annotations

import re
from .records import dataclass

from . import lazyre
from .document.latex_parse import closing_brace
from .document.offsets import SourceRange

ANSWER = lazyre.compile(r"\\answer(?P<kind>Yes|No|NA|TODO)\b")
_JUST_TODO = lazyre.compile(r"\\justificationTODO\b")
_ITEM = lazyre.compile(r"\\item\b")
_ITEM_OR_END = lazyre.compile(r"\\item\b|\\end\s*\{(?:enumerate|itemize)\}|\\section\b")
_TITLE_ITEM = lazyre.compile(r"\\item\s*(?:\[\s*\]\s*)?\{\s*\\(?:bf|bfseries)\s+(?P<a>[^{}]*)\}|\\item\s*\\textbf\s*\{(?P<b>[^{}]*)\}")
_LABEL = lazyre.compile(r"\\item\s*\[\s*\]\s*(?P<label>Question|Answer|Justification|Guidelines)\s*:", re.I)
_ARR_CM = lazyre.compile(r"\\cm\s*\{(?P<field>[^{}]*)\}\s*\{(?P<opts>[^{}]*)\}\s*\{(?P<answer>[^{}]*)\}")
_ARR_TF = lazyre.compile(r"\\tf\s*(?:\[[^\]]*\])?\s*\{(?P<field>[^{}]*)\}\s*\{")
_SUBSECTION = lazyre.compile(r"\\subsection\*?\s*\{")
_HEADING = lazyre.compile(r"\\section\*?\s*\{[^{}]*checklist[^{}]*\}", re.I)


@dataclass
class Item:
    file: int
    answer: str | None            # yes | no | na | todo | None (no answer given)
    answer_src: SourceRange       # the answer macro, or the Answer: line / question when there is none
    title: str                    # the item's title, or the start of its question
    question: str
    justification: str            # source text of the justification, TODO macros removed
    justification_src: SourceRange | None
    justification_todo: bool = False
    layout: str = "neurips"       # neurips (2024 and later) | neurips-2021 | arr

    @property
    def topic(self) -> str | None:
        """limitations | uncertainty | code, for the answers VN120 checks against the paper."""
        text = f"{self.title} {self.question}".lower()
        if re.search(r"\blimitations?\b", text):
            return "limitations"
        if re.search(r"error bars?|statistical significance|descriptive statistics|confidence intervals?", text):
            return "uncertainty"
        if re.search(r"\bcode\b", text) and re.search(r"open access|include the code|release|reproduce|provide", text):
            return "code"
        return None


@dataclass
class Checklist:
    items: list[Item]
    regions: list[SourceRange]    # the source the checklist occupies, per file

    def contains(self, file: int, offset: int) -> bool:
        return any(r.file == file and r.start <= offset < r.end for r in self.regions)


def group_end(text: str, i: int) -> int:
    """The index after the balanced {...} group that starts at text[i] == '{' (or len(text))."""
    close = closing_brace(text, i)
    return len(text) if close is None else close + 1


def _clean(text: str) -> str:
    text = _JUST_TODO.sub(" ", text)
    text = re.sub(r"\\item\s*\[\s*\]\s*Guidelines\s*:.*", " ", text, flags=re.S | re.I)
    text = " ".join(text.split())
    while text.startswith("{") and group_end(text, 0) == len(text):
        text = text[1:-1].strip()           # the group after the macro: \answerYes{see Section 3}
    return "" if text in ("{}", "") else text


def _after_macro(text: str, j: int) -> int:
    """Skip an optional [..] and one {..} group after a macro name ending at j."""
    k = j
    while k < len(text) and text[k] in " \t":
        k += 1
    if k < len(text) and text[k] == "[":
        close = text.find("]", k)
        k = close + 1 if close >= 0 else k
    while k < len(text) and text[k] in " \t":
        k += 1
    if k < len(text) and text[k] == "{":
        return group_end(text, k)
    return j


def read_checklist(doc) -> Checklist | None:
    """The checklist in `doc`'s source (comments and untypeset branches ignored), or None."""
    if doc.format != "latex":
        return None
    from .stats.found import blanked_text

    items: list[Item] = []
    regions: list[SourceRange] = []
    for fi, f in enumerate(doc.files):
        raw = f.text
        if "\\answer" not in raw and "\\cm" not in raw:
            continue
        text = blanked_text(doc, fi)
        got = _neurips(text, fi) or _arr(text, fi)
        if not got:
            continue
        items.extend(got)
        start = min(it.answer_src.start for it in got)
        end = max((it.justification_src or it.answer_src).end for it in got)
        head = None
        for m in _HEADING.finditer(text, 0, start):
            head = m
        first_item = text.rfind("\\item", 0, start)
        lo = head.start() if head is not None else (first_item if first_item >= 0 else start)
        close = text.find("\\end{enumerate}", end)
        hi = close + len("\\end{enumerate}") if close >= 0 and close - end < 4000 else end
        regions.append(SourceRange(fi, lo, hi))
    if not items:
        return None
    return Checklist(items, regions)


def _neurips(text: str, fi: int) -> list[Item]:
    answers = list(ANSWER.finditer(text))
    questions = [m for m in _LABEL.finditer(text) if m.group("label").lower() == "question"]
    if not answers and not questions:
        return []
    layout = "neurips" if questions else "neurips-2021"
    items = []
    if layout == "neurips":
        titles = list(_TITLE_ITEM.finditer(text))
        for qi, q in enumerate(questions):
            nxt_q = questions[qi + 1].start() if qi + 1 < len(questions) else len(text)
            title_m = None
            for t in titles:
                if t.start() < q.start():
                    title_m = t
            title = " ".join((title_m.group("a") or title_m.group("b")).split()) if title_m else ""
            nxt_title = next((t.start() for t in titles if t.start() > q.start()), len(text))
            end = min(nxt_q, nxt_title)
            labels = {m.group("label").lower(): m for m in _LABEL.finditer(text, q.end(), end)}
            q_end = min([m.start() for m in labels.values()] + [end])
            question = " ".join(text[q.end():q_end].split())
            ans_line = labels.get("answer")
            a = ANSWER.search(text, ans_line.end() if ans_line else q.end(), end)
            just_line = labels.get("justification")
            just, just_src, todo = "", None, False
            if just_line is not None:
                stop = min([m.start() for k, m in labels.items() if m.start() > just_line.start()] + [end])
                nxt_item = _ITEM_OR_END.search(text, just_line.end(), stop)
                stop = nxt_item.start() if nxt_item else stop
                raw = text[just_line.end():stop]
                todo = bool(_JUST_TODO.search(raw))
                just = _clean(raw)
                just_src = SourceRange(fi, just_line.end(), stop)
            if a is not None:
                arg_end = _after_macro(text, a.end())
                inline = _clean(text[a.end():arg_end])
                if inline and not just:
                    just, just_src = inline, SourceRange(fi, a.end(), arg_end)
                kind = a.group("kind").lower()
                src = SourceRange(fi, a.start(), a.end())
            else:
                kind = None
                at = ans_line or q
                src = SourceRange(fi, at.start(), at.end())
            items.append(Item(fi, kind, src, title or question[:60], question, just, just_src, todo, layout))
        return items
    item_starts = [m.start() for m in _ITEM.finditer(text)]
    for a in answers:
        start = max((s for s in item_starts if s < a.start()), default=max(0, a.start() - 400))
        question = " ".join(re.sub(r"^\\item\b", "", text[start:a.start()]).split())
        arg_end = _after_macro(text, a.end())
        just = _clean(text[a.end():arg_end])
        items.append(Item(fi, a.group("kind").lower(), SourceRange(fi, a.start(), a.end()), question[:60], question, just,
                          SourceRange(fi, a.end(), max(arg_end, a.end())), False, layout))
    return items


def _arr(text: str, fi: int) -> list[Item]:
    items = []
    subs = list(_SUBSECTION.finditer(text))
    for m in _ARR_CM.finditer(text):
        opts = {o.strip().lower() for o in m.group("opts").split(",")}
        if not {"yes", "no"} <= opts:
            continue
        q = None
        for s in subs:
            if s.start() < m.start():
                q = s
        question = " ".join(text[q.end():group_end(text, q.end() - 1) - 1].split()) if q else m.group("field")
        answer = m.group("answer").strip().lower().replace("/", "")
        kind = {"yes": "yes", "no": "no", "na": "na"}.get(answer)
        tf = _ARR_TF.search(text, m.end(), m.end() + 600)
        just, just_src = "", None
        if tf:
            end = group_end(text, tf.end() - 1)
            just = " ".join(text[tf.end():end - 1].split())
            just_src = SourceRange(fi, tf.end(), end - 1)
        items.append(Item(fi, kind, SourceRange(fi, m.start(), m.end()), question[:60], question, just, just_src, False, "arr"))
    return items
