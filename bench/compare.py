#!/usr/bin/env python3
"""Speed and memory of paperlint against the linters a user would otherwise run.

Peers: proselint (PyPI, ``proselint check FILE``) and ChkTeX (Debian's
``chktex`` package, ``chktex -q FILE``). Every run is a fresh process, i.e. a
cold start, exactly as a user types it: ``paperlint FILE`` with all default
rules.

Inputs, read at run time (nothing is copied into the project):

* the papers listed in ``../shared/corpus/MANIFEST.tsv`` (``<id>/<main_file>``);
* ``sample_papers/`` of this repository, when it holds any ``.tex``/``.md``;
* truncations of the 395 KB ``tyurin-dasha-pp/neurips_2022.tex`` at about 50,
  100, 165 and 250 KB (cut at a blank line outside any environment, then
  ``\\end{document}`` appended), a preamble-only version and the full file,
  all written to a temporary directory. They give the "100-170 KB single-file
  paper" comparison and the growth curve (time against size).

What it measures:

* wall time and CPU time (user+sys, from ``os.wait4``) of each tool on each
  file, ``--repeat`` times (default 5), interleaving tools and rotating their
  order so that machine noise is spread over all of them; medians per file,
  ratios paperlint/proselint and paperlint/chktex, overall median ratio (over
  all real papers, and over single-file ones only: paperlint and chktex follow
  ``\\input``, proselint reads the main file alone; the "all KB" column sums
  the paper folder's .tex/.md files);
* growth: seconds per KB at each size, a least-squares exponent on log-log of
  the raw time and of the time above the preamble-only run, a linear fit;
* peak memory of ``paperlint FILE`` with ``/usr/bin/time -v`` (or, without
  it, ``resource.getrusage(RUSAGE_CHILDREN)`` in a wrapper process), target
  under 200 MB, and of the peers the same way, in one extra untimed pass;
* the floor: ``python -c pass``, ``python -c "import paperlint.cli"``,
  ``paperlint --version``, and ``python -X importtime`` (top 10 cumulative) of
  ``import paperlint.cli`` and of a whole lint run on a small file.

Only the standard library is used.

    python bench/compare.py                      # 5 repeats, table on stdout
    python bench/compare.py --repeat 3 --json /tmp/compare.json
    python bench/compare.py --no-truncations --tools paperlint,chktex

The entry points are taken from the running interpreter's ``bin`` directory
when they are there, which skips pyenv's bash shims (about 0.3 s per call on
the 2-core machine); ``--via-path`` uses whatever ``PATH`` finds instead.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import itertools
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_SAMPLES = ROOT / "sample_papers"
BIG_ID, BIG_MAIN = "tyurin-dasha-pp", "neurips_2022.tex"
TRUNC_KB = (50, 100, 165, 250)
KB = 1000  # "395 KB" for 395,573 bytes: decimal kilobytes throughout
MEMORY_TARGET_MB = 200.0
TOOL_ORDER = ("paperlint", "proselint", "chktex")


# --------------------------------------------------------------------------- tools

def _exe(name: str, via_path: bool) -> str | None:
    """The tool's executable; prefers the running interpreter's bin dir (no pyenv shim)."""
    if not via_path:
        cand = Path(sys.executable).parent / name
        if cand.is_file() and os.access(cand, os.X_OK):
            return str(cand)
    return shutil.which(name)


def _dist_version(dist: str) -> str | None:
    try:
        from importlib.metadata import version

        return version(dist)
    except Exception:  # noqa: BLE001 - any metadata problem just means "version unknown"
        return None


def _chktex_version(exe: str) -> str | None:
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r"ChkTeX v(\S+)", out)
    return m.group(1) if m else (out.splitlines() or [None])[0]


def discover_tools(wanted: list[str], via_path: bool) -> tuple[dict, list[str]]:
    """name -> {exe, argv(file), applies(fmt), version, floor_argv}; plus messages for the missing."""
    tools, missing = {}, []
    specs = {
        "paperlint": {"args": lambda exe, f: [exe, f], "fmts": {"latex", "markdown"},
                          "version": lambda exe: _dist_version("paperlint"), "floor": ["--version"],
                          "hint": "pip install -e . in the repository"},
        "proselint": {"args": lambda exe, f: [exe, "check", f], "fmts": {"latex", "markdown"},
                          "version": lambda exe: _dist_version("proselint"), "floor": ["version"],
                          "hint": "pip install proselint"},
        "chktex": {"args": lambda exe, f: [exe, "-q", f], "fmts": {"latex"},
                       "version": _chktex_version, "floor": ["--version"],
                       "hint": "apt-get update && apt-get install -y chktex"},
    }
    for name in wanted:
        spec = specs[name]
        exe = _exe(name, via_path)
        if exe is None:
            missing.append(f"{name}: not found ({spec['hint']}); skipped")
            continue
        tools[name] = {"exe": exe, "args": spec["args"], "fmts": spec["fmts"], "version": spec["version"](exe),
                           "floor": [exe, *spec["floor"]]}
    return tools, missing


# --------------------------------------------------------------------------- inputs

def _fmt_of(path: Path) -> str | None:
    suf = path.suffix.lower()
    return "latex" if suf == ".tex" else "markdown" if suf in (".md", ".markdown", ".rmd") else None


def source_bytes(folder: Path, fmt: str | None) -> int:
    """Bytes of the .tex (or .md) files under a paper's folder: a proxy for what a tool that follows
    \\input/\\include reads (paperlint, chktex), against the main file alone (proselint)."""
    sufs = (".tex",) if fmt == "latex" else (".md", ".markdown", ".rmd")
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in sufs)


def corpus_files(corpus: Path) -> list[dict]:
    manifest = corpus / "MANIFEST.tsv"
    out = []
    with manifest.open(encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        col = {name: i for i, name in enumerate(header)}
        for line in fh:
            row = line.rstrip("\n").split("\t")
            if len(row) < len(header) or not row[col["id"]]:
                continue
            pid, main = row[col["id"]], row[col["main_file"]]
            path = corpus / pid / main
            if not path.is_file():
                print(f"  warning: {path} listed in MANIFEST.tsv but missing; skipped", file=sys.stderr)
                continue
            fmt = (row[col["format"]] if "format" in col else None) or _fmt_of(path)
            out.append({"label": pid, "path": str(path), "group": "corpus", "fmt": fmt,
                        "bytes": path.stat().st_size, "all_bytes": source_bytes(corpus / pid, fmt)})
    return out


def sample_files(samples: Path) -> list[dict]:
    out = []
    if not samples.is_dir():
        return out
    for path in sorted(samples.rglob("*")):
        fmt = _fmt_of(path)
        if not path.is_file() or fmt is None or path.stem.lower() == "readme":
            continue
        if fmt == "latex":
            head = path.read_bytes()[:50000]
            if not re.search(rb"^[ \t]*\\documentclass", head, re.MULTILINE):
                continue  # an \input-ed part, not a paper
        out.append({"label": "sample:" + str(path.relative_to(samples)), "path": str(path), "group": "samples",
                    "fmt": fmt, "bytes": path.stat().st_size, "all_bytes": source_bytes(path.parent, fmt)})
    return out


_ENV = re.compile(rb"\\(begin|end)\s*\{([^}]*)\}")
_BLANK = re.compile(rb"\n[ \t]*\n")


def _strip_comment(line: bytes) -> bytes:
    m = re.search(rb"(?<!\\)%", line)
    return line[: m.start()] if m else line


def paragraph_cuts(data: bytes, start: int) -> list[int]:
    """Offsets (after the first newline) of blank lines at environment depth 0, after `start`."""
    cuts, depth, pos = [], 0, start
    verbatim = False
    for line in data[start:].splitlines(keepends=True):
        if not verbatim and line.strip() == b"" and depth == 0:
            cuts.append(pos)
        body = _strip_comment(line)
        for kind, env in _ENV.findall(body):
            env = env.strip()
            if env == b"document":
                continue
            if env in (b"verbatim", b"lstlisting", b"minted", b"comment"):
                verbatim = kind == b"begin"
            depth += 1 if kind == b"begin" else -1
            depth = max(depth, 0)
        pos += len(line)
    return cuts


def make_truncations(src: Path, outdir: Path) -> list[dict]:
    """Preamble-only, ~50/100/165/250 KB and full copies of `src`, siblings symlinked beside them."""
    data = src.read_bytes()
    begin = data.find(b"\\begin{document}")
    if begin < 0:
        raise ValueError(f"{src} has no \\begin{{document}}")
    body_start = begin + len(b"\\begin{document}")
    tail = b"\n\\end{document}\n"
    for entry in src.parent.iterdir():  # macros.tex, .bib, .sty, figures: so \include{macros} resolves
        if entry.name != src.name:
            try:
                os.symlink(entry, outdir / entry.name)
            except OSError:
                pass
    cuts = paragraph_cuts(data, body_start)
    made = []

    def write(label: str, content: bytes, target_kb: float | None):
        path = outdir / f"{src.stem}_{label}.tex"
        path.write_bytes(content)
        made.append({"label": f"trunc-{label}", "path": str(path), "group": "truncation", "fmt": "latex",
                         "bytes": len(content), "target_kb": target_kb})

    write("preamble", data[:body_start] + tail, 0)
    for kb in TRUNC_KB:
        limit = kb * KB - len(tail)
        if limit >= len(data):
            continue
        ok = [c for c in cuts if c <= limit]
        cut = ok[-1] if ok else limit
        write(f"{kb:03d}k", data[:cut].rstrip(b" \t\r\n") + b"\n" + tail, kb)
    write("full", data, round(len(data) / KB))
    return made


# --------------------------------------------------------------------------- running

def run_once(argv: list[str], cwd: str | None, timeout: float, capture: bool = False) -> dict:
    """One fresh process; wall time and CPU time (user+sys) of that child alone, from os.wait4."""
    # captured output goes to temp files, not pipes: no deadlock on a chatty tool, and os.wait4 reaps the child
    with contextlib.ExitStack() as stack:
        out_f = stack.enter_context(tempfile.TemporaryFile()) if capture else subprocess.DEVNULL
        err_f = stack.enter_context(tempfile.TemporaryFile()) if capture else subprocess.DEVNULL
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out_f, stderr=err_f)
        killed = threading.Event()

        def _kill():
            killed.set()
            proc.kill()

        timer = threading.Timer(timeout, _kill)
        timer.start()
        try:
            _, status, ru = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        res = {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rc": proc.returncode, "timed_out": killed.is_set()}
        if capture:
            out_f.seek(0)
            err_f.seek(0)
            res["stdout_lines"] = out_f.read().count(b"\n")
            res["stderr_tail"] = err_f.read().decode("utf-8", "replace")[-400:]
        return res


def peak_memory_kb(argv: list[str], cwd: str | None, timeout: float) -> tuple[int | None, str]:
    """Peak RSS of one run: /usr/bin/time -v if present, else getrusage in a wrapper process."""
    gnu_time = Path("/usr/bin/time")
    if gnu_time.is_file() and os.access(gnu_time, os.X_OK):
        with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
            subprocess.run([str(gnu_time), "-v", "-o", tf.name, *argv], cwd=cwd, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout, check=False)
            m = re.search(r"Maximum resident set size \(kbytes\):\s*(\d+)", Path(tf.name).read_text())
            if m:
                return int(m.group(1)), "/usr/bin/time -v"
    wrapper = ("import resource, subprocess, sys\n"
               "subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, "
               "stderr=subprocess.DEVNULL)\n"
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", wrapper, *argv], cwd=cwd, capture_output=True, text=True,
                         timeout=timeout, check=False)
    try:
        return int(out.stdout.strip().splitlines()[-1]), "getrusage(RUSAGE_CHILDREN)"
    except (ValueError, IndexError):
        return None, "failed"


def loadavg() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


# --------------------------------------------------------------------------- statistics

def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def lsq(xs: list[float], ys: list[float]) -> tuple[float, float, float] | None:
    """Least squares y = a + b x; returns (a, b, r2)."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    a = my - b * mx
    ss_tot = sum((y - my) ** 2 for y in ys)
    ss_res = sum((y - a - b * x) ** 2 for x, y in zip(xs, ys))
    return a, b, (1 - ss_res / ss_tot) if ss_tot else 1.0


def growth(points: list[tuple[float, float]], floor: float | None) -> dict:
    """points: (size_kb, median seconds) for sizes >= 50 KB; floor: the preamble-only time."""
    points = sorted(points)
    res: dict = {"points": [{"kb": round(s, 1), "s": round(t, 4), "ms_per_kb": round(1000 * t / s, 3)}
                             for s, t in points]}
    fit = lsq([math.log(s) for s, _ in points], [math.log(t) for _, t in points])
    res["exponent_raw"] = round(fit[1], 3) if fit else None
    if floor is not None:
        above = [(s, t - floor) for s, t in points if t - floor > 0]
        fit2 = lsq([math.log(s) for s, _ in above], [math.log(t) for _, t in above])
        res["floor_s"] = round(floor, 4)
        res["exponent_above_floor"] = round(fit2[1], 3) if fit2 else None
        res["local_exponents_above_floor"] = [
            round(math.log(t2 / t1) / math.log(s2 / s1), 3)
            for (s1, t1), (s2, t2) in itertools.pairwise(above)]
    lin = lsq([s for s, _ in points], [t for _, t in points])
    if lin:
        res["linear_fit"] = {"intercept_s": round(lin[0], 4), "ms_per_kb": round(1000 * lin[1], 4),
                                 "r2": round(lin[2], 4)}
    # Verdict on the total time a user waits: t(s2)/t(s1) <= (s2/s1)^1.1. The exponent above the floor is
    # the stricter "is the per-KB work constant" view, but it is noise-bound when the increment is small.
    res["at_most_linear"] = None if res["exponent_raw"] is None else res["exponent_raw"] <= 1.10
    if floor is not None and points:
        res["increment_at_smallest_over_floor"] = round((points[0][1] - floor) / floor, 3) if floor > 0 else None
    return res


def parse_importtime(stderr: str) -> dict[str, tuple[int, int]]:
    """module -> (self_us, cumulative_us) from `python -X importtime` output."""
    out = {}
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)", line)
        if m:
            mod = m.group(4)
            if mod not in out:  # first (outermost) import of the name
                out[mod] = (int(m.group(1)), int(m.group(2)))
    return out


def importtime_summary(argv: list[str], repeat: int, cwd: str | None, top: int = 10) -> dict:
    runs = []
    for _ in range(repeat + 1):  # first is a warm-up (bytecode cache)
        p = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False)
        runs.append(parse_importtime(p.stderr))
    runs = runs[1:]
    mods = set().union(*runs) if runs else set()
    cum = {m: median([r[m][1] for r in runs if m in r]) for m in mods}
    own = {m: median([r[m][0] for r in runs if m in r]) for m in mods}
    total_self = median([sum(v[0] for v in r.values()) for r in runs])
    order = sorted(mods, key=lambda m: -cum[m])[:top]
    by_self = sorted(mods, key=lambda m: -own[m])[:top]
    return {"argv": argv[1:], "modules": len(mods), "total_self_ms": round(total_self / 1000, 1) if total_self else None,
                "top_cumulative": [{"module": m, "cumulative_ms": round(cum[m] / 1000, 1), "self_ms": round(own[m] / 1000, 1)}
                                for m in order],
                "top_self": [{"module": m, "self_ms": round(own[m] / 1000, 1)} for m in by_self]}


# --------------------------------------------------------------------------- reporting

def fmt_s(x):
    return "-" if x is None else f"{x:7.3f}"


def fmt_r(x):
    return "-" if x is None else f"{x:6.2f}"


def print_table(rows: list[dict], tools: list[str], kind: str = "wall") -> None:
    key, rkey = ("median_wall", "ratio") if kind == "wall" else ("median_cpu", "cpu_ratio")
    cols = ["file", "KB", "all KB"] + [f"{t} s" for t in tools]
    if "paperlint" in tools:
        cols += [f"pl/{t[:2]}" for t in tools if t != "paperlint"] + ["pl MB"]
    width = max([len(r["label"]) for r in rows] + [4])
    print("  ".join([cols[0].ljust(width)] + [c.rjust(9) for c in cols[1:]]))
    for r in rows:
        cells = [r["label"].ljust(width), f"{r['bytes'] / KB:9.1f}", f"{r.get('all_bytes', r['bytes']) / KB:9.1f}"]
        cells += [fmt_s(r[key].get(t)).rjust(9) for t in tools]
        if "paperlint" in tools:
            cells += [fmt_r(r[rkey].get(t)).rjust(9) for t in tools if t != "paperlint"]
            mb = r.get("paperlint_peak_mb")
            cells.append(("-" if mb is None else f"{mb:.1f}").rjust(9))
        print("  ".join(cells))


def git_state() -> dict:
    def git(*args):
        try:
            return subprocess.run(["git", "--no-optional-locks", *args], cwd=ROOT, capture_output=True,
                                  text=True, timeout=30, check=False).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    head = git("rev-parse", "HEAD")
    dirty = [line for line in git("status", "--porcelain").splitlines() if line.strip()]
    return {"head": head or None, "changed_paths": len(dirty)}


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per tool and file (default 5)")
    ap.add_argument("--json", metavar="OUT", help="also write all figures and raw timings to OUT")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help=f"default {DEFAULT_CORPUS}")
    ap.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES, help=f"default {DEFAULT_SAMPLES}")
    ap.add_argument("--tools", default=",".join(TOOL_ORDER), help="comma list among paperlint,proselint,chktex")
    ap.add_argument("--no-truncations", action="store_true", help="skip the 50..395 KB growth series")
    ap.add_argument("--no-warmup", action="store_true", help="skip the untimed first pass")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per run before it is killed")
    ap.add_argument("--no-bytecode-cache", action="store_true",
                    help="leave PYTHONDONTWRITEBYTECODE/PYTHONPYCACHEPREFIX as they are (default: cache bytecode "
                         "in the temp dir, as a wheel install would have it)")
    ap.add_argument("--via-path", action="store_true",
                    help="run the tools found on PATH (e.g. pyenv shims) instead of the interpreter's bin dir")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    wanted = [t.strip() for t in args.tools.split(",") if t.strip()]
    bad = [t for t in wanted if t not in TOOL_ORDER]
    if bad:
        ap.error(f"unknown tool(s) {bad}; choose among {TOOL_ORDER}")

    started = _dt.datetime.now(_dt.timezone.utc)
    loads = [{"at": "start", "load": loadavg()}]
    tools, missing = discover_tools(wanted, args.via_path)
    for msg in missing:
        print(msg, file=sys.stderr)
    names = [t for t in TOOL_ORDER if t in tools]

    print(f"paperlint bench/compare.py  {started:%Y-%m-%d %H:%M UTC}  cores={os.cpu_count()}  "
          f"load={loads[0]['load']}  repeat={args.repeat}")
    for n in names:
        print(f"  {n:9s} {tools[n]['version'] or '?':10s} {tools[n]['exe']}")

    # ---- inputs
    files: list[dict] = []
    corpus_ok = (args.corpus / "MANIFEST.tsv").is_file()
    if corpus_ok:
        files += corpus_files(args.corpus)
    else:
        print(f"note: no corpus at {args.corpus} (../shared absent?): benching sample_papers only, "
              f"no truncation series", file=sys.stderr)
    files += sample_files(args.samples)
    tmp = tempfile.TemporaryDirectory(prefix="paperlint-bench-")
    bytecode = "as in the environment"
    if not args.no_bytecode_cache:
        # An editable install run with PYTHONDONTWRITEBYTECODE=1 recompiles paperlint's modules in every process
        # (about 35 ms here), while pip-installed peers ship .pyc files. Cache bytecode under the temp dir, so
        # nothing is written into the project, and the warm-up runs fill it.
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(Path(tmp.name) / "pycache")
        bytecode = "cached under the temp dir (PYTHONPYCACHEPREFIX), PYTHONDONTWRITEBYTECODE unset"
    print(f"  python bytecode: {bytecode}")
    big = args.corpus / BIG_ID / BIG_MAIN
    if corpus_ok and not args.no_truncations:
        if big.is_file():
            files += make_truncations(big, Path(tmp.name))
        else:
            print(f"note: {big} missing: no truncation series", file=sys.stderr)

    result: dict = {"meta": {"date_utc": started.isoformat(timespec="seconds"), "cores": os.cpu_count(),
                                  "python": platform.python_version(), "platform": platform.platform(),
                                  "repeat": args.repeat, "git": git_state(),
                                  "tools": {n: {"exe": tools[n]["exe"], "version": tools[n]["version"]} for n in names},
                                  "missing": missing, "corpus": str(args.corpus) if corpus_ok else None,
                                  "memory_target_mb": MEMORY_TARGET_MB, "bytecode": bytecode}}

    # ---- floor: interpreter, import, --version
    print(f"\n== floor (median of {args.repeat} fresh processes) ==")
    py = sys.executable
    floor_cmds = {"python -c pass": [py, "-c", "pass"],
                  "python -c 'import paperlint.cli'": [py, "-c", "import paperlint.cli"]}
    for n in names:
        floor_cmds[" ".join([n, *tools[n]["floor"][1:]])] = tools[n]["floor"]
    on_path = shutil.which("paperlint")
    if "paperlint" in names and on_path and Path(on_path) != Path(tools["paperlint"]["exe"]):
        floor_cmds[f"paperlint --version via PATH ({on_path})"] = [on_path, "--version"]
    floor = {}
    for label, cmd in floor_cmds.items():
        run_once(cmd, str(ROOT), args.timeout)  # warm
        rs = [run_once(cmd, str(ROOT), args.timeout) for _ in range(args.repeat)]
        floor[label] = {"wall": round(median([r["wall"] for r in rs]), 4),
                        "cpu": round(median([r["cpu"] for r in rs]), 4)}
        print(f"  {label:36s} wall {floor[label]['wall']:.3f} s   cpu {floor[label]['cpu']:.3f} s")
    result["floor_note"] = "median wall and CPU (user+sys) seconds of fresh processes, after one warm-up each"
    result["floor"] = floor
    small = min((f for f in files if f["group"] == "corpus" and f["fmt"] == "latex"),
                key=lambda f: f["bytes"], default=None) or (files[0] if files else None)
    imports = {"import paperlint.cli": importtime_summary([py, "-X", "importtime", "-c", "import paperlint.cli"],
                                                          args.repeat, str(ROOT))}
    if small:
        imports[f"lint {Path(small['path']).name}"] = importtime_summary(
            [py, "-X", "importtime", "-m", "paperlint", Path(small["path"]).name], args.repeat,
            str(Path(small["path"]).parent))
    result["importtime"] = imports
    for label, s in imports.items():
        print(f"  -X importtime, {label}: {s['modules']} modules, sum of self times {s['total_self_ms']} ms; "
              f"top 10 cumulative (ms):")
        for e in s["top_cumulative"]:
            print(f"    {e['cumulative_ms']:8.1f}  (self {e['self_ms']:6.1f})  {e['module']}")

    if not files:
        print("\nnothing to lint: no corpus and no .tex/.md in sample_papers; only the floor was measured.")
        result["files"] = []
        if args.json:
            Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
        tmp.cleanup()
        return 0

    # ---- warm-up: also checks each tool really ran
    def cmd_for(tool, f):
        return tools[tool]["args"](tools[tool]["exe"], Path(f["path"]).name), str(Path(f["path"]).parent)

    applies = {(t, f["path"]): f["fmt"] in tools[t]["fmts"] for t in names for f in files}
    checks: dict = {}
    if not args.no_warmup:
        print(f"\n== warm-up pass ({len(files)} files x {len(names)} tools, untimed) ==")
        for f in files:
            for t in names:
                if applies[(t, f["path"])]:
                    argv_, cwd = cmd_for(t, f)
                    r = run_once(argv_, cwd, args.timeout, capture=True)
                    checks[(t, f["label"])] = r
                    crashed = r["timed_out"] or "Traceback" in r["stderr_tail"] or (
                        t != "chktex" and r["rc"] not in (0, 1))
                    if crashed:
                        print(f"  warning: {t} on {f['label']}: rc={r['rc']} timed_out={r['timed_out']} "
                              f"{r['stderr_tail'][-200:]!r}", file=sys.stderr)

    # ---- timed passes, interleaved
    raw = {(t, f["path"]): [] for t in names for f in files}
    print(f"\n== timed: {args.repeat} passes over {len(files)} files; tools interleaved per file, order rotated ==")
    for rep in range(args.repeat):
        t_pass = time.perf_counter()
        for i, f in enumerate(files):
            k = (rep + i) % len(names)
            for t in names[k:] + names[:k]:
                if applies[(t, f["path"])]:
                    argv_, cwd = cmd_for(t, f)
                    raw[(t, f["path"])].append(run_once(argv_, cwd, args.timeout))
        loads.append({"at": f"after pass {rep + 1}", "load": loadavg()})
        print(f"  pass {rep + 1}/{args.repeat}: {time.perf_counter() - t_pass:6.1f} s, load {loads[-1]['load']}")

    # ---- peak memory: one /usr/bin/time -v run per tool and file (os.wait4's ru_maxrss is not used for
    # this: on Linux a child's high-water mark starts from the forking parent's RSS, about 19 MB here)
    mem_method = None
    print("\n== peak memory (one run per tool and file) ==")
    for f in files:
        f["peak_kb"] = {}
        for t in names:
            if applies[(t, f["path"])]:
                argv_, cwd = cmd_for(t, f)
                kb, mem_method = peak_memory_kb(argv_, cwd, args.timeout)
                f["peak_kb"][t] = kb
    print(f"  method: {mem_method}")
    loads.append({"at": "end", "load": loadavg()})

    # ---- summaries
    rows = []
    for f in files:
        all_b = f.get("all_bytes") or f["bytes"]
        row = {"label": f["label"], "path": f["path"], "group": f["group"], "fmt": f["fmt"], "bytes": f["bytes"],
               "all_bytes": all_b, "multi_file": all_b > 1.05 * f["bytes"],
                   "median_wall": {}, "median_cpu": {}, "ratio": {}, "cpu_ratio": {}, "runs": {}}
        for t in names:
            rs = raw[(t, f["path"])]
            if not rs:
                continue
            row["median_wall"][t] = median([r["wall"] for r in rs])
            row["median_cpu"][t] = median([r["cpu"] for r in rs])
            row["runs"][t] = {"wall": [round(r["wall"], 4) for r in rs], "cpu": [round(r["cpu"], 4) for r in rs],
                                  "rc": sorted({r["rc"] for r in rs}),
                                  "timed_out": sum(r["timed_out"] for r in rs)}
            if (t, f["label"]) in checks:
                row["runs"][t]["output_lines"] = checks[(t, f["label"])]["stdout_lines"]
        for t in names:
            if t != "paperlint" and "paperlint" in row["median_wall"] and t in row["median_wall"]:
                row["ratio"][t] = row["median_wall"]["paperlint"] / row["median_wall"][t]
                row["cpu_ratio"][t] = row["median_cpu"]["paperlint"] / row["median_cpu"][t]
        row["peak_mb"] = {t: round(kb / 1024, 1) for t, kb in f.get("peak_kb", {}).items() if kb is not None}
        if "paperlint" in row["peak_mb"]:
            row["paperlint_peak_mb"] = row["peak_mb"]["paperlint"]
        rows.append(row)

    real = [r for r in rows if r["group"] != "truncation"]
    trunc = [r for r in rows if r["group"] == "truncation"]
    for kind in ("wall", "cpu"):
        what = "wall seconds" if kind == "wall" else "CPU seconds (user+sys; less sensitive to machine load)"
        if real:
            print(f"\n== real papers: median {what} per file; ratio = paperlint / peer; pl MB = peak RSS ==")
            print_table(real, names, kind)
        if trunc:
            print(f"\n== truncations of {BIG_ID}/{BIG_MAIN}, median {what} (temp dir; cut at a top-level "
                  f"blank line) ==")
            print_table(trunc, names, kind)

    overall = {}
    print("\n== overall (ratio = paperlint / peer, per file, then the median over files) ==")
    subsets = {"all real papers": real,
               "single-file papers": [r for r in real if not r["multi_file"]]}
    for t in names:
        if t == "paperlint":
            continue
        overall[t] = {}
        for name, subset in subsets.items():
            rs = [r["ratio"][t] for r in subset if t in r["ratio"]]
            cs = [r["cpu_ratio"][t] for r in subset if t in r["cpu_ratio"]]
            if not rs:
                continue
            o = {"files": len(rs), "median_ratio": round(median(rs), 3), "min_ratio": round(min(rs), 3),
                 "max_ratio": round(max(rs), 3), "median_cpu_ratio": round(median(cs), 3),
                 "paperlint_faster_on": sum(x < 1 for x in rs)}
            overall[t][name] = o
            print(f"  paperlint / {t:9s} {name:19s}: median {o['median_ratio']:.2f} over {o['files']:2d} "
                  f"(range {o['min_ratio']:.2f}-{o['max_ratio']:.2f}; CPU-time {o['median_cpu_ratio']:.2f}); "
                  f"paperlint faster on {o['paperlint_faster_on']}/{o['files']}")
    print("  multi-file papers have 'all KB' > 'KB': paperlint and chktex follow \\input/\\include, proselint "
          "reads the main file only")
    for t in names:
        tot = [r["median_wall"][t] for r in real if t in r["median_wall"]]
        if tot:
            cpu = [r["median_cpu"][t] for r in real if t in r["median_cpu"]]
            print(f"  {t:9s}: median per-file wall {median(tot):.3f} s (cpu {median(cpu):.3f} s), sum of medians "
                  f"{sum(tot):.2f} s over {len(tot)} files")
    result["overall"] = overall

    target = next((r for r in trunc if r["label"] == "trunc-165k"), None)
    if target:
        bits = ", ".join(f"{t} {target['median_wall'][t]:.3f} s (cpu {target['median_cpu'][t]:.3f})"
                         for t in names if t in target["median_wall"])
        rat = ", ".join(f"paperlint/{t} {v:.2f} (cpu {target['cpu_ratio'][t]:.2f})" for t, v in target["ratio"].items())
        print(f"  165 KB single-file paper ({target['bytes'] / KB:.1f} KB): {bits}; {rat}")
        result["paper_165kb"] = {"bytes": target["bytes"], "median_wall": target["median_wall"],
                                 "median_cpu": target["median_cpu"], "ratio": target["ratio"],
                                 "cpu_ratio": target["cpu_ratio"]}

    if trunc:
        pre = next((r for r in trunc if r["label"] == "trunc-preamble"), None)
        sized = [r for r in trunc if r["label"] != "trunc-preamble"]
        result["growth"] = {}
        print("\n== growth (truncation series, sizes >= 50 KB; medians) ==")
        print("  exponent = least-squares slope of log(time) on log(size); 'above floor' subtracts the "
              "preamble-only run (noise-bound when the\n  increment is small against the floor); verdict on CPU "
              "time (user+sys, less sensitive to load than wall): raw exponent <= 1.10 is at most linear")
        for t in names:
            g_all = {}
            for kind, key in (("wall", "median_wall"), ("cpu", "median_cpu")):
                pts = [(r["bytes"] / KB, r[key][t]) for r in sized if t in r[key]]
                if len(pts) >= 2:
                    g_all[kind] = growth(pts, pre[key].get(t) if pre else None)
            if not g_all:
                continue
            result["growth"][t] = g_all
            for kind, g in g_all.items():
                per_kb = ", ".join(f"{p['kb']:.0f}KB {p['ms_per_kb']:.2f}" for p in g["points"])
                lin = g.get("linear_fit", {})
                print(f"  {t:9s} {kind:4s}: ms/KB {per_kb}")
                print(f"  {'':14s}  exponent raw {g['exponent_raw']}, above floor {g.get('exponent_above_floor')} "
                      f"(local {g.get('local_exponents_above_floor')}); fit {lin.get('intercept_s')} s + "
                      f"{lin.get('ms_per_kb')} ms/KB (R2 {lin.get('r2')})"
                      + (f"; at most linear: {g['at_most_linear']}" if kind == "cpu" else ""))

    if any(r.get("peak_mb") for r in rows):
        result["memory"] = {"method": mem_method, "target_mb": MEMORY_TARGET_MB, "tools": {}}
        print(f"\n== memory: peak RSS ({mem_method}) ==")
        for t in names:
            peaks = [(r["peak_mb"][t], r["label"]) for r in rows if t in r.get("peak_mb", {})]
            if not peaks:
                continue
            worst = max(peaks)
            m = {"peak_mb": worst[0], "peak_file": worst[1], "median_mb": round(median([p for p, _ in peaks]), 1), "files": len(peaks)}
            result["memory"]["tools"][t] = m
            line = (f"  {t:9s}: max {m['peak_mb']:.1f} MB on {m['peak_file']}, median {m['median_mb']:.1f} MB "
                    f"over {m['files']} files")
            if t == "paperlint":
                m["under_target"] = worst[0] < MEMORY_TARGET_MB
                line += f"; target < {MEMORY_TARGET_MB:.0f} MB: {'met' if m['under_target'] else 'NOT MET'}"
            print(line)

    one = [l["load"][0] for l in loads if l["load"]]
    if one:
        print(f"\nload average (1 min) seen: start {one[0]}, min {min(one)}, median {median(one)}, max {max(one)} "
              f"on {os.cpu_count()} cores")
    result["meta"]["loadavg"] = loads
    result["meta"]["finished_utc"] = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    result["files"] = rows
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str) + "\n")
        print(f"wrote {args.json}")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        sys.exit(130)
