"""RD105 on the shared corpus: words checked, words flagged, flags per 1,000 words, and the
flagged words themselves (to be read by hand: a real misspelling is not a false alarm).

    python bench/spelling.py [--corpus ../shared/corpus] [--words flagged.tsv]

Five papers were set aside before any tuning and are reported on their own (HELD_OUT).
Exits 0 with a note when the corpus is not there.
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

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
    totals = {"tuned": [0, 0], "held-out": [0, 0]}
    flagged_rows = []
    print(f"{'paper':32} {'set':9} {'words':>7} {'flags':>6} {'per 1k':>7} {'s':>6}")
    for row in rows:
        path = corpus / row["id"] / row["main_file"]
        settings = Settings(select=["RD105"], rule_options={"RD105": {"dictionary": args.dictionary}})
        t = time.perf_counter()
        res = lint_path(path, settings, cwd=corpus)
        dt = time.perf_counter() - t
        diags = [d for d in res.diagnostics if d.code == "RD105"]
        n = words_checked(res.document) if res.document is not None else 0
        which = "held-out" if row["id"] in HELD_OUT else "tuned"
        totals[which][0] += n
        totals[which][1] += len(diags)
        print(f"{row['id']:32} {which:9} {n:7} {len(diags):6} {1000 * len(diags) / max(n, 1):7.2f} {dt:6.2f}")
        for word, count in Counter(d.message.split("'")[1] for d in diags).most_common():
            flagged_rows.append((row["id"], word, count))
    for which, (n, f) in totals.items():
        print(f"{which}: {f} flags in {n} words = {1000 * f / max(n, 1):.2f} per 1,000 words")
    if args.words:
        with open(args.words, "w", encoding="utf-8") as out:
            for r in flagged_rows:
                out.write("\t".join(map(str, r)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
