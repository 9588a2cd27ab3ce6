"""RD103: fancy words and phrases with plain equivalents.

The word list is data: ``rules/data/plain_words.toml``, one Vale ``substitution`` rule per
entry, run by the kinds engine (``paperlint/kinds``): plain words and phrases are matched by
tokens, the two entries that need context keep a regular expression. What stays here is what
a Vale scope cannot say: which prose is read (paragraphs, items, captions and footnotes, not
quotations or the back matter), that a match over a placeholder (math, a citation) is not the
phrase, and the message (the found text with its spaces normalised, the advice "write 'a' or
'b'" or "delete it", and the entry's note).
"""
from __future__ import annotations

import functools
from ...records import dataclass

from ...jargon.inventory import in_back_matter
from ..base import Check

#: Prose kinds read; headings and titles are names more than sentences.
KINDS = ("paragraph", "item", "caption", "footnote")
SKIP_CONTEXTS = ("quote", "quotation", "verse")
SPEC = "plain_words"


@dataclass(frozen=True)
class Substitution:
    id: str
    replacement: str       # Vale's swap value: alternatives separated by |, "" to delete
    note: str


def rule_set():
    """The entries as Vale substitution rules (paperlint/kinds/builtin.py), built once."""
    from ...kinds.builtin import rule_set as load

    return load("RD103", SPEC)


@functools.cache
def substitutions() -> tuple[Substitution, ...]:
    rules = rule_set()
    return tuple(Substitution(i, str(next(iter(data["swap"].values()), "")), extra.get("note", ""))
                 for i, data, extra in zip(rules.ids, rules.data, rules.extra))


def _advice(sub: Substitution) -> str:
    if not sub.replacement:
        return "delete it"
    options = [f"'{r.strip()}'" for r in sub.replacement.split("|")]
    return "write " + (" or ".join(options) if len(options) < 3 else ", ".join(options[:-1]) + " or " + options[-1])


class PlainWords(Check):
    code = "RD103"

    def run(self, doc, ctx):
        ignore = {i.lower() for i in ctx.options["ignore"]}
        rules = rule_set()
        subs = substitutions()
        only = {i for i, sub in enumerate(subs) if sub.id not in ignore} if ignore else None
        text, offsets = doc.text, doc.offsets
        quotes = None
        # block by block (a match never spans two blocks), so that only the prose read is scanned
        for block in doc.blocks:
            if block.kind not in KINDS or block.in_context(*SKIP_CONTEXTS) or in_back_matter(block):
                continue
            for i, alert in rules.alerts(text, block.start, block.end, only=only):
                s, e = alert.start, alert.end
                # placeholders inside the match (math, citations) mean it is not the phrase
                if any(text[a:b].strip(" \u2013-") for a, b in offsets.replaced_spans(s, e)):
                    continue
                src = doc.to_source(s, e)
                if quotes is None:
                    quotes = [n.src for n in doc.environments(*SKIP_CONTEXTS)]  # a quote env inside a paragraph
                if src is not None and any(q.file == src.file and q.start <= src.start < q.end for q in quotes):
                    continue
                sub = subs[i]
                yield ctx.report(s, e, found=" ".join(text[s:e].split()), advice=_advice(sub), note=sub.note, id=sub.id)
