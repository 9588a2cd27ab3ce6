"""Sentence-boundary benchmark for ``paperlint.document.sentences``.

Measures boundary precision/recall/F1 of three splitters:

* ``paperlint``: :func:`paperlint.document.sentences.split_sentences`;
* ``naive``: split on ``[.!?]`` + whitespace + capital letter;
* ``spacy``: ``spacy.blank("en")`` + ``sentencizer``, when spaCy is importable
  (it is *not* a paperlint dependency; install it only to run the comparison);

on two sets:

1. CSAbstruct (``--data``, default ``../shared/data/csabstruct``): each
   abstract's gold sentences joined with a single space;
2. the hard cases in ``tests/data/sentence_hard_cases.txt`` (written for
   paperlint; format described at the top of that file).

A boundary is the start offset of every sentence but the first.  It also
times ``split_sentences`` on about 200 KB of text.

    python bench/sentence_boundaries.py [--data DIR] [--splits test] [--no-spacy]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from paperlint.document.sentences import split_sentences  # noqa: E402

HARD_CASES = ROOT / "tests" / "data" / "sentence_hard_cases.txt"
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "csabstruct"

Splitter = Callable[[str], list[int]]


# --------------------------------------------------------------------------- data
def parse_hard_cases(path: Path = HARD_CASES) -> list[tuple[str, str, list[int]]]:
    """Return ``(case_id, text, gold_boundaries)`` for each block of the file.

    Blocks are separated by blank lines.  A block's first line may be a
    ``# id: comment`` line naming it.  ``||`` marks a sentence boundary (the
    two sentences are joined by one space, or by the newline when the next
    piece starts with the escape ``\\n``); ``¶`` marks a paragraph break
    (joined by two newlines).  The escape ``\\n`` stands for a newline.  A
    block without markers is one sentence.
    """
    cases: list[tuple[str, str, list[int]]] = []
    raw = path.read_text(encoding="utf-8")
    for block in re.split(r"\n[ \t]*\n", raw):
        lines = [ln for ln in block.strip("\n").split("\n") if ln.strip()]
        name = ""
        body = []
        for ln in lines:
            if ln.startswith("#"):
                if not name and not body:
                    name = ln.lstrip("# ").split(":", 1)[0].strip()
                continue
            body.append(ln.strip())
        if not body:
            continue
        src = " ".join(body).replace("\\n", "\n")
        pieces = re.split(r"[ \t]*(\|\||¶)[ \t]*", src)
        text = pieces[0]
        gold: list[int] = []
        for k in range(1, len(pieces), 2):
            nxt = pieces[k + 1]
            if pieces[k] == "¶":
                text += "\n\n"
            elif not nxt[:1].isspace():
                text += " "
            text += nxt
            gold.append(len(text) - len(nxt.lstrip()))
        cases.append((name or f"case{len(cases) + 1}", text, gold))
    return cases


def load_csabstruct(data: Path, splits: Iterable[str]) -> list[tuple[str, list[int]]]:
    docs: list[tuple[str, list[int]]] = []
    for split in splits:
        with open(data / f"{split}.jsonl", encoding="utf-8") as fh:
            for line in fh:
                sents = [s.strip() for s in json.loads(line)["sentences"] if s.strip()]
                text, gold = "", []
                for s in sents:
                    if text:
                        text += " "
                        gold.append(len(text))
                    text += s
                docs.append((text, gold))
    return docs


# ---------------------------------------------------------------------- splitters
def paperlint_boundaries(text: str) -> list[int]:
    return [s for s, _ in split_sentences(text)[1:]]


_NAIVE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def naive_boundaries(text: str) -> list[int]:
    return [m.end() for m in _NAIVE.finditer(text)]


def spacy_splitter() -> Splitter | None:
    try:
        import spacy  # noqa: PLC0415
    except ImportError:
        return None
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")

    def boundaries(text: str) -> list[int]:
        return [s.start_char for s in list(nlp(text).sents)[1:]]

    return boundaries


# ------------------------------------------------------------------------ scoring
def score(docs: list[tuple[str, list[int]]], fn: Splitter) -> tuple[float, float, float, int, int, int, int]:
    """Micro-averaged boundary P, R, F1, TP, FP, FN and the number of texts split exactly right."""
    tp = fp = fn_ = exact = 0
    for text, gold in docs:
        pred = set(fn(text))
        g = set(gold)
        tp += len(pred & g)
        fp += len(pred - g)
        fn_ += len(g - pred)
        exact += pred == g
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn_) if tp + fn_ else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp, fp, fn_, exact


def speed(text: str, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        split_sentences(text)
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="CSAbstruct folder")
    ap.add_argument("--splits", default="test", help="comma-separated: train,dev,test")
    ap.add_argument("--no-spacy", action="store_true", help="skip the spaCy comparison")
    ap.add_argument("--errors", type=int, default=0, help="print N paperlint errors per set")
    args = ap.parse_args(argv)

    sets: list[tuple[str, list[tuple[str, list[int]]]]] = []
    if args.data.is_dir():
        splits = [s for s in args.splits.split(",") if s]
        sets.append((f"CSAbstruct {'+'.join(splits)}", load_csabstruct(args.data, splits)))
    else:
        print(f"(CSAbstruct not found at {args.data}; skipped)")
    hard = parse_hard_cases()
    sets.append((f"hard cases ({len(hard)})", [(t, g) for _, t, g in hard]))

    splitters: list[tuple[str, Splitter]] = [("paperlint", paperlint_boundaries), ("naive regex", naive_boundaries)]
    if not args.no_spacy:
        t0 = time.perf_counter()
        sp = spacy_splitter()
        if sp is None:
            print("(spaCy not installed; its row is skipped)")
        else:
            print(f"(spaCy import + blank('en') + sentencizer: {time.perf_counter() - t0:.2f} s)")
            splitters.append(("spaCy sentencizer", sp))

    print(f"\n{'set':<26} {'splitter':<18} {'P':>7} {'R':>7} {'F1':>7} {'TP':>6} {'FP':>5} {'FN':>5} {'exact':>11}")
    for set_name, docs in sets:
        for sp_name, fn in splitters:
            p, r, f, tp, fp, fn_, exact = score(docs, fn)
            print(
                f"{set_name:<26} {sp_name:<18} {p:7.4f} {r:7.4f} {f:7.4f} {tp:6d} {fp:5d} {fn_:5d}"
                f" {exact:5d}/{len(docs):<5d}"
            )

    if args.errors:
        for set_name, docs in sets:
            print(f"\n-- paperlint errors on {set_name}")
            shown = 0
            for text, gold in docs:
                pred = set(paperlint_boundaries(text))
                for b in sorted(pred ^ set(gold)):
                    kind = "FP" if b in pred else "FN"
                    print(f"{kind}: …{text[max(0, b - 50):b]!s}⟂{text[b:b + 30]}…".replace("\n", "⏎"))
                    shown += 1
                if shown >= args.errors:
                    break

    # Speed on ~200 KB: CSAbstruct abstracts as paragraphs, else the hard cases.
    pool = [t for _, docs in sets for t, _ in docs]
    body = "\n\n".join(pool)
    while len(body) < 200_000:
        body += "\n\n" + body
    body = body[:200_000]
    secs = speed(body)
    n_sent = len(split_sentences(body))
    print(
        f"\nspeed: {len(body) / 1000:.0f} KB, {n_sent} sentences in {secs * 1000:.1f} ms "
        f"= {len(body) / secs / 1e6:.2f} M chars/s = {secs * 1000 * 100_000 / len(body):.1f} ms per 100 KB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
