"""Per-file results kept between lints in the language server.

Some rules do their heavy work file by file through a pure function of the file's text:
GRIM (EV106/EV107) reads the summaries of each file with ``find_summaries(text, fmt)``
(normalising each paragraph that may hold one with ``normalise(paragraph, fmt)``),
the statistics rules read each file's tests with ``extract_tests(text, fmt)``, and the
citation rules read each ``.bib`` file with ``keys_in_file(path)``.  After a one-line edit
only one file's text is new, so in the server (and only there) these functions are
wrapped with a memo: a text seen before gives the result it gave before, and the rules
that need the whole document still run on the whole new model every time.

A wrapped function must be pure in its arguments, and its callers must not change what it
returns (the lists hold frozen dataclasses, the sets are only read): the memo hands out the
same object again.  A file-reading function is keyed by the file's path, size and
modification time as well.  ``tests/test_lsp_incremental.py`` checks that a lint with the
memos equals a fresh lint.
"""
from __future__ import annotations

import functools
import importlib
import os
from collections import OrderedDict

# (module, attribute, kind, most characters of text kept): kind "text" keys by the arguments,
# "file" also by the file's stat
PURE = (
    ("paperlint.checks.ev.grim", "find_summaries", "text", 4_000_000),      # (blanked file text, fmt) -> [Summary]
    # GRIM normalises each paragraph that may hold a summary: after an edit in a long file,
    # only the edited paragraph is normalised again; (str, [int], [int]), the lists only read
    ("paperlint.stats.grim", "normalise", "text", 1_000_000),
    ("paperlint.stats.found", "extract_tests", "text", 4_000_000),          # (blanked file text, fmt) -> [ReportedTest]
    ("paperlint.document.bibliography", "keys_in_file", "file", 0),          # (.bib or .bbl path) -> {keys}
    # the word and phrase lists (RD103, CL104, ST140, Vale rules) scan block by block: after an
    # edit, only the edited block is scanned again; (TokenIndex, str, bool) -> [[(s, e, k)]]
    ("paperlint.kinds.tokens", "scan_piece", "text", 4_000_000),
)


class Memo:
    """One wrapped function's results, least recently used first out beyond `max_entries`."""

    def __init__(self, fn, kind: str, max_entries: int = 2048, max_chars: int = 4_000_000):
        self.fn = fn
        self.kind = kind
        self.max_entries = max_entries
        self.max_chars = max_chars       # the texts held as keys, in all
        self.chars = 0
        self.entries: OrderedDict = OrderedDict()
        self.hits = 0
        self.misses = 0

    def key(self, args, kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        if self.kind == "file":
            st = os.stat(args[0])
            key = (key, st.st_mtime_ns, st.st_size, st.st_ino)
        return key

    def __call__(self, *args, **kwargs):
        try:
            key = self.key(args, kwargs)
            hash(key)
        except (OSError, TypeError):
            return self.fn(*args, **kwargs)
        try:
            value = self.entries[key]
        except KeyError:
            self.misses += 1
            value = self.fn(*args, **kwargs)
            self.entries[key] = value
            self.chars += _chars(args)
            while len(self.entries) > 1 and (len(self.entries) > self.max_entries or self.chars > self.max_chars):
                old, _ = self.entries.popitem(last=False)
                self.chars -= _chars(old[0] if self.kind == "text" else old[0][0])
            return value
        self.hits += 1
        self.entries.move_to_end(key)
        return value


def _chars(args) -> int:
    return sum(len(a) for a in args if isinstance(a, str))


def install() -> dict[str, Memo]:
    """Wrap every function of PURE that is there (a missing one is skipped); returns the memos by name."""
    memos: dict[str, Memo] = {}
    for module_name, attr, kind, max_chars in PURE:
        try:
            module = importlib.import_module(module_name)
        except Exception:
            continue
        fn = getattr(module, attr, None)
        if fn is None:
            continue
        if isinstance(fn, Memo):
            memos[f"{module_name}.{attr}"] = fn
            continue
        memo = Memo(fn, kind, max_entries=20_000, max_chars=max_chars or 4_000_000)
        functools.update_wrapper(memo, fn)
        setattr(module, attr, memo)
        memos[f"{module_name}.{attr}"] = memo
    return memos


def uninstall() -> None:
    for module_name, attr, *_ in PURE:
        try:
            module = importlib.import_module(module_name)
        except Exception:
            continue
        fn = getattr(module, attr, None)
        if isinstance(fn, Memo):
            setattr(module, attr, fn.fn)
