"""GitLab Code Quality report: a JSON array GitLab shows in merge requests.

Each finding is an object with ``description``, ``check_name`` (the rule code), a
``fingerprint`` that is stable across runs and unique per finding (from the baseline's
fingerprint: the rule, the file and the text around the finding, so an edit elsewhere
does not change it), ``severity`` (info for info, minor for warnings, major for errors;
a file that could not be read is critical) and ``location`` with ``path`` relative to
the repository ($CI_PROJECT_DIR in GitLab CI) and ``lines.begin``.
Format: https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
"""
from __future__ import annotations

import hashlib
import json

from ..baseline import fingerprints
from ..diagnostics import Severity
from .ci_common import repo_path, repository_root

SEVERITY = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def render(results, settings, **_) -> str:
    root = repository_root()
    out = []
    for res in results:
        if res.error:
            path = repo_path(res.root, str(res.path), root)
            out.append({"type": "issue", "description": res.error, "check_name": "paperlint",
                        "fingerprint": hashlib.md5(f"paperlint\x00{path}\x00{res.error}".encode()).hexdigest(),
                        "severity": "critical", "categories": ["Bug Risk"],
                        "location": {"path": path, "lines": {"begin": 1}}})
    for d, fp in fingerprints(results):
        out.append({
            "type": "issue",
            "description": f"{d.code} {d.message}",
            "check_name": d.code,
            "fingerprint": hashlib.md5(fp.encode()).hexdigest(),
            "severity": SEVERITY[d.severity],
            "categories": ["Style"],
            "location": {"path": repo_path(d.file, d.path, root), "lines": {"begin": d.line, "end": max(d.end_line, d.line)}},
        })
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"
