"""Where a quick fix puts a suppression comment: pure text functions, shared by the language
server and the rdjson output (which needs no pygls)."""
from __future__ import annotations

from .. import lazyre
import re

LATEX_IGNORE = lazyre.compile(r"%[ \t]*paperlint[ \t]*:[ \t]*ignore[ \t]*\[([^\]]*)\]")
MARKDOWN_IGNORE = lazyre.compile(r"<!--[ \t]*paperlint[ \t]*:[ \t]*ignore[ \t]*\[([^\]]*)\]")


def comment_start(line: str) -> int | None:
    """Index of the first unescaped % in a LaTeX line (an even run of backslashes before it)."""
    i = line.find("%")
    while i != -1:
        k = i
        while k > 0 and line[k - 1] == "\\":
            k -= 1
        if (i - k) % 2 == 0:
            return i
        i = line.find("%", i + 1)
    return None


def front_matter_end(lines: list[str]) -> int:
    """Number of lines taken by Markdown YAML front matter (0 when there is none)."""
    if not lines or lines[0].rstrip("\r\n") != "---":
        return 0
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n") in ("---", "..."):
            return i + 1
    return 0


def line_suppression(line: str, code: str, markdown: bool) -> tuple[int, str] | None:
    """Where to insert text on `line` (code points) so that it suppresses `code`, and the text."""
    if markdown:
        m = MARKDOWN_IGNORE.search(line)
        if m:
            targets = [t.strip() for t in m.group(1).split(",") if t.strip()]
            if code in targets:
                return None
            return m.end(1), (", " if targets else "") + code
        end = len(line.rstrip())
        return end, f" <!-- paperlint: ignore[{code}] -->"
    c = comment_start(line)
    if c is not None:
        m = LATEX_IGNORE.match(line, c)
        if m:
            targets = [t.strip() for t in m.group(1).split(",") if t.strip()]
            if code in targets:
                return None
            return m.end(1), (", " if targets else "") + code
        # a comment already ends the line: put the directive first, the old comment follows it
        pad = "" if c == 0 or line[c - 1] in " \t" else " "
        return c, f"{pad}% paperlint: ignore[{code}] "
    end = len(line.rstrip())
    pad = "" if end == 0 else " "
    return end, f"{pad}% paperlint: ignore[{code}]"
