"""paperlint scan: corpora on Dask, one record per document, resumable, robust to bad documents."""
from __future__ import annotations

import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

import paperlint  # noqa: E402
from cli_helpers import run_cli  # noqa: E402
from paperlint.scan import jobs_from, scan, scan_one  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "sample_papers"


@pytest.fixture
def papers(tmp_path):
    shutil.copytree(SAMPLES, tmp_path / "papers")
    return tmp_path / "papers"


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_scan_in_process_matches_lint_and_resumes(papers, tmp_path):
    out = tmp_path / "out.jsonl"
    counts = scan([papers], out)
    assert counts["documents"] == 4 and counts["scanned"] == 4 and counts["ok"] == 4
    recs = {Path(r["root"]).name: r for r in _lines(out)}
    flawed = recs["draft.tex"]
    report = paperlint.lint(papers / "flawed-draft" / "draft.tex", cwd=papers / "flawed-draft")
    assert flawed["diagnostics"] == [d.to_json() for d in report.diagnostics]
    assert (flawed["errors"], flawed["warnings"], flawed["infos"]) == tuple(report.counts[k] for k in ("error", "warning", "info"))
    assert recs["paper.tex"]["statistics"]["summary"]["effect_size_mismatch"] == 0
    assert recs["paper.tex"]["abstract_roles"] and recs["main.tex"]["files"] > 1
    # a second run scans nothing; a lost record is scanned again
    assert scan([papers], out)["scanned"] == 0
    out.write_text("".join(json.dumps(r) + "\n" for r in _lines(out)[1:]), encoding="utf-8")
    again = scan([papers], out)
    assert again["skipped"] == 3 and again["scanned"] == 1 and len(_lines(out)) == 4


def test_bundles_lists_hangs_and_crashes_on_a_local_cluster(papers, tmp_path, monkeypatch):
    good = tmp_path / "good.tar.gz"
    with tarfile.open(good, "w:gz") as tar:
        tar.add(SAMPLES / "good-paper", arcname=".")
    evil = tmp_path / "evil.tar.gz"
    data = b"\\documentclass{article}\n\\begin{document}\nHello.\n\\end{document}\n"
    with tarfile.open(evil, "w:gz") as tar:
        for name in ("../outside.tex", "main.tex"):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("link.tex")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        tar.addfile(link)
    (tmp_path / "broken.tgz").write_bytes(b"not a tar file")
    listing = tmp_path / "sources.txt"
    listing.write_text(f"# the corpus\n{good.name}\n{evil.name}\nbroken.tgz\npapers/user-study/paper.tex\npapers/flawed-draft/draft.tex\n")
    monkeypatch.setenv("PAPERLINT_SCAN_TEST_HANG", "user-study/paper.tex")
    monkeypatch.setenv("PAPERLINT_SCAN_TEST_CRASH", "flawed-draft/draft.tex")
    out = tmp_path / "out.parquet"
    counts = scan([listing], out, workers=2, timeout=4)
    assert counts["scanned"] == 5
    rows = {r["id"].rsplit("/", 1)[-1]: r for r in pq.read_table(out).to_pylist()}
    assert rows["good.tar.gz::main.tex"]["status"] == "ok" and rows["good.tar.gz::main.tex"]["files"] > 1
    assert rows["evil.tar.gz::main.tex"]["status"] == "ok"
    assert not (tmp_path / "outside.tex").exists() and not (tmp_path.parent / "outside.tex").exists()
    assert rows["broken.tgz::"]["status"] == "unreadable"
    assert rows["paper.tex"]["status"] == "timeout"
    assert rows["draft.tex"]["status"] == "crashed" and "exit status 70" in rows["draft.tex"]["error"]
    assert json.loads(rows["good.tar.gz::main.tex"]["diagnostics"]) == []
    assert not Path(str(out) + ".journal.jsonl").exists()
    monkeypatch.delenv("PAPERLINT_SCAN_TEST_HANG")
    monkeypatch.delenv("PAPERLINT_SCAN_TEST_CRASH")
    assert scan([listing], out)["scanned"] == 0  # resumed: every id is in the Parquet file


def test_scan_one_without_a_cluster_and_the_cli(papers, tmp_path):
    (job,) = [j for j in jobs_from([papers]) if j.root.endswith("paper.md")]
    rec = scan_one(job, timeout=60)
    assert rec["status"] == "ok" and rec["format"] == "markdown"
    r = run_cli(["scan", str(papers), "-o", str(tmp_path / "x.jsonl"), "--select", "EV"], tmp_path)
    assert r.exit_code == 0, r.output
    assert all(d["code"].startswith(("EV", "PL")) for rec in _lines(tmp_path / "x.jsonl") for d in rec["diagnostics"])
    assert run_cli(["scan", "nowhere", "-o", str(tmp_path / "y.jsonl")], tmp_path).exit_code == 2
    assert run_cli(["scan", str(papers), "-o", str(tmp_path / "y.csv")], tmp_path).exit_code == 2
