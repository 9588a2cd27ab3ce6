#!/usr/bin/env python3
"""Rebuild bench/venues/papers/<id>/ from the git mirrors listed in MANIFEST.tsv.

Each row names a GitHub repository and a commit. The mirror of that repository must already be
on this machine as a bare git directory at /work/.mirror/<owner>+<name>/repo (or
/work/.mirror/<owner>+<name>); this script does not download anything. For each row it runs
`git archive <commit>` and unpacks the tree into papers/<id>/ (replacing what was there).

    python bench/venues/build.py            # every paper
    python bench/venues/build.py ID ...     # only these
    MIRRORS=/elsewhere python bench/venues/build.py
"""
import csv
import io
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MIRRORS = Path(os.environ.get("MIRRORS", "/work/.mirror"))


def git_dir(repo: str) -> Path | None:
    base = MIRRORS / repo.replace("/", "+")
    for cand in (base / "repo", base):
        if (cand / "HEAD").exists() or (cand / "objects").is_dir():
            return cand
    return None


def build(row: dict, dest_root: Path) -> str:
    gd = git_dir(row["repo"])
    if gd is None:
        return f"{row['id']}: no mirror of {row['repo']} under {MIRRORS} (fetch it first)"
    dest = dest_root / row["id"]
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    git = ["git", f"--git-dir={gd}"]
    data = subprocess.run(git + ["archive", "--format=tar", row["commit"]], capture_output=True)
    skipped = 0
    if data.returncode == 0:
        with tarfile.open(fileobj=io.BytesIO(data.stdout)) as tar:
            tar.extractall(dest, filter="data")
    else:
        # Snapshots lack files of 4 MiB and more (and LFS content): git archive then fails on
        # the first missing blob. Copy the tree blob by blob and skip the ones that are absent.
        listing = subprocess.run(git + ["ls-tree", "-r", "-z", row["commit"]], capture_output=True, check=True)
        for entry in listing.stdout.split(b"\0"):
            if not entry:
                continue
            meta, path = entry.split(b"\t", 1)
            mode, kind, sha = meta.split()
            if kind != b"blob" or mode == b"120000":
                continue
            rel = Path(path.decode("utf-8", "surrogateescape"))
            if rel.is_absolute() or ".." in rel.parts:
                continue
            blob = subprocess.run(git + ["cat-file", "blob", sha.decode()], capture_output=True)
            if blob.returncode:
                skipped += 1
                continue
            out = dest / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(blob.stdout)
    main = dest / row["main_file"]
    note = f" ({skipped} files absent from the mirror)" if skipped else ""
    return f"{row['id']}: ok{note}" + ("" if main.exists() else f" (WARNING: {row['main_file']} missing)")


def main(argv: list[str]) -> int:
    with open(HERE / "MANIFEST.tsv", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    want = set(argv)
    dest_root = HERE / "papers"
    bad = 0
    for row in rows:
        if want and row["id"] not in want:
            continue
        msg = build(row, dest_root)
        bad += not msg.split(" (")[0].endswith(": ok") or "WARNING" in msg
        print(msg)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
