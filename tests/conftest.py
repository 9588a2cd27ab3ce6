import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

SHARED = HERE.parent.parent / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture
def corpus():
    if not (CORPUS / "MANIFEST.tsv").is_file():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch):
    """Tests expect the default text output even when the suite itself runs under GitHub Actions."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture(autouse=True)
def _private_cache(monkeypatch, tmp_path_factory):
    """Figure analysis caches results under XDG_CACHE_HOME: keep the tests' cache out of the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


@pytest.fixture
def lab(tmp_path):
    """A copy of examples/lab-style (a .vale.ini and five Vale rules) in a project of its own."""
    import shutil

    dest = tmp_path / "lab"
    shutil.copytree(HERE.parent / "examples" / "lab-style", dest)
    (dest / ".git").mkdir()
    return dest
