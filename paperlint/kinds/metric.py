"""``extends: metric`` and ``extends: readability``: scores over the document's summary
(its paragraphs, list items and quotes), reported at the start of the file.

``metric`` evaluates ``formula`` over Vale's variables and reports when ``condition``
(e.g. ``"> 8"``) holds; the message's ``%s`` is the value with two decimals. The counts come
from paperlint's own readability module (``nlp/readability.py``: words without math or
citation placeholders, syllables, Gunning's complex words), and the sentences from the
document's splitter. Variables: ``words``, ``sentences``, ``syllables``, ``characters``,
``complex_words``, ``long_words`` (over six letters), ``polysyllabic_words`` (three
syllables or more), ``paragraphs``, ``heading_h1`` ... ``heading_h6``, ``list``,
``blockquote``, ``pre``. Formulas may use ``math.sqrt``, ``math.pow``, ``math.abs`` and the
like; they are parsed into a small arithmetic tree, never evaluated as code.

``readability`` (Vale's older kind) averages the grades in ``metrics`` (Flesch-Kincaid,
Gunning Fog, SMOG, Coleman-Liau, Automated Readability) and reports above ``grade``.
"""
from __future__ import annotations

import ast
import math
import operator
import re

from .base import Alert, Kind, RuleSkipped, as_list, format_message

_HEADINGS = re.compile(r"heading\.(h[1-6])")
_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
           ast.Mod: operator.mod, ast.Pow: operator.pow, ast.FloorDiv: operator.floordiv}
_COMPARE = {ast.Gt: operator.gt, ast.GtE: operator.ge, ast.Lt: operator.lt, ast.LtE: operator.le,
            ast.Eq: operator.eq, ast.NotEq: operator.ne}
_MATH = {name: getattr(math, name) for name in ("sqrt", "pow", "log", "log10", "log2", "exp", "floor", "ceil", "fabs")}
_MATH["abs"] = abs
_MATH["round"] = round
_MATH["max"] = max
_MATH["min"] = min
VARIABLES = ("pre", "list", "blockquote", "heading_h1", "heading_h2", "heading_h3", "heading_h4", "heading_h5", "heading_h6")


def parse_formula(text: str):
    """The formula as a Python expression tree, or ValueError (Tengo's && || ! become and or not)."""
    src = text.replace("&&", " and ").replace("||", " or ")
    src = re.sub(r"!(?!=)", " not ", src)
    tree = ast.parse(src.strip(), mode="eval")
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name, ast.Load, ast.Call,
                                 ast.Attribute, ast.Compare, ast.BoolOp, ast.And, ast.Or, ast.Not, ast.USub, ast.UAdd,
                                 *_BINARY, *_COMPARE)):
            raise ValueError(f"'{type(node).__name__}' is not allowed in a formula")
        if isinstance(node, ast.Attribute) and not (isinstance(node.value, ast.Name) and node.value.id == "math"):
            raise ValueError("only math.<function> may be called")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)):
            raise ValueError("only numbers may appear in a formula")
    return tree.body


def evaluate(node, names: dict):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id not in names:
            raise ValueError(f"unknown variable '{node.id}'")
        return names[node.id]
    if isinstance(node, ast.BinOp):
        left, right = evaluate(node.left, names), evaluate(node.right, names)
        if isinstance(node.op, ast.Div) and right == 0:
            return math.inf if left > 0 else (0.0 if left == 0 else -math.inf)
        return _BINARY[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp):
        value = evaluate(node.operand, names)
        return (not value) if isinstance(node.op, ast.Not) else (-value if isinstance(node.op, ast.USub) else value)
    if isinstance(node, ast.BoolOp):
        values = [evaluate(v, names) for v in node.values]
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.Compare):
        left = evaluate(node.left, names)
        for op, comp in zip(node.ops, node.comparators):
            right = evaluate(comp, names)
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in _MATH:
            raise ValueError(f"unknown function '{name}'")
        return _MATH[name](*[evaluate(a, names) for a in node.args])
    raise ValueError("unsupported expression")


def summary_counts(doc) -> dict[str, float]:
    """Vale's metric variables for one document (see the module doc)."""
    from ..nlp.readability import count_syllables, is_complex_word, words

    names = {k: 0.0 for k in VARIABLES}
    n_words = n_sent = syll = chars = complex_ = long_ = poly = paragraphs = 0
    for b in doc.blocks:
        if not b.text.strip():
            continue
        if b.kind == "heading":
            from .units import heading_level

            names[f"heading_h{heading_level(doc, b)}"] += 1
            continue
        if b.kind == "item":
            names["list"] += 1
        elif b.kind == "paragraph" and b.in_context("quote", "quotation", "verse", "blockquote"):
            names["blockquote"] += 1
        elif b.kind != "paragraph":
            continue
        paragraphs += 1
        sentences = [s.text for s in b.sentences] if b.kind == "paragraph" else [b.text]
        for s in sentences:
            ws = words(s)
            if not ws:
                continue
            n_sent += 1
            for i, w in enumerate(ws):
                n_words += 1
                sy = count_syllables(w)
                syll += sy
                letters = sum(c.isalnum() for c in w)
                chars += letters
                long_ += letters > 6
                poly += sy >= 3
                complex_ += is_complex_word(w, sentence_initial=(i == 0))
    names.update(words=n_words, sentences=n_sent, syllables=syll, characters=chars, complex_words=complex_,
                 long_words=long_, polysyllabic_words=poly, paragraphs=paragraphs)
    return {k: float(v) for k, v in names.items()}


def _counts(state, unit):
    doc = state["doc"]
    cache = doc.__dict__.setdefault("_vale_metrics", {})
    if "counts" not in cache:
        cache["counts"] = summary_counts(doc)
    return cache["counts"]


class Metric(Kind):
    extends = "metric"
    fields = {"formula", "condition"}

    def setup(self, data):
        self.scopes = ["summary"]
        try:
            self.formula = parse_formula(_HEADINGS.sub(r"heading_\1", str(data.get("formula", ""))))
            self.condition = str(data.get("condition", "")).strip()
            parse_formula("0 " + self.condition)
        except (SyntaxError, ValueError) as exc:
            raise RuleSkipped(f"formula or condition not understood: {exc}") from None

    def run(self, unit, state):
        names = _counts(state, unit)
        if not names["words"]:
            return
        try:
            value = float(evaluate(self.formula, names))
            hit = evaluate(parse_formula(f"{value!r} {self.condition}"), names)
        except (ValueError, TypeError, ZeroDivisionError, OverflowError):
            return
        if hit:
            yield Alert(None, None, format_message(self.message, f"{value:.2f}"))


def grades(names: dict) -> dict[str, float]:
    from ..nlp.readability import flesch_kincaid_grade, gunning_fog

    w, s = names["words"] or 1.0, names["sentences"] or 1.0
    return {
        "Flesch-Kincaid": flesch_kincaid_grade(int(w), int(s), int(names["syllables"])),
        "Gunning Fog": gunning_fog(int(w), int(s), int(names["complex_words"])),
        "SMOG": 1.043 * math.sqrt(names["polysyllabic_words"] * 30.0 / s) + 3.1291,
        "Coleman-Liau": 0.0588 * (names["characters"] / w * 100) - 0.296 * (s / w * 100) - 15.8,
        "Automated Readability": 4.71 * (names["characters"] / w) + 0.5 * (w / s) - 21.43,
    }


class Readability(Kind):
    extends = "readability"
    fields = {"metrics", "grade"}

    def setup(self, data):
        self.metrics = [str(m) for m in as_list(data.get("metrics"))]
        unknown = [m for m in self.metrics if m not in ("Flesch-Kincaid", "Gunning Fog", "SMOG", "Coleman-Liau", "Automated Readability")]
        if unknown or not self.metrics:
            raise RuleSkipped(f"unknown readability metrics: {', '.join(unknown) or 'none given'}")
        self.grade = float(data.get("grade") or 0)
        self.scopes = ["summary"]

    def run(self, unit, state):
        names = _counts(state, unit)
        if not names["words"]:
            return
        g = grades(names)
        grade = sum(g[m] for m in self.metrics) / len(self.metrics)
        if grade > self.grade:
            yield Alert(None, None, format_message(self.message, f"{grade:.2f}"))
