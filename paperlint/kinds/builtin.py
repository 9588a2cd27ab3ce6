"""paperlint's own word-list rules as Vale rules: the specs in ``rules/data/<name>.toml``.

A spec is a Vale rule written in TOML instead of YAML (the same keys: ``extends``,
``message``, ``level``, ``scope``, ``ignorecase``, ``nonword``, ``tokens``, ``swap``...), or a
small style of several such rules: the top-level keys are shared, and each ``[[rules]]`` table
is one rule (its ``id`` names it; its own Vale keys override the shared ones). Keys that are not
Vale's (``id``, ``note``, ``examples``, and any table the Python side of a rule reads, such as
ST140's LaTeX macros) are kept in :attr:`RuleSet.extra` and never reach the kind.

TOML, not YAML: ``tomllib`` is in the standard library, while PyYAML is loaded only when a user
configures a Vale style. A lint reads the shipped specs from the rule index, kept between runs
(paperlint/resources.py `stamped_tables`), so it imports neither.

:class:`RuleSet` runs the rules of a spec. Plain word and phrase lists (most of them) share one
first-word dict (``tokens.py``), so the text is read once for all of them; a rule whose
patterns are real regular expressions keeps them.
"""
from __future__ import annotations

import functools

from . import build
from .base import COMMON, Alert, Kind
from .tokens import TokenIndex

#: keys of a spec entry that are paperlint's, not Vale's
EXTRA = ("id", "note", "examples")
#: the specs shipped in rules/data/ (RD103, CL104, ST140)
SPECS = ("plain_words", "hype_words", "draft_markers")
#: their part of rules/index.json (scripts/update_rule_index.py writes it)
INDEX_PART = "kinds"


def spec_files(directory) -> list[tuple[str, bytes]]:
    """(path relative to rules/, bytes) of every shipped spec."""
    return [(f"data/{name}.toml", (directory / "data" / f"{name}.toml").read_bytes()) for name in SPECS]


@functools.cache
def _specs() -> dict:
    """Every shipped spec's table, from rules/index.json while its digest matches the files
    (parsing plain_words.toml costs about 2 ms, the index is already read), else from the TOML."""
    from ..resources import rules_dir, stamped_tables

    tables = stamped_tables(rules_dir(), INDEX_PART, [f"data/{name}.toml" for name in SPECS])
    return {name: tables[f"data/{name}.toml"] for name in SPECS}


def load_spec(name: str) -> dict:
    if name in SPECS:
        return _specs()[name]
    from ..resources import rules_dir

    import tomllib

    with open(rules_dir() / "data" / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)


def vale_fields(kind_class: type[Kind]) -> set[str]:
    return COMMON | kind_class.fields


class RuleSet:
    """The rules of one spec, built once per process.

    ``ids[i]`` is rule i's id, ``extra[i]`` its non-Vale keys and ``kind(i)`` its kind. The plain
    word lists go into one token index per case mode straight from the spec; a rule's kind is
    built when it first matches (a page matches few of RD103's 35 entries), or at once when it
    needs its regular expression."""

    def __init__(self, code: str, spec: dict):
        from . import kind_class

        shared = {k: v for k, v in spec.items() if k != "rules"}
        entries = spec.get("rules") or [{"id": code}]
        self.code = code
        self.data: list[dict] = []
        self.ids: list[str] = []
        self.extra: list[dict] = []
        self._kinds: dict[int, Kind] = {}
        groups: dict[bool, tuple[list, list]] = {}
        for i, entry in enumerate(entries):
            data = {**shared, **{k: v for k, v in entry.items() if k not in EXTRA}}
            cls = kind_class(str(data.get("extends")))
            allowed = vale_fields(cls)
            data = {k: v for k, v in data.items() if k in allowed}
            self.data.append(data)
            self.ids.append(str(entry.get("id", code)))
            self.extra.append({k: v for k, v in entry.items() if k in EXTRA})
            terms = cls.token_terms(data) if hasattr(cls, "token_terms") else None
            index = TokenIndex.build([terms], bool(data.get("ignorecase"))) if terms is not None else None
            if index is None:
                self.kind(i)
            else:
                members, indexes = groups.setdefault(index.ignorecase, ([], []))
                members.append(i)
                indexes.append(index)
        self.merged: list[tuple[TokenIndex, list[int]]] = [(TokenIndex.merge(indexes), members) for members, indexes in groups.values()]
        merged = {i for _, members in self.merged for i in members}
        self.rest = [i for i in range(len(self.data)) if i not in merged]

    def kind(self, i: int) -> Kind:
        got = self._kinds.get(i)
        if got is None:
            got = self._kinds[i] = build(f"{self.code}.{self.ids[i]}", self.data[i], [])
        return got

    @property
    def kinds(self) -> list[Kind]:
        """Every rule's kind (building those not built yet)."""
        return [self.kind(i) for i in range(len(self.data))]

    def spans(self, text: str, pos: int = 0, endpos: int | None = None, only=None) -> list[list]:
        """For each rule, its matches in ``text[pos:endpos]`` (as its kind's ``spans``);
        rules not in `only` (a set of rule indexes, if given) are not run."""
        out: list[list] = [[] for _ in self.data]
        for index, members in self.merged:
            if only is not None and not any(i in only for i in members):
                continue
            for i, found in zip(members, index.scan(text, pos, endpos)):
                if only is None or i in only:
                    out[i] = found
        for i in self.rest:
            if only is None or i in only:
                out[i] = self.kind(i).spans(text, pos, endpos)
        return out

    def alerts(self, text: str, pos: int = 0, endpos: int | None = None, only=None) -> list[tuple[int, Alert]]:
        """(rule index, alert) for every match the rules report, rule by rule."""
        out = []
        for i, found in enumerate(self.spans(text, pos, endpos, only)):
            if found:
                kind = self.kind(i)
                if kind.extends == "existence":
                    found = [(s, e) for s, e, *_ in found]
                out.extend((i, a) for a in kind.alerts(text, found))
        return out


@functools.cache
def rule_set(code: str, name: str) -> RuleSet:
    """The rules of ``rules/data/<name>.toml`` for rule `code`."""
    return RuleSet(code, load_spec(name))
