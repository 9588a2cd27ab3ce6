"""Where a short lint's start-up goes: regular expressions compiled, and how many a draft uses.

    python bench/startup.py [DRAFT]        # default: a one-page LaTeX draft written to a temp dir

Prints the number of module-level patterns paperlint defines, what compiling all of them
costs, and how many the draft actually uses (their compile cost), then the import and lint
times of this process. Patterns are compiled lazily (paperlint/lazyre.py); this script
compiles each one eagerly once to time it. For whole-process timings use farm-bench (see
bench/README.md).
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ONE_PAGE = ("\\documentclass{article}\n\\begin{document}\n\\begin{abstract}\nWe study X. It works.\n\\end{abstract}\n"
            "\\section{Introduction}\nHello world, this is a short draft.\n\\end{document}\n")


def main() -> int:
    t0 = time.perf_counter()
    from paperlint import lazyre

    made: list[lazyre.LazyPattern] = []
    original = lazyre.compile

    def recording(pattern, flags=0):
        p = original(pattern, flags)
        made.append(p)
        return p

    lazyre.compile = recording
    import paperlint.checks  # noqa: F401  (defines the rules' patterns)
    import paperlint.cli  # noqa: F401
    from paperlint.config import Settings
    from paperlint.engine import lint_path

    t1 = time.perf_counter()
    if len(sys.argv) > 1:
        draft = Path(sys.argv[1])
    else:
        draft = Path(tempfile.mkdtemp()) / "one.tex"
        draft.write_text(ONE_PAGE, encoding="utf-8")
    lint_path(draft, Settings(), draft.parent)
    t2 = time.perf_counter()
    used = [p for p in made if "compiled" in p.__dict__]
    import re

    def cost(p) -> float:
        re.purge()
        t = time.perf_counter()
        re.compile(*p._args)
        return time.perf_counter() - t

    all_cost = sum(cost(p) for p in made)
    used_cost = sum(cost(p) for p in used)
    print(f"draft: {draft}")
    print(f"module-level patterns: {len(made)}, compiling all: {all_cost * 1000:.1f} ms")
    print(f"used by this draft: {len(used)}, compiling those: {used_cost * 1000:.1f} ms")
    print(f"import (lazy patterns): {(t1 - t0) * 1000:.1f} ms; first lint: {(t2 - t1) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
