#!/usr/bin/env python3
"""How `paperlint main.tex` grows with the size of a multi-file project, up to 1 MB, and its peak memory.

Projects of about 125, 250, 500 and 1000 KB of .tex are built at run time in a temporary folder
(bench/projects.py): the preamble, title and abstract of the 395 KB
``tyurin-dasha-pp/neurips_2022.tex`` of the shared corpus in ``main.tex``, and its sections
as chapter files that ``main.tex`` ``\\input``s, in order, cycling through the paper again
past its end (a repeated chapter's labels and references are renamed, so the project has no
more duplicate labels than the paper).  The floor project is ``main.tex`` alone (preamble, title,
abstract, 6 KB).  Nothing is copied into the repository.

Each project is linted as a user would, a fresh ``paperlint main.tex`` process in the
project folder, ``--repeat`` times (default 5) after one warm-up, sizes interleaved and
rotated from pass to pass; wall and CPU time (user+sys, os.wait4) medians are reported.
The fit is time = a + b * size (the slope b in ms per KB) by least squares, with the
log-log exponent of the raw time and of the time above the floor project.  Peak memory is
the maximum RSS of one extra run under ``/usr/bin/time -v`` (target: under 100 MB).

    python bench/scale.py                     # about 1 minute on 2 cores
    python bench/scale.py --repeat 9 --sizes 125,250,500,1000,2000 --json /tmp/scale.json
    python bench/scale.py --keep /tmp/projects  # leave the projects there (to time them by hand)

Like bench/compare.py, it unsets PYTHONDONTWRITEBYTECODE and caches bytecode under the
temporary folder (PYTHONPYCACHEPREFIX), as a wheel install would have it.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import loadavg, lsq, peak_memory_kb, run_once  # noqa: E402
from projects import project_bytes, sized_project  # noqa: E402


def paperlint_exe() -> str:
    cand = Path(sys.executable).with_name("paperlint")
    return str(cand) if cand.is_file() else (shutil.which("paperlint") or "paperlint")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="125,250,500,1000", help="target project sizes in KB (default 125,250,500,1000)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--keep", type=Path, default=None, help="build the projects here and leave them")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="paperlint-scale-"))
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ.setdefault("PYTHONPYCACHEPREFIX", str(tmp / "pyc"))
    base = args.keep or tmp
    exe = paperlint_exe()
    projects = []
    for label, kb in [("floor", 0)] + [(f"{s} KB", int(s)) for s in args.sizes.split(",")]:
        folder = base / (f"p{kb:04d}" if kb else "floor")
        if folder.exists():
            shutil.rmtree(folder)
        try:
            main_file, chapters = sized_project(folder, kb * 1000 if kb else 1, args.corpus)
        except FileNotFoundError as exc:   # no shared corpus here
            print(exc)
            return 0
        projects.append({"label": label, "main": main_file, "chapters": len(chapters), "bytes": project_bytes(main_file),
                         "wall": [], "cpu": []})
    print(f"paperlint: {exe}; load {loadavg()}")
    for p in projects:
        print(f"  {p['label']:>8}: {p['bytes'] / 1000:7.1f} KB of .tex in {p['chapters'] + 2} files ({p['main'].parent})")

    argv_for = lambda p: [exe, p["main"].name]  # noqa: E731
    for p in projects:   # warm-up, and a check that it ran
        res = run_once(argv_for(p), str(p["main"].parent), args.timeout, capture=True)
        if res["rc"] not in (0, 1) or "Traceback" in res.get("stderr_tail", ""):
            print(f"paperlint failed on {p['label']}: rc {res['rc']}\n{res.get('stderr_tail')}")
            return 2
    for k in range(args.repeat):
        order = projects[k % len(projects):] + projects[:k % len(projects)]
        for p in order:
            res = run_once(argv_for(p), str(p["main"].parent), args.timeout)
            p["wall"].append(res["wall"])
            p["cpu"].append(res["cpu"])
    for p in projects:
        p["peak_kb"], p["peak_how"] = peak_memory_kb(argv_for(p), str(p["main"].parent), args.timeout)
        p["wall_s"] = statistics.median(p["wall"])
        p["cpu_s"] = statistics.median(p["cpu"])

    floor = projects[0]
    sized = projects[1:]
    out = {"load": loadavg(), "projects": [], "fit": {}}
    print(f"\n{'project':>8} {'KB':>8} {'wall s':>8} {'cpu s':>8} {'ms/KB':>7} {'peak MB':>8}")
    for p in projects:
        kb = p["bytes"] / 1000
        print(f"{p['label']:>8} {kb:8.1f} {p['wall_s']:8.3f} {p['cpu_s']:8.3f} "
              f"{(1000 * p['wall_s'] / kb) if p is not floor else float('nan'):7.3f} "
              f"{(p['peak_kb'] or 0) / 1024:8.1f}")
        out["projects"].append({k: (str(v) if isinstance(v, Path) else v) for k, v in p.items()})
    for what in ("wall", "cpu"):
        xs = [p["bytes"] / 1000 for p in sized]
        ys = [p[f"{what}_s"] for p in sized]
        lin = lsq(xs, ys)
        raw = lsq([math.log(x) for x in xs], [math.log(y) for y in ys])
        above = [(x, y - floor[f"{what}_s"]) for x, y in zip(xs, ys) if y > floor[f"{what}_s"]]
        ab = lsq([math.log(x) for x, _ in above], [math.log(y) for _, y in above]) if len(above) >= 2 else None
        fit = {"intercept_s": round(lin[0], 4), "ms_per_kb": round(1000 * lin[1], 4), "r2": round(lin[2], 4),
               "loglog_exponent_raw": round(raw[1], 3), "loglog_exponent_above_floor": round(ab[1], 3) if ab else None}
        out["fit"][what] = fit
        print(f"\n{what}: time = {fit['intercept_s']:.3f} s + {fit['ms_per_kb']:.3f} ms/KB * size (r2 {fit['r2']}); "
              f"log-log exponent {fit['loglog_exponent_raw']} raw, {fit['loglog_exponent_above_floor']} above the floor "
              f"({floor['wall_s' if what == 'wall' else 'cpu_s']:.3f} s)")
    peak = max(p["peak_kb"] or 0 for p in projects) / 1024
    out["peak_mb"] = round(peak, 1)
    print(f"\npeak memory: {peak:.1f} MB at most ({projects[-1]['peak_how']}); target under 100 MB: {'met' if peak < 100 else 'NOT met'}")
    print(f"load average: {out['load']}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
