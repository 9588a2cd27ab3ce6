"""Vale's rule kinds as data: a rule is a YAML mapping with ``extends: <kind>``.

Imported only when a Vale style is configured (``.vale.ini`` or ``[tool.paperlint.vale]``):
a run without one never loads this package or PyYAML.

``build(name, data, accepted)`` returns the runnable rule, or raises ``RuleSkipped``
(a kind or pattern paperlint cannot run, with the reason) or ``ValueError`` (a broken
rule file).
"""
from __future__ import annotations

from .base import Kind, RuleSkipped

KINDS = ("existence", "substitution", "occurrence", "repetition", "consistency", "conditional",
         "capitalization", "metric", "readability", "sequence", "spelling", "script")


def kind_class(extends: str) -> type[Kind]:
    if extends == "existence":
        from .existence import Existence as cls
    elif extends == "substitution":
        from .substitution import Substitution as cls
    elif extends == "occurrence":
        from .occurrence import Occurrence as cls
    elif extends == "repetition":
        from .repetition import Repetition as cls
    elif extends == "consistency":
        from .consistency import Consistency as cls
    elif extends == "conditional":
        from .conditional import Conditional as cls
    elif extends == "capitalization":
        from .capitalization import Capitalization as cls
    elif extends == "metric":
        from .metric import Metric as cls
    elif extends == "readability":
        from .metric import Readability as cls
    elif extends == "spelling":
        from .spelling import Spelling as cls
    elif extends in ("sequence", "script"):
        from .sequence import skipped

        skipped(extends)
    else:
        raise ValueError(f"'extends' must be one of {', '.join(KINDS)}")
    return cls


def build(name: str, data: dict, accepted: list[str], word_template: str | None = None) -> Kind:
    if not isinstance(data, dict):
        raise ValueError("a rule file must hold a mapping")
    extends = data.get("extends")
    if not extends:
        raise ValueError("missing the required 'extends' key")
    return kind_class(str(extends))(name, data, accepted, word_template)


__all__ = ["KINDS", "Kind", "RuleSkipped", "build", "kind_class"]
