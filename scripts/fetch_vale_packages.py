"""Rebuild tests/data/vale/packages/fetched/: the Vale style packages the manifest does not vendor.

    python scripts/fetch_vale_packages.py [--mirror DIR] [--check]

For each ``vendored = false`` entry of tests/data/vale/packages/manifest.toml, the style folder
of ``repo`` at ``commit`` and its LICENSE are copied into ``fetched/<style>/`` (ignored by git).
The repository is read from ``DIR/<owner>+<name>/repo`` (a local git mirror) when ``--mirror``
is given, else cloned from GitHub into a temporary folder. ``--check`` also verifies that each
vendored style folder equals the repository's at its commit (needs the mirror or network).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ROOT / "tests" / "data" / "vale" / "packages"


def git(*args: str, git_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "--git-dir", str(git_dir), *args], capture_output=True, check=True)


def repository(repo: str, commit: str, mirror: Path | None, tmp: Path) -> Path:
    if mirror is not None:
        cand = mirror / repo.replace("/", "+") / "repo"
        if cand.is_dir():
            return cand
    target = tmp / repo.replace("/", "+")
    subprocess.run(["git", "clone", "--quiet", "--bare", f"https://github.com/{repo}", str(target)], check=True)
    return target


def export(git_dir: Path, commit: str, folder: str, dest: Path) -> int:
    names = git("ls-tree", "-r", "--name-only", commit, folder, git_dir=git_dir).stdout.decode().split()
    for name in names:
        out = dest / Path(name).relative_to(folder)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(git("show", f"{commit}:{name}", git_dir=git_dir).stdout)
    return len(names)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mirror", type=Path, default=None, help="folder of git mirrors named owner+name/repo")
    ap.add_argument("--check", action="store_true", help="also compare the vendored styles with their repositories")
    args = ap.parse_args()
    manifest = tomllib.loads((PACKAGES / "manifest.toml").read_text(encoding="utf-8"))["package"]
    fetched = PACKAGES / "fetched"
    with tempfile.TemporaryDirectory() as tmp:
        for pkg in manifest:
            if pkg["vendored"] and not args.check:
                continue
            git_dir = repository(pkg["repo"], pkg["commit"], args.mirror, Path(tmp))
            if pkg["vendored"]:
                fresh = Path(tmp) / "check" / pkg["style"]
                export(git_dir, pkg["commit"], pkg["style"], fresh)
                same = sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file()) == sorted(
                    p.relative_to(PACKAGES / "styles" / pkg["style"]) for p in (PACKAGES / "styles" / pkg["style"]).rglob("*") if p.is_file())
                same = same and all((fresh / p.relative_to(PACKAGES / "styles" / pkg["style"])).read_bytes() == p.read_bytes()
                                    for p in (PACKAGES / "styles" / pkg["style"]).rglob("*") if p.is_file())
                print(f"{pkg['style']}: vendored copy {'matches' if same else 'DIFFERS FROM'} {pkg['repo']}@{pkg['commit'][:10]}")
                continue
            dest = fetched / pkg["style"]
            shutil.rmtree(dest, ignore_errors=True)
            n = export(git_dir, pkg["commit"], pkg["style"], dest)
            (fetched / f"{pkg['style']}-LICENSE").write_bytes(git("show", f"{pkg['commit']}:LICENSE", git_dir=git_dir).stdout)
            print(f"{pkg['style']}: {n} files from {pkg['repo']}@{pkg['commit'][:10]} ({pkg['licence']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
