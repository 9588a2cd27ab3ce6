"""Which citation keys a draft's bibliography defines.

Small and tolerant readers, used by CT110 (cited keys missing from the bibliography):

* BibTeX / biblatex ``.bib`` files: entry keys, skipping ``@string``, ``@preamble`` and
  ``@comment``; nested braces, quoted values, ``@type(...)`` entries and text between
  entries (comments, stray characters) are all fine. Nothing but the keys is parsed.
* ``.bbl`` files (what arXiv sources often ship instead of the ``.bib``): ``\\bibitem{key}``
  and biblatex's ``\\entry{key}``.
* CSL JSON (a list of objects with ``id``) and CSL YAML (``- id: key``), as pandoc reads
  them from a Markdown paper's ``bibliography:`` field.
* ``\\begin{thebibliography}`` ``\\bibitem{key}`` entries written in the draft itself.

:func:`bibliography_keys` resolves the files a document names, as TeX and pandoc do
(relative to the root file's folder, ``.bib`` added when there is no suffix), and says
whether every named bibliography was read: a rule may only call a key missing when it
was.
"""
from __future__ import annotations

from .. import lazyre
import re
from ..records import dataclass, field
from pathlib import Path

from .model import Document

_ENTRY_TYPE = lazyre.compile(r"@\s*([A-Za-z][\w-]*)\s*([{(])")
_SKIP_TYPES = {"string", "preamble", "comment"}
_BIBITEM = lazyre.compile(r"\\bibitem\s*(?:\[(?:[^\[\]{}]|\{[^{}]*\})*\])?\s*\{([^{}]+)\}")
_BBL_ENTRY = lazyre.compile(r"\\entry\s*\{([^{}]+)\}")
_CSL_YAML_ID = lazyre.compile(r"""^\s*(?:-\s*)?id\s*:\s*['"]?([^'"\s#]+)""", re.M)
_NEXT_ENTRY = lazyre.compile(r"\n[ \t]*@\s*[A-Za-z][\w-]*\s*[{(]")
_MAX_BYTES = 20 * 1024 * 1024


def _skip_balanced(text: str, i: int, close: str) -> int:
    """Index just after the delimiter that closes the group opened before ``i``."""
    opener = "{" if close == "}" else "("
    depth = 1
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{" or (c == opener and opener == "("):
            depth += 1
        elif c == "}" or (c == close and close == ")"):
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def bibtex_keys(text: str) -> set[str]:
    """Entry keys of a .bib file (tolerant: a damaged entry costs only itself)."""
    keys: set[str] = set()
    i = 0
    while True:
        at = text.find("@", i)
        if at < 0:
            break
        # text outside entries is ignored by BibTeX; biber treats '%' lines as comments
        line_start = text.rfind("\n", 0, at) + 1
        if text[line_start:at].lstrip().startswith("%"):
            i = text.find("\n", at)
            if i < 0:
                break
            continue
        m = _ENTRY_TYPE.match(text, at)
        if m is None:
            i = at + 1
            continue
        kind = m.group(1).lower()
        close = "}" if m.group(2) == "{" else ")"
        body = m.end()
        end = _skip_balanced(text, body, close)
        nxt = _NEXT_ENTRY.search(text, body)
        if nxt is not None and nxt.start() < end:
            end = nxt.start() + 1  # unbalanced entry: it costs only itself
        if kind in _SKIP_TYPES:
            i = end
            continue
        comma = text.find(",", body)
        end_brace = text.find(close, body)
        if comma >= 0 and (end_brace < 0 or comma < end_brace):
            key = text[body:comma].strip()
            if key and not any(ch in key for ch in "{}\n\"=@"):
                keys.add(key)
        i = max(end, at + 1)
    return keys


def bbl_keys(text: str) -> set[str]:
    """Keys of a generated .bbl (BibTeX \\bibitem or biblatex \\entry)."""
    return {k.strip() for k in _BIBITEM.findall(text)} | {k.strip() for k in _BBL_ENTRY.findall(text)}


def csl_json_keys(text: str) -> set[str]:
    try:
        import json   # only for a CSL-JSON bibliography

        data = json.loads(text)
    except ValueError:
        return set()
    if isinstance(data, dict):
        data = data.get("references") or data.get("items") or [data]
    if not isinstance(data, list):
        return set()
    return {str(item["id"]) for item in data if isinstance(item, dict) and "id" in item}


def csl_yaml_keys(text: str) -> set[str]:
    return set(_CSL_YAML_ID.findall(text))


def keys_in_file(path: Path) -> set[str]:
    """The keys a bibliography file defines, by its suffix (.bib, .bbl, .json, .yaml/.yml)."""
    if path.stat().st_size > _MAX_BYTES:
        raise OSError("file too large")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    suffix = path.suffix.lower()
    if suffix == ".json":
        return csl_json_keys(text)
    if suffix in (".yaml", ".yml"):
        return csl_yaml_keys(text)
    if suffix == ".bbl":
        return bbl_keys(text)
    return bibtex_keys(text)


def split_names(value: str) -> list[str]:
    """Names of a Markdown ``bibliography:`` value: one path, or a YAML flow list ``[a.bib, b.bib]``."""
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    parts = [p.strip().strip("'\"") for p in value.split(",")] if value.startswith(("[",)) or "," in value else [value.strip().strip("'\"")]
    return [p for p in parts if p]


@dataclass
class BibliographyKeys:
    keys: set[str] = field(default_factory=set)
    read: list[Path] = field(default_factory=list)        # files read
    missing: list[str] = field(default_factory=list)      # named but not found or not readable
    inline: bool = False                                  # thebibliography entries in the draft
    named: bool = False                                   # the draft names any bibliography at all

    @property
    def complete(self) -> bool:
        """Every named bibliography was read (and there is one): a key not in ``keys`` is missing."""
        return (self.named or self.inline) and not self.missing

    def has(self, key: str) -> bool:
        if key in self.keys:
            return True
        low = key.lower()
        return any(k.lower() == low for k in self.keys)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def bibliography_keys(doc: Document) -> BibliographyKeys:
    """The keys of every bibliography the draft names, and whether all of them were read."""
    from ..project import project_root

    out = BibliographyKeys()
    folder = doc.root.path.parent
    proj = project_root(doc.root.path)
    for name, _src in doc.bibliographies:
        names = split_names(name) if doc.format == "markdown" else [name.strip()]
        for n in names:
            if not n:
                continue
            out.named = True
            cand = folder / n
            if not cand.suffix or (doc.format == "latex" and cand.suffix.lower() != ".bib" and not cand.exists()):
                cand = cand.with_name(cand.name + ".bib")
            if not cand.is_file() or not _inside(cand, proj):
                out.missing.append(n)
                continue
            try:
                out.keys |= keys_in_file(cand)
                out.read.append(cand)
            except OSError:
                out.missing.append(n)
    if doc.format == "latex":
        for node in doc.macros("bibitem", body_only=False):
            if node.args:
                key = doc.source_text(node.args[-1]).strip()
                if key:
                    out.keys.add(key)
                    out.inline = True
        if out.missing:
            # arXiv sources often ship the generated .bbl instead of the .bib files
            bbl = doc.root.path.with_suffix(".bbl")
            if bbl.is_file():
                try:
                    keys = keys_in_file(bbl)
                except OSError:
                    keys = set()
                if keys:
                    out.keys |= keys
                    out.read.append(bbl)
                    out.missing = []
    return out
