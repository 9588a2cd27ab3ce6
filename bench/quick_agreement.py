#!/usr/bin/env python3
"""How often the language server's quick pass (paperlint/lsp/quick.py) agrees with a full lint.

For every paper of a corpus (default ../shared/corpus; any folder of paper folders works, such
as bench/corpus/papers), the script lints the root, then makes random plain edits in the prose of
the root file (a word or phrase typed at a random place inside copied text), one at a time, and
for each edit compares what the quick pass would publish with a full lint of the edited text:

* **local**: the findings of the paragraph-local rules (quick.LOCAL) inside the edited paragraph,
  which the quick pass computes again: these must be equal;
* **whole**: everything the quick pass publishes for the edited file (the rest is the last lint's
  findings, moved past the edit), against everything the full lint publishes for it: these
  differ when the edit changes what a whole-document rule sees, until the full lint arrives.

    python bench/quick_agreement.py                       # 8 edits in each shared paper
    python bench/quick_agreement.py --edits 20 --corpus bench/corpus/papers

Prints the counts and, for the whole-file differences, which rules they came from.  Exits 1 when
a local comparison differs.  Nothing is written.
"""
from __future__ import annotations

import argparse
import collections
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from paperlint.config import Settings, find_config, load_settings  # noqa: E402
from paperlint.document.offsets import TEXT  # noqa: E402
from paperlint.engine import lint_path, venue_severity  # noqa: E402
from paperlint.lsp import quick  # noqa: E402
from paperlint.registry import load_rules  # noqa: E402
from paperlint.roots import find_roots  # noqa: E402

TYPED = [" utilize", "x", " always", " in order to", " groundbreaking", " it is worth noting that", " we prove that",
         " guarantees", " we are the first to", " our method outperforms", " TODO", " novel", " very", " the"]


def roots(corpus: Path):
    """The first root of each paper folder, as `paperlint FOLDER` finds them."""
    for d in sorted(p for p in corpus.iterdir() if p.is_dir()):
        found = find_roots(d, Settings())
        if found:
            yield found[0]


def keys(diags):
    return sorted((d.code, d.line, d.column, d.end_line, d.end_column, d.message) for d in diags)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus")
    ap.add_argument("--edits", type=int, default=8, help="edits tried in each paper (default 8)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}")
        return 0
    rng = random.Random(args.seed)
    rules = load_rules()
    tried = answered = local_same = whole_same = 0
    whole_codes: collections.Counter = collections.Counter()
    bad = []
    for root in roots(args.corpus):
        settings = load_settings(find_config(root))
        res = lint_path(root, settings, root.parent)
        doc = res.document
        if doc is None or res.error:
            continue
        by_venue = venue_severity(doc, settings)
        o = doc.offsets
        path = str(doc.files[0].path)
        segs = [i for i in range(len(o.vs)) if o.fi[i] == 0 and o.kind[i] == TEXT and o.se[i] - o.ss[i] > 20]
        rng.shuffle(segs)
        for i in segs[:args.edits]:
            tried += 1
            pos = rng.randrange(o.ss[i], o.se[i])
            old = doc.files[0].text
            new = old[:pos] + rng.choice(TYPED) + old[pos:]
            got = quick.answer(doc, res.diagnostics, 0, new, path, settings, rules, by_venue)
            if got is None:
                continue
            answered += 1
            view, got = got
            full = lint_path(root, settings, root.parent, text=new).diagnostics

            def inside(ds):
                return keys(d for d in ds if quick.read_again(d, view, path))

            if inside(got) == inside(full):
                local_same += 1
            else:
                bad.append(f"{root.parent.name}: offset {pos}")
            mine, theirs = keys(d for d in got if d.path == path), keys(d for d in full if d.path == path)
            if mine == theirs:
                whole_same += 1
            else:
                diff = collections.Counter(mine) - collections.Counter(theirs) + (collections.Counter(theirs) - collections.Counter(mine))
                whole_codes.update({k[0] for k in diff})
    print(f"{tried} random plain edits in {args.corpus}; the quick pass answered {answered}")
    print(f"  local rules in the edited paragraph equal to the full lint: {local_same} of {answered}")
    print(f"  everything published for the edited file equal to the full lint: {whole_same} of {answered}")
    if whole_codes:
        print("  rules of the whole-file differences (edits): " + ", ".join(f"{c} {n}" for c, n in whole_codes.most_common()))
    for line in bad[:20]:
        print("  LOCAL DIFFERS:", line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
