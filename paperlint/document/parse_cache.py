"""Parse trees kept between lints of the same files, for the language server.

The LaTeX reader parses every file of a project (and the bodies of the draft's macros) on
every lint.  In an editor most of those texts have not changed since the last lint: with a
cache installed (``install(ParseCache())``; the language server does it, the command line
never does), :func:`parse` returns the tree of a text it has seen, keyed by the text, the
Sweave flag and the parts of the macro and environment tables the parser reads (each
macro's argument specification, each environment's body kind and arguments).

The reader rewrites node lists while it walks them (a user macro that takes the first
letter of a following word shortens that Text node), so a cached tree is never handed out
itself: every call returns a fresh copy of the lists and of the nodes that hold lists, and
the leaves (Text, Cs, Par, Comment, Raw, Math), which nothing changes, are shared.  A lint
from the cache therefore sees exactly what a fresh parse gives it.
"""
from __future__ import annotations

from collections import OrderedDict

from .latex_parse import Arg, Env, Group, Macro, Parser

_CACHE: "ParseCache | None" = None


def install(cache: "ParseCache | None") -> None:
    """Use `cache` for every parse in this process from now on (None: parse afresh, the default)."""
    global _CACHE
    _CACHE = cache


def installed() -> "ParseCache | None":
    return _CACHE


def parse(text: str, macros: dict, envs: dict, sweave: bool = False) -> tuple[list, list]:
    """(nodes, problems) of `text`, as ``Parser(text, macros, envs, sweave).parse()`` gives them."""
    cache = _CACHE
    if cache is None:
        parser = Parser(text, macros, envs, sweave=sweave)
        return parser.parse(), parser.problems
    return cache.parse(text, macros, envs, sweave)


def _macros_key(macros: dict) -> tuple:
    return tuple([(k, v.get("args") if v else None) for k, v in macros.items()])


def _envs_key(envs: dict) -> tuple:
    return tuple([(k, v.get("body"), v.get("args")) if v else (k,) for k, v in envs.items()])


def _args(args):
    return [None if a is None else Arg(a.kind, a.s, a.e, None if a.nodes is None else copy_nodes(a.nodes)) for a in args]


def copy_nodes(nodes: list) -> list:
    """A copy of a node list deep enough that the reader's rewriting of lists cannot reach the original."""
    out = []
    add = out.append
    for n in nodes:
        t = type(n)
        if t is Group:
            add(Group(n.s, n.e, copy_nodes(n.nodes)))
        elif t is Macro:
            add(Macro(n.name, n.s, n.e, n.star, _args(n.args) if isinstance(n.args, list) else n.args))
        elif t is Env:
            args = _args(n.args) if isinstance(n.args, list) else n.args
            add(Env(n.name, n.s, n.e, args, None if n.nodes is None else copy_nodes(n.nodes), n.bs, n.be))
        else:
            add(n)
    return out


class ParseCache:
    """Parse trees by (text, sweave, tables); least recently used texts go first beyond `max_chars`."""

    def __init__(self, max_chars: int = 4_000_000):
        self.max_chars = max_chars
        self.chars = 0
        self.entries: OrderedDict[tuple, tuple[list, list]] = OrderedDict()
        self.hits = 0
        self.misses = 0
        self._macro_keys: dict[int, tuple[dict, tuple]] = {}   # the reader replaces its macro table, never edits it

    def _mkey(self, macros: dict) -> tuple:
        known = self._macro_keys.get(id(macros))
        if known is not None and known[0] is macros:
            return known[1]
        key = _macros_key(macros)
        if len(self._macro_keys) > 64:
            self._macro_keys.clear()
        self._macro_keys[id(macros)] = (macros, key)
        return key

    def parse(self, text: str, macros: dict, envs: dict, sweave: bool = False) -> tuple[list, list]:
        key = (text, sweave, self._mkey(macros), _envs_key(envs))
        hit = self.entries.get(key)
        if hit is not None:
            self.hits += 1
            self.entries.move_to_end(key)
            return copy_nodes(hit[0]), list(hit[1])
        self.misses += 1
        parser = Parser(text, macros, envs, sweave=sweave)
        nodes = parser.parse()
        self.entries[key] = (nodes, list(parser.problems))
        self.chars += len(text)
        while self.chars > self.max_chars and len(self.entries) > 1:
            old, _ = self.entries.popitem(last=False)
            self.chars -= len(old[0])
        return copy_nodes(nodes), list(parser.problems)
