"""The project's word list, ``.paperlint-words`` at the project root: one word per line,
``#`` starts a comment. The language server's quick fix appends to it."""
from __future__ import annotations

from pathlib import Path

WORD_LIST = ".paperlint-words"


def word_list_for(path: Path) -> Path:
    """The word list of the project holding `path` (a draft or one of its chapters)."""
    from ..project import project_root

    return project_root(Path(path)) / WORD_LIST


def read_word_list(path: Path) -> list[str]:
    """One word per line; '#' starts a comment; blank lines are ignored."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def add_word(path: Path, word: str) -> Path:
    """Append `word` to the word list of `path`'s project (created when missing), written
    atomically (a temporary file, then os.replace). Nothing changes when it is listed."""
    from ..fileutil import atomic_write_text

    word = word.strip()
    if not word or any(c.isspace() for c in word) or word.startswith("#"):
        raise ValueError(f"not a word: {word!r}")
    target = word_list_for(path)
    if target.is_file():
        if word in read_word_list(target):
            return target
        text = target.read_text(encoding="utf-8", errors="replace")
    else:
        text = "# Words paperlint's spelling rule (RD105) accepts: one a line, # starts a comment.\n"
    if text and not text.endswith("\n"):
        text += "\n"
    atomic_write_text(target, text + word + "\n")
    return target
