"""Statements that make p < .05 the decision threshold (EV102), found in raw source.

Two kinds:

* a threshold written without a p: ``$\\alpha = 0.05$``, "at the $0.05$ level", "a 5\\%
  significance level", "significance level of .05", "significant at 5\\%";
* a reported p that is really a legend or a rule: "bold entries denote significance
  ($p < 0.05$)", "$p < .05$ was considered significant", "* $p < .05$", "a $p$-value of 5\\%".
  These are :class:`~paperlint.stats.extract.ReportedTest` values with no statistic; the
  judgement is :func:`is_threshold_statement` over the raw text around them.

Only the value .05 (and .1, which is laxer still) counts: a stated alpha of .005 or .001
is what the advice asks for.
"""
from __future__ import annotations

from .. import lazyre
import re
from ..records import dataclass

from .extract import ReportedTest, normalise

__all__ = ["Threshold", "find_thresholds", "is_threshold_statement", "raw_context"]

_V = r"(?:0?\.05|0?\.1|5\s?%|10\s?%)(?![\d%])"
# .05, 0.05, .1, 5%, 5\%, 10%: the first character first, so that the scan skips ahead quickly
_ANCHOR = lazyre.compile(r"[.15](?:(?<=\.)(?:05|1)(?!\d)|(?<=1)0\s*\\?%|(?<=5)\s*\\?%)")
_THRESHOLD_RE = lazyre.compile(
    rf"""
      (?:α|\balpha)(?:\s*_\s*\w+)?\s*(?:=|<|≤|\bof\b|\bat\b|\bset\s+to\b|\bequal\s+to\b|\bwas\b|\bis\b)\s*{_V}
    | \b(?:significance|alpha|α|type[- ]?I\s+error)\s+(?:level|threshold|criterion|rate|cut-?off)s?\s*
        (?:of|at|was|is|=|set\s+to|equal\s+to|\()?\s*(?:α\s*=\s*|p\s*[<=≤]\s*)?{_V}
    | \b(?:level|threshold|criterion|cut-?off)\s+(?:of\s+)?(?:statistical\s+)?significance\s*(?:of|at|=|\()?\s*(?:α\s*=\s*|p\s*[<=≤]\s*)?{_V}
    | \b(?:at|with|using)\s+(?:the|a|an)\s+{_V}\s+(?:significance\s+|alpha\s+|α\s+)?level
    | {_V}\s+(?:significance|alpha|α)\s+(?:level|threshold)
    | \bsignifican\w*\s+at\s+(?:the\s+)?(?:level\s+(?:of\s+)?)?(?:α\s*=\s*|p\s*[<=≤]\s*)?{_V}
    | \bp[- ]?values?\s+(?:threshold|cut-?off|criterion)\s+(?:of\s+)?{_V}
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Around a reported "p < .05": words that make it a rule or a legend rather than a result.
_LEGEND_WORDS = lazyre.compile(
    r"\b(?:denot\w*|indicat\w*|mark(?:s|ed)?|bold\w*|underlin\w*|asterisks?|stars?|daggers?|consider\w*|deemed|defined|"
    r"regarded|taken\s+as|treated\s+as|threshold\w*|level|cut-?off|criteri\w+|alpha|α|accept\w*|declared|"
    r"set\s+(?:at|to)|reject\w*)\b|\\alpha|\$\^?\{?\\?(?:ast|\*|dagger)|\*\s*[:=]?\s*\$?p\b|\\textbf\{\*",
    re.IGNORECASE,
)
_PARA = lazyre.compile(r"\n[ \t]*\n")
_KEYWORD = lazyre.compile(r"alpha|α|[Ll]evel|threshold|[Ss]ignifican|criterion|cut-?off")
_SENTENCE_END = lazyre.compile(r"(?<![.\d][A-Za-z])(?<!\bal)(?<!\bvs)(?<!\bcf)(?<!Fig)(?<!\bEq)(?<!Tab)[.!?](?=\s+[A-Z\\])")


@dataclass(frozen=True)
class Threshold:
    start: int
    end: int
    text: str


def paragraph_window(text: str, start: int, end: int, before: int, after: int) -> tuple[str, str]:
    """Up to `before`/`after` characters of raw text around [start, end), cut at paragraph breaks."""
    pre = text[max(0, start - before):start]
    m = None
    for m in _PARA.finditer(pre):
        pass
    if m is not None:
        pre = pre[m.end():]
    post = text[end:min(len(text), end + after)]
    m = _PARA.search(post)
    if m:
        post = post[: m.start()]
    return pre, post


def raw_context(text: str, start: int, end: int, before: int = 160, after: int = 100) -> tuple[str, str]:
    """The raw text of the sentence around [start, end): (before the span, after it), within its paragraph."""
    pre, post = paragraph_window(text, start, end, before, after)
    ends = list(_SENTENCE_END.finditer(pre))
    if ends:
        pre = pre[ends[-1].end():]
    m = _SENTENCE_END.search(post)
    if m:
        post = post[: m.end()]
    return pre, post


def is_threshold_statement(text: str, test: ReportedTest) -> bool:
    """Is this reported p a rule or a legend (".05 is the threshold") rather than a result?"""
    if test.test is not None or test.p is None or test.p_op not in ("<", "<=", "="):
        return False
    if not (abs(test.p - 0.05) < 1e-12 or abs(test.p - 0.1) < 1e-12):
        return False
    pre, post = raw_context(text, test.start, test.end)
    if test.p_op == "=":
        return bool((test.p_text or "").endswith("%") or re.search(r"significan|level|threshold|alpha|α", pre + post, re.IGNORECASE))
    if _LEGEND_WORDS.search(pre) or _LEGEND_WORDS.search(post):
        return True
    # a legend of stars: "* p < .05, ** p < .01"
    return bool(re.search(r"\*\s*\$?\s*$|\\ast\s*\$?\s*$|\^\{?\*+\}?\s*\$?\s*$", pre))


def find_thresholds(text: str, fmt: str = "latex") -> list[Threshold]:
    """Threshold statements without a p (alpha = .05, "at the 5% level") in raw source."""
    out: list[Threshold] = []
    last_end = -1
    for a in _ANCHOR.finditer(text):
        first = a.start()
        if text[first] == "." and first > 0 and text[first - 1] == "0":
            first -= 1
        if first > 0 and (text[first - 1].isdigit() or text[first - 1] == "."):
            continue                                  # 2.05, 15%, 1.1
        if a.start() < last_end:
            continue
        lo = max(0, a.start() - 120)
        hi = min(len(text), a.end() + 60)
        window = text[lo:hi]
        if not _KEYWORD.search(window):
            continue
        norm, starts, ends = normalise(window, fmt)
        if not norm:
            continue
        rel = a.start() - lo
        for m in _THRESHOLD_RE.finditer(norm):
            s, e = starts[m.start()], ends[m.end() - 1]
            if s <= rel < e or (s <= rel + 1 <= e):
                out.append(Threshold(lo + s, lo + e, " ".join(m.group().split())))
                last_end = lo + e
                break
    return out
