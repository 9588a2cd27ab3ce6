"""reviewdog Diagnostic Format (rdjson), for review comments on GitHub, GitLab, Bitbucket, Gitea.

One JSON object: ``source`` (paperlint), and ``diagnostics``, each with
``message``, ``location.path`` (relative to the repository), ``location.range`` (start and
end line and column), ``severity`` (ERROR, WARNING, INFO), ``code`` (the rule's code and its
documentation URL) and, where the language server offers a quick fix, ``suggestions``: the
finding's replacements (a Vale rule's action, a spelling suggestion) over its range, then the
suppression comment for that line. rdjson counts columns in UTF-8 bytes, 1-based (a finding
after "Café résumé: " is three bytes further right than its code-point column); paperlint's
code-point columns are converted here from the line's text.
Format: https://github.com/reviewdog/reviewdog/tree/master/proto/rdf
"""
from __future__ import annotations

import json
from pathlib import Path

from ..diagnostics import Severity
from ..project import MARKDOWN_SUFFIXES
from ..lsp.quickfix import front_matter_end, line_suppression
from .ci_common import Lines, repo_path, repository_root

SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def byte_column(line: str, column: int) -> int:
    """The 1-based UTF-8 byte column of a 1-based code-point column on `line`."""
    return len(line[: max(column - 1, 0)].encode("utf-8", errors="surrogatepass")) + 1


def render(results, settings, **_) -> str:
    root = repository_root()
    lines = Lines(results)
    diagnostics = []
    for res in results:
        if res.error:
            diagnostics.append({"message": res.error, "severity": "ERROR", "code": {"value": "paperlint"},
                                "location": {"path": repo_path(res.root, str(res.path), root)}})
        for d in res.diagnostics:
            first = lines.line(d.path, d.line)
            end_line = max(d.end_line, d.line)
            last = first if end_line == d.line else lines.line(d.path, end_line)
            end_col = d.end_column if (end_line, d.end_column) >= (d.line, d.column) else d.column
            item = {
                "message": d.message,
                "location": {"path": repo_path(d.file, d.path, root),
                             "range": {"start": {"line": d.line, "column": byte_column(first, d.column)},
                                       "end": {"line": end_line, "column": byte_column(last, end_col)}}},
                "severity": SEVERITY[d.severity],
                "code": {"value": d.code, "url": d.url} if d.url else {"value": d.code},
            }
            markdown = Path(d.path).suffix.lower() in MARKDOWN_SUFFIXES
            fix = None
            if d.code[:2] != "PL" and not (markdown and d.line <= _front_matter_lines(lines, d.path)):
                fix = line_suppression(first, d.code, markdown)
            suggestions = [{"range": item["location"]["range"], "text": text} for text in d.fixes]
            if fix is not None:
                at, text = fix
                col = byte_column(first, at + 1)
                suggestions.append({"range": {"start": {"line": d.line, "column": col}, "end": {"line": d.line, "column": col}},
                                    "text": text})
            if suggestions:
                item["suggestions"] = suggestions
            diagnostics.append(item)
    report = {"source": {"name": "paperlint"}, "diagnostics": diagnostics}
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def _front_matter_lines(lines: Lines, path: str) -> int:
    text = lines.texts.get(path)
    return front_matter_end([ln + "\n" for ln in text]) if text else 0
