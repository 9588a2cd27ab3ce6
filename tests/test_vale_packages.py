"""Real Vale style packages (write-good, Joblint, Google, Microsoft vendored; proselint from
scripts/fetch_vale_packages.py) load, and run over every corpus paper without a crash, each
finding's source slice equal to the text its rule matched."""
from __future__ import annotations

import csv
import importlib.util
import tomllib
from pathlib import Path

import pytest

PACKAGES = Path(__file__).parent / "data" / "vale" / "packages"
MANIFEST = tomllib.loads((PACKAGES / "manifest.toml").read_text(encoding="utf-8"))["package"]
#: kinds paperlint lists as skipped instead of running
SKIPPED_KINDS = ("extends: sequence", "extends: spelling", "extends: script")


def styles_folder(tmp_path: Path) -> tuple[Path, list[str]]:
    """A StylesPath holding every available package (links to the vendored and fetched copies)."""
    names = []
    for pkg in MANIFEST:
        src = PACKAGES / ("styles" if pkg["vendored"] else "fetched") / pkg["style"]
        if src.is_dir():
            (tmp_path / pkg["style"]).symlink_to(src.resolve(), target_is_directory=True)
            names.append(pkg["style"])
    return tmp_path, names


def setup_for(tmp_path: Path):
    from paperlint.kinds.config import load

    folder, names = styles_folder(tmp_path)
    return load({"StylesPath": str(folder), "*": {"BasedOnStyles": ", ".join(names)}}, path=None, base=folder), names


def test_vendored_packages_have_their_licence():
    for pkg in MANIFEST:
        if pkg["vendored"]:
            assert pkg["licence"] == "MIT"
            assert (PACKAGES / "styles" / pkg["style"]).is_dir()
            assert "MIT License" in (PACKAGES / "licences" / f"{pkg['style']}-LICENSE").read_text(encoding="utf-8")


def test_every_rule_loads(tmp_path):
    setup, names = setup_for(tmp_path)
    assert {"write-good", "Joblint", "Google", "Microsoft"} <= set(names)
    # every rule file of the packages present is a rule, loaded or listed as skipped with its reason
    files = sum(1 for name in names for f in (tmp_path / name).resolve().glob("*.yml"))
    assert files > 90 and len(setup.rules) + len(setup.skipped) >= files
    not_kinds = {name: why for name, why in setup.skipped.items() if not why.startswith(SKIPPED_KINDS)}
    if importlib.util.find_spec("regex") is None:   # without it a variable-width look-behind is skipped, saying so
        not_kinds = {name: why for name, why in not_kinds.items() if "installing the `regex` package may help" not in why}
    assert not_kinds == {}, not_kinds   # every pattern of the five packages compiles for Python


@pytest.fixture(scope="module")
def corpus_papers():
    from conftest import CORPUS

    if not (CORPUS / "MANIFEST.tsv").is_file():
        pytest.skip("../shared/corpus is not present")
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [(r["id"], CORPUS / r["id"] / r["main_file"]) for r in rows]


def test_packages_on_the_corpus(corpus_papers, tmp_path, capsys):
    from paperlint.config import Settings
    from paperlint.engine import build_document
    from paperlint.kinds.engine import run_styles

    setup, names = setup_for(tmp_path)
    settings = Settings()
    settings.vale = setup
    total = clipped = dropped = whole = 0
    codes: set[str] = set()
    for pid, path in corpus_papers:
        doc = build_document(path, settings, cwd=path.parent)
        for f in run_styles(doc, settings):   # raises on an internal error
            total += 1
            codes.add(f.code)
            source = doc.files[f.file].text[f.start:f.end]
            if f.fields["match"] and setup.kinds[f.code].extends == "capitalization":
                whole += 1   # the whole heading: its source range, markup included
                assert doc.source_text(doc.to_source(*_view_of(doc, f))) == source
                continue
            assert source == f.fields["match"], (pid, f.code, source, f.fields["match"])
        c, d = doc.__dict__.get("_vale_markup", (0, 0))
        clipped += c
        dropped += d
    with capsys.disabled():
        print(f"\nVale packages {', '.join(names)} on {len(corpus_papers)} corpus papers: {total} findings from "
              f"{len(codes)} rules, every source slice exact ({whole} whole headings); {clipped} matches over markup "
              f"clipped to their plain start, {dropped} starting in markup dropped")
    assert total > 1000


def _view_of(doc, finding):
    """The prose-view range of the heading a capitalization finding covers."""
    for b in doc.blocks:
        r = doc.to_source(b.start, b.end)
        if r is not None and r.file == finding.file and r.start <= finding.start and finding.end <= r.end:
            s, e = b.start, b.end
            while s < e and doc.text[s].isspace():
                s += 1
            while e > s and doc.text[e - 1].isspace():
                e -= 1
            return s, e
    raise AssertionError(f"no block holds {finding}")
