"""Regular expressions compiled on first use.

paperlint's rules hold about 370 module-level patterns; compiling them all costs about 80 ms,
more than half of a one-page lint, and a one-page draft uses about 90 of them (measured with
bench/startup.py). ``compile`` returns a stand-in that compiles the pattern the first time
one of its attributes is read and then binds the compiled pattern's methods on itself, so
that later calls cost what a plain pattern's do.

Only ``Pattern`` attributes and methods are supported (``.search``, ``.finditer``, ``.sub``,
``.pattern``...): the stand-in is not a ``re.Pattern`` and must not be passed to ``re.search``
and friends (paperlint never does).
"""
from __future__ import annotations

import re

__all__ = ["LazyPattern", "compile"]

_BOUND = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
          "pattern", "flags", "groups", "groupindex")


class LazyPattern:
    def __init__(self, pattern, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def compiled(self) -> re.Pattern:
        p = re.compile(*self._args)
        d = self.__dict__
        for name in _BOUND:
            d[name] = getattr(p, name)
        d["compiled"] = lambda: p
        return p

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __eq__(self, other) -> bool:   # a match's ``.re`` compares equal to its stand-in
        other = other.compiled() if isinstance(other, LazyPattern) else other
        return self.compiled() == other

    def __hash__(self) -> int:
        return hash(self._args)

    def __repr__(self) -> str:
        return f"lazyre.compile({self._args[0]!r})"


def compile(pattern, flags: int = 0) -> LazyPattern:  # noqa: A001 - mirrors re.compile
    return LazyPattern(pattern, flags)
