"""Train paperlint's abstract sentence-role model (a linear-chain CRF) on CSAbstruct.

The shipped ``paperlint/models/abstract_roles.bin`` was built with::

    python scripts/train_abstract_roles.py --data ../shared/data/csabstruct --train-splits train,dev

and the settings were chosen on the dev split with the default ``--train-splits train``
(which prints held-out dev figures). The final figure is measured on the test split with
``python -m paperlint.nlp.abstract_roles evaluate --data DIR --split test``.

Data: CSAbstruct (Arman Cohan, Iz Beltagy, Daniel King, Bhavana Dalvi and Dan Weld,
"Pretrained Language Models for Sequential Sentence Classification", EMNLP 2019;
https://github.com/allenai/sequential_sentence_classification, Apache-2.0): one JSON object
per line with ``sentences``, ``labels`` (background, objective, method, result, other) and
``confs`` (annotator agreement per sentence).

Why a CRF trained by minibatch Adam
-----------------------------------
Sentence roles depend on their neighbours (background comes before the objective, results
after methods), so the labels are decoded jointly with Viterbi. A linear-chain CRF also gives
per-sentence marginals from forward-backward, which paperlint reports as ``confidence``; a
structured perceptron would give only the best path and no calibrated score. The CRF
likelihood is convex, abstracts are short (3 to 10 sentences in CSAbstruct) and there are five
labels, so exact forward-backward in numpy, batched over abstracts of equal length, costs a few
milliseconds per minibatch. Adam with an L2 penalty and a running average of the weights over
the later epochs converges in about 15 epochs (well under a minute of CPU) without scipy's
L-BFGS; numpy is needed here only, the runtime is standard-library Python.

Each abstract's loss is weighted by its mean annotator confidence squared
(``--conf-power 2``): CSAbstruct's train and dev labels are noisy (about 75 % agreement) and
the test split holds the most confident annotations; on dev this weighting helped the
high-agreement sentences slightly and cost nothing overall.

Features are exactly the runtime's ``sentence_features`` (imported from the package, so
training and runtime cannot drift apart), hashed with CRC-32 into ``2**nbits`` rows of one
weight per label. Emission weights are stored as int8 times one scale (the largest weight maps
to 127: clipping the few largest weights cost more than the coarser step), in one zlib block
with one plane per label; transitions, start and end scores as float32. The format is
described in ``paperlint/nlp/abstract_roles.py``. After writing, the file is read back with
the runtime loader and its Viterbi labels are checked against numpy's on the evaluation split.

The run is deterministic: minibatch order comes from a seeded ``numpy.random`` generator,
features are hashed with CRC-32 (not Python's salted ``hash``) and all arithmetic is float64.
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
import time
import zlib
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from paperlint.nlp.abstract_roles import LABELS, scores, sentence_features

K = len(LABELS)
LABEL_ID = {lab: i for i, lab in enumerate(LABELS)}


def read_split(data_dir: Path, split: str) -> list[dict]:
    with open(data_dir / f"{split}.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


class Encoded:
    """Abstracts as hashed feature rows, grouped by length for batching."""

    def __init__(self, rows: list[dict], nbits: int) -> None:
        mask = (1 << nbits) - 1
        self.abstracts = []  # (int array of feature rows per sentence, gold ids, mean conf)
        for row in rows:
            feats = sentence_features(row["sentences"])
            idx = []
            for f in feats:
                idx.append(np.array([zlib.crc32(x.encode("utf-8")) & mask for x in f], dtype=np.int64))
            gold = np.array([LABEL_ID[lab] for lab in row["labels"]], dtype=np.int64)
            conf = row.get("confs") or [1.0] * len(gold)
            self.abstracts.append((idx, gold, float(np.mean(conf))))
        by_len: dict[int, list[int]] = {}
        for a, (idx, _, _) in enumerate(self.abstracts):
            by_len.setdefault(len(idx), []).append(a)
        self.by_len = by_len


def make_batch(enc: Encoded, ids: list[int]):
    """Flattened feature indices, owning sentence (row in the batch), gold (B, T)."""
    T = len(enc.abstracts[ids[0]][0])
    feat, owner, gold = [], [], []
    wts = []
    for b, a in enumerate(ids):
        idx, g, w = enc.abstracts[a]
        wts.append(w)
        for t, arr in enumerate(idx):
            feat.append(arr)
            owner.append(np.full(len(arr), b * T + t, dtype=np.int64))
        gold.append(g)
    return np.concatenate(feat), np.concatenate(owner), np.stack(gold), T, np.array(wts)


def logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
    m = x.max(axis=axis, keepdims=True)
    return (m + np.log(np.exp(x - m).sum(axis=axis, keepdims=True))).squeeze(axis)


def forward_backward(E, trans, start, end, weights=None):
    """E: (B, T, K) emission scores. Returns logZ (B,), marginals (B,T,K), pair sums (K,K)."""
    T = E.shape[1]
    alpha = np.empty_like(E)
    beta = np.empty_like(E)
    alpha[:, 0] = start + E[:, 0]
    for t in range(1, T):
        alpha[:, t] = logsumexp(alpha[:, t - 1, :, None] + trans[None], axis=1) + E[:, t]
    beta[:, T - 1] = end
    for t in range(T - 2, -1, -1):
        beta[:, t] = logsumexp(trans[None] + (E[:, t + 1] + beta[:, t + 1])[:, None, :], axis=2)
    logZ = logsumexp(alpha[:, T - 1] + end, axis=1)
    marg = np.exp(alpha + beta - logZ[:, None, None])
    pair = np.zeros((K, K))
    for t in range(1, T):
        lp = alpha[:, t - 1, :, None] + trans[None] + (E[:, t] + beta[:, t])[:, None, :]
        pp = np.exp(lp - logZ[:, None, None])
        pair += (pp if weights is None else pp * weights[:, None, None]).sum(axis=0)
    return logZ, marg, pair


def gold_score(E, gold, trans, start, end):
    B, T, _ = E.shape
    rows = np.arange(B)
    s = start[gold[:, 0]] + end[gold[:, -1]]
    for t in range(T):
        s = s + E[rows, t, gold[:, t]]
    for t in range(1, T):
        s = s + trans[gold[:, t - 1], gold[:, t]]
    return s


def emissions(W, feat, owner, n_rows):
    E = np.zeros((n_rows, K))
    np.add.at(E, owner, W[feat])
    return E


def viterbi(E, trans, start, end):
    T = E.shape[0]
    score = start + E[0]
    back = np.zeros((T, K), dtype=np.int64)
    for t in range(1, T):
        cand = score[:, None] + trans
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + E[t]
    path = [int((score + end).argmax())]
    for t in range(T - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def predict(enc: Encoded, W, trans, start, end) -> list[int]:
    out = []
    for idx, _, _ in enc.abstracts:
        E = np.stack([W[arr].sum(axis=0) for arr in idx])
        out.extend(viterbi(E, trans, start, end))
    return out


def train(enc: Encoded, nbits: int, epochs: int, lr: float, l2: float, batch: int, seed: int,
          average_from: int, conf_power: float = 0.0, log=print):
    rng = np.random.default_rng(seed)
    H = 1 << nbits
    params = {
        "W": np.zeros((H, K)),
        "trans": np.zeros((K, K)),
        "start": np.zeros(K),
        "end": np.zeros(K),
    }
    m = {k: np.zeros_like(v) for k, v in params.items()}
    v = {k: np.zeros_like(v) for k, v in params.items()}
    avg = {k: np.zeros_like(v) for k, v in params.items()}
    n_avg = 0
    b1, b2, eps = 0.9, 0.999, 1e-8
    n_abs = len(enc.abstracts)
    step = 0
    batches = []
    for length, ids in sorted(enc.by_len.items()):
        for s in range(0, len(ids), batch):
            batches.append(ids[s : s + batch])
    for epoch in range(epochs):
        t0 = time.perf_counter()
        order = rng.permutation(len(batches))
        total = 0.0
        for bi in order:
            ids = list(batches[bi])
            rng.shuffle(ids)
            feat, owner, gold, T, wts = make_batch(enc, ids)
            wts = wts**conf_power
            B = len(ids)
            P = params
            E = emissions(P["W"], feat, owner, B * T).reshape(B, T, K)
            logZ, marg, pair = forward_backward(E, P["trans"], P["start"], P["end"], wts)
            total += float((logZ - gold_score(E, gold, P["trans"], P["start"], P["end"])).sum())
            onehot = np.zeros((B, T, K))
            np.put_along_axis(onehot, gold[:, :, None], 1.0, axis=2)
            dE = ((marg - onehot) * wts[:, None, None]).reshape(B * T, K)
            g = {"W": np.zeros_like(P["W"])}
            np.add.at(g["W"], feat, dE[owner])
            gp = np.zeros((K, K))
            np.add.at(gp, (gold[:, :-1].ravel(), gold[:, 1:].ravel()), np.repeat(wts, T - 1))
            g["trans"] = pair - gp
            g["start"] = (wts[:, None] * (marg[:, 0] - onehot[:, 0])).sum(0)
            g["end"] = (wts[:, None] * (marg[:, -1] - onehot[:, -1])).sum(0)
            step += 1
            for k, value in params.items():
                gk = g[k] / B + (l2 / n_abs) * value if k == "W" else g[k] / B
                m[k] = b1 * m[k] + (1 - b1) * gk
                v[k] = b2 * v[k] + (1 - b2) * gk * gk
                mh = m[k] / (1 - b1**step)
                vh = v[k] / (1 - b2**step)
                value -= lr * mh / (np.sqrt(vh) + eps)
        if epoch >= average_from:
            n_avg += 1
            for k, value in params.items():
                avg[k] += (value - avg[k]) / n_avg
        log(f"epoch {epoch + 1:>2}  nll/abstract {total / n_abs:.4f}  {time.perf_counter() - t0:.1f}s")
    return avg if n_avg else params


def quantise(W: np.ndarray) -> tuple[np.ndarray, float]:
    """int8 weights and the scale that maps them back (largest |w| becomes 127)."""
    top = float(np.abs(W).max())
    scale = top / 127.0 if top > 0 else 1.0
    q = np.clip(np.rint(W / scale), -127, 127).astype(np.int8)
    return q, scale


def write_model(path: Path, nbits: int, q: np.ndarray, scale: float, trans, start, end) -> int:
    head = bytearray(b"PLAR")
    head += struct.pack("<HBB", 1, nbits, K)
    for lab in LABELS:
        head += struct.pack("<B", len(lab)) + lab.encode("ascii")
    head += struct.pack("<f", scale)
    head += struct.pack(f"<{K}f", *start.tolist())
    head += struct.pack(f"<{K}f", *end.tolist())
    head += struct.pack(f"<{K * K}f", *trans.ravel().tolist())
    block = zlib.compress(np.ascontiguousarray(q.T).astype("<i1").tobytes(), 9)
    head += struct.pack("<I", len(block))
    data = bytes(head) + block
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return len(data)


def report(name: str, gold: list[str], pred: list[str]) -> float:
    res = scores(gold, pred)
    per = "  ".join(f"{lab[:4]} {v['f1']:.3f}" for lab, v in res["per_class"].items())
    print(f"{name}: macro-F1 {res['macro_f1']:.4f}  acc {res['accuracy']:.4f}  |  {per}")
    return res["macro_f1"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True, type=Path, help="directory with train/dev/test.jsonl")
    ap.add_argument("--out", type=Path, default=REPO / "paperlint" / "models" / "abstract_roles.bin")
    ap.add_argument("--train-splits", default="train", help="comma-separated splits to fit on")
    ap.add_argument("--eval-split", default="dev", help="split whose figures are printed")
    ap.add_argument("--nbits", type=int, default=16, help="hash table of 2**nbits rows")
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--lr", type=float, default=0.003, help="Adam step size")
    ap.add_argument("--l2", type=float, default=3.0, help="L2 penalty (per whole training set)")
    ap.add_argument("--batch", type=int, default=16, help="abstracts per minibatch")
    ap.add_argument("--average-from", type=int, default=3, help="first epoch (0-based) averaged")
    ap.add_argument("--conf-power", type=float, default=2.0,
                    help="weight each abstract by its mean annotator confidence to this power")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--no-write", action="store_true", help="train and report only")
    args = ap.parse_args(argv)

    splits = [s for s in args.train_splits.split(",") if s]
    train_rows = [row for split in splits for row in read_split(args.data, split)]
    eval_rows = read_split(args.data, args.eval_split)
    if args.eval_split in splits:
        print(f"note: {args.eval_split} is also a training split; its figures are not held out")
    t0 = time.perf_counter()
    enc = Encoded(train_rows, args.nbits)
    enc_eval = Encoded(eval_rows, args.nbits)
    print(f"encoded {len(train_rows)} + {len(eval_rows)} abstracts in {time.perf_counter() - t0:.1f}s")

    P = train(enc, args.nbits, args.epochs, args.lr, args.l2, args.batch, args.seed,
              args.average_from, args.conf_power)
    gold = [lab for row in eval_rows for lab in row["labels"]]
    pred = predict(enc_eval, P["W"], P["trans"], P["start"], P["end"])
    report(f"{args.eval_split} (float64)", gold, [LABELS[y] for y in pred])
    q, scale = quantise(P["W"])
    f32 = {k: P[k].astype(np.float32).astype(np.float64) for k in ("trans", "start", "end")}
    pred = predict(enc_eval, q.astype(np.float64) * scale, f32["trans"], f32["start"], f32["end"])
    pred_labels = [LABELS[y] for y in pred]
    report(f"{args.eval_split} (int8)", gold, pred_labels)
    confs = [c for row in eval_rows for c in row.get("confs") or [1.0] * len(row["labels"])]
    sure = [i for i, c in enumerate(confs) if c >= 0.75]
    report(f"{args.eval_split} agreement>=0.75 ({len(sure)} sentences)", [gold[i] for i in sure],
           [pred_labels[i] for i in sure])
    used = int((q != 0).any(axis=1).sum())
    print(f"rows with a non-zero weight: {used} of {1 << args.nbits}; scale {scale:.6f}")
    if args.no_write:
        return 0
    size = write_model(args.out, args.nbits, q, scale, P["trans"], P["start"], P["end"])
    print(f"wrote {args.out} ({size} bytes)")

    # Read the file back with the runtime loader: same labels as numpy's int8 decoding.
    from paperlint.nlp.abstract_roles import _Model

    model = _Model(args.out.read_bytes())
    runtime = [model.labels[y] for row in eval_rows
               for y in model.viterbi(model.emissions(sentence_features(row["sentences"])))]
    agree = sum(a == b for a, b in zip(runtime, pred_labels)) / len(runtime)
    print(f"runtime loader agrees with numpy on {agree:.2%} of {args.eval_split} sentences")
    if agree < 0.999:
        print("error: the runtime disagrees with the trained model", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
