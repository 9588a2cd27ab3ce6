"""Rules as data: loading ``rules/<family>/<CODE>-<name>.toml`` and joining Python checks.

A rule file holds everything about a rule but its logic: code, name, severity,
message template, the rationale in our own words, the source of the advice,
examples and options.  Python checks (``paperlint/checks``) are registered
explicitly and matched to their rule files by code.
"""
from __future__ import annotations

from . import lazyre
import functools
import os
import re
from .records import dataclass, field
from pathlib import Path

from .diagnostics import Severity
from .resources import INDEX, LATEX_FILE, _digest, _index, _read_index, index_part, indexed_tables, latex_table, rules_dir  # noqa: F401 - the index primitives live below the registry

CODE = lazyre.compile(r"^[A-Z]{2}\d{3}$")
NAME = lazyre.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
REQUIRED = ("code", "name", "severity", "summary", "message", "what", "why", "kind")
KNOWN_KEYS = {
    "code", "name", "severity", "summary", "scope", "kind", "status", "since", "message", "what", "why",
    "source", "examples", "options", "default", "tokens", "patterns", "ignorecase", "skip",
    "family", "fix", "notes",
}
OPTION_TYPES = {"int": int, "float": (int, float), "str": str, "bool": bool, "list": list}


@dataclass(frozen=True)
class Option:
    name: str
    type: str
    default: object
    doc: str
    choices: tuple = ()


@dataclass
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    message: str
    what: str
    why: str
    kind: str = "python"
    scope: str = "document"
    status: str = "stable"
    since: str = "0.1.0"
    default: bool = True
    source: dict = field(default_factory=dict)
    examples: dict = field(default_factory=dict)
    options: dict[str, Option] = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    path: Path | None = None
    notes: str = ""

    @property
    def family(self) -> str:
        """The code's family (ST, EV...), or a Vale rule's style (`write-good` of `write-good.Weasel`)."""
        return self.code.split(".", 1)[0] if "." in self.code else self.code[:2]

    @property
    def url(self) -> str | None:
        return self.source.get("url")

    def format(self, fields: dict) -> str:
        try:
            return self.message.format(**fields)
        except (KeyError, IndexError, ValueError):
            return self.message


class RuleError(Exception):
    pass


def _rule_files(directory: Path, pattern: str = "[A-Z][A-Z]/*.toml") -> tuple[list[Path], list[tuple[str, bytes]]]:
    """The rule files (or with `pattern`, the venue profiles) and (their path relative to
    `directory`, their bytes)."""
    names = _names(directory, pattern)
    return [directory / n for n in names], [(n, (directory / n).read_bytes()) for n in names]


VENUE_FILES = "venues/*.toml"


def rule_tables(directory: Path) -> list[tuple[Path, dict]]:
    """Every rule file's table. Parsing 60 TOML files costs about 12 ms; `index.json` (written by
    scripts/update_rule_index.py) holds the same tables as JSON (0.5 ms) and is used only while
    its digest matches the files, so an edited or added rule file is always read as TOML."""
    return _tables(directory, "[A-Z][A-Z]/*.toml", "rules")


def _names(directory: Path, pattern: str) -> list[str]:
    """The files `pattern` ("[A-Z][A-Z]/*.toml" or "venues/*.toml") matches, relative to
    `directory`, sorted as ``sorted(directory.glob(pattern))`` sorts them (listed with os, which is
    a few times quicker than pathlib's glob)."""
    folder, _, files = pattern.partition("/")
    suffix = files.removeprefix("*")
    base = str(directory)
    if folder == "[A-Z][A-Z]":
        folders = sorted(d for d in os.listdir(base) if len(d) == 2 and "A" <= d[0] <= "Z" and "A" <= d[1] <= "Z"
                         and os.path.isdir(os.path.join(base, d)))
    else:
        folders = [folder] if os.path.isdir(os.path.join(base, folder)) else []
    return [f"{d}/{n}" for d in folders for n in sorted(os.listdir(os.path.join(base, d)))
            if n.endswith(suffix) and not n.startswith(".")]


def _tables(directory: Path, pattern: str, key: str) -> list[tuple[Path, dict]]:
    """The TOML tables of the files `pattern` matches: from the index's `key` part while its
    digest matches them, else parsed (kept between runs while the files are unchanged)."""
    from .resources import stamped_tables

    names = _names(directory, pattern)
    try:
        tables = stamped_tables(directory, key, names)
    except ValueError as exc:
        raise RuleError(str(exc)) from exc
    return [(directory / name, tables[name]) for name in names]


def write_index(directory: Path) -> Path:
    """Write `index.json` for the rule files in `directory` (scripts/update_rule_index.py)."""
    import json

    from .kinds.builtin import INDEX_PART, SPECS, spec_files

    out = index_part("rules", _rule_files(directory)[1])           # the rule files' part is the top level
    out["venues"] = index_part("venues", _rule_files(directory, VENUE_FILES)[1])
    if (directory / LATEX_FILE).is_file():
        out["latex"] = index_part("latex", [(LATEX_FILE, (directory / LATEX_FILE).read_bytes())])
    if all((directory / "data" / f"{name}.toml").is_file() for name in SPECS):
        out[INDEX_PART] = index_part(INDEX_PART, spec_files(directory))   # RD103, CL104, ST140's word lists
    target = directory / INDEX
    target.write_text(json.dumps(out, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return target


def venue_tables(directory: Path | None = None) -> list[tuple[Path, dict]]:
    """Every venue profile's table (rules/venues/*.toml), from the index while it is current."""
    return _tables(directory or rules_dir(), VENUE_FILES, "venues")


def _load_rule(path: Path, data: dict | None = None) -> Rule:
    if data is None:
        import tomllib

        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        raise RuleError(f"{path.name}: missing {', '.join(missing)}")
    unknown = set(data) - KNOWN_KEYS
    if unknown:
        raise RuleError(f"{path.name}: unknown keys {', '.join(sorted(unknown))}")
    options = {}
    for name, spec in data.get("options", {}).items():
        options[name] = Option(name, spec.get("type", "str"), spec.get("default"), spec.get("doc", ""), tuple(spec.get("choices", ())))
    return Rule(
        code=data["code"],
        name=data["name"],
        severity=Severity.parse(data["severity"]),
        summary=data["summary"],
        message=data["message"],
        what=data["what"].strip(),
        why=data["why"].strip(),
        kind=data["kind"],
        scope=data.get("scope", "document"),
        status=data.get("status", "stable"),
        since=data.get("since", "0.1.0"),
        default=data.get("default", True),
        source=data.get("source", {}),
        examples=data.get("examples", {}),
        options=options,
        data=data,
        path=path,
        notes=data.get("notes", ""),
    )


@functools.cache
def load_rules(directory: Path | None = None) -> dict[str, Rule]:
    """All rules by code, sorted by code."""
    directory = directory or rules_dir()
    rules: dict[str, Rule] = {}
    names: set[str] = set()
    for path, data in rule_tables(directory):
        rule = _load_rule(path, data)
        if rule.code in rules:
            raise RuleError(f"duplicate rule code {rule.code}")
        if rule.name in names:
            raise RuleError(f"duplicate rule name {rule.name}")
        names.add(rule.name)
        rules[rule.code] = rule
    return dict(sorted(rules.items()))


def find_rule(key: str, rules: dict[str, Rule] | None = None) -> Rule | None:
    rules = rules if rules is not None else load_rules()
    key_u = key.upper()
    if key_u in rules:
        return rules[key_u]
    for rule in rules.values():
        if rule.name == key.lower():
            return rule
    return None


def selector_score(selector: str, rule: Rule) -> int:
    """How specifically `selector` names `rule`: -1 not at all, 0 for ALL, longer prefixes score higher."""
    sel = selector.strip()
    if not sel:
        return -1
    if sel.upper() == "ALL":
        return 0
    if "." in rule.code:  # a Vale rule, Style.Rule: its whole name, or its style as a prefix
        if sel.casefold() == rule.code.casefold():
            return 100
        return 50 if sel.casefold() == rule.code.split(".", 1)[0].casefold() else -1
    if sel.upper() == rule.code or sel.lower() == rule.name:
        return 100
    if rule.code.startswith(sel.upper()) and re.fullmatch(r"[A-Za-z]{1,2}\d{0,2}", sel):
        return len(sel)
    return -1


def is_valid_selector(selector: str, rules: dict[str, Rule]) -> bool:
    return any(selector_score(selector, r) >= 0 for r in rules.values())
