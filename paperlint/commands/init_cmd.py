"""`paperlint init`: write a commented configuration and print a pre-commit snippet.

Run in the paper's folder.  It finds the root file (a .tex with \\documentclass and
\\begin{document}, or a Markdown paper), detects the venue from the document class and
packages when it can, and writes a ``[tool.paperlint]`` section into ``pyproject.toml``
(when the folder has one) or a ``paperlint.toml``.  An existing configuration is never
overwritten without ``--force``; files are written atomically (temporary file, then
``os.replace``).
"""
from __future__ import annotations

from .. import lazyre
import re
import sys
import tomllib
from pathlib import Path

from ..fileutil import atomic_write_text

import click

ROOT_PREFERENCE = ("main", "paper", "ms", "manuscript", "article", "index")


def detected(text: str):
    """The venue and mode detected in a LaTeX root's text (paperlint.venues), or None."""
    from ..venues import detect_in_texts

    return detect_in_texts([(0, text)])


def detect_venue(text: str) -> str | None:
    """The venue profile for a LaTeX root (neurips_2024 -> neurips), or None when none is detected."""
    v = detected(text)
    return v.name if v is not None else None


def find_paper(folder: Path) -> tuple[Path | None, list[Path]]:
    """(the root file to configure, every root found), preferring shallow, conventionally named files."""
    from ..roots import find_roots
    from ..config import Settings

    roots = find_roots(folder, Settings())
    if not roots:
        return None, []

    def rank(p: Path):
        rel = p.relative_to(folder)
        stem = p.stem.lower()
        return (len(rel.parts), p.suffix.lower() not in (".tex", ".ltx"),
                ROOT_PREFERENCE.index(stem) if stem in ROOT_PREFERENCE else len(ROOT_PREFERENCE), rel.as_posix())

    roots = sorted(roots, key=rank)
    return roots[0], roots


def config_body(root: str | None, venue, others: list[str]) -> str:
    """The commented settings (without a table header): valid TOML for both files."""
    lines = []
    if root:
        lines.append("# The root file(s) of the paper: what `paperlint .` lints, and where the")
        lines.append("# pre-commit hook looks for the document that \\inputs a changed chapter.")
        lines.append(f"roots = [{_toml_str(root)}]")
        for o in others:
            lines.append(f"# roots = [{_toml_str(root)}, {_toml_str(o)}]   # also found: {o}")
    else:
        lines.append("# No root file found here: name it so `paperlint .` and the pre-commit hook find it.")
        lines.append('# roots = ["main.tex"]')
    lines.append("")
    from ..config import venue_names

    names = ", ".join(sorted(venue_names()))
    if isinstance(venue, str):  # a venue key given directly
        from ..venues import Venue

        venue = Venue(venue, None, "")
    if venue is not None:
        lines.append(f"# The venue profile (rules/venues/): {names}.")
        lines.append(f"# Detected from {venue.evidence}." if venue.evidence else "# Given on the command line.")
        lines.append(f"venue = {_toml_str(venue.name)}")
    else:
        lines.append(f"# The venue, when the class file did not tell: {names}.")
        lines.append('# venue = "neurips"')
    mode = venue.mode if venue is not None else None
    lines.append("# The mode (review, camera-ready, preprint) follows the source"
                 + (f"; it reads as {mode} now." if mode else ", which does not say one now."))
    lines.append(f'# mode = "{mode or "review"}"')
    lines += [
        "",
        "# Which rules run: codes, names or prefixes (`paperlint rules` lists them).",
        '# select = ["ALL"]',
        '# ignore = ["ST102"]',
        "",
        "# The severity that makes paperlint (and the pre-commit hook) fail: error, warning or info.",
        'fail-on = "warning"',
        "",
        "# Folders or files `paperlint .` never treats as roots (globs).",
        '# exclude = ["old/*"]',
        "",
    ]
    return "\n".join(lines)


def config_tables(prefix: str) -> str:
    """Commented sub-tables, with headers under `prefix` ("tool.paperlint." or "")."""
    return "\n".join([
        f"# [{prefix}severity]                # lower or raise one rule, by code or name",
        "# draft-marker = \"error\"",
        "",
        f"# [{prefix}per-file-ignores]        # glob = [rules]",
        '# "appendix/*.tex" = ["ST140"]',
        "",
        f"# [{prefix}latex.macros]            # how to read your own macros",
        '# todo = { args = "[{", action = "ignore" }',
        "",
    ])


def _toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def precommit_snippet(folder_rel: str | None) -> str:
    files = f"\n        files: ^{re.escape(folder_rel)}/" if folder_rel else ""
    return f"""# .pre-commit-config.yaml: lint changed chapters before each commit
repos:
  - repo: local
    hooks:
      - id: paperlint
        name: paperlint
        entry: paperlint --only-passed-files
        language: system            # uses the paperlint installed in your environment
        types_or: [tex, markdown]
        exclude: '\\.sty$'
        require_serial: true{files}
# Or pin paperlint's own repository, which ships this hook as `id: paperlint`:
#   - repo: <URL of paperlint's git repository>
#     rev: <tag>
#     hooks: [{{id: paperlint}}]
"""


def _write_atomic(path: Path, text: str) -> None:
    """Write atomically, keeping an existing file's permissions."""
    mode = path.stat().st_mode & 0o777 if path.exists() else None
    atomic_write_text(path, text, mode=mode, newline="")


HEADER = lazyre.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")


def strip_paperlint_tables(text: str) -> str:
    """`text` (a pyproject.toml) without its [tool.paperlint] and [tool.paperlint.*] tables."""
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        m = HEADER.match(line)
        if m:
            name = re.sub(r"\s+", "", m.group(1)).replace('"', "")
            skipping = name == "tool.paperlint" or name.startswith("tool.paperlint.")
        if not skipping:
            out.append(line)
    return "".join(out).rstrip("\n") + "\n"


def _fail(message: str):
    click.echo(f"paperlint init: {message}", err=True)
    sys.exit(2)


@click.command("init")
@click.option("--pyproject", "target", flag_value="pyproject", help="Write [tool.paperlint] into pyproject.toml (the default when the folder has one).")
@click.option("--standalone", "target", flag_value="standalone", help="Write paperlint.toml (the default otherwise).")
@click.option("--force", is_flag=True, help="Replace an existing paperlint configuration.")
def command(target, force):
    """Write a commented paperlint configuration for the paper in this folder, and print a pre-commit snippet."""
    folder = Path.cwd()
    pyproject = folder / "pyproject.toml"
    standalone = folder / "paperlint.toml"
    if target is None:
        target = "pyproject" if pyproject.is_file() else "standalone"

    root, roots = find_paper(folder)
    rel = root.relative_to(folder).as_posix() if root else None
    others = [r.relative_to(folder).as_posix() for r in roots if r != root]
    venue = None
    if root is not None and root.suffix.lower() in (".tex", ".ltx"):
        try:
            venue = detected(root.read_text(encoding="utf-8", errors="replace")[:200_000])
        except OSError:
            venue = None

    body = config_body(rel, venue, others)
    if target == "standalone":
        if standalone.exists() and not force:
            _fail(f"{standalone.name} already exists (use --force to replace it)")
        text = "# paperlint configuration (`paperlint rule CODE` explains a rule).\n\n" + body + "\n" + config_tables("")
        written = standalone
    else:
        existing = pyproject.read_text(encoding="utf-8") if pyproject.is_file() else ""
        try:
            data = tomllib.loads(existing)
        except tomllib.TOMLDecodeError as exc:
            _fail(f"{pyproject.name} is not valid TOML ({exc}); fix it first")
        if "paperlint" in data.get("tool", {}):
            if not force:
                _fail(f"{pyproject.name} already has a [tool.paperlint] section (use --force to replace it)")
            existing = strip_paperlint_tables(existing)
            if "paperlint" in tomllib.loads(existing).get("tool", {}):
                _fail(f"{pyproject.name} sets tool.paperlint in a way `init` cannot replace safely; edit it by hand")
        section = "[tool.paperlint]\n# paperlint configuration (`paperlint rule CODE` explains a rule).\n" + body + "\n" + config_tables("tool.paperlint.")
        text = (existing.rstrip("\n") + "\n\n" if existing.strip() else "") + section
        written = pyproject
    if standalone.exists() and target == "pyproject":
        click.echo(f"paperlint init: note: {standalone.name} exists and takes precedence over pyproject.toml", err=True)

    # never write a configuration paperlint itself would reject
    from ..config import ConfigError, parse_settings

    try:
        parsed = tomllib.loads(text)
        parse_settings(parsed.get("tool", {}).get("paperlint", {}) if written is pyproject else parsed, path=written)
    except (tomllib.TOMLDecodeError, ConfigError) as exc:  # pragma: no cover - a bug in this module
        _fail(f"internal error: the generated configuration is invalid: {exc}")
    _write_atomic(written, text)

    if root is None:
        click.echo(f"Wrote {written.name}. No root file found (a .tex with \\documentclass, or a Markdown paper): set `roots` in it.")
    else:
        found = f"root {rel}" + (f", venue {venue.name}" + (f" ({venue.mode})" if venue.mode else "") if venue else ", venue not detected")
        click.echo(f"Wrote {'[tool.paperlint] in ' if written is pyproject else ''}{written.name} ({found}).")
    folder_rel = str(Path(rel).parent.as_posix()) if rel and Path(rel).parent != Path(".") else None
    click.echo("")
    click.echo("Add this to .pre-commit-config.yaml (then run `pre-commit install`):")
    click.echo("")
    click.echo(precommit_snippet(folder_rel), nl=False)
