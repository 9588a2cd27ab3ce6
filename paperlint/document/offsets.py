"""The prose view and its offset map back to the source.

The prose view is one string built from every source file of a document.  Each
piece of it is recorded as a *segment*:

* ``TEXT``: prose copied verbatim from the source; view and source advance
  together, character by character;
* ``REPLACED``: a stand-in for markup (``\\cite{a}`` becomes ``[1]``, inline
  math becomes ``X``); any offset inside it maps to the whole source span.

Characters added between blocks (the blank line separating paragraphs) belong
to no segment.  Lookups use bisect over the segment starts.
"""
from __future__ import annotations

import bisect
from ..records import dataclass

TEXT = 0
REPLACED = 1


@dataclass(frozen=True, slots=True)
class SourceRange:
    """A range in one source file: 0-based character offsets, end exclusive."""

    file: int
    start: int
    end: int


class ViewBuilder:
    """Accumulates the prose view and its segments."""

    __slots__ = ("parts", "length", "vs", "ve", "fi", "ss", "se", "kind")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.vs: list[int] = []
        self.ve: list[int] = []
        self.fi: list[int] = []
        self.ss: list[int] = []
        self.se: list[int] = []
        self.kind: list[int] = []

    def text(self, file: int, start: int, end: int, source: str) -> None:
        """Append source[start:end] verbatim."""
        if end > start:
            self.piece(file, start, end, source[start:end])

    def piece(self, file: int, start: int, end: int, piece: str) -> None:
        """Append ``piece``, which is source[start:end] already sliced (``text`` without the slice)."""
        if end <= start:
            return
        n = end - start
        if (
            self.kind
            and self.kind[-1] == TEXT
            and self.fi[-1] == file
            and self.se[-1] == start
            and self.ve[-1] == self.length
        ):
            self.ve[-1] += n
            self.se[-1] = end
        else:
            self._add(self.length, self.length + n, file, start, end, TEXT)
        self.parts.append(piece)
        self.length += n

    def replaced(self, string: str, file: int, start: int, end: int) -> None:
        """Append a stand-in string for the markup at source[start:end]."""
        if not string:
            return
        n = len(string)
        self._add(self.length, self.length + n, file, start, end, REPLACED)
        self.parts.append(string)
        self.length += n

    def synthetic(self, string: str) -> None:
        """Append characters that stand for no source (block separators)."""
        self.parts.append(string)
        self.length += len(string)

    def _add(self, vs: int, ve: int, file: int, ss: int, se: int, kind: int) -> None:
        self.vs.append(vs)
        self.ve.append(ve)
        self.fi.append(file)
        self.ss.append(ss)
        self.se.append(se)
        self.kind.append(kind)

    def last_char(self) -> str:
        for part in reversed(self.parts):
            if part:
                return part[-1]
        return ""

    def build(self) -> tuple[str, "OffsetMap"]:
        return "".join(self.parts), OffsetMap(self.vs, self.ve, self.fi, self.ss, self.se, self.kind)


class OffsetMap:
    """Maps prose-view offsets to (file index, source offset)."""

    __slots__ = ("vs", "ve", "fi", "ss", "se", "kind")

    def __init__(self, vs, ve, fi, ss, se, kind) -> None:
        self.vs, self.ve, self.fi, self.ss, self.se, self.kind = vs, ve, fi, ss, se, kind

    def __len__(self) -> int:
        return len(self.vs)

    def segment_at(self, offset: int) -> int | None:
        """Index of the segment holding view character `offset`, or None."""
        i = bisect.bisect_right(self.vs, offset) - 1
        if i >= 0 and offset < self.ve[i]:
            return i
        return None

    def start_of(self, offset: int) -> tuple[int, int] | None:
        """Source position where the view character at `offset` begins.

        An offset in a synthetic gap maps to the start of the next segment.
        """
        i = bisect.bisect_right(self.vs, offset) - 1
        if i >= 0 and offset < self.ve[i]:
            if self.kind[i] == TEXT:
                return self.fi[i], self.ss[i] + offset - self.vs[i]
            return self.fi[i], self.ss[i]
        i += 1
        if i < len(self.vs):
            return self.fi[i], self.ss[i]
        return None

    def end_of(self, offset: int) -> tuple[int, int] | None:
        """Source position just after the view character at `offset - 1`."""
        if offset <= 0:
            return None
        i = bisect.bisect_right(self.vs, offset - 1) - 1
        if i < 0:
            return None
        if offset - 1 < self.ve[i]:
            if self.kind[i] == TEXT:
                return self.fi[i], self.ss[i] + offset - self.vs[i]
            return self.fi[i], self.se[i]
        return self.fi[i], self.se[i]  # in a gap: end of the previous segment

    def to_source(self, start: int, end: int) -> SourceRange | None:
        """Map the view range [start, end) to a source range, clipped to the file where it starts."""
        a = self.start_of(start)
        if a is None:
            return None
        if end <= start:
            return SourceRange(a[0], a[1], a[1])
        b = self.end_of(end)
        if b is None or b[0] != a[0] or b[1] < a[1]:
            # crosses into another file: clip to the last segment of the start file
            i = bisect.bisect_right(self.vs, start) - 1
            i = max(i, 0)
            last = a[1]
            while i < len(self.vs) and self.vs[i] < end:
                if self.fi[i] == a[0] and self.se[i] >= last:
                    if self.kind[i] == TEXT and self.ve[i] > end:
                        last = self.ss[i] + end - self.vs[i]
                    else:
                        last = self.se[i]
                elif self.fi[i] != a[0] and self.vs[i] > start:
                    break
                i += 1
            return SourceRange(a[0], a[1], max(last, a[1]))
        return SourceRange(a[0], a[1], b[1])

    def is_plain(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside one TEXT segment."""
        i = self.segment_at(start)
        return i is not None and self.kind[i] == TEXT and end <= self.ve[i]

    def replaced_spans(self, start: int, end: int):
        """Yield (view_start, view_end) of REPLACED segments overlapping [start, end)."""
        i = max(bisect.bisect_right(self.vs, start) - 1, 0)
        while i < len(self.vs) and self.vs[i] < end:
            if self.kind[i] == REPLACED and self.ve[i] > start:
                yield self.vs[i], self.ve[i]
            i += 1

    def segments(self):
        for i in range(len(self.vs)):
            yield self.vs[i], self.ve[i], self.fi[i], self.ss[i], self.se[i], self.kind[i]
