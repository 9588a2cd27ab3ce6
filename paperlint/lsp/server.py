"""The paperlint language server (LSP over stdio, built on pygls 2).

What it offers an editor:

* **Diagnostics** on open, change (debounced) and save, linted from the editor's buffer with
  ``lint_path(path, settings, cwd, text=buffer)``.  Findings in ``\\input`` children go to
  the children's own URIs.  Columns are converted from code points to the negotiated
  position encoding (UTF-16 unless the client offers UTF-8 or UTF-32).
* **Quick fixes** that insert a suppression comment: ``% paperlint: ignore[CODE]`` at the end
  of the finding's line (``<!-- paperlint: ignore[CODE] -->`` in Markdown), or a
  ``file-ignore`` at the top of the file.
* **The outline** (``textDocument/documentSymbol``): the abstract, sections and figures of the
  file.

Which document a file belongs to: a ``% !TeX root = main.tex`` magic comment in the buffer,
else the root whose last lint read the file, else the root that ``paperlint.roots`` finds
for a chapter (configured or scanned roots that ``\\input`` it), else the file itself.  The
root is linted with the editor's unsaved buffers of every open file it includes (the
readers' ``read_source`` is given an overlay of open buffers in this process), so positions
always match what the editor shows.

What is cached: the last lint of every root (code actions and the outline never re-lint),
the digest of the text it was linted from (an unchanged buffer is not linted again), the
settings of each configuration file (re-read when its mtime changes), and the rules and
imports (warmed up in the background after ``initialized``).  Between lints the server keeps
the LaTeX parse tree of every file and macro body it has read, by text
(``paperlint.document.parse_cache``), and the per-file results of the functions some rules
call file by file (``paperlint.lsp.memo``), so an edit re-parses only the changed file; the
model is then built again from the trees and every rule runs on it, so what is published
equals a fresh lint of the same texts.  ``PAPERLINT_LSP_INCREMENTAL=0`` turns both off.  Lints run one at a time in a
worker thread, so the server keeps answering requests while a lint runs; a lint made stale
by a newer edit is dropped.

The quick pass (``paperlint.lsp.quick``): after a plain edit inside one paragraph (no markup
character, no new line), the server publishes at once the last lint's diagnostics moved past
the edit, with the paragraph-local rules read again on the edited paragraph, a few
milliseconds after the keystroke; the debounced full lint then publishes the exact answer.
``PAPERLINT_LSP_QUICK=0`` turns it off.
"""
from __future__ import annotations

from .. import lazyre
import asyncio
import hashlib
import itertools
import logging
import os
import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from ..records import dataclass, field
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..config import ConfigError, Settings, find_config, load_settings
from ..diagnostics import Diagnostic, Severity
from ..engine import MARKDOWN_SUFFIXES, LintResult, lint_path
from .positions import UTF16, to_client
from .quickfix import LATEX_IGNORE, MARKDOWN_IGNORE, comment_start, front_matter_end, line_suppression  # noqa: F401

log = logging.getLogger("paperlint.lsp")

SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
MAGIC_ROOT = lazyre.compile(r"^[ \t]*%[ \t]*!TE?X[ \t]+root[ \t]*=[ \t]*(\S.*?)[ \t]*$", re.I | re.M)
CONFIG_NAMES = {"paperlint.toml", "pyproject.toml"}


@dataclass
class Linted:
    """The last lint of one root: what code actions and the outline read."""

    root: Path
    digest: str
    result: LintResult
    uris: set[str] = field(default_factory=set)      # URIs this lint published diagnostics to
    seconds: float = 0.0
    versions: dict[Path, int] = field(default_factory=dict)   # the buffer versions it was linted from
    by_venue: dict | None = None                     # the venue's severities for this model (the quick pass's)


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _digest(text: str | None) -> str:
    return "disk" if text is None else hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


ADD_WORD = "paperlint.addWord"


def _word_at(lines, rng: lsp.Range, encoding: str) -> str | None:
    """The text a one-line diagnostic range covers in the editor's buffer."""
    from .positions import from_client

    n = rng.start.line
    if n != rng.end.line or n >= len(lines):
        return None
    line = lines[n].rstrip("\r\n")
    a, b = from_client(line, rng.start.character, encoding), from_client(line, rng.end.character, encoding)
    word = line[a:b].strip()
    return word if word and not any(c.isspace() for c in word) else None


def _path(uri: str) -> Path | None:
    fs = to_fs_path(uri)
    if fs is None:
        return None
    try:
        return Path(fs).resolve()
    except OSError:
        return Path(fs)


def is_markdown(path: Path) -> bool:
    return path.suffix.lower() in MARKDOWN_SUFFIXES


class Overlay:
    """The editor's unsaved buffers, seen by the document readers when they read an included file.

    The readers import ``read_source`` by name; this process (and only this one) wraps those
    names so that a file open in the editor is read from its buffer.  Lints run one at a time
    in one worker thread, which sets ``buffers`` before each lint.
    """

    MODULES = ("paperlint.document.latex", "paperlint.document.markdown")

    def __init__(self):
        self.buffers: dict[Path, str] = {}
        self.active = False
        # files that are not open are read once while unchanged (same size and mtime)
        self._disk: dict[tuple, object] = {}

    def install(self) -> bool:
        import importlib

        from ..sources import SourceFile, display_path

        installed = 0
        for name in self.MODULES:
            try:
                module = importlib.import_module(name)
            except Exception:
                continue
            original = getattr(module, "read_source", None)
            if original is None or getattr(original, "_paperlint_overlay", False):
                installed += original is not None
                continue

            def read_source(path, cwd=None, *args, _original=original, **kwargs):
                try:
                    text = self.buffers.get(Path(path).resolve())
                except OSError:
                    text = None
                if text is None:
                    try:
                        st = Path(path).stat()
                        key = (str(Path(path).resolve()), str(cwd), st.st_mtime_ns, st.st_size)
                    except OSError:
                        return _original(path, cwd, *args, **kwargs)
                    source = self._disk.get(key)
                    if source is None:
                        source = _original(path, cwd, *args, **kwargs)
                        if len(self._disk) > 512:
                            self._disk.clear()
                        self._disk[key] = source
                    return source
                resolved = Path(path).resolve()
                return SourceFile(resolved, display_path(resolved, cwd), _normalise(text))

            read_source._paperlint_overlay = True
            module.read_source = read_source
            installed += 1
        self.active = installed == len(self.MODULES)
        return self.active


class PaperlintServer(LanguageServer):
    def __init__(self, debounce: float = 0.15):
        super().__init__("paperlint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.debounce = debounce
        self.linted: dict[Path, Linted] = {}
        self.owner: dict[Path, Path] = {}            # file -> the root whose lint read it
        self.pending: dict[Path, asyncio.Task] = {}
        self.generation: dict[Path, int] = {}
        self.inflight: dict[Path, int] = {}          # root -> generation of the lint running for it
        self._counter = itertools.count(1)
        self._settings: dict[Path | None, tuple[float, Settings]] = {}
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="paperlint-lint")
        self.timings: list[tuple[str, float]] = []   # (root, seconds) of recent lints, for measurements
        self.overlay = Overlay()
        self._found_roots: dict[Path, Path] = {}     # chapter -> root found by paperlint.roots (until a save)
        # PAPERLINT_LSP_INCREMENTAL=0 turns the caches between lints off (bench/lsp.py compares the two)
        self.incremental = os.environ.get("PAPERLINT_LSP_INCREMENTAL", "1") != "0"
        self.memos: dict | None = None              # installed by the first lint (in the lint thread), once the rules are imported
        # PAPERLINT_LSP_QUICK=0 turns the quick pass after a plain edit off (paperlint.lsp.quick)
        self.quick_pass = self.incremental and os.environ.get("PAPERLINT_LSP_QUICK", "1") != "0"
        if self.incremental:
            from ..document import parse_cache

            parse_cache.install(parse_cache.ParseCache())

    # -- positions --------------------------------------------------------------------------
    @property
    def encoding(self) -> str:
        try:
            enc = self.server_capabilities.position_encoding
        except Exception:
            enc = None
        return str(getattr(enc, "value", enc) or UTF16)

    def position(self, source, line: int, column: int) -> lsp.Position:
        """A 1-based (line, code-point column) of `source` as an LSP position."""
        if source is None or not (1 <= line <= len(source.line_starts)):
            return lsp.Position(max(0, line - 1), max(0, column - 1))
        return lsp.Position(line - 1, to_client(source.line_text(line), column - 1, self.encoding))

    # -- buffers and roots ------------------------------------------------------------------
    def open_documents(self) -> dict[Path, object]:
        out = {}
        for uri, doc in list(self.workspace.text_documents.items()):
            p = _path(uri)
            if p is not None:
                out[p] = doc
        return out

    def buffer(self, path: Path) -> str | None:
        doc = self.open_documents().get(path)
        return None if doc is None else doc.source

    def uri_for(self, path: Path) -> str:
        for uri, doc in list(self.workspace.text_documents.items()):
            if _path(uri) == path:
                return doc.uri
        return path.as_uri()

    def root_of(self, path: Path) -> Path:
        """The root file whose lint covers `path`."""
        text = self.buffer(path)
        if text is None:
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
        if not is_markdown(path):
            m = MAGIC_ROOT.search("\n".join(text[:20000].splitlines()[:30]))
            if m:
                target = (path.parent / m.group(1).strip().strip('"')).resolve()
                for cand in (target, target.with_name(target.name + ".tex")):
                    if cand != path and cand.is_file():
                        return cand
        owner = self.owner.get(path)
        if owner is not None and owner != path and owner in self.linted:
            return owner
        if path not in self._found_roots:
            self._found_roots[path] = self._find_root(path)
        return self._found_roots[path]

    def _find_root(self, path: Path) -> Path:
        if is_markdown(path) or "\\documentclass" in (self.buffer(path) or ""):
            return path
        try:
            from ..roots import RootFinder

            found = RootFinder(self.settings_for(path)).root_of(path)
        except Exception:   # no root finder, or a configuration error: lint the file alone
            return path
        return Path(found).resolve() if found is not None else path

    def settings_for(self, path: Path) -> Settings:
        cfg = find_config(path)
        try:
            mtime = cfg.stat().st_mtime if cfg is not None else 0.0
        except OSError:
            mtime = 0.0
        cached = self._settings.get(cfg)
        if cached is not None and cached[0] == mtime:
            return cached[1]
        settings = load_settings(cfg)
        try:
            from ..config import attach_vale

            attach_vale(settings, path.parent)   # a .vale.ini beside the draft, as the CLI reads it
        except ConfigError as exc:
            log.warning("Vale configuration not used: %s", exc)
        self._settings[cfg] = (mtime, settings)
        return settings

    def cwd_for(self, path: Path) -> Path:
        root = self.workspace.root_path
        if root:
            try:
                r = Path(root).resolve()
                if path.is_relative_to(r):
                    return r
            except (OSError, ValueError):
                pass
        return path.parent

    # -- linting ----------------------------------------------------------------------------
    def schedule(self, target: Path, delay: float = 0.0, force: bool = False) -> None:
        old = self.pending.pop(target, None)
        if old is not None and not old.done():
            old.cancel()
        self.pending[target] = asyncio.ensure_future(self._run(target, delay, force))

    async def _run(self, target: Path, delay: float, force: bool) -> None:
        if delay:
            await asyncio.sleep(delay)
        docs = self.open_documents()
        open_doc = docs.get(target)
        text = None if open_doc is None else open_doc.source
        versions = {p: d.version for p, d in docs.items() if d.version is not None}
        digest = _digest("\0".join([text or ""] + [f"{p}\0{d.source}" for p, d in sorted(docs.items()) if p != target]))
        previous = self.linted.get(target)
        if not force and previous is not None and previous.digest == digest and target not in self.inflight:
            return   # nothing changed since the last lint, and no other lint is on its way
        gen = next(self._counter)
        self.generation[target] = gen
        self.inflight[target] = gen
        loop = asyncio.get_running_loop()
        buffers = {p: d.source for p, d in docs.items() if p != target}
        try:
            result, seconds = await loop.run_in_executor(self.executor, self._lint, target, text, buffers)
        finally:
            if self.inflight.get(target) == gen:
                del self.inflight[target]
        if self.generation.get(target) != gen:
            return   # a newer lint of this root has started: this one is stale
        self.publish(target, Linted(target, digest, result, seconds=seconds, versions=versions))

    def _lint(self, target: Path, text: str | None, buffers: dict[Path, str] | None = None) -> tuple[LintResult, float]:
        import time

        t0 = time.perf_counter()
        try:
            settings = self.settings_for(target)
        except ConfigError as exc:
            res = LintResult(root=str(target), path=target, error=f"configuration error: {exc}")
            return res, time.perf_counter() - t0
        if self.incremental and self.memos is None:
            from . import memo

            self.memos = memo.install()
        self.overlay.buffers = buffers or {}
        try:
            res = lint_path(target, settings, self.cwd_for(target), text=text)
        finally:
            self.overlay.buffers = {}
        seconds = time.perf_counter() - t0
        self.timings.append((str(target), seconds))
        del self.timings[:-50]
        log.info("linted %s in %.3f s%s", target, seconds, self._cache_note())
        return res, seconds

    def quick(self, target: Path) -> bool:
        """After a plain edit inside one paragraph, publish at once the last lint's diagnostics moved
        past the edit, with the paragraph's own rules read again (``paperlint.lsp.quick``); the full
        lint follows as always. Returns whether it published."""
        if not self.quick_pass:
            return False
        import time

        t0 = time.perf_counter()
        try:
            got = self._quick(target)
        except Exception:   # the full lint that follows reports what matters
            log.exception("quick pass failed for %s", target)
            return False
        if got is None:
            return False
        uri, version, diags, n = got
        # logged first, so that a client reading the log (bench/lsp.py) knows a full lint follows
        log.info("quick pass for %s version %s in %.4f s (%d diagnostics, %d read again)", uri, version, time.perf_counter() - t0, len(diags), n)
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diags, version=version))
        return True

    def _quick(self, target: Path):
        from ..registry import load_rules
        from . import quick

        linted = self.linted.get(target)
        if linted is None or linted.result.document is None or linted.result.error:
            return None
        doc = linted.result.document
        docs = self.open_documents()
        changed = []
        for fi, f in enumerate(doc.files):
            d = docs.get(Path(f.path))
            text = _normalise(d.source) if d is not None else None
            if text is not None and text != f.text:
                changed.append((fi, Path(f.path), d, text))
        if len(changed) != 1:
            return None
        fi, path, open_doc, text = changed[0]
        settings = self.settings_for(target)
        if settings.vale is not None:
            return None   # Vale styles read whole scopes: only the full lint runs them
        if linted.by_venue is None:
            from ..engine import venue_severity

            linted.by_venue = venue_severity(doc, settings)
        got = quick.answer(doc, linted.result.diagnostics, fi, text, str(path), settings,
                           load_rules(), linted.by_venue)
        if got is None:
            return None
        view, diags = got
        source = view.doc.files[fi]
        mine = [self.to_lsp(d, source) for d in diags if Path(d.path) == path]
        again = sum(1 for d in diags if quick.read_again(d, view, str(path)))
        return self.uri_for(path), open_doc.version, mine, again

    def _cache_note(self) -> str:
        """The caches' hit counts so far, for the log (bench/lsp.py reads them)."""
        if not self.incremental:
            return " (no caches)"
        from ..document import parse_cache

        cache = parse_cache.installed()
        parts = [f"parse trees {cache.hits} reused, {cache.misses} parsed"] if cache is not None else []
        parts += [f"{name.rsplit('.', 1)[-1]} {m.hits}/{m.hits + m.misses}" for name, m in (self.memos or {}).items()]
        return " (" + "; ".join(parts) + ")" if parts else ""

    def to_lsp(self, d: Diagnostic, source) -> lsp.Diagnostic:
        out = lsp.Diagnostic(
            range=lsp.Range(self.position(source, d.line, d.column), self.position(source, d.end_line, d.end_column)),
            message=d.message,
            severity=SEVERITY.get(d.severity, lsp.DiagnosticSeverity.Warning),
            code=d.code,
            source="paperlint",
            data={"name": d.name, "fixes": list(d.fixes)} if d.fixes else {"name": d.name},
        )
        if d.url:
            out.code_description = lsp.CodeDescription(href=d.url)
        if d.code == "PL100":
            out.tags = [lsp.DiagnosticTag.Unnecessary]
        return out

    def publish(self, target: Path, linted: Linted) -> None:
        res = linted.result
        doc = res.document
        files = {Path(f.path): f for f in doc.files} if doc is not None else {}
        skip: set[Path] = set()
        if not self.overlay.active:
            # the readers could not be given the buffers: a file edited but not saved was read from
            # disk, so its positions may not match the editor; leave its diagnostics as they were
            for p, f in files.items():
                buf = self.buffer(p) if p != target else None
                if buf is not None and _normalise(buf) != f.text:
                    skip.add(p)
        by_path: dict[Path, list[lsp.Diagnostic]] = {target: []}
        for p in files:
            if p not in skip:
                by_path.setdefault(p, [])   # a file that had findings and has none now is cleared
        for d in res.diagnostics:
            p = Path(d.path)
            if p in skip:
                continue
            by_path.setdefault(p, []).append(self.to_lsp(d, files.get(p)))
        if res.error:
            zero = lsp.Position(0, 0)
            by_path[target].append(lsp.Diagnostic(lsp.Range(zero, zero), f"paperlint: {res.error}", lsp.DiagnosticSeverity.Error,
                                                  source="paperlint", code="PL001"))
        published = {self.uri_for(p): diags for p, diags in by_path.items()}
        previous = self.linted.get(target)
        keep = {self.uri_for(p) for p in skip}
        if previous is not None:
            for uri in previous.uris - set(published) - keep:
                self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        versions = {self.uri_for(p): v for p, v in linted.versions.items() if p in by_path}
        for uri, diags in published.items():
            version = versions.get(uri)
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diags, version=version))
        linted.uris = set(published) | (keep & (previous.uris if previous else set()))
        self.linted[target] = linted
        for p in files:
            if p != target:
                self.owner[p] = target
                if p in self.linted:   # it was linted as its own root before: the root's lint covers it now
                    self.forget(p, publish=False)

    def forget(self, path: Path, publish: bool = True) -> None:
        linted = self.linted.pop(path, None)
        if linted is None or not publish:
            return
        for uri in linted.uris:
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def linted_for(self, path: Path) -> tuple[Linted, object, int] | None:
        """The last lint that read `path`, the file's SourceFile and its index in the document."""
        candidates = [self.linted.get(path), self.linted.get(self.owner.get(path, path))]
        for linted in candidates:
            if linted is None or linted.result.document is None:
                continue
            for i, f in enumerate(linted.result.document.files):
                if Path(f.path) == path:
                    return linted, f, i
        return None

    # -- code actions -----------------------------------------------------------------------
    def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        if params.context.only and not any(str(getattr(k, "value", k)).startswith("quickfix") for k in params.context.only):
            return []
        uri = params.text_document.uri
        path = _path(uri)
        doc = self.workspace.get_text_document(uri)
        lines = doc.lines
        markdown = path is not None and is_markdown(path)
        fm = front_matter_end(list(lines)) if markdown else 0
        actions: list[lsp.CodeAction] = []
        seen_file: set[str] = set()
        for diag in params.context.diagnostics:
            code = diag.code if isinstance(diag.code, str) else None
            if diag.source != "paperlint" or not code or code == "PL100":
                continue
            fixes = diag.data.get("fixes") if isinstance(diag.data, dict) else None
            for k, text in enumerate(fixes or ()):   # a Vale rule's action, a spelling suggestion
                if not isinstance(text, str):
                    continue
                actions.append(lsp.CodeAction(
                    title=f"Replace with '{text}'" if text else "Delete it",
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    is_preferred=k == 0 and len(fixes) == 1,
                    edit=lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(diag.range, text)]}),
                ))
            n = diag.range.start.line
            line = lines[n].rstrip("\r\n") if n < len(lines) else ""
            spot = line_suppression(line, code, markdown) if n >= fm else None
            if spot is not None:
                col, text = spot
                pos = lsp.Position(n, to_client(line, col, self.encoding))
                actions.append(lsp.CodeAction(
                    title=f"Suppress {code} on this line",
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    edit=lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(lsp.Range(pos, pos), text)]}),
                ))
            if code == "RD105":
                word = _word_at(lines, diag.range, self.encoding)
                if word:
                    actions.append(lsp.CodeAction(
                        title=f"Add '{word}' to the word list",
                        kind=lsp.CodeActionKind.QuickFix,
                        diagnostics=[diag],
                        command=lsp.Command(title=f"Add '{word}' to the word list", command=ADD_WORD, arguments=[word, uri]),
                    ))
            if code not in seen_file:
                seen_file.add(code)
                top = lsp.Position(fm, 0)
                directive = f"<!-- paperlint: file-ignore[{code}] -->\n" if markdown else f"% paperlint: file-ignore[{code}]\n"
                actions.append(lsp.CodeAction(
                    title=f"Suppress {code} in this file",
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    edit=lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(lsp.Range(top, top), directive)]}),
                ))
        return actions

    # -- outline ----------------------------------------------------------------------------
    def outline(self, uri: str) -> list[lsp.DocumentSymbol]:
        path = _path(uri)
        found = self.linted_for(path) if path is not None else None
        if found is None:
            return []
        linted, source, index = found
        doc = linted.result.document
        n = len(source.text)
        items = []   # (start, level, name, detail, kind, src)
        if doc.abstract is not None and doc.abstract.src is not None and doc.abstract.src.file == index:
            items.append((doc.abstract.src.start, doc.main_level, "Abstract", "abstract", lsp.SymbolKind.String, doc.abstract.src))
        for s in doc.sections:
            if s.src is not None and s.src.file == index:
                detail = ("appendix " if s.appendix else "") + LEVEL_NAMES.get(s.level, "section")
                items.append((s.src.start, s.level, " ".join(s.title.split()) or "(untitled)", detail, lsp.SymbolKind.Namespace, s.src))
        for fig in doc.figures:
            if fig.src.file == index:
                name = ", ".join(fig.labels) or (" ".join(fig.captions[0].text.split())[:60] if fig.captions else fig.kind)
                items.append((fig.src.start, 99, name or fig.kind, fig.kind, lsp.SymbolKind.Object, fig.src))
        items.sort(key=lambda x: (x[0], x[1]))
        roots: list[lsp.DocumentSymbol] = []
        stack: list[tuple[int, int, lsp.DocumentSymbol]] = []   # (level, end offset, symbol)
        for k, (start, level, name, detail, kind, src) in enumerate(items):
            if level == 99:
                end = src.end
            else:
                end = next((x[0] for x in items[k + 1:] if x[1] <= level), n)
            end = max(end, src.end)
            rng = self._range(source, start, end)
            sel = self._range(source, src.start, src.end)
            sym = lsp.DocumentSymbol(name=name, kind=kind, range=rng, selection_range=sel, detail=detail, children=[])
            while stack and (stack[-1][0] >= level or start >= stack[-1][1]):
                stack.pop()
            (stack[-1][2].children if stack else roots).append(sym)
            if level != 99:
                stack.append((level, end, sym))
        return roots

    def _range(self, source, start: int, end: int) -> lsp.Range:
        (l1, c1), (l2, c2) = source.line_col(start), source.line_col(end)
        return lsp.Range(self.position(source, l1, c1), self.position(source, l2, c2))

    def warm_up(self) -> None:
        """Import the reader and checks and load the rules before the first real lint."""
        try:
            settings = load_settings(None)
            tmp = Path(tempfile.gettempdir())
            lint_path(tmp / "paperlint-warm-up.tex", settings, tmp, text="\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\nWarm up.\n\\end{document}\n")
            lint_path(tmp / "paperlint-warm-up.md", settings, tmp, text="# Introduction\n\nWarm up.\n")
        except Exception:   # only an optimisation
            log.exception("warm-up failed")
        # what is loaded now (modules, rule tables, compiled patterns) lives as long as the server:
        # the cycle collector need not walk it again at every full collection
        import gc

        gc.collect()
        gc.freeze()


LEVEL_NAMES = {0: "part", 1: "chapter", 2: "section", 3: "subsection", 4: "subsubsection", 5: "paragraph", 6: "subparagraph"}


def create_server(debounce: float = 0.15) -> PaperlintServer:
    server = PaperlintServer(debounce=debounce)

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: PaperlintServer, params: lsp.InitializedParams):
        ls.overlay.install()
        asyncio.get_running_loop().run_in_executor(ls.executor, ls.warm_up)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PaperlintServer, params: lsp.DidOpenTextDocumentParams):
        path = _path(params.text_document.uri)
        if path is not None:
            ls._found_roots.pop(path, None)
            ls.schedule(ls.root_of(path), 0.0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PaperlintServer, params: lsp.DidChangeTextDocumentParams):
        path = _path(params.text_document.uri)
        if path is not None:
            root = ls.root_of(path)
            ls.quick(root)
            ls.schedule(root, ls.debounce)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PaperlintServer, params: lsp.DidSaveTextDocumentParams):
        path = _path(params.text_document.uri)
        if path is None:
            return
        ls._found_roots.clear()   # includes may have changed
        if path.name in CONFIG_NAMES:   # new settings: lint every open root again
            for root in list(ls.linted):
                ls.schedule(root, 0.0, force=True)
            return
        ls.schedule(ls.root_of(path), 0.0, force=True)   # files it includes may have changed on disk

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PaperlintServer, params: lsp.DidCloseTextDocumentParams):
        path = _path(params.text_document.uri)
        if path is None:
            return
        root = ls.root_of(path)
        if root != path:
            # its root reads it from disk again: lint the root if it is still open, else clear
            if root in ls.open_documents():
                ls.schedule(root, 0.0, force=True)
            elif not any(ls.root_of(p) == root for p in ls.open_documents() if p != path):
                task = ls.pending.pop(root, None)
                if task is not None:
                    task.cancel()
                ls.forget(root)
            else:
                ls.schedule(root, 0.0, force=True)
            return
        if any(ls.root_of(p) == path for p in ls.open_documents() if p != path):
            ls.schedule(path, 0.0, force=True)   # a chapter of it is still open
            return
        task = ls.pending.pop(path, None)
        if task is not None:
            task.cancel()
        ls.forget(path)

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix], resolve_provider=False))
    def code_action(ls: PaperlintServer, params: lsp.CodeActionParams):
        return ls.code_actions(params)

    @server.command(ADD_WORD)
    def add_word(ls: PaperlintServer, *args):
        """Append a word to .paperlint-words at the project root, then lint every open root again."""
        args = list(args[0]) if len(args) == 1 and isinstance(args[0], (list, tuple)) else list(args)
        if len(args) < 2 or not isinstance(args[0], str) or not isinstance(args[1], str):
            return None
        path = _path(args[1])
        if path is None:
            return None
        from ..spelling.wordlist import add_word as append_word

        try:
            written = append_word(path, args[0])
        except (OSError, ValueError) as exc:
            log.warning("could not add %r to the word list: %s", args[0], exc)
            return None
        for root in list(ls.linted):
            ls.schedule(root, 0.0, force=True)
        return str(written)

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbol(ls: PaperlintServer, params: lsp.DocumentSymbolParams):
        return ls.outline(params.text_document.uri)

    return server


def serve(debounce: float = 0.15) -> None:
    create_server(debounce).start_io()
