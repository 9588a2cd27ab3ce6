"""What the CI formats share: paths relative to the repository, and the lines of a file."""
from __future__ import annotations

import os
from pathlib import Path


def repository_root() -> Path:
    """The checkout CI runs in: $CI_PROJECT_DIR (GitLab), $GITHUB_WORKSPACE, the git work tree
    around the working directory, or the working directory itself."""
    for var in ("CI_PROJECT_DIR", "GITHUB_WORKSPACE"):
        if os.environ.get(var):
            return Path(os.environ[var]).resolve()
    cwd = Path.cwd().resolve()
    for d in (cwd, *cwd.parents):
        if (d / ".git").exists():
            return d
    return cwd


def repo_path(display: str, absolute: str | None, root: Path | None) -> str:
    """A finding's file as a forward-slash path relative to `root` when it lies inside it."""
    if root is not None and absolute:
        try:
            return Path(absolute).resolve().relative_to(root).as_posix()
        except ValueError:
            pass
    return Path(display).as_posix()


class Lines:
    """The text of each file the diagnostics name, as the engine read it (one read per file)."""

    def __init__(self, results):
        from ..baseline import _source_texts

        self.texts: dict[str, list[str]] = {p: t.split("\n") for p, t in _source_texts(results).items()}

    def line(self, path: str, line: int) -> str:
        lines = self.texts.get(path)
        if lines is None:
            from ..sources import SourceError, read_source

            try:
                lines = read_source(Path(path)).text.split("\n")
            except (SourceError, OSError):
                lines = []
            self.texts[path] = lines
        return lines[line - 1] if 1 <= line <= len(lines) else ""
