"""The HTML report in a real browser: headless Chromium, no network.

Two ways in, both without extra Python packages:

* ``--dump-dom`` prints the DOM after the page's script ran: highlights, notes, filters.
* ``--remote-debugging-pipe`` speaks the Chrome DevTools Protocol over file descriptors 3
  and 4 (NUL-separated JSON), which lets the test move the mouse over a highlight, read the
  note that appears, and take screenshots.

Screenshots and the rendered reports are saved under ``tests/artifacts/`` (git-ignored).
The test skips, with the reason, when no Chromium is installed (``.ci/run`` installs
Debian's ``chromium`` package where it can).
"""
from __future__ import annotations

import base64
import fcntl
import json
import os
import re
import select
import shutil
import struct
import subprocess
import time
from pathlib import Path

import pytest

from paperlint.config import load_settings
from paperlint.engine import lint_path
from paperlint.formatters import get

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
FLAWED = ROOT / "sample_papers" / "flawed-draft" / "draft.tex"
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--no-default-browser-check", "--disable-dev-shm-usage", "--hide-scrollbars",
         "--disable-extensions", "--mute-audio"]
WIDTH, HEIGHT = 1400, 1000


def find_chromium() -> str | None:
    override = os.environ.get("PAPERLINT_CHROMIUM")
    if override:
        return override
    for name in CANDIDATES:
        exe = shutil.which(name)
        if exe:
            return exe
    return None


@pytest.fixture(scope="module")
def chromium():
    exe = find_chromium()
    if exe is None:
        pytest.skip("no Chromium found (tried chromium, chromium-browser, google-chrome); "
                    "install Debian's `chromium` package (.ci/run does) or set PAPERLINT_CHROMIUM")
    try:
        version = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"{exe} cannot be started here: {exc}")
    if version.returncode != 0:
        pytest.skip(f"{exe} --version failed: {version.stderr.strip()[:200]}")
    return exe


@pytest.fixture(scope="module")
def report():
    """The flawed sample draft's report, written where the browser (and a person) can open it."""
    ARTIFACTS.mkdir(exist_ok=True)
    res = lint_path(FLAWED, load_settings(None), ROOT)
    assert res.diagnostics
    path = ARTIFACTS / "report-flawed-draft.html"
    path.write_text(get("html")([res], load_settings(None)), encoding="utf-8")
    return path, res


class DevTools:
    """A small Chrome DevTools Protocol client over --remote-debugging-pipe."""

    def __init__(self, exe: str, user_data_dir: Path):
        to_child, self._out = os.pipe()
        self._in, from_child = os.pipe()
        # the child must find the pipes at fds 3 (commands) and 4 (answers): move them out of the way first
        a = fcntl.fcntl(to_child, fcntl.F_DUPFD, 10)
        b = fcntl.fcntl(from_child, fcntl.F_DUPFD, 10)
        os.close(to_child)
        os.close(from_child)

        def plumb():
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen([exe, *FLAGS, f"--user-data-dir={user_data_dir}", "--remote-debugging-pipe", "about:blank"],
                                     pass_fds=(3, 4), preexec_fn=plumb, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(a)
        os.close(b)
        self._buf = b""
        self._id = 0
        self.events: list[dict] = []
        self.session: str | None = None

    def _message(self, deadline: float) -> dict:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer")
            ready, _, _ = select.select([self._in], [], [], left)
            if ready:
                chunk = os.read(self._in, 1 << 20)
                if not chunk:
                    raise EOFError("Chromium closed the DevTools pipe")
                self._buf += chunk
        raw, _, self._buf = self._buf.partition(b"\0")
        return json.loads(raw)

    def send(self, method: str, params: dict | None = None, browser: bool = False, timeout: float = 30) -> dict:
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if self.session and not browser:
            msg["sessionId"] = self.session
        os.write(self._out, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            m = self._message(deadline)
            if m.get("id") == self._id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method: str, timeout: float = 30) -> dict:
        for i, m in enumerate(self.events):
            if m.get("method") == method:
                return self.events.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            m = self._message(deadline)
            if m.get("method") == method:
                return m
            self.events.append(m)

    def open(self, url: str):
        target = self.send("Target.createTarget", {"url": "about:blank"}, browser=True)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, browser=True)["sessionId"]
        self.send("Emulation.setDeviceMetricsOverride", {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
        self.send("Page.enable")
        self.send("Network.enable")
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def js(self, expression: str):
        r = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in r:
            raise RuntimeError(r["exceptionDetails"])
        return r["result"].get("value")

    def screenshot(self, path: Path) -> bytes:
        data = base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"})["data"])
        path.write_bytes(data)
        return data

    def close(self):
        try:
            self.send("Browser.close", browser=True, timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._out)
        os.close(self._in)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_dump_dom_has_highlights_and_notes(chromium, report, tmp_path):
    path, res = report
    run = subprocess.run([chromium, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=2000",
                          "--dump-dom", path.as_uri()], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    assert "<main" in dom
    marks = re.findall(r'<mark class="hl[^"]*" data-d="([^"]*)"', dom)
    covered = {i for m in marks for i in m.split()}
    assert covered == {f"d{k}" for k in range(1, len(res.diagnostics) + 1)}
    for k, d in enumerate(res.diagnostics, 1):
        note = re.search(rf'<div class="note s-{d.severity}" id="note-d{k}"[^>]*>(.*?)</div>\s*(?=<div class="note|</div>)', dom, re.S)
        assert note, f"no note for d{k}"
        assert d.code in note.group(1)
    # the script ran: it moved the fallback titles to aria-describedby and counted the findings
    assert 'aria-describedby="note-d1' in dom
    n = len(res.diagnostics)
    assert re.search(rf'id="showing"[^>]*>{n} findings<', dom)


def test_hover_shows_the_note_and_screenshots(chromium, report, tmp_path):
    path, res = report
    tools = DevTools(chromium, tmp_path / "profile")
    try:
        tools.open(path.as_uri())
        shot = tools.screenshot(ARTIFACTS / "report-top.png")
        assert png_size(shot) == (WIDTH, HEIGHT)
        # the dashboard is there
        assert tools.js("document.querySelector('.totals .big').textContent.trim()") == str(len(res.diagnostics))
        # hover a highlight in the prose: its note appears, with message, rule summary, why and source
        k = next(i for i, d in enumerate(res.diagnostics, 1) if d.code == "ST140" and d.line > 60)
        d = res.diagnostics[k - 1]
        box = tools.js(f"""(() => {{
            const m = document.querySelector('mark.hl[data-d~="d{k}"]');
            m.scrollIntoView({{block: 'center'}});
            window.scrollBy(0, Math.round(window.innerHeight * 0.22));  // the note opens below the line
            const r = m.getBoundingClientRect();
            return {{x: r.left + Math.min(r.width / 2, 12), y: r.top + r.height / 2}};
        }})()""")
        assert tools.js("document.getElementById('pop').hidden") is True
        tools.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": box["x"], "y": box["y"]})
        for _ in range(50):
            if tools.js("!document.getElementById('pop').hidden"):
                break
            time.sleep(0.05)
        pop = tools.js("(() => { const p = document.getElementById('pop'); return {hidden: p.hidden, text: p.innerText}; })()")
        assert not pop["hidden"]
        assert d.code in pop["text"] and d.message.split(".")[0] in pop["text"]
        assert "WHY IT MATTERS" in pop["text"].upper() and "SOURCE" in pop["text"].upper()
        shot = tools.screenshot(ARTIFACTS / "report-hover.png")
        assert png_size(shot) == (WIDTH, HEIGHT)

        # filters: turning warnings off hides their highlights and list entries
        tools.js("(() => { const c = document.querySelector('input[data-sev-filter][value=warning]'); c.click(); })()")
        state = tools.js("""(() => ({
            shownWarnings: document.querySelectorAll('.finding.s-warning:not([hidden])').length,
            liveMarks: [...document.querySelectorAll('mark.hl:not(.off)')].map(m => m.dataset.d),
            showing: document.getElementById('showing').textContent}))()""")
        assert state["shownWarnings"] == 0
        warn_ids = {f"d{i}" for i, x in enumerate(res.diagnostics, 1) if str(x.severity) == "warning"}
        assert all(not set(ids.split()) <= warn_ids for ids in state["liveMarks"])
        assert "shown" in state["showing"]
        # the page asked for nothing over the network
        requests = [e for e in tools.events if e.get("method") == "Network.requestWillBeSent"]
        assert all(e["params"]["request"]["url"].startswith(("file:", "data:", "about:")) for e in requests), requests
    finally:
        tools.close()


def test_draft_markup_never_runs_in_the_browser(chromium, tmp_path):
    draft = tmp_path / "nasty.tex"
    draft.write_text("\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\n"
                     "TODO <script>alert(1)</script> </textarea> <img src=x onerror=alert(2)> {{ 7*7 }}\n\\end{document}\n")
    res = lint_path(draft, load_settings(None), tmp_path)
    page = tmp_path / "nasty.html"
    page.write_text(get("html")([res], None), encoding="utf-8")
    tools = DevTools(chromium, tmp_path / "profile")
    try:
        tools.open(page.as_uri())
        assert tools.js("document.scripts.length") == 1
        assert tools.js("document.querySelectorAll('img, textarea').length") == 0
        assert "<script>alert(1)</script>" in tools.js("document.querySelector('.src').innerText")
        assert not [e for e in tools.events if e.get("method") == "Page.javascriptDialogOpening"]
    finally:
        tools.close()
