"""Port Vale's acceptance scenarios for its rule kinds into tests/data/vale/ (run by hand).

    python scripts/port_vale_testdata.py VALE_CHECKOUT_OR_GIT_DIR [--commit SHA]

Vale (MIT, github.com/vale-cli/vale) states its expected output in
``testdata/features/*.feature``: a scenario runs Vale in a fixture folder
(``testdata/fixtures/...``) with styles from ``testdata/styles`` and lists the exact
``file:line:col:Rule:message`` lines. This script copies, for the scenarios listed in
``SCENARIOS``, the Markdown inputs and the Vale configuration of each fixture folder (its
``StylesPath`` rewritten to point at the copied styles), the style folders and vocabularies
those configurations use, and writes ``scenarios.json`` with the expected lines for Markdown
files (other formats are not paperlint's). tests/test_vale_scenarios.py runs them.
"""
from __future__ import annotations

import argparse
import configparser
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "vale"

#: (feature file, scenario title) pairs: the scenarios about rule kinds, scopes, vocabularies
#: and comment controls. Scenarios about other formats, the CLI, filters, scripts and
#: packages are left out.
SCENARIOS = [
    ("checks", "Metric"), ("checks", "Conditional"), ("checks", "Conditional presence check (#1048)"),
    ("checks", "Occurrence"), ("checks", "SentenceCase"), ("checks", "Repetition"), ("checks", "Capitalization"),
    ("checks", "Existence"), ("checks", "scope raw caret position past 1k bytes (#869)"),
    ("checks", "Display math is not linted (#878)"), ("checks", "Existence end-of-line anchor (#892)"),
    ("checks", "Substitution"), ("checks", "Sequence"),
    ("styles", "Lint against demo"), ("styles", "Lint against Readability"),
    ("comments", "Markdown"),
    ("scopes", "Negated"), ("scopes", "Raw"), ("scopes", "Blockquote"), ("scopes", "Sentences"), ("scopes", "Skip"),
    ("scopes", "Heading"), ("scopes", "Table"), ("scopes", "List"),
    ("misc", "Vocab"), ("misc", "Vocab does not suppress nonword rules (#1058)"), ("misc", "Multiple Vocabs"),
    ("misc", "Multi-word vocab phrases (#1035)"), ("misc", "Duplicate matches"), ("misc", "Unicode"),
    ("misc", "Nested markup"),
]
STEPS = [
    (re.compile(r'When I test scope "(.*)"'), "scopes/{}", None),
    (re.compile(r'When I test comments for "(.*)"'), "comments", "{}"),
    (re.compile(r'When I apply style "(.*)"'), "styles/{}", None),
    (re.compile(r'When I use Vocab "(.*)"'), "vocab/{}", None),
    (re.compile(r'When I test "(.*)"'), "{}", None),
]
INI_NAMES = (".vale.ini", "_vale.ini", ".vale", "_vale")
MARKDOWN = (".md",)


def parse_features(directory: Path) -> dict[tuple[str, str], dict]:
    out = {}
    for feature in sorted(directory.glob("*.feature")):
        title = None
        lines = feature.read_text(encoding="utf-8").splitlines()
        i = 0
        while i < len(lines):
            line = lines[i].strip()
            if line.startswith("Scenario:"):
                title = line[len("Scenario:"):].strip()
                out[(feature.stem, title)] = {"step": None, "exact": True, "expected": []}
            elif title and line.startswith("When "):
                out[(feature.stem, title)]["step"] = line
            elif title and line.startswith("Then the output should contain"):
                out[(feature.stem, title)]["exact"] = "exactly" in line
                j = i + 1
                while j < len(lines) and lines[j].strip() != '"""':
                    j += 1
                k = j + 1
                while k < len(lines) and lines[k].strip() != '"""':
                    if lines[k].strip():
                        out[(feature.stem, title)]["expected"].append(lines[k].strip())
                    k += 1
                i = k
            i += 1
    return out


def slug(feature: str, title: str) -> str:
    return feature + "-" + re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("vale", type=Path, help="a Vale checkout, or its git directory (then --commit is read from it)")
    ap.add_argument("--commit", default=None)
    args = ap.parse_args()
    src = args.vale
    tmp = None
    if not (src / "testdata").is_dir():   # a bare git directory: export testdata
        tmp = Path(tempfile.mkdtemp())
        files = subprocess.run(["git", "--git-dir", str(src), "ls-tree", "-r", "--name-only", "HEAD", "testdata"],
                               capture_output=True, text=True, check=True).stdout.split() + ["LICENSE"]
        for name in files:
            blob = subprocess.run(["git", "--git-dir", str(src), "show", f"HEAD:{name}"], capture_output=True)
            if blob.returncode == 0:
                (tmp / name).parent.mkdir(parents=True, exist_ok=True)
                (tmp / name).write_bytes(blob.stdout)
        commit = args.commit or subprocess.run(["git", "--git-dir", str(src), "rev-parse", "HEAD"], capture_output=True,
                                               text=True, check=True).stdout.strip()
        src = tmp
    else:
        commit = args.commit or subprocess.run(["git", "-C", str(src), "rev-parse", "HEAD"], capture_output=True,
                                               text=True).stdout.strip()
    testdata = src / "testdata"
    features = parse_features(testdata / "features")
    for d in ("scenarios", "styles"):
        shutil.rmtree(OUT / d, ignore_errors=True)
    styles_needed: set[str] = set()
    vocab_needed: set[str] = set()
    records = []
    for feature, title in SCENARIOS:
        sc = features[(feature, title)]
        folder, only = None, None
        for pattern, where, file in STEPS:
            m = pattern.search(sc["step"] or "")
            if m:
                folder = testdata / "fixtures" / where.format(m.group(1))
                only = file.format(m.group(1)) if file else None
                break
        assert folder is not None, (feature, title, sc["step"])
        name = slug(feature, title)
        dest = OUT / "scenarios" / name
        dest.mkdir(parents=True)
        inputs = sorted(p.name for p in folder.iterdir() if p.suffix in MARKDOWN and (only is None or p.name == only))
        for f in inputs:
            shutil.copyfile(folder / f, dest / f)
        ini = next((folder / n for n in INI_NAMES if (folder / n).is_file()), None)
        if ini is not None:
            text = ini.read_text(encoding="utf-8")
            m = re.search(r"(?m)^StylesPath\s*=\s*(.+?)\s*$", text)
            styles = (folder / m.group(1)).resolve() if m else None
            if styles is not None and styles == (testdata / "styles").resolve():
                text = text[: m.start(1)] + os.path.relpath(OUT / "styles", dest) + text[m.end(1):]
            parser = configparser.ConfigParser(interpolation=None, strict=False, delimiters=("=",))
            parser.optionxform = str  # type: ignore[assignment]
            parser.read_string("[__g__]\n" + ini.read_text(encoding="utf-8"))
            if styles is not None and styles != (testdata / "styles").resolve() and styles.is_dir():
                # the fixture's own styles: the folders its configuration names, copied beside it
                used = {k.split(".")[0] for sec in parser.sections() for k, _ in parser.items(sec) if "." in k}
                used |= {s.strip() for sec in parser.sections() for k, v in parser.items(sec) if k == "BasedOnStyles" for s in v.split(",")}
                for sub in sorted(used | {"config"}):
                    if (styles / sub).is_dir():
                        shutil.copytree(styles / sub, dest / "styles" / sub)
                text = text[: m.start(1)] + "styles" + text[m.end(1):]
            (dest / ".vale.ini").write_text(text, encoding="utf-8")
            for sec in parser.sections():
                for k, v in parser.items(sec):
                    if k == "BasedOnStyles":
                        styles_needed.update(s.strip() for s in v.split(",") if s.strip())
                    elif k == "Vocab":
                        vocab_needed.update(s.strip() for s in v.split(",") if s.strip())
                    elif "." in k:
                        styles_needed.add(k.split(".")[0])
        expected = [e for e in sc["expected"] if e.split(":", 1)[0] in inputs]
        records.append({"name": name, "feature": f"testdata/features/{feature}.feature", "scenario": title,
                        "fixture": str(folder.relative_to(src)), "exact": sc["exact"], "inputs": inputs, "expected": expected})
    for style in sorted(styles_needed - {"Vale"}):
        if (testdata / "styles" / style).is_dir():
            shutil.copytree(testdata / "styles" / style, OUT / "styles" / style)
    for vocab in sorted(vocab_needed):
        for base in ("config/vocabularies", "Vocab"):
            if (testdata / "styles" / base / vocab).is_dir():
                shutil.copytree(testdata / "styles" / base / vocab, OUT / "styles" / base / vocab)
    shutil.copyfile(src / "LICENSE", OUT / "LICENSE-vale") if (src / "LICENSE").is_file() else None
    (OUT / "scenarios.json").write_text(json.dumps({"source": "https://github.com/vale-cli/vale", "commit": commit,
                                                    "licence": "MIT", "scenarios": records}, indent=1) + "\n", encoding="utf-8")
    print(f"{len(records)} scenarios, {sum(len(r['expected']) for r in records)} expected lines, styles: {sorted(styles_needed)}")
    if tmp is not None:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
