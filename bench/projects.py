"""Multi-file LaTeX projects built at run time from a corpus paper, for bench/lsp.py and bench/scale.py.

Nothing here is copied into the repository: the projects are written to a folder the caller
gives (a temporary directory).  The source is the 395 KB ``tyurin-dasha-pp/neurips_2022.tex``
of the shared corpus (about 400 KB with its ``macros.tex``).

``split_project`` cuts the paper at every top-level ``\\section`` line of its body into chapter
files ``chapters/NN.tex``; ``main.tex`` keeps the preamble, the title and abstract, and
``\\input``s the chapters in order.  The paper's sibling files (``macros.tex``, the ``.sty``,
the ``.bib``, ``experiments/``) are copied beside it, so ``\\include{macros}`` resolves.

``sized_project`` cuts at every top-level ``\\subsection`` line as well, and cuts a chapter
longer than 12 KB again at blank lines outside any group or environment (about 50 chapter files
of at most 20 KB for the paper), and then picks chapters in order, cycling through the paper
again when the target is larger than the paper, until the chapter files reach the target
size.  A repeated chapter gets its labels and the references to them renamed (``-r2``, ...),
so a 1 MB project has no more duplicate labels than the paper itself.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"
PAPER = ("tyurin-dasha-pp", "neurips_2022.tex")

_LABELISH = re.compile(r"(\\(?:label|ref|eqref|cref|Cref|autoref|pageref|nameref)\s*\{)([^{}]*)\}")


def source_paper(corpus: Path | None = None) -> Path:
    corpus = Path(corpus) if corpus else DEFAULT_CORPUS
    path = corpus / PAPER[0] / PAPER[1]
    if not path.is_file():
        raise FileNotFoundError(f"{path} is not there: these benchmarks need the shared corpus (--corpus DIR)")
    return path


def _parts(paper: Path, cuts: tuple[str, ...] = ("\\section",)) -> tuple[str, list[str], str]:
    """(head up to the first section, chapters, tail from \\end{document}); a chapter starts at each line that starts with one of `cuts`."""
    text = paper.read_text(encoding="utf-8")
    lines = text.split("\n")
    end = max(i for i, line in enumerate(lines) if line.startswith("\\end{document}"))
    # the paper wraps its appendix in \ifdef{\shortpaper}{}{ ... }: unwrap it, so that the
    # appendix sections are top-level and can be chapters of their own (TeX prints the same)
    wrap = [i for i, line in enumerate(lines) if line.strip() == "\\ifdef{\\shortpaper}{}{"]
    if wrap:
        close = max(i for i in range(wrap[0], end) if lines[i].strip() == "}")
        lines = [line for i, line in enumerate(lines) if i not in (wrap[0], close)]
    begin = next(i for i, line in enumerate(lines) if line.startswith("\\begin{document}"))
    end = max(i for i, line in enumerate(lines) if line.startswith("\\end{document}"))
    starts = [i for i in range(begin + 1, end) if lines[i].startswith(cuts)]
    head = "\n".join(lines[:starts[0]]) + "\n"
    chapters = ["\n".join(lines[a:b]) + "\n" for a, b in zip(starts, starts[1:] + [end])]
    tail = "\n".join(lines[end:])
    return head, chapters, tail


_BRACES = re.compile(r"\\[{}]|\\(begin|end)\s*\{[^{}]*\}|[{}]")


def _split_long(chapter: str, max_chars: int) -> list[str]:
    """A chapter cut at blank lines outside every group and environment, into pieces of about `max_chars`."""
    pieces, cur, size, depth = [], [], 0, 0
    for line in chapter.split("\n"):
        if not line.strip() and depth == 0 and size >= max_chars:
            pieces.append("\n".join(cur) + "\n")
            cur, size = [], 0
        cur.append(line)
        size += len(line) + 1
        code = re.split(r"(?<!\\)%", line, 1)[0]
        for m in _BRACES.finditer(code):
            tok = m.group(0)
            if m.group(1) == "begin" or tok == "{":
                depth += 1
            elif m.group(1) == "end" or tok == "}":
                depth -= 1
    text = "\n".join(cur)
    if text.strip():
        pieces.append(text if text.endswith("\n") else text + "\n")
    elif pieces:
        pieces[-1] += text
    return pieces


def _copy_siblings(paper: Path, out: Path) -> None:
    """The paper's other files, copied (paperlint refuses symbolic links that leave the project)."""
    for sib in paper.parent.iterdir():
        dest = out / sib.name
        if sib.name == paper.name or dest.exists():
            continue
        if sib.is_dir():
            shutil.copytree(sib, dest)
        else:
            shutil.copyfile(sib, dest)


def _write(paper: Path, out: Path, head: str, chapters: list[str], tail: str) -> tuple[Path, list[Path]]:
    out.mkdir(parents=True, exist_ok=True)
    (out / "paperlint.toml").write_text("")
    _copy_siblings(paper, out)
    (out / "chapters").mkdir(exist_ok=True)
    files = []
    for i, body in enumerate(chapters, 1):
        f = out / "chapters" / f"{i:02d}.tex"
        f.write_text(body, encoding="utf-8")
        files.append(f)
    main = out / "main.tex"
    inputs = "".join(f"\\input{{chapters/{f.stem}}}\n" for f in files)
    main.write_text(head + inputs + tail, encoding="utf-8")
    return main, files


def split_project(out: Path, corpus: Path | None = None) -> tuple[Path, list[Path]]:
    """The whole paper as main.tex plus one chapter file per top-level section."""
    paper = source_paper(corpus)
    head, chapters, tail = _parts(paper)
    return _write(paper, Path(out), head, chapters, tail)


def _renamed(chapter: str, round_: int) -> str:
    if round_ == 1:
        return chapter
    return _LABELISH.sub(lambda m: f"{m.group(1)}{','.join(k.strip() + f'-r{round_}' for k in m.group(2).split(','))}}}", chapter)


def sized_project(out: Path, target_bytes: int, corpus: Path | None = None) -> tuple[Path, list[Path]]:
    """main.tex and chapters whose sizes add up to about `target_bytes` (whole chapters, in order, cycling)."""
    paper = source_paper(corpus)
    head, chapters, tail = _parts(paper, ("\\section", "\\subsection"))
    chapters = [piece for ch in chapters for piece in _split_long(ch, 12_000)]
    picked: list[str] = []
    size = len(head.encode()) + len(tail.encode())
    round_ = 1
    while size < target_bytes:
        for ch in chapters:
            if size >= target_bytes:
                break
            body = _renamed(ch, round_)
            picked.append(body)
            size += len(body.encode()) + len("\\input{chapters/00}\n")
        round_ += 1
    return _write(paper, Path(out), head, picked, tail)


def project_bytes(main: Path) -> int:
    """Bytes of every .tex file of the project (main, chapters, macros.tex)."""
    root = main.parent
    return sum(p.stat().st_size for p in [*root.glob("*.tex"), *(root / "chapters").glob("*.tex")])
