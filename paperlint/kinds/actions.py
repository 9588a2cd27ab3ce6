"""A Vale rule's ``action``: the text that could replace what it matched.

Vale does not change files itself; it hands an alert's action to the editor, which offers the
replacements (Vale's documentation, "Actions": https://vale.sh/docs/checks#action). paperlint
computes them the same way and carries them on the finding as ``fixes``: the language server
offers each as a quick fix, and the JSON, SARIF and rdjson outputs list them.

* ``replace``: the params, each one a replacement; for a ``substitution`` rule without params,
  the swap's replacement(s) for this match (``a|b`` gives two).
* ``remove``: the empty string.
* ``edit``: the matched text changed by the first param: ``regex PATTERN REPL`` (every match of
  PATTERN replaced, ``$1`` or ``${name}`` naming groups), ``trim_right CHARS``, ``trim_left
  CHARS``, ``trim CHARS``, ``truncate SEP`` (what comes before the first SEP), ``split SEP N``
  (the Nth part); the result is stripped of surrounding white space.
* ``suggest`` with ``spellings``: the spelling rule's suggestions for the word.
* ``convert`` and ``suggest`` with a script are not run here: the finding has no fixes.

A fix that equals the matched text is dropped, as are repeats.
"""
from __future__ import annotations

import re

__all__ = ["solutions"]

_GO_GROUP = re.compile(r"\$(?:(\d+)|\{(\w+)\})")


def _go_replacement(repl: str) -> str:
    """A Go ``ReplaceAllString`` template (``$1``, ``${name}``) as a Python one (``\\g<1>``)."""
    out, pos = [], 0
    for m in _GO_GROUP.finditer(repl):
        out.append(repl[pos:m.start()].replace("\\", "\\\\"))
        out.append(f"\\g<{m.group(1) or m.group(2)}>")
        pos = m.end()
    out.append(repl[pos:].replace("\\", "\\\\"))
    return "".join(out)


def _edit(params: list[str], match: str) -> list[str]:
    if not params:
        return []
    how, args = params[0], params[1:]
    if how == "regex" and len(args) == 2:
        try:
            text = re.sub(args[0], _go_replacement(args[1]), match)
        except (re.error, IndexError):
            return []
    elif how == "trim_right" and len(args) == 1:
        text = match.rstrip(args[0])
    elif how == "trim_left" and len(args) == 1:
        text = match.lstrip(args[0])
    elif how == "trim" and len(args) == 1:
        text = match.strip(args[0])
    elif how == "truncate" and len(args) == 1 and args[0]:
        text = match.split(args[0], 1)[0]
    elif how == "split" and len(args) == 2 and args[0]:
        try:
            text = match.split(args[0])[int(args[1])]
        except (ValueError, IndexError):
            return []
    else:
        return []
    return [text.strip()]


def solutions(kind, match: str, offered: tuple[str, ...] = ()) -> list[str]:
    """The replacements `kind`'s action gives for `match` (`offered`: what the kind itself
    computed for this match, e.g. a substitution's swap)."""
    name, params = kind.action_name, kind.action_params
    if name == "replace":
        out = list(params) or list(offered)
    elif name == "remove":
        out = [""]
    elif name == "edit":
        out = _edit(params, match)
    elif name == "suggest" and params[:1] == ["spellings"]:
        suggest = getattr(kind, "suggest", None)
        out = list(suggest(match)) if suggest is not None else list(offered)
    else:
        out = []
    seen, fixes = set(), []
    for fix in out:
        if fix != match and fix not in seen:
            seen.add(fix)
            fixes.append(fix)
    return fixes
