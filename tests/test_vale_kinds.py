"""Vale rule kinds and configuration on LaTeX and Markdown: discovery, selection, suppression,
comment controls, severities, exact positions, and no cost when no Vale style is configured."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

LAB = Path(__file__).resolve().parent.parent / "examples" / "lab-style"




def lint(path: Path, **kw):
    import paperlint

    return paperlint.lint(path, cwd=path.parent, **kw)


def vale_codes(report) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in report.diagnostics if "." in d.code]


EXPECTED = [(3, 10, "Lab.Headings"), (4, 1, "Lab.Hedging"), (4, 11, "Lab.Acronyms"), (6, 4, "Lab.WordChoice"),
            (7, 1, "Lab.WordChoice"), (7, 40, "Lab.WordChoice"), (11, 5, "Lab.Spelling")]


def test_lab_style_from_vale_ini(lab):
    report = lint(lab / "paper.tex")
    assert vale_codes(report) == EXPECTED
    sev = {d.code: str(d.severity) for d in report.diagnostics}
    assert sev["Lab.WordChoice"] == "info" and sev["Lab.Hedging"] == "warning"   # suggestion -> info
    text = (lab / "paper.tex").read_text()
    lines = text.splitlines()
    for d in report.diagnostics:
        if d.code in ("Lab.WordChoice", "Lab.Hedging", "Lab.Spelling", "Lab.Acronyms"):
            assert text[d.start:d.end] == lines[d.line - 1][d.column - 1 : d.end_column - 1]
    assert text[report.diagnostics[[d.code for d in report.diagnostics].index("Lab.Acronyms")].start:][:3] == "GNN"


def test_select_and_ignore_by_style_and_rule(lab):
    only = lint(lab / "paper.tex", select="Lab")
    assert {d.code.split(".")[0] for d in only.diagnostics} == {"Lab"}
    fewer = lint(lab / "paper.tex", select="Lab", ignore="Lab.WordChoice")
    assert "Lab.WordChoice" not in {d.code for d in fewer.diagnostics}
    with pytest.raises(ValueError):
        lint(lab / "paper.tex", select="Lab.NoSuchRule")


def test_same_keys_under_tool_paperlint_vale(lab):
    (lab / ".vale.ini").unlink()
    (lab / "paperlint.toml").write_text(
        'select = ["Lab"]\n[vale]\nStylesPath = "styles"\nMinAlertLevel = "warning"\nVocab = ["Lab"]\n'
        '[vale."*.{md,tex}"]\nBasedOnStyles = ["Lab"]\n"Lab.Headings" = "error"\n', encoding="utf-8")
    report = lint(lab / "paper.tex")
    got = {(d.line, d.code): str(d.severity) for d in report.diagnostics}
    assert got[(3, "Lab.Headings")] == "error"                      # Style.Rule = level
    assert not any(code == "Lab.WordChoice" for _, code in got)     # suggestions under MinAlertLevel


def test_rule_off_per_glob_and_vale_comments(lab):
    (lab / "supplement.tex").write_text((lab / "paper.tex").read_text(), encoding="utf-8")
    report = lint(lab / "supplement.tex")
    assert "Lab.Acronyms" not in {d.code for d in report.diagnostics}   # [supplement.tex] Lab.Acronyms = NO
    # the paper's own `% vale Lab.Hedging = NO` region hides the reviewer quote on line 9
    assert (9, 1, "Lab.Hedging") not in vale_codes(lint(lab / "paper.tex"))
    draft = lab / "paper.tex"
    draft.write_text(draft.read_text().replace("Arguably, GNN", "% vale off\nArguably, GNN").replace(
        "We utilize", "% vale on\nWe utilize"), encoding="utf-8")
    codes = {d.code for d in lint(draft).diagnostics}
    assert "Lab.Hedging" not in codes and "Lab.WordChoice" in codes


def test_paperlint_suppression_names_a_vale_rule(lab):
    draft = lab / "paper.tex"
    draft.write_text(draft.read_text().replace("scale poorly.", "scale poorly. % paperlint: ignore[Lab.Hedging]"),
                     encoding="utf-8")
    report = lint(draft)
    assert (4, 1, "Lab.Hedging") not in vale_codes(report)
    assert "PL100" not in {d.code for d in report.diagnostics}


def test_markdown_comments_and_vocabulary(lab):
    md = lab / "notes.md"
    md.write_text("---\ntitle: Notes\n---\n\n# Results On Cora\n\nWe utilize pytorch here.\n\n"
                  "<!-- vale off -->\n\nWe utilize it again.\n\n<!-- vale on -->\n\n"
                  "<!-- vale Lab.WordChoice = NO -->\n\nWe utilize it once more. This is obviously fine.\n", encoding="utf-8")
    (lab / ".vale.ini").write_text((lab / ".vale.ini").read_text().replace("BasedOnStyles = Lab", "BasedOnStyles = Lab, Vale"))
    got = [(d.line, d.code, d.message) for d in lint(md).diagnostics if "." in d.code]
    assert (7, "Lab.WordChoice", "Write 'use' rather than 'utilize'.") in got
    assert (7, "Vale.Terms", "Use 'PyTorch' instead of 'pytorch'.") in got        # accept.txt
    assert (17, "Vale.Avoid", "Avoid using 'obviously'.") in got                  # reject.txt
    assert not any(line in (11, 17) and code == "Lab.WordChoice" for line, code, _ in got)
    assert (5, "Lab.Headings", "'Results On Cora' should be in sentence case.") in got


def test_json_and_sarif_carry_vale_codes(lab):
    out = subprocess.run([sys.executable, "-m", "paperlint", "paper.tex", "--select", "Lab", "--format", "json"],
                         cwd=lab, capture_output=True, text=True)
    data = json.loads(out.stdout)
    assert [d["code"] for d in data["diagnostics"]][:2] == ["Lab.Headings", "Lab.Hedging"]
    assert data["diagnostics"][1]["url"] == "https://example.org/lab-handbook#hedging"
    sarif = json.loads(subprocess.run([sys.executable, "-m", "paperlint", "paper.tex", "--select", "Lab", "--format", "sarif"],
                                      cwd=lab, capture_output=True, text=True).stdout)
    ids = {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert {"Lab.Hedging", "Lab.Headings"} <= ids


def test_no_vale_style_no_vale_machinery_import(tmp_path):
    """paperlint's own word lists (RD103, CL104, ST140) are kinds, so the kinds core loads on every
    run; the Vale configuration, its engine and PyYAML load only when a Vale style is configured."""
    draft = tmp_path / "draft.tex"
    draft.write_text("\\documentclass{article}\\begin{document}\\section{Intro}Text.\\end{document}\n")
    (tmp_path / ".git").mkdir()
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "paperlint", str(draft)], cwd=tmp_path,
                         capture_output=True, text=True, env=env)
    modules = {line.split("|")[-1].strip() for line in out.stderr.splitlines() if "|" in line}
    assert "paperlint.kinds.existence" in modules and "paperlint.kinds.tokens" in modules
    assert not modules & {"paperlint.kinds.config", "paperlint.kinds.engine", "yaml"}


def test_broken_vale_config_is_a_configuration_error(lab):
    (lab / ".vale.ini").write_text("StylesPath = styles\n[*]\nBasedOnStyles = Missing\n")
    out = subprocess.run([sys.executable, "-m", "paperlint", "paper.tex"], cwd=lab, capture_output=True, text=True)
    assert out.returncode == 2 and "style 'Missing' not found" in out.stderr


@pytest.mark.parametrize("pattern, text, found", [
    (r"(?-i)NASA|(?i)web site", "the Web Site of nasa and NASA", ["Web Site", "NASA"]),
    (r"\p{Lu}\p{L}+", "see Paris", ["Paris"]),
    (r"(?<year>\d{4})", "in 2024", ["2024"]),
    (r"[[:digit:]]+", "a 42", ["42"]),
])
def test_go_patterns_in_python(pattern, text, found):
    from paperlint.kinds.regex import compile_pattern

    assert [m.group(0) for m in compile_pattern(pattern).finditer(text)] == found


def test_message_formatting_as_go():
    from paperlint.kinds.base import format_message

    assert format_message("Use '%s' instead of '%s'.", "a", "b") == "Use 'a' instead of 'b'."
    assert format_message("Found %d (%s) 100%%", 3) == "Found 3 () 100%"


# -- `paperlint rules` and `paperlint rule Style.Rule` with the project's Vale rules ---------

def _cli(args, cwd):
    from cli_helpers import run_cli

    return run_cli(args, cwd)


LAB_RULES = {  # code: (extends, level, file)
    "Lab.Acronyms": ("conditional", "warning", "styles/Lab/Acronyms.yml"),
    "Lab.Headings": ("capitalization", "suggestion", "styles/Lab/Headings.yml"),
    "Lab.Hedging": ("existence", "warning", "styles/Lab/Hedging.yml"),
    "Lab.Spelling": ("consistency", "warning", "styles/Lab/Spelling.yml"),
    "Lab.WordChoice": ("substitution", "suggestion", "styles/Lab/WordChoice.yml"),
}


def test_rules_lists_the_vale_rules_of_the_project(lab):
    import yaml

    r = _cli(["rules"], lab)
    assert r.exit_code == 0
    head, _, vale = r.output.partition("Vale rules (5, from .vale.ini):\n")
    assert "ST140  draft-marker" in head and vale
    lines = vale.strip().splitlines()
    assert [line.split()[0] for line in lines] == sorted(LAB_RULES)
    for line in lines:
        code, kind, level = line.split()[:3]
        assert (kind, level, line.rsplit("(", 1)[1].rstrip(")")) == LAB_RULES[code]
        message = yaml.safe_load((lab / LAB_RULES[code][2]).read_text(encoding="utf-8"))["message"]
        assert " ".join(message.split()) in line


def test_rules_json_carries_the_vale_rules(lab):
    data = json.loads(_cli(["rules", "--format", "json"], lab).output)
    vale = {d["code"]: d for d in data if "." in d["code"]}
    assert set(vale) == set(LAB_RULES)
    assert all({"code", "name", "severity", "summary", "source", "options"} <= set(d) for d in vale.values())
    for code, (kind, level, path) in LAB_RULES.items():
        v = vale[code]["vale"]
        assert (v["kind"], v["level"], v["file"], v["runs"]) == (kind, level, path, True)
    assert vale["Lab.Hedging"]["vale"]["link"] == "https://example.org/lab-handbook#hedging"
    assert "[supplement.tex] Lab.Acronyms = NO" in vale["Lab.Acronyms"]["vale"]["configured"]
    assert vale["Lab.Headings"]["severity"] == "info"          # Vale's suggestion is paperlint's info


def test_rules_without_a_vale_configuration_lists_paperlint_rules_only(tmp_path):
    (tmp_path / ".git").mkdir()
    data = json.loads(_cli(["rules", "--format", "json"], tmp_path).output)
    assert data and not any("." in d["code"] for d in data)
    assert "Vale rules" not in _cli(["rules"], tmp_path).output


def test_rule_explains_one_vale_rule(lab):
    r = _cli(["rule", "lab.hedging"], lab)          # any case, as --select reads it
    assert r.exit_code == 0
    out = r.output
    assert out.startswith("# Lab.Hedging\n") and "Kind: existence. Level: warning" in out
    assert "File: styles/Lab/Hedging.yml" in out and "Link: https://example.org/lab-handbook#hedging" in out
    assert "'%s' hedges the claim" in out and '`tokens`: ["it could be argued that"' in out and "Runs." in out
    assert _cli(["rule", "Lab.NoSuchRule"], lab).exit_code == 2
    assert _cli(["rule", "ST140"], lab).output.startswith("# ST140 draft-marker")


def test_a_skipped_vale_rule_is_listed_with_the_reason(lab):
    (lab / "styles" / "Lab" / "Tagged.yml").write_text(
        "extends: sequence\nmessage: 'tagged'\ntokens:\n  - tag: NN\n", encoding="utf-8")
    line = next(x for x in _cli(["rules"], lab).output.splitlines() if x.startswith("Lab.Tagged"))
    assert line.split()[1:3] == ["sequence", "suggestion"] and "[not run:" in line
    assert "Does not run:" in _cli(["rule", "Lab.Tagged"], lab).output


def test_rules_and_rule_read_tool_paperlint_vale_with_a_real_package(tmp_path):

    styles = Path(__file__).parent / "data" / "vale" / "packages" / "styles"
    shutil.copytree(styles / "write-good", tmp_path / "styles" / "write-good")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.paperlint.vale]\nStylesPath = "styles"\n[tool.paperlint.vale."*"]\nBasedOnStyles = ["write-good"]\n', encoding="utf-8")
    data = json.loads(_cli(["rules", "--format", "json"], tmp_path).output)
    codes = {d["code"] for d in data if d["code"].startswith("write-good.")}
    assert codes == {f"write-good.{p.stem}" for p in (styles / "write-good").glob("*.yml")}
    out = _cli(["rule", "write-good.Weasel"], tmp_path).output
    assert "Kind: existence" in out and "File: styles/write-good/Weasel.yml" in out
    assert "Vale rules" in _cli(["rules"], tmp_path).output and "[tool.paperlint.vale]" in _cli(["rules"], tmp_path).output
