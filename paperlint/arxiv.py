"""What an arXiv upload would publish beyond the paper: the report behind ``paperlint arxiv``.

arXiv makes the source files of a submission public, as uploaded, and keeps every version:
comments, ``\\iffalse`` blocks and files the paper never uses are all readable by anyone
(https://info.arxiv.org/help/faq/whytex.html#comments). This report lists them, at their
lines, for the author to read before uploading: to-do notes, replies to reviewers, notes to
co-authors, names and e-mail addresses, commented-out author blocks and text, untypeset
branches, and files that no root reads.
"""
from __future__ import annotations

import os
import re
from .records import dataclass, field
from pathlib import Path

from . import lazyre

HELP_URL = "https://info.arxiv.org/help/faq/whytex.html#comments"

_TODO = lazyre.compile(r"\b(?:TODO|FIXME|XXX|TBD|HACK)\b|\b(?i:to-do|todo)\b")
#: a note about the reviews of the paper: a rebuttal, a reply, what a named reviewer asked
_REVIEW = lazyre.compile(
    r"\b(?:rebuttal|meta-?reviews?|area chair|response to (?:the )?(?:reviews?|reviewers?|comments)|reviewer\s*#?\s*\d|R[1-4]\b(?=\s*[:,)]|\s+(?:asks|asked|says|said|wants|wanted|comments?|points?|suggests?|complains?)))"
    r"|\breviewers?\s+(?:asks?|asked|says?|said|wants?|wanted|suggest(?:s|ed)?|complain(?:s|ed)?|point(?:s|ed)? out|did not like|liked|requested|criticized|criticised)\b"
    r"|\b(?:addressing|address|answer(?:ing)?|for) (?:the )?reviewers?\b(?!\s+(?:to|can|may|will|should|see|read))", re.I)
_PEOPLE = lazyre.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|\\(?:author|affiliation|affil|thanks|email|icmlauthor|icmlaffiliation|icmlcorrespondingauthor|institute|IEEEauthorblock[NA]|orcid|address)\s*(?:\[[^\]]*\]\s*)?\{\s*[^\s}]")
_INITIALS = lazyre.compile(r"^\s*(?:[A-Z]{2,4}|@\w+)\s*[:>]\s*\S")
#: a comment that only describes the command it trails (\usepackage{todonotes} % TODO notes)
_DESCRIBES = lazyre.compile(r"^[ \t]*\\(?:usepackage|RequirePackage|documentclass|newcommand|renewcommand|providecommand|def|DeclareMathOperator|setlength|newif)\b")
_REVIEW_FILE = lazyre.compile(r"rebuttal|review|response|reply|author[-_ ]?response|meta", re.I)
_MAGIC = lazyre.compile(r"^\s*!\s*T[eE]X\b|^\s*-\*-|^%+\s*$|^\s*$")
#: files LaTeX writes, which an upload should not carry
_BUILD = {".aux", ".log", ".out", ".blg", ".fls", ".fdb_latexmk", ".toc", ".lof", ".lot", ".nav", ".snm", ".vrb", ".bcf",
          ".synctex", ".xdv", ".dvi", ".idx", ".ilg", ".ind", ".glo", ".gls", ".glg", ".acn", ".acr", ".alg", ".ist", ".run.xml",
          ".synctex.gz", ".thm", ".loa", ".brf", ".spl"}
_FIGURE_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".eps", ".ps", ".svg", ".gif", ".tif", ".tiff", ".bmp", ".pgf", ".tikz"}
_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".idea", ".vscode"}
MAX_FILES = 5000
BLOCK_LINES = 5


@dataclass
class Note:
    file: str
    line: int
    end_line: int
    kind: str           # todo | review | people | coauthor | text | skipped
    text: str


@dataclass
class Report:
    root: str
    files: list[str]
    comment_lines: int = 0
    notes: list[Note] = field(default_factory=list)
    unused: list[tuple[str, str]] = field(default_factory=list)    # (path relative to the root's folder, kind)
    truncated: bool = False

    def to_json(self) -> dict:
        return {
            "root": self.root, "files": self.files, "comment_lines": self.comment_lines,
            "notes": [vars(n) for n in self.notes],
            "unused_files": [{"path": p, "kind": k} for p, k in self.unused],
            "unused_files_truncated": self.truncated, "help": HELP_URL,
        }


def _kind(text: str) -> str | None:
    if _TODO.search(text):
        return "todo"
    if _REVIEW.search(text):
        return "review"
    if _PEOPLE.search(text):
        return "people"
    if _INITIALS.match(text):
        return "coauthor"
    return None


def report(doc) -> Report:
    """The report for a LaTeX document (Markdown sources have no comments arXiv would publish)."""
    rep = Report(doc.root.display, [f.display for f in doc.files])
    if doc.format != "latex":
        return rep
    by_file: dict[int, list] = {}
    for c in doc.comments:
        by_file.setdefault(c.src.file, []).append(c)
    for fi, comments in sorted(by_file.items()):
        f = doc.files[fi]
        comments.sort(key=lambda c: c.src.start)
        lines = set()
        run: list = []
        for c in comments:
            line = f.line_col(c.src.start)[0]
            lines.add(line)
            text = c.text.strip()
            if _MAGIC.match(c.text):
                continue
            kind = _kind(text)
            if kind == "todo" and not c.own_line and _DESCRIBES.match(f.line_text(line)):
                kind = None                    # a comment naming what a package or macro is for
            if kind is not None:
                rep.notes.append(Note(f.display, line, line, kind, " ".join(text.split())[:120]))
            if c.own_line and re.search(r"[A-Za-z]{3,}\s+[A-Za-z]{3,}", text):
                if run and line == run[-1][0] + 1:
                    run.append((line, text))
                else:
                    _flush(rep, f.display, run)
                    run = [(line, text)]
        _flush(rep, f.display, run)
        rep.comment_lines += len(lines)
    for r in getattr(doc, "skipped", ()):
        f = doc.files[r.file]
        a, b = f.line_col(r.start)[0], f.line_col(max(r.start, r.end - 1))[0]
        head = f.text[r.start:r.end].strip().split("\n", 1)[0][:80]
        rep.notes.append(Note(f.display, a, b, "skipped", head))
    rep.notes.sort(key=lambda n: (rep.files.index(n.file) if n.file in rep.files else 0, n.line, n.kind))
    rep.unused, rep.truncated = unused_files(doc)
    return rep


def _flush(rep: Report, file: str, run: list) -> None:
    if len(run) >= BLOCK_LINES:
        rep.notes.append(Note(file, run[0][0], run[-1][0], "text", " ".join(run[0][1].split())[:80]))


def used_paths(doc) -> set[Path]:
    """Every file the document reads or typesets: its sources, bibliographies, styles, graphics."""
    from .project import project_root
    from .figures.paths import resolve_graphic

    root_dir = doc.root.path.parent
    proj = project_root(doc.root.path)
    used = {f.path.resolve() for f in doc.files}
    stem = doc.root.path.with_suffix("")
    used.add(stem.with_suffix(".bbl").resolve())          # arXiv needs the .bbl when there is no .bib
    for name, _ in doc.bibliographies:
        for n in name.split(","):
            n = n.strip()
            if n:
                used.add((root_dir / (n if n.endswith(".bib") else n + ".bib")).resolve())
    for f in doc.files:
        text = f.text
        for m in re.finditer(r"\\(?:usepackage|RequirePackage|documentclass)\s*(?:\[[^\]]*\])?\s*\{([^{}]*)\}", text):
            for n in m.group(1).split(","):
                n = n.strip()
                for suffix in (".sty", ".cls"):
                    used.add((root_dir / (n + suffix)).resolve())
        for m in re.finditer(r"\\bibliographystyle\s*\{([^{}]*)\}", text):
            used.add((root_dir / (m.group(1).strip() + ".bst")).resolve())
        # files named in the source that the prose view does not record (graphics in tabular cells,
        # listings, includes it did not follow)
        for m in re.finditer(r"\\(?:input|include|includegraphics|import|subimport|lstinputlisting|verbatiminput|inputminted)\s*(?:\[[^\]]*\])?\s*(?:\{[^{}]*\}\s*)?\{([^{}]*)\}", text):
            n = m.group(1).strip()
            for cand in (n, n + ".tex"):
                used.add((root_dir / cand).resolve())
    for raw, rng in doc.images:   # every graphic the reader resolved a name for, in figures or not
        got = resolve_graphic(doc, raw, rng.file, proj)
        if got.path is not None:
            used.add(got.path.resolve())
    return used


def unused_files(doc) -> tuple[list[tuple[str, str]], bool]:
    """Files under the root's folder that no part of the document uses, with what they look like."""
    root_dir = doc.root.path.parent
    used = used_paths(doc)
    used_stems = {p.with_suffix("") for p in used}
    out: list[tuple[str, str]] = []
    seen = 0
    for dirpath, dirnames, filenames in os.walk(root_dir):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name in ("paperlint.toml", "pyproject.toml", "00README.XXX", "00README.json"):
                continue
            seen += 1
            if seen > MAX_FILES:
                return out, True
            p = (Path(dirpath) / name).resolve()
            if p in used:
                continue
            low = name.lower()
            suffix = "".join(Path(low).suffixes[-2:]) if low.endswith((".synctex.gz", ".run.xml")) else Path(low).suffix
            rel = os.path.relpath(p, root_dir)
            if suffix in _BUILD or (suffix == ".pdf" and p.with_suffix("") == doc.root.path.with_suffix("").resolve()):
                out.append((rel, "build output"))
            elif suffix in (".tex", ".ltx"):
                out.append((rel, "source no root reads"))
            elif suffix in _FIGURE_SUFFIXES:
                if p.with_suffix("") in used_stems:
                    continue            # fig.pdf is used as "fig"; fig.eps beside it is its source
                out.append((rel, "figure no root shows"))
            elif suffix in (".bib", ".sty", ".cls", ".bst", ".bbx", ".cbx", ".def", ".clo", ".cfg"):
                out.append((rel, "style or bibliography no root uses"))
            elif _REVIEW_FILE.search(Path(rel).stem) and suffix in (".md", ".txt", ".tex", ".pdf", ".docx", ".doc", ".rtf", ""):
                out.append((rel, "reviews or a reply to them, by its name"))
            else:
                out.append((rel, "other file"))
    return out, False


_KIND_TITLES = {
    "todo": "to-do notes", "review": "replies to reviewers or notes about reviews", "people": "names, addresses or author blocks",
    "coauthor": "notes to co-authors", "text": f"commented-out blocks ({BLOCK_LINES} lines or more)", "skipped": "skipped by TeX (\\iffalse blocks, untaken branches)",
}


def render_text(rep: Report) -> str:
    out = [f"arXiv upload check for {rep.root} ({len(rep.files)} source file{'s' if len(rep.files) != 1 else ''} read)",
           f"arXiv publishes the source as uploaded, comments included, and keeps every version ({HELP_URL}).", ""]
    out.append(f"Comment lines that would be public: {rep.comment_lines}.")
    for kind in ("todo", "review", "coauthor", "people", "text", "skipped"):
        notes = [n for n in rep.notes if n.kind == kind]
        if not notes:
            continue
        title = _KIND_TITLES[kind]
        out.append(f"{title[0].upper()}{title[1:]} ({len(notes)}):")
        for n in notes[:40]:
            where = f"{n.file}:{n.line}" + (f"-{n.end_line}" if n.end_line != n.line else "")
            out.append(f"  {where}: {n.text}")
        if len(notes) > 40:
            out.append(f"  ... and {len(notes) - 40} more (--format json lists all)")
    if rep.unused:
        out.append(f"Files no root uses ({len(rep.unused)}{'+' if rep.truncated else ''}):")
        for p, k in rep.unused[:60]:
            out.append(f"  {p} ({k})")
        if len(rep.unused) > 60:
            out.append(f"  ... and {len(rep.unused) - 60} more (--format json lists all)")
    if not rep.notes and not rep.unused:
        out.append("Nothing else would be published: no flagged comments, skipped blocks or unused files.")
    out += ["", "Before uploading, delete what should not be public, or let arxiv_latex_cleaner (pip install arxiv-latex-cleaner) "
            "strip comments and unused files from a copy."]
    return "\n".join(out) + "\n"
