"""Spell checking (RD105 and Vale's ``spelling`` kind).

Nothing here is imported unless a spelling rule runs. The English dictionaries shipped in
``dictionaries/`` are SCOWL's en_US and en_GB-ise Hunspell files (size 60, version
2020.12.07; licence in ``dictionaries/*.LICENSE.txt``, credited in NOTICE).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DICTIONARY_DIR = Path(__file__).with_name("dictionaries")
#: option value -> file stem
LANGUAGES = {"en-US": "en_US", "en-GB": "en_GB"}


@lru_cache(maxsize=8)
def dictionary(folder: str, name: str):
    """A loaded dictionary ``<folder>/<name>.aff`` + ``.dic`` (or ``.dic.gz``), cached per process."""
    from .hunspell import find_pair, load

    pair = find_pair(Path(folder), name)
    if pair is None:
        raise FileNotFoundError(f"no Hunspell dictionary {name}.aff/{name}.dic in {folder}")
    return load(*pair, name=name)


def bundled(language: str = "en-US"):
    """The shipped dictionary for 'en-US' or 'en-GB' (also 'en_US', 'en_GB')."""
    stem = LANGUAGES.get(language) or LANGUAGES.get(language.replace("_", "-"))
    if stem is None:
        raise ValueError(f"unknown dictionary {language!r}: use one of {', '.join(LANGUAGES)}")
    return dictionary(str(DICTIONARY_DIR), stem)


@lru_cache(maxsize=1)
def science_words() -> tuple[str, ...]:
    """paperlint's own list of technical words the general dictionary lacks (science.txt)."""
    from .paper import read_word_list

    return tuple(read_word_list(DICTIONARY_DIR / "science.txt"))
