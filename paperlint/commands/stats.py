"""`paperlint stats DRAFT`: every reported statistic, recomputed: the audit view.

For each test and p-value the draft reports (prose, LaTeX math, tables, verbatim R output)
it prints where it is, what it says, the p-value recomputed from the statistic and degrees of
freedom, and the verdict (consistent, inconsistent, decision error, or unchecked with the
reason), then the statements that set the significance threshold.  ``--format json`` gives
the same as one object (schema 1.0; fields are only ever added).

Means, SDs and percentages of a group are checked against integer data (GRIM, GRIMMER),
effect sizes against the test beside them (EV108) and confidence intervals against their p
(EV109); each is listed after the tests with the numbers that decided it.

Exit status: 0, or 1 with ``--strict`` when a report is inconsistent, a summary impossible, an
effect size or an interval at odds with its test; 2 when the draft
cannot be read.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

SCHEMA_VERSION = "1.0"
_STATUS_WORD = {
    "consistent": "consistent",
    "inconsistent": "INCONSISTENT",
    "decision_error": "DECISION ERROR",
    "unchecked": "unchecked",
}


def _fmt(x: float | None) -> str | None:
    if x is None:
        return None
    if x == 0:
        return "0"
    if x < 0.001:
        return f"{x:.2g}"
    return f"{x:.4f}".rstrip("0").rstrip(".")


def _num(x: float | None):
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def audit(doc, alpha: float = 0.05) -> dict:
    """What `paperlint stats` reports for one document, as plain data."""
    from ..checks.ev.reporting import Report, fmt_p, reports
    from ..stats.check import check, p_is_impossible
    from ..stats.found import blanked_text
    from ..stats.thresholds import find_thresholds

    rows = []
    for rep in reports(doc):
        t = rep.test
        f = doc.files[rep.found.src.file]
        line, col = f.line_col(rep.found.src.start)
        end_line, end_col = f.line_col(rep.found.src.end)
        v = check(t, alpha) if alpha != 0.05 else rep.found.verdict
        relaxed = rep.relaxed(v) if isinstance(rep, Report) else v
        status = v.status
        reason = v.reason
        if relaxed is None:
            status = "consistent"
            reason += "; the p-value is described as corrected for multiple comparisons, so it may exceed the recomputed one"
        rows.append({
            "file": f.display,
            "line": line,
            "column": col,
            "end_line": end_line,
            "end_column": end_col,
            "text": " ".join(f.text[rep.found.src.start:rep.found.src.end].split()),
            "test": t.test,
            "q_type": t.q_type,            # a meta-analytic Q's type: within, between, or null
            "df1": _num(t.df1),
            "df2": _num(t.df2),
            "statistic": t.stat,
            "statistic_text": t.stat_text,
            "statistic_op": t.stat_op,
            "n": _num(t.n),
            "p_reported": None if t.p_op is None else fmt_p(rep.found),
            "p_op": t.p_op,
            "p": t.p,
            "p_text": t.p_text,
            "p_qualifier": (t.qualifier or "").strip() or None,
            "p_recomputed": v.recomputed,
            "p_recomputed_interval": list(v.interval) if v.interval else None,
            "tails": None if t.test is None else ("one-sided by construction" if t.test in ("F", "chi2", "Q") else ("two-tailed, or one-tailed as the text says" if t.one_tailed else "two-tailed")),
            "one_tailed": t.one_tailed,
            "verdict": status,
            "reason": reason,
            "impossible": p_is_impossible(t),
            "threshold_statement": rep.threshold,
            "bayesian": rep.found.bayesian,
            "corrected": rep.corrected,
            "in_abstract": rep.in_abstract,
        })
    thresholds = []
    for fi, f in enumerate(doc.files):
        for th in find_thresholds(blanked_text(doc, fi), doc.format):
            line, col = f.line_col(th.start)
            thresholds.append({"file": f.display, "line": line, "column": col, "text": th.text})
    for row in rows:
        if row["threshold_statement"]:
            thresholds.append({"file": row["file"], "line": row["line"], "column": row["column"], "text": row["text"]})
    thresholds.sort(key=lambda r: (r["file"], r["line"], r["column"]))
    summary = {k: sum(1 for r in rows if r["verdict"] == k) for k in ("consistent", "inconsistent", "decision_error", "unchecked")}
    summary["reports"] = len(rows)
    summary["with_statistic"] = sum(1 for r in rows if r["test"] is not None)
    summary["impossible"] = sum(1 for r in rows if r["impossible"])
    consistency = summary_checks(doc)
    summary["grim_impossible"] = sum(1 for c in consistency if c["grim"] == "impossible")
    summary["grimmer_impossible"] = sum(1 for c in consistency if c["grimmer"] == "impossible")
    effects, intervals = effect_checks(doc), interval_checks(doc)
    summary["effect_size_mismatch"] = sum(1 for c in effects if c["verdict"] == "mismatch")
    summary["interval_flip"] = sum(1 for c in intervals if c["verdict"] == "significance flips")
    summary["interval_far"] = sum(1 for c in intervals if c["verdict"] == "p far from interval")
    return {"tests": rows, "thresholds": thresholds, "summary": summary, "summaries": consistency,
            "effect_sizes": effects, "intervals": intervals}


def effect_checks(doc) -> list[dict]:
    """Effect sizes beside a t or F test, against the range the test allows (EV108)."""
    from ..checks.ev.effects import _KIND_NAME, effects_and_intervals, test_text

    word = {True: "consistent", False: "mismatch", None: "not judged"}
    out = []
    for fi, e in effects_and_intervals(doc)[0]:
        f = doc.files[fi]
        line, col = f.line_col(e.start)
        rng = e.implied()
        out.append({
            "file": f.display, "line": line, "column": col, "text": " ".join(f.text[e.start:e.end].split()),
            "effect": _KIND_NAME[e.kind], "value": e.value_text.replace(" ", ""), "test": test_text(e),
            "design": e.design, "group_sizes": list(e.groups) if e.groups else None,
            "implied_low": rng[0] if rng else None, "implied_high": rng[1] if rng else None,
            "conversion": rng[2] if rng else None, "verdict": word[e.verdict()],
        })
    return out


def interval_checks(doc) -> list[dict]:
    """Confidence intervals against the p printed with them (EV109)."""
    from ..checks.ev.effects import effects_and_intervals, pretty

    out = []
    for fi, r in effects_and_intervals(doc)[1]:
        f = doc.files[fi]
        line, col = f.line_col(r.start)
        flip, far, implied = r.flip(), r.far(), r.implied_p()
        verdict = ("significance flips" if flip else "p far from interval" if far else
                   "not judged" if r.skip or (r.side() is None and implied is None) else "consistent")
        out.append({
            "file": f.display, "line": line, "column": col, "text": " ".join(f.text[r.start:r.p_end].split()),
            "estimate_label": pretty(r.label), "estimate": r.estimate, "level": r.level, "low": r.lo, "high": r.hi,
            "null": r.null, "scale": "log" if r.ratio else "linear", "p_reported": f"p {r.p_op} {r.p_text}",
            "interval_side": r.side(), "implied_p": list(implied) if implied else None,
            "skipped_because": r.skip, "verdict": verdict, "detail": flip,
        })
    return out


def summary_checks(doc) -> list[dict]:
    """Means, SDs and percentages of a group judged by GRIM (EV106) and GRIMMER (EV107)."""
    from ..checks.ev.grim import summaries

    word = {True: "consistent", False: "impossible", None: "not testable"}
    out = []
    for fi, s in summaries(doc):
        f = doc.files[fi]
        line, col = f.line_col(s.start)
        grim = s.grim()
        out.append({
            "file": f.display, "line": line, "column": col,
            "text": " ".join(f.text[s.start:s.end].split()),
            "kind": s.kind, "value": s.value_text, "sd": s.sd_text, "n": s.n, "items": s.items,
            "granularity": s.grain, "cue": s.cue,
            "grim": word[grim], "grimmer": word[s.grimmer()],
            "nearest_possible": s.nearest() if grim is False else None,
        })
    return out


def _text(root: str, data: dict, alpha: float) -> str:
    out = []
    rows = data["tests"]
    s = data["summary"]
    if not rows:
        out.append(f"{root}: no reported statistics found.")
    for r in rows:
        where = f"{r['file']}:{r['line']}:{r['column']}"
        out.append(f"{where}: {r['text']}")
        bits = []
        if r["test"] is not None:
            dfs = ", ".join(str(d) for d in (r["df1"], r["df2"]) if d is not None)
            name = {"chi2": "chi-square"}.get(r["test"], r["test"])
            bits.append(f"{name}{f'({dfs})' if dfs else ''} {r['statistic_op'] or '='} {r['statistic_text']}")
        bits.append(f"reported {r['p_reported'] or 'no p'}")
        if r["p_recomputed"] is not None:
            lo, hi = r["p_recomputed_interval"] or (None, None)
            rng = f" [{_fmt(lo)}, {_fmt(hi)}]" if lo is not None and _fmt(lo) != _fmt(hi) else ""
            bits.append(f"recomputed p = {_fmt(r['p_recomputed'])}{rng}")
        if r["n"] is not None:
            bits.append(f"N = {r['n']}")
        flags = [name for key, name in (("threshold_statement", "threshold"), ("bayesian", "Bayesian"), ("corrected", "corrected"),
                                        ("in_abstract", "abstract"), ("one_tailed", "one-tailed")) if r[key]]
        if flags:
            bits.append("(" + ", ".join(flags) + ")")
        out.append("    " + " · ".join(bits) + f" → {_STATUS_WORD[r['verdict']]}")
        if r["impossible"] or (r["verdict"] != "consistent" and r["test"] is not None):
            out.append(f"    {r['impossible'] or r['reason']}")
    if data.get("summaries"):
        out.append("")
        out.append("Summaries checked against integer data (GRIM, GRIMMER):")
        for c in data["summaries"]:
            what = f"{c['value']}% of {c['n']}" if c["kind"] == "percent" else \
                f"M = {c['value']}" + (f", SD = {c['sd']}" if c["sd"] else "") + f", n = {c['n']}" + (f" x {c['items']} items" if c["items"] != 1 else "")
            verdict = f"GRIM {c['grim']}" + (f" (nearest possible: {', '.join(c['nearest_possible'])})" if c["nearest_possible"] else "")
            if c["kind"] == "mean" and c["sd"]:
                verdict += f" · GRIMMER {c['grimmer']}"
            out.append(f"  {c['file']}:{c['line']}:{c['column']}: {what} ({c['cue']}) → {verdict}")
    if data.get("effect_sizes"):
        out.append("")
        out.append("Effect sizes checked against their test:")
        for c in data["effect_sizes"]:
            rng = ("" if c["implied_low"] is None else
                   f" (allowed {'at most ' + _fmt(c['implied_high']) if c['implied_low'] == 0 else _fmt(c['implied_low']) + ' to ' + _fmt(c['implied_high'])}: {c['conversion']})")
            out.append(f"  {c['file']}:{c['line']}:{c['column']}: {c['effect']} = {c['value']} with {c['test']}{rng} → {c['verdict']}")
    if data.get("intervals"):
        out.append("")
        out.append("Confidence intervals checked against their p:")
        for c in data["intervals"]:
            implied = f"; implied p {_fmt(c['implied_p'][0])} to {_fmt(c['implied_p'][1])}" if c["implied_p"] else ""
            why = f" ({c['skipped_because']})" if c["skipped_because"] else ""
            out.append(f"  {c['file']}:{c['line']}:{c['column']}: {c['estimate_label']} = {c['estimate']}, {c['level']:g}% CI [{c['low']}, {c['high']}], "
                       f"{c['p_reported']}{implied} → {c['verdict']}{why}")
    if data["thresholds"]:
        out.append("")
        out.append("Significance thresholds stated:")
        for t in data["thresholds"]:
            out.append(f"  {t['file']}:{t['line']}:{t['column']}: {t['text']}")
    out.append("")
    out.append(
        f"{s['reports']} report{'s' if s['reports'] != 1 else ''} ({s['with_statistic']} with a test statistic): "
        f"{s['consistent']} consistent, {s['inconsistent']} inconsistent, {s['decision_error']} decision error{'s' if s['decision_error'] != 1 else ''}, "
        f"{s['unchecked']} unchecked; alpha = {alpha:g}."
    )
    return "\n".join(out) + "\n"


@click.command("stats")
@click.argument("draft", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@click.option("--alpha", type=float, default=0.05, show_default=True, help="Significance level for decision errors.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False), default=None, help="Use this paperlint.toml or pyproject.toml.")
@click.option("--strict", is_flag=True, help="Exit with 1 when a report is inconsistent or a decision error, a summary fails GRIM or GRIMMER, an effect size does not fit its test, or an interval disagrees with its p.")
def command(draft: Path, fmt: str, alpha: float, config: str | None, strict: bool):
    """List every statistical test and p-value in DRAFT with the p-value recomputed from it.

    Reads prose, LaTeX math, tables and verbatim R output (t, F, chi-square, r, z and Q
    tests with their degrees of freedom, and bare p-values), and checks each reported p
    against its statistic, allowing for rounding (the statcheck method).
    """
    from . import read_draft

    if not 0 < alpha < 1:
        raise click.UsageError("--alpha must be between 0 and 1")
    _, doc = read_draft(draft, config)
    data = audit(doc, alpha)
    if fmt == "json":
        payload = {"schema_version": SCHEMA_VERSION, "root": doc.root.display, "alpha": alpha, **data}
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        click.echo(_text(doc.root.display, data, alpha), nl=False)
    if strict and (data["summary"]["inconsistent"] or data["summary"]["decision_error"]
                   or data["summary"]["grim_impossible"] or data["summary"]["grimmer_impossible"]
                   or data["summary"]["effect_size_mismatch"] or data["summary"]["interval_flip"] or data["summary"]["interval_far"]):
        sys.exit(1)
