"""RD101: sentences too long to read in one go."""
from __future__ import annotations

from ... import lazyre

from ...jargon.inventory import formal_contexts, in_back_matter
from ..base import Check

#: Citation placeholders are not read as words; math placeholders (X) and numbers are.
_CITATION = lazyre.compile(r"\[\d+(?:\s*[,\u2013-]\s*\d+)*\]")
_WORD = lazyre.compile(r"[A-Za-z0-9\u00c0-\u024f](?:[\w'\u2019.-]*\w)?")
#: Quoted material keeps its own sentence shapes; the abstract is AB104's.
SKIP_CONTEXTS = ("quote", "quotation", "verse", "abstract")


def word_count(text: str) -> int:
    return len(_WORD.findall(_CITATION.sub(" ", text)))


class SentenceTooLong(Check):
    code = "RD101"

    def run(self, doc, ctx):
        limit = ctx.options["max-words"]
        kinds = ("paragraph", "item", "footnote") + (("caption",) if ctx.options["captions"] else ())
        skip = SKIP_CONTEXTS + tuple(formal_contexts(doc))
        for block in doc.blocks:
            if block.kind not in kinds or block.in_context(*skip) or in_back_matter(block):
                continue
            if block.section is not None and block.section.kind == "abstract":
                continue  # AB104 speaks about the abstract
            for sent in block.sentences:
                n = word_count(sent.text)
                if n > limit:
                    yield ctx.report(sent.start, sent.end, words=n, limit=limit)
