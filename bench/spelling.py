"""RD105 on the shared corpus: words checked, words flagged, flags per 1,000 words, and the
flagged words themselves (to be read by hand: a real misspelling is not a false alarm).

    python bench/spelling.py [--corpus ../shared/corpus] [--words flagged.tsv]

Five papers were set aside before any tuning and are reported on their own (HELD_OUT).
Exits 0 with a note when the corpus is not there.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from pathlib import Path

VERDICTS = Path(__file__).with_name("spelling_verdicts.tsv")
HELD_OUT = ("chiu-hmm-note", "kedzie-emnlp2020", "lloyd-gpss", "umap-joss", "wilson-goodenough-md")


def words_checked(doc) -> int:
    """Prose words RD105 reads (the same blocks and tokens), before any dictionary look-up."""
    from paperlint.jargon.inventory import in_back_matter
    from paperlint.spelling.paper import BLOCK_KINDS
    from paperlint.spelling.words import words

    n = 0
    for b in doc.blocks:
        if b.kind in BLOCK_KINDS and not in_back_matter(b):
            n += sum(1 for _ in words(doc.text, b.start, b.end))
    return n


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "corpus"))
    ap.add_argument("--words", help="write every flagged word (paper, word, count) to this TSV")
    ap.add_argument("--dictionary", default="en-US")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    manifest = corpus / "MANIFEST.tsv"
    if not manifest.is_file():
        print(f"no corpus at {corpus}: nothing to measure")
        return 0
    from paperlint.config import Settings
    from paperlint.engine import lint_path

    rows = list(csv.DictReader(manifest.open(encoding="utf-8"), delimiter="\t"))
    verdicts = {}
    for line in VERDICTS.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and not line.startswith("#") and parts[0] != "word":
            verdicts[parts[0]] = parts[1]
    totals = {"tuned": [0, 0, 0, 0], "held-out": [0, 0, 0, 0]}   # words, flags, real, variants
    occurrences = {"tuned": 0, "held-out": 0}
    flagged_rows = []
    print(f"{'paper':32} {'set':9} {'words':>7} {'found':>6} {'real':>5} {'GB':>5} {'false':>5} {'false/1k':>7} {'s':>6}")
    for row in rows:
        path = corpus / row["id"] / row["main_file"]
        settings = Settings(select=["RD105"], rule_options={"RD105": {"dictionary": args.dictionary}})
        t = time.perf_counter()
        res = lint_path(path, settings, cwd=corpus)
        dt = time.perf_counter() - t
        diags = [d for d in res.diagnostics if d.code == "RD105"]
        n = words_checked(res.document) if res.document is not None else 0
        which = "held-out" if row["id"] in HELD_OUT else "tuned"
        flagged = [d.message.split("'")[1] for d in diags]
        occurrences[which] += sum(int(m.group(1)) if (m := re.search(r"written so (\d+) times", d.message)) else 1 for d in diags)
        real = sum(verdicts.get(w) == "real" for w in flagged)
        variant = sum(verdicts.get(w) == "variant" for w in flagged)
        false = len(flagged) - real - variant
        for i, v in enumerate((n, len(flagged), real, variant)):
            totals[which][i] += v
        print(f"{row['id']:32} {which:9} {n:7} {len(diags):6} {real:5} {variant:5} {false:5} {1000 * false / max(n, 1):7.2f} {dt:6.2f}")
        for word, count in Counter(flagged).most_common():
            flagged_rows.append((row["id"], word, count, verdicts.get(word, "false")))
    for which, (n, f, real, variant) in totals.items():
        false = f - real - variant
        print(f"{which}: {n} words, {f} findings: {real} real misspellings, {variant} British spellings, "
              f"{false} false alarms = {1000 * false / max(n, 1):.2f} per 1,000 words "
              f"({1000 * (false + variant) / max(n, 1):.2f} counting the British spellings); "
              f"the {f} findings stand for {occurrences[which]} occurrences")
    if args.words:
        with open(args.words, "w", encoding="utf-8") as out:
            for r in flagged_rows:
                out.write("\t".join(map(str, r)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
