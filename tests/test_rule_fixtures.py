"""Every rule fixture: each diagnostic expected inline, each expectation met."""
from __future__ import annotations

import pytest

from fixture_harness import FIXTURES, compare, expectations_in, fixture_roots, run_fixture

ROOTS = fixture_roots()


@pytest.mark.parametrize("root", ROOTS, ids=[str(r.relative_to(FIXTURES)) for r in ROOTS])
def test_fixture(root):
    result, expected = run_fixture(root)
    problems = compare(result, expected)
    assert not problems, "\n".join(problems)


def test_every_fixture_folder_has_firing_and_silent_cases():
    from fixture_harness import fixture_code

    by_code: dict[str, list] = {}
    for root in ROOTS:
        by_code.setdefault(fixture_code(root), []).append(root)
    for code, roots in by_code.items():
        firing = [r for r in roots if any(e.code == code for e in _all_expectations(r))]
        silent = [r for r in roots if not any(e.code == code for e in _all_expectations(r))]
        assert firing, f"{code} has no fixture where it fires"
        assert silent, f"{code} has no fixture where it must stay silent"


def _all_expectations(root):
    out = list(expectations_in(root))
    if root.name.startswith("main."):
        for f in root.parent.rglob("*"):
            if f.is_file() and f != root and f.suffix in (".tex", ".md"):
                out.extend(expectations_in(f))
    return out
