"""Command line: `paperlint [OPTIONS] PATH...`, `paperlint rules`, `paperlint rule CODE`.

The `paperlint` command starts in paperlint/entry.py, which runs a plain lint without importing
this module (and click); this module is the whole command line, and what tests invoke.

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
from .checkcmd import UsageProblem, check_command  # noqa: E402
from .config import ConfigError, find_config, load_settings  # noqa: E402
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
    try:
        check_command(paths, fmt, select, ignore, fail_on, config, quiet, no_suppress, output, color, baseline_file,
                      write_baseline, only_passed_files, diff_base, summary_file, jobs, venue, mode, pdf)
    except UsageProblem as exc:
        raise click.UsageError(str(exc)) from None


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
