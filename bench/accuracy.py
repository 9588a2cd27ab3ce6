"""How often paperlint is right on real papers: per-rule findings, precision and recall.

    python bench/accuracy.py                         # the development corpus (bench/corpus) and ../shared/corpus
    python bench/accuracy.py --split held-out        # only the papers kept aside for measuring
    python bench/accuracy.py --rule JG102 --sample 20  # findings of JG102 nobody has read yet, with their source lines
    python bench/accuracy.py --json out.json         # every figure, and every finding

Three kinds of figures, each from what people read in the papers (bench/corpus/README.md):

* **labels** (`bench/corpus/labels/<id>.json`, and `labels.json` of ../shared/corpus): ST101,
  ST102, ST110 and ST120 against the structure labels; JG101 and JG102 against every acronym's
  verdict (precision over the findings, recall over the acronyms that needed a finding, and
  whether the finding sits on the labelled first use); the abstract classifier's sentence roles.
* **verdicts** (`bench/corpus/verdicts.tsv`): findings read one by one and judged right or
  wrong; the precision of every rule is the share of its read findings that were right.
* **counts**: findings per rule and severity, on `dev` and `held-out` papers.

Papers are linted in-process with the default rules and settings, as a new user runs paperlint.
Papers missing from bench/corpus/papers/ (see build.py) are skipped with a note.
"""
from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import random
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
SHARED = HERE.parent.parent / "shared" / "corpus"
STRUCTURE = {"ST101": "abstract", "ST102": "introduction", "ST110": "contributions_list", "ST120": "limitations",
             "ST120|ST121": "limitations_heading"}
# ../shared/corpus labels a limitations *section* only: ST120 (no limit named) and ST121 (limits
# named, no heading) together say "no limitations heading"; ST120 alone is scored against it too,
# as the issue that set the bar did, though limits named in a Discussion keep ST120 silent.
SHARED_STRUCTURE = {"ST101": "abstract_present", "ST110": "contributions_list", "ST120": "limitations_section",
                    "ST120|ST121": "limitations_section"}
ACRONYM_RULES = {"JG101": "used-before-definition", "JG102": "never-defined"}
ACRONYM_IN_MESSAGE = re.compile(r"^'([^']+)'")
SEVERITY = {"info": 1, "warning": 2, "error": 3}


# -- the papers -------------------------------------------------------------------------------
def papers(args) -> list[dict]:
    rows = []
    manifest = CORPUS / "MANIFEST.tsv"
    if manifest.exists():
        for r in csv.DictReader(manifest.open(encoding="utf-8"), delimiter="\t"):
            folder = CORPUS / "papers" / r["id"]
            label_file = CORPUS / "labels" / f"{r['id']}.json"
            rows.append({**r, "group": "dev-corpus", "folder": str(folder),
                         "labels": json.loads(label_file.read_text()) if label_file.exists() else {}})
    if args.shared and (SHARED / "MANIFEST.tsv").exists():
        shared_labels = json.loads((SHARED / "labels.json").read_text())
        for r in csv.DictReader((SHARED / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t"):
            lab = shared_labels.get(r["id"], {})
            structure = {v: lab.get(v) for v in SHARED_STRUCTURE.values() if v in lab}
            rows.append({**r, "group": "shared", "split": "shared", "folder": str(SHARED / r["id"]),
                         "labels": {"structure": structure, "_shared": True}})
    if args.split:
        rows = [r for r in rows if r.get("split") == args.split]
    if args.only:
        rows = [r for r in rows if r["id"] in args.only]
    return rows


def lint_one(row: dict) -> dict:
    """Lint one paper from its folder (as a user would, cwd = the paper's folder)."""
    from paperlint.config import Settings
    from paperlint.engine import lint_path

    folder = Path(row["folder"])
    main = folder / row["main_file"]
    out = {"id": row["id"], "findings": [], "roles": None, "error": None}
    if not main.exists():
        out["error"] = "not built"
        return out
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        result = lint_path(Path(row["main_file"]), Settings(), cwd=folder)
    except Exception as exc:  # a crash is a finding of this script, never hidden
        out["error"] = f"crash: {type(exc).__name__}: {exc}"
        return out
    finally:
        os.chdir(cwd)
    if result.error:
        out["error"] = result.error
    for d in result.diagnostics:
        out["findings"].append({"code": d.code, "severity": str(d.severity), "file": d.file, "line": d.line,
                                "column": d.column, "message": d.message})
    doc = result.document
    if doc is not None and row.get("labels", {}).get("statistics"):
        from paperlint.checks.ev.effects import effects_and_intervals
        from paperlint.checks.ev.grim import summaries
        from paperlint.stats.found import document_tests

        effects, intervals = effects_and_intervals(doc)
        out["statistics"] = {
            "tests": sum(1 for t in document_tests(doc) if t.test.test and t.test.p is not None),
            "effect_sizes_beside_tests": len(effects),
            "effect_sizes_judged": sum(1 for _, e in effects if e.verdict() is not None),
            "intervals_with_p": len(intervals),
            "intervals_judged": sum(1 for _, r in intervals if not r.skip and (r.side() is not None or r.implied_p() is not None)),
            "likert_means": sum(1 for _, x in summaries(doc) if x.kind == "mean"),
        }
    if doc is not None and row.get("labels", {}).get("abstract_roles"):
        from paperlint.checks.ab.shape import role_positions

        out["roles"] = [{"at": f"{f}:{line}:{col}", "role": role} for f, line, col, role in role_positions(doc)]
    return out


# -- scoring ----------------------------------------------------------------------------------
def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "-"


def structure_scores(rows, results) -> dict:
    """For each structure rule: its findings say 'this part is missing'; the label says whether it is."""
    out = {}
    for code, key in STRUCTURE.items():
        tp = fp = fn = tn = 0
        wrong = []
        for r in rows:
            labels = r["labels"].get("structure", {})
            k = SHARED_STRUCTURE.get(code, key) if r["labels"].get("_shared") else key
            if code == "ST102" and r["labels"].get("_shared"):
                continue
            if labels.get(k) is None:
                continue
            res = results[r["id"]]
            if res["error"] == "not built":
                continue
            fired = any(f["code"] in code.split("|") for f in res["findings"])
            missing = not labels[k]
            if fired and missing:
                tp += 1
            elif fired:
                fp += 1
                wrong.append(f"{r['id']} (fires, but the label says present)")
            elif missing:
                fn += 1
                wrong.append(f"{r['id']} (silent, but the label says missing)")
            else:
                tn += 1
        out[code] = {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "agree": tp + tn, "papers": tp + fp + fn + tn, "disagreements": wrong}
    return out


def _line_of(pos: str | None) -> tuple[str, int] | None:
    """('path', line) of a label position written path:line or path:line:col."""
    m = re.match(r"^(.*?):(\d+)(?::\d+)?$", pos or "")
    return (m.group(1), int(m.group(2))) if m else None


def _norm_path(p: str) -> str:
    return os.path.normpath(p).lstrip("./")


def acronym_scores(rows, results) -> dict:
    out = {}
    labelled = [r for r in rows if r["labels"].get("acronyms")]
    for code, verdict in ACRONYM_RULES.items():
        tp = fp = unl = 0
        placed = 0
        should = found = 0
        wrong, missed, unlabelled = [], [], []
        for r in labelled:
            acr = r["labels"]["acronyms"]
            res = results[r["id"]]
            fired = {}
            for f in res["findings"]:
                if f["code"] != code:
                    continue
                m = ACRONYM_IN_MESSAGE.match(f["message"])
                if m:
                    fired.setdefault(m.group(1), f)
            for key, f in fired.items():
                lab = acr.get(key)
                if lab is None:
                    unl += 1
                    unlabelled.append(f"{r['id']}:{key} ({f['file']}:{f['line']})")
                elif lab["verdict"] == verdict:
                    tp += 1
                    first = _line_of(lab.get("first_use"))
                    if first and _norm_path(first[0]) == _norm_path(f["file"]) and first[1] == f["line"]:
                        placed += 1
                else:
                    fp += 1
                    wrong.append(f"{r['id']}:{key} is {lab['verdict']} ({f['file']}:{f['line']})")
            for key, lab in acr.items():
                if lab["verdict"] == verdict:
                    should += 1
                    if key in fired:
                        found += 1
                    else:
                        missed.append(f"{r['id']}:{key} ({lab.get('first_use')})")
        out[code] = {"papers": len(labelled), "findings": tp + fp + unl, "right": tp, "wrong": fp, "unlabelled": unl,
                     "precision": (tp / (tp + fp + unl)) if tp + fp + unl else None,
                     "recall": (found / should) if should else None, "needed": should, "found": found,
                     "on_first_use": placed, "wrong_list": wrong, "missed_list": missed, "unlabelled_list": unlabelled}
    return out


def role_scores(rows, results) -> dict:
    total = right = matched = 0
    confusion = collections.Counter()
    per_paper = {}
    for r in rows:
        gold = r["labels"].get("abstract_roles")
        res = results[r["id"]]
        if not gold or res["roles"] is None:
            continue
        pred = {p["at"]: p["role"] for p in res["roles"]}
        ok = 0
        for g in gold:
            total += 1
            p = pred.get(g["at"])
            if p is not None:
                matched += 1
            confusion[(g["role"], p)] += 1
            if p == g["role"]:
                right += 1
                ok += 1
        per_paper[r["id"]] = (ok, len(gold))
    return {"sentences": total, "aligned": matched, "right": right, "accuracy": right / total if total else None,
            "abstracts": len(per_paper), "confusion": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items(), key=lambda x: -x[1])},
            "per_paper": per_paper}


def read_verdicts() -> dict:
    path = CORPUS / "verdicts.tsv"
    out = {}
    if path.exists():
        for v in csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"):
            out[(v["id"], v["code"], _norm_path(v["file"]), int(v["line"]))] = v
    return out


def verdict_scores(rows, results, verdicts) -> dict:
    by_rule = collections.defaultdict(lambda: collections.Counter())
    for r in rows:
        for f in results[r["id"]]["findings"]:
            v = verdicts.get((r["id"], f["code"], _norm_path(f["file"]), f["line"]))
            c = by_rule[(f["code"], f["severity"])]
            c["findings"] += 1
            c[f"findings_{r.get('split') or 'dev'}"] += 1
            if v is not None:
                c["read"] += 1
                c[v["verdict"]] += 1
    return by_rule


# -- output ---------------------------------------------------------------------------------------
def print_report(rows, results, args) -> dict:
    verdicts = read_verdicts()
    counts = collections.defaultdict(collections.Counter)
    for r in rows:
        for f in results[r["id"]]["findings"]:
            counts[f["code"]][(r.get("split") or "dev", f["severity"])] += 1
    errors = {i: res["error"] for i, res in results.items() if res["error"]}
    built = [r for r in rows if results[r["id"]]["error"] != "not built"]
    splits = collections.Counter(r.get("split") or "dev" for r in built)
    print(f"papers linted: {len(built)} ({', '.join(f'{k} {v}' for k, v in sorted(splits.items()))})")
    for i, e in sorted(errors.items()):
        print(f"  {i}: {e}")
    vs = verdict_scores(built, results, verdicts)
    print("\nfindings per rule and severity (count on dev / held-out / shared), and read verdicts of warnings and errors")
    print(f"  {'rule':<6} {'severity':<8} {'dev':>5} {'held':>5} {'shared':>6}  {'read':>5} {'right':>5} {'wrong':>5} {'debat':>5}  right/(right+wrong)")
    for code in sorted(counts):
        c = counts[code]
        for sev in sorted({s for _, s in c}, key=lambda s: -SEVERITY[s]):
            dev = c[("dev", sev)]
            held = c[("held-out", sev)]
            shared = c[("shared", sev)]
            v = vs[(code, sev)]
            prec = ratio(v["right"], v["right"] + v["wrong"])
            print(f"  {code:<6} {sev:<8} {dev:>5} {held:>5} {shared:>6}  {v['read']:>5} {v['right']:>5} {v['wrong']:>5} {v['debatable']:>5}  {prec}")
    st = structure_scores(built, results)
    print("\nstructure rules against the labels (a finding says the part is missing)")
    for code, s in st.items():
        print(f"  {code}: agree {s['agree']}/{s['papers']}  (fires rightly {s['tp']}, wrongly {s['fp']}; silent wrongly {s['fn']})"
              f"  precision {ratio(s['tp'], s['tp'] + s['fp'])} recall {ratio(s['tp'], s['tp'] + s['fn'])}")
        for w in s["disagreements"][: args.show]:
            print(f"      {w}")
    ac = acronym_scores(built, results)
    print("\nacronym rules against the labelled acronyms")
    for code, a in ac.items():
        p = "-" if a["precision"] is None else f"{a['precision']:.2f}"
        rc = "-" if a["recall"] is None else f"{a['recall']:.2f}"
        print(f"  {code}: {a['papers']} papers, {a['findings']} findings: right {a['right']}, wrong {a['wrong']}, not labelled {a['unlabelled']}"
              f"; precision {p}; recall {rc} ({a['found']}/{a['needed']}); on the labelled first use {a['on_first_use']}/{a['right']}")
        for w in (a["wrong_list"] + a["unlabelled_list"])[: args.show]:
            print(f"      wrong: {w}")
        for w in a["missed_list"][: args.show]:
            print(f"      missed: {w}")
    tp = sum(a["right"] for a in ac.values())
    allf = sum(a["findings"] for a in ac.values())
    need = sum(a["needed"] for a in ac.values())
    fnd = sum(a["found"] for a in ac.values())
    print(f"  JG101+JG102: precision {ratio(tp, allf)}, recall {ratio(fnd, need)}")
    rs = role_scores(built, results)
    acc = "-" if rs["accuracy"] is None else f"{rs['accuracy']:.3f}"
    print(f"\nabstract roles: {rs['right']}/{rs['sentences']} sentences right ({acc}) in {rs['abstracts']} abstracts; "
          f"{rs['aligned']} aligned with a predicted sentence")
    print("  most frequent (label->predicted): " + ", ".join(f"{k} {v}" for k, v in list(rs["confusion"].items())[:12]))
    stat_rows = [r for r in built if r.get("labels", {}).get("statistics") and results[r["id"]].get("statistics")]
    if stat_rows:
        keys = ("tests", "effect_sizes_beside_tests", "intervals_with_p", "likert_means")
        print("\nstatistics read by EV104-EV109 against the counts labelled by hand (labelled/read; read can exceed"
              " the label where a table or a repeated copy was not counted)")
        totals = collections.Counter()
        for r in stat_rows:
            lab, got = r["labels"]["statistics"], results[r["id"]]["statistics"]
            cells = []
            for k in keys:
                want = int(lab.get(k) or 0)
                have = got[k]
                totals[k, "labelled"] += want
                totals[k, "read"] += have
                totals[k, "found"] += min(want, have)
                cells.append(f"{k.replace('_beside_tests', '').replace('_with_p', '')} {want}/{have}")
            print(f"  {r['id']:<34} {r.get('split') or 'dev':<8} " + ", ".join(cells)
                  + f"; judged: effect sizes {got['effect_sizes_judged']}, intervals {got['intervals_judged']}")
        print("  recall (found/labelled): " + ", ".join(
            f"{k} {totals[k, 'found']}/{totals[k, 'labelled']} ({ratio(totals[k, 'found'], totals[k, 'labelled'])})" for k in keys))
    if args.sample:
        sample(built, results, verdicts, args)
    return {"structure": st, "acronyms": ac, "roles": rs, "counts": {k: {f"{a}/{b}": n for (a, b), n in v.items()} for k, v in counts.items()},
            "verdicts": {f"{k[0]}/{k[1]}": dict(v) for k, v in vs.items()}, "errors": errors}


def sample(rows, results, verdicts, args) -> None:
    rng = random.Random(args.seed)
    pool = []
    for r in rows:
        for f in results[r["id"]]["findings"]:
            if args.rule and not any(f["code"].startswith(x) for x in args.rule):
                continue
            if args.min_severity and SEVERITY[f["severity"]] < SEVERITY[args.min_severity]:
                continue
            if (r["id"], f["code"], _norm_path(f["file"]), f["line"]) in verdicts:
                continue
            pool.append((r, f))
    rng.shuffle(pool)
    print(f"\nunread findings: {len(pool)}; a sample of {min(args.sample, len(pool))}:")
    for r, f in pool[: args.sample]:
        path = Path(r["folder"]) / f["file"]
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
            ctx = lines[f["line"] - 1].strip()[:200]
        except OSError:
            ctx = "(file not readable)"
        print(f"- {r['id']}\t{f['code']}\t{f['file']}\t{f['line']}\t[{r.get('split')}, {f['severity']}] {f['message'][:300]}")
        print(f"      | {ctx}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=["dev", "held-out", "shared"], help="only these papers")
    ap.add_argument("--only", action="append", help="only this paper id (may repeat)")
    ap.add_argument("--no-shared", dest="shared", action="store_false", help="leave out ../shared/corpus")
    ap.add_argument("--rule", action="append", help="with --sample: only findings of this code or prefix")
    ap.add_argument("--sample", type=int, default=0, help="print this many unread findings to read")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-severity", choices=["info", "warning", "error"], help="with --sample: only findings at least this severe")
    ap.add_argument("--show", type=int, default=8, help="disagreements listed per rule")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--json", type=Path, help="write every figure and finding here")
    args = ap.parse_args(argv)
    rows = papers(args)
    if not rows:
        print("no papers: build bench/corpus/papers/ with bench/corpus/build.py (or check ../shared/corpus)")
        return 0
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        results = {res["id"]: res for res in ex.map(lint_one, rows, chunksize=1)}
    report = print_report(rows, results, args)
    if args.json:
        report["results"] = results
        args.json.write_text(json.dumps(report, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    sys.exit(main())
