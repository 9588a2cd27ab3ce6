"""Corpus scans: lint many paper projects and write one record per document.

The engine is Dask (``pip install 'paperlint[scan]'``): tasks are submitted to a
``distributed`` client, an in-process one by default (threads in this process), a
``LocalCluster`` of worker processes with ``workers=N``, or an existing cluster at a
scheduler address; the code is the same in each case. Each document is linted in a forked
child process with a time limit, so that a document that hangs or crashes costs its own
record ("timeout", "crashed") and nothing else. Records are journalled as they arrive, so an
interrupted scan resumes where it stopped: documents whose id is already in the output are
skipped.

Sources: a folder (every root in it, as ``paperlint FOLDER`` finds them), a ``.tar.gz`` /
``.tgz`` / ``.tar`` source bundle as arXiv distributes them (unpacked into a temporary folder,
members that would land outside it, links and devices refused), a root file, or a list
file (``.txt`` or ``.lst``: one source per line, ``#`` comments).

Record (JSON Lines: one object a line; Parquet: the same columns, nested values as JSON
text): ``id``, ``source``, ``root``, ``status`` (ok, unreadable, timeout, crashed),
``error``, ``seconds``, ``format``, ``files``, ``errors``, ``warnings``, ``infos``,
``diagnostics`` (as ``paperlint --format json`` gives them), ``statistics`` (what
``paperlint stats --format json`` gives), ``abstract_roles`` (role per abstract sentence).
"""
from __future__ import annotations

import json
import os
import select
import signal
import sys
import tarfile
import tempfile
import time
from .records import dataclass
from pathlib import Path

__all__ = ["Job", "jobs_from", "scan", "scan_one"]

SCHEMA_VERSION = "1.0"
BUNDLE_SUFFIXES = (".tar.gz", ".tgz", ".tar")
LIST_SUFFIXES = (".txt", ".lst")
MAX_BUNDLE_BYTES = 200 * 1024 * 1024
COLUMNS = ("id", "source", "root", "status", "error", "seconds", "format", "files", "errors", "warnings", "infos",
           "diagnostics", "statistics", "abstract_roles")


class ScanError(Exception):
    """A scan that cannot start: a missing source, an output that cannot be read or written."""


@dataclass(frozen=True)
class Job:
    id: str            # stable across runs: the root's path, or BUNDLE::member for a bundle
    source: str        # what the user named (folder, bundle, list entry)
    root: str          # the root file, or the member inside the bundle
    bundle: str | None = None


# ------------------------------------------------------------------------------------------
# what to scan
# ------------------------------------------------------------------------------------------

def _is_bundle(p: Path) -> bool:
    return p.is_file() and p.name.lower().endswith(BUNDLE_SUFFIXES)


def jobs_from(sources, settings=None) -> list[Job]:
    """The documents the sources hold, in a stable order, without duplicates."""
    from .roots import find_roots
    from .config import Settings

    settings = settings or Settings()
    out: list[Job] = []
    seen: set[str] = set()

    def add(job: Job):
        if job.id not in seen:
            seen.add(job.id)
            out.append(job)

    def visit(src: str, depth: int = 0):
        p = Path(src)
        if p.is_dir():
            for r in find_roots(p, settings):
                add(Job(str(r.resolve()), src, str(r.resolve())))
        elif _is_bundle(p):
            for member in bundle_roots(p):
                add(Job(f"{p.resolve()}::{member}", src, member, str(p.resolve())))
        elif p.is_file() and p.suffix.lower() in LIST_SUFFIXES and depth == 0:
            for line in p.read_text(encoding="utf-8", errors="replace").splitlines():
                line = line.split("#", 1)[0].strip()
                if line:
                    target = Path(line) if Path(line).is_absolute() else p.parent / line
                    visit(str(target), depth + 1)
        elif p.is_file():
            add(Job(str(p.resolve()), src, str(p.resolve())))
        else:
            raise ScanError(f"{src}: no such file or folder")

    for s in sources:
        visit(str(s))
    return out


def _safe_members(tar: tarfile.TarFile):
    total = 0
    for m in tar.getmembers():
        name = m.name
        if not (m.isfile() or m.isdir()):
            continue  # links, devices, fifos: never unpacked
        if name.startswith(("/", "\\")) or ".." in Path(name).parts:
            continue  # would land outside the folder
        total += m.size
        if total > MAX_BUNDLE_BYTES:
            raise ScanError(f"{tar.name}: more than {MAX_BUNDLE_BYTES >> 20} MB unpacked")
        yield m


def unpack(bundle: Path, into: Path) -> None:
    try:
        with tarfile.open(bundle) as tar:
            members = list(_safe_members(tar))
            tar.extractall(into, members=members)
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise ScanError(f"{bundle}: not a readable tar bundle ({exc})") from exc


def bundle_roots(bundle: Path) -> list[str]:
    """The root files inside a bundle, as member paths (a bundle with none gives itself)."""
    from .roots import find_roots
    from .config import Settings

    with tempfile.TemporaryDirectory(prefix="paperlint-scan-") as tmp:
        try:
            unpack(bundle, Path(tmp))
        except ScanError:
            return [""]  # scanned as an unreadable document: the record says why
        roots = [r.relative_to(tmp).as_posix() for r in find_roots(Path(tmp), Settings())]
    return roots or [""]


# ------------------------------------------------------------------------------------------
# one document
# ------------------------------------------------------------------------------------------

def _record(job: Job, status: str, error: str | None = None, seconds: float = 0.0) -> dict:
    return {"id": job.id, "source": job.source, "root": job.root, "status": status, "error": error,
            "seconds": round(seconds, 4), "format": None, "files": 0, "errors": 0, "warnings": 0, "infos": 0,
            "diagnostics": [], "statistics": None, "abstract_roles": []}


def _lint_record(job: Job, settings) -> dict:
    from .api import lint

    start = time.perf_counter()
    if job.bundle is not None:
        with tempfile.TemporaryDirectory(prefix="paperlint-scan-") as tmp:
            try:
                unpack(Path(job.bundle), Path(tmp))
            except ScanError as exc:
                return _record(job, "unreadable", str(exc), time.perf_counter() - start)
            if not job.root:
                return _record(job, "unreadable", "no LaTeX root or Markdown paper in the bundle", time.perf_counter() - start)
            return _describe(job, lint(Path(tmp) / job.root, config=settings, cwd=Path(tmp)), start)
    return _describe(job, lint(Path(job.root), config=settings, cwd=Path(job.root).parent), start)


def _describe(job: Job, report, start: float) -> dict:
    rec = _record(job, "ok")
    if report.error:
        rec.update(status="unreadable", error=report.error)
    doc = report.document
    rec["diagnostics"] = [d.to_json() for d in report.diagnostics]
    counts = report.counts
    rec.update(errors=counts["error"], warnings=counts["warning"], infos=counts["info"])
    if doc is not None:
        from .checks.ab.shape import role_positions
        from .commands.stats import audit

        rec["format"] = doc.format
        rec["files"] = len(doc.files)
        try:
            rec["statistics"] = audit(doc)
        except Exception as exc:  # a statistics failure never loses the lint record
            rec["statistics"] = {"error": f"{type(exc).__name__}: {exc}"}
        rec["abstract_roles"] = [{"file": f, "line": line, "column": col, "role": role}
                                 for f, line, col, role in role_positions(doc)]
    rec["seconds"] = round(time.perf_counter() - start, 4)
    return rec


_WARM = False


def _warm_up(settings) -> None:
    """Lint a tiny draft once in this process, so forked children inherit compiled patterns."""
    global _WARM
    if _WARM:
        return
    _WARM = True
    from .api import lint

    try:
        lint("\\documentclass{article}\n\\begin{document}\n\\begin{abstract}\nWe test. It works.\n\\end{abstract}\n"
             "\\section{Introduction}\nA sentence, $t(28) = 2.20$, $p = .036$.\n\\end{document}\n", config=settings)
    except Exception:
        pass


def scan_one(job: Job, settings=None, timeout: float = 120.0) -> dict:
    """Lint one document in a forked child with a time limit; the record, whatever happens."""
    from .config import Settings

    settings = settings or Settings()
    _warm_up(settings)
    start = time.perf_counter()
    if not hasattr(os, "fork"):
        try:
            return _lint_record(job, settings)
        except Exception as exc:
            return _record(job, "crashed", f"{type(exc).__name__}: {exc}", time.perf_counter() - start)
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: lint, write the record, leave without running anything else
        code = 0
        try:
            os.close(rfd)
            hang = os.environ.get("PAPERLINT_SCAN_TEST_HANG")  # for the test suite: a document that never ends
            if hang and job.root.endswith(hang):
                time.sleep(3600)
            if os.environ.get("PAPERLINT_SCAN_TEST_CRASH") and job.root.endswith(os.environ["PAPERLINT_SCAN_TEST_CRASH"]):
                os._exit(70)
            data = json.dumps(_lint_record(job, settings), ensure_ascii=False).encode("utf-8")
            with os.fdopen(wfd, "wb") as fh:
                fh.write(data)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(wfd)
    chunks: list[bytes] = []
    deadline = start + timeout
    status = None
    with os.fdopen(rfd, "rb", buffering=0) as fh:
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                status = "timeout"
                break
            ready, _, _ = select.select([fh], [], [], min(left, 1.0))
            if ready:
                block = fh.read(1 << 16)
                if not block:
                    break
                chunks.append(block)
    if status == "timeout":
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        return _record(job, "timeout", f"no result within {timeout:g} s; the child was stopped", time.perf_counter() - start)
    _, wstatus = os.waitpid(pid, 0)
    if chunks:
        try:
            return json.loads(b"".join(chunks).decode("utf-8"))
        except ValueError:
            pass
    how = (f"killed by signal {os.WTERMSIG(wstatus)}" if os.WIFSIGNALED(wstatus) else f"exit status {os.WEXITSTATUS(wstatus)}")
    return _record(job, "crashed", f"the linting process ended without a result ({how})", time.perf_counter() - start)


# ------------------------------------------------------------------------------------------
# output
# ------------------------------------------------------------------------------------------

def _kind(output: Path) -> str:
    name = output.name.lower()
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    raise ScanError(f"{output}: the output must end in .parquet or .jsonl")


def _journal(output: Path) -> Path:
    return output.with_name(output.name + ".journal.jsonl")


def _read_jsonl(path: Path) -> list[dict]:
    out = []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                out.append(json.loads(line))
            except ValueError:
                continue  # a line cut short by an interruption: scanned again
    return out


def done_ids(output: Path) -> set[str]:
    ids = {r.get("id") for r in _read_jsonl(_journal(output) if _kind(output) == "parquet" else output)}
    if _kind(output) == "parquet" and output.exists():
        import pyarrow.parquet as pq

        try:
            ids |= set(pq.read_table(output, columns=["id"]).column("id").to_pylist())
        except Exception as exc:
            raise ScanError(f"{output}: not a readable Parquet file ({exc})") from exc
    return ids


def _flat(rec: dict) -> dict:
    return {k: (json.dumps(rec.get(k), ensure_ascii=False) if k in ("diagnostics", "statistics", "abstract_roles") else rec.get(k))
            for k in COLUMNS}


def _finish_parquet(output: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    journal = _journal(output)
    new = [_flat(r) for r in _read_jsonl(journal)]
    schema = pa.schema([("id", pa.string()), ("source", pa.string()), ("root", pa.string()), ("status", pa.string()),
                        ("error", pa.string()), ("seconds", pa.float64()), ("format", pa.string()), ("files", pa.int64()),
                        ("errors", pa.int64()), ("warnings", pa.int64()), ("infos", pa.int64()),
                        ("diagnostics", pa.string()), ("statistics", pa.string()), ("abstract_roles", pa.string())])
    table = pa.Table.from_pylist(new, schema=schema)
    if output.exists():
        old = pq.read_table(output).cast(schema)
        keep = set(table.column("id").to_pylist())
        old = old.filter(pa.array([i not in keep for i in old.column("id").to_pylist()]))
        table = pa.concat_tables([old, table])
    tmp = output.with_name(output.name + ".tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, output)
    journal.unlink(missing_ok=True)
    return table.num_rows


# ------------------------------------------------------------------------------------------
# the scan
# ------------------------------------------------------------------------------------------

def _client(workers: int | None, scheduler: str | None):
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ScanError("paperlint scan runs on Dask: pip install 'paperlint[scan]'") from exc
    if scheduler:
        return Client(scheduler), None
    if workers:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster), cluster
    return Client(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None), None


def scan(sources, output, *, settings=None, workers: int | None = None, scheduler: str | None = None,
         timeout: float = 120.0, progress=None) -> dict:
    """Scan the sources into `output`; returns counts: total, skipped (already done), scanned, by status."""
    output = Path(output)
    _kind(output)
    jobs = jobs_from(sources, settings)
    done = done_ids(output)
    todo = [j for j in jobs if j.id not in done]
    counts = {"documents": len(jobs), "skipped": len(jobs) - len(todo), "scanned": 0,
              "ok": 0, "unreadable": 0, "timeout": 0, "crashed": 0}
    if todo:
        journal = output if _kind(output) == "jsonl" else _journal(output)
        client, cluster = _client(workers, scheduler)
        started = time.perf_counter()
        try:
            from distributed import as_completed

            futures = client.map(scan_one, todo, settings=settings, timeout=timeout, pure=False)
            with open(journal, "a", encoding="utf-8") as fh:
                for fut in as_completed(futures):
                    rec = fut.result()
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    fh.flush()
                    counts["scanned"] += 1
                    counts[rec["status"]] = counts.get(rec["status"], 0) + 1
                    if progress is not None:
                        progress(counts["scanned"], len(todo), time.perf_counter() - started)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
        counts["seconds"] = round(time.perf_counter() - started, 3)
    if _kind(output) == "parquet" and (todo or _journal(output).exists()):
        _finish_parquet(output)
    return counts


def _print_progress(done: int, total: int, seconds: float) -> None:
    rate = done / seconds if seconds > 0 else 0.0
    end = "\n" if done == total else "\r"
    if sys.stderr.isatty() or done == total or done % 50 == 0:
        print(f"paperlint scan: {done}/{total} documents, {rate:.1f}/s", end=end, file=sys.stderr, flush=True)
