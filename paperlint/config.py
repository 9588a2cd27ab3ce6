"""Configuration: ``[tool.paperlint]`` in pyproject.toml, or a paperlint.toml.

The configuration is found by walking up from the first file being linted; the
first ``paperlint.toml``, or ``pyproject.toml`` holding a ``[tool.paperlint]``
table, wins.  Validation is strict: an unknown key, a misspelt rule or a wrong
type is a :class:`ConfigError`, reported with the file and key.
"""
from __future__ import annotations

import fnmatch
from .records import dataclass, field
from pathlib import Path

from .diagnostics import Severity
from .registry import Rule, find_rule, is_valid_selector, load_rules, selector_score

TOP_KEYS = {
    "select", "extend-select", "ignore", "severity", "per-file-ignores", "fail-on", "preview",
    "roots", "latex", "rules", "exclude", "venue", "mode", "vale",
}
MODES = {"review", "camera-ready", "preprint"}
LATEX_KEYS = {"macros", "environments"}
MACRO_KEYS = {"args", "action", "as", "arg"}
MACRO_ACTIONS = {"prose", "ignore", "dummy", "placeholder", "cite", "ref", "label"}
ENV_KEYS = {"body", "args"}
ENV_BODIES = {"prose", "ignore", "math", "verbatim", "float", "list", "theorem"}


def venue_names() -> set[str]:
    """The venue profiles (rules/venues/*.toml) a configuration may name."""
    from .venues import profiles

    return set(profiles())


def parse_venue_mode(s: "Settings", venue, mode, where: str) -> None:
    """Set the venue profile and the mode (from the configuration or --venue/--mode), checked."""
    if venue is not None:
        if venue not in venue_names():
            raise ConfigError(f"{where}: venue must be one of {', '.join(sorted(venue_names()))}")
        s.venue = venue
    if mode is not None:
        if mode not in MODES:
            raise ConfigError(f"{where}: mode must be one of {', '.join(sorted(MODES))}")
        s.mode = mode


class ConfigError(Exception):
    pass


@dataclass
class Settings:
    select: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    preview: bool = False
    roots: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    macros: dict[str, dict] = field(default_factory=dict)
    environments: dict[str, dict] = field(default_factory=dict)
    rule_options: dict[str, dict] = field(default_factory=dict)   # by rule code
    venue: str | None = None
    mode: str | None = None         # review | camera-ready | preprint; None: as the source says
    path: Path | None = None            # the file the settings came from
    base: Path | None = None            # its directory: globs are relative to it
    no_suppress: bool = False
    pdf: Path | None = None             # --pdf: the compiled paper, for VN130 and VN101's name check
    vale_table: dict | None = None      # [tool.paperlint.vale], as written
    vale: object | None = None          # the loaded Vale styles (paperlint.kinds.config.ValeSetup), if any

    # -- selection --------------------------------------------------------------
    def enabled(self, rule: Rule) -> bool:
        if rule.status == "preview" and not self.preview:
            return False
        if rule.status in ("deprecated", "removed"):
            return False
        selects = self.select or ["ALL"]
        selects = selects + self.extend_select
        best_sel = max((selector_score(s, rule) for s in selects), default=-1)
        if not rule.default and best_sel < 100:
            return False  # opt-in rules need their code or name
        best_ign = max((selector_score(s, rule) for s in self.ignore), default=-1)
        return best_sel >= 0 and best_sel > best_ign

    def ignored_for_file(self, rule: Rule, file: Path) -> bool:
        if not self.per_file_ignores:
            return False
        try:
            rel = file.relative_to(self.base).as_posix() if self.base else file.name
        except ValueError:
            rel = file.as_posix()
        for pattern, selectors in self.per_file_ignores.items():
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(file.name, pattern):
                if any(selector_score(s, rule) >= 0 for s in selectors):
                    return True
        return False

    def severity_of(self, rule: Rule) -> Severity:
        for key in (rule.code, rule.name):
            if key in self.severity:
                return self.severity[key]
        return rule.severity

    def options_for(self, rule: Rule) -> dict:
        values = {name: opt.default for name, opt in rule.options.items()}
        values.update(self.rule_options.get(rule.code, {}))
        return values


def _toml(path: Path, raw: bytes | None = None) -> dict:
    """A TOML file's table (tomllib.TOMLDecodeError when it does not parse, OSError when it cannot
    be read), kept between runs while the file keeps its size and time (recache.parsed)."""
    from . import recache

    def make() -> dict:
        import tomllib

        data = raw if raw is not None else path.read_bytes()
        return tomllib.loads(data.decode("utf-8", errors="replace") if raw is not None else data.decode("utf-8"))

    return recache.parsed(("toml", str(path), raw is not None), recache.file_stamp([path]), make)


def _toml_error():
    import tomllib

    return tomllib.TOMLDecodeError


def find_config(start: Path) -> Path | None:
    start = start.resolve()
    directory = start if start.is_dir() else start.parent
    for d in (directory, *directory.parents):
        cand = d / "paperlint.toml"
        if cand.is_file():
            return cand
        cand = d / "pyproject.toml"
        if cand.is_file():
            try:
                raw = cand.read_bytes()
            except OSError:
                continue
            if b"paperlint" not in raw:   # no [tool.paperlint] table can be in it: not parsed
                continue
            try:
                data = _toml(cand, raw)
            except (OSError, _toml_error()):
                return cand  # load_settings refuses it, naming the line: settings never vanish silently
            if "paperlint" in data.get("tool", {}):
                return cand
    return None


def load_settings(path: Path | None) -> Settings:
    if path is None:
        return Settings()
    try:
        data = _toml(path)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except _toml_error() as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    table = data.get("tool", {}).get("paperlint", {}) if path.name == "pyproject.toml" else data.get("tool", {}).get("paperlint", data)
    prefix = "[tool.paperlint]" if path.name == "pyproject.toml" else path.name
    return parse_settings(table, path=path, where=prefix)


def _strings(value, key, where) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return value


def parse_settings(table: dict, *, path: Path | None = None, where: str = "configuration") -> Settings:
    rules = load_rules()
    unknown = set(table) - TOP_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key{'s' if len(unknown) > 1 else ''} {', '.join(sorted(unknown))} (known: {', '.join(sorted(TOP_KEYS))})")
    s = Settings(path=path, base=path.parent if path else None)
    if "vale" in table:
        if not isinstance(table["vale"], dict):
            raise ConfigError(f"{where}: 'vale' must be a table of Vale settings (StylesPath, BasedOnStyles...)")
        s.vale_table = table["vale"]
    attach_vale(s, path.parent if path else None)   # before the selectors, which may name Vale rules
    rules = all_rules(s)

    def selectors(key):
        values = _strings(table.get(key, []), key, where)
        for v in values:
            if not is_valid_selector(v, rules):
                raise ConfigError(f"{where}: '{key}' names {v!r}, which matches no rule (see `paperlint rules`)")
        return values

    s.select = selectors("select")
    s.extend_select = selectors("extend-select")
    s.ignore = selectors("ignore")
    for key, value in table.get("severity", {}).items():
        rule = find_rule(key, rules)
        if rule is None:
            raise ConfigError(f"{where}: [severity] names {key!r}, which is not a rule")
        try:
            s.severity[rule.code] = Severity.parse(value)
        except ValueError as exc:
            raise ConfigError(f"{where}: [severity] {key}: {exc}") from None
    pfi = table.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise ConfigError(f"{where}: 'per-file-ignores' must be a table of glob = [rules]")
    for glob, sel in pfi.items():
        vals = _strings(sel, f"per-file-ignores.{glob}", where)
        for v in vals:
            if not is_valid_selector(v, rules):
                raise ConfigError(f"{where}: per-file-ignores {glob!r} names {v!r}, which matches no rule")
        s.per_file_ignores[glob] = vals
    if "fail-on" in table:
        try:
            s.fail_on = Severity.parse(table["fail-on"])
        except ValueError as exc:
            raise ConfigError(f"{where}: fail-on: {exc}") from None
    if "preview" in table:
        if not isinstance(table["preview"], bool):
            raise ConfigError(f"{where}: 'preview' must be true or false")
        s.preview = table["preview"]
    s.roots = _strings(table.get("roots", []), "roots", where)
    s.exclude = _strings(table.get("exclude", []), "exclude", where)
    parse_venue_mode(s, table.get("venue"), table.get("mode"), where)
    latex = table.get("latex", {})
    bad = set(latex) - LATEX_KEYS
    if bad:
        raise ConfigError(f"{where}: unknown key(s) in [latex]: {', '.join(sorted(bad))}")
    for name, spec in latex.get("macros", {}).items():
        if not isinstance(spec, dict) or set(spec) - MACRO_KEYS:
            raise ConfigError(f"{where}: latex.macros.{name} must be a table with keys {', '.join(sorted(MACRO_KEYS))}")
        action = spec.get("action", "prose")
        if action not in MACRO_ACTIONS:
            raise ConfigError(f"{where}: latex.macros.{name}: action must be one of {', '.join(sorted(MACRO_ACTIONS))}")
        if action == "placeholder":
            spec = dict(spec, action="dummy")
        args = spec.get("args", "")
        if not isinstance(args, str) or set(args) - set("*[{v"):
            raise ConfigError(f"{where}: latex.macros.{name}: args may only use the letters * [ {{ v")
        s.macros[name.lstrip("\\")] = spec
    for name, spec in latex.get("environments", {}).items():
        if not isinstance(spec, dict) or set(spec) - ENV_KEYS or spec.get("body", "prose") not in ENV_BODIES:
            raise ConfigError(f"{where}: latex.environments.{name} must be a table with body = one of {', '.join(sorted(ENV_BODIES))}")
        s.environments[name] = spec
    for key, opts in table.get("rules", {}).items():
        rule = find_rule(key, rules)
        if rule is None:
            raise ConfigError(f"{where}: [rules.{key}] is not a rule")
        if not isinstance(opts, dict):
            raise ConfigError(f"{where}: [rules.{key}] must be a table of options")
        checked = {}
        for oname, value in opts.items():
            opt = rule.options.get(oname)
            if opt is None:
                known = ", ".join(rule.options) or "none"
                raise ConfigError(f"{where}: rules.{key}: unknown option {oname!r} (options: {known})")
            from .registry import OPTION_TYPES

            expected = OPTION_TYPES.get(opt.type, object)
            if not isinstance(value, expected) or (opt.type == "int" and isinstance(value, bool)):
                raise ConfigError(f"{where}: rules.{key}.{oname} must be of type {opt.type}")
            if opt.choices and value not in opt.choices:
                raise ConfigError(f"{where}: rules.{key}.{oname} must be one of {', '.join(map(str, opt.choices))}")
            checked[oname] = value
        s.rule_options.setdefault(rule.code, {}).update(checked)
    return s


def split_names(value) -> list[str]:
    """Rule selectors from None, one comma-separated string, or an iterable of such strings."""
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    return [p.strip() for item in items for p in str(item).split(",") if p.strip()]


def apply_selectors(settings: Settings, select=None, ignore=None) -> Settings:
    """The command line's (or the API's) `select` replaces the configuration's; `ignore` adds to
    it. Raises ValueError naming a selector that matches no rule."""
    rules = all_rules(settings)
    sel, ign = split_names(select), split_names(ignore)
    for name in sel + ign:
        if not is_valid_selector(name, rules):
            raise ValueError(f"{name!r} matches no rule code, name or prefix (see `paperlint rules`)")
    if sel:
        settings.select = sel
        settings.extend_select = []
    if ign:
        settings.ignore = list(settings.ignore) + ign
    return settings


# -- Vale styles (paperlint/kinds is imported only when one is configured) -------------------
VALE_INI_NAMES = (".vale.ini", "_vale.ini", ".vale", "_vale")
_PROJECT_MARKERS = (".git", ".hg", "paperlint.toml", "pyproject.toml")


def find_vale_ini(start: Path) -> Path | None:
    """A Vale configuration file in `start`'s folder or above, up to the project root (the first
    folder holding .git, .hg, paperlint.toml or pyproject.toml); never the home folder's."""
    start = start.resolve()
    directory = start if start.is_dir() else start.parent
    for d in (directory, *directory.parents):
        for name in VALE_INI_NAMES:
            cand = d / name
            if cand.is_file():
                return cand
        if any((d / m).exists() for m in _PROJECT_MARKERS):
            return None
    return None


def attach_vale(settings: Settings, start: Path | None) -> Settings:
    """Load the Vale styles the settings' [vale] table or a .vale.ini found from `start` names."""
    if settings.vale is not None:
        return settings
    table, ini = settings.vale_table, None
    if table is None:
        ini = find_vale_ini(start) if start is not None else None
        if ini is None:
            return settings
    from .kinds.config import ValeConfigError, load, read_ini

    try:
        if table is not None:
            base = settings.base or Path.cwd()
            settings.vale = load(table, path=settings.path, base=base)
        else:
            settings.vale = load(read_ini(ini), path=ini, base=ini.parent)
    except ValeConfigError as exc:
        raise ConfigError(f"Vale configuration: {exc}") from None
    return settings


def all_rules(settings: Settings | None) -> dict[str, Rule]:
    """paperlint's rules and, when Vale styles are configured, their rules (`Style.Rule`)."""
    rules = load_rules()
    vale = getattr(settings, "vale", None)
    return {**rules, **vale.rules} if vale is not None else rules
