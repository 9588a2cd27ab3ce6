"""Find the file behind an ``\\includegraphics`` or a Markdown image, as LaTeX would.

LaTeX looks for a graphics file relative to the directory it runs in (the root
file's folder), then in every ``\\graphicspath`` entry; a name without an
extension gets the driver's extensions tried in order (pdfLaTeX: .pdf, .png,
.jpg, .jpeg, ... .eps). The ``import`` package (``\\import``, ``\\subimport``)
also makes graphics relative to the imported file's folder. Markdown images are
relative to the Markdown file.

Nothing outside the project root is ever opened: such a path resolves to a
:class:`Resolved` with a ``problem`` instead.
"""
from __future__ import annotations

from .. import lazyre
import re
from ..records import dataclass
from pathlib import Path

#: pdfLaTeX's search order for a name without an extension (graphics/pdftex.def),
#: upper-case variants folded in: we also try them on case-sensitive file systems.
EXTENSIONS = (".pdf", ".png", ".jpg", ".jpeg", ".jbig2", ".jb2", ".eps")
KNOWN = {*EXTENSIONS, ".gif", ".bmp", ".tif", ".tiff", ".webp", ".svg", ".ps", ".mps"}
REMOTE = lazyre.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//|^(?:https?|ftp|data|file):", re.I)
IMPORT_COMMANDS = {"import", "subimport", "inputfrom", "subinputfrom", "includefrom", "subincludefrom"}


@dataclass(frozen=True)
class Resolved:
    name: str                       # the name as written (cleaned)
    path: Path | None               # the file found, inside the project root
    problem: str | None = None      # why no file was found (None when found, or when remote)
    remote: bool = False            # a URL: never fetched, never reported


SIMPLE_DEF = lazyre.compile(r"\\(?:newcommand|renewcommand|providecommand)\*?\s*\{?\s*\\([A-Za-z@]+)\s*\}?\s*\{([^{}#\\]*)\}"
                        r"|\\def\s*\\([A-Za-z@]+)\s*\{([^{}#\\]*)\}")
_COMMENT = lazyre.compile(r"(?<!\\)%")
MACRO_IN_NAME = lazyre.compile(r"\\([A-Za-z@]+)(?:\{\})?")


def text_macros(doc) -> dict[str, str]:
    """The draft's argument-less macros whose body is plain text (``\\newcommand{\\figdir}{figures/run3}``)."""
    out: dict[str, str] = {}
    for f in doc.files:
        text = f.text
        if "command" not in text and "\\def" not in text:
            continue
        for line in text.splitlines():
            if "command" not in line and "\\def" not in line:
                continue  # SIMPLE_DEF needs \newcommand, \renewcommand, \providecommand or \def
            code = _COMMENT.split(line, 1)[0]
            for m in SIMPLE_DEF.finditer(code):
                name, body = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
                out[name] = body.strip()
    return out


def expand_macros(raw: str, macros: dict[str, str]) -> str:
    for _ in range(4):
        new = MACRO_IN_NAME.sub(lambda m: macros.get(m.group(1), m.group(0)), raw)
        if new == raw:
            break
        raw = new
    return raw


def clean_name(raw: str) -> str:
    """The file name of an ``\\includegraphics`` argument: no braces, quotes or spaces around."""
    name = raw.strip()
    if name.startswith("<") and name.endswith(">"):  # Markdown <path with spaces>
        name = name[1:-1]
    name = name.replace("{", "").replace("}", "").strip()
    if len(name) >= 2 and name[0] == name[-1] == '"':
        name = name[1:-1]
    return name.replace("\\string~", "~").replace("\\space", " ").strip()


def _inside(path: Path, root: Path) -> bool:
    try:
        return path == root or path.is_relative_to(root)
    except ValueError:
        return False


def search_dirs(doc, src_file: int) -> list[Path]:
    """Folders searched for a graphic referenced from file ``src_file``, in LaTeX's order."""
    root_dir = doc.root.path.parent
    if doc.format == "markdown":
        here = doc.files[src_file].path.parent
        return [here] if here == root_dir else [here, root_dir]
    dirs = [root_dir]
    # \import{dir}{file} and \subimport make graphics relative to the imported file too.
    for inc in doc.includes:
        if inc.file == src_file and inc.command in IMPORT_COMMANDS:
            dirs.insert(0, doc.files[src_file].path.parent)
            break
    for entry in doc.graphicspath:
        entry = entry.strip()
        if entry:
            dirs.append(root_dir / entry)
    unique: list[Path] = []
    for d in dirs:
        if d not in unique:
            unique.append(d)
    return unique


def resolve_graphic(doc, raw: str, src_file: int, project_root: Path, macros: dict[str, str] | None = None) -> Resolved:
    if doc.format == "latex" and "\\" in raw and macros:
        raw = expand_macros(raw, macros)
    name = clean_name(raw)
    if not name:
        return Resolved(name, None, "the graphics command names no file")
    if doc.format == "latex" and re.search(r"\\[A-Za-z@]", name):
        return Resolved(name, None, "the file name uses a macro paperlint cannot expand")
    if REMOTE.match(name):
        return Resolved(name, None, None, remote=True)
    if doc.format == "markdown":
        name = name.split("#", 1)[0].split("?", 1)[0]
    suffix = Path(name).suffix.lower()
    candidates = [name] if suffix in KNOWN else []
    if doc.format == "latex" and suffix not in KNOWN:
        candidates += [name + ext for ext in EXTENSIONS] + [name + ext.upper() for ext in EXTENSIONS[:4]]
    elif doc.format == "markdown" and not candidates:
        candidates = [name]
    outside = False
    dirs = search_dirs(doc, src_file)
    for d in dirs:
        for cand in candidates:
            p = Path(cand).expanduser() if cand.startswith("~") else Path(cand)
            full = p if p.is_absolute() else d / p
            try:
                resolved = full.resolve()
            except (OSError, RuntimeError):
                continue
            if not _inside(resolved, project_root):
                if resolved.exists():
                    outside = True
                continue
            if resolved.is_file():
                return Resolved(name, resolved)
    if outside:
        return Resolved(name, None, f"the file is outside the project root ({project_root}), which paperlint never reads; "
                                    "put a paperlint.toml at the top of your repository to widen it")
    looked = "" if len(candidates) == 1 else f" (with {', '.join(EXTENSIONS[:4])} ... tried)"
    where = ", ".join(_show(d, project_root) for d in dirs[:4])
    return Resolved(name, None, f"file not found{looked} in {where}")


def _show(d: Path, root: Path) -> str:
    try:
        rel = d.resolve().relative_to(root)
    except (ValueError, OSError):
        return str(d)
    text = rel.as_posix()
    return "the project root" if text in ("", ".") else text + "/"
