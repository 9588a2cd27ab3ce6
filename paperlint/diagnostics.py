"""Diagnostics and severities."""
from __future__ import annotations

from .records import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return {"info": cls.INFO, "suggestion": cls.INFO, "warning": cls.WARNING, "error": cls.ERROR}[value.lower()]
        except (KeyError, AttributeError):
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Finding:
    """What a check reports: a rule code, a source range and the message fields."""

    code: str
    file: int
    start: int
    end: int
    fields: dict = field(default_factory=dict, compare=False, hash=False)
    message: str | None = None          # a full message overriding the rule's template
    severity: Severity | None = None    # a check may lower/raise its own default (e.g. error for experiments)


@dataclass(frozen=True)
class Diagnostic:
    code: str
    name: str
    severity: Severity
    message: str
    file: str                # display path of the file holding the problem
    path: str                # absolute path of that file
    line: int
    column: int
    end_line: int
    end_column: int
    root: str                # display path of the root document
    start: int = 0           # 0-based character offsets in the file
    end: int = 0
    url: str | None = None
    suppression: str | None = None
    fixes: tuple = ()        # replacement texts for [start, end) (a Vale rule's action, a spelling suggestion)

    @property
    def docs(self) -> str:
        return f"paperlint rule {self.code}"

    def sort_key(self):
        return (self.root, self.file, self.line, self.column, self.code)

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "root": self.root,
            "offset": self.start,
            "end_offset": self.end,
            "url": self.url,
            "docs": self.docs,
            **({"fixes": [{"replacement": text} for text in self.fixes]} if self.fixes else {}),
        }
