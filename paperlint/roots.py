"""Finding the root document of a chapter file.

pre-commit (and a user) may pass a chapter such as ``sections/intro.tex``, which has no
``\\documentclass`` and cannot be judged alone: whether the introduction ends with a list
of contributions depends on the whole paper.  :class:`RootFinder` answers "which root
file includes this chapter?", in this order:

1. a ``% !TeX root = ../main.tex`` magic comment in the first lines of the file (the
   TeXShop / TeXstudio / VS Code convention; followed while it points at another chapter);
2. the configuration's ``roots`` that include the file;
3. the roots found in the file's project (the folder ``paperlint .`` would scan) that
   include it.

"Include" is judged by a light scan of ``\\input``-like commands (comments stripped),
resolved as the document reader resolves them, without building the document.  The
caller lints the chosen root with the real engine and can check that the file was
really read.  Markdown files are their own roots, except the chapters of a Manubot
manuscript (``content/NN.name.md``), whose root is the first chapter of the folder, and
chapters that another Markdown root includes (``!include``, Quarto ``{{< include >}}``, an R
Markdown child chunk).
"""
from __future__ import annotations

from . import lazyre
import os
import re
from pathlib import Path

from .config import Settings

#: how many lines at the top of a file may hold the magic comment
MAGIC_LINES = 30
MAGIC = lazyre.compile(r"^\s*%\s*!\s*TeX\s+root\s*=\s*(.+?)\s*$", re.I | re.M)
DOCUMENTCLASS = lazyre.compile(r"^[ \t]*\\documentclass\b", re.M)
COMMENT = lazyre.compile(r"(?<!\\)%.*")
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", "env", "build", "dist", "_build", ".tox", ".mypy_cache", ".pytest_cache", "site-packages"}
NOT_PAPERS = lazyre.compile(r"^(readme|changelog|changes|license|licence|contributing|code_of_conduct|security|authors|history|todo|notes?)\b", re.I)
DOCUMENTCLASS_BYTES = lazyre.compile(rb"^[ \t]*\\documentclass", re.M)
TWO_ARGS = {"import", "subimport", "inputfrom", "subinputfrom", "includefrom", "subincludefrom"}
INCLUDE = lazyre.compile(
    r"\\(input|include|subfile|includestandalone|import|subimport|inputfrom|subinputfrom|includefrom|subincludefrom)\*?"
    r"\s*(?:\[[^\]]*\]\s*)?\{([^{}]*)\}(?:\s*\{([^{}]*)\})?"
    r"|\\input\s+([A-Za-z0-9_./-]+)"
)
MARKDOWN = {".md", ".markdown", ".mdown", ".mkd", ".rmd", ".qmd"}
#: Markdown include directives: pandoc-include's !include, Quarto's include shortcode, an R Markdown child chunk
MD_INCLUDE = lazyre.compile(
    r"^\s*!include(?:\[[^\]\n]*\])?[ \t]+[\"']?([^\s\"']+)|\{\{<\s*include\s+[\"']?([^\s\"'>]+)|\bchild\s*=\s*[\"']([^\"']+)[\"']", re.M)
MANUBOT = lazyre.compile(r"^\d\d\.[^/]*\.md$")
#: YAML front matter with a title: a Markdown paper of its own, whatever includes it
FRONT_MATTER_TITLE = lazyre.compile(r"\A\ufeff?---[ \t]*\r?\n(?:.*\r?\n)*?title\s*:")
MAX_DEPTH = 30
#: folders above a chapter searched for its root when it is in no project
ANCESTORS = 3
READ_LIMIT = 2_000_000


def _read(path: Path, limit: int = READ_LIMIT) -> str:
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit)
    except OSError:
        return ""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def is_markdown(path: Path) -> bool:
    return path.suffix.lower() in MARKDOWN


def is_root(path: Path) -> bool:
    """A file paperlint lints as a whole document: Markdown, or LaTeX with an uncommented \\documentclass."""
    if is_markdown(path):
        return not MANUBOT.match(path.name) or manubot_root(path) == path.resolve()
    return DOCUMENTCLASS.search(COMMENT.sub("", _read(path, 200_000))) is not None


def manubot_root(path: Path) -> Path:
    """The first `NN.name.md` chapter of a Manubot content folder (the reader reads them all from there)."""
    from .document.markdown import manubot_chapters

    chapters = manubot_chapters(path.resolve())
    return chapters[0].resolve() if chapters else path.resolve()


def magic_root(path: Path) -> Path | None:
    """The file named by a `% !TeX root = FILE` comment near the top of `path`, if it exists."""
    head = "\n".join(_read(path, 20_000).splitlines()[:MAGIC_LINES])
    m = MAGIC.search(head)
    if m is None:
        return None
    target = m.group(1).strip().strip('"').strip("'")
    if not target:
        return None
    cand = (path.resolve().parent / target)
    for c in (cand, cand.with_name(cand.name + ".tex")):
        if c.is_file():
            return c.resolve()
    return None


def included_files(root: Path) -> set[Path]:
    """Every file `root` pulls in through \\input-like commands (resolved paths, root included)."""
    root = root.resolve()
    root_dir = root.parent
    seen: set[Path] = {root}
    stack = [(root, 0)]
    while stack:
        current, depth = stack.pop()
        if depth >= MAX_DEPTH:
            continue
        if is_markdown(current):
            for m in MD_INCLUDE.finditer(_read(current)):
                try:
                    found = (current.parent / next(g for g in m.groups() if g)).resolve()
                except (OSError, RuntimeError):
                    continue
                if found not in seen and found.is_file():
                    seen.add(found)
                    stack.append((found, depth + 1))
            continue
        text = COMMENT.sub("", _read(current))
        for m in INCLUDE.finditer(text):
            command = m.group(1) or "input"
            if m.group(4) is not None:
                folder, target = None, m.group(4)
            elif command in TWO_ARGS and m.group(3) is not None:
                folder, target = m.group(2), m.group(3)
            else:
                folder, target = None, m.group(2)
            found = _resolve(command, target.strip().strip('"'), folder, root_dir, current.parent)
            if found is not None and found not in seen:
                seen.add(found)
                stack.append((found, depth + 1))
    return seen


def _resolve(command: str, target: str, folder: str | None, root_dir: Path, cur_dir: Path) -> Path | None:
    if not target:
        return None
    if folder is not None:
        dirs = [(cur_dir if command.startswith("sub") else root_dir) / folder.strip()]
    elif command in ("subfile", "subimport", "subinputfrom", "subincludefrom"):
        dirs = [cur_dir, root_dir]
    else:
        dirs = [root_dir, cur_dir]
    names = [target] if Path(target).suffix in (".tex", ".ltx") else [target + ".tex", target]
    for d in dirs:
        for name in names:
            cand = d / name
            try:
                if cand.is_file():
                    return cand.resolve()
            except OSError:
                continue
    return None


def _nearby_files(path: Path, stop_at_project: bool) -> list[Path]:
    """The files in `path`'s folder and in up to ANCESTORS folders above (resolved; never a
    recursive walk), stopping after a project's own folder when asked."""
    from .project import PROJECT_MARKERS

    start = path.resolve().parent
    found: list[Path] = []
    for d in [start, *start.parents][: ANCESTORS + 1]:
        try:
            names = sorted(d.iterdir())
        except OSError:
            continue
        found.extend(p.resolve() for p in names if p.is_file())
        if stop_at_project and any((d / m).exists() for m in PROJECT_MARKERS):
            break
    return found


class RootFinder:
    """Finds the root of chapter files, caching project scans and include graphs for one run."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._includes: dict[Path, set[Path]] = {}
        self._project_roots: dict[Path, list[Path]] = {}

    def includes(self, root: Path) -> set[Path]:
        root = root.resolve()
        if root not in self._includes:
            self._includes[root] = included_files(root)
        return self._includes[root]

    def _config_roots(self) -> list[Path]:
        s = self.settings
        if not s.roots or s.base is None:
            return []
        return [(s.base / r).resolve() for r in s.roots if (s.base / r).is_file()]

    def _scanned_roots(self, path: Path) -> list[Path]:
        """Roots near `path`: every root of its project when it has one (a folder holding
        .git, pyproject.toml or paperlint.toml), else the roots directly in its folder and
        in up to ANCESTORS folders above (never a recursive walk of an unknown tree)."""
        from .project import PROJECT_MARKERS

        start = path.resolve().parent
        project = next((d for d in (start, *start.parents) if any((d / m).exists() for m in PROJECT_MARKERS)), None)
        if project is not None:
            if project not in self._project_roots:
                # configuration roots were tried before: scan the folder itself
                self._project_roots[project] = [r.resolve() for r in find_roots(project, Settings(exclude=self.settings.exclude))]
            return self._project_roots[project]
        return [p for p in _nearby_files(path, stop_at_project=False) if p.suffix.lower() in (".tex", ".ltx") and is_root(p)]

    def _markdown_neighbours(self, path: Path) -> list[Path]:
        """Markdown files that may include `path`: those in its folder and in up to ANCESTORS
        folders above, never above its project (no recursive walk: a chapter's root sits
        beside it or above it)."""
        return [p for p in _nearby_files(path, stop_at_project=True) if is_markdown(p) and p != path]

    def root_of(self, path: Path) -> Path | None:
        """The root document that includes `path`, or None (then `path` is linted alone)."""
        path = path.resolve()
        if is_markdown(path):
            if MANUBOT.match(path.name):
                return manubot_root(path)
            if FRONT_MATTER_TITLE.match(_read(path, 4000)):
                return path  # a paper's own front matter: a root, found without any scan
            for candidates in (self._config_roots(), self._markdown_neighbours(path)):
                for root in candidates:
                    if root != path and is_markdown(root) and path in self.includes(root):
                        return root
            return path
        if is_root(path):
            return path
        # 1. the magic comment, followed through chapters that point further up
        current, hops = path, 0
        while hops < 10:
            target = magic_root(current)
            if target is None or target == current:
                break
            if is_root(target):
                return target
            current, hops = target, hops + 1
        # 2. configured roots, 3. roots found in the project, that include the file
        for candidates in (self._config_roots(), self._scanned_roots(path)):
            for root in candidates:
                if root != path and path in self.includes(root):
                    return root
        return None


def is_markdown_paper(path: Path) -> bool:
    if NOT_PAPERS.match(path.stem):
        return False
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:20000]
    except OSError:
        return False
    if head.startswith("---") and re.search(r"^title\s*:", head[:4000], re.M):
        return True
    return len(head.split()) >= 300 and re.search(r"^#{1,3} ", head, re.M) is not None


def find_roots(directory: Path, settings: Settings) -> list[Path]:
    if settings.roots and settings.base is not None:
        return [(settings.base / r) for r in settings.roots]
    roots: list[Path] = []
    manubot_dirs = set()
    for dirpath, dirnames, filenames in os.walk(directory):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            p = Path(dirpath) / name
            suffix = p.suffix.lower()
            if suffix in (".tex", ".ltx"):
                try:
                    with open(p, "rb") as fh:
                        head = fh.read(200_000)
                except OSError:
                    continue
                if DOCUMENTCLASS_BYTES.search(head) and b"\\begin{document}" in head and b"{standalone}" not in head[:2000]:
                    roots.append(p)
            elif suffix in (".md", ".markdown", ".rmd", ".qmd"):
                if MANUBOT.match(name):
                    if dirpath not in manubot_dirs:
                        manubot_dirs.add(dirpath)
                        roots.append(p)
                elif is_markdown_paper(p):
                    roots.append(p)
    roots = _drop_included_markdown(roots)
    if settings.exclude:
        import fnmatch

        roots = [r for r in roots if not any(fnmatch.fnmatch(r.relative_to(directory).as_posix(), g) for g in settings.exclude)]
    return roots


def _drop_included_markdown(roots: list[Path]) -> list[Path]:
    """A Markdown chapter that another root includes (!include, Quarto include, Rmd child) is not a root of its own."""
    md = [r for r in roots if r.suffix.lower() in (".md", ".markdown", ".rmd", ".qmd")]
    if len(md) < 2:
        return roots
    included: set[Path] = set()
    for r in md:
        included |= included_files(r) - {r.resolve()}
    return [r for r in roots if r.resolve() not in included]
