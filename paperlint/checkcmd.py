"""The lint command (`paperlint [OPTIONS] PATH...`) without its command-line parser.

paperlint/cli.py declares the options with click; paperlint/entry.py reads the common command
lines itself, so that a lint does not import click (about 20 ms of a 0.1 s run). Both call
`check_command` with the same values. A problem with the command line is raised as
`UsageProblem`: click shows it with the usage line, and the entry point hands the whole command
line to click, which then reports it the same way.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .config import ConfigError, Settings, find_config, load_settings
from .diagnostics import Severity
from .fileutil import atomic_write_text
from .roots import find_roots


class UsageProblem(Exception):
    """The command line asks for something that cannot be done (shown as a usage error)."""


_ANSI = None


def echo(message: str = "", *, err: bool = False, nl: bool = True, color: bool | None = None) -> None:
    """Write a message to standard output (or error) and flush, as ``click.echo`` does: ANSI
    colour codes are removed when the stream is not a terminal, unless `color` says otherwise."""
    global _ANSI
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    out = message + "\n" if nl else message
    if out:
        strip = (not color) if color is not None else not _isatty(stream)
        if strip and "\033" in out:
            if _ANSI is None:
                import re

                _ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")
            out = _ANSI.sub("", out)
        stream.write(out)
    stream.flush()


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def settings_for(paths, config, select, ignore, fail_on, no_suppress, venue=None, mode=None) -> Settings:
    """The settings of a lint: the configuration found (or given), then the command line's
    venue, mode, rule selectors and --fail-on. Raises UsageProblem or ConfigError."""
    from .config import apply_selectors, parse_venue_mode

    cfg = Path(config) if config else find_config(Path(paths[0]) if paths else Path.cwd())
    settings = load_settings(cfg)
    try:
        parse_venue_mode(settings, venue, mode, "--venue/--mode")
    except ConfigError as exc:
        raise UsageProblem(str(exc).split(": ", 1)[-1]) from None
    from .config import attach_vale

    attach_vale(settings, Path(paths[0]) if paths else Path.cwd())   # a .vale.ini beside the draft
    try:
        apply_selectors(settings, select, ignore)
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None
    if settings.vale is not None:   # after every usage problem: nothing is printed before one
        for name, why in settings.vale.skipped.items():
            echo(f"paperlint: Vale rule {name} does not run: {why}", err=True)
    if fail_on:
        settings.fail_on = Severity.parse(fail_on)
    settings.no_suppress = no_suppress
    return settings


def files_read(results) -> set[Path]:
    """Every file the run read as a draft: the roots and what they include."""
    return {Path(r.path).resolve() for r in results} | {f.path for r in results if r.document is not None for f in r.document.files}


def formats() -> list[str]:
    from .formatters import available

    return available()




def check_command(paths, fmt, select, ignore, fail_on, config, quiet, no_suppress, output, color, baseline_file, write_baseline, only_passed_files, diff_base, summary_file, jobs, venue, mode, pdf):
    """Lint the drafts as `paperlint check` does; exits (SystemExit) with the command's status."""

    from .engine import lint_path
    from .formatters import get as get_formatter

    if not paths:
        raise UsageProblem("give a draft to lint, e.g. `paperlint main.tex` (or a folder)")
    try:
        settings = settings_for(paths, config, select, ignore, fail_on, no_suppress, venue, mode)
        settings.pdf = pdf
    except ConfigError as exc:
        echo(f"paperlint: configuration error: {exc}", err=True)
        sys.exit(2)
    known = None
    if baseline_file:
        from .baseline import BaselineError, load as load_baseline

        try:
            known = load_baseline(Path(baseline_file))
        except BaselineError as exc:
            echo(f"paperlint: baseline: {exc}", err=True)
            sys.exit(2)
    plan, usage_errors = plan_roots(paths, settings)
    results = []
    linted = lint_all([given for _, given, _ in plan], settings, jobs)
    for (root, given, keep), res in zip(plan, linted):
        if keep is not None:   # chapters linted through their root: report only their findings
            read = {str(f.path) for f in res.document.files} if res.document is not None else set()
            for f in sorted(keep):
                if str(f) not in read:   # the root does not read it after all: lint it on its own
                    why = "cannot be read" if res.document is None else "does not include it"
                    echo(f"paperlint: {shown(f)}: its root {shown(root)} {why}; linted on its own", err=True)
                    results.append(lint_path(f, settings, Path.cwd()))
            if res.document is None:
                continue
            res.diagnostics = [d for d in res.diagnostics if Path(d.path) in keep]
        results.append(res)
    if only_passed_files:
        passed = {Path(p).resolve() for p in paths if Path(p).exists()}
        for res in results:
            res.diagnostics = [d for d in res.diagnostics if within(Path(d.path), passed)]
    for p in usage_errors:
        echo(f"paperlint: {p}: no such file or directory", err=True)
    if write_baseline:
        from .baseline import write as write_baseline_file

        n = write_baseline_file(Path(write_baseline), results)
        echo(f"paperlint: recorded {n} finding{'s' if n != 1 else ''} in {write_baseline}", err=True)
        sys.exit(2 if usage_errors or any(r.error for r in results) or not plan else 0)
    if diff_base is not None:   # before --quiet, as the baseline: occurrence indices count every finding
        from .baseline import apply as apply_baseline
        from .diffbase import DiffBaseError, known_at

        try:
            before = known_at(diff_base, [given for _, given, _ in plan], settings, Path.cwd())
        except DiffBaseError as exc:
            echo(f"paperlint: {exc}", err=True)
            sys.exit(2)
        apply_baseline(results, before)
    if known is not None:   # before --quiet, so that occurrence indices are counted as when it was written
        from .baseline import apply as apply_baseline

        apply_baseline(results, known)
    if quiet:
        for res in results:
            res.diagnostics = [d for d in res.diagnostics if d.severity > Severity.INFO]
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in formats() else "text"
    use_color = color if color is not None else (output is None and sys.stdout.isatty())
    rendered = get_formatter(fmt)(results, settings, color=use_color, quiet=quiet)
    for flag, dest in (("--summary", summary_file), ("--output", output)):
        if dest and Path(dest).exists() and Path(dest).resolve() in files_read(results):
            echo(f"paperlint: error: {flag} {dest} is one of the drafts being linted; it was not written", err=True)
            sys.exit(2)
    if summary_file:
        from .formatters.summary import render as render_summary

        try:
            with open(summary_file, "a", encoding="utf-8") as fh:  # a job summary is appended to, by design
                fh.write(render_summary(results, settings))
        except OSError as exc:
            echo(f"paperlint: error: cannot write --summary {summary_file}: {exc.strerror or exc}", err=True)
            sys.exit(2)
    if output:
        target = Path(output).resolve()
        try:
            atomic_write_text(target, rendered, newline=None)  # a reader never sees half a report
        except OSError as exc:
            echo(f"paperlint: error: cannot write --output {output}: {exc.strerror or exc}", err=True)
            sys.exit(2)
    else:
        echo(rendered, nl=False, color=use_color)   # --color keeps its colours in a pipe
    if usage_errors or any(r.error for r in results) or (not plan and paths):
        sys.exit(2)
    failing = any(d.severity >= settings.fail_on for r in results for d in r.diagnostics)
    sys.exit(1 if failing else 0)


def lint_one(job):
    from .api import lint

    given, settings, cwd = job
    return lint(given, config=settings, cwd=cwd)


def lint_all(givens: list[Path], settings: Settings, jobs: int) -> list:
    """Lint every root, in worker processes when there are several, results in plan order."""
    workers = min(jobs or os.cpu_count() or 1, len(givens))
    cwd = Path.cwd()
    if workers > 1:
        import concurrent.futures
        import multiprocessing

        try:
            ctx = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
            with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                return list(pool.map(lint_one, [(g, settings, cwd) for g in givens], chunksize=1))
        except (OSError, concurrent.futures.process.BrokenProcessPool, ImportError) as exc:
            echo(f"paperlint: parallel run failed ({exc}); linting one document at a time", err=True)
    return [lint_one((g, settings, cwd)) for g in givens]


def shown(path: Path) -> str:
    from .sources import display_path

    return display_path(path)


def within(path: Path, passed: set[Path]) -> bool:
    """Whether a diagnostic's file is one of the passed files, or inside a passed folder."""
    if path in passed:
        return True
    return any(p.is_dir() and path.is_relative_to(p) for p in passed)


def plan_roots(paths, settings: Settings):
    """What to lint: [(root, path as given, files to report or None for all)], and the missing paths.

    Each root is linted once.  A folder contributes its roots (all findings); a root file
    contributes itself; a chapter contributes its root with only the chapter's findings
    (the chapter alone when no root includes it).
    """
    from .roots import RootFinder

    finder = None
    plan: dict[Path, list] = {}
    usage_errors = []

    def add(root: Path, given: Path, keep: Path | None):
        key = root.resolve()
        if key not in plan:
            plan[key] = [key, given, set() if keep is not None else None]
        entry = plan[key]
        if keep is None:
            entry[2] = None
        elif entry[2] is not None:
            entry[2].add(keep.resolve())

    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = find_roots(path, settings)
            if not found:
                echo(f"paperlint: no LaTeX root (a .tex file with \\documentclass) or Markdown paper found in {p}", err=True)
            for r in found:
                add(r, r, None)
        elif path.exists():
            if finder is None:
                finder = RootFinder(settings)
            root = finder.root_of(path)
            if root is None or root == path.resolve():
                add(path, path, None)
            else:
                from .sources import display_path

                add(root, Path(display_path(root)), path)
        else:
            usage_errors.append(p)
    return [tuple(v) for v in plan.values()], usage_errors


