"""What a draft is and where its project ends: file formats by suffix, and the project root that
``\\input`` may read from. Below the engine, so readers and rules use it without importing the engine."""
from __future__ import annotations

from pathlib import Path

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".rmd", ".qmd"}
LATEX_SUFFIXES = {".tex", ".ltx", ".latex"}
PROJECT_MARKERS = (".git", ".hg", "paperlint.toml", "pyproject.toml")


def detect_format(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in LATEX_SUFFIXES:
        return "latex"
    return "latex" if ("\\documentclass" in text or "\\begin{" in text or "\\section" in text) else "markdown"


def project_root(root_file: Path) -> Path:
    """The folder \\input may read from: the nearest ancestor holding a VCS or config marker, else the root file's folder."""
    start = root_file.parent
    for d in (start, *start.parents):
        if any((d / m).exists() for m in PROJECT_MARKERS):
            return d
    return start
