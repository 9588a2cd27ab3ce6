"""Spelling: the Hunspell reader, the tokens, the word list, Vale's spelling kind and its
fields, RD105's options, and no cost when the rule is off."""
from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

from paperlint.spelling import DICTIONARY_DIR, bundled
from paperlint.spelling.hunspell import Dictionary
from paperlint.spelling.paper import Accepted, read_word_list
from paperlint.spelling.wordlist import add_word
from paperlint.spelling.words import words

ROOT = Path(__file__).resolve().parent.parent

AFF = """SET UTF-8
FLAG long
NEEDAFFIX na
FORBIDDENWORD fw
KEEPCASE kc
ICONV 1
ICONV ’ '
PFX re Y 1
PFX re 0 re .
SFX sx Y 2
SFX sx 0 s [^y]
SFX sx y ies y
SFX ed N 1
SFX ed 0 ed .
"""
DIC = """6
walk/sxreed
berry/sx
bound/na
boundsx/fw
iPod/kc
Paris
"""


@pytest.fixture(scope="module")
def tiny():
    return Dictionary(AFF, DIC.replace("boundsx", "bounds"), "tiny")


@pytest.mark.parametrize("word,ok", [
    ("walk", True), ("walks", True), ("rewalk", True), ("rewalks", True),   # suffix, prefix, cross product
    ("walked", True), ("rewalked", False),                                  # 'ed' allows no cross product
    ("berry", True), ("berries", True), ("berrys", False),                  # conditions and strip
    ("bound", False), ("bounds", False),                                    # NEEDAFFIX; FORBIDDENWORD
    ("Walk", True), ("WALKS", True), ("Paris", True), ("PARIS", True), ("paris", False),   # case rules
    ("iPod", True), ("IPOD", False), ("Ipod", False),                       # KEEPCASE
    ("walkz", False),
])
def test_reader_flags_affixes_and_case(tiny, word, ok):
    assert tiny.check(word) is ok


def test_shipped_dictionaries_us_and_gb():
    us, gb = bundled("en-US"), bundled("en-GB")
    assert us.check("color") and not us.check("colour") and gb.check("colour") and not gb.check("color")
    assert us.check("don’t") and us.check("reanalyzed") and us.check("NASA") and not us.check("recieve")
    assert len(us.words) > 45000
    with pytest.raises(ValueError):
        bundled("fr-FR")
    for name in ("en_US", "en_GB"):
        assert (DICTIONARY_DIR / f"{name}.LICENSE.txt").read_text(encoding="utf-8").count("Kevin Atkinson") >= 1


def test_tokens_split_hyphens_drop_possessives_and_skip_non_prose():
    text = "state-of-the-art model's authors' see https://x.org main.py e.g. 10ms GPT-4 a_b don’t (quoted)"
    assert [w for _, _, w in words(text)] == ["state", "of", "the", "art", "model", "authors", "see", "don’t", "quoted"]
    s, e, w = list(words(text))[4]
    assert text[s:e] == w == "model"
    assert [w for _, _, w in words("ac-sshkey-add and x", split_hyphens=False)] == ["ac-sshkey-add", "and", "x"]


def test_accepted_words_follow_hunspell_case_rules():
    acc = Accepted(["zorb", "Qwerk"], ["[Ff]oo.*"])
    assert "zorb" in acc and "Zorb" in acc and "ZORB" in acc and "zOrB" not in acc
    assert "Qwerk" in acc and "QWERK" in acc and "qwerk" not in acc
    assert "Foobar" in acc and "xfoo" not in acc


def test_word_list_is_created_appended_once_and_atomic(tmp_path):
    (tmp_path / "paperlint.toml").write_text("")
    (tmp_path / "sec").mkdir()
    chapter = tmp_path / "sec" / "intro.tex"
    target = add_word(chapter, "zorbify")
    assert target == tmp_path / ".paperlint-words"
    assert read_word_list(target) == ["zorbify"]
    target.write_text(target.read_text() + "frob  # a comment\n# only a comment")   # no newline at the end
    add_word(chapter, "zorbify")
    add_word(chapter, "qwerk")
    assert read_word_list(target) == ["zorbify", "frob", "qwerk"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    with pytest.raises(ValueError):
        add_word(chapter, "two words")


# -- RD105 ------------------------------------------------------------------------------------
def lint(path: Path, **kw):
    import paperlint

    return paperlint.lint(path, cwd=path.parent, **kw)


def rd105(path: Path, options: dict | None = None) -> list[tuple[int, int, str]]:
    from paperlint.config import Settings
    from paperlint.engine import lint_path

    settings = Settings(select=["RD105"], rule_options={"RD105": options or {}})
    res = lint_path(path, settings, cwd=path.parent)
    return [(d.line, d.column, d.message.split("'")[1]) for d in res.diagnostics if d.code == "RD105"]


PAPER = ("\\documentclass{article}\n\\begin{document}\n\\section{Method}\n"
         "The colour of the graph is organised well; we recieve it.\n\\end{document}\n")


def test_rd105_dictionaries_and_a_hunspell_folder(tmp_path):
    (tmp_path / "paperlint.toml").write_text("")
    draft = tmp_path / "main.tex"
    draft.write_text(PAPER)
    assert rd105(draft) == [(4, 5, "colour"), (4, 28, "organised"), (4, 47, "recieve")]
    assert rd105(draft, {"dictionary": "en-GB"}) == [(4, 47, "recieve")]
    assert rd105(draft, {"dictionary": "en"}) == [(4, 47, "recieve")]
    # a Hunspell folder such as Debian's /usr/share/hunspell, with plain .dic files
    folder = tmp_path / "hunspell"
    folder.mkdir()
    (folder / "en_GB.aff").write_bytes((DICTIONARY_DIR / "en_GB.aff").read_bytes())
    (folder / "en_GB.dic").write_bytes(gzip.decompress((DICTIONARY_DIR / "en_GB.dic.gz").read_bytes()))
    assert rd105(draft, {"dictionary": "en-GB", "dictionary-path": str(folder)}) == [(4, 47, "recieve")]
    (tmp_path / ".paperlint-words").write_text("# ours\nrecieve\n")
    assert rd105(draft, {"dictionary": "en-GB"}) == []


def test_rd105_options_words_capitals_and_names(tmp_path):
    (tmp_path / "paperlint.toml").write_text("")
    draft = tmp_path / "main.tex"
    draft.write_text("\\documentclass{article}\n\\begin{document}\n\\section{Method}\n"
                     "We use QZXW and the Zorbling method of FooNet.\nZorblin is a typo here.\n\\end{document}\n")
    assert rd105(draft) == [(5, 1, "Zorblin")]          # Zorbling inside a sentence is a name
    assert rd105(draft, {"skip-uppercase": False, "words": ["Zorblin"]}) == [(4, 8, "QZXW")]
    assert rd105(draft, {"skip-mixed-case": False, "names": False}) == [(4, 21, "Zorbling"), (4, 40, "FooNet"), (5, 1, "Zorblin")]


def test_rd105_off_imports_no_spelling_code(tmp_path):
    draft = tmp_path / "draft.tex"
    draft.write_text("\\documentclass{article}\\begin{document}\\section{Intro}Text, recieve.\\end{document}\n")
    (tmp_path / ".git").mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)

    def modules(*args):
        out = subprocess.run([sys.executable, "-X", "importtime", "-m", "paperlint", str(draft), *args], cwd=tmp_path,
                             capture_output=True, text=True, env=env)
        return {line.split("|")[-1].strip() for line in out.stderr.splitlines() if "|" in line}

    off = modules()
    assert not {m for m in off if m.startswith("paperlint.spelling") or m == "gzip"}, off
    on = modules("--select", "RD105")
    assert "paperlint.spelling.hunspell" in on


# -- Vale's spelling kind -----------------------------------------------------------------------
def vale_project(tmp_path: Path, rule: str, text: str, name: str = "paper.md", extra: dict | None = None) -> Path:
    styles = tmp_path / "styles"
    (styles / "Lab").mkdir(parents=True)
    (styles / "Lab" / "Spell.yml").write_text(rule)
    for rel, content in (extra or {}).items():
        p = styles / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content)
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n[*]\nBasedOnStyles = Lab\n")
    (tmp_path / ".git").mkdir(exist_ok=True)
    draft = tmp_path / name
    draft.write_text(text)
    return draft


def spell(draft: Path) -> list[tuple[int, int, str, str]]:
    report = lint(draft, select="Lab")
    return [(d.line, d.column, d.message, str(d.severity)) for d in report.diagnostics if d.code == "Lab.Spell"]


def test_vale_spelling_default_dictionary_message_level_and_positions(tmp_path):
    draft = vale_project(tmp_path, "extends: spelling\nmessage: \"'%s' is a typo\"\nlevel: warning\n",
                         "# Intro\n\nWe recieve `teh` code, MongoDB and NASA and na\u00efve words, twice: recieve.\n")
    assert spell(draft) == [(3, 4, "'recieve' is a typo", "warning"), (3, 65, "'recieve' is a typo", "warning")]
    tex = vale_project(tmp_path / "t", "extends: spelling\nmessage: \"%s\"\n",
                       "\\documentclass{article}\n\\begin{document}\n\\section{Intro}\nWe \\emph{recieve} $\\mathrm{teh}$ \\cite{teh}.\n\\end{document}\n",
                       name="paper.tex")
    assert spell(tex) == [(4, 10, "recieve", "info")]


def test_vale_spelling_scope(tmp_path):
    draft = vale_project(tmp_path, "extends: spelling\nmessage: \"%s\"\nscope: heading\n", "# Introdcution\n\nBody recieve.\n")
    assert spell(draft) == [(1, 3, "Introdcution", "info")]


def test_vale_spelling_filters_and_custom(tmp_path):
    draft = vale_project(tmp_path, "extends: spelling\nmessage: \"%s\"\nfilters:\n  - 'recie.*'\n",
                         "# Intro\n\nWe recieve and teh, ABCD and MongoDBx.\n")
    assert [m for _, _, m, _ in spell(draft)] == ["teh"]
    custom = vale_project(tmp_path / "c", "extends: spelling\nmessage: \"%s\"\ncustom: true\nfilters:\n  - '[a-z]+'\n",
                          "# Intro\n\nWe recieve and teh, ABCD and NASA.\n")
    assert [m for _, _, m, _ in spell(custom)] == ["ABCD"]     # only words without lower case are checked


def test_vale_spelling_ignore_files(tmp_path):
    draft = vale_project(tmp_path, "extends: spelling\nmessage: \"%s\"\nignore:\n  - config/ignore/words.txt\n",
                         "# Intro\n\nZorbs and zorbs and recieve.\n", extra={"config/ignore/words.txt": "zorbs\n"})
    assert [m for _, _, m, _ in spell(draft)] == ["recieve"]


def test_vale_spelling_dictionaries_dicpath_aff_dic_and_append(tmp_path):
    aff, dic = AFF, DIC
    text = "# Intro\n\nWe walk and rewalks, the berries, and recieve.\n"
    only = vale_project(tmp_path / "a", "extends: spelling\nmessage: \"%s\"\ndicpath: dics\ndictionaries:\n  - tiny\n",
                        text, extra={"dics/tiny.aff": aff, "dics/tiny.dic": dic})
    assert [m for _, _, m, _ in spell(only)] == ["Intro", "We", "and", "the", "and", "recieve"]   # tiny replaces en_US
    both = vale_project(tmp_path / "b", "extends: spelling\nmessage: \"%s\"\ndicpath: dics\nappend: true\ndictionaries: [tiny]\n",
                        text, extra={"dics/tiny.aff": aff, "dics/tiny.dic": dic})
    assert [m for _, _, m, _ in spell(both)] == ["recieve"]
    files = vale_project(tmp_path / "c", "extends: spelling\nmessage: \"%s\"\naff: x/tiny.aff\ndic: x/tiny.dic\nappend: true\n",
                         text, extra={"x/tiny.aff": aff, "x/tiny.dic": dic})
    assert [m for _, _, m, _ in spell(files)] == ["recieve"]
    default_place = vale_project(tmp_path / "d", "extends: spelling\nmessage: \"%s\"\nappend: true\ndictionaries: [tiny]\n",
                                 text, extra={"config/dictionaries/tiny.aff": aff, "config/dictionaries/tiny.dic": dic})
    assert [m for _, _, m, _ in spell(default_place)] == ["recieve"]


def test_vale_spelling_dicpath_environment(tmp_path, monkeypatch):
    folder = tmp_path / "envdics"
    folder.mkdir()
    (folder / "tiny.aff").write_text(AFF)
    (folder / "tiny.dic").write_text(DIC)
    monkeypatch.setenv("DICPATH", str(folder))
    draft = vale_project(tmp_path / "p", "extends: spelling\nmessage: \"%s\"\nappend: true\ndictionaries: [tiny]\n",
                         "# Intro\n\nrewalks recieve\n")
    assert [m for _, _, m, _ in spell(draft)] == ["recieve"]


def test_vale_spelling_missing_dictionary_is_reported_not_a_traceback(tmp_path):
    draft = vale_project(tmp_path, "extends: spelling\nmessage: \"%s\"\ndictionaries: [nowhere]\n", "# Intro\n\nText.\n")
    report = lint(draft, select="Lab,PL")
    assert any(d.code == "PL001" and "nowhere" in d.message for d in report.diagnostics)


def test_vale_spelling_vocab_and_builtin(tmp_path):
    styles = tmp_path / "styles"
    (styles / "config" / "vocabularies" / "Lab").mkdir(parents=True)
    (styles / "config" / "vocabularies" / "Lab" / "accept.txt").write_text("Zorbify\nflooberg place\n")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\nVocab = Lab\n[*]\nBasedOnStyles = Vale\n")
    (tmp_path / ".git").mkdir()
    draft = tmp_path / "paper.md"
    draft.write_text("# Intro\n\nWe zorbify a flooberg place, then a flooberg alone.\n")
    report = lint(draft, select="Vale")
    got = [(d.line, d.column, d.code, d.message) for d in report.diagnostics]
    assert (3, 37, "Vale.Spelling", "Did you really mean 'flooberg'?") in got
    assert not [g for g in got if g[2] == "Vale.Spelling" and g[1] != 37]
    assert any(g[2] == "Vale.Terms" and "zorbify" in g[3] for g in got)   # the case is Vale.Terms' business


def test_rd105_suggestions_are_fixes_over_the_word(tmp_path):
    import json
    import subprocess
    import sys

    (tmp_path / "paperlint.toml").write_text("")
    draft = tmp_path / "main.tex"
    draft.write_text("\\documentclass{article}\n\\begin{document}\n\\section{Method}\nWe recieve the graphs.\n\\end{document}\n")
    out = subprocess.run([sys.executable, "-m", "paperlint", "--select", "RD105", "--format", "json", str(draft)],
                         capture_output=True, text=True, cwd=tmp_path)
    (d,) = json.loads(out.stdout)["diagnostics"]
    assert (d["line"], d["column"], d["end_column"]) == (4, 4, 11)
    assert d["fixes"][0] == {"replacement": "receive"}
    line = draft.read_text().splitlines()[3]
    assert line[: d["column"] - 1] + d["fixes"][0]["replacement"] + line[d["end_column"] - 1:] == "We receive the graphs."
