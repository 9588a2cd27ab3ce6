"""--diff-base REF: report only the findings a change introduced since the git revision REF.

REF's version of the project is read with git (``git archive``) into a temporary folder,
never checked out over the work tree; the same documents are linted there with the same
settings, and every finding whose baseline fingerprint (rule, file path relative to the
project root, flagged text and its context) also exists at REF is dropped. So an old
finding on an edited or moved line stays quiet, and a finding the change caused (a
document-level one too: the Limitations section deleted) is reported.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path


class DiffBaseError(Exception):
    pass


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise DiffBaseError("--diff-base needs git, which is not installed") from None


def repository(cwd: Path) -> Path:
    out = _git(["rev-parse", "--show-toplevel"], cwd)
    if out.returncode != 0:
        raise DiffBaseError(f"--diff-base: {cwd} is not inside a git repository")
    return Path(out.stdout.decode().strip()).resolve()


def resolve(ref: str, top: Path) -> str:
    if not ref or ref.startswith("-"):
        raise DiffBaseError(f"--diff-base: {ref!r} is not a git revision")
    out = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top)
    if out.returncode != 0:
        raise DiffBaseError(f"--diff-base: unknown git revision {ref!r}")
    return out.stdout.decode().strip()


def known_at(ref: str, roots: list[Path], settings, cwd: Path) -> set[tuple[str, str]]:
    """(code, fingerprint) of every finding the given roots had at revision `ref`."""
    from .baseline import fingerprints
    from .engine import lint_path

    top = repository(cwd)
    commit = resolve(ref, top)
    archive = _git(["archive", "--format=tar", commit], top)
    if archive.returncode != 0:
        raise DiffBaseError(f"--diff-base: git archive {ref} failed: {archive.stderr.decode(errors='replace').strip()}")
    tmp = Path(tempfile.mkdtemp(prefix="paperlint-base-"))
    try:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            try:
                tar.extractall(tmp, filter="data")
            except TypeError:  # Python without extraction filters
                tar.extractall(tmp)
        (tmp / ".git").mkdir(exist_ok=True)  # the project root sits where it does in the work tree
        old = []
        for root in roots:
            try:
                rel = root.resolve().relative_to(top)
            except ValueError:
                continue  # outside the repository: nothing at REF to compare with
            then = tmp / rel
            if then.is_file():
                res = lint_path(then, settings, tmp)
                if res.document is not None:
                    old.append(res)
        return {(d.code, fp) for d, fp in fingerprints(old)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
