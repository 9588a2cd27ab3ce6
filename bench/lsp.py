#!/usr/bin/env python3
"""How fast the language server answers a one-line edit in a 400 KB multi-file LaTeX project.

A real JSON-RPC client (Content-Length framing over the server's stdin and stdout, written
here with the standard library) starts ``python -m paperlint server --debounce 0`` as an
editor would, in a project built at run time in a temporary folder (bench/projects.py: the
395 KB ``tyurin-dasha-pp/neurips_2022.tex`` of the shared corpus cut into 13 chapter files
that ``main.tex`` ``\\input``s, 401 KB of .tex in all; nothing is copied into the repository).

It opens one chapter (the server lints its root, ``main.tex``, with the buffer), then sends
``textDocument/didChange`` notifications, each changing one line of that chapter (one typed
character: a sentence is typed at the start of a prose line, so no edit gives a text the
server has seen before), and measures the
time from writing the notification to reading the ``textDocument/publishDiagnostics`` for
that chapter at that version.  The debounce is 0, so the figure is the lint and the
protocol alone; an editor with the default ``--debounce 0.15`` waits 150 ms more for the full
lint (not for the quick pass, which runs before the debounce).

Two figures per edit: the *first* publishDiagnostics (the quick pass's, paperlint.lsp.quick,
when the edit is plain prose inside one paragraph, as the typed sentence is) and the full
lint's, which follows and is exact.  The script counts how often the quick pass answered
first and how often what it published equalled what the full lint then published (the typed
sentence contains phrases that RD103 reports, so the quick pass has findings to recompute).

    python bench/lsp.py                         # 20 timed edits in each of two chapters
    python bench/lsp.py --edits 40 --json /tmp/lsp.json
    python bench/lsp.py --full                  # also the server with incremental linting off, same run
    python bench/lsp.py --profile               # and where the time of a lint goes (model, each rule)

``--full`` runs a second server with ``PAPERLINT_LSP_INCREMENTAL=0`` (every edit re-reads and
re-lints the whole project, as before the incremental model), alternating edits between the
two servers so that machine noise falls on both.  The server's own log (``--log-file``) gives
how long the lint took inside the server, and which parts it reused.
"""
from __future__ import annotations

import argparse
import json
import os
import queue
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
from projects import project_bytes, split_project  # noqa: E402

from paperlint.lsp.framing import frame, read_message  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 120.0


class Client:
    """A minimal LSP client: Content-Length framing, requests, notifications, waiting."""

    def __init__(self, cwd: Path, args: list[str], env: dict | None = None):
        self.proc = subprocess.Popen([sys.executable, "-m", "paperlint", "server", *args], cwd=cwd, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.inbox: queue.Queue = queue.Queue()
        self.pending: list[dict] = []
        self.stderr: list[bytes] = []
        self._id = 0
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=lambda: self.stderr.extend(iter(self.proc.stderr.readline, b"")), daemon=True).start()

    def _read(self):
        while True:
            msg = read_message(self.proc.stdout)
            self.inbox.put(None if msg is None else (time.perf_counter(), msg))
            if msg is None:
                return

    def write(self, msg: dict) -> float:
        data = frame(msg)
        t = time.perf_counter()
        self.proc.stdin.write(data)
        self.proc.stdin.flush()
        return t

    def notify(self, method: str, params: dict) -> float:
        return self.write({"jsonrpc": "2.0", "method": method, "params": params})

    def _next(self, deadline: float):
        left = deadline - time.monotonic()
        try:
            item = self.inbox.get(timeout=max(0.001, left))
        except queue.Empty:
            raise TimeoutError("no answer in time; server stderr:\n" + b"".join(self.stderr).decode(errors="replace")) from None
        if item is None:
            raise EOFError("the server closed its output; stderr:\n" + b"".join(self.stderr).decode(errors="replace"))
        at, msg = item
        if "method" in msg and "id" in msg:   # a request from the server
            self.write({"jsonrpc": "2.0", "id": msg["id"], "result": None})
        return at, msg

    def request(self, method: str, params: dict):
        self._id += 1
        rid = self._id
        self.write({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        deadline = time.monotonic() + TIMEOUT
        while True:
            at, msg = self._next(deadline)
            if msg.get("id") == rid and "method" not in msg:
                return msg.get("result")
            if msg.get("method"):
                self.pending.append({**msg, "_at": at})

    def diagnostics(self, uri: str, version: int) -> tuple[float, list]:
        """(arrival time, diagnostics) of the publishDiagnostics for `uri` at `version`."""
        for msg in self.pending:
            p = msg.get("params", {})
            if msg.get("method") == "textDocument/publishDiagnostics" and p.get("uri") == uri and p.get("version") == version:
                self.pending.remove(msg)
                return msg["_at"], p["diagnostics"]
        deadline = time.monotonic() + TIMEOUT
        while True:
            at, msg = self._next(deadline)
            p = msg.get("params", {})
            if msg.get("method") == "textDocument/publishDiagnostics" and p.get("uri") == uri and p.get("version") == version:
                return at, p["diagnostics"]

    def close(self):
        try:
            if self.proc.poll() is None:
                self.request("shutdown", {})
                self.notify("exit", {})
                self.proc.wait(timeout=10)
        except Exception:
            pass
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()


def _diag_set(diags: list) -> set:
    return {(d["range"]["start"]["line"], d["range"]["start"]["character"], d["range"]["end"]["line"],
             d["range"]["end"]["character"], d.get("code"), d["message"]) for d in diags}


# typed one character per edit; RD103 reports "In order to" from the twelfth edit on, and "utilize" later
TYPED = "In order to see it, we utilize the bound when few nodes take part in a round. "


def prose_line(text: str) -> int:
    """A line of running prose near the middle of the chapter (starts with a letter, 80+ characters)."""
    lines = text.split("\n")
    cands = [i for i, line in enumerate(lines) if len(line) > 80 and line[:1].isalpha()]
    if not cands:
        cands = [i for i, line in enumerate(lines) if line.strip()] or [0]
    return cands[len(cands) // 2]


class Session:
    def __init__(self, name: str, project: Path, chapter: Path, env: dict, log: Path):
        self.name, self.chapter, self.log = name, chapter, log
        self.client = Client(project, ["--debounce", "0", "--log-file", str(log)], env)
        self.client.request("initialize", {"processId": os.getpid(), "rootUri": project.as_uri(), "capabilities": {},
                                           "clientInfo": {"name": "paperlint-bench"}})
        self.client.notify("initialized", {})
        self.uri = chapter.as_uri()
        self.text = chapter.read_text(encoding="utf-8")
        self.version = 1
        self.line = prose_line(self.text)
        self.typed = 0
        t0 = self.client.notify("textDocument/didOpen", {"textDocument": {"uri": self.uri, "languageId": "latex", "version": 1, "text": self.text}})
        at, self.first = self.client.diagnostics(self.uri, 1)
        self.open_seconds = at - t0
        self.times: list[float] = []          # didChange -> the full lint's diagnostics
        self.first_times: list[float] = []    # didChange -> the first diagnostics (the quick pass's, when it ran)
        self.quick_count = 0                  # edits the quick pass answered first
        self.same_count = 0                   # ... with what the full lint then published
        self.with_findings = 0                # edits whose full lint had diagnostics in the chapter

    def edit(self) -> tuple[float, list]:
        """One keystroke on one line; seconds from didChange to its publishDiagnostics.

        The edits type TYPED at the start of the line, one character each, so every lint
        sees a text of the chapter it has not seen before; at the end of the phrase one edit
        deletes it and typing starts again."""
        self.version += 1
        if self.typed == len(TYPED):
            rng = {"start": {"line": self.line, "character": 0}, "end": {"line": self.line, "character": self.typed}}
            change = {"range": rng, "text": ""}
            self.typed = 0
        else:
            pos = {"line": self.line, "character": self.typed}
            change = {"range": {"start": pos, "end": pos}, "text": TYPED[self.typed]}
            self.typed += 1
        t0 = self.client.notify("textDocument/didChange", {"textDocument": {"uri": self.uri, "version": self.version},
                                                          "contentChanges": [change]})
        at, diags = self.client.diagnostics(self.uri, self.version)
        first = at - t0
        self.first_times.append(first)
        if self.quick_logged(self.version):
            # the quick pass published first; the full lint of the same version follows
            self.quick_count += 1
            at, full = self.client.diagnostics(self.uri, self.version)
            self.same_count += _diag_set(full) == _diag_set(diags)
            diags = full
        self.with_findings += bool(diags)
        return at - t0, diags

    def quick_logged(self, version: int) -> bool:
        try:
            text = self.log.read_text(errors="replace")
        except OSError:
            return False
        return f"{self.uri} version {version} in" in text

    def memory_mb(self) -> tuple[float | None, float | None]:
        """(current, peak) resident memory of the server process, from /proc (Linux)."""
        try:
            status = Path(f"/proc/{self.client.proc.pid}/status").read_text()
        except OSError:
            return None, None
        get = lambda key: (int(m.group(1)) / 1024 if (m := re.search(rf"^{key}:\s+(\d+) kB", status, re.M)) else None)  # noqa: E731
        return get("VmRSS"), get("VmHWM")

    def server_lints(self) -> list[tuple[float, str]]:
        """(seconds, note) of the lints the server logged."""
        out = []
        try:
            for line in self.log.read_text(errors="replace").splitlines():
                m = re.search(r"linted \S+ in ([\d.]+) s(.*)$", line)
                if m:
                    out.append((float(m.group(1)), m.group(2).strip()))
        except OSError:
            pass
        return out


def summary(xs: list[float]) -> dict:
    xs = sorted(xs)
    return {"n": len(xs), "median_ms": round(1000 * statistics.median(xs), 1), "min_ms": round(1000 * xs[0], 1),
            "max_ms": round(1000 * xs[-1], 1), "p90_ms": round(1000 * xs[min(len(xs) - 1, int(0.9 * len(xs)))], 1)}


def profile(project: Path, main_file: Path, chapter: Path, edits: int, top: int = 15) -> dict:
    """Where the time of one lint goes, in this process, with the server's caches installed.

    The same one-line edits as the server gets are written to the chapter file (the project is
    a temporary copy); each lint is split into building the model, each rule and the rest
    (suppressions, positions, sorting), as ``lint_path`` does them."""
    import time as _time

    from paperlint.checks import CHECKS
    from paperlint.config import find_config, load_settings
    from paperlint.document import parse_cache
    from paperlint.engine import Context, _finish, build_document, lint_path
    from paperlint.lsp import memo
    from paperlint.registry import load_rules

    import paperlint.document.latex as latex_reader
    import paperlint.document.sentences as sentences
    import paperlint.engine as engine
    from paperlint.lsp.server import Overlay

    parse_cache.install(parse_cache.ParseCache())
    memo.install()
    Overlay().install()   # as in the server: files not open are read once while unchanged on disk
    spent = {"read": 0.0, "parse": 0.0, "sentences": 0.0}

    def timed(fn, key):
        def wrapper(*a, **k):
            t = _time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[key] += _time.perf_counter() - t
        return wrapper

    originals = [(latex_reader, "read_source"), (engine, "read_source"), (parse_cache, "parse"), (sentences, "split_sentences")]
    saved = [(m, name, getattr(m, name)) for m, name in originals]
    for (m, name, fn), key in zip(saved, ("read", "read", "parse", "sentences")):
        setattr(m, name, timed(fn, key))
    settings = load_settings(find_config(main_file))
    rules = load_rules()
    original = chapter.read_text(encoding="utf-8")
    lines = original.split("\n")
    line = prose_line(original)
    for _ in range(2):
        lint_path(main_file, settings, project)
    parts: dict[str, list[float]] = {}
    totals = []
    for k in range(edits):
        edited = list(lines)
        edited[line] = TYPED[: k % len(TYPED) + 1] + edited[line]
        chapter.write_text("\n".join(edited), encoding="utf-8")
        for key in spent:
            spent[key] = 0.0
        t0 = _time.perf_counter()
        doc = build_document(main_file, settings, project)
        t1 = _time.perf_counter()
        parts.setdefault("model (read, parse, walk)", []).append(t1 - t0)
        model_parts = dict(spent)
        findings = []
        for check in CHECKS:
            rule = rules.get(check.code)
            if rule is None or not settings.enabled(rule):
                continue
            ctx = Context(doc, rule, settings.options_for(rule), settings)
            a = _time.perf_counter()
            findings.extend(check.run(doc, ctx))
            parts.setdefault(check.code, []).append(_time.perf_counter() - a)
        a = _time.perf_counter()
        _finish(doc, findings, settings, rules)
        t2 = _time.perf_counter()
        parts.setdefault("suppressions, positions, sorting", []).append(t2 - a)
        totals.append(t2 - t0)
        parts.setdefault("  model: reading files", []).append(model_parts["read"])
        parts.setdefault("  model: parsing (the changed file) and copying cached trees", []).append(model_parts["parse"])
        parts.setdefault("  model: walking the trees into the prose view and structure", []).append(
            t1 - t0 - model_parts["read"] - model_parts["parse"])
        parts.setdefault("  rules: of which sentence splitting", []).append(spent["sentences"] - model_parts["sentences"])
    chapter.write_text(original, encoding="utf-8")
    for m, name, fn in saved:
        setattr(m, name, fn)
    parse_cache.install(None)
    memo.uninstall()
    med = {k: statistics.median(v) for k, v in parts.items()}
    rule_codes = [k for k in med if k[:2].isalpha() and k[2:].isdigit()]
    rules_ms = sum(med[k] for k in rule_codes)
    print(f"\nin process, with the server's caches, {edits} edits of {chapter.relative_to(project)}: "
          f"median lint {1000 * statistics.median(totals):.1f} ms; the model {1000 * med['model (read, parse, walk)']:.1f} ms, "
          f"{len(rule_codes)} rules {1000 * rules_ms:.1f} ms in all (medians per part)")
    for name in [k for k in med if k.startswith("  ")]:
        print(f"  {1000 * med[name]:7.2f} ms {name}")
    ranked = sorted(((k, v) for k, v in med.items() if not k.startswith("  ")), key=lambda kv: -kv[1])
    for name, v in ranked[:top]:
        print(f"  {1000 * v:7.2f} ms  {name}")
    rest = sum(v for _, v in ranked[top:])
    print(f"  {1000 * rest:7.2f} ms  the other {len(ranked) - top} parts")
    ranked = sorted(med.items(), key=lambda kv: -kv[1])
    return {"median_lint_ms": round(1000 * statistics.median(totals), 1),
            "parts_ms": {k: round(1000 * v, 2) for k, v in ranked}}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--edits", type=int, default=20, help="timed edits per chapter (default 20)")
    ap.add_argument("--warmup", type=int, default=3, help="untimed edits first (default 3)")
    ap.add_argument("--chapters", default="04,11", help="chapter files to edit, by number (default 04,11: a 6 KB prose chapter and the 169 KB proofs)")
    ap.add_argument("--full", action="store_true", help="also run a server with incremental linting off (PAPERLINT_LSP_INCREMENTAL=0), edits alternating")
    ap.add_argument("--only-full", action="store_true", help="only the server with incremental linting off")
    ap.add_argument("--profile", action="store_true", help="also split a lint into the model and each rule, in this process with the server's caches")
    ap.add_argument("--ignore", default="", help="rules to turn off in the project's paperlint.toml (comma-separated selectors, e.g. VN,EV110)")
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)

    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    tmp = Path(tempfile.mkdtemp(prefix="paperlint-lsp-bench-"))
    env.setdefault("PYTHONPYCACHEPREFIX", str(tmp / "pyc"))
    project = tmp / "project"
    try:
        main_file, chapters = split_project(project, args.corpus)
    except FileNotFoundError as exc:   # no shared corpus here
        print(exc)
        return 0
    size = project_bytes(main_file)
    ignore = [x.strip() for x in args.ignore.split(",") if x.strip()]
    if ignore:
        (project / "paperlint.toml").write_text("ignore = [" + ", ".join(json.dumps(x) for x in ignore) + "]\n")
        print(f"rules off: {', '.join(ignore)}")
    print(f"project: {main_file} + {len(chapters)} chapters, {size / 1000:.1f} KB of .tex (load {os.getloadavg()[0]:.2f})")
    kinds = []
    if not args.only_full:
        kinds.append(("incremental", {}))
    if args.full or args.only_full:
        kinds.append(("full", {"PAPERLINT_LSP_INCREMENTAL": "0"}))
    report = {"project_bytes": size, "chapters": {}, "load": [os.getloadavg()[0]]}
    for number in args.chapters.split(","):
        chapter = next(c for c in chapters if c.stem == number.strip().zfill(2))
        sessions = [Session(name, project, chapter, {**env, **extra}, tmp / f"{name}-{chapter.stem}.log") for name, extra in kinds]
        print(f"\n{chapter.relative_to(project)} ({chapter.stat().st_size / 1000:.1f} KB), line {sessions[0].line + 1} edited")
        for s in sessions:
            print(f"  {s.name}: didOpen to first diagnostics {s.open_seconds * 1000:.0f} ms ({len(s.first)} diagnostics)")
        final = {}
        for k in range(args.warmup + args.edits):
            for s in sessions:
                seconds, diags = s.edit()
                if k >= args.warmup:
                    s.times.append(seconds)
                final[s.name] = diags
        entry = {}
        for s in sessions:
            st = summary(s.times)
            lints = s.server_lints()[-args.edits:]
            inside = summary([x for x, _ in lints]) if lints else None
            entry[s.name] = {"edit_to_diagnostics": st, "server_lint": inside, "open_ms": round(1000 * s.open_seconds),
                             "raw_ms": [round(1000 * t, 2) for t in s.times], "notes": sorted({n for _, n in lints})[:5]}
            first = summary(s.first_times[-args.edits:])
            entry[s.name]["edit_to_first_diagnostics"] = first
            entry[s.name]["quick_pass"] = {"edits": s.quick_count, "same_as_full": s.same_count,
                                           "edits_with_diagnostics": s.with_findings}
            if s.quick_count:
                print(f"  {s.name}: didChange -> first publishDiagnostics (the quick pass) median {first['median_ms']} ms "
                      f"(min {first['min_ms']}, p90 {first['p90_ms']}, max {first['max_ms']}, n={first['n']}); "
                      f"the quick pass answered {s.quick_count} of {len(s.first_times)} edits, "
                      f"{s.same_count} of them with what the full lint then published "
                      f"({s.with_findings} edits had diagnostics in the chapter)")
            print(f"  {s.name}: didChange -> the full lint's publishDiagnostics median {st['median_ms']} ms "
                  f"(min {st['min_ms']}, p90 {st['p90_ms']}, max {st['max_ms']}, n={st['n']})"
                  + (f"; lint inside the server median {inside['median_ms']} ms" if inside else ""))
            rss, hwm = s.memory_mb()
            entry[s.name]["server_rss_mb"], entry[s.name]["server_peak_mb"] = rss, hwm
            if rss is not None:
                print(f"      server memory: {rss:.0f} MB resident, {hwm:.0f} MB at most")
            for note in entry[s.name]["notes"][:3]:
                if note:
                    print(f"      server: {note}")
        if len(sessions) == 2:
            same = final["incremental"] == final["full"]
            entry["same_diagnostics"] = same
            print(f"  last diagnostics identical between the two servers: {same} ({len(final['full'])} in the chapter)")
        else:
            entry["last_diagnostics"] = len(next(iter(final.values())))
            print(f"  the last edit's diagnostics in the chapter: {entry['last_diagnostics']}")
        report["chapters"][chapter.stem] = entry
        for s in sessions:
            s.client.close()
    if args.profile:
        sys.path.insert(0, str(ROOT))
        report["profile"] = {}
        for number in args.chapters.split(","):
            chapter = next(c for c in chapters if c.stem == number.strip().zfill(2))
            report["profile"][chapter.stem] = profile(project, main_file, chapter, max(args.edits, 5))
    report["load"].append(os.getloadavg()[0])
    print(f"\nload average (1 min): {report['load'][0]:.2f} at the start, {report['load'][1]:.2f} at the end")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
