"""`paperlint server`: a real LSP session over stdio, driven by a small client written here.

The client frames JSON-RPC with Content-Length headers itself and runs the server as
`python -m paperlint server`, as an editor would.
"""
from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

from paperlint.lsp.framing import frame, read_message

import pytest

pytest.importorskip("pygls", reason="paperlint server needs pygls (pip install 'paperlint[lsp]')")

from paperlint.lsp.positions import UTF8, UTF16, UTF32, from_client, to_client  # noqa: E402
from paperlint.lsp.server import comment_start, front_matter_end, line_suppression  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 30.0


class Client:
    """A minimal LSP client: Content-Length framing, requests, notifications, waiting."""

    def __init__(self, cwd: Path, *args: str, quick: bool = False):
        # the quick pass (paperlint.lsp.quick) publishes a first answer to a plain edit before the
        # full lint's; tests that wait for "the diagnostics of version N" turn it off unless they test it
        env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
               "PAPERLINT_LSP_QUICK": "1" if quick else "0"}
        self.proc = subprocess.Popen([sys.executable, "-m", "paperlint", "server", *args], cwd=cwd, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.inbox: queue.Queue = queue.Queue()
        self.notifications: list[dict] = []
        self.stderr: list[bytes] = []
        self._id = 0
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=lambda: self.stderr.extend(iter(self.proc.stderr.readline, b"")), daemon=True).start()

    def _read(self):
        while True:
            msg = read_message(self.proc.stdout)
            self.inbox.put(msg)
            if msg is None:
                return

    def _write(self, msg: dict):
        self.proc.stdin.write(frame(msg))
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict | None = None):
        self._write({"jsonrpc": "2.0", "method": method, "params": params or {}})

    def _next(self, deadline: float) -> dict:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the server did not answer in time; stderr:\n" + b"".join(self.stderr).decode(errors="replace"))
        try:
            msg = self.inbox.get(timeout=left)
        except queue.Empty:
            raise TimeoutError("the server did not answer in time; stderr:\n" + b"".join(self.stderr).decode(errors="replace")) from None
        if msg is None:
            raise EOFError("the server closed its output; stderr:\n" + b"".join(self.stderr).decode(errors="replace"))
        if "method" in msg and "id" in msg:   # a request from the server (e.g. registerCapability)
            self._write({"jsonrpc": "2.0", "id": msg["id"], "result": None})
        elif "method" in msg:
            self.notifications.append(msg)
        return msg

    def request(self, method: str, params: dict | None = None, timeout: float = TIMEOUT):
        self._id += 1
        rid = self._id
        self._write({"jsonrpc": "2.0", "id": rid, "method": method, "params": params or {}})
        deadline = time.monotonic() + timeout
        while True:
            msg = self._next(deadline)
            if msg.get("id") == rid and "method" not in msg:
                assert "error" not in msg, msg
                return msg.get("result")

    def wait_for(self, method: str, predicate=lambda p: True, timeout: float = TIMEOUT) -> dict:
        """The first notification (seen before or arriving now) matching; it is consumed."""
        for i, n in enumerate(self.notifications):
            if n["method"] == method and predicate(n["params"]):
                return self.notifications.pop(i)["params"]
        deadline = time.monotonic() + timeout
        while True:
            msg = self._next(deadline)
            if msg.get("method") == method and "id" not in msg and predicate(msg["params"]):
                self.notifications.remove(msg)
                return msg["params"]

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = TIMEOUT) -> list[dict]:
        ok = (lambda p: p["uri"] == uri and (version is None or p.get("version") == version))
        return self.wait_for("textDocument/publishDiagnostics", ok, timeout)["diagnostics"]

    def initialize(self, root: Path, capabilities: dict | None = None) -> dict:
        result = self.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(),
                                             "capabilities": capabilities or {}, "clientInfo": {"name": "paperlint-test"}})
        self.notify("initialized", {})
        return result

    def open(self, path: Path, text: str, version: int = 1, language: str = "latex"):
        self.notify("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": language, "version": version, "text": text}})

    def change(self, path: Path, version: int, changes: list[dict]):
        self.notify("textDocument/didChange", {"textDocument": {"uri": path.as_uri(), "version": version}, "contentChanges": changes})

    def close(self):
        try:
            if self.proc.poll() is None:
                self.request("shutdown", timeout=10)
                self.notify("exit")
                self.proc.wait(timeout=10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                try:
                    stream.close()
                except OSError:
                    pass


@pytest.fixture
def client_factory():
    clients = []

    def make(cwd: Path, *args: str, quick: bool = False) -> Client:
        c = Client(cwd, *args, quick=quick)
        clients.append(c)
        return c

    yield make
    for c in clients:
        c.close()


EMOJI = "\U0001F600"          # one code point, two UTF-16 units, four UTF-8 bytes
SCRIPT_A = "\U0001D49C"      # MATHEMATICAL SCRIPT CAPITAL A, also outside the BMP
MAIN = f"""\\documentclass{{article}}
\\begin{{document}}
\\begin{{abstract}}
We study a problem. However, nothing is known. We propose a method. It reaches 90\\% accuracy. This matters.
\\end{{abstract}}
\\input{{sections/intro}}
\\section{{Method}}
We write {EMOJI}{SCRIPT_A} TODO here.
\\subsection{{Details}}
More text.
\\begin{{figure}}
\\caption{{Results over time.}}\\label{{fig:results}}
\\end{{figure}}
\\section{{Limitations}}
Our evaluation covers one data set.
\\end{{document}}
"""
INTRO = "\\section{Introduction}\nTODO: motivate the problem.\n"


def project(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "paperlint.toml").write_text("")
    (tmp_path / "sections").mkdir()
    main = tmp_path / "main.tex"
    intro = tmp_path / "sections" / "intro.tex"
    main.write_text("\\documentclass{article}\n\\begin{document}\nOn disk, not in the editor.\n\\end{document}\n")
    intro.write_text(INTRO)
    return main, intro


def by_code(diags: list[dict], code: str) -> list[dict]:
    return [d for d in diags if d.get("code") == code]


def test_lsp_session(tmp_path, client_factory):
    main, intro = project(tmp_path)
    c = client_factory(tmp_path)
    init = c.initialize(tmp_path)
    caps = init["capabilities"]
    assert caps.get("positionEncoding", "utf-16") == "utf-16"
    assert caps["codeActionProvider"] and caps["documentSymbolProvider"]
    assert caps["textDocumentSync"]["openClose"] is True
    assert init["serverInfo"]["name"] == "paperlint"

    # didOpen: diagnostics come from the editor's buffer, not from the file on disk
    c.open(main, MAIN, version=1)
    diags = c.diagnostics(main.as_uri(), version=1)
    todo = by_code(diags, "ST140")
    assert len(todo) == 1, diags
    d = todo[0]
    assert d["source"] == "paperlint" and d["severity"] == 2
    assert d["codeDescription"]["href"].startswith("https://")
    # "We write 😀𝒜 TODO": the finding is at code-point column 12, UTF-16 character 14
    line = MAIN.splitlines()[7]
    assert line.index("TODO") == 12
    assert d["range"] == {"start": {"line": 7, "character": 14}, "end": {"line": 7, "character": 18}}
    # the \input child's finding goes to the child's own URI
    child = c.diagnostics(intro.as_uri())
    assert [(x["code"], x["range"]["start"]) for x in by_code(child, "ST140")] == [("ST140", {"line": 1, "character": 0})]

    # didChange (incremental): remove the TODO; the finding goes away
    c.change(main, 2, [{"range": {"start": {"line": 7, "character": 14}, "end": {"line": 7, "character": 18}}, "text": "done"}])
    diags2 = c.diagnostics(main.as_uri(), version=2)
    assert by_code(diags2, "ST140") == []

    # put it back, ask for quick fixes, apply the line suppression
    c.change(main, 3, [{"range": {"start": {"line": 7, "character": 14}, "end": {"line": 7, "character": 18}}, "text": "TODO"}])
    diags3 = c.diagnostics(main.as_uri(), version=3)
    finding = by_code(diags3, "ST140")[0]
    actions = c.request("textDocument/codeAction", {
        "textDocument": {"uri": main.as_uri()}, "range": finding["range"],
        "context": {"diagnostics": [finding], "triggerKind": 1}})
    titles = [a["title"] for a in actions]
    assert titles == ["Suppress ST140 on this line", "Suppress ST140 in this file"]
    assert all(a["kind"] == "quickfix" for a in actions)
    edit = actions[0]["edit"]["changes"][main.as_uri()][0]
    utf16_len = len(line.encode("utf-16-le")) // 2
    assert edit["range"]["start"] == {"line": 7, "character": utf16_len} == edit["range"]["end"]
    assert edit["newText"] == " % paperlint: ignore[ST140]"
    c.change(main, 4, [{"range": edit["range"], "text": edit["newText"]}])
    diags4 = c.diagnostics(main.as_uri(), version=4)
    assert by_code(diags4, "ST140") == [] and by_code(diags4, "PL100") == []

    # the outline: abstract, sections of this file, the figure under its subsection
    symbols = c.request("textDocument/documentSymbol", {"textDocument": {"uri": main.as_uri()}})
    assert [s["name"] for s in symbols] == ["Abstract", "Method", "Limitations"]
    method = symbols[1]
    assert [s["name"] for s in method["children"]] == ["Details"]
    assert [s["name"] for s in method["children"][0]["children"]] == ["fig:results"]
    assert method["selectionRange"]["start"] == {"line": 6, "character": 0}
    assert method["range"]["end"]["line"] == 13    # up to \section{Limitations}
    child_symbols = c.request("textDocument/documentSymbol", {"textDocument": {"uri": intro.as_uri()}})
    assert [s["name"] for s in child_symbols] == ["Introduction"]

    # shutdown and exit
    assert c.request("shutdown") is None
    c.notify("exit")
    assert c.proc.wait(timeout=10) == 0


def test_child_with_unsaved_edits_is_linted_from_its_buffer(tmp_path, client_factory):
    main, intro = project(tmp_path)
    main.write_text(MAIN)
    c = client_factory(tmp_path)
    c.initialize(tmp_path)
    c.open(main, MAIN, version=1)
    c.diagnostics(main.as_uri(), version=1)
    c.diagnostics(intro.as_uri())
    c.open(intro, INTRO, version=1)
    c.diagnostics(intro.as_uri(), version=1)
    # an unsaved edit moves the TODO: the root is linted with the child's buffer
    c.change(intro, 2, [{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "Some words. "}])
    diags = c.diagnostics(intro.as_uri(), version=2)
    assert [(x["range"]["start"]["line"], x["range"]["start"]["character"]) for x in by_code(diags, "ST140")] == [(1, 12)]
    # whole-document findings about the chapter are still there: it was linted as part of its root
    assert by_code(diags, "ST110")


def test_chapter_opened_alone_is_linted_through_its_root(tmp_path, client_factory):
    pytest.importorskip("paperlint.roots", reason="the root finder (paperlint/roots.py) is not there")
    main, intro = project(tmp_path)
    main.write_text(MAIN)
    c = client_factory(tmp_path)
    c.initialize(tmp_path)
    c.open(intro, INTRO, version=1)
    diags = c.diagnostics(intro.as_uri(), version=1)
    # ST110 judges the introduction against the whole paper: only the root's lint can say it
    assert by_code(diags, "ST110") and by_code(diags, "ST140")
    c.change(intro, 2, [{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 6}}, "text": ""}])
    diags = c.diagnostics(intro.as_uri(), version=2)
    assert by_code(diags, "ST140") == [] and by_code(diags, "ST110")
    symbols = c.request("textDocument/documentSymbol", {"textDocument": {"uri": intro.as_uri()}})
    assert [s["name"] for s in symbols] == ["Introduction"]


def test_markdown_quick_fix_and_utf8_positions(tmp_path, client_factory):
    (tmp_path / "paperlint.toml").write_text("")
    paper = tmp_path / "paper.md"
    text = f"---\ntitle: A paper\n---\n\n# Introduction\n\n{EMOJI} TODO: write this.\n"
    paper.write_text(text)
    c = client_factory(tmp_path)
    init = c.initialize(tmp_path, {"general": {"positionEncodings": ["utf-8"]}})
    assert init["capabilities"]["positionEncoding"] == "utf-8"
    c.open(paper, text, language="markdown")
    diags = c.diagnostics(paper.as_uri(), version=1)
    todo = by_code(diags, "ST140")[0]
    assert todo["range"]["start"] == {"line": 6, "character": 5}   # 4 bytes of emoji and a space
    actions = c.request("textDocument/codeAction", {"textDocument": {"uri": paper.as_uri()}, "range": todo["range"],
                                                   "context": {"diagnostics": [todo]}})
    line_edit = actions[0]["edit"]["changes"][paper.as_uri()][0]
    assert line_edit["newText"] == " <!-- paperlint: ignore[ST140] -->"
    assert line_edit["range"]["start"] == {"line": 6, "character": len(text.splitlines()[6].encode("utf-8"))}
    file_edit = actions[1]["edit"]["changes"][paper.as_uri()][0]
    assert file_edit["range"]["start"] == {"line": 3, "character": 0}   # after the front matter
    assert file_edit["newText"] == "<!-- paperlint: file-ignore[ST140] -->\n"
    # a finding inside the front matter (no abstract, reported at the title) gets only the file-level fix
    st101 = by_code(diags, "ST101")
    if st101 and st101[0]["range"]["start"]["line"] < 3:
        acts = c.request("textDocument/codeAction", {"textDocument": {"uri": paper.as_uri()}, "range": st101[0]["range"],
                                                    "context": {"diagnostics": st101}})
        assert [a["title"] for a in acts] == ["Suppress ST101 in this file"]


def test_relint_of_a_100kb_draft_after_a_one_line_change(tmp_path, client_factory):
    (tmp_path / "paperlint.toml").write_text("")
    parts = ["\\documentclass{article}", "\\begin{document}", "\\begin{abstract}",
             ("Models are costly to train. However, little is known about why. We introduce a method that halves the cost. "
              "It reaches 91.2\\% accuracy on three benchmarks. This suggests cheaper training is possible."), "\\end{abstract}"]
    i = 0
    while sum(len(p) + 1 for p in parts) < 100_000:
        i += 1
        parts.append(f"\\section{{Section {i}}}")
        for j in range(6):
            parts.append(f"Paragraph {j} of section {i} describes the experiment with care, citing prior work~\\cite{{key{j}}} "
                         f"and reporting $x_{j} = {j}.5$ on the held-out split with {EMOJI} symbols. " * 2)
            parts.append("")
    parts += ["\\section{Limitations}", "We test one domain.", "\\end{document}", ""]
    text = "\n".join(parts)
    assert len(text) >= 100_000
    draft = tmp_path / "big.tex"
    draft.write_text(text)
    c = client_factory(tmp_path, "--debounce", "0")
    c.initialize(tmp_path)
    time.sleep(1.0)   # let the background warm-up finish, as it would while the user opens a file
    t0 = time.perf_counter()
    c.open(draft, text)
    first = c.diagnostics(draft.as_uri(), version=1)
    opened = time.perf_counter() - t0
    line = len(parts) // 2
    times = []
    for version in range(2, 5):
        t0 = time.perf_counter()
        c.change(draft, version, [{"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}},
                                   "text": "TODO: one more sentence. "}])
        diags = c.diagnostics(draft.as_uri(), version=version)
        times.append(time.perf_counter() - t0)
    assert len(by_code(diags, "ST140")) == len(by_code(first, "ST140")) + 3   # one TODO per edit
    # the same lint in this process, for comparison: what the rules themselves cost
    from paperlint.config import load_settings
    from paperlint.engine import lint_path

    lines = text.split("\n")
    lines[line] = "TODO: one more sentence. " * 3 + lines[line]
    edited = "\n".join(lines)
    direct = []
    for _ in range(3):
        t0 = time.perf_counter()
        lint_path(draft, load_settings(None), tmp_path, text=edited)
        direct.append(time.perf_counter() - t0)
    print(f"\n100 KB draft ({len(text)} chars): open {opened:.3f} s; re-lint after a one-line change "
          f"{', '.join(f'{t:.3f}' for t in times)} s (edit to publishDiagnostics); "
          f"lint_path alone {min(direct):.3f} s")
    # the server adds little to the lint itself (framing, conversion, publishing); generous,
    # because the server is another process and these machines are shared
    assert min(times) < 1.5 * min(direct) + 0.3, (times, direct)
    # ...and the whole round trip stays under a second when the rules do
    if min(direct) < 0.6:
        assert min(times) < 1.0, times


# -- unit tests of the helpers ----------------------------------------------------------------------
def test_column_conversion():
    line = f"a{EMOJI}b\u00e9c"
    assert [to_client(line, k, UTF16) for k in range(6)] == [0, 1, 3, 4, 5, 6]
    assert [to_client(line, k, UTF8) for k in range(6)] == [0, 1, 5, 6, 8, 9]
    assert [to_client(line, k, UTF32) for k in range(6)] == [0, 1, 2, 3, 4, 5]
    for enc in (UTF8, UTF16, UTF32):
        assert [from_client(line, to_client(line, k, enc), enc) for k in range(6)] == list(range(6))
    assert to_client("abc", 10) == 3


def test_comment_start():
    assert comment_start("text % c") == 5
    assert comment_start(r"50\% of it") is None
    assert comment_start(r"50\\% a comment") == 4
    assert comment_start(r"50\% of it % c") == 11


def test_line_suppression_text():
    assert line_suppression("TODO here", "ST140", False) == (9, " % paperlint: ignore[ST140]")
    assert line_suppression("TODO here   ", "ST140", False) == (9, " % paperlint: ignore[ST140]")
    assert line_suppression("TODO % old note", "ST140", False) == (5, "% paperlint: ignore[ST140] ")
    assert line_suppression("TODO % paperlint: ignore[CL101]", "ST140", False) == (30, ", ST140")
    assert line_suppression("TODO % paperlint: ignore[ST140]", "ST140", False) is None
    assert line_suppression("TODO", "ST140", True) == (4, " <!-- paperlint: ignore[ST140] -->")
    assert line_suppression("TODO <!-- paperlint: ignore[CL101] -->", "ST140", True) == (33, ", ST140")
    assert front_matter_end(["---\n", "title: x\n", "---\n", "text\n"]) == 3
    assert front_matter_end(["# Title\n"]) == 0


def test_suppressions_inserted_by_the_quick_fix_work(tmp_path):
    """Each text the quick fix inserts silences the finding when linted (no PL100 either)."""
    from paperlint.config import load_settings
    from paperlint.engine import lint_path

    settings = load_settings(None)
    cases = [("a.tex", ("\\documentclass{article}\n\\begin{document}\n\\begin{abstract}\nA.\n\\end{abstract}\n"
                        "Text TODO here. % a note\n\\end{document}\n"), 5),
             ("b.md", "---\ntitle: T\n---\n\n# Intro\n\nText TODO here.\n", 6)]
    for name, text, n in cases:
        path = tmp_path / name
        lines = text.split("\n")
        col, insert = line_suppression(lines[n], "ST140", name.endswith(".md"))
        lines[n] = lines[n][:col] + insert + lines[n][col:]
        fixed = "\n".join(lines)
        codes = [d.code for d in lint_path(path, settings, tmp_path, text=fixed).diagnostics]
        assert "ST140" not in codes and "PL100" not in codes, (name, fixed, codes)
        before = [d.code for d in lint_path(path, settings, tmp_path, text=text).diagnostics]
        assert "ST140" in before


def test_server_keeps_serving_a_hostile_client(tmp_path, client_factory):
    (tmp_path / "paperlint.toml").write_text("")
    paper = tmp_path / "paper.tex"
    text = "\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\nWe count.\n\\end{document}\n"
    paper.write_text(text)
    c = client_factory(tmp_path)
    c.initialize(tmp_path)
    # a body that is not JSON, then a request for a method nobody defined
    junk = b"{not json"
    c.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(junk) + junk)
    c.proc.stdin.flush()
    c._id += 1
    c._write({"jsonrpc": "2.0", "id": c._id, "method": "paperlint/noSuchMethod", "params": {}})
    deadline = time.monotonic() + TIMEOUT
    while True:
        msg = c._next(deadline)
        if msg.get("id") == c._id:
            assert msg["error"]["code"] == -32601  # method not found, and the server is still there
            break
    # edits to a document never opened, and edits far outside the document
    ghost = tmp_path / "ghost.tex"
    c.change(ghost, 2, [{"text": "x"}])
    c.change(ghost, 3, [{"range": {"start": {"line": 5, "character": 0}, "end": {"line": 5, "character": 1}}, "text": "y"}])
    c.open(paper, text)
    assert c.diagnostics(paper.as_uri(), 1) is not None
    c.change(paper, 2, [{"range": {"start": {"line": 900, "character": 40}, "end": {"line": 999, "character": 3}}, "text": " TODO"}])
    c.change(paper, 3, [{"range": {"start": {"line": 3, "character": 500}, "end": {"line": 1, "character": 0}}, "text": ""}])
    # fifty rapid edits: the last version's diagnostics arrive, and they see the last edit
    for v in range(4, 54):
        c.change(paper, v, [{"text": text.replace("We count.", f"We count {v}. TODO")}])
    diags = c.diagnostics(paper.as_uri(), 53)
    assert any(d["code"] == "ST140" and d["range"]["start"]["line"] == 3 for d in diags)
    assert c.request("shutdown") is None
    c.notify("exit")
    assert c.proc.wait(timeout=10) == 0


def test_server_settings_read_a_vale_ini_like_the_cli(tmp_path):
    import shutil

    from paperlint.lsp.server import PaperlintServer

    lab = Path(__file__).resolve().parents[1] / "examples" / "lab-style"
    shutil.copytree(lab, tmp_path / "lab")
    (tmp_path / "lab" / "paperlint.toml").write_text("")
    settings = PaperlintServer().settings_for((tmp_path / "lab" / "paper.tex").resolve())
    assert settings.vale is not None


def test_add_word_quick_fix_writes_the_word_list(tmp_path, client_factory):
    """RD105's quick fix appends the word to .paperlint-words (created here) and the next lint
    no longer reports it; the other misspelling stays."""
    (tmp_path / "paperlint.toml").write_text('[tool.paperlint]\nselect = ["RD105"]\n')
    main = tmp_path / "main.tex"
    text = ("\\documentclass{article}\n\\begin{document}\n\\section{Method}\n"
            f"We {EMOJI} zorbify the graphs, then zorbify them again, and recieve nothing.\n\\end{{document}}\n")
    main.write_text(text)
    c = client_factory(tmp_path)
    c.initialize(tmp_path)
    c.open(main, text, version=1)
    diags = by_code(c.diagnostics(main.as_uri(), version=1), "RD105")
    assert sorted(d["message"].split("'")[1] for d in diags) == ["recieve", "zorbify"]
    zorb = next(d for d in diags if "'zorbify'" in d["message"])
    assert zorb["range"] == {"start": {"line": 3, "character": 6}, "end": {"line": 3, "character": 13}}   # UTF-16 units
    actions = c.request("textDocument/codeAction", {"textDocument": {"uri": main.as_uri()}, "range": zorb["range"],
                                                   "context": {"diagnostics": [zorb]}})
    add = [a for a in actions if a["title"] == "Add 'zorbify' to the word list"]
    assert len(add) == 1 and add[0]["kind"] == "quickfix"
    cmd = add[0]["command"]
    assert not (tmp_path / ".paperlint-words").exists()
    c.request("workspace/executeCommand", {"command": cmd["command"], "arguments": cmd["arguments"]})
    words = (tmp_path / ".paperlint-words").read_text(encoding="utf-8").splitlines()
    assert words[-1] == "zorbify" and words[0].startswith("#")
    after = c.wait_for("textDocument/publishDiagnostics",
                       lambda p: p["uri"] == main.as_uri() and not any("zorbify" in d["message"] for d in p["diagnostics"]))
    assert [d["message"].split("'")[1] for d in by_code(after["diagnostics"], "RD105")] == ["recieve"]
    # a second time: the list is not changed
    c.request("workspace/executeCommand", {"command": cmd["command"], "arguments": cmd["arguments"]})
    assert (tmp_path / ".paperlint-words").read_text(encoding="utf-8").splitlines() == words
