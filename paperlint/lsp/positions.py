"""Columns for LSP clients.

paperlint counts columns in code points; LSP counts them in UTF-16 code units unless the
client and server agreed on UTF-8 or UTF-32 at initialisation.  A character outside the
Basic Multilingual Plane (an emoji, a math alphanumeric such as U+1D49C) is one code point
but two UTF-16 units and four UTF-8 bytes.
"""
from __future__ import annotations

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def _units(ch: str, encoding: str) -> int:
    cp = ord(ch)
    if encoding == UTF16:
        return 2 if cp > 0xFFFF else 1
    if encoding == UTF8:
        return 1 if cp < 0x80 else 2 if cp < 0x800 else 3 if cp < 0x10000 else 4
    return 1


def to_client(line: str, column: int, encoding: str = UTF16) -> int:
    """The client's 0-based character offset for a 0-based code-point `column` in `line`."""
    column = max(0, min(column, len(line)))
    prefix = line[:column]
    if encoding == UTF32 or prefix.isascii():
        return column
    if encoding == UTF16:
        return column + sum(1 for ch in prefix if ord(ch) > 0xFFFF)
    return len(prefix.encode("utf-8", "surrogatepass"))


def from_client(line: str, units: int, encoding: str = UTF16) -> int:
    """The 0-based code-point column for the client's 0-based offset `units` in `line`."""
    if encoding == UTF32 or line.isascii():
        return max(0, min(units, len(line)))
    seen = 0
    for i, ch in enumerate(line):
        if seen >= units:
            return i
        seen += _units(ch, encoding)
    return len(line)
