"""EV108: an effect size that its own test cannot give.

An effect size printed beside a t or F test is, for the common measures, a function of the
statistic and its degrees of freedom. Where that function is exact the reported size must lie
in the range the rounded statistic allows; where the design decides which function applies
(paired or independent groups, partial or not), only the bound that holds for *every* design
is used, so that a reader's ambiguity never becomes an alarm.

- r from t (or from F with one numerator df): r = t / sqrt(t^2 + df), exact (Rosenthal 1991,
  "Meta-Analytic Procedures for Social Research", eq. 2.16).
- partial eta squared from F: F*df1 / (F*df1 + df2), exact, also for sphericity-corrected
  dfs (the correction scales both). Cohen's f and f^2 follow from it.
- eta squared, generalised eta squared, omega squared and partial omega squared are never
  larger than partial eta squared: only a larger value is flagged.
- Cohen's d and Hedges' g from t (Lakens 2013, "Calculating and reporting effect sizes to
  facilitate cumulative science", Frontiers in Psychology 4:863, eqs. 2 and 7):
  between groups d = t*sqrt(1/n1 + 1/n2), smallest for equal groups (2t/sqrt(N)) and at most
  t*sqrt(1 + 1/(N-1)) for the most unequal split; within subjects d_z = t/sqrt(n), while d_av
  and d_rm depend on the unreported correlation and can be anything up to 2t/sqrt(n).
  So with no design stated only a d larger than every design allows is flagged; a d smaller
  than the equal-groups value is flagged only when the sentence says the groups are
  independent and names no covariate; with both group sizes given (n1 + n2 = df + 2) the
  exact value is used; d_z is exact. Hedges' g is d times J = 1 - 3/(4 df - 1), and either
  correction is accepted under either name. Welch's fractional df gives no design-free
  bound, so a fractional df is not judged for d or g.
"""
from __future__ import annotations

from .. import lazyre
import bisect
import math
import re
from ..records import dataclass

from .check import stat_range
from .extract import normalise, printed_interval
from .extract import _GAP_RE  # the separators the extractor allows between a statistic and its p

__all__ = ["Effect", "find_effects", "implied_range"]

_VALUE = r"(?P<v>[-−]?\s?(?:\d*\.\d+))(?![\w^]|\.\d)"
_APOS = r"(?:\\?'|’)?s?"
_SQUARED = r"(?:\s*\^\s*\{?\s*2\s*\}?|²|2)"
_SUB_P = r"(?:\s*_\s*\{?\s*(?P<NAME>[pPG]|partial)\s*\}?|(?P<NAME2>[pPG]))"
_EFFECT_RE = lazyre.compile(
    rf"""
    (?<![\w\\])
    (?:
        (?P<partial>partial\s+)?(?P<eta>\\eta|η|eta)
            (?:{_SQUARED}(?:{_SUB_P.replace('NAME', 'es1')})?|{_SUB_P.replace('NAME', 'es2')}{_SQUARED})
      | (?P<opartial>partial\s+)?(?P<omega>\\omega|ω|omega)
            (?:{_SQUARED}(?:{_SUB_P.replace('NAME', 'os1')})?|{_SUB_P.replace('NAME', 'os2')}{_SQUARED})
      | (?:Cohen{_APOS}\s+)?(?P<d>d)(?:\s*_\s*\{{?\s*(?P<dsub>z|s|av|rm|unb)\s*\}}?)?
      | (?:Hedges{_APOS}\s+)?(?P<g>g)(?:\s*_\s*\{{?\s*(?P<gsub>s|av|rm)\s*\}}?)?
      | (?P<r>r)(?![\w(\[])
      | (?:Cohen{_APOS}\s+)?(?P<f>f)(?P<fsq>{_SQUARED})?
    )
    \s*(?:=|:)\s*{_VALUE}
    """,
    re.VERBOSE,
)

_BETWEEN = lazyre.compile(
    r"\b(?:independent[- ]samples?|two[- ]samples?|unpaired|between[- ](?:subjects?|participants?|groups?)|Student'?s\s+t)\b",
    re.IGNORECASE)
_NO_LOWER_BOUND = lazyre.compile(
    r"\b(?:paired|within[- ](?:subjects?|participants?)|repeated[- ]measures?|dependent|one[- ]sample|pre[- ]?post|matched"
    r"|Welch|Glass|ANCOVA|covariates?|adjusted|controlling|mixed[- ]effects?|multilevel|regression|model)\b",
    re.IGNORECASE)
_GROUP_SIZES = lazyre.compile(
    r"(?<![\w\\])n\s*_?\s*\{?\s*1\s*\}?\s*=\s*(?P<n1>\d+)\s*[,;]?\s*(?:and\s+)?n\s*_?\s*\{?\s*2\s*\}?\s*=\s*(?P<n2>\d+)(?![\d.])")


@dataclass(frozen=True)
class Effect:
    start: int                 # raw offsets of "d = 0.83"
    end: int
    kind: str                  # 'd', 'dz', 'g', 'r', 'eta2p', 'eta2', 'omega2', 'f', 'f2'
    label: str                 # as printed, flattened: "d", "η^2_p"
    value_text: str
    test: object               # the FoundTest it belongs to
    design: str                # 'between', 'any' (no lower bound) or 'unknown'
    groups: tuple[int, int] | None = None

    def implied(self) -> tuple[float, float, str] | None:
        return implied_range(self.kind, self.test.test, self.design, self.groups)

    def verdict(self) -> bool | None:
        """True consistent, False outside every conversion, None not judged."""
        rng = self.implied()
        if rng is None:
            return None
        lo, hi, _ = rng
        a, b = printed_interval(self.value_text)
        vlo, vhi = (0.0, max(-a, b)) if a < 0 < b else sorted((abs(a), abs(b)))
        return not (vlo > hi + 1e-12 or vhi < lo - 1e-12)


def _df_interval(df: float) -> tuple[float, float]:
    """A df as printed: an integer is exact, a decimal df has its rounding."""
    if float(df).is_integer():
        return df, df
    text = f"{df:.6f}".rstrip("0")
    half = 0.5 * 10 ** -len(text.split(".")[1])
    return df - half, df + half


def _stat_interval(test) -> tuple[float, float] | None:
    return stat_range(test) if test.stat_text is not None and test.stat_op in ("=", None) else None


def _hedges_j(df: float) -> float:
    return 1 - 3 / (4 * df - 1) if df > 1 else 1.0


def implied_range(kind: str, test, design: str = "unknown", groups: tuple[int, int] | None = None):
    """(lowest, highest, how) the effect size can be given the test, or None when not judged."""
    st = _stat_interval(test)
    if st is None:
        return None
    slo, shi = st
    if test.test == "F":
        if test.df1 is None or test.df2 is None:
            return None
        d1lo, d1hi = _df_interval(test.df1)
        d2lo, d2hi = _df_interval(test.df2)
        if kind in ("eta2p", "eta2", "omega2", "f", "f2"):
            def eta(F, d1, d2):
                return F * d1 / (F * d1 + d2) if F * d1 + d2 > 0 else 0.0
            elo, ehi = eta(slo, d1lo, d2hi), eta(shi, d1hi, d2lo)
            if kind == "eta2p":
                return elo, ehi, "partial eta squared = F*df1 / (F*df1 + df2)"
            if kind == "f2":
                return 0.0, shi * d1hi / d2lo, "Cohen's f^2 is at most F*df1 / df2"
            if kind == "f":
                return 0.0, math.sqrt(shi * d1hi / d2lo), "Cohen's f is at most sqrt(F*df1 / df2)"
            return 0.0, ehi, "never more than partial eta squared, F*df1 / (F*df1 + df2)"
        if test.df1 != 1:
            return None
        slo, shi = math.sqrt(slo), math.sqrt(shi)
        df = test.df2
    elif test.test == "t":
        df = test.df1
    else:
        return None
    if df is None or df <= 0:
        return None
    dflo, dfhi = _df_interval(df)
    if kind == "r":
        return slo / math.sqrt(slo * slo + dfhi), shi / math.sqrt(shi * shi + dflo), "r = t / sqrt(t^2 + df)"
    if kind not in ("d", "g", "dz"):
        return None
    if not float(df).is_integer():
        return None  # Welch: no design-free bound
    jlo = _hedges_j(df)
    if kind == "dz":
        return jlo * slo / math.sqrt(df + 1), shi / math.sqrt(df + 1), "d_z = t / sqrt(n), n = df + 1"
    if groups is not None:
        n1, n2 = groups
        k = math.sqrt(1 / n1 + 1 / n2)
        cands = [k, 2 / math.sqrt(df), 2 / math.sqrt(df + 2)]
        return jlo * slo * min(cands), shi * max(cands), f"d = t*sqrt(1/n1 + 1/n2) with n1 = {n1}, n2 = {n2}"
    upper = shi * max(math.sqrt(1 + 1 / (df + 1)), 2 / math.sqrt(df + 1))
    if design == "between":
        return jlo * slo * 2 / math.sqrt(df + 2), upper, "between groups, d is at least 2t / sqrt(N) (equal groups)"
    return 0.0, upper, "no design gives a d above t*sqrt(1 + 1/(N-1))"


def _kind(m: re.Match) -> str:
    if m.group("eta"):
        sub = (m.group("es1") or m.group("es12") or m.group("es2") or m.group("es22") or "").lower()
        if m.group("partial") or sub in ("p", "partial"):
            return "eta2p"
        return "eta2"  # plain or generalised: both at most the partial value
    if m.group("omega"):
        return "omega2"
    if m.group("d"):
        return "dz" if m.group("dsub") == "z" else "d"
    if m.group("g"):
        return "g"
    if m.group("r"):
        return "r"
    return "f2" if m.group("fsq") else "f"


def find_effects(text: str, tests, fmt: str = "latex", sentence_of=None, normalised=None) -> list[Effect]:
    """Effect sizes printed inside or right after a reported t or F test.

    ``tests`` are the file's FoundTests; ``sentence_of(found)`` gives the raw sentence around
    one (for the design cues); ``normalised()``, when given, returns ``normalise(text, fmt)``
    (computed once for the file by the caller)."""
    candidates = [f for f in tests if f.test.test in ("t", "F") and f.test.stat_text]
    if not candidates:
        return []
    norm, starts, ends = normalised() if normalised else normalise(text, fmt)
    out: list[Effect] = []
    taken: set[int] = set()
    for found in candidates:
        t = found.test
        a = bisect.bisect_left(starts, found.src.start)
        b = bisect.bisect_left(starts, found.src.end)
        window_end = min(len(norm), b + 120)
        last = b
        for m in _EFFECT_RE.finditer(norm, a, window_end):
            if m.start() >= last and not _GAP_RE.fullmatch(norm, last, m.start()):
                break  # other words come between the report and this number
            last = max(last, m.end())
            if m.start() in taken:
                continue
            kind = _kind(m)
            if kind in ("f", "f2") and t.test != "F":
                continue
            taken.add(m.start())
            sentence = sentence_of(found) if sentence_of else ""
            groups = None
            gm = _GROUP_SIZES.search(normalise(sentence, fmt)[0]) if sentence else None
            if gm and t.test == "t" and t.df1 is not None and int(gm.group("n1")) + int(gm.group("n2")) == t.df1 + 2:
                groups = (int(gm.group("n1")), int(gm.group("n2")))
            design = "any" if _NO_LOWER_BOUND.search(sentence) else ("between" if _BETWEEN.search(sentence) else "unknown")
            label = " ".join(m.group()[: m.start("v") - m.start()].rstrip(" =:").split())
            out.append(Effect(starts[m.start()], ends[m.end("v") - 1], kind, label, m.group("v"), found, design, groups))
    return out
