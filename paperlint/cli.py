"""Command line: `paperlint [OPTIONS] PATH...`, `paperlint rules`, `paperlint rule CODE`.

Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 for a usage
error, a configuration error or a file that cannot be read.
"""
from __future__ import annotations

from . import recache

recache.install()   # compiled patterns saved by earlier runs (paperlint/recache.py)

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import click  # noqa: E402

from . import __version__  # noqa: E402
from .config import ConfigError, Settings, find_config, load_settings  # noqa: E402
from .diagnostics import Severity  # noqa: E402
from .fileutil import atomic_write_text  # noqa: E402
from .roots import SKIP_DIRS, find_roots, is_markdown_paper  # noqa: E402,F401 - part of the CLI module's names


class DefaultGroup(click.Group):
    """Runs `check` when the first argument is not a sub-command, so `paperlint draft.tex` works.

    Sub-commands listed in paperlint.commands are imported only when invoked.
    """

    def list_commands(self, ctx):
        from . import commands

        return sorted(set(super().list_commands(ctx)) | set(commands.available()))

    def get_command(self, ctx, name):
        cmd = super().get_command(ctx, name)
        if cmd is None:
            from . import commands

            if name in commands.available():
                cmd = commands.load(name)
        return cmd

    def _is_command(self, name):
        from . import commands

        return name in self.commands or name in commands.available()

    def parse_args(self, ctx, args):
        if args and not self._is_command(args[0]) and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        elif not args:
            args = ["check"]
        return super().parse_args(ctx, args)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="paperlint")
def main():
    """paperlint: a linter and writing assistant for research-paper drafts (LaTeX and Markdown).

    Run `paperlint DRAFT.tex` (or a folder) to lint; `paperlint rules` lists the checks.
    """


def run() -> None:
    """The `paperlint` command (console script and ``python -m paperlint``): ``main()``, then
    leave without tearing the interpreter down.

    Freeing every module and object at exit costs about 19 ms, a sixth of a one-page lint, and
    the process is ending anyway. So, when the main thread is the only one left, the exit
    handlers are run, standard output and error are flushed, and the process ends with
    ``os._exit``. Every file paperlint writes is closed before ``main()`` returns.
    ``PAPERLINT_NORMAL_EXIT=1`` exits the usual way. Tests that call ``main`` in process are
    unaffected."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    import threading

    if threading.active_count() > 1 or os.environ.get("PAPERLINT_NORMAL_EXIT", "") not in ("", "0"):
        sys.exit(code)
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):   # a closed pipe (paperlint ... | head): nothing more to say
            pass
    os._exit(code)


def _settings(paths, config, select, ignore, fail_on, no_suppress, venue=None, mode=None) -> Settings:
    from .config import apply_selectors, parse_venue_mode

    cfg = Path(config) if config else find_config(Path(paths[0]) if paths else Path.cwd())
    settings = load_settings(cfg)
    try:
        parse_venue_mode(settings, venue, mode, "--venue/--mode")
    except ConfigError as exc:
        raise click.UsageError(str(exc).split(": ", 1)[-1]) from None
    from .config import attach_vale

    attach_vale(settings, Path(paths[0]) if paths else Path.cwd())   # a .vale.ini beside the draft
    if settings.vale is not None:
        for name, why in settings.vale.skipped.items():
            click.echo(f"paperlint: Vale rule {name} does not run: {why}", err=True)
    try:
        apply_selectors(settings, select, ignore)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if fail_on:
        settings.fail_on = Severity.parse(fail_on)
    settings.no_suppress = no_suppress
    return settings


def _files_read(results) -> set[Path]:
    """Every file the run read as a draft: the roots and what they include."""
    return {Path(r.path).resolve() for r in results} | {f.path for r in results if r.document is not None for f in r.document.files}


def _formats() -> list[str]:
    from .formatters import available

    return available()


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(_formats()), default=None, help="Output format (default: text; github when GITHUB_ACTIONS=true).")
@click.option("--select", multiple=True, help="Only these rules: codes, names or prefixes, comma-separated (replaces the configuration's select).")
@click.option("--ignore", multiple=True, help="Also skip these rules: codes, names or prefixes, comma-separated.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None, help="Exit with 1 when a finding of this severity or worse is reported (default: warning).")
@click.option("--config", type=click.Path(exists=True, dir_okay=False), default=None, help="Use this paperlint.toml or pyproject.toml instead of searching upward.")
@click.option("--quiet", "-q", is_flag=True, help="Hide info-level findings, source excerpts and the summary line.")
@click.option("--no-suppress", is_flag=True, help="Ignore `paperlint: ignore[...]` comments (for audits).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None, help="Write the report to this file instead of standard output.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: only on a terminal).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), default=None, help="Report only findings that are not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False, writable=True), default=None, help="Record today's findings in this baseline file (and report nothing).")
@click.option("--only-passed-files", is_flag=True, help="Report only findings located in the files given (what the pre-commit hook uses); each chapter's root is still linted whole.")
@click.option("--summary", "summary_file", type=click.Path(dir_okay=False), default=None, help="Also append a Markdown summary (findings per rule and per file, worst first) to this file, e.g. $GITHUB_STEP_SUMMARY.")
@click.option("--diff-base", "diff_base", default=None, metavar="REF", help="Report only findings that are new since this git revision (its files are read with git, never checked out).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=False, help="Lint this many documents at once (default 0: one per CPU); the output is the same as with -j 1.")
@click.option("--venue", default=None, metavar="NAME", help="Judge the draft by this venue's profile (rules/venues/: neurips, icml, iclr, acl, ...) instead of the one its style file shows.")
@click.option("--mode", type=click.Choice(["review", "camera-ready", "preprint"]), default=None, help="The version being checked, instead of what the style file's options say: review (anonymous submission), camera-ready or preprint.")
@click.option("--pdf", "pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None, help="The compiled paper: check its pages against the venue's page limit (VN130) and, in review mode, that it shows no author name (VN101).")
def check(paths, fmt, select, ignore, fail_on, config, quiet, no_suppress, output, color, baseline_file, write_baseline, only_passed_files, diff_base, summary_file, jobs, venue, mode, pdf):
    """Lint LaTeX or Markdown drafts (files or folders).

    A chapter file (a .tex without \\documentclass) is linted as part of its root document,
    found from a `% !TeX root = main.tex` comment, the configuration's `roots` or the roots
    of its project that \\input it; only the chapter's findings are reported.
    """
    from .engine import lint_path
    from .formatters import get as get_formatter

    if not paths:
        raise click.UsageError("give a draft to lint, e.g. `paperlint main.tex` (or a folder)")
    try:
        settings = _settings(paths, config, select, ignore, fail_on, no_suppress, venue, mode)
        settings.pdf = pdf
    except ConfigError as exc:
        click.echo(f"paperlint: configuration error: {exc}", err=True)
        sys.exit(2)
    known = None
    if baseline_file:
        from .baseline import BaselineError, load as load_baseline

        try:
            known = load_baseline(Path(baseline_file))
        except BaselineError as exc:
            click.echo(f"paperlint: baseline: {exc}", err=True)
            sys.exit(2)
    plan, usage_errors = _plan(paths, settings)
    results = []
    linted = _lint_all([given for _, given, _ in plan], settings, jobs)
    for (root, given, keep), res in zip(plan, linted):
        if keep is not None:   # chapters linted through their root: report only their findings
            read = {str(f.path) for f in res.document.files} if res.document is not None else set()
            for f in sorted(keep):
                if str(f) not in read:   # the root does not read it after all: lint it on its own
                    why = "cannot be read" if res.document is None else "does not include it"
                    click.echo(f"paperlint: {_shown(f)}: its root {_shown(root)} {why}; linted on its own", err=True)
                    results.append(lint_path(f, settings, Path.cwd()))
            if res.document is None:
                continue
            res.diagnostics = [d for d in res.diagnostics if Path(d.path) in keep]
        results.append(res)
    if only_passed_files:
        passed = {Path(p).resolve() for p in paths if Path(p).exists()}
        for res in results:
            res.diagnostics = [d for d in res.diagnostics if _within(Path(d.path), passed)]
    for p in usage_errors:
        click.echo(f"paperlint: {p}: no such file or directory", err=True)
    if write_baseline:
        from .baseline import write as write_baseline_file

        n = write_baseline_file(Path(write_baseline), results)
        click.echo(f"paperlint: recorded {n} finding{'s' if n != 1 else ''} in {write_baseline}", err=True)
        sys.exit(2 if usage_errors or any(r.error for r in results) or not plan else 0)
    if diff_base is not None:   # before --quiet, as the baseline: occurrence indices count every finding
        from .baseline import apply as apply_baseline
        from .diffbase import DiffBaseError, known_at

        try:
            before = known_at(diff_base, [given for _, given, _ in plan], settings, Path.cwd())
        except DiffBaseError as exc:
            click.echo(f"paperlint: {exc}", err=True)
            sys.exit(2)
        apply_baseline(results, before)
    if known is not None:   # before --quiet, so that occurrence indices are counted as when it was written
        from .baseline import apply as apply_baseline

        apply_baseline(results, known)
    if quiet:
        for res in results:
            res.diagnostics = [d for d in res.diagnostics if d.severity > Severity.INFO]
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in _formats() else "text"
    use_color = color if color is not None else (output is None and sys.stdout.isatty())
    rendered = get_formatter(fmt)(results, settings, color=use_color, quiet=quiet)
    for flag, dest in (("--summary", summary_file), ("--output", output)):
        if dest and Path(dest).exists() and Path(dest).resolve() in _files_read(results):
            click.echo(f"paperlint: error: {flag} {dest} is one of the drafts being linted; it was not written", err=True)
            sys.exit(2)
    if summary_file:
        from .formatters.summary import render as render_summary

        try:
            with open(summary_file, "a", encoding="utf-8") as fh:  # a job summary is appended to, by design
                fh.write(render_summary(results, settings))
        except OSError as exc:
            click.echo(f"paperlint: error: cannot write --summary {summary_file}: {exc.strerror or exc}", err=True)
            sys.exit(2)
    if output:
        target = Path(output).resolve()
        try:
            atomic_write_text(target, rendered, newline=None)  # a reader never sees half a report
        except OSError as exc:
            click.echo(f"paperlint: error: cannot write --output {output}: {exc.strerror or exc}", err=True)
            sys.exit(2)
    else:
        click.echo(rendered, nl=False)
    if usage_errors or any(r.error for r in results) or (not plan and paths):
        sys.exit(2)
    failing = any(d.severity >= settings.fail_on for r in results for d in r.diagnostics)
    sys.exit(1 if failing else 0)


def _lint_one(job):
    from .api import lint

    given, settings, cwd = job
    return lint(given, config=settings, cwd=cwd)


def _lint_all(givens: list[Path], settings: Settings, jobs: int) -> list:
    """Lint every root, in worker processes when there are several, results in plan order."""
    workers = min(jobs or os.cpu_count() or 1, len(givens))
    cwd = Path.cwd()
    if workers > 1:
        import concurrent.futures
        import multiprocessing

        try:
            ctx = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
            with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                return list(pool.map(_lint_one, [(g, settings, cwd) for g in givens], chunksize=1))
        except (OSError, concurrent.futures.process.BrokenProcessPool, ImportError) as exc:
            click.echo(f"paperlint: parallel run failed ({exc}); linting one document at a time", err=True)
    return [_lint_one((g, settings, cwd)) for g in givens]


def _shown(path: Path) -> str:
    from .sources import display_path

    return display_path(path)


def _within(path: Path, passed: set[Path]) -> bool:
    """Whether a diagnostic's file is one of the passed files, or inside a passed folder."""
    if path in passed:
        return True
    return any(p.is_dir() and path.is_relative_to(p) for p in passed)


def _plan(paths, settings: Settings):
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
                click.echo(f"paperlint: no LaTeX root (a .tex file with \\documentclass) or Markdown paper found in {p}", err=True)
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


def _project_vale():
    """The Vale styles the project in the current folder configures (.vale.ini or
    [tool.paperlint.vale]), or None."""
    from .config import attach_vale

    try:
        settings = attach_vale(load_settings(find_config(Path.cwd())), Path.cwd())
    except ConfigError as exc:
        click.echo(f"paperlint: {exc}", err=True)
        sys.exit(2)
    return settings.vale


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--all", "show_all", is_flag=True, help="Also list preview and opt-in rules' status columns.")
def rules_cmd(fmt, show_all):
    """List every rule with its code, name, severity and summary, and the project's Vale rules."""
    from .registry import load_rules

    rules = load_rules()
    vale = _project_vale()
    if vale is not None:
        from .kinds import listing
    if fmt == "json":
        data = [
            {"code": r.code, "name": r.name, "severity": str(r.severity), "status": r.status, "default": r.default,
             "summary": r.summary, "what": r.what, "why": r.why, "source": r.source, "options": {k: {"type": o.type, "default": o.default, "doc": o.doc} for k, o in r.options.items()}}
            for r in rules.values()
        ]
        if vale is not None:
            data += listing.json_rows(vale)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for r in rules.values():
        flag = "" if r.default else " (opt-in)"
        click.echo(f"{r.code}  {r.name:<28} {str(r.severity):<8} {r.summary}{flag}")
    if vale is not None:
        click.echo("\n".join(listing.text_lines(vale)))


@main.command("rule")
@click.argument("key")
def rule_cmd(key):
    """Explain one rule: what it does, why, examples, options and the source of the advice; or
    one of the project's Vale rules (`paperlint rule write-good.Weasel`)."""
    from .registry import find_rule

    r = find_rule(key)
    if r is None and "." in key:
        vale = _project_vale()
        if vale is not None:
            from .kinds import listing

            code = listing.find(vale, key)
            if code is not None:
                click.echo(listing.render(vale, code))
                return
    if r is None:
        click.echo(f"paperlint: no rule {key!r} (see `paperlint rules`)", err=True)
        sys.exit(2)
    click.echo(render_rule(r))


def render_rule(r) -> str:
    out = [f"# {r.code} {r.name}", "", f"Severity: {r.severity}. Status: {r.status}{'' if r.default else ', opt-in'}.", "",
           "## What it does", "", r.what, "", "## Why is this bad?", "", r.why]
    bad = r.examples.get("bad") or []
    good = r.examples.get("good") or []
    if bad:
        out += ["", "## Example", ""]
        for b in bad[:2]:
            out += ["```", b.rstrip("\n"), "```"]
    if good:
        out += ["", "## Use instead", ""]
        for g in good[:2]:
            out += ["```", g.rstrip("\n"), "```"]
    if r.options:
        out += ["", "## Options", ""]
        for name, o in r.options.items():
            out.append(f"- `{name}` ({o.type}, default {json.dumps(o.default)}): {o.doc}")
    if r.notes:
        out += ["", "## Notes", "", r.notes]
    src = r.source
    if src:
        out += ["", "## Source", "", f"{src.get('title', '')}, section \"{src.get('section', '')}\". {src.get('url', '')}".strip()]
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    main()
