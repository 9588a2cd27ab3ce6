"""Vale's configuration: ``.vale.ini`` or the same keys under ``[tool.paperlint.vale]``.

Read as Vale reads it:

* global keys ``StylesPath`` (relative to the configuration file), ``MinAlertLevel``
  (suggestion, warning or error), ``Vocab`` (names of vocabularies), ``WordTemplate``;
* sections named by a glob (``[*]``, ``[*.md]``, ``[*.{md,tex}]``) with ``BasedOnStyles``
  and per-rule settings ``Style.Rule = NO | YES | suggestion | warning | error``. For each
  file the last matching section's ``BasedOnStyles`` wins and rule settings add up in order;
  global rule settings apply first;
* a style is a folder ``<StylesPath>/<Style>`` of ``*.yml`` rule files; rule ``Style.Rule`` is
  the file ``Style/Rule.yml``. The built-in style ``Vale`` holds ``Vale.Repetition`` and,
  from the vocabularies, ``Vale.Terms`` and ``Vale.Avoid``;
* a vocabulary is ``<StylesPath>/config/vocabularies/<Name>/accept.txt`` and ``reject.txt``
  (or Vale 2's ``<StylesPath>/Vocab/<Name>/``): one term (a pattern) per line. Accepted
  terms are exceptions of every rule that keeps ``vocab: true`` and must be written as in
  the list (``Vale.Terms``); rejected terms are errors (``Vale.Avoid``).

Keys Vale uses for formats paperlint does not read (``BlockIgnores``, ``TokenIgnores``,
``Transform``, ``Packages``...) are accepted and listed in :attr:`ValeSetup.notes`.
"""
from __future__ import annotations

import re
from ..records import dataclass, field
from pathlib import Path

from ..diagnostics import Severity
from ..registry import Rule
from . import RuleSkipped, build

RANK = {"suggestion": 0, "warning": 1, "error": 2}
GLOBAL_KEYS = {"StylesPath", "MinAlertLevel", "Vocab", "WordTemplate"}
SECTION_KEYS = {"BasedOnStyles"}
#: Vale keys that are accepted and not acted on (formats, packages, NLP endpoints...).
UNSUPPORTED = {"Packages", "IgnoredScopes", "IgnoredClasses", "BlockIgnores", "TokenIgnores",
               "Transform", "Lang", "CommentDelimiters", "NLPEndpoint", "SphinxBuildPath", "SphinxAutoBuild"}
RULE_VALUE = re.compile(r"^(?i:no|yes|suggestion|warning|error)$")
BUILTIN_REPETITION = {
    "extends": "repetition", "message": "'%s' is repeated!", "level": "error", "scope": "text", "ignorecase": True,
    "alpha": True, "tokens": [r"[^\s.!?]+"], "action": {"name": "edit", "params": ["truncate", " "]},
}


class ValeConfigError(ValueError):
    pass


def glob_regex(pattern: str) -> re.Pattern:
    """Vale's glob: ``*`` and ``**`` match any run of characters, ``?`` one, ``{a,b}`` either,
    ``[...]`` a set."""
    out, i, depth = [], 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "*":
            while i + 1 < len(pattern) and pattern[i + 1] == "*":
                i += 1
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "{":
            out.append("(?:")
            depth += 1
        elif c == "}" and depth:
            out.append(")")
            depth -= 1
        elif c == "," and depth:
            out.append("|")
        elif c == "[":
            j = pattern.find("]", i + 1)
            if j < 0:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1 : j]
                out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z")


@dataclass
class Section:
    glob: str
    pattern: re.Pattern
    based_on: list[str] | None = None
    checks: dict[str, str] = field(default_factory=dict)


@dataclass
class ValeSetup:
    """A loaded Vale configuration: its rules (as registry rules and as runnable kinds) and
    which of them apply to which file."""

    path: Path | None
    base: Path
    styles_path: Path | None
    min_level: str = "suggestion"
    vocab: list[str] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    global_based_on: list[str] = field(default_factory=list)
    global_checks: dict[str, str] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)       # every rule read, runnable or not
    kinds: dict[str, object] = field(default_factory=dict)     # the runnable ones
    skipped: dict[str, str] = field(default_factory=dict)      # rule -> why it does not run
    notes: list[str] = field(default_factory=list)
    word_template: str | None = None
    skipped_scopes: list[str] = field(default_factory=list)    # units whose scope names one of these are not read
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    def for_file(self, path: Path) -> dict[str, str]:
        """The rules that apply to this file, with their level (MinAlertLevel applied)."""
        key = str(path)
        if key not in self.cache:
            self.cache[key] = self._for_file(Path(path))
        return self.cache[key]

    def _for_file(self, p: Path) -> dict[str, str]:
        names = [p.as_posix(), p.name]
        try:
            names.insert(0, p.relative_to(self.base).as_posix())
        except ValueError:
            pass
        based_on = list(self.global_based_on)
        checks = dict(self.global_checks)
        for sec in self.sections:
            if any(sec.pattern.match(n) for n in names):
                if sec.based_on is not None:
                    based_on = sec.based_on
                checks.update(sec.checks)
        out = {}
        for code, rule in self.rules.items():
            if code not in self.kinds:
                continue
            style = code.split(".", 1)[0]
            value = checks.get(code)
            if value is not None and value.lower() == "no":
                continue
            if style not in based_on and value is None:
                continue
            level = value.lower() if value is not None and value.lower() in RANK else self.kinds[code].level
            if RANK[level] < RANK[self.min_level]:
                continue
            out[code] = level
        return out



def _split(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).split(",") if v.strip()]


def read_ini(path: Path) -> dict:
    """A .vale.ini as {global keys..., section glob: {keys}} (keys keep their case)."""
    import configparser

    parser = configparser.ConfigParser(interpolation=None, strict=False, comment_prefixes=("#", ";"),
                                       inline_comment_prefixes=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment]
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValeConfigError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        parser.read_string("[__global__]\n" + text, source=str(path))
    except configparser.Error as exc:
        raise ValeConfigError(f"{path}: not a valid Vale configuration: {exc}") from None
    table: dict = {}
    for name in parser.sections():
        values = dict(parser.items(name))
        if name == "__global__":
            table.update(values)
        else:
            table[name] = values
    return table


def load(table: dict, *, path: Path | None, base: Path) -> ValeSetup:
    """Build the setup from a configuration table (from .vale.ini or TOML)."""
    setup = ValeSetup(path=path, base=base, styles_path=None)
    where = str(path) if path is not None else "[tool.paperlint.vale]"
    for key, value in table.items():
        if isinstance(value, dict):
            if key == "formats":
                setup.notes.append("[formats] associations are not used: paperlint reads .tex and Markdown files itself")
                continue
            sec = Section(key, glob_regex(key))
            for k, v in value.items():
                if k == "BasedOnStyles":
                    sec.based_on = _split(v)
                elif k in UNSUPPORTED:
                    setup.notes.append(f"[{key}] {k} is not used by paperlint")
                elif "." in k or k == "Vale":
                    sec.checks[k] = _rule_value(k, v, where)
                else:
                    raise ValeConfigError(f"{where}: [{key}] unknown key {k!r}")
            setup.sections.append(sec)
        elif key == "StylesPath":
            setup.styles_path = (base / str(value)).resolve()
        elif key == "MinAlertLevel":
            level = str(value).strip().lower()
            if level not in RANK:
                raise ValeConfigError(f"{where}: MinAlertLevel must be suggestion, warning or error")
            setup.min_level = level
        elif key == "Vocab":
            setup.vocab = _split(value)
        elif key == "WordTemplate":
            setup.word_template = str(value)
        elif key == "BasedOnStyles":
            setup.global_based_on = _split(value)
        elif key == "SkippedScopes":
            setup.skipped_scopes = _split(value)
        elif key in UNSUPPORTED:
            setup.notes.append(f"{key} is not used by paperlint")
        elif "." in key:
            setup.global_checks[key] = _rule_value(key, value, where)
        else:
            raise ValeConfigError(f"{where}: unknown key {key!r}")
    _read_vocabularies(setup, where)
    _load_styles(setup, where)
    return setup


def _rule_value(key: str, value, where: str) -> str:
    if isinstance(value, bool):
        return "YES" if value else "NO"
    text = str(value).strip()
    if not RULE_VALUE.match(text):
        raise ValeConfigError(f"{where}: {key} = {text!r}: use NO, YES, suggestion, warning or error")
    return text


def _read_terms(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _read_vocabularies(setup: ValeSetup, where: str) -> None:
    for name in setup.vocab:
        found = False
        for folder in ((setup.styles_path / "config" / "vocabularies" / name) if setup.styles_path else None,
                       (setup.styles_path / "Vocab" / name) if setup.styles_path else None):
            if folder is None or not folder.is_dir():
                continue
            found = True
            for fname, target in (("accept.txt", setup.accepted), ("reject.txt", setup.rejected)):
                for cand in (folder / fname, folder / fname.capitalize()):
                    if cand.is_file():
                        target.extend(_read_terms(cand))
                        break
            break
        if not found:
            raise ValeConfigError(f"{where}: vocabulary {name!r} not found under {setup.styles_path}/config/vocabularies")


def _wanted_styles(setup: ValeSetup) -> list[str]:
    names = list(setup.global_based_on)
    for sec in setup.sections:
        names += sec.based_on or []
    checks = list(setup.global_checks) + [k for sec in setup.sections for k in sec.checks]
    names += [k.split(".", 1)[0] for k in checks if "." in k]
    seen, out = set(), []
    for n in names:
        if n not in seen:
            seen.add(n)
            out.append(n)
    return out


def _yaml_load(text: str):
    import yaml  # only when a Vale style is configured

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


def _add(setup: ValeSetup, name: str, data, path: Path | None) -> None:
    try:
        kind = build(name, data, setup.accepted, setup.word_template)
    except RuleSkipped as exc:
        setup.skipped[name] = str(exc)
        kind = None
    except (ValueError, TypeError) as exc:
        setup.skipped[name] = f"not a valid rule: {exc}"
        kind = None
    if kind is not None:
        if hasattr(kind, "styles_path"):   # spelling: dictionary and word-list paths are relative to StylesPath
            kind.styles_path, kind.folder = setup.styles_path, path.parent if path is not None else None
        setup.kinds[name] = kind
    d = data if isinstance(data, dict) else {}
    message = str(d.get("message", ""))
    level = str(d.get("level", "suggestion")).lower()
    extends = str(d.get("extends", "?"))
    setup.rules[name] = Rule(
        code=name, name=name, severity=Severity.parse(level if level in RANK else "suggestion"),
        summary=str(d.get("description") or message), message=message,
        what=str(d.get("description") or f"A Vale rule (extends: {extends}) from the {name.split('.')[0]} style."),
        why="", kind=f"vale:{extends}", scope=",".join(str(s) for s in (d.get("scope") or ["text"])) if isinstance(d.get("scope"), list) else str(d.get("scope", "text")),
        source={"url": d["link"]} if d.get("link") else {}, data=d, path=path,
        notes=setup.skipped.get(name, ""),
    )


def _load_styles(setup: ValeSetup, where: str) -> None:
    for style in _wanted_styles(setup):
        if style == "Vale":
            _add(setup, "Vale.Repetition", dict(BUILTIN_REPETITION), None)
            _add(setup, "Vale.Spelling", {"extends": "spelling", "message": "Did you really mean '%s'?", "level": "error"}, None)
            if setup.accepted:
                _add(setup, "Vale.Terms", {"extends": "substitution", "message": "Use '%s' instead of '%s'.", "level": "error",
                                           "ignorecase": True, "vocab": False,
                                           "swap": {t.lower(): t for t in setup.accepted}}, None)   # a later list's spelling wins
            if setup.rejected:
                _add(setup, "Vale.Avoid", {"extends": "existence", "message": "Avoid using '%s'.", "level": "error",
                                           "ignorecase": False, "tokens": list(setup.rejected)}, None)
            continue
        if setup.styles_path is None:
            raise ValeConfigError(f"{where}: BasedOnStyles names {style!r} but no StylesPath is set")
        folder = setup.styles_path / style
        if not folder.is_dir():
            raise ValeConfigError(f"{where}: style {style!r} not found in {setup.styles_path} (run `vale sync`, or fix StylesPath)")
        for f in sorted(list(folder.glob("*.yml")) + list(folder.glob("*.yaml"))):
            name = f"{style}.{f.stem}"
            try:
                data = _yaml_load(f.read_text(encoding="utf-8"))
            except Exception as exc:  # yaml.YAMLError, OSError, UnicodeDecodeError
                setup.skipped[name] = f"cannot be read: {type(exc).__name__}: {exc}"
                data = {}
            _add(setup, name, data, f)
