"""The lint run: build the document once, run the enabled checks, map, suppress, sort."""
from __future__ import annotations

from .records import dataclass, field
from pathlib import Path

from .config import Settings
from .diagnostics import Diagnostic, Finding, Severity
from .document.model import Document
from .document.offsets import SourceRange
from .registry import Rule, load_rules, selector_score
from .sources import SourceError, read_source
from .suppress import parse_suppressions
from .project import LATEX_SUFFIXES, MARKDOWN_SUFFIXES, PROJECT_MARKERS, detect_format, project_root  # noqa: F401 - re-exported

class Context:
    """What a check receives besides the document: its rule, options and a report() helper."""

    def __init__(self, doc: Document, rule: Rule, options: dict, settings: Settings):
        self.doc = doc
        self.rule = rule
        self.options = options
        self.settings = settings

    def report(self, start: int | None = None, end: int | None = None, *, src: SourceRange | None = None,
               message: str | None = None, severity: Severity | None = None, **fields) -> Finding:
        """A finding over a prose-view range [start, end) or a source range `src`."""
        if src is None:
            src = self.doc.to_source(start, end if end is not None else start) if start is not None else None
        if src is None:
            src = SourceRange(0, 0, 0)
        return Finding(self.rule.code, src.file, src.start, src.end, fields, message, severity)


@dataclass
class LintResult:
    root: str
    path: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    document: Document | None = None
    error: str | None = None     # the root itself could not be read

    @property
    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for d in self.diagnostics:
            out[str(d.severity)] += 1
        return out

    def failed(self, fail_on: str | Severity = "warning") -> bool:
        """Whether the CLI would exit with 1 for this document at this threshold."""
        level = fail_on if isinstance(fail_on, Severity) else Severity.parse(fail_on)
        return self.error is not None or any(d.severity >= level for d in self.diagnostics)

    def to_json(self) -> dict:
        """The same object `paperlint --format json` prints for this one document."""
        from .formatters.json_format import document

        return document([self], None)


def build_document(path: Path, settings: Settings, cwd: Path | None = None, text: str | None = None) -> Document:
    """Read and convert one root file.  Raises SourceError when the root cannot be read."""
    if text is None:
        source = read_source(path, cwd)
    else:
        from .sources import SourceFile, display_path

        resolved = path.resolve()
        source = SourceFile(resolved, display_path(resolved, cwd), text.replace("\r\n", "\n").replace("\r", "\n"))
    fmt = detect_format(path, source.text)
    if fmt == "markdown":
        from .document.markdown import read_markdown  # markdown-it costs ~0.1 s to import: only when needed

        return read_markdown(source, cwd=cwd, project_root=project_root(source.path))
    from .document.latex import read_latex
    from .resources import latex_tables

    tables = latex_tables()
    if settings.macros or settings.environments:
        tables = {"macros": {**tables["macros"], **settings.macros}, "environments": {**tables["environments"], **settings.environments}}
    return read_latex(source, project_root=project_root(source.path), tables=tables, cwd=cwd)


def lint_path(path: Path, settings: Settings, cwd: Path | None = None, text: str | None = None) -> LintResult:
    from .checks import CHECKS

    rules = load_rules()
    result = LintResult(root=str(path), path=path)
    try:
        doc = build_document(path, settings, cwd, text)
    except SourceError as exc:
        result.error = str(exc)
        return result
    except RecursionError:
        result.diagnostics.append(_internal(rules, path, cwd, "the file nests groups or environments too deeply to read"))
        return result
    except Exception as exc:  # an internal failure: report it, never a traceback
        result.diagnostics.append(_internal(rules, path, cwd, f"internal error while reading the file: {type(exc).__name__}: {exc}"))
        return result
    result.document = doc
    result.root = doc.root.display
    findings: list[Finding] = []
    for problem in doc.problems:
        findings.append(Finding(problem.code, problem.src.file, problem.src.start, problem.src.end, {}, problem.message))
    for check in CHECKS:
        rule = rules.get(check.code)
        if rule is None or not settings.enabled(rule):
            continue
        ctx = Context(doc, rule, settings.options_for(rule), settings)
        try:
            findings.extend(check.run(doc, ctx))
        except Exception as exc:
            import traceback

            tb = traceback.extract_tb(exc.__traceback__)[-1]
            findings.append(Finding("PL001", 0, 0, 0, {}, f"internal error in rule {rule.code} ({rule.name}): {type(exc).__name__}: {exc} [{Path(tb.filename).name}:{tb.lineno}]; please report it"))
    if settings.vale is not None:   # Vale styles (paperlint/kinds): loaded only when configured
        from .kinds.engine import run_styles

        try:
            findings.extend(run_styles(doc, settings))
        except Exception as exc:
            import traceback

            tb = traceback.extract_tb(exc.__traceback__)[-1]
            findings.append(Finding("PL001", 0, 0, 0, {}, f"internal error in the Vale rules: {type(exc).__name__}: {exc} [{Path(tb.filename).name}:{tb.lineno}]; please report it"))
        rules = {**rules, **settings.vale.rules}
    result.diagnostics = _finish(doc, findings, settings, rules)
    return result


def _internal(rules, path, cwd, message) -> Diagnostic:
    rule = rules["PL001"]
    from .sources import display_path

    shown = display_path(path.resolve(), cwd)
    return Diagnostic("PL001", rule.name, Severity.ERROR, message, shown, str(path.resolve()), 1, 1, 1, 1, shown, url=rule.url)


def venue_severity(doc: Document, settings: Settings) -> dict[str, Severity]:
    """Severities the venue profile in force sets: a section rule that applies to this version of
    the paper (rules/venues/<name>.toml, ``severity`` of a ``[[sections]]`` entry)."""
    from .venues import detect_venue, is_venue_template

    venue = detect_venue(doc, settings)
    prof = venue.profile if venue is not None else None
    if prof is None or is_venue_template(doc):
        return {}
    out = {code: Severity.parse(level) for code, level in prof.severity.items()} if venue.mode in ("review", "camera-ready") else {}
    out.update((code, Severity.parse(level)) for rule in prof.sections if rule.severity and rule.applies(venue)
               for code, level in rule.severity)
    return out


def _finish(doc: Document, findings: list[Finding], settings: Settings, rules: dict[str, Rule], *,
            by_venue: dict[str, Severity] | None = None, unused: bool = True) -> list[Diagnostic]:
    """Findings to diagnostics: positions, suppressions, severities, sorted. `by_venue`: the venue's
    severities when known already; `unused`: also report suppressions that suppressed nothing (PL100)."""
    suppressions = parse_suppressions(doc)
    if by_venue is None:
        by_venue = venue_severity(doc, settings) if findings else {}
    out: list[Diagnostic] = []
    seen = set()
    for f in findings:
        rule = rules.get(f.code)
        internal = f.code == "PL001" and (f.message or "").startswith("internal error")
        if rule is None or not (settings.enabled(rule) or internal):
            continue  # an internal failure is always shown, whatever is selected
        src_file = doc.files[f.file]
        if settings.ignored_for_file(rule, src_file.path):
            continue
        line, col = src_file.line_col(f.start)
        end_line, end_col = src_file.line_col(max(f.end, f.start))
        key = (f.code, f.file, f.start, f.end)
        if key in seen:
            continue
        seen.add(key)
        if not settings.no_suppress and f.code != "PL100":
            d = suppressions.match(rule, f.file, line)
            if d is not None:
                continue
        severity = settings.severity.get(rule.code) or by_venue.get(rule.code) or f.severity or rule.severity
        message = f.message if f.message is not None else rule.format(f.fields)
        fixes = f.fields.get("fixes") if f.fields else None
        out.append(Diagnostic(rule.code, rule.name, severity, message, src_file.display, str(src_file.path), line, col,
                              end_line, end_col, doc.root.display, f.start, f.end, rule.url,
                              fixes=tuple(fixes) if fixes else ()))
    pl100 = rules.get("PL100")
    if unused and pl100 is not None and settings.enabled(pl100) and not settings.no_suppress:
        enabled_rules = [r for r in rules.values() if settings.enabled(r)]
        for d in suppressions.directives:
            if d.used and not d.malformed:
                continue
            if d.malformed:
                message = f"malformed suppression comment: {d.malformed}"
            else:
                targets = [t for t in d.targets if any(selector_score(t, r) >= 0 for r in enabled_rules)]
                if not targets:
                    continue  # it names only rules that are off: it cannot be judged
                message = f"this suppression ({d.verb}[{', '.join(d.targets)}]) suppressed nothing: remove it, or check the rule codes"
            f = doc.files[d.file]
            line, col = f.line_col(d.start)
            end_line, end_col = f.line_col(d.end)
            out.append(Diagnostic("PL100", pl100.name, settings.severity.get("PL100") or pl100.severity, message, f.display, str(f.path),
                                  line, col, end_line, end_col, doc.root.display, d.start, d.end, pl100.url))
    out.sort(key=Diagnostic.sort_key)
    return out
