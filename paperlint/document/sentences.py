"""Fast sentence splitting for the prose view of scientific drafts.

The splitter is pure Python and driven by one regular expression plus a small
decision function, so it costs nothing at import time (spaCy's blank pipeline
costs about a second to import) and runs at several MB/s.

It works on the *prose view* (see ``document/model.py``), where inline math is
``X``, citations are ``[1]``, references are ``1`` and TeX quotes are curly.

How a boundary is decided
-------------------------
1. Two newlines (a blank line, possibly with spaces) always end a sentence.
   A single newline is only a source line break and counts as a space.
2. A *candidate* is a run of ``.``, ``?``, ``!`` or ``…``, optionally followed
   by closing quotes or brackets, and then by whitespace.  A full stop that is
   directly followed by a letter, digit or comma (``3.14``, ``data.csv``,
   ``v1.2``, ``e.g.,``, ``https://x.org``) is never a candidate.
3. ``?`` and ``!`` always split, even before a lowercase word, except inside
   a closing bracket or quote followed by a lowercase word
   (``results (surprisingly!) improve``, ``the question “Why?” from``).
4. An ellipsis splits only before an uppercase letter.
5. For a full stop the token before it (``w``) and the token after it decide:

   * period inside a closing quote or bracket (``“oracle.” We``): split unless
     the next token starts lowercase or with ``,;:``;
   * period after a closing bracket or quote (``[1]. We``, ``(2019). Our``,
     ``(see Table 1). Next``): split unless the next token starts with ``,;:``;
   * known abbreviations that precede a number or a name (``Fig.``, ``Eq.``,
     ``Sec.``, ``e.g.``, ``i.e.``, ``cf.``, ``vs.``, ``Dr.``, ``pp.``, …):
     never split;
   * abbreviations that may also end a sentence (``et al.``, ``etc.``,
     ``resp.``, ``Inc.``, ``U.S.``, ``i.i.d.``, ``No.``, months, …): split only
     before a word that typically opens a sentence (``The``, ``We``,
     ``However``, … see ``_STARTERS``); ``et al.`` and ``etc.`` also split before
     any capitalised word, but never before ``[1]``, ``(2019)`` or a digit;
   * a single capital letter is an initial (``J. Smith``, ``A. N. Other``),
     except ``X`` (masked math, always a real word), or when a sentence-opening
     word follows (``the language R. Thus``), or when it is a label
     (``Appendix B. Results``);
   * a number (``95%``, ``.05``, ``3.2``) splits before an uppercase letter,
     a digit or a bracket, except a list number (``1.``) that opens a
     segment or follows a colon;
   * any other word (including ``X``, acronyms, URLs and file names) splits
     before an uppercase letter, digit, opening bracket/quote or symbol.
     Before a *lowercase* word it splits only when ``w`` looks like a real
     word: alphabetic, at least four letters, and not a known abbreviation
     (``in Python. numpy is`` splits; ``approx. the``, ``Proc. of``,
     ``X. where`` do not).  Evidence: in the 21 corpus drafts every full stop
     followed by a lowercase word was an abbreviation of at most four letters
     (``i.e.``, ``e.g.``, ``w.r.t.``, ``vs.``, ``incl.``, ``inv.``, ``Conf.``),
     except one real sentence end (``… a small probability. ii) in the
     stochastic setting …``), which this rule splits.

Offsets are character offsets into the original string; each sentence is
trimmed of surrounding whitespace and the sentences cover every non-space
character of ``text[start:end]``.
"""

from __future__ import annotations

from .. import lazyre
import re

__all__ = ["split_sentences"]

_CLOSE_CHARS = "\"'”’»)]}"
_OPEN_CHARS = "\"'“‘«([{"
_TERM_CHARS = ".!?…"

# A terminal run, optional closers, then whitespace or the end of the range.
# A detached closing curly quote ("learning. ” Next") still belongs to it.
# (The look-behind after the first character keeps a long run of dots linear
# and lets the engine scan quickly for the first character.)
_CANDIDATE = lazyre.compile(r"[.!?…](?<![.!?…].)[.!?…]*[\"'”’»)\]}]*(?:[ \t]+[”’»][\"'”’»)\]}]*)?(?=\s|\Z)")
# Paragraph break: two newlines with only horizontal whitespace between.
_PARA_BREAK = lazyre.compile(r"\n[^\S\n]*\n\s*")
_NEXT = lazyre.compile(r"\s+(\S+)")
_NUMBER = lazyre.compile(r"[-+−]?(?=[.,]*\d)[\d.,]+%?\Z")
_LIST_NUMBER = lazyre.compile(r"\d{1,2}\Z")
_LEAD_WORD = lazyre.compile(r"[A-Za-z]+")
_DOTTED = lazyre.compile(r"(?:[A-Za-z]{1,3}\.)+[A-Za-z]{1,3}\Z")
_ALPHA_WORD = lazyre.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*\Z")

# Never split after these (they precede a number, a name or a clause).
# Matched case-insensitively.
_NEVER_CI = frozenset(
    """
    e.g eg i.e ie cf c.f viz vs v.s w.r.t wrt a.k.a
    fig figs eq eqs eqn eqns sect secs thm thms lem lemm defn prop cor
    alg algs algo appx chap ch pp ref refs tab tabs ex exs obs rem conj asm assump
    approx appr ca cca dr drs prof mr mrs ms mme mlle
    """.split()
)
# Never split after these, matched case-sensitively ("sec." and "app." are
# also ordinary lowercase words: "in 5 sec.", "an app.").
_NEVER_CS = frozenset("Sec Secs App Def Ch Chap".split())

# May end a sentence: split only before a sentence-opening word.  Matched
# case-insensitively.
_AMBIGUOUS = frozenset(
    """
    al etc resp resp.t inc ltd co corp jr sr bros st mt ave
    no nos vol vols ed eds ser op loc cit ibid
    jan feb mar apr jun jul aug sep sept oct nov dec
    univ dept inst proc conf trans natl nat intl int acad sci phys rev lett appl
    mater chem biol med eng comput stat math res soc assoc symp
    avg std max min var est esp incl excl const diag equiv coeff cont orig
    prev repr suppl supp abbr govt misc sec sq ver v vv p ps
    """.split()
)
_SPLIT_BEFORE_ANY_CAPITAL = frozenset({"al", "etc"})

# Words that typically open a sentence in scientific prose.  Deliberately
# function words and discourse markers only: surnames such as "Do", "Long",
# "Way" or "White" follow initials in real drafts.
_STARTERS = frozenset(
    """
    The This That These Those There Then Thus Therefore Hence Here However
    We Our Us It Its In On At For From To By With Without As After Before
    During Since Although Though While When Whenever Where Whereas Which What
    Whether How Why Who If Unlike Moreover Furthermore Additionally Also
    Consequently Finally First Firstly Second Secondly Third Thirdly Next
    Such Each Every All Both Many Most Some Several Other Others Another One Two
    Three Not Note Let Given Using Similarly Specifically Instead Indeed
    Overall Importantly Notably Interestingly Unfortunately Fortunately
    Clearly Recently Previously Traditionally Typically Generally Only
    They Their He She His Her You Your An Any Because Despite Under Over
    Between Among Following Based Compared Recall Suppose Assume Consider
    Define Further Yet But And Or Nevertheless Nonetheless Still Even Again
    Later Earlier Prior Accordingly Alternatively Conversely Likewise
    Meanwhile Otherwise Subsequently Ultimately Lastly Specifically Below
    Above Figure Figures Table Tables Section Sections Appendix Equation
    Theorem Lemma Results Experiments Details Code Data Further Beyond
    Within Whilst Nor Neither No None Both Either
    """.split()
)

# Nouns after which a single capital letter is a label, not an initial.
_LABEL_NOUNS = frozenset(
    """
    appendix appendices section part table figure fig type class model case
    step phase group condition method algorithm option plan stage chromosome
    vitamin level grade experiment study task set dataset variant version
    scenario setting strategy category component factor hypothesis question
    rule theorem lemma corollary example exercise problem chapter box panel
    protocol cohort arm site region block team player agent user participant
    subject node point letter language matrix vector grammar
    """.split()
)

# Kinds of the token after a candidate.
_LOWER, _UPPER, _DIGIT, _OPEN, _CONT, _OTHER = range(6)
_CONT_CHARS = ",;:)]}%"


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into sentences.

    Returns ``(start, end)`` character offsets into ``text``, in order,
    trimmed of surrounding whitespace, covering every non-space character of
    the range.
    """
    n = len(text)
    if end is None or end > n:
        end = n
    if start < 0:
        start = 0
    out: list[tuple[int, int]] = []
    if start >= end:
        return out
    pos = start
    for pm in _PARA_BREAK.finditer(text, start, end):
        _split_block(text, pos, pm.start(), out)
        pos = pm.end()
    _split_block(text, pos, end, out)
    return out


def _emit(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    chunk = text[s:e]
    stripped = chunk.lstrip()
    if not stripped:
        return
    s += len(chunk) - len(stripped)
    out.append((s, s + len(stripped.rstrip())))


def _split_block(text: str, bstart: int, bend: int, out: list[tuple[int, int]]) -> None:
    seg = bstart
    next_match = _NEXT.match
    for m in _CANDIDATE.finditer(text, bstart, bend):
        cut = m.end()
        nm = next_match(text, cut, bend)
        if nm is None:
            break
        if _is_boundary(text, bstart, seg, m, nm.group(1)):
            _emit(text, seg, cut, out)
            seg = nm.start(1)
    _emit(text, seg, bend, out)


def _kind(tok: str) -> int:
    c = tok[0]
    if c in _OPEN_CHARS:
        inner = tok.lstrip(_OPEN_CHARS)
        if not inner:
            return _OTHER  # a detached quote
        if inner[0].islower():
            return _OPEN if c in "([" else _LOWER
        return _OPEN
    if c.islower():
        return _LOWER
    if c.isupper():
        return _UPPER
    if c.isdigit():
        return _DIGIT
    if c in _CONT_CHARS:
        return _CONT
    if c in _TERM_CHARS:  # ". . ." or ".05"
        return _DIGIT if tok[1:2].isdigit() else _CONT
    return _OTHER


def _is_starter(tok: str) -> bool:
    m = _LEAD_WORD.match(tok)
    if m is None:
        return False
    word = m.group()
    if len(word) == 1 and tok[1:2] == ".":
        return False  # an initial such as "A."
    return word in _STARTERS


def _token_before(text: str, bstart: int, i: int) -> tuple[str, int]:
    """The non-space run ending at ``i`` (possibly empty) and its start."""
    lo = i - 40 if i - 40 > bstart else bstart
    while True:
        chunk = text[lo:i]
        if not chunk or chunk[-1].isspace():
            return "", i
        parts = chunk.rsplit(None, 1)
        if len(parts) == 2 or lo == bstart:
            return parts[-1], i - len(parts[-1])
        lo = max(bstart, i - 2 * (i - lo))


def _prev_word(text: str, bstart: int, tstart: int) -> str:
    chunk = text[max(bstart, tstart - 40) : tstart].rstrip()
    if not chunk:
        return ""
    return chunk.rsplit(None, 1)[-1]


def _is_boundary(text: str, bstart: int, seg: int, m: re.Match, nxt: str) -> bool:
    group = m.group()
    term = group.rstrip(_CLOSE_CHARS + " \t")
    close = len(group) - len(term)
    nk = _kind(nxt)

    if "?" in term or "!" in term:
        return not (nk == _LOWER and close)  # "(surprisingly!) improve", "“Why?” asked"
    if nk == _CONT:
        return False
    if "…" in term or ".." in term:
        return nk == _UPPER or (nk == _OPEN and nxt.lstrip(_OPEN_CHARS)[:1].isupper())

    # A full stop.
    if close:  # the stop sits inside a closing quote or bracket
        return nk != _LOWER

    core0, tstart = _token_before(text, bstart, m.start())
    core = core0.lstrip(_OPEN_CHARS)
    if core0 and core0[-1] in _CLOSE_CHARS:  # "[1]." "(2019)." "(see Table 1)."
        return True
    if not core:  # " . " stray stop
        return nk != _LOWER

    if _NUMBER.match(core):
        if nk == _LOWER:
            return False
        if _LIST_NUMBER.match(core) and core0 == core:
            before = text[bstart:tstart].rstrip()
            if tstart <= seg or not before or before[-1] == ":":
                return False  # "1. First item", "steps: 1. Collect"
        return True

    key = core.lower()
    # "word—etc." / "and/or e.g." look at the last part.
    if key not in _NEVER_CI and key not in _AMBIGUOUS:
        for sep in "—–/":
            if sep in key and not key.startswith(("http", "www")):
                tail = key.rsplit(sep, 1)[-1]
                if tail:
                    key = tail
                    core = core.rsplit(sep, 1)[-1]
    if core in _NEVER_CS:
        return False
    if key in _NEVER_CI and not (len(core) > 1 and core.isupper()):
        return False
    if key in _AMBIGUOUS or key in _NEVER_CI:  # all-caps "VS." may be an acronym
        if _is_starter(nxt):
            return True
        if key in _SPLIT_BEFORE_ANY_CAPITAL and nk == _UPPER:
            return True
        return False

    if len(core) == 1 and core.isalpha():
        if core == "X":  # masked math
            return nk != _LOWER
        if nk == _LOWER:
            return False
        prev = _prev_word(text, bstart, tstart) if core.isupper() else ""
        if len(prev) == 2 and prev[1] == "." and prev[0].isupper():
            return False  # a chain of initials: "A. N. Other"
        if _is_starter(nxt):
            return True  # "the language R. Thus, ..."
        return prev.lower().lstrip(_OPEN_CHARS) in _LABEL_NOUNS  # "Appendix B. Results"

    if "." in core and _DOTTED.match(core) and "/" not in core and "@" not in core:
        # Unknown dotted abbreviation: U.S, Ph.D, i.i.d, a.s, s.t
        return _is_starter(nxt)

    if nk == _LOWER:
        return len(key) >= 4 and _ALPHA_WORD.match(core) is not None
    return True
