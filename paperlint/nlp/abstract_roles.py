"""Sentence roles in an abstract: a small linear-chain CRF plus cue phrases.

What it does
------------
``classify(sentences)`` labels each sentence of an abstract twice:

* ``label``: one of CSAbstruct's five classes (background, objective, method, result,
  other), decoded jointly for the whole abstract by Viterbi over a linear-chain CRF;
* ``role``: one of paperlint's six roles (context, gap, contribution, detail, evidence,
  implication), i.e. the shape the AB101 check compares against: context first, then the gap,
  the contribution, details and evidence with a number, and a closing implication.

CSAbstruct has no "gap" and no "implication" class, so those two roles come from cue phrases
on top of the CRF label. The mapping (``_role``), in order:

* a sentence among the last two that points to released code or data (``RELEASE_CUES``):
  implication, whatever its label;
* objective: contribution. Until a contribution has been seen, a background or method
  sentence with a contribution cue ("we propose", "in this paper", ``CONTRIBUTION_CUES``) is
  the contribution too: CSAbstruct's annotators labelled most "We propose ..." sentences
  method;
* background: gap with a gap cue (``GAP_CUES``: "however", "little is known", "lack of" ...);
  a background sentence that opens with "We" is the contribution (or a detail once one was
  seen); otherwise context;
* method: evidence when it reports a finding (``FINDING_CUES``: "outperforms", "results
  show") or a concrete number with an outcome word (``OUTCOME_CUES``: "improves", "faster");
  otherwise detail;
* result: implication with an implication cue (``IMPLICATION_CUES``: "suggest", "enables",
  "should" ...) in the last two sentences; otherwise evidence;
* other: implication with an implication cue or as the last sentence; otherwise detail.

``confidence`` is the CRF's marginal probability (forward-backward) of the chosen CSAbstruct
label; ``cues`` are the phrases that decided the role.

The model
---------
The weights in ``paperlint/models/abstract_roles.bin`` were trained by
``scripts/train_abstract_roles.py`` on CSAbstruct:

    Arman Cohan, Iz Beltagy, Daniel King, Bhavana Dalvi and Dan Weld. "Pretrained Language
    Models for Sequential Sentence Classification". EMNLP 2019.
    https://github.com/allenai/sequential_sentence_classification (Apache License 2.0).

Only the learned weights ship; no CSAbstruct text is included in the package.

The runtime uses the Python standard library only (no numpy), so that a cold run pays a few
milliseconds for loading and classifying. Features are hashed with CRC-32 into a fixed table;
the same ``sentence_features`` function is used by the training script, so training and
runtime cannot drift apart.

Model file format (all integers little-endian)::

    magic   4 bytes  b"PLAR"
    version u16      1
    nbits   u8       hash table has 2**nbits rows
    nlabels u8       K
    labels  K times: u8 length + ASCII name
    scale   f32      emission weight = int8 value * scale
    start   K   x f32   score of the first label
    end     K   x f32   score of the last label
    trans   K*K x f32   row = previous label, column = next label
    clen    u32      length of the compressed block that follows
    block   zlib(int8[K * 2**nbits])   emission weights, one plane of 2**nbits per label

Command line
------------
``python -m paperlint.nlp.abstract_roles evaluate --data DIR [--split test]`` prints
macro-F1, accuracy and per-class scores on CSAbstruct's own labels, and the time per abstract.
``python -m paperlint.nlp.abstract_roles classify`` reads one sentence per line from stdin.
"""

from __future__ import annotations

from .. import lazyre
import math
import re
import struct
import sys
import zlib
from ..records import dataclass

__all__ = [
    "CONTRIBUTION_CUES",
    "FINDING_CUES",
    "GAP_CUES",
    "IMPLICATION_CUES",
    "LABELS",
    "OUTCOME_CUES",
    "RELEASE_CUES",
    "ROLES",
    "RoleResult",
    "classify",
    "sentence_features",
]

LABELS = ("background", "objective", "method", "result", "other")
ROLES = ("context", "gap", "contribution", "detail", "evidence", "implication")

# ---------------------------------------------------------------------------------------------
# Cue phrases (data). Matched as whole words on the lower-cased sentence, punctuation ignored;
# an entry ending in "*" lets its last word continue ("limitation*" matches "limitations").
# ---------------------------------------------------------------------------------------------

# A background sentence with one of these states a need, a problem or an open question: role
# "gap". Checked against CSAbstruct background sentences read by hand: broad words such as
# "problem", "issue" or "requires" fired on plain context ("we consider the problem of ..."),
# so they are left out or only kept in a narrower phrase.
GAP_CUES: tuple[str, ...] = (
    # contrast with what came before
    "however",
    "but",
    "yet",
    "although",
    "despite",
    "nevertheless",
    "nonetheless",
    "unfortunately",
    "still",
    # something is not known or not done
    "remains unsolved",
    "remain unsolved",
    "remains elusive",
    "remains an open",
    "unclear",
    "unknown",
    "not known",
    "open question*",
    "open problem*",
    "poorly",
    "not well understood",
    "little is known",
    "little attention",
    "less attention",
    "little work",
    "few studies",
    "few works",
    "unexplored",
    "underexplored",
    "under-explored",
    "overlooked",
    "neglected",
    "has not been",
    "have not been",
    "had not been",
    "has yet to",
    "have yet to",
    "not yet",
    "no prior",
    "no existing",
    "rarely",
    # something is missing, hard or failing
    "lack",
    "lacks",
    "lacking",
    "lack of",
    "in the absence of",
    "challenge",
    "challenges",
    "challenging",
    "limited",
    "limitation*",
    "limits",
    "fail",
    "fails",
    "failed",
    "failing",
    "difficult",
    "difficulty",
    "difficulties",
    "hard to",
    "hard because",
    "is hard",
    "are hard",
    "remains hard",
    "costly",
    "expensive",
    "time-consuming",
    "labor-intensive",
    "labour-intensive",
    "bottleneck*",
    "problematic",
    "drawback*",
    "shortcoming*",
    "weakness*",
    "suffer*",
    "struggle*",
    "insufficient",
    "inadequate",
    "unreliable",
    "impractical",
    "intractable",
    "prohibitive*",
    "restricts",
    "restricted",
    "hinder*",
    "hamper*",
    "obstacle*",
    "barrier*",
    "vulnerable",
    "error-prone",
    "black art",
    "fallen out of use",
    # a need
    "need for",
    "needs to",
    "need to",
    "a need",
    "there is a need",
    "demand for",
    "is needed",
    "are needed",
    "it is unclear",
    "whether",
)

# A result (or "other") sentence with one of these draws a consequence, states the standard
# of evidence or points to released artefacts: role "implication". Words that also open
# plain result reports ("demonstrate that", "our results", "potential", "insights") fired on
# evidence sentences and are only kept in narrower phrases.
IMPLICATION_CUES: tuple[str, ...] = (
    "suggest",
    "suggests",
    "suggesting",
    "enable",
    "enables",
    "enabling",
    "implication*",
    "implies",
    "imply",
    "should",
    "opens the way",
    "open the way",
    "opens up",
    "open up",
    "opens the door",
    "open the door",
    "paves the way",
    "pave the way",
    "paving the way",
    "step toward*",
    "steps toward*",
    "progress toward*",
    "first step",
    "future work",
    "future research",
    "future direction*",
    "further research",
    "promising direction*",
    "promising avenue*",
    "we hope",
    "we believe",
    "we argue",
    "we conclude that",
    "we envision",
    "we expect",
    "we anticipate",
    "highlight*",
    "underscore*",
    "call for",
    "calls for",
    "practitioners",
    "in practice",
    "more broadly",
    "broader",
    "broadly applicable",
    "general applicability",
    "can be used",
    "could be used",
    "may be used",
    "can be applied",
    "could be applied",
    "useful for",
    "can help",
    "could help",
    "may help",
    "will help",
    "contribute to",
    "benefit",
    "benefits",
    "benefit from",
    "potentially",
    "has the potential",
    "have the potential",
    "great potential",
    "insight into",
    "insights into",
    "new insight*",
    "lessons",
    "we recommend",
    "recommendations for",
    "best practice*",
    "evidence that",
    "evidence for",
    "making it",
    "ready-to-use",
)

# CSAbstruct's annotators often labelled the sentence that announces the paper's aim or
# method ("We propose ...", "In this paper ...") as method or even background rather than
# objective. A background or method sentence with one of these cues is the contribution when
# no earlier sentence already stated one.
CONTRIBUTION_CUES: tuple[str, ...] = (
    "we propose",
    "we introduce",
    "we present",
    "we develop",
    "we design",
    "we put forward",
    "we address",
    "we tackle",
    "we study",
    "we investigate",
    "we explore",
    "we examine",
    "we aim",
    "our aim",
    "our goal",
    "our contribution*",
    "our main contribution*",
    "in this paper",
    "in this work",
    "in this article",
    "in this study",
    "in this note",
    "in this thesis",
    "this paper",
    "this work",
    "this article",
    "this study",
    "this note",
    "this thesis",
    "here we",
    "here, we",
    "the aim of this",
    "the goal of this",
    "the purpose of this",
    "the objective of this",
)

# A method sentence with one of these reports an outcome, number or not: role "evidence".
FINDING_CUES: tuple[str, ...] = (
    "outperform*",
    "experiments show",
    "experiments demonstrate",
    "experimental results",
    "results show",
    "results demonstrate",
    "results indicate",
    "we find that",
    "we found that",
    "we observe that",
    "state-of-the-art performance",
    "state-of-the-art results",
)

# A method sentence that reports a concrete number together with one of these outcome words
# is evidence too (CSAbstruct labels many such sentences "method").
OUTCOME_CUES: tuple[str, ...] = (
    "outperform*",
    "improv*",
    "reduc*",
    "increas*",
    "decreas*",
    "achiev*",
    "attain*",
    "reach*",
    "match*",
    "surpass*",
    "exceed*",
    "beat*",
    "boost*",
    "gain*",
    "speed-up",
    "speedup",
    "faster",
    "slower",
    "better",
    "worse",
    "higher",
    "lower",
    "fewer",
    "less",
    "smaller",
    "larger",
    "more accurate",
    "we find",
    "we found",
    "we observe",
    "we show",
    "show that",
    "shows that",
    "results in",
    "resulting in",
    "leads to",
    "compared with",
    "compared to",
    "relative to",
    "over the",
)

# Pointers to released code, data or tools: an implication wherever they sit in the last two
# sentences, whatever the CRF label.
RELEASE_CUES: tuple[str, ...] = (
    "we release",
    "we publicly release",
    "we make our",
    "we make all",
    "we make the code",
    "we make the data",
    "we open-source",
    "we open source",
    "is released",
    "are released",
    "will be released",
    "released as",
    "publicly available",
    "freely available",
    "openly available",
    "is available",
    "are available",
    "will be available",
    "will be made available",
    "made available",
    "available at",
    "available online",
    "open-source",
    "open source",
    "source code",
    "our code",
    "code and data",
    "code and models",
    "github",
)


_WORD_RE = lazyre.compile(r"[a-z0-9]+(?:['\u2019-][a-z0-9]+)*")


class _CueSet:
    """Whole-word phrase matcher for one cue list.

    A cue is a sequence of words; a final ``*`` lets the last word continue ("limitation*"
    matches "limitations"). Punctuation between words is ignored ("here, we" = "here we").
    Matching is a dictionary lookup per word position, which is cheaper to build than one large
    regular expression (that compile alone cost ~10 ms per process) and as fast to run.
    """

    __slots__ = ("exact", "heads", "lengths", "prefix")

    def __init__(self, cues: tuple[str, ...]) -> None:
        self.exact: dict[tuple[str, ...], str] = {}
        prefix: dict[tuple[str, ...], list[str]] = {}
        for cue in cues:
            words = tuple(_WORD_RE.findall(cue.lower()))
            if not words:
                continue
            if cue.rstrip().endswith("*"):
                prefix.setdefault(words[:-1], []).append(words[-1])
            else:
                self.exact[words] = " ".join(words)
        self.prefix = {head: tuple(lasts) for head, lasts in prefix.items()}
        self.lengths = sorted({len(w) for w in self.exact}, reverse=True)
        self.heads = sorted({len(h) for h in self.prefix}, reverse=True)

    def find(self, words: list[str]) -> tuple[str, ...]:
        """The cues found in ``words`` (lower-cased word tokens), in order, without repeats."""
        found: list[str] = []
        exact, prefix = self.exact, self.prefix
        n = len(words)
        for i in range(n):
            for length in self.lengths:
                if i + length <= n:
                    cue = exact.get(tuple(words[i : i + length]))
                    if cue is not None and cue not in found:
                        found.append(cue)
            for h in self.heads:
                if i + h < n:
                    lasts = prefix.get(tuple(words[i : i + h]))
                    if lasts is not None and words[i + h].startswith(lasts):
                        cue = " ".join(words[i : i + h + 1])
                        if cue not in found:
                            found.append(cue)
        return tuple(found)


_GAP = _CueSet(GAP_CUES)
_IMPLICATION = _CueSet(IMPLICATION_CUES)
_RELEASE = _CueSet(RELEASE_CUES)
_CONTRIBUTION = _CueSet(CONTRIBUTION_CUES)
_OUTCOME = _CueSet(OUTCOME_CUES)
_FINDING = _CueSet(FINDING_CUES)

# ---------------------------------------------------------------------------------------------
# Tokens and features
# ---------------------------------------------------------------------------------------------

# paperlint's prose view turns \cite into "[1]", inline math into "X" and \ref into "1".
_CITE_RE = lazyre.compile(r"\[\s*\d+(?:\s*[,;\u2013-]\s*\d+)*\s*\]")
_MATH_RE = lazyre.compile(r"(?<![\w-])X(?![\w-])")
_REF_RE = lazyre.compile(
    r"\b(tables?|figures?|figs?\.?|sections?|secs?\.?|sect\.|eqs?\.?|equations?|appendix|"
    r"appendices|theorems?|thms?\.?|lemmas?|corollary|propositions?|definitions?|chapters?|"
    r"algorithms?|alg\.|lines?|steps?)\s*~?\(?\s*\d+(?:\.\d+)*\)?",
    re.IGNORECASE,
)
_TOKEN_RE = lazyre.compile(
    r"\d+(?:[.,]\d+)*\s?(?:%|percent\b|per cent\b)"
    r"|\d+(?:\.\d+)?\s?[x\u00d7](?![a-z])"
    r"|\d+(?:[.,]\d+)*"
    r"|[a-z]+(?:['\u2019-][a-z0-9]+)*"
    r"|[?:;()]"
)
_DIGIT_RE = lazyre.compile(r"\d")
_PCT_RE = lazyre.compile(r"%|percent|per cent")
_FACTOR_RE = lazyre.compile(r"[x\u00d7]$")
_YEAR_RE = lazyre.compile(r"(?:19|20)\d\d$")
_PLACEHOLDERS = {"xcitex": "<cite>", "xmathx": "<math>", "xrefx": "<ref>"}
_NUMBER_CLASSES = ("<num>", "<dec>", "<pct>", "<factor>")
_CONCRETE = frozenset(_NUMBER_CLASSES)


def tokenize(sentence: str) -> list[str]:
    """Lower-cased word tokens with numbers and paperlint placeholders normalised.

    Numbers become ``<num>``, ``<dec>`` (with a decimal point), ``<pct>``, ``<factor>``
    ("3x") or ``<year>``; a citation ``[1]`` becomes ``<cite>``, the inline-math stand-in
    ``X`` becomes ``<math>``, and a numbered cross-reference ("Table 1") becomes ``<ref>``.
    Punctuation other than ``? : ; ( )`` is dropped.
    """
    s = sentence
    if "[" in s:
        s = _CITE_RE.sub(" xcitex ", s)
    if _DIGIT_RE.search(s):
        s = _REF_RE.sub(r"\1 xrefx ", s)
    if "X" in s:
        s = _MATH_RE.sub(" xmathx ", s)
    out: list[str] = []
    for tok in _TOKEN_RE.findall(s.lower()):
        c = tok[0]
        if "0" <= c <= "9":
            if _PCT_RE.search(tok):
                out.append("<pct>")
            elif _FACTOR_RE.search(tok):
                out.append("<factor>")
            elif "." in tok:
                out.append("<dec>")
            elif _YEAR_RE.match(tok):
                out.append("<year>")
            else:
                out.append("<num>")
        else:
            out.append(_PLACEHOLDERS.get(tok, tok))
    return out


def _length_bucket(n: int) -> str:
    if n < 8:
        return "0"
    if n < 15:
        return "1"
    if n < 25:
        return "2"
    if n < 40:
        return "3"
    return "4"


def _summary(tokens: list[str]) -> tuple[str, str, bool, bool, bool]:
    """First word, first two words, has-number, first-person, this-paper cues."""
    first = tokens[0] if tokens else "<none>"
    first2 = " ".join(tokens[:2]) if tokens else "<none>"
    toks = set(tokens)
    digit = any(t in toks for t in _NUMBER_CLASSES)
    we = bool(toks & {"we", "our", "us", "i"})
    joined = " ".join(tokens[:12])
    this = (
        "this paper" in joined
        or "this work" in joined
        or "this study" in joined
        or "this article" in joined
        or "here we" in joined
    )
    return first, first2, digit, we, this


def sentence_features(sentences: list[str]) -> list[list[str]]:
    """Feature strings for each sentence of one abstract (before hashing).

    Per sentence: its words and word bigrams; its first one and two words; position in the
    abstract (index from the start and from the end, relative fifth, first/last, crossed with
    the abstract's length, the first word, numbers and first-person cues); length bucket;
    whether it has a concrete number, a percentage, "we/our" or "this paper/work"; its offset
    from the first sentence in which the authors speak; and, for each neighbour, the words,
    the first one and two words and the same cue flags.
    """
    n = len(sentences)
    toks = [tokenize(s) for s in sentences]
    summ = [_summary(t) for t in toks]
    uniq = [list(dict.fromkeys(t)) for t in toks]
    nb = "a" if n <= 4 else "b" if n <= 6 else "c" if n <= 8 else "d"
    # Where the authors first speak ("we", "our", "this paper"): objectives cluster there,
    # background before it, methods and results after it.
    first_we = next((j for j, sm in enumerate(summ) if sm[3] or sm[4]), -1)
    feats: list[list[str]] = []
    for i, tokens in enumerate(toks):
        first, first2, digit, we, this = summ[i]
        rel = min(4, (5 * i) // n)
        f = [
            "bias",
            f"pos={min(i, 5)}",
            f"rpos={min(n - 1 - i, 3)}",
            f"rel={rel}",
            f"n={nb}|rel={rel}",
            "len=" + _length_bucket(len(tokens)),
            "fw=" + first,
            "f2=" + first2,
            f"rel={rel}|fw={first}",
        ]
        if i == 0:
            f.append("first")
        if i == n - 1:
            f.append("last")
        if first_we < 0:
            f.append("nowe")
        else:
            d = i - first_we
            f.append("wed=" + (str(d) if -2 <= d <= 2 else "<" if d < 0 else ">"))
        if digit:
            f.append("digit")
            f.append(f"rel={rel}|digit")
        if "<pct>" in tokens:
            f.append("pct")
        if we:
            f.append("we")
            f.append(f"rel={rel}|we")
        if this:
            f.append("thispaper")
            f.append(f"rel={rel}|thispaper")
        f.extend(["w=" + t for t in uniq[i]])
        bigrams = zip(["<s>"] + tokens, tokens + ["</s>"])
        f.extend(dict.fromkeys(["b=" + a + "_" + b for a, b in bigrams]))
        for j, tag in ((i - 1, "p"), (i + 1, "n")):
            if 0 <= j < n:
                pfirst, pfirst2, pdigit, pwe, pthis = summ[j]
                f.append(tag + "fw=" + pfirst)
                f.append(tag + "f2=" + pfirst2)
                if pdigit:
                    f.append(tag + "digit")
                if pwe:
                    f.append(tag + "we")
                if pthis:
                    f.append(tag + "this")
                pre = tag + "w="
                f.extend([pre + t for t in uniq[j]])
            else:
                f.append(tag + "=none")
        feats.append(f)
    return feats


# ---------------------------------------------------------------------------------------------
# Model loading and inference
# ---------------------------------------------------------------------------------------------

_MAGIC = b"PLAR"


class _Model:
    __slots__ = ("end", "labels", "nbits", "planes", "scale", "start", "trans")

    def __init__(self, data: bytes) -> None:
        if data[:4] != _MAGIC:
            raise ValueError("not a paperlint abstract-role model")
        version, nbits, k = struct.unpack_from("<HBB", data, 4)
        if version != 1:
            raise ValueError(f"unsupported abstract-role model version {version}")
        pos = 8
        labels = []
        for _ in range(k):
            ln = data[pos]
            labels.append(data[pos + 1 : pos + 1 + ln].decode("ascii"))
            pos += 1 + ln
        (scale,) = struct.unpack_from("<f", data, pos)
        pos += 4
        start = list(struct.unpack_from(f"<{k}f", data, pos))
        pos += 4 * k
        end = list(struct.unpack_from(f"<{k}f", data, pos))
        pos += 4 * k
        flat = struct.unpack_from(f"<{k * k}f", data, pos)
        pos += 4 * k * k
        (clen,) = struct.unpack_from("<I", data, pos)
        pos += 4
        raw = zlib.decompress(data[pos : pos + clen])
        if len(raw) != (1 << nbits) * k:
            raise ValueError("abstract-role model is truncated")
        self.labels = tuple(labels)
        self.nbits = nbits
        self.scale = scale
        self.start = start
        self.end = end
        self.trans = [list(flat[r * k : (r + 1) * k]) for r in range(k)]
        # One signed-byte view per label: summing a plane over the feature rows runs in C.
        view = memoryview(raw).cast("b")
        size = 1 << nbits
        self.planes = [view[y * size : (y + 1) * size] for y in range(k)]

    def emissions(self, feats: list[list[str]]) -> list[list[float]]:
        mask = (1 << self.nbits) - 1
        crc = zlib.crc32
        encode = str.encode
        scale = self.scale
        planes = self.planes
        rows = []
        for f in feats:
            idx = [h & mask for h in map(crc, map(encode, f))]
            rows.append([sum(map(p.__getitem__, idx)) * scale for p in planes])
        return rows

    def viterbi(self, em: list[list[float]]) -> list[int]:
        k = len(self.labels)
        trans = self.trans
        score = [self.start[y] + em[0][y] for y in range(k)]
        back: list[list[int]] = []
        for t in range(1, len(em)):
            new = []
            ptr = []
            e = em[t]
            for y in range(k):
                best, arg = -math.inf, 0
                for x in range(k):
                    v = score[x] + trans[x][y]
                    if v > best:
                        best, arg = v, x
                new.append(best + e[y])
                ptr.append(arg)
            score = new
            back.append(ptr)
        last = max(range(k), key=lambda y: score[y] + self.end[y])
        path = [last]
        for ptr in reversed(back):
            path.append(ptr[path[-1]])
        path.reverse()
        return path

    def marginals(self, em: list[list[float]]) -> list[list[float]]:
        """Forward-backward in the probability domain with per-step rescaling."""
        k = len(self.labels)
        n = len(em)
        et = [[math.exp(v) for v in row] for row in self.trans]
        # Shift each emission row by its max before exponentiating: cancels in normalisation.
        pe = []
        for row in em:
            m = max(row)
            pe.append([math.exp(v - m) for v in row])
        ps = [math.exp(v - max(self.start)) for v in self.start]
        pend = [math.exp(v - max(self.end)) for v in self.end]
        alpha = []
        a = [ps[y] * pe[0][y] for y in range(k)]
        s = sum(a)
        a = [v / s for v in a]
        alpha.append(a)
        for t in range(1, n):
            e = pe[t]
            a = [e[y] * sum(a[x] * et[x][y] for x in range(k)) for y in range(k)]
            s = sum(a)
            a = [v / s for v in a]
            alpha.append(a)
        b = pend[:]
        s = sum(b)
        b = [v / s for v in b]
        out = [None] * n
        for t in range(n - 1, -1, -1):
            prod = [alpha[t][y] * b[y] for y in range(k)]
            z = sum(prod)
            out[t] = [v / z for v in prod]
            if t:
                e = pe[t]
                nb = [sum(et[x][y] * e[y] * b[y] for y in range(k)) for x in range(k)]
                s = sum(nb)
                b = [v / s for v in nb]
        return out  # type: ignore[return-value]

    def predict(self, sentences: list[str]) -> tuple[list[int], list[list[float]]]:
        em = self.emissions(sentence_features(sentences))
        return self.viterbi(em), self.marginals(em)


_MODEL: _Model | None = None


def _load_model() -> _Model:
    global _MODEL
    if _MODEL is None:
        import os

        beside = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "models", "abstract_roles.bin")
        try:
            with open(beside, "rb") as fh:   # the installed file; importlib.resources costs 2.5 ms to import
                data = fh.read()
        except OSError:
            from importlib.resources import files   # a zipped install

            data = files("paperlint.models").joinpath("abstract_roles.bin").read_bytes()
        _MODEL = _Model(data)
    return _MODEL


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleResult:
    label: str  # CSAbstruct label: background|objective|method|result|other
    role: str  # paperlint role: context|gap|contribution|detail|evidence|implication
    confidence: float  # marginal probability of ``label`` under the CRF, 0..1
    cues: tuple[str, ...]  # cue phrases that influenced the role (may be empty)


def _role(
    label: str, sentence: str, index: int, n: int, contribution_seen: bool
) -> tuple[str, tuple[str, ...]]:
    """paperlint role of one sentence from its CSAbstruct label, cue phrases and position."""
    words = _WORD_RE.findall(sentence.lower())
    near_end = index >= n - 2
    if near_end:
        release = _RELEASE.find(words)
        if release:
            return "implication", release
    if label == "objective":
        return "contribution", ()
    if label in ("background", "method") and not contribution_seen:
        contrib = _CONTRIBUTION.find(words)
        if contrib:
            return "contribution", contrib
    if label == "background":
        gap = _GAP.find(words)
        if gap:
            return "gap", gap
        if words[:1] == ["we"]:
            # CSAbstruct often labels "We consider ..." or "We give ..." as background; for
            # paperlint such a sentence states the work, not the field's context.
            return ("detail", ()) if contribution_seen else ("contribution", ("we",))
        return "context", ()
    if label == "method":
        finding = _FINDING.find(words)
        if finding:
            return "evidence", finding
        if _CONCRETE.intersection(tokenize(sentence)):
            outcome = _OUTCOME.find(words)
            if outcome:
                return "evidence", outcome
        return "detail", ()
    impl = _IMPLICATION.find(words)
    if label == "result":
        if impl and near_end:
            return "implication", impl
        return "evidence", ()
    # "other" (in CSAbstruct mostly closing remarks and boilerplate)
    if impl or index == n - 1:
        return "implication", impl
    return "detail", ()


def classify(sentences: list[str]) -> list[RoleResult]:
    """Label each sentence of an abstract with its CSAbstruct label and paperlint role.

    The role comes from the role head (a multinomial logistic model over the CRF's marginals,
    position and cue features, trained on abstracts of real drafts) when it ships; otherwise,
    and for the cues reported, from the rules in ``_role``.
    """
    sentences = [s if isinstance(s, str) else str(s) for s in sentences]
    if not sentences:
        return []
    model = _load_model()
    path, marg = model.predict(sentences)
    n = len(sentences)
    rules = []
    seen = False
    for i, y in enumerate(path):
        role, cues = _role(model.labels[y], sentences[i], i, n, seen)
        seen = seen or role == "contribution"
        rules.append((role, cues))
    head = _load_head()
    roles = [r for r, _ in rules]
    if head is not None:
        roles = head.predict(role_features(sentences, path, marg, [r for r, _ in rules]), sentences)
    return [RoleResult(model.labels[y], role, round(min(1.0, max(0.0, p[y])), 4), cues)
            for y, p, role, (_r, cues) in zip(path, marg, roles, rules)]


# ---------------------------------------------------------------------------------------------
# The role head: the six roles from the CRF's view of the sentence and cues that real drafts need
# ---------------------------------------------------------------------------------------------

_WE_START = lazyre.compile(r"^\W*(?:we|our|here,?\s+we|in\s+this\s+(?:paper|work|study|article),?\s+we)\b", re.I)
_THIS_WORK = lazyre.compile(r"\b(?:this|the\s+present|our)\s+(?:paper|work|study|article|thesis|letter|report|manuscript)\b", re.I)
_PROPOSE = lazyre.compile(r"\b(?:propose|present|introduce|develop|describe|design|study|investigate|examine|explore|address|consider|derive|report|provide|offer|establish|demonstrate)s?\b", re.I)
_SHOW = lazyre.compile(r"\b(?:show|shows|showed|shown|find|finds|found|reveal|reveals|revealed|demonstrate[sd]?|indicate[sd]?|confirm(?:s|ed)?|observe[sd]?|achieve[sd]?|outperform(?:s|ed)?|improve[sd]?|reduce[sd]?|increase[sd]?|yield(?:s|ed)?|obtain(?:s|ed)?|reach(?:es|ed)?|significantly|results?|accuracy|better|faster|lower|higher)\b", re.I)
_CONTRAST = lazyre.compile(r"\b(?:however|but|yet|although|though|despite|while|whereas|nevertheless|unfortunately|challenge[sd]?|difficult|problem|limitation[s]?|lack[s]?|remain[s]?|unclear|unknown|fail[s]?|cannot|costly|expensive|hard|require[sd]?)\b", re.I)
_FIELD = lazyre.compile(r"\b(?:recent(?:ly)?|widely|increasing(?:ly)?|important|popular|growing|common(?:ly)?|play[s]?\s+an?|essential|fundamental|key|many|has\s+become|have\s+become|are\s+used|is\s+used)\b", re.I)
_MODAL = lazyre.compile(r"\b(?:can|could|may|might|should|would|will|enable[sd]?|allow[s]?|facilitate[sd]?|pave|open[s]?\s+(?:up|the\s+way)|future|potential|promising|implication[s]?|suggest[s]?|useful|available|release[sd]?|code|github|open[- ]source)\b", re.I)
_STEPS = lazyre.compile(r"\b(?:first(?:ly)?|then|next|finally|second(?:ly)?|using|based\s+on|consist[s]?|comprise[s]?|via|through|by\s+\w+ing|we\s+use|we\s+apply|we\s+train|we\s+fit|data\s?sets?|model[s]?|framework|algorithm|method)\b", re.I)
HEAD_ROLES = ROLES


def role_features(sentences: list[str], path: list[int], marg: list[list[float]], rule_roles: list[str]) -> list[list[float]]:
    """Dense features of each sentence for the role head (the training script uses this very function)."""
    n = len(sentences)
    k = len(LABELS)
    out = []
    seen_contribution = False
    for i, s in enumerate(sentences):
        toks = tokenize(s)
        tokset = set(toks)
        rel = i / (n - 1) if n > 1 else 0.0
        f = [1.0]
        f += marg[i]
        f += [1.0 if path[i] == y else 0.0 for y in range(k)]
        f += [1.0 if i > 0 and path[i - 1] == y else 0.0 for y in range(k)]
        f += [1.0 if i + 1 < n and path[i + 1] == y else 0.0 for y in range(k)]
        f += [1.0 if rule_roles[i] == r else 0.0 for r in ROLES]
        f += [float(i == 0), float(i == 1), float(i == n - 1), float(i == n - 2), rel, rel * rel]
        f += [float(bool(_WE_START.search(s))), float(bool(_THIS_WORK.search(s))), float(bool(tokset & {"we", "our", "us"})),
              float(bool(_PROPOSE.search(s))), float(bool(_SHOW.search(s))), float(bool(_CONTRAST.search(s))),
              float(bool(_FIELD.search(s))), float(bool(_MODAL.search(s))), float(bool(_STEPS.search(s))),
              float(bool(tokset & _CONCRETE)), float("<pct>" in tokset), float(seen_contribution),
              min(len(toks), 60) / 60.0]
        words = _WORD_RE.findall(s.lower())
        f += [float(bool(c.find(words))) for c in (_GAP, _CONTRIBUTION, _FINDING, _OUTCOME, _IMPLICATION, _RELEASE)]
        speaks = bool(_WE_START.search(s) or _THIS_WORK.search(s) or _CONTRIBUTION.find(words))
        f.append(float(speaks and not seen_contribution))  # the first sentence in which the authors speak
        third = 0 if rel < 1 / 3 else 1 if rel < 2 / 3 else 2
        f += [1.0 if path[i] == y and third == t else 0.0 for y in range(k) for t in range(3)]  # label x where in the abstract
        seen_contribution = seen_contribution or speaks
        out.append(f)
    return out


def lexical_features(sentence: str, vocab: dict[str, int]) -> list[float]:
    """Which of the head's vocabulary words the sentence holds (one indicator per word)."""
    out = [0.0] * len(vocab)
    for w in set(tokenize(sentence)):
        i = vocab.get(w)
        if i is not None:
            out[i] = 1.0
    return out


class _Head:
    """Multinomial logistic regression over ``role_features``: one weight row per role."""

    __slots__ = ("roles", "vocab", "weights")

    def __init__(self, data: dict) -> None:
        self.roles = tuple(data["roles"])
        self.vocab = {w: i for i, w in enumerate(data.get("vocabulary", []))}
        self.weights = [list(map(float, row)) for row in data["weights"]]

    def predict(self, feats: list[list[float]], sentences: list[str]) -> list[str]:
        out = []
        for f, s in zip(feats, sentences):
            f = f + lexical_features(s, self.vocab)
            scores = [sum(w * x for w, x in zip(row, f)) for row in self.weights]
            out.append(self.roles[max(range(len(scores)), key=scores.__getitem__)])
        return out


_HEAD: _Head | None | bool = False


def _load_head() -> _Head | None:
    """The shipped role head, or None when it is absent (the cue rules decide alone)."""
    global _HEAD
    if _HEAD is False:
        import os

        from .. import recache

        path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "models", "abstract_roles_head.json")

        def read() -> dict:
            import json

            with open(path, encoding="utf-8") as fh:
                return json.load(fh)

        try:   # the parsed file is kept between runs (json costs 2 ms to import)
            _HEAD = _Head(recache.parsed(("json", path), recache.file_stamp([path]), read))
        except (OSError, ValueError, KeyError):
            _HEAD = None
    return _HEAD


# ---------------------------------------------------------------------------------------------
# Command line: evaluate / classify
# ---------------------------------------------------------------------------------------------


def _read_jsonl(path: str) -> list[dict]:
    import json

    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def scores(gold: list[str], pred: list[str], labels: tuple[str, ...] = LABELS) -> dict:
    """Accuracy, macro-F1 and per-class precision/recall/F1/support."""
    per = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[lab] = {"precision": prec, "recall": rec, "f1": f1, "support": tp + fn}
    acc = sum(1 for g, p in zip(gold, pred) if g == p) / max(1, len(gold))
    macro = sum(v["f1"] for v in per.values()) / len(labels)
    return {"accuracy": acc, "macro_f1": macro, "per_class": per}


def evaluate(data_dir: str, split: str = "test") -> dict:
    """Score the shipped model on a CSAbstruct split; adds timing figures."""
    import os
    import time

    t0 = time.perf_counter()
    model = _load_model()
    load_s = time.perf_counter() - t0
    rows = _read_jsonl(os.path.join(data_dir, f"{split}.jsonl"))
    gold: list[str] = []
    pred: list[str] = []
    t0 = time.perf_counter()
    for row in rows:
        path = model.viterbi(model.emissions(sentence_features(row["sentences"])))
        pred.extend(model.labels[y] for y in path)
        gold.extend(row["labels"])
    decode_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for row in rows:
        classify(row["sentences"])
    classify_s = time.perf_counter() - t0
    res = scores(gold, pred)
    res.update(
        abstracts=len(rows),
        sentences=len(gold),
        load_ms=load_s * 1000,
        decode_ms_per_abstract=decode_s * 1000 / max(1, len(rows)),
        classify_ms_per_abstract=classify_s * 1000 / max(1, len(rows)),
    )
    return res


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m paperlint.nlp.abstract_roles")
    sub = parser.add_subparsers(dest="cmd", required=True)
    ev = sub.add_parser("evaluate", help="score the model on a CSAbstruct split")
    ev.add_argument("--data", required=True, help="directory with {train,dev,test}.jsonl")
    ev.add_argument("--split", default="test", choices=("train", "dev", "test"))
    sub.add_parser("classify", help="classify sentences read one per line from stdin")
    args = parser.parse_args(argv)

    if args.cmd == "evaluate":
        res = evaluate(args.data, args.split)
        print(f"split {args.split}: {res['abstracts']} abstracts, {res['sentences']} sentences")
        print(f"macro-F1  {res['macro_f1']:.4f}")
        print(f"accuracy  {res['accuracy']:.4f}")
        print(f"{'label':<12}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>9}")
        for lab, v in res["per_class"].items():
            print(f"{lab:<12}{v['precision']:>10.4f}{v['recall']:>10.4f}{v['f1']:>10.4f}{v['support']:>9}")
        print(f"model load         {res['load_ms']:.2f} ms")
        print(f"Viterbi decoding   {res['decode_ms_per_abstract']:.3f} ms per abstract")
        print(f"classify() (all)   {res['classify_ms_per_abstract']:.3f} ms per abstract")
        return 0

    sentences = [line.strip() for line in sys.stdin if line.strip()]
    for i, r in enumerate(classify(sentences), 1):
        cue = f"  cues: {', '.join(r.cues)}" if r.cues else ""
        print(f"{i:>2}  {r.label:<11} {r.role:<13} {r.confidence:.2f}{cue}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
