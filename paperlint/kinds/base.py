"""What every Vale rule kind shares: its fields, message formatting, exceptions and vocabulary.

A kind is built from one rule file's mapping (the YAML Vale reads) and runs over
:class:`~paperlint.kinds.units.Unit` texts, yielding :class:`Alert` values in the unit's
coordinates. The engine (``kinds/engine.py``) maps them to source positions.
"""
from __future__ import annotations

import re

from .regex import PatternError, compile_pattern

LEVELS = ("suggestion", "warning", "error")
WORD_TEMPLATE = r"(?m)\b(?:%s)\b"
NONWORD_TEMPLATE = r"(?m)(?:%s)"
#: Fields every kind accepts (Vale's Definition) and fields paperlint reads but does not act on.
COMMON = {"extends", "message", "description", "level", "scope", "link", "limit", "action", "name", "selector"}
IGNORED = {"code"}


class RuleSkipped(Exception):
    """The rule cannot run here (an unsupported kind or pattern); the reason is shown."""


class Alert:
    """One match a rule reports, in its unit's offsets (a plain class: a dataclass costs 0.5 ms
    to create at import, and paperlint's own word lists import this module on every run)."""

    __slots__ = ("start", "end", "message", "whole", "offered")

    def __init__(self, start: int | None, end: int | None, message: str, whole: bool = False, offered: tuple = ()):
        self.start = start          # unit offsets; None: the whole file (Vale's line 1, column 1)
        self.end = end
        self.message = message
        self.whole = whole          # the alert covers its whole unit (capitalization)
        self.offered = offered      # replacements the kind computed (a substitution's swap), for its action

    def __eq__(self, other) -> bool:
        return isinstance(other, Alert) and (self.start, self.end, self.message, self.whole) == (other.start, other.end, other.message, other.whole)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.message, self.whole))

    def __repr__(self) -> str:
        return f"Alert({self.start!r}, {self.end!r}, {self.message!r}, whole={self.whole!r})"


_VERB = re.compile(r"%(?:\[(\d+)\])?([-+# 0]*\d*(?:\.\d+)?)([sdvqf%])")


def format_message(message: str, *args) -> str:
    """Go's fmt.Sprintf as Vale uses it: %s, %d, %v, %q and %f verbs filled in order, extra
    arguments ignored, missing ones empty."""
    position = 0

    def fill(m: re.Match) -> str:
        nonlocal position
        verb = m.group(3)
        if verb == "%":
            return "%"
        if m.group(1):
            index = int(m.group(1)) - 1
        else:
            index = position
            position += 1
        if index >= len(args):
            return ""
        value = args[index]
        if verb == "q":
            return '"' + str(value) + '"'
        if verb == "f":
            try:
                return ("%" + (m.group(2) or ".6") + "f") % float(value)
            except (TypeError, ValueError):
                return str(value)
        return str(value)

    return _VERB.sub(fill, message).replace("\n", " ")


def to_sentence(words: list[str], joiner: str = "or") -> str:
    """Vale's core.ToSentence: 'a', 'a' or 'b', 'a', 'b' or 'c'."""
    if not words:
        return ""
    if len(words) == 1:
        return f"'{words[0]}'"
    if len(words) == 2:
        return f"'{words[0]}' {joiner} '{words[1]}'"
    quoted = [f"'{w}'" for w in words]
    quoted[-1] = f"{joiner} {quoted[-1]}"
    return ", ".join(quoted)


def is_phrase(s: str) -> bool:
    return all(c.isalpha() or c.isdigit() or c in " -" for c in s)


def cap_first(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def exceptions_pattern(terms: list[str]):
    """Vale's updateExceptions: longest first, each term case-sensitive unless it says (?i),
    inside a word template; searched (not full-matched) in the observed text."""
    terms = sorted((str(t) for t in terms if str(t)), key=len, reverse=True)
    if not terms:
        return None
    wrapped = [t if t.startswith("(?i)") else f"(?-i){t}" for t in terms]
    return compile_pattern(WORD_TEMPLATE % "|".join(wrapped))


def phrase_pattern(terms: list[str]):
    """Vale's buildPhraseRe: the multi-word terms, for a match lying inside an accepted phrase."""
    phrases = [str(t) for t in terms if " " in str(t) or "\t" in str(t) or r"\s" in str(t)]
    if not phrases:
        return None
    try:
        return compile_pattern(r"(?i)\b(?:" + "|".join(phrases) + r")\b")
    except PatternError:
        return None


class Kind:
    """A rule of one Vale kind. Subclasses read their own fields in ``setup`` and yield alerts
    from ``run``."""

    extends = ""
    fields: set[str] = set()
    #: True when the kind keeps state across the units of one document (consistency, conditional)
    stateful = False
    #: True when each match is reported on its own (existence, substitution): a sentence's
    #: matches are then its paragraph's, unless a pattern looks at the unit's edges
    per_match = False
    edge_sensitive = True

    def __init__(self, name: str, data: dict, accepted: list[str], word_template: str | None = None):
        self.name = name
        self.data = data
        unknown = set(data) - COMMON - IGNORED - self.fields
        if unknown:
            raise ValueError(f"unknown key{'s' if len(unknown) > 1 else ''} for {self.extends}: {', '.join(sorted(unknown))}")
        if "message" not in data:
            raise ValueError("missing the required 'message' key")
        self.message = str(data["message"])
        level = str(data.get("level", "suggestion")).lower()
        if level not in LEVELS:
            raise ValueError(f"'level' must be one of {', '.join(LEVELS)}")
        self.level = level
        self.link = data.get("link")
        self.limit = int(data.get("limit") or 0)
        action = data.get("action") or {}
        self.action_name = str(action.get("name", "")) if isinstance(action, dict) else ""
        self.action_params = [str(p) for p in as_list(action.get("params"))] if isinstance(action, dict) else []
        scopes = [str(s) for s in as_list(data.get("scope"))] or ["text"]
        for s in scopes:
            head = s.lstrip("~").split(".")[0]
            if head in ("code", "link", "strong", "emphasis"):
                raise ValueError(f"scope '{head}' is no longer supported by Vale; use 'raw'")
        self.scopes = scopes
        self.word_template = word_template or WORD_TEMPLATE
        self.accepted = accepted
        self.setup(data)

    @property
    def selectors(self) -> list:
        """The scope selectors, built on first use (paperlint's own word lists never need them)."""
        got = self.__dict__.get("_selectors")
        if got is None:
            from .units import Selector

            got = self.__dict__["_selectors"] = [Selector(s) for s in self.scopes]
        return got

    # -- for subclasses ------------------------------------------------------
    def setup(self, data: dict) -> None:  # pragma: no cover - interface
        pass

    def run(self, unit, state: dict):  # pragma: no cover - interface
        raise NotImplementedError

    def compile(self, pattern: str, ignorecase: bool = False):
        try:
            return compile_pattern(pattern, ignorecase)
        except PatternError as exc:
            raise RuleSkipped(f"pattern not supported: {exc}") from None

    def template(self, word: bool) -> str:
        return self.word_template if word else NONWORD_TEMPLATE

    def vocab_exceptions(self, exceptions: list, use_vocab: bool):
        terms = [str(e) for e in exceptions] + (list(self.accepted) if use_vocab else [])
        try:
            return exceptions_pattern(terms), phrase_pattern(terms)
        except PatternError as exc:
            raise RuleSkipped(f"exceptions not supported: {exc}") from None

    # -- shared --------------------------------------------------------------
    @property
    def wants(self) -> set[str]:
        """Scope names this rule's selectors need the engine to build (sentence, paragraph...)."""
        return {name for sel in self.selectors for neg, names in sel.parts if not neg for name in names}

    def applies(self, scope: frozenset[str]) -> bool:
        return any(sel.matches(scope) for sel in self.selectors)


def excepted(except_re, phrase_re, text: str, observed: str, start: int, end: int) -> bool:
    if except_re is not None and except_re.search(observed):
        return True
    if phrase_re is not None:
        for m in phrase_re.finditer(text):
            if m.start() <= start and end <= m.end():
                return True
    return False


_EDGE = re.compile(r"(?<!\\)(?<!\[)\^|(?<!\\)\$|\\[AZz]|\(\?<?[!=]")


def edge_sensitive(pattern: str) -> bool:
    """Whether a pattern may match differently in a sentence than in its paragraph: it anchors
    (``^``, ``$``, ``\\A``, ``\\Z``) or looks around."""
    return _EDGE.search(pattern) is not None
