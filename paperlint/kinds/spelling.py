"""``extends: spelling``: report words that the rule's Hunspell dictionaries do not know.

Fields as in Vale (https://vale.sh/docs/checks/spelling):

* ``dictionaries``: names of dictionaries (``en_US``, ``en_medical``) looked up as
  ``<name>.aff`` + ``<name>.dic`` in ``dicpath`` (absolute, or relative to StylesPath), then
  in the folders of the ``DICPATH`` environment variable, then in
  ``<StylesPath>/config/dictionaries``; they replace the default dictionary unless
  ``append: true`` (then they are used besides it);
* ``aff`` and ``dic``: one dictionary given by its two files (relative paths from StylesPath);
* the default dictionary is the en_US one paperlint ships (SCOWL, see paperlint/spelling);
  ``en_US`` or ``en_GB`` named in ``dictionaries`` and found nowhere else is the shipped one;
* ``filters``: patterns; a word any of them matches (anywhere in it) is not checked.
  Vale's default filters (mixed case such as MongoDB, words with a character other than a
  letter, an apostrophe or an underscore, words in capitals) apply unless ``custom: true``;
* ``ignore``: one file or a list of files (relative to StylesPath, else to the style folder)
  of words to accept, one per line, read with Hunspell's case rules;
* accepted Vocab terms are exceptions (unless ``vocab: false``), as in Vale.

paperlint adds one thing: the words of the project's ``.paperlint-words`` are accepted too
(the list RD105 and its quick fix use). The dictionaries are read on the first unit checked,
so a rule that never runs never reads them.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from .base import Alert, Kind, as_list, excepted, format_message

DEFAULT_FILTERS = (re.compile(r"[A-Z]{1}[a-z]+[A-Z]+\w+"), re.compile(r"[^a-zA-Z_'\u2019]"), re.compile(r"^[A-Z]+$"))


class Spelling(Kind):
    extends = "spelling"
    per_match = True
    edge_sensitive = False
    fields = {"dicpath", "dictionaries", "aff", "dic", "filters", "ignore", "custom", "append", "vocab", "threshold"}

    #: set by kinds/config.py after the rule is built: where relative paths start
    styles_path: Path | None = None
    folder: Path | None = None

    def setup(self, data):
        self.dicpath = str(data["dicpath"]) if data.get("dicpath") else None
        self.dictionary_names = [str(d) for d in as_list(data.get("dictionaries"))]
        self.aff = str(data["aff"]) if data.get("aff") else None
        self.dic = str(data["dic"]) if data.get("dic") else None
        if bool(self.aff) != bool(self.dic):
            raise ValueError("'aff' and 'dic' go together")
        self.append = bool(data.get("append", False))
        self.custom = bool(data.get("custom", False))
        self.filters = []
        for f in as_list(data.get("filters")):
            self.filters.append(self.compile(str(f)))
        self.ignore_files = [str(f) for f in as_list(data.get("ignore"))]
        self.use_vocab = bool(data.get("vocab", True))
        # accepted terms exempt a word in any case (Vale.Terms reports the case), and a word
        # inside an accepted phrase ('flooberg place')
        terms = [t if t.startswith("(?i)") else "(?i)" + t for t in self.accepted] if self.use_vocab else []
        self.vocab_re, self.phrase_re = self.vocab_exceptions(terms, True) if terms else (None, None)
        self._loaded = None

    # -- dictionaries --------------------------------------------------------
    def _base(self) -> Path:
        return self.styles_path or Path.cwd()

    def _relative(self, name: str) -> Path:
        p = Path(os.path.expanduser(name))
        if p.is_absolute():
            return p
        for base in (self.styles_path, self.folder):
            if base is not None and (base / p).exists():
                return base / p
        return self._base() / p

    def _find(self, name: str):
        from ..spelling import DICTIONARY_DIR, dictionary
        from ..spelling.hunspell import find_pair

        folders = []
        if self.dicpath:
            folders.append(self._relative(self.dicpath))
        folders += [Path(p) for p in os.environ.get("DICPATH", "").split(os.pathsep) if p]
        if self.styles_path is not None:
            folders.append(self.styles_path / "config" / "dictionaries")
        folders.append(DICTIONARY_DIR)
        for folder in folders:
            if find_pair(folder, name) is not None:
                return dictionary(str(folder.resolve()), name)
        raise FileNotFoundError(f"dictionary {name!r} not found (looked in {', '.join(str(f) for f in folders)})")

    def load(self):
        """(dictionaries, accepted words): read once, on first use."""
        if self._loaded is not None:
            return self._loaded
        from ..spelling import bundled
        from ..spelling.hunspell import load
        from ..spelling.paper import Accepted, read_word_list

        dicts = []
        if self.aff and self.dic:
            dicts.append(load(self._relative(self.aff), self._relative(self.dic)))
        for name in self.dictionary_names:
            dicts.append(self._find(name))
        if not dicts or self.append:
            dicts.insert(0, bundled("en-US"))
        words = []
        for f in self.ignore_files:
            words += read_word_list(self._relative(f))
        self._loaded = (dicts, Accepted(words))
        return self._loaded

    def suggest(self, word: str) -> list[str]:
        """Words of the first dictionary one edit away (``action: suggest, params: [spellings]``)."""
        from ..spelling.paper import suggestions

        dicts, _ = self.load()
        return suggestions(dicts[0], word) if dicts else []

    # -- running -------------------------------------------------------------
    def run(self, unit, state):
        from ..spelling.words import words

        dicts, accepted = self.load()
        if "project_words" not in state:
            doc = state.get("doc")
            extra = []
            if doc is not None:
                from ..spelling.paper import project_words

                extra = project_words(doc)
            state["project_words"] = set(extra)
        project = state["project_words"]
        known = state.setdefault(("spelling", self.name), {})
        text = unit.text
        for s, e, w in words(text, split_hyphens=False):
            ok = known.get(w)
            if ok is None:
                ok = self._accepts(w, dicts, accepted, project)
                known[w] = ok
            if ok or (self.phrase_re is not None and excepted(None, self.phrase_re, text, w, s, e)):
                continue
            yield Alert(s, e, format_message(self.message, w))

    def _accepts(self, w: str, dicts, accepted, project) -> bool:
        if not self.custom and any(f.search(w) for f in DEFAULT_FILTERS):
            return True
        if any(f.search(w) for f in self.filters):
            return True
        if self.vocab_re is not None and self.vocab_re.search(w):
            return True
        if w in accepted or w in project:
            return True
        return any(d.check(w) for d in dicts)
