"""The `paperlint` command (console script and ``python -m paperlint``).

Most runs are a plain lint: ``paperlint draft.tex``, a pre-commit hook's ``paperlint -q
--only-passed-files a.tex b.tex``, CI's ``paperlint --format sarif -o out.sarif paper/``. For
those, `read_check_args` reads the command line itself and calls the lint command
(paperlint/checkcmd.py) directly: importing click and building its commands costs about 20 ms,
a fifth of a one-page lint on a 2-core machine. Anything else goes to the click command line of
paperlint/cli.py, unchanged: a sub-command (``rules``, ``stats``, ...), ``--help``,
``--version``, an option spelling this reader does not take (``-qj2``), a value click would
refuse (``--jobs x``, a ``--config`` that does not exist), no path at all, and a usage problem
found later (an unknown rule selector), so every message about the command line is click's. The
two readers give `check_command` the same values; tests/test_entry.py holds them to that, and to
the options click declares. ``PAPERLINT_CLICK=1`` always uses click.
"""
from __future__ import annotations

import os
import sys

#: long option -> (parameter, kind); kinds: "flag" (value True), "value" (one argument),
#: "multiple" (one argument, repeatable: a tuple), a tuple of choices, "jobs" (an integer >= 0),
#: "file" (an existing readable file, not a folder), "out" (a file: if it exists, not a folder,
#: readable and writable), "in" (a file: if it exists, not a folder and readable), "pdf" ("file",
#: given as a Path). As paperlint/cli.py's `check` declares them.
OPTIONS = {
    "--format": ("fmt", "format"),
    "--select": ("select", "multiple"),
    "--ignore": ("ignore", "multiple"),
    "--fail-on": ("fail_on", ("error", "warning", "info")),
    "--config": ("config", "file"),
    "--quiet": ("quiet", "flag"),
    "--no-suppress": ("no_suppress", "flag"),
    "--output": ("output", "out"),
    "--color": ("color", "flag"),
    "--no-color": ("color", "noflag"),
    "--baseline": ("baseline_file", "in"),
    "--write-baseline": ("write_baseline", "out"),
    "--only-passed-files": ("only_passed_files", "flag"),
    "--summary": ("summary_file", "in"),
    "--diff-base": ("diff_base", "value"),
    "--jobs": ("jobs", "jobs"),
    "--venue": ("venue", "value"),
    "--mode": ("mode", ("review", "camera-ready", "preprint")),
    "--pdf": ("pdf", "pdf"),
}
SHORT = {"-q": "--quiet", "-o": "--output", "-j": "--jobs"}
#: what click's `check` receives when an option is not given
DEFAULTS = {"fmt": None, "select": (), "ignore": (), "fail_on": None, "config": None, "quiet": False,
            "no_suppress": False, "output": None, "color": None, "baseline_file": None, "write_baseline": None,
            "only_passed_files": False, "diff_base": None, "summary_file": None, "jobs": 0, "venue": None,
            "mode": None, "pdf": None}
#: first words that name a sub-command (or ask click something): these go to click
COMMAND_WORDS = {"check", "rules", "rule", "outline", "stats", "server", "init", "scan", "arxiv",
                 "--help", "-h", "--version"}


def read_check_args(argv: list[str]) -> dict | None:
    """`check_command`'s arguments for a plain lint command line, or None when click should read it."""
    if not argv or argv[0] in COMMAND_WORDS:
        return None
    values = dict(DEFAULTS)
    multiple: dict[str, list[str]] = {}
    paths: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        i += 1
        if arg == "--":
            paths.extend(argv[i:])
            break
        if not arg.startswith("-") or arg == "-":
            if arg == "-":
                return None
            paths.append(arg)
            continue
        name, eq, inline = arg.partition("=")
        name = SHORT.get(name, name) if not eq else name
        spec = OPTIONS.get(name)
        if spec is None:
            return None                      # -h, --help, --version, -qj2, -j2, an unknown option
        param, kind = spec
        if kind in ("flag", "noflag"):
            if eq:
                return None                  # click: "option does not take a value"
            values[param] = kind == "flag"
            continue
        if eq:
            value = inline
        elif i < len(argv):
            value = argv[i]
            i += 1
        else:
            return None                      # click: "option requires an argument"
        checked = _check_value(kind, value)
        if checked is _REFUSED:
            return None
        if kind == "multiple":
            multiple.setdefault(param, []).append(value)
        else:
            values[param] = checked
    if not paths:
        return None
    for param, items in multiple.items():
        values[param] = tuple(items)
    for p in paths:
        if os.path.exists(p) and not os.access(p, os.R_OK):
            return None                      # click.Path refuses an unreadable path
    values["paths"] = tuple(paths)
    return values


_REFUSED = object()


def _check_value(kind, value: str):
    """The value click would pass for an option of this kind, or _REFUSED when click would refuse it."""
    if kind in ("value", "multiple"):
        return value
    if kind == "format":
        from .formatters import available

        return value if value in available() else _REFUSED
    if isinstance(kind, tuple):
        return value if value in kind else _REFUSED
    if kind == "jobs":
        return int(value) if value.isascii() and value.isdigit() else _REFUSED
    if kind in ("file", "pdf"):
        if not (os.path.isfile(value) and os.access(value, os.R_OK)):
            return _REFUSED
        if kind == "pdf":
            from pathlib import Path

            return Path(value)
        return value
    if os.path.exists(value):                # "in" and "out": a file that need not exist yet
        if os.path.isdir(value) or not os.access(value, os.R_OK):
            return _REFUSED
        if kind == "out" and not os.access(value, os.W_OK):
            return _REFUSED
    return value


def _lint(values: dict) -> int | None:
    """Run the lint command; its exit status, or None when click must read the command line."""
    from .checkcmd import UsageProblem, check_command, echo

    try:
        check_command(**values)
    except UsageProblem:
        return None                          # click finds the same problem and shows its usage text
    except SystemExit as exc:
        return _status(exc.code)
    except KeyboardInterrupt:
        echo(err=True)
        echo("Aborted!", err=True)
        return 1
    except BrokenPipeError:
        return 1
    return 0


def _status(code) -> int:
    if code is None:
        return 0
    if not isinstance(code, int):
        print(code, file=sys.stderr)
        return 1
    return code


def run() -> None:
    """Run the command, then leave without tearing the interpreter down.

    Freeing every module and object at exit costs about 19 ms, a sixth of a one-page lint, and
    the process is ending anyway. So, when the main thread is the only one left, the exit
    handlers are run, standard output and error are flushed, and the process ends with
    ``os._exit``. Every file paperlint writes is closed before the command returns.
    ``PAPERLINT_NORMAL_EXIT=1`` exits the usual way. Tests that call ``paperlint.cli.main`` in
    process are unaffected."""
    from . import recache

    recache.install()   # compiled patterns saved by earlier runs (paperlint/recache.py)
    code = None
    if os.environ.get("PAPERLINT_CLICK", "") in ("", "0") and not any(k.startswith("_PAPERLINT_COMPLETE") for k in os.environ):
        values = read_check_args(sys.argv[1:])
        if values is not None:
            code = _lint(values)
    if code is None:
        from .cli import main

        try:
            main()
            code = 0
        except SystemExit as exc:
            code = _status(exc.code)
    threading = sys.modules.get("threading")   # never imported: no other thread was started
    if (threading is not None and threading.active_count() > 1) or os.environ.get("PAPERLINT_NORMAL_EXIT", "") not in ("", "0"):
        sys.exit(code)
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):   # a closed pipe (paperlint ... | head): nothing more to say
            pass
    os._exit(code)
