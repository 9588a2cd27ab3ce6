"""The HTML report: one self-contained page with the draft's source and every finding in place.

``paperlint main.tex --format html --output report.html`` writes a single file with no
network access at all (inline CSS and script, system fonts): a dashboard (findings by
severity and family, the abstract's sentence roles, readability by section, figures with
findings), a sidebar of findings with filters, and the source of every file of the draft
with each finding highlighted at its exact span.  Hovering or clicking a highlight shows
the message, the rule's summary, why it matters and the source of the advice.

Like every formatter, this one never re-runs rules or recomputes positions: it reads the
0-based ``start``/``end`` offsets that the engine stored on each :class:`Diagnostic`.
The page is rendered by jinja2 with autoescaping on, and the draft's text only ever
reaches the page as template variables, so ``<script>``, ``</textarea>`` or ``{{ }}``
in a draft are shown as text.  The panels that need the optional NLP modules
(``paperlint.nlp.abstract_roles``, ``paperlint.nlp.readability``) are left out when
those cannot be imported or fail.
"""
from __future__ import annotations

import functools
from ..records import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from .. import __version__
from ..diagnostics import Severity

TEMPLATES = Path(__file__).resolve().parent / "templates"

#: Rule families by code prefix (the first two letters of a code).
FAMILIES = {
    "AB": "Abstract",
    "CL": "Claims",
    "CT": "Citations",
    "EV": "Evidence",
    "FG": "Figures",
    "JG": "Jargon",
    "NR": "Narrative",
    "PL": "Reading the draft",
    "RD": "Readability",
    "ST": "Structure",
}
SEVERITIES = ("error", "warning", "info")
ICONS = {"error": "\u25c6", "warning": "\u25b2", "info": "\u25cf"}  # diamond, triangle, dot: not colour alone
SHORT_ROLES = {"contribution": "contrib.", "implication": "implic."}
ROLE_ORDER = ("context", "gap", "contribution", "detail", "evidence", "implication")


# -- data handed to the template ----------------------------------------------------------------
@dataclass
class Finding:
    id: str
    code: str
    name: str
    severity: str
    family: str
    message: str
    file: str
    line: int
    column: int
    anchor: str | None          # element id of the finding's first highlight, None when not shown in a file
    summary: str = ""
    why: str = ""
    url: str | None = None
    source_title: str = ""
    source_section: str = ""


@dataclass
class Segment:
    text: str = ""
    ids: str = ""               # space-separated finding ids covering this text ("" for plain text)
    severity: str = ""          # the most severe finding covering it
    depth: int = 0              # how many findings overlap here
    anchors: list[str] = field(default_factory=list)   # findings whose first character is here
    marker: bool = False        # a zero-width finding: a caret between characters
    title: str = ""             # fallback tooltip (removed by the script)
    cls: str = ""               # display classes of the source's own markup


@dataclass
class Line:
    number: int
    anchor: str
    segments: list[Segment]
    severity: str = ""          # the most severe finding on the line, for the gutter


@dataclass
class FileView:
    index: int
    anchor: str
    display: str
    lines: list[Line]
    counts: dict
    total: int


# -- highlighting -----------------------------------------------------------------------------
def _worst(severities) -> str:
    best = 0
    for s in severities:
        best = max(best, int(Severity.parse(s)))
    return str(Severity(best)) if best else ""


def highlight(text: str, spans: list[tuple[str, int, int, str]], anchor_prefix: str, titles: dict[str, str] | None = None,
              styles: list[tuple[str, int, int]] = ()) -> list[Line]:
    """Split `text` into lines of segments, each covered by a set of findings.

    `spans` are ``(finding id, start, end, severity)`` in 0-based character offsets.
    Overlapping spans are split at every boundary, so each segment carries the exact set
    of findings over it (no overlapping elements).  A span covering no visible character
    (zero width, or only a line break) becomes a marker at its start.  `styles` are
    ``(css class, start, end)`` ranges for the source's own markup (comments, commands,
    math, headings), split the same way.
    """
    titles = titles or {}
    n = len(text)
    ranged: list[tuple[str, int, int, str]] = []
    markers: dict[int, list[tuple[str, str]]] = {}
    for fid, s, e, sev in spans:
        s = max(0, min(s, n))
        e = max(s, min(e, n))
        if e > s and text[s:e].strip("\n"):
            ranged.append((fid, s, e, sev))
        else:
            markers.setdefault(s, []).append((fid, sev))
    first_char: dict[int, list[str]] = {}
    for fid, s, e, _ in ranged:
        # the anchor sits on the first visible character (a span may start on a line break)
        while s < e and text[s] == "\n":
            s += 1
        first_char.setdefault(s, []).append(fid)
    bounds = {0, n}
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, (_, s, e, _) in enumerate(ranged):
        starts.setdefault(s, []).append(i)
        ends.setdefault(e, []).append(i)
    style_starts: dict[int, list[int]] = {}
    style_ends: dict[int, list[int]] = {}
    style_list = []
    for cls, s, e in styles:
        s = max(0, min(s, n))
        e = max(s, min(e, n))
        if e > s:
            style_starts.setdefault(s, []).append(len(style_list))
            style_ends.setdefault(e, []).append(len(style_list))
            style_list.append(cls)
    bounds.update(starts, ends, style_starts, style_ends, markers)
    pos = text.find("\n")
    while pos != -1:
        bounds.add(pos)
        bounds.add(pos + 1)
        pos = text.find("\n", pos + 1)
    points = sorted(bounds)

    lines: list[Line] = []
    current: list[Segment] = []
    line_sev: list[str] = []
    active: list[int] = []
    active_styles: list[int] = []

    def close_line():
        number = len(lines) + 1
        lines.append(Line(number, f"{anchor_prefix}-L{number}", current[:] or [Segment("")], _worst(line_sev)))
        current.clear()
        line_sev.clear()

    for k, p in enumerate(points):
        for i in ends.get(p, ()):
            active.remove(i)
        for i in starts.get(p, ()):
            active.append(i)
        for i in style_ends.get(p, ()):
            active_styles.remove(i)
        for i in style_starts.get(p, ()):
            active_styles.append(i)
        for fid, sev in markers.get(p, ()):
            current.append(Segment(ids=fid, severity=sev, depth=1, anchors=[fid], marker=True, title=titles.get(fid, "")))
            line_sev.append(sev)
        if k + 1 == len(points):
            break
        q = points[k + 1]
        chunk = text[p:q]
        if chunk == "\n":
            close_line()
            continue
        if not chunk:
            continue
        cls = " ".join(sorted({style_list[i] for i in active_styles})) if active_styles else ""
        if active:
            ids = [ranged[i][0] for i in active]
            sevs = [ranged[i][3] for i in active]
            line_sev.extend(sevs)
            current.append(Segment(chunk, " ".join(ids), _worst(sevs), len(ids), first_char.get(p, []),
                                   title="\n".join(titles.get(i, "") for i in ids), cls=cls))
        else:
            current.append(Segment(chunk, cls=cls))
    close_line()
    if len(lines) > 1 and text.endswith("\n") and lines[-1].segments == [Segment("")]:
        lines.pop()   # the empty "line" after the final newline
    return lines


HEADING_MACROS = {"part", "chapter", "section", "subsection", "subsubsection", "paragraph", "subparagraph", "title"}


def source_styles(doc, file_index: int) -> list[tuple[str, int, int]]:
    """Display classes for one file's own markup, from the document model (never re-parsed here).

    ``c`` comment, ``m`` command or environment name, ``x`` math, ``k`` code, ``h`` heading.
    """
    if doc is None:
        return []
    text = doc.files[file_index].text
    out: list[tuple[str, int, int]] = []
    for c in doc.comments:
        if c.src.file == file_index:
            out.append(("c", c.src.start, c.src.end))
    for node in doc.markup:
        src = node.src
        if src.file != file_index:
            continue
        if node.kind == "math":
            out.append(("x", src.start, src.end))
        elif node.kind == "code":
            out.append(("k", src.start, src.end))
        elif node.kind == "macro":
            if text.startswith("\\" + node.name, src.start):
                out.append(("m", src.start, src.start + 1 + len(node.name)))
            if node.name.rstrip("*") in HEADING_MACROS:
                out.append(("h", src.start, src.end))
        elif node.kind == "env":
            begin = "\\begin{" + node.name + "}"
            end = "\\end{" + node.name + "}"
            if text.startswith(begin, src.start):
                out.append(("m", src.start, src.start + len(begin)))
            if text.endswith(end, 0, src.end):
                out.append(("m", src.end - len(end), src.end))
    for sec in doc.sections:
        if sec.src is not None and sec.src.file == file_index and doc.format == "markdown":
            out.append(("h", sec.src.start, sec.src.end))
    return out


# -- dashboard panels (optional modules, guarded) ----------------------------------------------
def _abstract_roles(doc) -> list[dict] | None:
    """The abstract's sentence roles as AB101 and `paperlint outline` see them (classifier + cue refinements)."""
    if doc is None or doc.abstract is None:
        return None
    try:
        from ..checks.ab.shape import classify_abstract

        sentences = classify_abstract(doc)
    except Exception:   # the model or module is not there: no panel
        return None
    if not sentences:
        return None
    out = []
    for s in sentences:
        text = " ".join(s.text.split())
        out.append({"role": s.role, "label": s.label, "confidence": s.confidence, "cues": ", ".join(s.cues),
                    "text": text, "short": text if len(text) <= 110 else text[:107].rstrip() + "\u2026"})
    return out


def _ease_word(fre: float) -> str:
    for limit, word in ((30, "very hard"), (50, "hard"), (60, "fairly hard"), (70, "standard"), (80, "fairly easy")):
        if fre < limit:
            return word
    return "easy"


def _readability(doc) -> list[dict] | None:
    if doc is None:
        return None
    try:
        from ..nlp.readability import score_sentences
    except Exception:
        return None
    rows = []
    units = []
    if doc.abstract is not None:
        units.append(("Abstract", doc.abstract, None))
    sections = doc.main_sections or doc.sections
    for s in sections:
        units.append((s.title or "(untitled)", s, s.src))
    try:
        for title, sec, src in units:
            sentences = [x.text for b in sec.all_blocks() if b.kind in ("paragraph", "item") for x in b.sentences]
            if not sentences:
                continue
            r = score_sentences(sentences)
            if not r.sentences:
                continue
            anchor = None
            if src is not None and 0 <= src.file < len(doc.files):
                line, _ = doc.files[src.file].line_col(src.start)
                anchor = (src.file, line)
            rows.append({"title": " ".join(title.split()), "words": r.words, "sentences": r.sentences,
                         "fre": r.flesch_reading_ease, "grade": r.flesch_kincaid_grade, "fog": r.gunning_fog,
                         "wps": r.words_per_sentence, "ease": _ease_word(r.flesch_reading_ease),
                         "bar": max(2.0, min(100.0, r.flesch_reading_ease)), "anchor": anchor})
    except Exception:
        return None
    return rows or None


def _figures(doc, findings_by_diag) -> tuple[int, list[dict]]:
    """(number of figures and tables, figures with FG findings).  FG findings outside any figure are listed alone."""
    figures = list(doc.figures) if doc is not None else []
    groups: dict[int, dict] = {}
    loose: list = []
    for d, f in findings_by_diag:
        if not d.code.startswith("FG"):
            continue
        owner = None
        if doc is not None:
            fi = next((i for i, sf in enumerate(doc.files) if str(sf.path) == d.path), None)
            for k, fig in enumerate(figures):
                if fig.src.file == fi and fig.src.start <= d.start <= fig.src.end:
                    owner = k
                    break
        if owner is None:
            loose.append(f)
            continue
        if owner not in groups:
            fig = figures[owner]
            caption = " ".join(fig.captions[0].text.split()) if fig.captions else ""
            groups[owner] = {"label": ", ".join(fig.labels) or f"{fig.kind} {owner + 1}", "kind": fig.kind,
                             "caption": caption if len(caption) <= 120 else caption[:117].rstrip() + "\u2026",
                             "findings": []}
        groups[owner]["findings"].append(f)
    out = [groups[k] for k in sorted(groups)]
    if loose:
        out.append({"label": "elsewhere", "kind": "", "caption": "", "findings": loose})
    return len(figures), out


# -- rendering ----------------------------------------------------------------------------------
@functools.cache
def _environment(directory: str | None = None) -> jinja2.Environment:
    loaders = [jinja2.FileSystemLoader(str(TEMPLATES))]
    if directory:
        loaders.insert(0, jinja2.FileSystemLoader(directory))
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.globals["icons"] = ICONS
    env.globals["short_roles"] = SHORT_ROLES
    return env


@functools.cache
def _asset(name: str) -> Markup:
    # Our own stylesheet and script, inlined verbatim (they hold no draft text).
    return Markup((TEMPLATES / name).read_text(encoding="utf-8"))


def _safe_url(url: str | None) -> str | None:
    """Only web links become hrefs (a rule file or plugin cannot smuggle in a javascript: URL)."""
    if url and url.strip().lower().startswith(("https://", "http://")):
        return url.strip()
    return None


def _rules():
    try:
        from ..registry import load_rules

        return load_rules()
    except Exception:
        return {}


def build(results) -> dict:
    """Everything the template shows, computed from the lint results alone."""
    from ..venues import venue_json

    rules = _rules()
    findings: list[Finding] = []
    documents = []
    totals = {s: 0 for s in SEVERITIES}
    families: dict[str, dict] = {}
    n = 0
    for ri, res in enumerate(results):
        doc = res.document
        files = list(doc.files) if doc is not None else []
        by_path = {str(f.path): i for i, f in enumerate(files)}
        spans: dict[int, list] = {i: [] for i in range(len(files))}
        titles: dict[str, str] = {}
        doc_findings = []
        pairs = []
        for d in res.diagnostics:
            n += 1
            fid = f"d{n}"
            sev = str(d.severity)
            fi = by_path.get(d.path)
            rule = rules.get(d.code)
            src = rule.source if rule is not None else {}
            family = d.code.split(".", 1)[0] if "." in d.code else d.code[:2]   # a Vale rule's style
            f = Finding(fid, d.code, d.name, sev, family, d.message, d.file, d.line, d.column,
                        fid if fi is not None else None,
                        summary=rule.summary if rule else "", why=" ".join(rule.why.split()) if rule else "",
                        url=_safe_url(d.url or (rule.url if rule else None)), source_title=src.get("title", ""), source_section=src.get("section", ""))
            findings.append(f)
            doc_findings.append(f)
            pairs.append((d, f))
            totals[sev] += 1
            fam = families.setdefault(f.family, {"code": f.family, "name": FAMILIES.get(f.family, f.family), "total": 0,
                                                 **{s: 0 for s in SEVERITIES}})
            fam["total"] += 1
            fam[sev] += 1
            if fi is not None:
                spans[fi].append((fid, d.start, d.end, sev))
                titles[fid] = f"{d.code} [{sev}] {d.message}"
        views = []
        for i, sf in enumerate(files):
            lines = highlight(sf.text, spans[i], f"r{ri}f{i}", titles, source_styles(doc, i))
            counts = {s: sum(1 for x in spans[i] if x[3] == s) for s in SEVERITIES}
            views.append(FileView(i, f"r{ri}f{i}", sf.display, lines, counts, len(spans[i])))
        n_figures, figures = _figures(doc, pairs)
        title = ""
        if doc is not None and doc.title is not None:
            title = " ".join(doc.title.text.split())
        readability = _readability(doc)
        if readability:
            for row in readability:
                a = row.pop("anchor")
                row["href"] = f"#r{ri}f{a[0]}-L{a[1]}" if a else None
        statistics = _statistics(doc, ri)
        documents.append({
            "index": ri, "root": res.root, "title": title, "error": res.error, "files": views,
            "findings": doc_findings, "roles": _abstract_roles(doc), "readability": readability, "statistics": statistics,
            "n_figures": n_figures, "figures": figures, "format": doc.format if doc is not None else "",
            "counts": {s: sum(1 for f in doc_findings if f.severity == s) for s in SEVERITIES},
            "venue": venue_json(doc),
        })
    fam_list = sorted(families.values(), key=lambda x: (-x["total"], x["code"]))
    top = max((x["total"] for x in fam_list), default=1)
    for x in fam_list:
        x["width"] = round(100 * x["total"] / top, 1)
    total = sum(totals.values())
    heading = documents[0]["title"] if len(documents) == 1 and documents[0]["title"] else (
        documents[0]["root"] if len(documents) == 1 else f"{len(documents)} documents")
    return {"findings": findings, "documents": documents, "totals": totals, "total": total, "families": fam_list,
            "heading": heading, "version": __version__, "severities": SEVERITIES, "role_order": ROLE_ORDER}


def _statistics(doc, ri: int) -> list[dict]:
    """The reported tests, the GRIM/GRIMMER summaries, effect sizes and intervals, as `paperlint stats` lists them."""
    if doc is None:
        return []
    from ..commands.stats import audit

    data = audit(doc)
    index = {f.display: i for i, f in enumerate(doc.files)}
    rows = []
    for r in data["tests"]:
        if r["test"] is None and r["verdict"] == "unchecked":
            continue  # a bare p-value: nothing recomputed
        recomputed = r["p_recomputed"]
        rows.append({"text": r["text"], "href": f"#r{ri}f{index.get(r['file'], 0)}-L{r['line']}", "where": f"{r['file']}:{r['line']}",
                     "check": "p from the statistic", "result": (f"recomputed p = {recomputed:.4g}" if recomputed is not None else r["reason"]),
                     "verdict": r["verdict"].replace("_", " ")})
    for c in data.get("summaries", []):
        detail = f"n = {c['n']}" + (f" x {c['items']} items" if c["items"] != 1 else "") + f"; {c['cue']}"
        if c["nearest_possible"]:
            detail += "; nearest possible " + ", ".join(c["nearest_possible"])
        verdict = c["grim"] if c["grimmer"] in ("not testable", "consistent") or c["grim"] == "impossible" else c["grimmer"]
        rows.append({"text": c["text"], "href": f"#r{ri}f{index.get(c['file'], 0)}-L{c['line']}", "where": f"{c['file']}:{c['line']}",
                     "check": "GRIM" + (" and GRIMMER" if c["sd"] and c["kind"] == "mean" else ""), "result": detail, "verdict": verdict})
    for c in data.get("effect_sizes", []):
        if c["implied_low"] is None:
            continue
        allowed = (f"at most {c['implied_high']:.3g}" if c["implied_low"] == 0 else f"{c['implied_low']:.3g} to {c['implied_high']:.3g}")
        rows.append({"text": c["text"] + " with " + c["test"], "href": f"#r{ri}f{index.get(c['file'], 0)}-L{c['line']}", "where": f"{c['file']}:{c['line']}",
                     "check": "effect size vs test", "result": f"{c['effect']} {allowed} ({c['conversion']})", "verdict": c["verdict"]})
    for c in data.get("intervals", []):
        result = (f"implied p {c['implied_p'][0]:.2g} to {c['implied_p'][1]:.2g}" if c["implied_p"] else
                  f"interval {c['interval_side'] or 'touches'} the null {c['null']:g}") + (f"; {c['skipped_because']}" if c["skipped_because"] else "")
        rows.append({"text": c["text"], "href": f"#r{ri}f{index.get(c['file'], 0)}-L{c['line']}", "where": f"{c['file']}:{c['line']}",
                     "check": "interval vs p", "result": result, "verdict": c["verdict"]})
    return rows


def render(results, settings=None, template: str | None = None, **_) -> str:
    """The report as one HTML page.  `template` names a jinja2 file that replaces ``report.html.j2``."""
    directory = name = None
    if template:
        path = Path(template)
        directory, name = str(path.resolve().parent), path.name
    env = _environment(directory)
    page = env.get_template(name or "report.html.j2")
    data = build(results)
    return page.render(**data, css=_asset("report.css"), js=_asset("report.js"))
