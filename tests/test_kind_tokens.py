"""Word lists matched by tokens (paperlint/kinds/tokens.py) find what Vale's regex finds, and
paperlint's own word-list rules (RD103, CL104, ST140) are Vale rules shipped in rules/data/."""
from __future__ import annotations

import json
import random
import re
import tomllib
from pathlib import Path

import pytest

from paperlint.kinds import build
from paperlint.kinds.tokens import TokenIndex, parse_term

ROOT = Path(__file__).resolve().parent.parent
TERMS = ["in", "order", "to", "In", "ORDER", "a", "shift", "paradigm", "paradigm shift", "paradigm-shift",
         r"in\s+order\s+to", "it's", "don't", "x1", "utilize|utilise", "shifting", r"pre\-trained", "a  b"]
PIECES = ["in", "order", "to", "a", "b", "shift", "paradigm", "shifting", "it", "s", "don", "t", "x1", "utilize",
          "Utilise", "_in", "\u0130n", "pre", "trained", " ", "  ", "\n", "-", "'", ".", ",", "_", "\u00e9"]


def _regex_spans(kind: str, keys: list[str], ignorecase: bool, text: str):
    flags = "(?i)" if ignorecase else ""
    if kind == "existence":
        return [m.span() for m in re.finditer(flags + r"(?m)\b(?:%s)\b" % "|".join(keys), text)]
    keys = sorted(keys, key=len, reverse=True)
    rx = re.compile(flags + r"(?m)\b(?:%s)\b" % "|".join(f"({k})" for k in keys))
    return [(*m.span(m.lastindex), m.lastindex - 1) for m in rx.finditer(text)]


def test_token_matches_equal_the_regex_matches():
    rng = random.Random(11)
    for _ in range(3000):
        keys = rng.sample(TERMS, rng.randint(1, 5))
        ignorecase = rng.random() < 0.5
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40)))
        for kind in ("existence", "substitution"):
            data = {"extends": kind, "message": "%s", "ignorecase": ignorecase}
            data.update({"tokens": keys} if kind == "existence" else {"swap": {k: "zzz" for k in keys}})
            rule = build("T.t", data, [])
            assert rule.index is not None and rule.pattern is None, keys
            got = [tuple(s) for s in rule.spans(text)]
            assert got == _regex_spans(kind, keys, ignorecase, text), (kind, keys, ignorecase, text)


def test_pos_and_endpos_as_finditer():
    index = TokenIndex.build([["order to", "to"]], False)
    text = "in order to go to town"
    rx = re.compile(r"\b(?:order to|to)\b")
    for pos in range(len(text)):
        for end in range(pos, len(text) + 1):
            assert [(s, e) for s, e, _ in index.scan(text, pos, end)[0]] == [m.span() for m in rx.finditer(text, pos, end)]


def test_pos_and_endpos_as_finditer_with_the_servers_memo():
    """In the language server ``scan_piece`` is memoised (paperlint.lsp.memo): the same pieces
    give the same matches, and changing what one scan returned changes no later scan."""
    from paperlint.kinds import tokens
    from paperlint.lsp import memo

    index = TokenIndex.build([["order to", "to"]], False)
    text = "in order to go to town xto to"
    rx = re.compile(r"\b(?:order to|to)\b")
    memo.install()
    try:
        assert isinstance(tokens.scan_piece, memo.Memo)
        for _ in range(2):
            for pos in range(len(text)):
                for end in range(pos, len(text) + 1):
                    got = index.scan(text, pos, end)
                    assert [(s, e) for s, e, _ in got[0]] == [m.span() for m in rx.finditer(text, pos, end)]
                    got[0].append((0, 0, 0))
        assert tokens.scan_piece.hits > 0
    finally:
        memo.uninstall()
    assert not isinstance(tokens.scan_piece, memo.Memo)


@pytest.mark.parametrize("term", [r"\bword", "a.b", "(a|b)", "[ab]c", "-a", "a-", r"a\s+ b", "caf\u00e9", "(?i)word", r"a\s*b"])
def test_patterns_that_are_not_plain_keep_their_regex(term):
    assert parse_term(term) is None or "|" in term
    rule = build("T.t", {"extends": "existence", "message": "%s", "tokens": [term]}, [])
    assert rule.index is None and rule.pattern is not None


def test_raw_nonword_and_a_custom_word_template_keep_their_regex():
    assert build("T.t", {"extends": "existence", "message": "%s", "tokens": ["a"], "raw": ["b"]}, []).index is None
    assert build("T.t", {"extends": "existence", "message": "%s", "tokens": ["a"], "nonword": True}, []).index is None
    assert build("T.t", {"extends": "existence", "message": "%s", "tokens": ["a"]}, [], r"(?:%s)").index is None


def test_vale_rule_behaviour_is_unchanged_with_exceptions():
    rule = build("T.t", {"extends": "existence", "message": "Avoid '%s'.", "tokens": ["very", "really"],
                         "ignorecase": True, "exceptions": ["Really"]}, [])
    assert rule.index is not None
    unit = type("U", (), {"text": "Very good. Really good. really"})()
    assert [(a.start, a.end, a.message) for a in rule.run(unit, {})] == [(0, 4, "Avoid 'Very'."), (24, 30, "Avoid 'really'.")]


# -- the shipped specs ----------------------------------------------------------------------

def test_the_specs_are_vale_rules_and_index_json_holds_them():
    from paperlint.kinds.builtin import INDEX_PART, SPECS, _specs, rule_set, spec_files
    from paperlint.resources import index_part

    saved = json.loads((ROOT / "rules" / "index.json").read_text(encoding="utf-8"))
    assert saved[INDEX_PART] == index_part(INDEX_PART, spec_files(ROOT / "rules")), "run `python scripts/update_rule_index.py`"
    assert _specs() == {n: tomllib.loads((ROOT / "rules" / "data" / f"{n}.toml").read_text(encoding="utf-8")) for n in SPECS}
    for code, name in (("RD103", "plain_words"), ("CL104", "hype_words"), ("ST140", "draft_markers")):
        rules = rule_set(code, name)
        assert all(k.extends in ("existence", "substitution") for k in rules.kinds)


def test_cl104_and_st140_messages_are_the_rule_messages():
    """The spec's Vale message and the rule's TOML message say the same."""
    from paperlint.kinds.builtin import rule_set
    from paperlint.registry import load_rules

    rules = load_rules()
    for code, name, field, word in (("CL104", "hype_words", "word", "groundbreaking"), ("ST140", "draft_markers", "marker", "TODO")):
        for kind in rule_set(code, name).kinds:
            assert kind.alerts(word, [(0, len(word))]).__next__().message == rules[code].format({field: word})


def test_cl104_lists_are_matched_by_tokens_and_st140_by_its_pattern():
    from paperlint.kinds.builtin import rule_set

    hype = rule_set("CL104", "hype_words")
    assert hype.ids == ["strong", "own-work"] and hype.rest == [] and len(hype.merged) == 1
    markers = rule_set("ST140", "draft_markers")
    assert markers.rest == [0]
    text = "TODO-list and TODO, XXXX, ?? and Lorem ipsum; todo."
    assert [text[a.start:a.end] for _, a in markers.alerts(text)] == ["TODO", "XXXX", "??", "Lorem ipsum"]
