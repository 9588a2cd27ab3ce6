"""Rebuild the development corpus folder (bench/corpus/papers/, ignored by git) from local mirrors.

The papers are other people's work and are not ours to redistribute, so the repository holds only
the manifest (repository, commit, main file, licence) and this script.  Each row names a public
GitHub repository; the script takes the exact commit from a local bare mirror and writes that
commit's tree to ``papers/<id>/``.  Mirrors are looked up under ``--mirrors`` (default
``/work/.mirror`` or ``$PAPERLINT_MIRRORS``) as ``<owner>+<name>/repo`` or ``<owner>+<name>.git``;
any bare clone made with ``git clone --mirror https://github.com/<owner>/<name>`` works.

    python bench/corpus/build.py                     # every row of MANIFEST.tsv
    python bench/corpus/build.py --manifest parts/x.tsv --only some-id
    python bench/corpus/build.py --missing           # list the repositories with no mirror
    python bench/corpus/build.py --merge parts/*.tsv # add labellers' rows to MANIFEST.tsv, fixing each one's split

Blobs that a mirror lacks (large files left out of a shallow snapshot) are skipped and counted;
a paper whose main file cannot be written is reported and left out.  Exit status 1 when any row
could not be built.
"""
from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_MIRRORS = Path(os.environ.get("PAPERLINT_MIRRORS", "/work/.mirror"))
MAX_BLOB = 8 * 1024 * 1024   # figures above this are not needed to lint a paper


def read_manifest(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [row for row in csv.DictReader(fh, delimiter="\t") if row.get("id") and not row["id"].startswith("#")]


COLUMNS = ["id", "repo", "commit", "main_file", "licence", "format", "venue", "field", "split", "notes"]
HELD_OUT_SHARE = 3   # in ten


def split_of(paper_id: str) -> str:
    """dev or held-out, fixed by the id: about three papers in ten are kept aside for measuring."""
    import hashlib

    return "held-out" if int(hashlib.sha256(paper_id.encode()).hexdigest(), 16) % 10 < HELD_OUT_SHARE else "dev"


def merge(parts: list[Path], manifest: Path) -> int:
    rows = {r["id"]: r for r in read_manifest(manifest)} if manifest.exists() else {}
    repos = {r["repo"].lower(): r["id"] for r in rows.values()}
    added = 0
    for part in parts:
        for r in read_manifest(part):
            if r["id"] in rows or r["repo"].lower() in repos:
                continue
            r = {c: (r.get(c) or "").strip() for c in COLUMNS}
            r["split"] = r["split"] or split_of(r["id"])
            rows[r["id"]] = r
            repos[r["repo"].lower()] = r["id"]
            added += 1
    with manifest.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, COLUMNS, delimiter="\t", lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        for key in sorted(rows):
            w.writerow(rows[key])
    print(f"{manifest.name}: {len(rows)} papers ({added} added)")
    return 0


def mirror_for(repo: str, mirrors: Path) -> Path | None:
    owner_name = repo.replace("/", "+")
    for cand in (mirrors / owner_name / "repo", mirrors / owner_name / "repo" / ".git", mirrors / f"{owner_name}.git", mirrors / owner_name):
        if (cand / "HEAD").exists() or (cand / "objects").is_dir():
            return cand
    return None


def _git(gitdir: Path, *args: str, input: bytes | None = None) -> bytes:
    return subprocess.run(["git", f"--git-dir={gitdir}", *args], input=input, capture_output=True, check=True).stdout


def extract(gitdir: Path, commit: str, dest: Path) -> tuple[int, int]:
    """Write the tree of `commit` into `dest`; returns (files written, blobs skipped)."""
    listing = _git(gitdir, "ls-tree", "-r", "-l", "-z", commit).split(b"\0")
    entries = []
    for rec in listing:
        if not rec:
            continue
        meta, path = rec.split(b"\t", 1)
        mode, kind, sha, size = meta.split()
        if kind != b"blob":  # submodules (commits) are not in a snapshot
            continue
        entries.append((mode, sha.decode(), size, path.decode("utf-8", "surrogateescape")))
    tmp = dest.with_name(dest.name + ".part")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    written = skipped = 0
    # a size that is not a number ("-", "BAD") means the mirror lacks the blob: ask anyway, git says "missing"
    wanted = [e for e in entries if not e[2].isdigit() or int(e[2]) <= MAX_BLOB]
    skipped += len(entries) - len(wanted)
    # One git process streams every blob; a missing object answers "<sha> missing".
    batch = _git(gitdir, "cat-file", "--batch", input="".join(f"{e[1]}\n" for e in wanted).encode())
    pos = 0
    for mode, sha, _size, rel in wanted:
        nl = batch.index(b"\n", pos)
        header = batch[pos:nl].split()
        pos = nl + 1
        if len(header) < 3 or header[1] == b"missing":
            skipped += 1
            continue
        n = int(header[2])
        data = batch[pos : pos + n]
        pos += n + 1
        target = tmp / rel
        if ".." in Path(rel).parts or Path(rel).is_absolute():
            skipped += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == b"120000":
            link = data.decode("utf-8", "surrogateescape")
            try:
                target.symlink_to(link)
            except OSError:
                skipped += 1
                continue
        else:
            target.write_bytes(data)
        written += 1
    shutil.rmtree(dest, ignore_errors=True)
    tmp.rename(dest)
    return written, skipped


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--manifest", type=Path, action="append", help="manifest TSV (default MANIFEST.tsv); may repeat")
    ap.add_argument("--mirrors", type=Path, default=DEFAULT_MIRRORS)
    ap.add_argument("--out", type=Path, default=HERE / "papers")
    ap.add_argument("--only", action="append", default=[], help="build only this id (may repeat)")
    ap.add_argument("--missing", action="store_true", help="list repositories with no local mirror and exit")
    ap.add_argument("--force", action="store_true", help="rebuild papers that are already there")
    ap.add_argument("--merge", type=Path, nargs="+", metavar="PART", help="add these manifest parts to MANIFEST.tsv and exit")
    args = ap.parse_args(argv)
    if args.merge:
        return merge(args.merge, HERE / "MANIFEST.tsv")
    rows = []
    for m in args.manifest or [HERE / "MANIFEST.tsv"]:
        rows.extend(read_manifest(m))
    if args.only:
        rows = [r for r in rows if r["id"] in args.only]
    missing = [r for r in rows if mirror_for(r["repo"], args.mirrors) is None]
    if args.missing:
        for r in missing:
            print(f"{r['id']}\t{r['repo']}\t{r['commit']}")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for r in rows:
        dest = args.out / r["id"]
        marker = dest / ".paperlint-corpus-commit"
        if not args.force and marker.exists() and marker.read_text().strip() == r["commit"]:
            continue
        gitdir = mirror_for(r["repo"], args.mirrors)
        if gitdir is None:
            print(f"{r['id']}: no mirror of {r['repo']} under {args.mirrors}", file=sys.stderr)
            failed += 1
            continue
        try:
            written, skipped = extract(gitdir, r["commit"], dest)
        except subprocess.CalledProcessError as exc:
            print(f"{r['id']}: git failed: {exc.stderr.decode(errors='replace').strip()}", file=sys.stderr)
            failed += 1
            continue
        if not (dest / r["main_file"]).is_file():
            print(f"{r['id']}: main file {r['main_file']!r} is not in {r['repo']}@{r['commit'][:10]}", file=sys.stderr)
            failed += 1
            continue
        marker.write_text(r["commit"] + "\n")
        print(f"{r['id']}: {written} files" + (f", {skipped} skipped" if skipped else ""))
    if failed:
        print(f"{failed} of {len(rows)} papers could not be built", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
