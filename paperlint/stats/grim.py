"""GRIM and GRIMMER: means and standard deviations that integer data of size n cannot produce.

GRIM (Brown & Heathers 2017, "The GRIM Test", Social Psychological and Personality Science
8(4):363-369): the mean of n integers is S/n for an integer sum S, so a mean reported to d
decimals exists only if some S/n rounds to it. With a scale of k averaged items the grain is
1/(n*k). The test can only fail when n*k < 10^d.

GRIMMER (Anaya 2016, "The GRIMMER test", PeerJ Preprints 4:e2400v1; the analytic form of
Allard 2018): the sum of squares Q of n integers is an integer with the parity of their sum
S (x*x and x are both even or both odd), so the sample SD sqrt((Q - S^2/n)/(n-1)) reported
to d decimals must round from some such Q. Only for single-item integer data.

Both rounding directions at the half are accepted (a reported 2.35 may come from 2.345
rounded either way), and a summary is only judged where the draft says its measure is
granular: a k-point or Likert item, a rating on an integer scale, or a scale of k items.
"""
from __future__ import annotations

from .. import lazyre
import math
import re
from ..records import dataclass

from .extract import normalise

__all__ = ["Summary", "grim_consistent", "grimmer_consistent", "find_summaries"]


def _bounds(text: str) -> tuple[Fraction, Fraction, int]:
    """The interval a reported decimal can be rounded from (both ends included), and its decimals."""
    from fractions import Fraction   # imported when used: fractions brings decimal (3 ms)

    value = Fraction(text)
    decimals = len(text.split(".", 1)[1]) if "." in text else 0
    half = Fraction(1, 2 * 10 ** decimals)
    return value - half, value + half, decimals


def grim_sums(mean_text: str, grain: int, scale: int = 1) -> range:
    """Integer sums S (over `grain` units) whose mean S/grain, times `scale` (100 for a
    percentage), rounds to the reported value."""
    lo, hi, _ = _bounds(mean_text)
    return range(math.ceil(lo * grain / scale), math.floor(hi * grain / scale) + 1)


def grim_testable(mean_text: str, grain: int) -> bool:
    """The test can fail: the grain is coarser than the reported precision."""
    _, _, decimals = _bounds(mean_text)
    return 0 < grain < 10 ** decimals


def grim_consistent(mean_text: str, grain: int) -> bool:
    return bool(grim_sums(mean_text, grain))


def grimmer_consistent(mean_text: str, sd_text: str, n: int) -> bool:
    """Some integer data of size n has this mean and this SD (sample or population form)."""
    from fractions import Fraction   # imported when used: fractions brings decimal (3 ms)

    if n < 2:
        return True
    slo, shi, _ = _bounds(sd_text)
    slo = max(slo, Fraction(0))
    for s in grim_sums(mean_text, n):
        for denom in (n - 1, n):  # the sample SD, and the population SD some software prints
            qlo = denom * slo * slo + Fraction(s * s, n)
            qhi = denom * shi * shi + Fraction(s * s, n)
            q = math.ceil(qlo)
            if q % 2 != s % 2:
                q += 1
            if q <= qhi and q * n >= s * s:
                return True
    return False


# ------------------------------------------------------------------------------------------
# summaries in the draft
# ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Summary:
    start: int                 # offsets in the raw text of the file
    end: int
    kind: str                  # 'mean' or 'percent'
    value_text: str            # as reported: "3.48", "35.0"
    sd_text: str | None
    n: int
    items: int                 # averaged items (1 for a single item)
    cue: str                   # why the measure is granular: "7-point Likert", "5-item scale"
    sd_start: int | None = None
    sd_end: int | None = None

    @property
    def grain(self) -> int:
        return self.n * self.items if self.kind == "mean" else self.n

    def grim(self) -> bool | None:
        """True consistent, False impossible, None when the test cannot fail here."""
        if self.kind == "percent":
            _, _, decimals = _bounds(self.value_text)
            if self.n >= 10 ** (decimals + 2):
                return None
            counts = grim_sums(self.value_text, self.n, scale=100)
            return max(counts.start, 0) <= min(counts.stop - 1, self.n)  # a whole count of the group
        if not grim_testable(self.value_text, self.grain):
            return None
        return grim_consistent(self.value_text, self.grain)

    def nearest(self) -> list[str]:
        """The possible values nearest to the reported one, at its precision."""
        from fractions import Fraction   # imported when used: fractions brings decimal (3 ms)

        value = Fraction(self.value_text)
        _, _, decimals = _bounds(self.value_text)
        g = self.grain
        scale = 100 if self.kind == "percent" else 1
        below = math.floor(value * g / scale) * Fraction(scale, g)
        above = math.ceil(value * g / scale) * Fraction(scale, g)
        return [f"{float(x):.{decimals}f}" for x in sorted({below, above})]

    def grimmer(self) -> bool | None:
        if self.kind != "mean" or self.sd_text is None or self.items != 1:
            return None
        if self.grim() is False:
            return None  # GRIM already says so
        _, _, decimals = _bounds(self.sd_text)
        if self.n >= 10 ** decimals * 10:  # a fine grain: nothing to learn (and the search grows)
            return None
        return grimmer_consistent(self.value_text, self.sd_text, self.n)


_NUMBER = r"\d+\.\d+"
_MEAN_RE = lazyre.compile(
    rf"(?<![\w\\])(?:M|Mean|mean|average|avg\.?)(?:\s*(?:=|:|of|was|were|is|score\s+of))?\s*(?P<m>{_NUMBER})(?![\d.])"
    rf"(?:\s*(?:\)|,|;|\(|and|with|\s)\s*(?:SD|s\.d\.|std|standard deviation)(?:\s*(?:=|:|of|was))?\s*(?P<sd>{_NUMBER})(?![\d.]))?"
)
_PERCENT_RE = lazyre.compile(
    r"(?<![\w.])(?P<m>\d+(?:\.\d+)?)\s?%\s+of\s+(?:the\s+|our\s+|all\s+)?(?P<n>\d+)\s+(?:\w+\s+)?"
    r"(?P<who>participants|subjects|students|respondents|patients|children|people|users|workers|raters|annotators|teachers|adults|men|women)\b"
)
_N_RE = lazyre.compile(r"(?<![\w\\])[nN]\s*=\s*(?P<n>\d+)(?![\d.,]\d)")
_GROUP_N_RE = lazyre.compile(
    r"(?<![\w.,])(?P<n>\d+)\s+(?:\w+\s+)?(?:participants|subjects|students|respondents|patients|children|people|users|workers|raters|annotators)\b")
_SCALE_RE = lazyre.compile(
    r"(?P<k>\d+|five|seven|nine|ten|three|four|six|eleven)[- ]point(?:\s+Likert)?(?:[- ](?:type\s+)?)?\s*(?:scale|item|rating|response)"
    r"|\bLikert\b|\brating(?:s)?\s+(?:on|from)\s+(?:a\s+)?(?:scale\s+(?:of|from)\s+)?\d+\s*(?:to|-|–)\s*\d+\b",
    re.IGNORECASE,
)
_ITEMS_RE = lazyre.compile(
    r"(?P<k>\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)[- ]items?\b(?:\s+(?:scale|questionnaire|measure|subscale|inventory))?"
    r"|\bscale\s+of\s+(?P<k2>\d+|two|three|four|five|six|seven|eight|nine|ten)\s+items\b",
    re.IGNORECASE,
)
#: the measure is continuous: never judged
_CONTINUOUS = lazyre.compile(
    r"\b(?:milliseconds?|seconds|minutes|hours|years|months|days|accuracy|F1|BLEU|ROUGE|AUC|loss|perplexity"
    r"|reaction\s+times?|response\s+times?|RTs?|latency|durations?|ages?|aged|BMI|income|weight|height|temperature|distance)\b",
    re.IGNORECASE,
)
#: a unit right after the number
_UNIT_AFTER = lazyre.compile(r"\s*(?:%|ms|msec|s|sec|min|h|kg|g|cm|mm|m|km|Hz|kHz|dB|years?|yrs?|months?|days?|°)(?![\w])")
_WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}
_SENTENCE_END = lazyre.compile(r"(?<=[.!?])\s+(?=[A-Z(\\])|\n\s*\n")


def _int(word: str) -> int:
    return _WORD_NUMBERS.get(word.lower(), None) or int(word)


def _sentence(text: str, a: int, b: int) -> tuple[int, int]:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, max(0, a - 600), a)]
    s = starts[-1] if starts else max(0, a - 600)
    m = _SENTENCE_END.search(text, b, min(len(text), b + 600))
    return s, (m.start() if m else min(len(text), b + 600))


def _paragraph(text: str, a: int, b: int) -> tuple[int, int]:
    s = text.rfind("\n\n", 0, a)
    e = text.find("\n\n", b)
    return (0 if s == -1 else s), (len(text) if e == -1 else e)


#: a raw paragraph that may hold a summary: a digit and a mean's or a percentage's marker
_RAW_CUE = lazyre.compile(r"(?<![A-Za-z])M(?![A-Za-z])|[Mm]ean|average|avg|%")
_LONE_M = lazyre.compile(r"(?<![A-Za-z])M(?![A-Za-z])")
_DIGIT = lazyre.compile(r"\d")


def _has_cue(text: str, pos: int, end: int) -> bool:
    """``_RAW_CUE.search(text, pos, end)``, by plain substring searches first (the pattern has no
    literal prefix, so the matcher tries every position: about 4 ms on a 157 KB paper)."""
    find = text.find
    for literal in ("%", "mean", "Mean", "average", "avg"):
        if find(literal, pos, end) >= 0:
            return True
    return find("M", pos, end) >= 0 and bool(_LONE_M.search(text, pos, end))


def _has_digit(text: str, pos: int, end: int) -> bool:
    """``any(c.isdigit() for c in text[pos:end])`` (a decimal digit is found by \\d; other
    digits such as superscripts only by isdigit)."""
    return bool(_DIGIT.search(text, pos, end)) or any(c.isdigit() for c in text[pos:end])


def find_summaries(text: str, fmt: str = "latex") -> list[Summary]:
    """Means (with their SD) and percentages of a stated group that GRIM and GRIMMER can judge.

    Summaries never cross a paragraph, so only the paragraphs with a digit and a mean's or a
    percentage's marker are normalised (normalising a whole 400 KB paper costs about 0.1 s)."""
    out: list[Summary] = []
    pos = 0
    while pos < len(text):
        brk = text.find("\n\n", pos)
        end = len(text) if brk == -1 else brk
        if _has_cue(text, pos, end) and _has_digit(text, pos, end):
            _find_in(text[pos:end], fmt, pos, out)
        pos = end + 2
    out.sort(key=lambda s: s.start)
    return out


def _find_in(text: str, fmt: str, base: int, out: list[Summary]) -> None:
    """The summaries of one paragraph whose raw text starts at `base`."""
    norm, raw_starts, raw_ends = normalise(text, fmt)
    starts = [x + base for x in raw_starts]
    ends = [x + base for x in raw_ends]
    for m in _PERCENT_RE.finditer(norm):
        out.append(Summary(starts[m.start()], ends[m.end() - 1], "percent", m.group("m"), None, int(m.group("n")), 1, "a count of " + m.group("who")))
    for m in _MEAN_RE.finditer(norm):
        s0, s1 = _sentence(norm, m.start(), m.end())
        sentence = norm[s0:s1]
        if _CONTINUOUS.search(sentence) or _UNIT_AFTER.match(norm, m.end("sd") if m.group("sd") else m.end()) \
                or _UNIT_AFTER.match(norm, m.end("m")):
            continue
        ns = {int(x.group("n")) for x in _N_RE.finditer(sentence)} | {int(x.group("n")) for x in _GROUP_N_RE.finditer(sentence)}
        if len(ns) != 1:
            continue  # no n, or several groups: which n goes with this mean is not sure
        n = ns.pop()
        p0, p1 = _paragraph(norm, m.start(), m.end())
        para = norm[p0:p1]
        # the granular measure: named in the mean's sentence, else the last time before it in the paragraph
        scale = _SCALE_RE.search(sentence)
        if scale is None:
            before = list(_SCALE_RE.finditer(norm, p0, m.start()))
            scale = before[-1] if before else _SCALE_RE.search(para)
        if scale is None:
            continue
        # the item count: in the mean's sentence, else the last one stated before it in the paragraph
        items_m = _ITEMS_RE.search(sentence)
        if items_m is None:
            before = list(_ITEMS_RE.finditer(norm, p0, m.start()))
            items_m = before[-1] if before else None
        items = 1
        cue = " ".join(scale.group().split())
        if items_m is not None:
            items = _int(items_m.group("k") or items_m.group("k2"))
            cue += f"; {items} items"
        if n <= 0 or items <= 0:
            continue
        sd = m.group("sd")
        out.append(Summary(starts[m.start()], ends[m.end() - 1], "mean", m.group("m"), sd, n, items, cue,
                           starts[m.start("sd")] if sd else None, ends[m.end("sd") - 1] if sd else None))
