"""Reading draft files: decoding, newline normalisation and line tables.

Every position paperlint reports is computed from a :class:`SourceFile`: a
0-based character offset into the decoded text, turned into a 1-based line and
a 1-based column counted in code points.  CRLF and lone CR are normalised to LF
after decoding; since the removed CR always sits at the end of a line, no column
ever shifts.  A UTF-8 byte-order mark is dropped (editors do not show it as a
column).
"""
from __future__ import annotations

import bisect
import os
from .records import dataclass, field
from pathlib import Path

#: Files larger than this are refused with PL001 rather than parsed.
MAX_FILE_BYTES = 20 * 1024 * 1024


class SourceError(Exception):
    """A file that cannot be read as a draft (missing, binary, too large...)."""


@dataclass
class SourceFile:
    path: Path                 # absolute, resolved path
    display: str               # how the path is shown to the user
    text: str                  # decoded, newline-normalised text
    encoding: str = "utf-8"    # 'utf-8', 'utf-8-sig', 'latin-1', or a BOM's 'utf-16-le', 'utf-16-be', 'utf-32-le', 'utf-32-be'
    decode_error: tuple[int, int] | None = None  # (offset in text, byte value) of the first bad byte
    line_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.line_starts:
            starts = [0]
            find = self.text.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self.line_starts = starts

    @property
    def not_utf8(self) -> bool:
        """Read in another encoding than UTF-8 (PL003 says so)."""
        return self.decode_error is not None or self.encoding in WIDE_ENCODINGS

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a 0-based character offset (clamped to the file)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def offset_of(self, line: int, col: int = 1) -> int:
        """0-based offset of a 1-based (line, column)."""
        line = max(1, min(line, len(self.line_starts)))
        return min(self.line_starts[line - 1] + col - 1, len(self.text))

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end == -1 else self.text[start:end]

    def line_range(self, line: int) -> tuple[int, int]:
        start = self.line_starts[line - 1]
        end = self.text.find("\n", start)
        return start, (len(self.text) if end == -1 else end)


def display_path(path: Path, cwd: Path | None = None) -> str:
    cwd = cwd or Path.cwd()
    try:
        return os.path.relpath(path, cwd) if path.is_relative_to(cwd) else str(path)
    except ValueError:  # different drive on Windows
        return str(path)


# UTF-32's little-endian BOM starts with UTF-16's: test it first
WIDE_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
             (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
WIDE_ENCODINGS = {name for _, name in WIDE_BOMS}


def decode(data: bytes) -> tuple[str, str, tuple[int, int] | None]:
    """Decode bytes as UTF-8 (with or without BOM), falling back to Latin-1.

    Returns (text, encoding, first_error) where first_error is the character
    offset of the first invalid byte in the decoded text and the byte's value.
    """
    for bom, wide in WIDE_BOMS:  # what some Windows editors save; the BOM says which
        if data.startswith(bom):
            text = data[len(bom):].decode(wide, errors="replace")
            return text.replace("\r\n", "\n").replace("\r", "\n"), wide, None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        text = data.decode("utf-8")
        err = None
    except UnicodeDecodeError as exc:
        # Latin-1 maps every byte to one character, so the character offset of
        # the bad byte is the number of characters decoded before it.
        prefix = data[: exc.start].decode("utf-8", errors="replace")
        text = data.decode("latin-1")
        encoding = "latin-1"
        err = (len(prefix), data[exc.start])
    if "\r" in text:
        if err is not None:
            err = (err[0] - text.count("\r\n", 0, err[0]), err[1])
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding, err


def read_source(path: Path, cwd: Path | None = None) -> SourceFile:
    """Read and decode one file, raising :class:`SourceError` with a plain reason."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise SourceError("file not found") from None
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}") from None
    if path.is_dir():
        raise SourceError("is a directory")
    if size > MAX_FILE_BYTES:
        raise SourceError(
            f"file is {size / 1048576:.1f} MB, over the {MAX_FILE_BYTES // 1048576} MB limit for a draft"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}") from None
    if b"\x00" in data[:8192] and not any(data.startswith(bom) for bom, _ in WIDE_BOMS):
        raise SourceError("looks like a binary file (it contains NUL bytes), not a LaTeX or Markdown draft")
    text, encoding, err = decode(data)
    resolved = path.resolve()
    return SourceFile(resolved, display_path(resolved, cwd), text, encoding, err)


def source_from_text(text: str, name: str = "<string>") -> SourceFile:
    """A SourceFile for in-memory text (tests, editors)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return SourceFile(Path(name).absolute() if name != "<string>" else Path("/<string>"), name, text)
