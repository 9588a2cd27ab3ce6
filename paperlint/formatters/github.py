"""GitHub Actions workflow commands: one annotation per finding.

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE name::message``, with
``warning`` and ``notice`` for warnings and info.  Chosen automatically when
``GITHUB_ACTIONS=true`` and no ``--format`` is given.

Escaping follows the Actions toolkit: in the message ``%``, CR and LF become ``%25``,
``%0D``, ``%0A``; in property values ``:`` and ``,`` also become ``%3A`` and ``%2C``.
GitHub accepts ``col``/``endColumn`` only when the annotation starts and ends on the same
line, so a multi-line finding carries lines only.  Paths are relative to
``GITHUB_WORKSPACE`` (the checkout) when the file is inside it, else as displayed.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..diagnostics import Severity
from .ci_common import repo_path

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(results, settings, **_) -> str:
    ws = os.environ.get("GITHUB_WORKSPACE")
    workspace = Path(ws).resolve() if ws else None
    lines = []
    for res in results:
        if res.error:
            path = repo_path(res.root, str(Path(res.root).absolute()), workspace)
            lines.append(f"::error file={escape_property(path)},title=paperlint::{escape_data(res.error)}")
        for d in res.diagnostics:
            props = [("file", repo_path(d.file, d.path, workspace)), ("line", str(d.line))]
            if d.end_line == d.line:
                props += [("col", str(d.column)), ("endLine", str(d.line)), ("endColumn", str(max(d.end_column, d.column)))]
            else:
                props += [("endLine", str(max(d.end_line, d.line)))]
            props.append(("title", f"{d.code} {d.name}"))
            body = ",".join(f"{k}={escape_property(v)}" for k, v in props)
            lines.append(f"::{COMMANDS[d.severity]} {body}::{escape_data(d.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
