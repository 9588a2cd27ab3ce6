"""FG120: colours in the included figure files that collapse for red-green colour-blind readers."""
from __future__ import annotations

from ... import lazyre

from ...diagnostics import Severity
from ...figures import floats as fl_
from ...figures import xcolor
from ...figures.paths import resolve_graphic
from ..base import Check

PAGE = lazyre.compile(r"\bpage\s*=\s*\{?\s*(\d+)")
MAX_PAIRS_SHOWN = 2


class ColourBlindUnsafeFigure(Check):
    code = "FG120"

    def run(self, doc, ctx):
        images = _images(doc)
        if not images:
            return
        from ...project import project_root

        root = project_root(doc.root.path)
        try:
            from ...figures.cache import FigureCache
            from ...figures.imageload import ImageError
        except ImportError:  # pragma: no cover - the engine modules import nothing optional at import time
            return
        from ...figures.paths import text_macros

        macros = text_macros(doc) if doc.format == "latex" else {}
        cache = FigureCache(enabled=ctx.options["cache"])
        done: dict[tuple, object] = {}
        missing_extra = None
        outside: list = []
        try:
            for raw, src in images:
                found = resolve_graphic(doc, raw, src.file, root, macros)
                if found.remote:
                    continue
                if found.path is None:
                    if found.problem.startswith("the file is outside"):
                        outside.append((src, found))
                        continue
                    yield ctx.report(src=src, severity=Severity.INFO, message=f"Figure file '{found.name}' not checked for colour blindness: {found.problem}.")
                    continue
                m = PAGE.search(doc.source_text(src)) if doc.format == "latex" else None
                page = max(int(m.group(1)) - 1, 0) if m else 0
                key = (found.path, page)
                if key not in done:
                    try:
                        done[key] = cache.analyse(found.path, page=page)
                    except ImageError as exc:
                        done[key] = exc
                result = done[key]
                if isinstance(result, ImageError):
                    if not result.cacheable and "not installed" in result.reason:
                        missing_extra = missing_extra or (src, result.reason)
                        continue
                    yield ctx.report(src=src, severity=Severity.INFO, message=f"Figure file '{found.name}' not checked for colour blindness: {result.reason}.")
                    continue
                if result:
                    hint = "<!-- paperlint: ignore[FG120] -->" if doc.format == "markdown" else "% paperlint: ignore[FG120]"
                    yield ctx.report(src=src, ignore=hint, **_fields(result))
        finally:
            cache.save()
        if outside:
            src, found = outside[0]
            others = f" (and {len(outside) - 1} more figure file{'s' if len(outside) > 2 else ''})" if len(outside) > 1 else ""
            yield ctx.report(src=src, severity=Severity.INFO,
                             message=f"Figure file '{found.name}'{others} not checked for colour blindness: {found.problem}.")
        if missing_extra is not None:
            src, reason = missing_extra
            yield ctx.report(src=src, severity=Severity.INFO,
                             message=f"The figures' colours were not checked: {reason}.")


def _images(doc):
    """The images to check: every \\includegraphics; in Markdown, images that stand as figures (not inline icons)."""
    if doc.format != "markdown":
        return list(doc.images)  # the reader records only images placed in the draft, never ones inside macro bodies
    keep = {id(f.figure.graphics[0][1]) for f in fl_.floats(doc) if f.standalone and f.figure.graphics}
    return [(raw, src) for raw, src in doc.images if id(src) in keep]


def _fields(pairs) -> dict:
    """One finding per image: colour pairs grouped (a pair that collapses for both deficiencies is one pair)."""
    grouped: dict[frozenset, dict] = {}
    for p in pairs:
        g = grouped.setdefault(frozenset((p.colour_a, p.colour_b)), {"pair": p, "def": [], "sim": p.simulated_distance})
        g["def"].append(p.deficiency)
        g["sim"] = min(g["sim"], p.simulated_distance)
    items = sorted(grouped.values(), key=lambda g: (-min(g["pair"].share_a, g["pair"].share_b), g["sim"]))
    shown = []
    for g in items[:MAX_PAIRS_SHOWN]:
        p = g["pair"]
        who = " and ".join(sorted(set(g["def"]), reverse=True))
        shown.append(f"{p.colour_a} ({_name(p.colour_a)}) and {p.colour_b} ({_name(p.colour_b)}): "
                     f"distance {p.normal_distance:.0f} in normal vision, {g['sim']:.0f} under {who}")
    more = len(items) - len(shown)
    pairs = "; ".join(shown) + (f"; and {more} more pair{'s' if more > 1 else ''}" if more > 0 else "")
    return {"pairs": pairs}


def _name(hex_: str) -> str:
    return xcolor.describe(tuple(int(hex_[i : i + 2], 16) / 255 for i in (1, 3, 5)))
