"""Vale's regular expressions, compiled for Python.

Vale compiles rule patterns with regexp2 (the .NET dialect). Python's ``re`` reads nearly
all of what style packages write; the differences handled here are:

* inline flags in the middle of a pattern (``(?i)word``, ``(?-i)term``): .NET applies them to
  the rest of the enclosing group, Python 3.11 only accepts them at the start. They become
  scoped groups ``(?i:word)`` that end where the enclosing group or alternative ends;
* ``(?<name>...)`` named groups become ``(?P<name>...)``;
* ``\\p{L}``-style Unicode classes (Python's ``re`` has none) become equivalent classes;
* ``\\z`` becomes ``\\Z`` and POSIX ``[:alpha:]``-style classes become ranges.

A pattern that ``re`` still refuses (a variable-width look-behind, say) is tried with the
third-party ``regex`` module when it is installed; otherwise the rule is skipped and the
reason is shown (never a crash).
"""
from __future__ import annotations

import re

_UNICODE = {
    "L": r"^\W\d_", "Letter": r"^\W\d_", "Lu": r"A-ZÀ-ÖØ-ÞĀ-Ž", "Ll": r"a-zß-öø-ÿ",
    "N": r"\d", "Nd": r"\d", "P": r"!-/:-@\[-`{-~¡-¿‐-‧", "Zs": r" \u00a0\u2000-\u200a\u202f\u205f\u3000",
    "S": r"$+<=>^`|~", "M": "\u0300-\u036f",
}
_POSIX = {
    "alpha": "A-Za-z", "digit": "0-9", "alnum": "A-Za-z0-9", "upper": "A-Z", "lower": "a-z",
    "space": r"\s", "punct": r"!-/:-@\[-`{-~", "word": r"\w",
}
_FLAG = re.compile(r"\(\?([imsx]*)(?:-([imsx]*))?\)")


class PatternError(ValueError):
    pass


_LETTERS = "A-Za-zªµºÀ-ÖØ-öø-ˁͰ-ϿЀ-ԯ"   # \\p{L} inside a set: Latin, Greek, Cyrillic


def _unicode_class(name: str, negated: bool, in_class: bool) -> str:
    body = _UNICODE.get(name)
    if body is None:
        raise PatternError(f"unsupported Unicode class \\p{{{name}}}")
    if in_class:
        if negated:
            raise PatternError("a negated Unicode class inside a set")
        return _LETTERS if body.startswith("^") else body
    if body.startswith("^"):           # letters: [^\W\d_], and their complement [\W\d_]
        return r"[\W\d_]" if negated else r"[^\W\d_]"
    return ("[^" if negated else "[") + body + "]"


def translate(pattern: str) -> str:
    """The pattern in Python's dialect (see the module doc)."""
    out: list[str] = []
    # stack of open groups: for each, how many scoped-flag groups we opened inside it
    stack: list[int] = [0]
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt in "pP" and i + 2 < n:
                if pattern[i + 2] == "{":
                    j = pattern.find("}", i + 3)
                    if j < 0:
                        raise PatternError("unterminated \\p{")
                    name = pattern[i + 3 : j]
                    i = j + 1
                else:
                    name = pattern[i + 2]
                    i += 3
                out.append(_unicode_class(name, nxt == "P", in_class))
                continue
            if nxt == "z":
                out.append(r"\Z")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if c == "[" and pattern.startswith("[:", i):
                j = pattern.find(":]", i + 2)
                if j > 0 and pattern[i + 2 : j] in _POSIX:
                    out.append(_POSIX[pattern[i + 2 : j]])
                    i = j + 2
                    continue
            if c == "]":
                in_class = False
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":     # a literal ] first in a set
                out.append(r"\]")
                i += 1
            continue
        if c == "(":
            m = _FLAG.match(pattern, i)
            if m is not None:
                on, off = m.group(1), m.group(2) or ""
                if not out and len(stack) == 1 and not off:
                    out.append(m.group(0))         # leading global flags are fine in Python
                else:
                    spec = on + ("-" + off if off else "")
                    if spec and spec != "-":
                        out.append(f"(?{spec}:")
                        stack[-1] += 1
                i = m.end()
                continue
            if pattern.startswith("(?<", i) and i + 3 < n and pattern[i + 3] not in "=!":
                out.append("(?P<")
                i += 3
                stack.append(0)
                continue
            out.append(c)
            stack.append(0)
            i += 1
            continue
        if c == "|":
            out.append(")" * stack[-1])
            stack[-1] = 0
            out.append(c)
            i += 1
            continue
        if c == ")":
            out.append(")" * stack.pop() if len(stack) > 1 else ")" * 0)
            if not stack:
                stack = [0]
            out.append(c)
            i += 1
            continue
        out.append(c)
        i += 1
    out.append(")" * stack[0])
    return "".join(out)


def compile_pattern(pattern: str, ignorecase: bool = False):
    """A compiled pattern (``re``, or ``regex`` as a fallback). Raises PatternError."""
    flags = re.IGNORECASE if ignorecase else 0
    try:
        translated = translate(pattern)
    except PatternError:
        translated = None
    if translated is not None:
        try:
            return re.compile(translated, flags)
        except (re.error, OverflowError, RecursionError) as exc:
            error = str(exc)
    else:
        error = "uses a construct Python's re cannot read"
    try:
        import regex  # optional: reads variable-width look-behinds and \p{...} classes
    except ImportError:
        raise PatternError(f"{error} (installing the `regex` package may help)") from None
    try:
        return regex.compile(pattern, (regex.IGNORECASE if ignorecase else 0) | regex.VERSION0)
    except Exception as exc:  # regex raises its own error class
        raise PatternError(str(exc)) from None
