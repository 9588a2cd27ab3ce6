"""Train the abstract role head on the sentence roles of real drafts (bench/corpus labels).

    python scripts/train_role_head.py                  # cross-validate on dev, report held-out, write the model
    python scripts/train_role_head.py --no-write       # figures only

The CRF (``scripts/train_abstract_roles.py``) labels a sentence with one of CSAbstruct's five
classes; paperlint's six roles (context, gap, contribution, detail, evidence, implication) are
what AB101 judges. On real drafts, rules mapping the five classes to the six roles were right
for about 60 % of the sentences. The head is a multinomial logistic regression over
``paperlint.nlp.abstract_roles.role_features``: the CRF's marginals and labels (of the
sentence and its neighbours), the rule's role, position, and cue flags. It is trained on the
``dev`` papers of bench/corpus only; the ``held-out`` papers are used to measure it, once.

The L2 penalty is chosen by leave-one-paper-out cross-validation on dev. Training is full-batch
gradient descent in numpy (the objective is convex); the weights are written as JSON to
``paperlint/models/abstract_roles_head.json`` (a few kilobytes), read at run time with the
standard library.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from paperlint.checks.ab.shape import abstract_sentences  # noqa: E402
from paperlint.config import Settings  # noqa: E402
from paperlint.engine import build_document  # noqa: E402
from paperlint.nlp.abstract_roles import ROLES, _load_model, _role, lexical_features, role_features, tokenize  # noqa: E402

CORPUS = REPO / "bench" / "corpus"
OUT = REPO / "paperlint" / "models" / "abstract_roles_head.json"


def labelled_abstracts() -> list[dict]:
    """(paper id, split, features, gold role ids) for every labelled abstract that lines up."""
    rows = {r["id"]: r for r in csv.DictReader((CORPUS / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t")}
    model = _load_model()
    out = []
    for pid, row in sorted(rows.items()):
        label_file = CORPUS / "labels" / f"{pid}.json"
        gold = json.loads(label_file.read_text()).get("abstract_roles") if label_file.exists() else None
        if not gold:
            continue
        folder = CORPUS / "papers" / pid
        if not (folder / row["main_file"]).exists():
            print(f"{pid}: not built, skipped", file=sys.stderr)
            continue
        doc = build_document(folder / row["main_file"], Settings(), cwd=folder)
        sents = abstract_sentences(doc)
        where = []
        for s in sents:
            rng = doc.to_source(s.start, s.start + 1)
            f = doc.files[rng.file]
            line, col = f.line_col(rng.start)
            where.append(f"{f.display}:{line}:{col}")
        by_at = {g["at"]: g["role"] for g in gold}
        texts = [s.text for s in sents]
        if not texts or not all(w in by_at for w in where):
            print(f"{pid}: {sum(w in by_at for w in where)}/{len(where)} sentences line up with the labels, skipped", file=sys.stderr)
            continue
        path, marg = model.predict(texts)
        rules, seen = [], False
        for i, y in enumerate(path):
            r, _ = _role(model.labels[y], texts[i], i, len(texts), seen)
            seen = seen or r == "contribution"
            rules.append(r)
        out.append({"id": pid, "split": row["split"], "texts": texts, "base": np.array(role_features(texts, path, marg, rules)),
                    "y": np.array([ROLES.index(by_at[w]) for w in where]), "rules": np.array([ROLES.index(r) for r in rules])})
    return out


def vocabulary(data: list[dict], size: int) -> list[str]:
    """The words that most dev sentences hold (letters only, three or more), most frequent first."""
    import collections

    counts = collections.Counter()
    for d in data:
        for t in d["texts"]:
            counts.update({w for w in tokenize(t) if w.isalpha() and len(w) > 2})
    return [w for w, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:size]]


def with_words(data: list[dict], words: list[str]) -> None:
    index = {w: i for i, w in enumerate(words)}
    for d in data:
        d["x"] = np.hstack([d["base"], np.array([lexical_features(t, index) for t in d["texts"]]).reshape(len(d["texts"]), len(words))])


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 3000, lr: float = 0.5) -> np.ndarray:
    """Multinomial logistic regression by full-batch gradient descent (the bias is not penalised)."""
    k = len(ROLES)
    w = np.zeros((k, x.shape[1]))
    onehot = np.eye(k)[y]
    mask = np.ones_like(w)
    mask[:, 0] = 0.0
    for _ in range(steps):
        z = x @ w.T
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - onehot).T @ x / len(y) + l2 * w * mask
        w -= lr * grad
    return w


def transitions(data: list[dict], smooth: float = 1.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Log start, transition and end probabilities of the gold role sequences (add-one smoothed)."""
    k = len(ROLES)
    start, trans, end = np.full(k, smooth), np.full((k, k), smooth), np.full(k, smooth)
    for d in data:
        y = d["y"]
        start[y[0]] += 1
        end[y[-1]] += 1
        for a, b in zip(y[:-1], y[1:]):
            trans[a, b] += 1
    return np.log(start / start.sum()), np.log(trans / trans.sum(axis=1, keepdims=True)), np.log(end / end.sum())


def decode(logp: np.ndarray, seq, weight: float) -> np.ndarray:
    """Viterbi over the head's log-probabilities plus ``weight`` times the role-sequence log-probabilities."""
    start, trans, end = seq
    n, k = logp.shape
    score = logp[0] + weight * start
    back = []
    for t in range(1, n):
        cand = score[:, None] + weight * trans + logp[t][None, :]
        back.append(cand.argmax(axis=0))
        score = cand.max(axis=0)
    score = score + weight * end
    path = [int(score.argmax())]
    for b in reversed(back):
        path.append(int(b[path[-1]]))
    return np.array(path[::-1])


def log_probs(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    z = x @ w.T
    z -= z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def accuracy(w: np.ndarray, data: list[dict], seq=None, weight: float = 0.0) -> tuple[int, int]:
    right = total = 0
    for d in data:
        lp = log_probs(w, d["x"])
        pred = decode(lp, seq, weight) if seq is not None and weight else lp.argmax(axis=1)
        right += int((pred == d["y"]).sum())
        total += len(d["y"])
    return right, total


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--l2", type=float, nargs="*", default=[0.003, 0.01, 0.03, 0.1])
    ap.add_argument("--seq-weight", type=float, nargs="*", default=[0.0])
    ap.add_argument("--words", type=int, default=0, help="vocabulary size of lexical features (0: none; 100 words gained 0.4 points on held-out and lost textbook cases)")
    args = ap.parse_args(argv)
    data = labelled_abstracts()
    dev = [d for d in data if d["split"] == "dev"]
    held = [d for d in data if d["split"] == "held-out"]
    words = vocabulary(dev, args.words)  # from dev only
    with_words(data, words)
    sents = lambda ds: sum(len(d["y"]) for d in ds)  # noqa: E731
    print(f"labelled abstracts: dev {len(dev)} ({sents(dev)} sentences), held-out {len(held)} ({sents(held)} sentences)")
    rule_right = lambda ds: sum(int((d["rules"] == d["y"]).sum()) for d in ds)  # noqa: E731
    print(f"rules alone: dev {rule_right(dev)}/{sents(dev)} = {rule_right(dev) / sents(dev):.3f}; "
          f"held-out {rule_right(held)}/{sents(held)} = {rule_right(held) / max(1, sents(held)):.3f}")
    best = None
    for l2 in args.l2:
        folds = []
        for i, d in enumerate(dev):  # leave one paper out
            rest = [e for j, e in enumerate(dev) if j != i]
            w = fit(np.vstack([e["x"] for e in rest]), np.concatenate([e["y"] for e in rest]), l2)
            folds.append((w, transitions(rest), d))
        for weight in args.seq_weight:
            right = total = 0
            for w, seq, d in folds:
                r, t = accuracy(w, [d], seq, weight)
                right += r
                total += t
            print(f"  l2={l2:g} sequence weight={weight:g}: leave-one-paper-out on dev {right}/{total} = {right / total:.3f}")
            if best is None or right > best[2]:
                best = (l2, weight, right)
    l2, weight = best[0], best[1]
    w = fit(np.vstack([d["x"] for d in dev]), np.concatenate([d["y"] for d in dev]), l2)
    seq = transitions(dev)
    r, t = accuracy(w, held, seq, weight)
    print(f"chosen l2={l2:g}, sequence weight={weight:g}; held-out {r}/{t} = {r / max(1, t):.3f}")
    if not args.no_write:
        OUT.write_text(json.dumps({"roles": list(ROLES), "l2": l2, "sequence_weight": weight, "vocabulary": words,
                                   "trained_on": f"{len(dev)} dev abstracts of bench/corpus",
                                   "weights": [[round(float(v), 5) for v in row] for row in w],
                                   "start": [round(float(v), 5) for v in seq[0]],
                                   "transitions": [[round(float(v), 5) for v in row] for row in seq[1]],
                                   "end": [round(float(v), 5) for v in seq[2]]}, indent=0) + "\n")
        print(f"wrote {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
