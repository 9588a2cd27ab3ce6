"""Find reported statistical tests and p-values in raw LaTeX or Markdown source.

The input is the file's own text with comments already blanked by spaces, so that every
offset we return is a file offset. We never parse LaTeX properly; instead we build a
*normalised* copy of the text in which the markup that hides a report is flattened
(math delimiters, braces, font commands, ``\\leq`` -> ``≤``, ``\\chi`` -> ``χ``, Markdown
emphasis, ...), keep for every normalised character the span of source it came from, run
regular expressions over the normalised copy and map the matches back.

What counts as a report
-----------------------
*Test reports* are a statistic letter, optional degrees of freedom, a comparison and a
number, optionally followed (after a short gap of separators, effect sizes, ``df = ..``,
``MSE = ..`` and the like) by a p-value or ``n.s.``:

    t(28) = 2.20, p = .036        F(2, 56) = 4.1, p < .05       F_{2,56} = 4.1
    \\chi^2(1, N = 40) = 3.84       r(48) = .32                  z = 2.5, p = .012
    Q(3) = 7.2 (Cochran)          t = -2.2, df = 27.9, p-value = 0.036   (R output)
    F-statistic: 4.1 on 2 and 56 DF,  p-value: 0.0218                    (R output)

A statistic without a p-value is kept only when it cannot be something else: t, chi2 and
r need degrees of freedom, F needs both of them, Q needs df and a word like "Cochran" or
"heterogeneity" nearby, and z always needs a p-value (``$z = 30$`` is a coordinate, ``$t=1$``
a time step, ``F_1`` an F1 score).

*Bare p-values* (no statistic) are the ambiguous part: ``p`` is also a probability, a
norm's exponent, a polynomial. A bare ``p <op> value`` is accepted only when one of these
holds (the heuristic):

1. the p is spelled as a p-value: ``p-value``, ``$p$-value``, ``p value(s)``;
2. the p carries text-mode italics (``\\textit{p}``, ``\\emph{p}``, ``{\\it p}``, Markdown
   ``*p*`` / ``_p_``): authors italicise p-values in prose, variables live in math;
3. the comparison is an inequality (<, >, <=, >=) and the bound is a p-value-sized number
   in (0, 0.1] -- and the p is not the middle of a chain such as ``0 < p < 0.1``;
4. the value is in [0, 1] and the paragraph up to 200 characters before it (or 60 after)
   names significance testing: "significan", "p-value", "statistically", a named test
   (t-test, ANOVA, Wilcoxon, chi-square, permutation, Pearson, ...), a correction
   (Bonferroni, FDR, Holm), "two-tailed"/"one-sided", "null hypothesis", or an extracted
   test report;
5. the comparison is "=", the value is at most 0.1 and is written the way p-values are and
   parameters are not: APA style with no leading zero (``p = .036``) or in scientific
   notation (``p = 3 \times 10^{-4}``).

Rules 4 and 5 are vetoed when the 40 characters before the p name what a parameter p
usually is ("probability", "dropout", "rate", "fraction", "parameter", ...).

A statistic reported without any p-value must also be printed with decimals
(``F(1, 2) = 3`` is more likely a function value than a test).

So ``$p = 0.5$`` in a model description, ``$p(x|y)$``, ``$p = 2$`` (a norm), ``\\tp``,
``top=``, ``bp``, page numbers (``p.~351``) and ``$0 < p < 1$`` are not reported.
"""

from __future__ import annotations

from .. import lazyre
import bisect
import re
from ..records import dataclass, replace

TYPE_CHECKING = False   # typing.TYPE_CHECKING without importing typing (3.7 ms)
if TYPE_CHECKING:
    from decimal import Decimal

__all__ = [
    "ReportedTest",
    "extract_tests",
    "normalise",
    "parse_number",
    "reported_interval",
]


@dataclass(frozen=True)
class ReportedTest:
    start: int
    end: int
    test: str | None              # 't', 'F', 'chi2', 'r', 'z', 'Q' or None for a bare p-value
    df1: float | None
    df2: float | None
    stat: float | None
    stat_text: str | None         # the digits as reported ("2.20"), sign included
    stat_op: str | None           # '=', '<', '>'
    p_op: str | None              # '=', '<', '>', '<=', '>=', 'ns'
    p: float | None
    p_text: str | None            # normalised reported form: ".036", "3e-4", "3×10^-4", "10^-3", "5%"
    p_start: int | None
    p_end: int | None
    n: float | None               # sample size given in the report (N = 40)
    one_tailed: bool
    qualifier: str | None = None  # what follows the p: "(MAP)" in p (MAP) = .6, "_{adj}" in p_{adj}
    q_type: str | None = None     # a meta-analytic Q's type: 'within' (Qw) or 'between' (Qb); None for plain Q


# ============================================================================================
# numbers as reported
# ============================================================================================

_NUM_PARTS = lazyre.compile(
    r"""^\s*(?P<sign>[-+]?)\s*
        (?:
            (?P<mant>\d+(?:\.\d*)?|\.\d+)
            (?:
                [eE](?P<e1>[-+]?\d+)
              | \s*[×x]\s*10\s*\^\s*\(?(?P<e2>[-+]?\s*\d+)\)?
            )?
          | 10\s*\^\s*\(?(?P<e3>[-+]?\s*\d+)\)?
        )
        \s*(?P<pct>%)?\s*$""",
    re.VERBOSE,
)


def _decimal_parts(text: str) -> tuple[Decimal, Decimal]:
    """(value, half a unit in the last reported digit) as exact decimals."""
    from decimal import Decimal, InvalidOperation   # imported when a number is read (1 ms at start)

    m = _NUM_PARTS.match(text.replace("−", "-").replace("·", "×"))
    if not m:
        raise ValueError(f"not a reported number: {text!r}")
    exp_text = m.group("e1") or m.group("e2") or m.group("e3")
    exponent = int(exp_text.replace(" ", "")) if exp_text else 0
    mant_text = m.group("mant") if m.group("mant") is not None else "1"
    mant_text = mant_text.removesuffix(".")
    try:
        mant = Decimal(mant_text)
    except InvalidOperation as exc:  # pragma: no cover - the regex prevents it
        raise ValueError(text) from exc
    decimals = len(mant_text.split(".")[1]) if "." in mant_text else 0
    half = Decimal(5).scaleb(-(decimals + 1))
    scale = exponent - (2 if m.group("pct") else 0)
    value = mant.scaleb(scale)
    half = half.scaleb(scale)
    if m.group("sign") == "-":
        value = -value
    return value, half


def parse_number(text: str) -> tuple[float, float]:
    """Value of a reported number and half a unit of its last digit.

    ``"2.20"`` -> (2.2, 0.005); ``".036"`` -> (0.036, 0.0005); ``"5"`` -> (5.0, 0.5);
    ``"3e-4"`` and ``"3×10^-4"`` -> (0.0003, 0.00005); ``"10^-3"`` -> (0.001, 0.0005);
    ``"5%"`` -> (0.05, 0.005).
    """
    value, half = _decimal_parts(text)
    return float(value), float(half)


def printed_interval(text: str) -> tuple[float, float]:
    """``reported_interval`` of a number as printed in prose: spaces and a Unicode minus allowed."""
    return reported_interval(text.replace("\u2212", "-").replace(" ", ""))


def reported_interval(text: str) -> tuple[float, float]:
    """The interval [lo, hi) of true values that round to the reported number.

    Computed in exact decimal arithmetic so that ``.03`` gives exactly [0.025, 0.035).
    """
    value, half = _decimal_parts(text)
    return float(value - half), float(value + half)


# ============================================================================================
# normalisation with an offset map
# ============================================================================================

# Command name -> replacement. Names absent from the table are copied unchanged.
_CMD_REPLACE: dict[str, str] = {
    "leq": "≤", "le": "≤", "leqslant": "≤", "leqq": "≤",
    "geq": "≥", "ge": "≥", "geqslant": "≥", "geqq": "≥",
    "lt": "<", "textless": "<", "gt": ">", "textgreater": ">",
    "chi": "χ", "times": "×", "cdot": "×", "cdotp": "×",
    "textminus": "-", "textendash": "-", "minus": "-",
    "quad": " ", "qquad": " ", "thinspace": " ", "enspace": " ", "space": " ",
    "nobreakspace": " ", "medspace": " ", "thickspace": " ",
    "textsuperscript": "^", "textsubscript": "_",
    "approx": "≈", "sim": "∼", "mid": "|",
}
# Commands deleted together with the spaces after them (declarations, sizes).
_CMD_DROP_SPACE = {
    "it", "em", "rm", "bf", "sl", "sf", "tt", "itshape", "upshape", "bfseries", "mdseries",
    "displaystyle", "textstyle", "scriptstyle", "small", "footnotesize", "scriptsize",
    "tiny", "normalsize", "large", "Large", "left", "right", "big", "Big", "bigl", "bigr",
    "Bigl", "Bigr", "middle", "nolinebreak", "nobreak",
}
# Commands whose name is deleted (their braces go separately): font and box wrappers.
_CMD_DROP = {
    "textit", "emph", "mathit", "mathrm", "textrm", "text", "mathnormal", "textnormal",
    "mathbf", "textbf", "boldsymbol", "bm", "textsl", "textup", "operatorname", "mathsf",
    "textsf", "num", "mbox", "hbox", "ensuremath", "mathup", "textmd", "mathtt", "texttt",
    "pmb", "underline", "uline", "hl", "tnum",
}

_NORM_RE = lazyre.compile(
    r"""
      (?P<cmd>\\[A-Za-z]+)(?P<cmdsp>[ \t]*)
    | (?P<esc>\\[,;:!>\ %&_$#{}()\[\]])
    | (?P<dblbs>\\\\)
    | (?P<entity>&(?:lt|gt|le|ge|nbsp|minus|times|middot|thinsp|ndash|chi);)
    | (?P<dollar>\$)
    | (?P<brace>[{}])
    | (?P<tilde>~)
    | (?P<uni>[≦⩽≧⩾−·\u00a0\u2009\u202f²])
    | (?P<ltle><=|=<)
    | (?P<gtge>>=|=>)
    | (?P<endash>–(?=\s?[\d.]))
    """,
    re.VERBOSE,
)

_MD_RE = lazyre.compile(
    r"""
      (?P<star>\*+)
    | (?P<tick>`+)
    | (?P<uopen>(?<![\w\\])_+(?=[A-Za-z]))
    | (?P<uclose>(?<=[A-Za-z])_+(?![\w{]))
    | (?P<html></?(?:em|i|b|strong)>)
    | (?P<sub><sub>)
    | (?P<sup><sup>)
    | (?P<endtag></su[bp]>)
    """,
    re.VERBOSE,
)

_ENTITY = {
    "&lt;": "<", "&gt;": ">", "&le;": "≤", "&ge;": "≥", "&nbsp;": " ", "&minus;": "-",
    "&times;": "×", "&middot;": "×", "&thinsp;": " ", "&ndash;": "-", "&chi;": "χ",
}
_UNI = {
    "≦": "≤", "⩽": "≤", "≧": "≥", "⩾": "≥", "−": "-", "·": "×", "\u00a0": " ",
    "\u2009": " ", "\u202f": " ", "²": "^2",
}
_ESC = {"\\%": "%", "\\>": " ", "\\ ": " ", "\\,": " ", "\\;": " ", "\\:": " ", "\\!": "",
        "\\&": "&", "\\_": "_", "\\$": "$", "\\#": "#", "\\{": "{", "\\}": "}",
        "\\(": "", "\\)": "", "\\[": "", "\\]": ""}


class _Builder:
    __slots__ = ("ends", "parts", "starts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def copy(self, text: str, a: int, b: int) -> None:
        if b > a:
            self.parts.append(text[a:b])
            self.starts.extend(range(a, b))
            self.ends.extend(range(a + 1, b + 1))

    def put(self, rep: str, a: int, b: int) -> None:
        if rep:
            self.parts.append(rep)
            self.starts.extend([a] * len(rep))
            self.ends.extend([b] * len(rep))


def _pass(text: str, starts: list[int] | None, ends: list[int] | None, regex, handler):
    """One rewriting pass; composes the offset map with the previous one."""
    out = _Builder()
    pos = 0
    for m in regex.finditer(text):
        out.copy(text, pos, m.start())
        rep = handler(m)
        out.put(rep if rep is not None else m.group(0), m.start(), m.end())
        pos = m.end()
    out.copy(text, pos, len(text))
    new = "".join(out.parts)
    if starts is None:
        return new, out.starts, out.ends
    # compose: the previous pass maps its characters to source offsets
    return (
        new,
        [starts[i] for i in out.starts],
        [ends[j - 1] for j in out.ends],
    )


def _latex_handler(m: re.Match) -> str | None:
    kind = m.lastgroup
    if m.group("cmd"):
        name = m.group("cmd")[1:]
        space = m.group("cmdsp") or ""
        if name in _CMD_REPLACE:
            return _CMD_REPLACE[name] + space
        if name in _CMD_DROP_SPACE:
            return ""
        if name in _CMD_DROP:
            return space
        return None
    if kind == "esc":
        return _ESC.get(m.group(0), " ")
    if kind == "dblbs":
        return "\n"
    if kind == "entity":
        return _ENTITY[m.group(0)]
    if kind in ("dollar", "brace"):
        return ""
    if kind == "tilde":
        return " "
    if kind == "uni":
        return _UNI[m.group(0)]
    if kind == "ltle":
        return "≤"
    if kind == "gtge":
        return "≥"
    if kind == "endash":
        return "-"
    return None


def _md_handler(m: re.Match) -> str | None:
    kind = m.lastgroup
    if kind in ("star", "tick", "uopen", "uclose", "html", "endtag"):
        return ""
    if kind == "sub":
        return "_"
    if kind == "sup":
        return "^"
    return None


def normalise(text: str, fmt: str = "latex") -> tuple[str, list[int], list[int]]:
    """Flatten markup; return (normalised text, source start per char, source end per char)."""
    norm, starts, ends = _pass(text, None, None, _NORM_RE, _latex_handler)
    if fmt == "markdown":
        norm, starts, ends = _pass(norm, starts, ends, _MD_RE, _md_handler)
        norm = _pdf_artefacts(norm)
    return norm, starts, ends


# PDF-to-text artefacts that statcheck also reads, in Markdown and plain text only (never in
# LaTeX, where the author typed every character): the letter l for the digit 1 in degrees of
# freedom, F(l, 76); stray symbols where a minus sign was lost, t(28) = %^&2.20. Both edits keep
# the text's length, so every position still maps back.
_L_FOR_ONE = lazyre.compile(r"(?<=[tFrQ]\()\s*l(?=\s*[,)])|(?<=F\(\d, )l(?=\))|(?<=F\(\d\d, )l(?=\))")
_LOST_MINUS = lazyre.compile(r"(?<==)(\s*)([%^&*#@!~]+)(?=\d|\.\d)")


def _pdf_artefacts(text: str) -> str:
    text = _L_FOR_ONE.sub(lambda m: m.group().replace("l", "1"), text)
    if any(c in text for c in "%^&*#@!~"):
        text = _LOST_MINUS.sub(lambda m: m.group(1) + " " * (len(m.group(2)) - 1) + "-", text)
    return text


# ============================================================================================
# patterns over the normalised text
# ============================================================================================

_NUM = r"(?:\d+(?:\.\d+)?|\.\d+)"
_DF = r"\d+(?:\.\d+)?"
_NTHOUS = r"\d{1,3}(?:,\d{3})+|\d+"

# The statistic's symbol. The look-behind keeps out \tp, bp, x_t, 2t, t' ...
_LETTER = r"""
(?<![\w\\^_.'’/-])
(?:
    (?P<chi>χ\s*(?:_\s*\(?(?P<cdf>\d+(?:\.\d+)?)\)?\s*)?\^\s*2
      | χ\s*2 | χ(?=\s*\()
      | [Cc]hi[- ]?squared?(?:\s+statistic)? | X\^2 | X-squared
      | [Cc]hi\s*(?:\^|_)?\s*2(?=\s*[(\[])      # chi2(28), chi^2(1), chi_2(1): typed without a χ
      | [Xx]2(?=\s*\() )                       # X2(1), x2(1)
  | Q(?P<qtype>[-_ ]?(?:within|between)|[wb](?=\s*[(\[=]))   # meta-analytic Q by type: Qw, Q-between
  | (?P<L>[tFrzZQ])
)
"""

_DFPART = rf"""
(?:
    \s?\(\s*(?:df\s*=\s*)?(?P<d1>{_DF})
        (?:\s*[,;]\s*(?:df\s*=\s*)?(?P<d2>{_DF}))?
        (?:\s*[,;]\s*[Nn]\s*=\s*(?P<nin>{_NTHOUS}))?\s*\)
  | \s?\[\s*(?P<b1>{_DF})(?:\s*[,;]\s*(?P<b2>{_DF}))?\s*\]
  | _\s*(?:(?P<sp>\()\s*)?(?P<s1>{_DF})(?:\s*,\s*(?P<s2>{_DF}))?\s*\)?
)?
"""

_STAT_RE = lazyre.compile(
    _LETTER
    + _DFPART
    + r"""\s*(?P<sop>=|<|>|≤|≥)\s*
    (?P<stat>(?:[-+]\s?)?(?:[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?|""" + _NUM + r"""))
    (?![\w%^]|\.\d)""",
    re.VERBOSE,
)

# R's summary(lm) line
_R_F_RE = lazyre.compile(
    rf"F-statistic:\s*(?P<stat>{_NUM})\s+on\s+(?P<d1>{_DF})\s+and\s+(?P<d2>{_DF})\s+DF"
)

_EXP10 = r"10\s*\^\s*(?:\(\s*[-+]?\s?\d+\s*\)|[-+]?\s?\d+)"
_PVAL = (
    r"[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+|\s*×\s*" + _EXP10 + r")?"
    r"|" + _EXP10
)

_P_HEAD = r"""
(?<![\w\\^_.'’/])
(?P<pl>[pP])(?:'?s)?
(?P<qual>_\s*\(?[A-Za-z][A-Za-z.\-]*\)? | \s?\([A-Z][A-Za-z\-]+\))?
(?P<pword>[- ]?values?\b|[- ]val\b)?
"""

# Every optional group starts with a non-space and owns the spaces after it, so that no two
# whitespace quantifiers are adjacent (which would backtrack cubically over the long runs of
# spaces that blanked comments leave behind).
_P_TAIL = rf"""
\s*
(?:(?P<verb>of|is|was|were|equals|being|reached|remained|at)\b\s*)?
(?:(?P<wop>(?:less|lower|smaller)\s+than(?:\s+or\s+equal\s+to)?
       |below|under
       |(?:greater|larger|higher|more)\s+than(?:\s+or\s+equal\s+to)?
       |above|exceeding|equal\s+to)\s*)?
(?:(?P<sop><|>|≤|≥|=|:)\s*)?
(?:
    (?P<val>{_PVAL})(?P<pct>\s?%)?(?![\w^]|\.\d)
  | (?P<ns>n\.\s?s\.|ns\b|n\.s\b)
)
"""

_P_RE = lazyre.compile(_P_HEAD + _P_TAIL, re.VERBOSE)

_NS_RE = lazyre.compile(r"(?P<ns>n\.\s?s\.|ns\b|n\.s\b|not\s+significant\b)", re.IGNORECASE)

_GAP_ITEM = rf"""
(?:
    [\s,;:(\[&]+
  | (?:and|with|all)\b
  | (?:one|two|1|2)[- ]?(?:tailed|sided)\b
  | (?:\d+\s?%\s*)?C\.?I\.?\s*[=:]?\s*\[[^\]\n]{{0,40}}\]
  | (?![pP](?:[\W_]|$))(?:[A-Za-z\u0370-\u03ff][\w\u0370-\u03ff]*)(?:\s*\^\s*2)?(?:_\w+)?(?:\s*\^\s*2)?
        \s*(?:=|≈)\s*[-+]?{_NUM}%?(?![\w^])
)
"""
_GAP_RE = lazyre.compile(rf"(?:{_GAP_ITEM})*", re.VERBOSE)
_GAP_DF = lazyre.compile(rf"\bdf\s*=\s*(?P<df>{_DF})")
_N_AFTER = lazyre.compile(rf"\s*[,;]\s*[Nn]\s*=\s*(?P<n>{_NTHOUS})(?![\w.]\d)")
_GAP_N = lazyre.compile(rf"(?<![\w\\])[Nn]\s*=\s*(?P<n>{_NTHOUS})(?![\w.]\d)")

_CONTEXT_RE = lazyre.compile(
    r"significan|p-values?|\bp values?\b|statistically|test statistic|\b[tzF]-tests?\b|\bt tests?\b"
    r"|ANOVA|MANOVA|Wilcoxon|Mann[- ]Whitney|Kruskal|Fisher'?s|exact test|Welch|permutation"
    r"|chi-?squared?|χ|log-rank|McNemar|Friedman|binomial test|sign test|Bonferroni|Holm"
    r"|false discovery|\bFDR\b|(?:one|two)[- ](?:tailed|sided)|null hypothes|hypothesis test"
    r"|Cochran|Pearson|Spearman|Kendall",
    re.IGNORECASE,
)
_Q_CONTEXT_RE = lazyre.compile(r"Cochran|heterogeneity|Q[- ]test|\bI\^?2\b", re.IGNORECASE)
_ONE_TAILED_RE = lazyre.compile(
    r"\b(?:one|1)[- ]?(?:tailed|sided)\b|\bdirectional (?:test|hypothes|predict)|\btested directionally\b", re.IGNORECASE
)
_PARA_BREAK = lazyre.compile(r"\n[ \t]*\n")
_ITALIC_BEFORE = lazyre.compile(
    r"(?:\\(?:textit|emph|textsl|mathit)\s*\{\s*|\{\s*\\(?:it|em|sl)\s+|(?<![*\w])\*{1,2}|(?<![_\w])_)$"
)

_CMD_BEFORE = lazyre.compile(r"\\(?:textit|emph|mathit|textsl|mathrm|text|textrm|num)\s*$")
_SCI_TEXT = lazyre.compile(r"[eE×]|\^")
_NOT_P_CONTEXT = lazyre.compile(
    r"probabilit|dropout|\brates?\b|prob\.|fraction|proportion|Bernoulli|binomial\(|parameter",
    re.IGNORECASE,
)

_WOP = {
    "less than": "<", "lower than": "<", "smaller than": "<", "below": "<", "under": "<",
    "greater than": ">", "larger than": ">", "higher than": ">", "more than": ">",
    "above": ">", "exceeding": ">", "equal to": "=",
}


def _wop_to_op(wop: str) -> str:
    w = " ".join(wop.lower().split())
    if w.endswith("or equal to"):
        base = _WOP[w[: -len(" or equal to")]]
        return base + "="
    return _WOP[w]


def _sym_to_op(sym: str) -> str:
    return {"<": "<", ">": ">", "≤": "<=", "≥": ">=", "=": "=", ":": "="}[sym]


@dataclass
class _PMatch:
    start: int          # normalised offsets
    end: int
    op: str
    value: float | None
    text: str | None
    has_word: bool
    pct: bool
    qual: str | None


def _parse_p(m: re.Match) -> _PMatch | None:
    """Interpret a _P_RE match; None when the words do not make a comparison."""
    has_word = bool(m.group("pword"))
    sop = m.group("sop")
    wop = m.group("wop")
    verb = m.group("verb")
    if m.group("ns") is not None:
        if sop not in (None, "=") or wop:
            return None
        return _PMatch(m.start(), m.end(), "ns", None, None, has_word, False, m.group("qual"))
    if wop:
        op = _wop_to_op(wop)
        if sop in ("<", ">", "≤", "≥") and _sym_to_op(sop)[0] != op[0]:
            return None
        if sop in ("≤", "≥"):
            op = _sym_to_op(sop)
    elif sop:
        if sop == ":" and not has_word:
            return None
        op = _sym_to_op(sop)
    elif verb and has_word and verb.strip() in ("of", "is", "was", "were", "equals", "at", "being"):
        op = "="
    else:
        return None
    if verb and not has_word and not wop and verb.strip() not in ("is", "was", "were"):
        # "p of .05" without the word "value" reads oddly: demand the word
        return None
    raw = m.group("val")
    pct = bool(m.group("pct"))
    text = raw.strip().replace(" ", "") + ("%" if pct else "")
    try:
        value, _half = parse_number(text)
    except ValueError:
        return None
    return _PMatch(m.start(), m.end(), op, value, text, has_word, pct, m.group("qual"))


class _Extractor:
    def __init__(self, text: str, fmt: str) -> None:
        self.src = text
        self.fmt = fmt
        self.norm, self.starts, self.ends = normalise(text, fmt)
        self.results: list[ReportedTest] = []
        self.taken: list[tuple[int, int]] = []   # normalised spans already used
        self.test_spans: list[tuple[int, int]] = []

    # -- offsets -------------------------------------------------------------------------
    def o_start(self, i: int) -> int:
        return self.starts[i]

    def o_end(self, j: int) -> int:
        """source end of a normalised half-open span ending at j."""
        return self.ends[j - 1]

    def o_span(self, a: int, b: int) -> tuple[int, int]:
        """Source span of normalised [a, b), widened to balance the braces it cuts through."""
        s, e = self.starts[a], self.ends[b - 1]
        src = self.src
        depth = src.count("{", s, e) - src.count("}", s, e)
        while depth > 0:
            k = e
            while k < len(src) and src[k] in " \t$":
                k += 1
            if k < len(src) and src[k] == "}":
                e = k + 1
                depth -= 1
            else:
                break
        while depth < 0:
            k = s - 1
            while k >= 0 and src[k] in " \t$":
                k -= 1
            if k >= 0 and src[k] == "{":
                s = k
                depth += 1
            else:
                break
        cmd = _CMD_BEFORE.search(src, max(0, s - 24), s)
        if cmd and src[s:s + 1] == "{":
            s = cmd.start()
        return s, e

    def paragraph_window(self, a: int, b: int, before: int, after: int) -> str:
        lo = max(0, a - before)
        hi = min(len(self.norm), b + after)
        pre = self.norm[lo:a]
        post = self.norm[b:hi]
        breaks = list(_PARA_BREAK.finditer(pre))
        if breaks:
            pre = pre[breaks[-1].end():]
        m = _PARA_BREAK.search(post)
        if m:
            post = post[: m.start()]
        return pre + self.norm[a:b] + post

    def one_tailed(self, a: int, b: int) -> bool:
        return bool(_ONE_TAILED_RE.search(self.paragraph_window(a, b, 150, 80)))

    # -- test statistics -----------------------------------------------------------------
    def link_p(self, pos: int) -> tuple[_PMatch | None, int, str]:
        """After a statistic ending at pos: (p match, end of the gap, gap text)."""
        limit = min(len(self.norm), pos + 160)
        g = _GAP_RE.match(self.norm, pos, limit)
        gap_end = g.end() if g else pos
        gap = self.norm[pos:gap_end]
        if "\n\n" in gap or len(gap) > 100:
            return None, pos, ""
        # the gap may have swallowed the separator in front of the p; retry from each
        # whitespace/punctuation boundary is unnecessary because p is never a gap item.
        m = _P_RE.match(self.norm, gap_end, limit)
        if m:
            pm = _parse_p(m)
            if pm is not None:
                return pm, gap_end, gap
        m = _NS_RE.match(self.norm, gap_end, limit)
        if m and gap_end > pos:
            return _PMatch(m.start(), m.end(), "ns", None, None, False, False, None), gap_end, gap
        return None, gap_end, gap

    def scan_tests(self) -> None:
        norm = self.norm
        for m in _STAT_RE.finditer(norm):
            self.consider_stat(m)
        for m in _R_F_RE.finditer(norm):
            if self.overlaps(m.start(), m.end()):
                continue
            self.add_stat_report(
                m.start(), m.end(), "F", float(m.group("d1")), float(m.group("d2")), None,
                m.group("stat"), "=", parens=True,
            )

    def consider_stat(self, m: re.Match) -> None:
        qtype = None
        loose = False
        if m.group("chi") is not None:
            test = "chi2"
            # typed without a χ (chi2, X2, x2): also a variable's name, so only with its p-value
            chi = m.group("chi")
            loose = chi[:1] in "Xx" or (chi[:3].lower() == "chi" and "squ" not in chi.lower())
        elif m.group("qtype") is not None:
            test = "Q"
            qtype = "within" if m.group("qtype").strip("-_ ").lower().startswith("w") else "between"
        else:
            test = {"t": "t", "F": "F", "r": "r", "z": "z", "Z": "z", "Q": "Q"}[m.group("L")]
        d1 = m.group("d1") or m.group("b1") or m.group("s1") or m.group("cdf")
        d2 = m.group("d2") or m.group("b2") or m.group("s2")
        parens = bool(m.group("d1") or m.group("b1") or m.group("sp"))
        subscript_only = bool(m.group("s1")) and not m.group("sp")
        n = m.group("nin")
        stat_text = m.group("stat").replace(" ", "").replace(",", "")  # 2,000.20: a thousands separator
        sop = {"=": "=", "<": "<", ">": ">", "≤": "<", "≥": ">"}[m.group("sop")]
        if test == "F" and subscript_only and d2 is None:
            return  # F_1 = 0.85 is an F1 score
        if test != "F" and d2 is not None:
            raw_df = m.group()[m.start("d1" if m.group("d1") else "b1" if m.group("b1") else "s1") - m.start():
                               m.end("d2" if m.group("d2") else "b2" if m.group("b2") else "s2") - m.start()]
            if re.fullmatch(r"[1-9]\d{0,2},\d{3}", raw_df) and test in ("t", "r", "z"):
                d1, d2 = d1 + d2, None  # t(1,200): a thousands separator (only one df makes sense)
            else:
                return  # t(3, 4) is not a t-test report: two dfs only make sense for F
        self.add_stat_report(
            m.start(), m.end(), test,
            float(d1) if d1 else None, float(d2) if d2 else None,
            float(n.replace(",", "")) if n else None,
            stat_text, sop, parens=parens, q_type=qtype, needs_p=loose,
        )

    def overlaps(self, a: int, b: int) -> bool:
        return any(a < y and x < b for x, y in self.taken)

    def add_stat_report(self, a, b, test, df1, df2, n, stat_text, sop, parens, q_type=None, needs_p=False) -> None:
        if self.overlaps(a, b):
            return
        pm, _gap_end, gap = self.link_p(b)
        if needs_p and pm is None:
            return
        if df1 is None:
            gd = _GAP_DF.search(gap)
            if gd:
                df1 = float(gd.group("df"))
        if n is None:
            gn = _GAP_N.search(gap)
            if gn:
                n = float(gn.group("n").replace(",", ""))
        try:
            stat_value, _ = parse_number(stat_text)
        except ValueError:
            return
        has_p = pm is not None
        # --- is this really a test report? ---
        if not has_p and "." not in stat_text:
            return  # "F(1, 2) = 3" defines a function; reports print decimals
        if test == "z" and not has_p:
            return
        if test == "t" and df1 is None and not has_p:
            return
        if test == "r":
            if abs(stat_value) > 1 and not has_p:
                return
            if df1 is None and not has_p:
                return
        if test == "chi2" and df1 is None and not has_p:
            return
        if test == "F":
            if df2 is None and not has_p:
                return
            if df2 is None and df1 is not None and not parens and not has_p:
                return
        if test == "Q":
            if df1 is None and not has_p:
                return
            if not has_p and not _Q_CONTEXT_RE.search(self.paragraph_window(a, b, 200, 80)):
                return
        if has_p and pm.op != "ns" and pm.value is not None and pm.value > 1 and df1 is None:
            return  # "z = 3, p = 2": no degrees of freedom and an impossible p -- not a report
        if (
            has_p
            and df1 is None
            and test in ("t", "r")
            and pm.op != "ns"
            and not (pm.value is not None and pm.value <= 0.2)
            and not self.p_context(pm.start, pm.end)
        ):
            return  # "t = 1, p = 0.5" may be a time step and a probability
        if df1 is not None and df1 <= 0:
            return
        if test == "F" and df2 is not None and df2 <= 0:
            return
        end = pm.end if has_p else b
        if has_p and n is None:
            # a sample size right after the p: ", N = 40"
            nm = _N_AFTER.match(self.norm, end, min(len(self.norm), end + 30))
            if nm:
                n = float(nm.group("n").replace(",", ""))
        span = self.o_span(a, end)
        pspan = self.o_span(pm.start, pm.end) if has_p else (None, None)
        report = ReportedTest(
            start=span[0],
            end=span[1],
            test=test,
            df1=df1,
            df2=df2,
            stat=stat_value,
            stat_text=stat_text,
            stat_op=sop,
            p_op=pm.op if has_p else None,
            p=pm.value if has_p else None,
            p_text=pm.text if has_p else None,
            p_start=pspan[0],
            p_end=pspan[1],
            n=n,
            one_tailed=self.one_tailed(a, end),
            qualifier=pm.qual if has_p else None,
            q_type=q_type,
        )
        self.results.append(report)
        self.taken.append((a, end))
        self.test_spans.append((a, end))

    # -- bare p-values ---------------------------------------------------------------------
    def p_context(self, a: int, b: int) -> bool:
        window = self.paragraph_window(a, b, 200, 60)
        # do not let the p itself count as "p-value" wording
        return bool(_CONTEXT_RE.search(window.replace(self.norm[a:b], " ")))

    def italic_p(self, a: int) -> bool:
        src_start = self.o_start(a)
        before = self.src[max(0, src_start - 12):src_start]
        return bool(_ITALIC_BEFORE.search(before))

    def near_test(self, a: int) -> bool:
        return any(0 <= a - y <= 200 and "\n\n" not in self.norm[y:a] for _, y in self.test_spans)

    def scan_bare(self) -> None:
        for m in _P_RE.finditer(self.norm):
            if self.overlaps(m.start(), m.end()):
                continue
            pm = _parse_p(m)
            if pm is None or pm.op == "ns" or pm.value is None:
                continue
            if not self.accept_bare(pm, m):
                continue
            a = pm.start
            s, e = self.o_span(a, pm.end)
            self.results.append(ReportedTest(
                start=s, end=e, test=None, df1=None, df2=None,
                stat=None, stat_text=None, stat_op=None, p_op=pm.op, p=pm.value,
                p_text=pm.text, p_start=s, p_end=e, n=None,
                one_tailed=self.one_tailed(a, pm.end),
                qualifier=pm.qual,
            ))
            self.taken.append((a, pm.end))

    def accept_bare(self, pm: _PMatch, m: re.Match) -> bool:
        v = pm.value
        if pm.has_word:                                         # rule 1
            return True
        in_unit = 0.0 <= v <= 1.0
        if self.italic_p(pm.start) and in_unit:                 # rule 2
            return True
        chained = bool(re.search(r"[<>≤≥]\s*$", self.norm[max(0, pm.start - 4):pm.start]))
        if pm.op in ("<", ">", "<=", ">=") and 0.0 < v <= 0.1 and not chained:  # rule 3
            return True
        if _NOT_P_CONTEXT.search(self.norm[max(0, pm.start - 40):pm.start]):
            return False                                        # veto of rules 4 and 5
        if in_unit and (self.p_context(pm.start, pm.end) or self.near_test(pm.start)):  # rule 4
            return True
        return bool(                                             # rule 5
            pm.op == "="
            and pm.text
            and (pm.text.startswith(".") or _SCI_TEXT.search(pm.text))
            and 0.0 <= v <= 0.1
            and not chained
        )

    def run(self) -> list[ReportedTest]:
        if not re.search(r"[pPtFrzZQχ]", self.norm):
            return []
        self.scan_tests()
        self.scan_bare()
        return sorted(self.results, key=lambda r: (r.start, r.end))


# ============================================================================================
# the pre-filter: normalise only the paragraphs that can hold a report
# ============================================================================================
#
# Normalising costs about a microsecond per character (one Python call per markup token), so a
# 400 KB paper full of math would take a third of a second.  Every report starts with a
# statistic letter or a p that stands alone (not x_t, not ^{t}, not part of a word or a
# command), followed by a little markup, degrees of freedom or the words "value"/"of"/"is",
# a comparison and, soon after, a digit.  This raw-text pattern is a superset of what the
# patterns above accept after normalisation; the chi-square and R forms are found by plain
# substring search.  Each candidate is widened to its whole paragraph (blank line to blank
# line, at most _WINDOW characters each way: every context look-up above stays inside a
# paragraph and within 200 characters), overlapping windows are merged, and only those are
# normalised.  tests/test_stats_extract.py checks that the result equals a whole-text run.

_PRE_OPS = (
    r"(?:[=<>≤≥≦≧⩽⩾:]|\\(?:[lg]eq?|[lg]t|leqslant|geqslant|leqq|geqq|textless|textgreater)(?![A-Za-z])"
    r"|&(?:lt|gt|le|ge);"
    r"|\s(?:less|lower|smaller|greater|larger|higher|more|below|under|above|exceeding|equal|equals"
    r"|of|is|was|were|being|reached|remained|at)\b)"
)
_PRE_CMDS = (
    r"\\(?:textit|emph|mathit|mathrm|text|textrm|textnormal|mathnormal|it|em|rm|sl|bf|textbf|mathbf|bm"
    r"|boldsymbol|textsubscript|textsuperscript|num|mbox|hbox|left|right|big|Big|bigl|bigr|displaystyle"
    r"|textstyle|textsl|textup|operatorname|mathsf|textsf|ensuremath|quad|qquad|[,;:! ])(?![A-Za-z])"
)
_PRE_JUNK = (
    r"(?>\{[A-Za-z.\- ]{1,12}\}|[ \t\n{}$*~\u00a0]|" + _PRE_CMDS
    + r"|\([^()\n]{0,40}\)|\[[^\]\n]{0,24}\]|_\{?[A-Za-z.\-]{1,12}\}?|_|[- ]?values?\b|[- ]val\b"
    + r"|['’]?s\b|-|[0-9.,]+|<sub>[A-Za-z.\-]{1,12}</sub>|</?(?:em|i|b|strong|sub|sup)>)"
)
_PRE_P_TAIL = (
    r"(?:['’]?s)?(?![A-Za-z0-9])" + _PRE_JUNK + r"{0,12}?" + _PRE_OPS
    + r"[^\n\d]{0,30}+(?P<pnum>\d+(?:\.\d+)?)(?P<pafter>[^\n]{0,14})"
)
# a statistic: degrees of freedom are numbers (no letter subscripts), the comparison is a
# symbol and the number follows at once
_PRE_STAT_JUNK = (
    r"(?>[ \t\n{}$*~\u00a0]|" + _PRE_CMDS
    + r"|\([^()\n]{0,40}\)|\[[^\]\n]{0,24}\]|_|[0-9.,]+|</?(?:em|i|b|strong|sub|sup)>)"
)
_PRE_STAT_TAIL = (
    r"(?![A-Za-z0-9])" + _PRE_STAT_JUNK + r"{0,12}?"
    r"(?:[=<>≤≥≦≧⩽⩾]|\\(?:[lg]eq?|[lg]t|leqslant|geqslant|leqq|geqq|textless|textgreater)(?![A-Za-z])|&(?:lt|gt|le|ge);)"
    r"(?>[\s${}~+\-−]|\\[A-Za-z]+|\\[,;:! ]|&minus;)*\.?\d"
)
# one pass: the letter first (so that the scan skips ahead on a character set), then the
# look-behinds that keep out words, commands, x_t and x^{t}, then the tail for p or statistic
_PRE_RE = lazyre.compile(
    r"[pPtFrzZQ](?<![A-Za-z0-9\\^][pPtFrzZQ])(?<![A-Za-z0-9}]_[pPtFrzZQ])(?<![\^_]\{[pPtFrzZQ])"
    r"(?:(?<=[pP])" + _PRE_P_TAIL + r"|(?<=[tFrzZQ])" + _PRE_STAT_TAIL + r")"
)
_PRE_LITERALS = ("\\chi", "χ", "&chi;", "F-statistic")
_PRE_X2 = lazyre.compile(r"X\s*(?:\^\s*\{?\s*2|²)")
_PRE_SQUARED = lazyre.compile(r"(?:[Cc]hi[- ]?|X-)squ")
_PARA_RAW = lazyre.compile(r"\n[ \t]*\n")
_WINDOW = 1500


_PRE_SCALED = lazyre.compile(r"\s*(?:\\?%|\\times|×|\\cdot|·|[eE]\s*[-−]|\^)")


# Lower-case substrings, one in every alternative of _CONTEXT_RE: a cheap superset test.
_CONTEXT_KEYS = (
    "signific", "value", "statistic", "test", "anova", "wilcoxon", "whitney", "kruskal", "fisher", "welch",
    "permutation", "chi", "χ", "log-rank", "mcnemar", "friedman", "bonferroni", "holm", "discovery", "fdr",
    "tailed", "sided", "hypothes", "cochran", "pearson", "spearman", "kendall",
)


def _bare_p_value_class(text: str, m: re.Match) -> str:
    """'yes', 'no' or 'context': could the extractor accept this p on its own (rules 1-5)?

    Without the word "value", a bare p needs a value in [0, 1]; above .1 (or 0 and 1) it also
    needs italics, or testing words or a test statistic in its paragraph ('context').
    """
    if "val" in m.group().lower():
        return "yes"                                  # rule 1: any value
    digits = m.group("pnum")
    if m.start("pnum") > 0 and text[m.start("pnum") - 1] == ".":
        digits = "0." + digits                        # ".036"
    if _PRE_SCALED.match(m.group("pafter")):
        return "yes"                                  # 5%, 3 \times 10^{-4}, 3e-4, 10^{-3}
    try:
        v = float(digits)
    except ValueError:
        return "yes"
    if v > 1.0:
        return "no"
    if 0.0 < v <= 0.1:
        return "yes"                                  # rules 3 and 5
    a = m.start()
    if _ITALIC_BEFORE.search(text[max(0, a - 12):a]):
        return "yes"                                  # rule 2
    return "context"                                  # rule 4


def _candidate_positions(text: str) -> list[int]:
    pos: list[int] = []
    need_context: list[int] = []
    for m in _PRE_RE.finditer(text):
        if m.group("pnum") is None:
            pos.append(m.start())                     # a statistic
            continue
        kind = _bare_p_value_class(text, m)
        if kind == "yes":
            pos.append(m.start())
        elif kind == "context":
            need_context.append(m.start())
    for lit in _PRE_LITERALS:
        i = text.find(lit)
        while i != -1:
            pos.append(i)
            i = text.find(lit, i + 1)
    if "X" in text:
        pos.extend(m.start() for m in _PRE_X2.finditer(text))
    i = text.find("squ")
    while i != -1:                    # "chi-square", "Chi squared", "X-squared" (R)
        m = _PRE_SQUARED.search(text, max(0, i - 4), i + 3)
        if m:
            pos.append(m.start())
        i = text.find("squ", i + 3)
    if need_context:
        anchors = sorted(pos)
        for a in need_context:
            lo, hi = max(0, a - _WINDOW), a + 400
            i = bisect.bisect_left(anchors, lo)
            if i < len(anchors) and anchors[i] < hi:
                pos.append(a)                          # a test statistic nearby
                continue
            low = text[lo:hi].lower()
            if any(k in low for k in _CONTEXT_KEYS):
                pos.append(a)
    pos.sort()
    return pos


def candidate_windows(text: str) -> list[tuple[int, int]]:
    """Merged [start, end) spans of ``text`` (whole paragraphs) that may hold a report."""
    windows: list[list[int]] = []
    n = len(text)
    for p in _candidate_positions(text):
        if windows and p < windows[-1][1]:
            continue
        lo = max(0, p - _WINDOW)
        start = lo
        for m in _PARA_RAW.finditer(text, lo, p):
            start = m.end()
        if start == lo and lo > 0:
            nl = text.find("\n", lo, p)   # no paragraph break: start on a line boundary
            start = nl + 1 if nl != -1 else lo
        hi = min(n, p + _WINDOW)
        m = _PARA_RAW.search(text, p, hi)
        end = m.start() if m else hi
        if not m and hi < n:
            nl = text.rfind("\n", p, hi)
            end = nl if nl > p else hi
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    return [(a, b) for a, b in windows]


def _shift(r: ReportedTest, d: int) -> ReportedTest:
    if not d:
        return r
    return replace(
        r, start=r.start + d, end=r.end + d,
        p_start=None if r.p_start is None else r.p_start + d,
        p_end=None if r.p_end is None else r.p_end + d,
    )


def extract_tests(text: str, fmt: str = "latex", *, prefilter: bool = True) -> list[ReportedTest]:
    """All reported tests and bare p-values in ``text`` (raw source, comments blanked).

    ``fmt`` is ``"latex"`` or ``"markdown"``; Markdown also gets LaTeX math handling.
    Results are ordered by position; offsets index into ``text``.  With ``prefilter`` (the
    default) only the paragraphs that can hold a report are normalised; the result is the
    same as a whole-text run, several times faster on long papers.
    """
    if fmt not in ("latex", "markdown", "md", "tex"):
        raise ValueError(f"unknown format {fmt!r}")
    fmt = "markdown" if fmt in ("markdown", "md") else "latex"
    if not prefilter:
        return _Extractor(text, fmt).run()
    out: list[ReportedTest] = []
    for a, b in candidate_windows(text):
        out.extend(_shift(r, a) for r in _Extractor(text[a:b], fmt).run())
    return out
