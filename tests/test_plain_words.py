"""rules/data/plain_words.toml: schema, patterns, and each entry's own examples."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomllib

PATH = Path(__file__).resolve().parent.parent / "rules" / "data" / "plain_words.toml"
FIELDS = {"id", "swap", "note", "examples"}
#: the Vale keys every entry shares (the file is a small Vale style of substitution rules)
SHARED = {"extends": "substitution", "ignorecase": True, "level": "suggestion"}


def _spec() -> dict:
    with PATH.open("rb") as f:
        return tomllib.load(f)


ENTRIES = _spec()["rules"]


def _key(entry: dict) -> str:
    (key,) = entry["swap"]
    return key


def _compile(entry: dict) -> re.Pattern[str]:
    """The entry's key as Vale's substitution matches it (its word template, ignoring case)."""
    return re.compile(r"(?m)\b(?:" + _key(entry) + r")\b", re.IGNORECASE)


def test_shared_vale_keys() -> None:
    spec = _spec()
    assert {k: spec[k] for k in SHARED} == SHARED and "message" in spec


def test_list_size_and_unique_ids() -> None:
    ids = [e["id"] for e in ENTRIES]
    assert len(ids) >= 30
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i) for i in ids)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_entry_schema(entry: dict) -> None:
    assert set(entry) == FIELDS
    assert len(entry["swap"]) == 1 and isinstance(next(iter(entry["swap"].values())), str)
    assert entry["note"].strip()
    assert set(entry["examples"]) == {"bad", "good"}
    assert entry["examples"]["bad"] and entry["examples"]["good"]


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_bad_examples_match_at_word_boundaries(entry: dict) -> None:
    pattern = _compile(entry)
    for text in entry["examples"]["bad"]:
        m = pattern.search(text)
        assert m, f"{entry['id']}: no match in {text!r}"
        assert m.group().strip(), text
        assert m.start() == 0 or not text[m.start() - 1].isalnum(), text
        assert m.end() == len(text) or not text[m.end()].isalnum(), text


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_good_examples_do_not_match(entry: dict) -> None:
    pattern = _compile(entry)
    for text in entry["examples"]["good"]:
        assert not pattern.search(text), f"{entry['id']}: matched {text!r}"


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_no_match_inside_longer_words(entry: dict) -> None:
    """Glue letters to both ends of each bad match: it must no longer match there."""
    pattern = _compile(entry)
    for text in entry["examples"]["bad"]:
        m = pattern.search(text)
        assert m
        glued = "zz" + m.group() + "zz"
        assert not pattern.fullmatch(glued) and not pattern.search(glued), glued


def test_replacements_in_good_examples_are_silent_everywhere() -> None:
    """A good example must not be flagged by any other entry either (no ping-pong)."""
    compiled = [(e["id"], _compile(e)) for e in ENTRIES]
    for entry in ENTRIES:
        for text in entry["examples"]["good"]:
            hits = [i for i, p in compiled if p.search(text)]
            assert not hits, (entry["id"], text, hits)


#: entries whose key needs a regular expression (context around the phrase); the others are
#: plain words and phrases, matched by tokens
REGEX_ENTRIES = {"prior-to", "with-respect-to-opener"}


def test_plain_entries_are_matched_by_tokens_with_the_regex_matches() -> None:
    from paperlint.checks.rd.plain_words import rule_set

    rules = rule_set()
    assert rules.ids == [e["id"] for e in ENTRIES]
    assert {i for i, k in zip(rules.ids, rules.kinds) if k.index is None} == REGEX_ENTRIES
    texts = [t for e in ENTRIES for t in e["examples"]["bad"] + e["examples"]["good"]]
    texts += ["In  order\nto reduce it, whilst we LEVERAGE the data.", "x-in order to_", "re-utilize; utilized_x"]
    for entry, kind in zip(ENTRIES, rules.kinds):
        pattern = _compile(entry)
        for text in texts:
            assert [(s, e) for s, e, _ in kind.spans(text)] == [m.span() for m in pattern.finditer(text)], (entry["id"], text)
