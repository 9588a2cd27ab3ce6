"""Allow-lists of acronyms that need no definition (JG102, AB105).

The lists are data: ``<rules>/data/acronyms/<name>.txt``, one acronym per line, ``#``
starts a comment (whole line or trailing). Each list is a theme a project opts into
(``common`` for everyone, ``ml``, ``stats``...); a project adds its own names
(models, data sets, software) in its configuration, not here.

Keep the shipped lists short: an entry belongs there only if readers of *any* paper in
the theme know it and it has one meaning there. Ambiguous letters (CI: confidence
interval, credible interval, continuous integration; ID: identifier or
in-distribution) stay out even when they are frequent.

Matching is case-insensitive (``PhD``, ``PHD``) and on normalised forms, the ones
``abbreviations.acronym_uses`` returns (``GPUs`` -> ``GPU``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from ..records import dataclass, field
from pathlib import Path

from .abbreviations import normalise_acronym

__all__ = [
    "AcronymAllowlist",
    "acronym_dir",
    "load_acronym_allowlist",
    "parse_acronym_list",
]


def acronym_dir(rules_dir: Path) -> Path:
    """Where the acronym lists live under a rules directory."""
    return Path(rules_dir) / "data" / "acronyms"


def parse_acronym_list(text: str) -> list[str]:
    """Entries of one list file, in order: comments and blank lines dropped."""
    entries = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.append(entry)
    return entries


@dataclass(frozen=True)
class AcronymAllowlist:
    """Named lists of acronyms; ``in`` tests membership in all of them."""

    lists: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def _folded(self, names: Iterable[str] | None) -> set[str]:
        chosen = self.lists if names is None else {n: self.lists[n] for n in names}
        return {a.casefold() for entries in chosen.values() for a in entries}

    def __contains__(self, acronym: object) -> bool:
        return isinstance(acronym, str) and self.contains(acronym)

    def contains(self, acronym: str, lists: Iterable[str] | None = None) -> bool:
        """Is ``acronym`` (normalised: ``GPUs`` -> ``GPU``) in the named ``lists`` (all when None)?"""
        return normalise_acronym(acronym).casefold() in self._folded(lists)

    def which(self, acronym: str) -> list[str]:
        """Names of the lists that hold ``acronym`` (for messages and docs)."""
        key = normalise_acronym(acronym).casefold()
        return sorted(
            n for n, e in self.lists.items() if key in {a.casefold() for a in e}
        )

    def extended(self, name: str, acronyms: Iterable[str]) -> AcronymAllowlist:
        """A copy with one more list (a project's own names from its configuration)."""
        return AcronymAllowlist({**self.lists, name: frozenset(acronyms)})


def load_acronym_allowlist(
    rules_dir: Path, names: Iterable[str] | None = None
) -> AcronymAllowlist:
    """Load ``<rules_dir>/data/acronyms/*.txt``, or only the lists in ``names``.

    A name in ``names`` with no file raises ``FileNotFoundError``: a misspelt list
    name in a configuration must not silently allow nothing.
    """
    folder = acronym_dir(rules_dir)
    if names is None:
        paths = sorted(folder.glob("*.txt"))
    else:
        paths = [folder / f"{n}.txt" for n in names]
    lists = {}
    for path in paths:
        lists[path.stem] = frozenset(
            parse_acronym_list(path.read_text(encoding="utf-8"))
        )
    return AcronymAllowlist(lists)
