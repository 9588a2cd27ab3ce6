"""paperlint's Python API: lint one draft from a program.

    >>> import paperlint
    >>> report = paperlint.lint("paper/main.tex", select=["EV", "ST101"])
    >>> for d in report.diagnostics:
    ...     print(d.file, d.line, d.column, d.code, d.message)
    >>> report.to_json()          # the JSON record of this document (schema 1.0)

``lint`` takes a path (``str`` or ``Path``) or the draft's text (a ``str`` with a line break, or
``text=``), and returns a :class:`Report`. It never raises for a bad draft: an unreadable root
is ``report.error``; a configuration or rule selector that is wrong raises ``ValueError``. This
interface (the names and fields documented here) is stable within a major version; the CLI's
``check`` command lints through it.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from .config import ConfigError, Settings, apply_selectors, find_config, load_settings, parse_settings
from .engine import LintResult

__all__ = ["Report", "lint"]


#: The outcome of linting one root document: ``root`` (as displayed), ``path``, ``diagnostics``
#: (sorted by file, line, column; each with code, name, severity, message, file, line, column,
#: end_line, end_column, url), ``document`` (the parsed model), ``error`` (why the root could not
#: be read, else None), ``counts``, ``failed(fail_on="warning")`` and ``to_json()``.
Report = LintResult


def _settings(config, select, ignore, start: Path) -> Settings:
    try:
        if isinstance(config, Settings):
            settings = config
        elif isinstance(config, Mapping):
            settings = parse_settings(dict(config))
        elif config is not None:
            settings = load_settings(Path(config))
        else:
            settings = load_settings(find_config(start))
        from .config import attach_vale

        attach_vale(settings, start)   # a .vale.ini beside the draft
    except ConfigError as exc:
        raise ValueError(f"configuration error: {exc}") from exc
    return apply_selectors(settings, select, ignore)


def lint(source: str | Path | None = None, *, text: str | None = None, name: str = "draft.tex",
         config: str | Path | Mapping | Settings | None = None, select: str | Iterable[str] | None = None,
         ignore: str | Iterable[str] | None = None, cwd: str | Path | None = None) -> Report:
    """Lint one draft and return its :class:`Report`.

    source  a path to the root file, or the draft's text when it is a ``str`` holding a line break
    text    the draft's text (then ``name`` gives its file name, whose suffix decides LaTeX or
            Markdown, and the folder ``\\input`` is resolved from: ``cwd``)
    config  a ``paperlint.toml`` / ``pyproject.toml`` path, a table as in that file, or Settings;
            by default the configuration is found upward from the draft, as the CLI does
    select, ignore  rule codes, names or prefixes (a list, or one comma-separated string)
    cwd     the folder paths are shown relative to (default: the current directory)
    """
    from .engine import lint_path

    if isinstance(source, str) and "\n" in source and text is None:
        source, text = None, source
    base = Path(cwd) if cwd is not None else Path.cwd()
    if text is not None:
        if source is not None:
            raise ValueError("give a path or text, not both")
        path = base / name
    elif source is None:
        raise ValueError("give a path or text= to lint")
    else:
        path = Path(source)
    settings = _settings(config, select, ignore, path if text is None else base)
    return lint_path(path, settings, base, text=text)
