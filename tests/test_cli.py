"""The command-line contract: exit codes, JSON schema, configuration, bad input."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from cli_helpers import run_cli

GOOD = """\\documentclass{article}
\\begin{document}
\\begin{abstract}
We count edges.
\\end{abstract}
\\section{Introduction}
Graphs matter. Our contributions are:
\\begin{itemize}
\\item We propose a method.
\\item We prove a bound.
\\end{itemize}
\\section{Experiments}
It works.
\\section{Limitations}
Small graphs only.
\\end{document}
"""
BAD = GOOD.replace("It works.", "It works. TODO add table.")


def run(args, cwd):
    return run_cli(args, cwd)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "paperlint.toml").write_text("")
    (tmp_path / "good.tex").write_text(GOOD)
    (tmp_path / "bad.tex").write_text(BAD)
    return tmp_path


def test_exit_codes(project):
    assert run(["good.tex"], project).exit_code == 0
    r = run(["bad.tex"], project)
    assert r.exit_code == 1 and "bad.tex:13:11: ST140 [warning]" in r.output
    assert run(["bad.tex", "--fail-on", "error"], project).exit_code == 0
    r = run(["missing.tex"], project)
    assert r.exit_code == 2 and "missing.tex: no such file or directory" in r.output
    assert "All clear" not in r.output   # nothing was linted: no verdict on it
    r = run(["good.tex", "missing.tex"], project)
    assert r.exit_code == 2 and "in 1 document." in r.output
    assert run(["bad.tex", "--select", "NOPE"], project).exit_code == 2
    assert run([], project).exit_code == 2


def test_json_schema(project):
    r = run(["bad.tex", "--format", "json"], project)
    data = json.loads(r.output)
    assert data["schema_version"] == "1.0"
    (d,) = data["diagnostics"]
    for key in ("code", "name", "severity", "message", "file", "line", "column", "end_line", "end_column", "url", "docs"):
        assert key in d
    assert (d["code"], d["name"], d["severity"], d["file"], d["line"], d["column"], d["end_line"], d["end_column"]) == (
        "ST140", "draft-marker", "warning", "bad.tex", 13, 11, 13, 15)
    assert d["docs"] == "paperlint rule ST140"
    assert data["summary"] == {"error": 0, "warning": 1, "info": 0}


def test_select_ignore_by_code_name_prefix(project):
    assert run(["bad.tex", "--ignore", "ST140"], project).exit_code == 0
    assert run(["bad.tex", "--ignore", "draft-marker"], project).exit_code == 0
    assert run(["bad.tex", "--ignore", "ST"], project).exit_code == 0
    assert run(["bad.tex", "--select", "ST1"], project).exit_code == 1


def test_config_from_pyproject(project):
    (project / "paperlint.toml").unlink()
    (project / "pyproject.toml").write_text('[tool.paperlint]\nignore = ["ST140"]\n[tool.paperlint.severity]\nST110 = "info"\n')
    assert run(["bad.tex"], project).exit_code == 0
    (project / "pyproject.toml").write_text('[tool.paperlint]\nignore = ["ST140"]\ncolour = true\n')
    r = run(["bad.tex"], project)
    assert r.exit_code == 2 and "unknown key colour" in r.output


def test_config_severity_and_per_file_ignores(project):
    (project / "paperlint.toml").write_text('[severity]\ndraft-marker = "info"\n[per-file-ignores]\n"other*.tex" = ["ST"]\n')
    r = run(["bad.tex", "--format", "json"], project)
    assert r.exit_code == 0 and json.loads(r.output)["diagnostics"][0]["severity"] == "info"
    (project / "other.tex").write_text(BAD)
    assert json.loads(run(["other.tex", "--format", "json"], project).output)["diagnostics"] == []
    assert run(["bad.tex", "--quiet"], project).output == ""


def test_rule_options_are_validated(project):
    (project / "paperlint.toml").write_text('[rules.draft-marker]\nempty-sections = "yes"\n')
    r = run(["bad.tex"], project)
    assert r.exit_code == 2 and "must be of type bool" in r.output
    (project / "paperlint.toml").write_text('[rules.ST140]\nno-such-option = 1\n')
    assert "unknown option" in run(["bad.tex"], project).output


def test_directory_finds_roots_only(project):
    (project / "chapter.tex").write_text("\\section{X}\nTODO\n")
    (project / "README.md").write_text("# readme\n\nTODO\n")
    r = run([".", "--format", "json"], project)
    roots = sorted(x["file"] for x in json.loads(r.output)["roots"])
    assert roots == ["bad.tex", "good.tex"]


def test_bad_inputs_give_clear_errors_and_no_traceback(project):
    (project / "bin.tex").write_bytes(b"\x00\x01\x02binary")
    (project / "empty.tex").write_text("")
    (project / "latin.tex").write_bytes(GOOD.replace("Graphs", "Caf\xe9 graphs").encode("latin-1"))
    r = run(["bin.tex"], project)
    assert r.exit_code == 2 and "binary" in r.output
    assert run(["empty.tex"], project).exit_code == 0
    r = run(["latin.tex", "--format", "json"], project)
    assert [d["code"] for d in json.loads(r.output)["diagnostics"]] == ["PL003"]


def test_never_writes_to_the_draft(project):
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in project.iterdir()}
    run(["bad.tex", "good.tex", "--format", "json"], project)
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in project.iterdir()}
    assert before == after


def test_subprocess_entry_point_has_no_traceback(project):
    (project / "broken.tex").write_text("\\documentclass{article}\n\\begin{document}\n{{{ \\begin{x} $ \\end{y} }\n")
    p = subprocess.run([sys.executable, "-m", "paperlint", "broken.tex", "--format", "json"], cwd=project, capture_output=True, text=True)
    assert "Traceback" not in p.stderr and p.returncode == 1
    codes = {d["code"] for d in json.loads(p.stdout)["diagnostics"]}
    assert "PL001" in codes


def test_rule_command(project):
    r = run(["rule", "ST110"], project)
    assert r.exit_code == 0 and "## Why is this bad?" in r.output and "Nanda" in r.output
    assert run(["rule", "contributions-missing"], project).exit_code == 0
    assert run(["rule", "XX999"], project).exit_code == 2
    data = json.loads(run(["rules", "--format", "json"], project).output)
    assert {"code", "name", "severity", "summary", "source", "options"} <= set(data[0])


def test_invalid_pyproject_is_refused_not_ignored(project):
    (project / "paperlint.toml").unlink()
    (project / "pyproject.toml").write_text('[tool.paperlint]\nignore = ["ST140"\nselect = 3\n')
    r = run(["bad.tex"], project)
    assert r.exit_code == 2 and "pyproject.toml: not valid TOML" in r.output and "line 3" in r.output
    # a broken pyproject.toml that is not about paperlint is someone else's: it is passed over
    (project / "pyproject.toml").write_text('[build-system]\nrequires = [\n')
    assert run(["bad.tex"], project).exit_code == 1


def test_invalid_paperlint_toml_is_refused(project):
    (project / "paperlint.toml").write_text("ignore = [\n")
    r = run(["bad.tex"], project)
    assert r.exit_code == 2 and "paperlint.toml: not valid TOML" in r.output
    (project / "paperlint.toml").write_bytes('ignore = ["ST140"]  # caf\u00e9\n'.encode("latin-1"))
    r = run(["bad.tex"], project)
    assert r.exit_code == 2 and "paperlint.toml: not valid TOML" in r.output and "Traceback" not in r.output


def test_an_edited_configuration_is_read_again(project):
    """The parsed configuration is kept between runs only while the file is unchanged."""
    (project / "paperlint.toml").write_text('ignore = ["ST140"]\n', encoding="utf-8")
    first = run(["--format", "json", "bad.tex"], project)
    (project / "paperlint.toml").write_text('ignore = ["XX"]\n', encoding="utf-8")
    assert run(["--format", "json", "bad.tex"], project).exit_code == 2      # the new, wrong selector is seen
    (project / "paperlint.toml").write_text("", encoding="utf-8")
    again = run(["--format", "json", "bad.tex"], project)
    codes = lambda r: {d["code"] for d in json.loads(r.output)["diagnostics"]}  # noqa: E731
    assert "ST140" not in codes(first) and "ST140" in codes(again)


def test_input_through_a_symlink_out_of_the_root_says_so(tmp_path):
    root, outside = tmp_path / "paper", tmp_path / "elsewhere"
    root.mkdir()
    outside.mkdir()
    (root / "paperlint.toml").write_text("")
    (outside / "secret.tex").write_text("Not ours.\n")
    (root / "part.tex").symlink_to(outside / "secret.tex")
    (root / "main.tex").write_text(GOOD.replace("It works.", "It works.\n\\input{part}"))
    r = run(["--format", "json", "main.tex"], root)
    msgs = [d["message"] for d in json.loads(r.stdout)["diagnostics"] if d["code"] == "PL002"]
    assert len(msgs) == 1 and "symbolic link" in msgs[0] and "outside the project root" in msgs[0]


def test_output_is_written_whole_and_never_over_a_draft(project):
    r = run(["bad.tex", "--output", "report.txt"], project)
    assert r.exit_code == 1 and "ST140" in (project / "report.txt").read_text()
    assert not [p for p in project.iterdir() if p.name.endswith(".tmp")]  # the temporary file was renamed into place
    before = (project / "bad.tex").read_bytes()
    r = run(["bad.tex", "--output", "bad.tex"], project)
    assert r.exit_code == 2 and "was not written" in r.output and (project / "bad.tex").read_bytes() == before


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(cwd), "PATH": "/usr/bin:/bin"})


@pytest.fixture
def repo(tmp_path):
    if subprocess.run(["git", "--version"], capture_output=True).returncode != 0:
        pytest.skip("git is not installed")
    (tmp_path / "paperlint.toml").write_text("")
    (tmp_path / "paper").mkdir()
    (tmp_path / "paper" / "main.tex").write_text(BAD.replace("It works. TODO add table.", "It works. TODO add table.\n\nA second paragraph. FIXME wording."))
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "draft")
    return tmp_path


def _codes_lines(r):
    return sorted((d["code"], d["line"]) for d in json.loads(r.stdout)["diagnostics"])


def test_diff_base_reports_only_what_the_change_introduced(repo):
    main = repo / "paper" / "main.tex"
    assert _codes_lines(run(["--format", "json", "--diff-base", "HEAD", "paper/main.tex"], repo)) == []
    # an edit above the old findings moves them; a paragraph moved elsewhere stays old; a new TODO is new
    text = main.read_text()
    text = text.replace("Graphs matter.", "Graphs matter a lot.\nNew words here.")
    text = text.replace("\nA second paragraph. FIXME wording.\n", "\n")
    text = text.replace("\\section{Limitations}", "A second paragraph. FIXME wording.\n\nAnother TODO appears.\n\\section{Limitations}")
    main.write_text(text)
    r = run(["--format", "json", "--diff-base", "HEAD", "paper/main.tex"], repo)
    assert r.exit_code == 1
    new = json.loads(r.stdout)["diagnostics"]
    assert [(d["code"], d["line"]) for d in new] == [("ST140", text[: text.index("Another TODO")].count("\n") + 1)]
    # a document-level finding that the change caused: the Limitations section is deleted
    main.write_text(text[: text.index("\\section{Limitations}")] + "\\end{document}\n")
    codes = {c for c, _ in _codes_lines(run(["--format", "json", "--diff-base", "HEAD", "paper/main.tex"], repo))}
    assert "ST120" in codes or "ST121" in codes
    assert not (repo / "paper" / "main.tex").read_text().count("Small graphs only")  # the work tree was never touched


def test_diff_base_errors(repo, tmp_path_factory):
    r = run(["--diff-base", "no-such-ref", "paper/main.tex"], repo)
    assert r.exit_code == 2 and "unknown git revision" in r.output
    outside = tmp_path_factory.mktemp("plain")
    (outside / "paperlint.toml").write_text("")
    (outside / "bad.tex").write_text(BAD)
    r = run(["--diff-base", "HEAD", "bad.tex"], outside)
    assert r.exit_code == 2 and "not inside a git repository" in r.output


def test_diff_base_new_file_is_all_new(repo):
    (repo / "paper" / "other.tex").write_text(BAD)
    r = run(["--format", "json", "--diff-base", "HEAD", "paper/other.tex"], repo)
    assert ("ST140", BAD[: BAD.index("TODO")].count("\n") + 1) in _codes_lines(r)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "html"])
def test_parallel_run_gives_the_serial_output(tmp_path, fmt):
    import shutil
    from pathlib import Path

    samples = Path(__file__).resolve().parents[1] / "sample_papers"
    shutil.copytree(samples, tmp_path / "papers")
    (tmp_path / "paperlint.toml").write_text("")
    serial = run(["-j", "1", "--no-color", "--format", fmt, "papers"], tmp_path)
    parallel = run(["-j", "2", "--no-color", "--format", fmt, "papers"], tmp_path)
    assert serial.exit_code == parallel.exit_code == 1
    assert parallel.output == serial.output
    if fmt == "json":
        assert len(json.loads(serial.output)["roots"]) == 4
