"""`paperlint outline DRAFT`: the narrative skeleton a mentor asks for before reading the prose.

It prints the title; each abstract sentence with its role (context, gap, contribution,
detail, evidence, implication) and the classifier's confidence; the contribution bullets;
the section tree with word counts; each figure and table with the first sentence of its
caption; and the shape findings (AB, ST110-ST150, CT rules). ``--format json`` gives the
same as one object (schema 1.0, documented in the README; fields are only ever added), for
editor plugins that show it as an outline panel.

Exit status: 0, or 2 when the draft or the configuration cannot be read.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

SCHEMA_VERSION = "1.0"
#: The rules whose findings describe the shape of the story.
SHAPE_RULES = ["AB", "ST101", "ST102", "ST110", "ST111", "ST112", "ST120", "ST130", "ST150", "CT"]


def _where(doc, src) -> dict:
    if src is None:
        return {"file": None, "line": None, "column": None}
    f = doc.files[src.file]
    line, col = f.line_col(src.start)
    return {"file": f.display, "line": line, "column": col}


def _span(doc, src) -> dict:
    out = _where(doc, src)
    if src is not None:
        f = doc.files[src.file]
        out["end_line"], out["end_column"] = f.line_col(src.end)
    else:
        out["end_line"] = out["end_column"] = None
    return out


def _clean(text: str) -> str:
    return " ".join(text.split())


def _first_sentence(block) -> str:
    sents = block.sentences
    return _clean(sents[0].text if sents else block.text)


def abstract_data(doc) -> dict | None:
    from ..checks.ab.shape import abstract_blocks, is_structured, shape
    from ..checks.rd.sentences import word_count

    if doc.abstract is None:
        return None
    blocks = abstract_blocks(doc)
    sh = shape(doc)
    sentences = []
    if sh is not None:
        for s in sh.sentences:
            sentences.append({
                "index": s.number,
                "text": _clean(s.text),
                "role": s.role,
                "label": s.label,
                "confidence": round(s.confidence, 3),
                "cues": list(s.cues),
                "note": s.note or None,
                **_span(doc, doc.to_source(s.start, s.end)),
            })
    else:
        from ..checks.ab.shape import abstract_sentences

        for s in abstract_sentences(doc):
            sentences.append({"index": s.number, "text": _clean(s.text), "role": None, "label": None, "confidence": None,
                              "cues": [], "note": None, **_span(doc, doc.to_source(s.start, s.end))})
    return {
        **_where(doc, doc.abstract.src),
        "words": sum(word_count(doc.text[b.start:b.end]) for b in blocks),
        "paragraphs": len(blocks),
        "structured": is_structured(blocks),
        "classifier": sh is not None,
        "shape": sh.outline if sh is not None else None,
        "departures": [{"step": d.step, "sentence": d.sentence.number if d.sentence else None, "text": d.text}
                       for d in (sh.departures if sh is not None else [])],
        "sentences": sentences,
    }


def contributions_data(doc) -> dict | None:
    from ..document.contributions import intro_contributions

    intro, lst, _ = intro_contributions(doc)
    if intro is None or lst is None:
        return None
    return {
        **_where(doc, lst.src),
        "section": _clean(lst.section.title) if lst.section is not None else None,
        "lead": _clean(lst.lead.text) if lst.lead is not None else None,
        "items": [{"text": _clean(b.text), **_where(doc, doc.to_source(b.start, b.end))} for b in lst.items if b.text.strip()],
    }


def _section(doc, sec) -> dict:
    from ..document import structure

    return {
        "title": _clean(sec.title),
        "level": sec.level,
        "words": sec.word_count(),
        "appendix": sec.appendix,
        "implicit": sec.implicit,
        "back_matter": bool(structure.BACK_MATTER.match(sec.title)),
        **_where(doc, sec.src),
        "children": [_section(doc, c) for c in sec.children if c.kind == "section"],
    }


def sections_data(doc) -> list[dict]:
    return [_section(doc, s) for s in doc.top.children if s.kind == "section"]


def figures_data(doc) -> list[dict]:
    out = []
    for fig in doc.figures:
        out.append({
            "kind": fig.kind,
            "label": fig.labels[0] if fig.labels else None,
            "caption": _first_sentence(fig.captions[0]) if fig.captions else None,
            **_where(doc, fig.src),
        })
    return out


def outline(result, settings=None) -> dict:
    """What `paperlint outline` reports for one linted document, as plain data."""
    from ..venues import venue_json

    doc = result.document
    counts = {"error": 0, "warning": 0, "info": 0}
    for d in result.diagnostics:
        counts[str(d.severity)] += 1
    return {
        "title": ({"text": _clean(doc.title.text), **_where(doc, doc.to_source(doc.title.start, doc.title.end))}
                  if doc.title is not None else None),
        "venue": venue_json(doc, settings),
        "abstract": abstract_data(doc),
        "contributions": contributions_data(doc),
        "sections": sections_data(doc),
        "figures": figures_data(doc),
        "findings": [d.to_json() for d in result.diagnostics],
        "summary": counts,
    }


def _text(root: str, data: dict) -> str:
    out: list[str] = []
    title = data["title"]
    out.append(f"{root}")
    out.append(f"Title: {title['text'] if title else '(none found)'}")
    v = data.get("venue")
    if v:
        where = f", {v['file']}:{v['line']}" if v["file"] else ""
        out.append(f"Venue: {v['name']}, {v['mode'] or 'mode not stated'} (from {v['evidence']}{where})")
    else:
        out.append("Venue: (no venue style or class found)")
    out.append("")
    ab = data["abstract"]
    if ab is None:
        out.append("Abstract: (none found)")
    else:
        n = len(ab["sentences"])
        head = f"Abstract ({ab['words']} words, {n} sentence{'s' if n != 1 else ''})"
        if ab["structured"]:
            head += ", structured"
        out.append(head + (f": {ab['shape']}" if ab["shape"] else ""))
        for s in ab["sentences"]:
            text = s["text"] if len(s["text"]) <= 100 else s["text"][:97].rstrip() + "..."
            if s["role"] is None:
                out.append(f"  {s['index']:>2}  {text}")
            else:
                out.append(f"  {s['index']:>2}  {s['role']:<12} {s['confidence']:.2f}  {text}")
        if not ab["classifier"]:
            out.append("  (sentence roles unavailable: the abstract classifier could not be loaded)")
    out.append("")
    co = data["contributions"]
    if co is None:
        out.append("Contributions: (no contributions list found)")
    else:
        k = len(co["items"])
        out.append(f"Contributions ({k} item{'s' if k != 1 else ''}, {co['file']}:{co['line']}):")
        for it in co["items"]:
            text = it["text"] if len(it["text"]) <= 110 else it["text"][:107].rstrip() + "..."
            out.append(f"  - {text}")
    out.append("")
    out.append("Sections (words, subsections included):")

    def walk(secs, depth):
        for s in secs:
            flag = " [appendix]" if s["appendix"] else ""
            title = s["title"] or ("(opening text, read as the introduction)" if s.get("implicit") else "(untitled)")
            out.append(f"  {'  ' * depth}{title}  {s['words']}{flag}  ({s['file']}:{s['line']})")
            walk(s["children"], depth + 1)

    walk(data["sections"], 0)
    if not data["sections"]:
        out.append("  (no sections)")
    out.append("")
    out.append("Figures and tables:")
    for f in data["figures"]:
        name = f["label"] or f["kind"]
        cap = f["caption"] or "(no caption)"
        cap = cap if len(cap) <= 100 else cap[:97].rstrip() + "..."
        out.append(f"  {f['kind']:<6} {name}  ({f['file']}:{f['line']}): {cap}")
    if not data["figures"]:
        out.append("  (none)")
    out.append("")
    findings = data["findings"]
    out.append("Shape findings:" if findings else "Shape findings: none")
    for d in findings:
        out.append(f"  {d['file']}:{d['line']}:{d['column']}: {d['code']} [{d['severity']}] {d['message']}")
    return "\n".join(out) + "\n"


@click.command("outline")
@click.argument("draft", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False), default=None, help="Use this paperlint.toml or pyproject.toml.")
def command(draft: Path, fmt: str, config: str | None):
    """Print the narrative skeleton of DRAFT: title, abstract roles, contributions, sections, figures.

    Each abstract sentence is shown with its role (context, gap, contribution, detail,
    evidence, implication) and the classifier's confidence, then the contributions list,
    the section tree with word counts, every figure and table with the first sentence of
    its caption, and the findings of the shape rules (AB, ST110-ST150, CT).
    """
    from ..config import ConfigError, find_config, load_settings
    from ..engine import lint_path

    try:
        settings = load_settings(Path(config) if config else find_config(draft))
    except ConfigError as exc:
        click.echo(f"paperlint: configuration error: {exc}", err=True)
        sys.exit(2)
    settings.select = list(SHAPE_RULES)
    settings.extend_select = []
    result = lint_path(draft, settings, Path.cwd())
    if result.error is not None or result.document is None:
        msg = result.error or "; ".join(d.message for d in result.diagnostics) or "cannot read the draft"
        click.echo(f"paperlint: {msg}", err=True)
        sys.exit(2)
    data = outline(result, settings)
    if fmt == "json":
        payload = {"schema_version": SCHEMA_VERSION, "root": result.root, "format": result.document.format, **data}
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        click.echo(_text(result.root, data), nl=False)
