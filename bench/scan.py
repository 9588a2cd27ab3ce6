"""Throughput of `paperlint scan`: documents per second with 1 and 2 Dask workers.

    python bench/scan.py [--documents 1000] [--workers 1,2] [--keep DIR]

Builds a corpus of N documents from copies of the papers in sample_papers/ (and, when
../shared/corpus exists, its single-file papers cut to their first 40 KB), then runs
`paperlint scan CORPUS --workers W -o OUT.jsonl` once per W as a fresh process, from an
empty output each time, and prints wall seconds, documents per second and the speed-up
over one worker. The numbers are this machine's; for medians and ratios of whole commands
use farm-bench (bench/README.md shows the call).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "sample_papers"
SHARED = HERE.parent.parent / "shared" / "corpus"


def build(target: Path, n: int) -> int:
    units: list[tuple[str, Path | str]] = [(p.name, p) for p in sorted(SAMPLES.iterdir()) if p.is_dir()]
    if SHARED.is_dir():
        import csv

        for r in csv.DictReader((SHARED / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t"):
            main = SHARED / r["id"] / r[next(k for k in r if "file" in k.lower() or "main" in k.lower())]
            if main.suffix == ".tex" and main.is_file():
                text = main.read_text(encoding="utf-8", errors="replace")
                cut = text[:40_000]
                if "\\end{document}" not in cut:
                    cut = cut[: cut.rfind("\n\n") + 1] + "\n\\end{document}\n"
                units.append((r["id"], cut))
    made = 0
    while made < n:
        for name, src in units:
            if made >= n:
                break
            dest = target / f"{made:05d}-{name}"
            if isinstance(src, Path):
                shutil.copytree(src, dest)
            else:
                dest.mkdir(parents=True)
                (dest / "main.tex").write_text(src, encoding="utf-8")
            made += 1
    return made


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--documents", type=int, default=1000)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--keep", type=Path, default=None, help="build the corpus here and keep it")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="paperlint-scan-bench-"))
    corpus = args.keep or tmp / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    if not any(corpus.iterdir()):
        build(corpus, args.documents)
    docs = sum(1 for _ in corpus.iterdir())
    print(f"corpus: {docs} paper folders in {corpus}")
    exe = Path(sys.executable).with_name("paperlint")
    base = None
    for w in [int(x) for x in args.workers.split(",")]:
        out = tmp / f"out-{w}.jsonl"
        t = time.perf_counter()
        r = subprocess.run([str(exe), "scan", str(corpus), "--workers", str(w), "-o", str(out)], capture_output=True, text=True)
        secs = time.perf_counter() - t
        n = sum(1 for _ in out.open()) if out.exists() else 0
        rate = n / secs
        base = base or rate
        print(f"workers {w}: {n} records in {secs:.1f} s, {rate:.1f} documents/s, speed-up {rate / base:.2f}"
              + ("" if r.returncode == 0 else f"  (exit {r.returncode}: {r.stderr.strip()[-200:]})"))
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
