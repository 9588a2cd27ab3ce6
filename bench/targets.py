#!/usr/bin/env python3
"""Every speed target of paperlint, measured in one run, with a verdict for each.

    python bench/targets.py                          # about 6 minutes on 2 cores
    python bench/targets.py --python /tmp/venv/bin/python --json /tmp/targets.json
    python bench/targets.py --skip lsp,scale         # only the start-up, long-paper and -j figures

The targets (issue 13) and how each is measured:

* **one-page draft, cold**: ``paperlint bench/one_page.tex`` (our own 3 KB draft) as a fresh
  process, against ``proselint check`` of the same file, runs interleaved; at most 0.10 s, and at
  most 0.6 times proselint. Also shown: the first run after installing (no compiled-pattern
  cache yet, paperlint/recache.py) and ``--select ST140`` (a hook that runs one rule).
* **157 KB paper, cold**: the same on the 157 KB cut of ``tyurin-dasha-pp/neurips_2022.tex``
  from the shared corpus (bench/compare.py makes the cuts), at most 0.4 times proselint.
* **1 MB project**: bench/scale.py (``--json``): the slope of a linear fit in ms per KB, the
  log-log exponent above the floor (at most 1.1 counts as linear) and peak memory (under 100 MB).
* **language server**: bench/lsp.py (``--json``): one-line edits in a 401 KB project of 13
  files, ``didChange`` to ``publishDiagnostics`` over JSON-RPC; median at most 50 ms. Two rows:
  the first diagnostics (the quick pass of paperlint/lsp/quick.py, for a plain edit in one
  paragraph) and the full lint's, which follows and is exact.
* **-j on a folder of papers**: ``paperlint -j 1`` and ``-j N`` (N = the number of CPUs) on the
  21 papers of the shared corpus: the JSON outputs must be identical, and the wall-time ratio is
  shown (with 2 cores, 0.5 is the best possible).

Times are whole processes (wall, and CPU = user + sys of the child from ``os.wait4``),
medians over ``--repeat`` runs after a warm-up; a ratio is the median of the per-pair ratios.
``--python`` picks the interpreter whose ``bin/`` holds ``paperlint`` and ``proselint`` (a
clean virtual environment with the wheel installed is what a user has). Bytecode is cached
(``PYTHONDONTWRITEBYTECODE`` unset) and paperlint's pattern cache goes to a temporary folder.
Nothing is copied into the repository.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from compare import DEFAULT_CORPUS, loadavg, make_truncations, run_once  # noqa: E402

ONE_PAGE = HERE / "one_page.tex"
LONG_PAPER = "tyurin-dasha-pp/neurips_2022.tex"


@contextlib.contextmanager
def environment(env: dict):
    """os.environ with `env` added, for the child processes run_once starts."""
    old = dict(os.environ)
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(old)


def paired(a_cmd, b_cmd, cwd, repeat, env) -> dict:
    """Run A and B in turn `repeat` times after one warm-up each; medians and the median A/B ratio."""
    with environment(env):
        for cmd in (a_cmd, b_cmd):
            if cmd:
                run_once(cmd, cwd, 300)
        a, b = [], []
        for i in range(repeat):
            order = [(a_cmd, a), (b_cmd, b)] if i % 2 == 0 else [(b_cmd, b), (a_cmd, a)]
            for cmd, out in order:
                if cmd:
                    out.append(run_once(cmd, cwd, 300))
    res = {"a_cpu": statistics.median(r["cpu"] for r in a), "a_wall": statistics.median(r["wall"] for r in a)}
    if b:
        res.update(b_cpu=statistics.median(r["cpu"] for r in b), b_wall=statistics.median(r["wall"] for r in b),
                   ratio_cpu=statistics.median(x["cpu"] / y["cpu"] for x, y in zip(a, b)),
                   ratio_wall=statistics.median(x["wall"] / y["wall"] for x, y in zip(a, b)))
    return res


def first_runs(cmd, cwd, repeat, env) -> float:
    """CPU median of runs that each start with an empty pattern cache (the first run after installing)."""
    xs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as cache, environment({**env, "PAPERLINT_CACHE_DIR": cache}):
            xs.append(run_once(cmd, cwd, 300)["cpu"])
    return statistics.median(xs)


def verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("met" if ok else "NOT met")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--python", default=sys.executable, help="the interpreter whose bin/ has paperlint and proselint")
    ap.add_argument("--repeat", type=int, default=11)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--skip", default="", help="comma list among lsp,scale,jobs")
    ap.add_argument("--lsp-edits", type=int, default=20)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    bindir = Path(args.python).parent
    paperlint = [str(bindir / "paperlint")]
    proselint = bindir / "proselint"
    peer = [str(proselint), "check"] if proselint.exists() else None
    tmp = Path(tempfile.mkdtemp(prefix="paperlint-targets-"))
    env = {"PAPERLINT_CACHE_DIR": str(tmp / "cache"), "PYTHONPYCACHEPREFIX": str(tmp / "pyc")}
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    version = subprocess.run(paperlint + ["--version"], capture_output=True, text=True).stdout.strip()
    print(f"{version}; {args.python}; proselint: {'yes' if peer else 'absent'}; {os.cpu_count()} CPUs; load {loadavg()}")
    rows, out = [], {"load_start": loadavg()}

    # one page
    one = str(ONE_PAGE)
    r = paired(paperlint + [one], peer + [one] if peer else None, str(HERE), args.repeat, env)
    first = first_runs(paperlint + [one], str(HERE), max(3, args.repeat // 2), env)
    sel = paired(paperlint + ["--select", "ST140", one], None, str(HERE), args.repeat, env)
    out["one_page"] = {**r, "first_run_cpu": first, "select_st140_cpu": sel["a_cpu"]}
    rows.append(("one-page draft, cold: at most 0.10 s", f"{r['a_cpu']:.3f} s CPU ({r['a_wall']:.3f} s wall)", verdict(r["a_cpu"] <= 0.10)))
    if peer:
        rows.append(("one-page draft: at most 0.6 x proselint", f"{r['ratio_cpu']:.2f} x ({r['b_cpu']:.3f} s)", verdict(r["ratio_cpu"] <= 0.6)))
    rows.append(("  (first run after install, no pattern cache)", f"{first:.3f} s CPU", "-"))
    rows.append(("  (--select ST140, one rule)", f"{sel['a_cpu']:.3f} s CPU", "-"))

    # the 157 KB paper
    paper = args.corpus / LONG_PAPER
    if paper.is_file():
        (tmp / "cuts").mkdir()
        cuts = {c["label"]: c for c in make_truncations(paper, tmp / "cuts")}
        cut = cuts["trunc-165k"]
        r = paired(paperlint + [cut["path"]], peer + [cut["path"]] if peer else None, str(tmp / "cuts"), args.repeat, env)
        out["paper_157kb"] = {**r, "bytes": cut["bytes"]}
        if peer:
            rows.append((f"{cut['bytes'] / 1000:.0f} KB paper: at most 0.4 x proselint",
                         f"{r['ratio_cpu']:.2f} x ({r['a_cpu']:.3f} s against {r['b_cpu']:.3f} s)", verdict(r["ratio_cpu"] <= 0.4)))
    else:
        print(f"no {paper}: the long-paper and project targets are skipped")

    # 1 MB project
    if "scale" not in skip and paper.is_file():
        js = tmp / "scale.json"
        subprocess.run([args.python, str(HERE / "scale.py"), "--repeat", "5", "--json", str(js), "--corpus", str(args.corpus)],
                       check=True, stdout=subprocess.DEVNULL)
        sc = json.loads(js.read_text())
        fit = sc["fit"]["cpu"]
        out["scale"] = {"fit": fit, "peak_mb": sc["peak_mb"]}
        exp = fit["loglog_exponent_above_floor"]
        rows.append(("1 MB project: linear in size", f"{fit['ms_per_kb']:.3f} ms/KB (r2 {fit['r2']}, exponent {exp} above the floor)",
                     verdict(exp is not None and exp <= 1.1)))
        rows.append(("1 MB project: peak memory under 100 MB", f"{sc['peak_mb']:.1f} MB", verdict(sc["peak_mb"] < 100)))

    # language server
    if "lsp" not in skip and paper.is_file():
        js = tmp / "lsp.json"
        subprocess.run([args.python, str(HERE / "lsp.py"), "--edits", str(args.lsp_edits), "--json", str(js), "--corpus", str(args.corpus)],
                       check=True, stdout=subprocess.DEVNULL)
        ls = json.loads(js.read_text())
        firsts = {ch: e["incremental"]["edit_to_first_diagnostics"]["median_ms"] for ch, e in ls["chapters"].items()}
        meds = {ch: e["incremental"]["edit_to_diagnostics"]["median_ms"] for ch, e in ls["chapters"].items()}
        quick = {ch: e["incremental"]["quick_pass"] for ch, e in ls["chapters"].items()}
        out["lsp"] = {"first": firsts, "full": meds, "quick_pass": quick}
        answered = sum(q["edits"] for q in quick.values())
        agreed = sum(q["same_as_full"] for q in quick.values())
        rows.append(("editor: one-line edit in a 401 KB project, first diagnostics at most 50 ms",
                     ", ".join(f"chapter {ch}: {ms:.1f} ms" for ch, ms in firsts.items())
                     + f" (quick pass; {agreed} of {answered} equal to the full lint)", verdict(max(firsts.values()) <= 50)))
        rows.append(("editor: the same edits, the full (exact) lint at most 50 ms",
                     ", ".join(f"chapter {ch}: {ms:.0f} ms" for ch, ms in meds.items()), verdict(max(meds.values()) <= 50)))

    # -j on a folder
    if "jobs" not in skip and args.corpus.is_dir():
        n = os.cpu_count() or 1
        outs = {}
        for j in (1, n):
            res = subprocess.run(paperlint + ["--format", "json", "-j", str(j), str(args.corpus)], capture_output=True, text=True,
                                 env={**os.environ, **env})
            outs[j] = json.loads(res.stdout)
        same = outs[1]["diagnostics"] == outs[n]["diagnostics"]
        r = paired(paperlint + ["-j", str(n), str(args.corpus)], paperlint + ["-j", "1", str(args.corpus)],
                   str(tmp), max(3, args.repeat // 3), env)
        out["jobs"] = {"identical": same, "n": n, **r, "documents": len(outs[1]["roots"])}
        rows.append((f"-j {n} on {len(outs[1]['roots'])} papers: output identical to -j 1", "identical" if same else "DIFFERENT", verdict(same)))
        rows.append((f"-j {n}: wall time against -j 1", f"{r['ratio_wall']:.2f} x ({r['a_wall']:.2f} s against {r['b_wall']:.2f} s)",
                     verdict(r["ratio_wall"] < 0.8) if n > 1 else "-"))

    out["load_end"] = loadavg()
    width = max(len(t) for t, _, _ in rows)
    print()
    for target, measured, ok in rows:
        print(f"{target:<{width}}  {measured:<58} {ok}")
    print(f"\nload average: {out['load_start']} at the start, {out['load_end']} at the end")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, **out}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
