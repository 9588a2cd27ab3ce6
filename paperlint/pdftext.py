"""The text of a compiled PDF, for the checks that compare the PDF with its venue's rules
(``paperlint --pdf main.pdf``): where the references start, and whether author names show.

pypdfium2 is a dependency already (figure colours); it is imported only when a PDF is given.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

_REFERENCES = re.compile(r"^\s*(?:\d+\s+|[A-Z]\.?\s+)?(?:References|REFERENCES|Bibliography|BIBLIOGRAPHY|Literature Cited|Works Cited)\s*$", re.M)
#: text before the heading on its page that is only a running head or line numbers
_PAGE_START = 200


class PdfError(Exception):
    pass


@functools.lru_cache(maxsize=4)
def _pages(path: str, mtime_ns: int) -> tuple[str, ...]:
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:   # pragma: no cover - a default dependency
        raise PdfError("pypdfium2 is not installed: pip install pypdfium2") from exc
    try:
        pdf = pdfium.PdfDocument(path)
    except Exception as exc:      # pdfium raises its own error types for damaged files
        raise PdfError(f"cannot read it as a PDF ({exc})") from None
    try:
        out = []
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            out.append(tp.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            tp.close()
            page.close()
        return tuple(out)
    finally:
        pdf.close()


def pages(path: Path) -> tuple[str, ...]:
    """The text of every page of the PDF at `path` (cached while the file is unchanged)."""
    try:
        st = path.stat()
    except OSError as exc:
        raise PdfError(f"cannot read it: {exc.strerror or exc}") from None
    return _pages(str(path.resolve()), st.st_mtime_ns)


def pages_before_references(texts: tuple[str, ...]) -> int | None:
    """How many pages the text before the references fills (the page where they start counts
    when text precedes the heading on it), or None when no references heading is found."""
    for i, text in enumerate(texts):
        m = _REFERENCES.search(text)
        if m is None:
            continue
        before = len(re.sub(r"\s+|\d+", "", text[:m.start()]))
        return i + 1 if before > _PAGE_START else i
    return None


def find_names(texts: tuple[str, ...], names: list[str]) -> list[tuple[str, int]]:
    """(name, page number) for each of `names` the PDF shows, spaces and line breaks folded."""
    flat = [" ".join(t.split()) for t in texts]
    out = []
    for name in names:
        for i, t in enumerate(flat):
            if re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", t):
                out.append((name, i + 1))
                break
    return out
