"""RD104 (opt-in): paragraphs heavy with passive voice or nominalisations, read with spaCy.

spaCy is an optional extra (``pip install 'paperlint[nlp]'``) plus an English pipeline
with a dependency parser (``python -m spacy download en_core_web_sm``). It is imported
only here, only when RD104 is selected, so a default run never pays its import time
(about a second). Without it, RD104 says so once, as an info finding, and stops.

The measures are read from spaCy's tokens, so they are testable on hand-built
``spacy.tokens.Doc`` objects with no model:

* a sentence is passive when a token has a passive dependency: ``nsubjpass``,
  ``csubjpass`` or ``auxpass`` (ClearNLP labels, spaCy's English models), or
  ``nsubj:pass``, ``csubj:pass``, ``aux:pass`` (Universal Dependencies models);
* a nominalisation is a noun made from a verb or adjective: ``NOUN`` with one of the
  endings -tion, -sion, -ment, -ance, -ence, -ity, -ness, -ization, -isation (at
  least eight letters, so that 'ratio' or 'city' do not count).
"""
from __future__ import annotations

from ... import lazyre
from ...records import dataclass

from ...document import structure
from ...jargon.inventory import formal_contexts, in_back_matter
from ..base import Check

PASSIVE_DEPS = frozenset({"nsubjpass", "csubjpass", "auxpass", "nsubj:pass", "csubj:pass", "aux:pass"})
NOMINAL = lazyre.compile(r"(?:tion|sion|ment|ance|ence|ity|ness|ization|isation)s?$")
SKIP_CONTEXTS = ("theorem", "lemma", "proposition", "corollary", "definition", "proof", "quote", "quotation", "abstract")


@dataclass(frozen=True)
class ParagraphStyle:
    sentences: int
    passive: int
    words: int
    nominalisations: int

    @property
    def passive_share(self) -> float:
        return self.passive / self.sentences if self.sentences else 0.0

    @property
    def nominal_density(self) -> float:
        """Nominalisations per 100 words."""
        return 100.0 * self.nominalisations / self.words if self.words else 0.0


def is_nominalisation(token) -> bool:
    text = token.text.lower()
    return token.pos_ == "NOUN" and len(text) >= 8 and bool(NOMINAL.search(text))


def paragraph_style(sp_doc) -> ParagraphStyle:
    """Counts for one parsed paragraph (a ``spacy.tokens.Doc`` with sentence boundaries)."""
    sentences = passive = words = nominal = 0
    for sent in sp_doc.sents:
        sentences += 1
        if any(t.dep_ in PASSIVE_DEPS for t in sent):
            passive += 1
        for t in sent:
            if any(c.isalpha() for c in t.text):
                words += 1
                nominal += is_nominalisation(t)
    return ParagraphStyle(sentences, passive, words, nominal)


def judge(style: ParagraphStyle, options: dict) -> str | None:
    """The finding for a paragraph, or None."""
    if style.sentences < options["min-sentences"]:
        return None
    parts = []
    if style.passive_share >= options["max-passive-share"]:
        parts.append(f"{style.passive} of its {style.sentences} sentences are passive")
    if style.nominal_density >= options["max-nominalisations"]:
        parts.append(f"{style.nominalisations} of its {style.words} words are nouns made from verbs (-tion, -ment, -ity...)")
    return " and ".join(parts) or None


def load_pipeline(model: str):
    """(nlp, None) or (None, why not): spaCy and the model are imported here and only here."""
    try:
        import spacy
    except ImportError:
        return None, "spaCy is not installed: pip install 'paperlint[nlp]'"
    try:
        return spacy.load(model, exclude=["ner", "lemmatizer", "textcat"]), None
    except (OSError, ImportError, ValueError) as exc:
        return None, f"spaCy could not load the pipeline '{model}' ({type(exc).__name__}); install one with: python -m spacy download {model}"


class PassiveHeavyParagraph(Check):
    code = "RD104"

    def run(self, doc, ctx):
        skip = SKIP_CONTEXTS + tuple(formal_contexts(doc))
        blocks = [b for b in doc.blocks if b.kind == "paragraph" and not b.in_context(*skip) and not in_back_matter(b)
                  and len(b.sentences) >= ctx.options["min-sentences"]]
        if not blocks:
            return
        nlp, why = load_pipeline(ctx.options["model"])
        if nlp is None:
            yield ctx.report(src=structure.anchor(doc), message=f"RD104 (passive voice) did not run: {why}.")
            return
        for block, sp_doc in zip(blocks, nlp.pipe(b.text for b in blocks)):
            finding = judge(paragraph_style(sp_doc), ctx.options)
            if finding:
                first = block.sentences[0]
                yield ctx.report(first.start, first.end, finding=finding)
