"""Helpers for labelling a corpus paper by reading it (they never run a paperlint rule).

    python bench/corpus/label_tools.py files ID        # source files in TeX reading order
    python bench/corpus/label_tools.py headings ID     # headings and abstract markers found in the source
    python bench/corpus/label_tools.py sentences ID    # the abstract's sentences with their positions
    python bench/corpus/label_tools.py acronyms ID     # upper-case tokens, every use with file:line:col

ID is a row of MANIFEST.tsv (or of a part file given with --manifest); the paper must have been
built into papers/ by build.py.  `sentences` uses paperlint's reader and sentence splitter only
(so that labels line up with what the rules see); it prints no role.  `acronyms` scans the raw
source, independently of the reader: it follows \\input/\\include in order, drops comments,
\\iffalse blocks, math, \\cite/\\ref/\\label arguments and URLs, and lists each candidate's
uses in reading order with a little context, for the labeller to judge.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build import read_manifest  # noqa: E402

INCLUDE = re.compile(r"\\(?:input|include|subfile|includestandalone)\s*(?:\[[^\]]*\])?\s*\{([^}]+)\}|\\input\s+([^\s{}\\]+)")
IMPORT = re.compile(r"\\(?:sub)?import\*?\s*\{([^}]*)\}\s*\{([^}]+)\}")
COMMENT = re.compile(r"(?<!\\)%.*")
MATH = re.compile(r"\$\$.*?\$\$|\$[^$]*\$|\\\(.*?\\\)|\\\[.*?\\\]", re.S)
ARGS_DROPPED = re.compile(
    r"\\(?:cite[a-zA-Z]*|[cC]?ref|autoref|eqref|label|url|href|includegraphics|begin|end|bibliography\w*|usepackage|documentclass|input|include|newcommand|renewcommand|def|definecolor|hypersetup|color|textcolor|code|texttt|verb|lstinline|pkg|file|email)\*?(?:\s*\[[^\]]*\])*\s*\{[^{}]*\}"
)
URL = re.compile(r"https?://\S+|www\.\S+")
TOKEN = re.compile(r"(?<![\w\\])([A-Za-z]*[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*?)(?:s|'s)?(?![\w])")
ROMAN = {"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII"}
CITE_KEYS = re.compile(r"(\\cite[a-zA-Z]*\*?(?:\s*\[[^\]]*\])*)\s*(\{[^{}]*\})")
MATH_ENVS = re.compile(r"\\begin\{(equation|align|gather|multline|eqnarray|displaymath|math|verbatim|lstlisting|minted|comment)\*?\}.*?\\end\{\1\*?\}", re.S)


def paper(args) -> tuple[dict, Path]:
    rows = []
    for m in args.manifest or [HERE / "MANIFEST.tsv"]:
        rows.extend(read_manifest(m))
    for r in rows:
        if r["id"] == args.id:
            folder = args.papers / r["id"]
            if not (folder / r["main_file"]).exists():
                sys.exit(f"{args.id}: not built; run build.py first")
            return r, folder
    sys.exit(f"{args.id}: not in the manifest")


def read(path: Path) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def reading_order(folder: Path, main: str) -> list[tuple[str, str]]:
    """(relative path, text) of every file TeX would read, in reading order.

    An \\input file is spliced in at its place: the including file's text is cut there, so the
    pieces come out as a reader meets them (main up to the \\input, the input, the rest of main).
    Each piece keeps its own file's text with the lines outside the piece blanked, so that line
    numbers stay those of the file.
    """
    out: list[tuple[str, str]] = []
    seen: set[Path] = set()
    root_dir = (folder / main).parent
    base = folder.resolve()

    def target_of(line: str):
        for m in INCLUDE.finditer(line):
            target = (m.group(1) or m.group(2)).strip()
            for cand in (root_dir / target, root_dir / (target + ".tex")):
                if cand.is_file():
                    return cand
        for m in IMPORT.finditer(line):
            d = root_dir / m.group(1)
            for cand in (d / m.group(2), d / (m.group(2) + ".tex")):
                if cand.is_file():
                    return cand
        return None

    def visit(path: Path) -> None:
        p = path.resolve()
        if p in seen or not p.is_file():
            return
        seen.add(p)
        text = read(p)
        rel = str(p.relative_to(base))
        lines = text.split("\n")
        latex = p.suffix.lower() in (".tex", ".ltx", "")
        start = 0
        for i, line in enumerate(lines):
            cand = target_of(COMMENT.sub("", line)) if latex else None
            if cand is not None and cand.resolve() not in seen:
                out.append((rel, "\n".join(ln if start <= k <= i else "" for k, ln in enumerate(lines))))
                visit(cand)
                start = i + 1
        out.append((rel, "\n".join(ln if k >= start else "" for k, ln in enumerate(lines))))

    visit(folder / main)
    return out


def cmd_files(args) -> None:
    row, folder = paper(args)
    for rel, text in reading_order(folder, row["main_file"]):
        used = [i for i, ln in enumerate(text.split(chr(10)), 1) if ln]
        print(f"{rel}\tlines {used[0]}-{used[-1]}" if used else f"{rel}\t(empty)")


HEADING = re.compile(
    r"\\(part|chapter|section|subsection|subsubsection|paragraph)\*?\s*(?:\[[^\]]*\])?\s*\{|\\begin\{abstract\}|\\(?:abstract|Abstract)\s*\{|"
    r"\\(?:centerline|textbf|bf|noindent|textsc)\b|^#{1,6} |^\*\*[A-Z]",
    re.M,
)


def cmd_headings(args) -> None:
    row, folder = paper(args)
    for rel, text in reading_order(folder, row["main_file"]):
        for i, line in enumerate(text.split("\n"), 1):
            code = COMMENT.sub("", line) if rel.endswith((".tex", ".ltx", ".Rnw")) else line
            if HEADING.search(code):
                print(f"{rel}:{i}: {code.strip()[:110]}")


def cmd_sentences(args) -> None:
    row, folder = paper(args)
    from paperlint.checks.ab.shape import abstract_sentences
    from paperlint.config import Settings
    from paperlint.engine import build_document

    doc = build_document(folder / row["main_file"], Settings(), cwd=folder)
    sents = abstract_sentences(doc)
    if not sents:
        print("(paperlint's reader finds no abstract sentences)")
    for s in sents:
        rng = doc.to_source(s.start, s.start + 1)
        f = doc.files[rng.file]
        line, col = f.line_col(rng.start)
        print(f"{f.display}:{line}:{col}\t{' '.join(s.text.split())}")


def _blank(piece: str) -> str:
    """Spaces in place of a piece of source, keeping its line breaks (line numbers stay right)."""
    return re.sub(r"[^\n]", " ", piece)


def cmd_acronyms(args) -> None:
    row, folder = paper(args)
    uses: dict[str, list[tuple[str, int, int, str]]] = defaultdict(list)
    order: list[str] = []
    for rel, text in reading_order(folder, row["main_file"]):
        latex = not rel.lower().endswith((".md", ".rmd", ".qmd", ".markdown"))
        if latex:
            body = re.sub(r"\\iffalse\b.*?\\fi\b", lambda m: re.sub(r"[^\n]", " ", m.group()), text, flags=re.S)
            body = "\n".join(COMMENT.sub(lambda m: " " * len(m.group()), ln) for ln in body.split("\n"))
            body = CITE_KEYS.sub(lambda m: m.group(1) + _blank(m.group(2)), body)  # keep a citation's note (\\citep[ICU;][]{key})
            for pat in (MATH_ENVS, MATH, ARGS_DROPPED):
                body = pat.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), body)
        else:
            body = re.sub(r"```.*?```|<!--.*?-->", lambda m: _blank(m.group()), text, flags=re.S)
            body = re.sub(r"`[^`\n]*`|\[@[^\]]*\]|@[\w:-]+|\$\$.*?\$\$|\$[^$\n]+\$", lambda m: _blank(m.group()), body, flags=re.S)
        body = URL.sub(lambda m: _blank(m.group()), body)
        for i, line in enumerate(body.split("\n"), 1):
            for m in TOKEN.finditer(line):
                tok = m.group(1)
                if sum(c.isupper() for c in tok) < 2 or tok in ROMAN:
                    continue
                if tok not in uses:
                    order.append(tok)
                ctx = text.split("\n")[i - 1].strip()
                uses[tok].append((rel, i, m.start(1) + 1, ctx))
    for tok in order:
        u = uses[tok]
        print(f"== {tok}  ({len(u)} uses)")
        for rel, line, col, ctx in u[: args.max_uses]:
            print(f"   {rel}:{line}:{col}  {ctx[:140]}")
        if len(u) > args.max_uses:
            print(f"   ... {len(u) - args.max_uses} more")


def main(argv=None) -> None:
    import signal

    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends quietly
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=["files", "headings", "sentences", "acronyms"])
    ap.add_argument("id")
    ap.add_argument("--manifest", type=Path, action="append")
    ap.add_argument("--papers", type=Path, default=HERE / "papers")
    ap.add_argument("--max-uses", type=int, default=4)
    args = ap.parse_args(argv)
    {"files": cmd_files, "headings": cmd_headings, "sentences": cmd_sentences, "acronyms": cmd_acronyms}[args.command](args)


if __name__ == "__main__":
    main()
