"""Rule data files: valid, unique, documented, matched 1:1 with checks, examples that behave."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from paperlint.checks import BUILTIN, CHECKS
from paperlint.config import Settings
from paperlint.engine import lint_path
from paperlint.registry import CODE, NAME, load_rules

RULES = load_rules()
FIXTURES = Path(__file__).parent / "fixtures"


def test_codes_and_names_are_well_formed_and_unique():
    names = set()
    for code, rule in RULES.items():
        assert CODE.match(code), code
        assert NAME.match(rule.name), rule.name
        assert rule.name not in names
        names.add(rule.name)
        assert rule.path.name.startswith(f"{code}-{rule.name}"), rule.path.name
        assert rule.path.parent.name == code[:2]


@pytest.mark.parametrize("code", list(RULES))
def test_rule_is_documented(code):
    rule = RULES[code]
    assert len(rule.what) > 40 and len(rule.why) > 80
    assert rule.summary and len(rule.summary) <= 100
    assert rule.source.get("title") and rule.source.get("url", "").startswith("https://")
    assert rule.source.get("section")
    assert rule.examples.get("good") or rule.examples.get("bad")


def test_checks_match_rule_files_one_to_one():
    python_rules = {c for c, r in RULES.items() if r.kind == "python"}
    checks = [c.code for c in CHECKS]
    assert len(checks) == len(set(checks)), "a code is registered twice"
    assert set(checks) == python_rules
    assert {c for c, r in RULES.items() if r.kind == "builtin"} == set(BUILTIN)


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_has_a_fixture_folder(code):
    folder = FIXTURES / code
    assert folder.is_dir() and any(folder.iterdir()), f"tests/fixtures/{code} is missing"


def _examples():
    for code, rule in RULES.items():
        for kind in ("bad", "good"):
            for i, text in enumerate(rule.examples.get(kind, [])):
                yield pytest.param(code, kind, text, id=f"{code}-{kind}-{i}")


@pytest.mark.parametrize("code,kind,text", list(_examples()))
def test_examples_behave(tmp_path, code, kind, text):
    """Every bad example fires its rule; every good example stays silent."""
    suffix = ".md" if text.lstrip().startswith(("#", "---")) else ".tex"
    path = tmp_path / f"example{suffix}"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "paperlint.toml").write_text("")
    select = [code, "ST140"] if code == "PL100" else [code]
    result = lint_path(path, Settings(select=select))
    fired = [d for d in result.diagnostics if d.code == code]
    if kind == "bad":
        assert fired, f"{code} bad example did not fire"
    else:
        assert not fired, f"{code} good example fired: {[d.message for d in fired]}"


def test_rules_cli_lists_every_rule():
    from click.testing import CliRunner

    from paperlint.cli import main

    out = CliRunner().invoke(main, ["rules"]).output
    for code in RULES:
        assert re.search(rf"^{code}\s", out, re.M)


def test_readme_rules_table_is_current():
    from paperlint.docs import BEGIN, END, rules_table

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    inside = readme.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert inside == rules_table(), "run `python scripts/update_readme.py`"


def test_rule_index_is_current_and_equals_the_toml_files():
    """rules/index.json must match the rule files: run `python scripts/update_rule_index.py`."""
    import json
    import tomllib
    from pathlib import Path

    from paperlint.registry import INDEX, _digest, _rule_files

    rules = Path(__file__).resolve().parents[1] / "rules"
    _, blobs = _rule_files(rules)
    saved = json.loads((rules / INDEX).read_text(encoding="utf-8"))
    assert saved["digest"] == _digest(blobs), "run `python scripts/update_rule_index.py`"
    assert saved["rules"] == {name: tomllib.loads(data.decode()) for name, data in blobs}
    latex = (rules / "latex.toml").read_bytes()
    assert saved["latex"]["digest"] == _digest([("latex.toml", latex)]), "run `python scripts/update_rule_index.py`"
    assert saved["latex"]["latex"]["latex.toml"] == tomllib.loads(latex.decode())


def test_the_reader_tables_come_from_the_index_or_the_toml(tmp_path):
    import shutil
    import tomllib

    from paperlint.registry import latex_table, write_index

    rules = Path(__file__).resolve().parents[1] / "rules"
    shutil.copy(rules / "latex.toml", tmp_path / "latex.toml")
    write_index(tmp_path)
    assert latex_table(tmp_path) == tomllib.loads((rules / "latex.toml").read_text(encoding="utf-8"))
    p = tmp_path / "latex.toml"
    p.write_text(p.read_text(encoding="utf-8") + '\n[macros.mytestmacro]\nargs = "m"\n', encoding="utf-8")
    assert "mytestmacro" in latex_table(tmp_path)["macros"]     # an edited file is read as TOML


def test_a_stale_index_is_ignored(tmp_path):
    import shutil

    from paperlint.registry import load_rules, write_index

    rules = Path(__file__).resolve().parents[1] / "rules"
    shutil.copytree(rules / "EV", tmp_path / "EV")
    write_index(tmp_path)
    p = tmp_path / "EV" / "EV108-effect-size-vs-test.toml"
    p.write_text(p.read_text(encoding="utf-8").replace('severity = "warning"', 'severity = "error"', 1), encoding="utf-8")
    assert str(load_rules(tmp_path)["EV108"].severity) == "error"
