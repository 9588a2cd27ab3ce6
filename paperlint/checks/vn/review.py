"""VN101, VN102, VN103: what gives the authors away in an anonymous submission.

They run only when the draft is in review mode: the venue's style file says so
(``\\usepackage[review]{acl}``, a NeurIPS style without ``final``...) or the configuration sets
``mode = "review"``. They read what is typeset: comments and ``\\iffalse`` blocks are not
in the prose view or the markup, and an environment the style hides in review mode (NeurIPS's
``ack``) is skipped.
"""
from __future__ import annotations

import re

from ... import lazyre
from ...diagnostics import Severity
from ...venues import detect_venue, is_venue_template
from ..base import Check


def review_venue(doc, ctx):
    """The venue when `doc` is an anonymous submission (not the venue's own template), else None."""
    v = detect_venue(doc, ctx.settings)
    return v if v is not None and v.mode == "review" and not is_venue_template(doc) else None


def hidden_envs(venue) -> tuple[str, ...]:
    prof = venue.profile
    return prof.hidden_envs if prof is not None else ()


class Hidden:
    """The source the style does not print in review mode: its hidden environments (NeurIPS's ack)."""

    def __init__(self, doc, venue):
        names = set(hidden_envs(venue))
        self.doc = doc
        self.ranges = [n.src for n in doc.markup if n.kind == "env" and n.name in names]

    def source(self, rng) -> bool:
        return rng is not None and any(r.file == rng.file and r.start <= rng.start < r.end for r in self.ranges)

    def prose(self, start: int, end: int | None = None) -> bool:
        if not self.ranges:
            return False
        return self.source(self.doc.to_source(start, start + 1 if end is None else min(end, start + 1)))


def _matching_sentences(doc, hidden: Hidden, find, kinds, keep):
    """(sentence, what `find` returned) for the typeset sentences of blocks of `kinds` that
    `keep` accepts, where `find` returns something."""
    for block in doc.blocks:
        if block.kind not in kinds or not keep(block):
            continue
        for sent in block.sentences:
            got = find(sent.text)
            if got is not None and not hidden.prose(sent.start, sent.end):
                yield sent, got


# -- VN101 ------------------------------------------------------------------------------------
_ANON_HOSTS = lazyre.compile(r"^(?:https?://)?(?:www\.)?(?:anonymous\.4open\.science|anonymous\.\w+|openreview\.net|osf\.io/[^/]*\?view_only)", re.I)
#: account names that say they were made for a blind submission
_ANON_NAME = lazyre.compile(r"anon|blind|submission|review|paper[-_]?\d|iclr|neurips|icml|acl\d|emnlp|cvpr", re.I)
_PERSONAL = (
    # (pattern on the URL without scheme, what it is)
    (lazyre.compile(r"^(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)/(?P<user>[A-Za-z0-9][\w.-]*)(?:/|$)", re.I), "a repository under a personal or lab account"),
    (lazyre.compile(r"^(?:www\.)?huggingface\.co/(?:datasets/|spaces/)?(?P<user>[A-Za-z0-9][\w.-]*)/", re.I), "a Hugging Face account"),
    (lazyre.compile(r"^(?P<user>[A-Za-z0-9][\w-]*)\.github\.io\b", re.I), "a personal GitHub Pages site"),
    (lazyre.compile(r"^sites\.google\.com/(?:view|site)/(?P<user>[\w-]+)", re.I), "a personal Google Sites page"),
    (lazyre.compile(r"^[^/]+/(?:[^/]+/)*~(?P<user>[\w.-]+)", re.I), "a personal home page"),
    (lazyre.compile(r"^(?:drive|docs)\.google\.com/|^(?:www\.)?dropbox\.com/|^colab\.research\.google\.com/drive/", re.I), "a file-sharing link, which shows its owner and lets the owner see who opens it"),
)
#: GitHub paths that are not accounts
_NOT_ACCOUNTS = {"orgs", "topics", "features", "about", "pricing", "marketplace", "sponsors", "settings", "explore"}
#: the sentence presents the link as the authors' own
_OWN_LINK = lazyre.compile(
    r"\b(?:our|my)\s+(?:\w+\s+){0,3}?(?:code|codes|implementation|software|library|toolkit|package|tool|data(?:set)?s?|models?|benchmark|"
    r"repository|repo|project|website|web ?page|page|homepage|demo|checkpoints?|source|scripts?|materials?|supplementary|appendix)\b"
    r"|\bwe\s+(?:\w+\s+)?(?:release|publish|open[- ]?source|provide|share|make|host|distribute)\b"
    r"|\b(?:code|source code|implementation|data(?:set)?s?|models?|checkpoints?|materials?|scripts?)\s+(?:and\s+\w+\s+)?(?:of|for)\s+(?:this|the\s+present|our)\s+(?:paper|work|study|article|submission)\b"
    r"|(?:^|[.;:]\s+|[({]\s*)(?:the\s+)?(?:source\s+)?(?:code|implementation|data|dataset|project page|website|homepage|demo)s?\s*(?:and\s+(?:the\s+)?\w+\s*)?(?:[:=]|(?:is|are|will\s+be|can\s+be)\s+(?:made\s+)?(?:publicly\s+|freely\s+|openly\s+)?(?:available|released|accessible|found|hosted))",
    re.I,
)
_EMAIL = lazyre.compile(r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_ANON_TEXT = lazyre.compile(r"anonym|blind|submission|withheld|removed|hidden|\bauthors?\b\s*(?:\d|names?)|^\W*$", re.I)
_PDF_AUTHOR = lazyre.compile(r"\bpdfauthor\s*=\s*(\{(?P<braced>[^{}]*)\}|(?P<plain>[^,}\n]*))", re.I)
_PDFINFO_AUTHOR = lazyre.compile(r"/Author\s*\((?P<name>[^)]*)\)")
_AUTHOR_MACROS = ("author", "institute", "affiliation", "IEEEauthorblockN", "IEEEauthorblockA", "address", "email")


def _strip_scheme(url: str) -> str:
    return re.sub(r"^\s*(?:https?://|ftp://)?", "", url.strip(), flags=re.I)


def personal_link(url: str) -> tuple[str, str] | None:
    """What makes `url` reveal its owner (a personal account, page or file link) and the
    account's name ("" for a file link), or None."""
    bare = _strip_scheme(url)
    if _ANON_HOSTS.match(bare):
        return None
    for rx, what in _PERSONAL:
        m = rx.match(bare)
        if not m:
            continue
        user = m.groupdict().get("user") or ""
        if user.lower() in _NOT_ACCOUNTS or (user and _ANON_NAME.search(user)):
            return None
        return what, user
    return None


#: words of an author block that are not a person's name
_NOT_NAME_WORDS = {"university", "institute", "institut", "college", "school", "department", "laboratory", "lab", "labs",
                   "research", "center", "centre", "the", "and", "for", "inc", "ltd", "group", "faculty"}


def name_in_account(user: str, names: list[str]) -> str | None:
    """The author name whose first name or surname the account's name contains, or None."""
    import unicodedata

    account = re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", user).encode("ascii", "ignore").decode().lower())
    for name in names:
        for word in re.findall(r"[^\W\d_]{3,}", name):
            folded = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
            if len(folded) >= 3 and folded not in _NOT_NAME_WORDS and folded in account:
                return name
    return None


def _window(text: str, start: int, end: int) -> str:
    """The source text of the sentence around [start, end): back to a full stop or a blank line."""
    lo = max(0, start - 300)
    head = text[lo:start]
    cut = max(head.rfind(". "), head.rfind(".\n"), head.rfind("\n\n"), head.rfind("\\item"))
    if cut >= 0:
        head = head[cut + 1:].lstrip()
    tail = text[end:end + 150]
    stop = re.search(r"\.\s|\n\n", tail)
    return head + text[start:end] + (tail[:stop.start()] if stop else tail)


def _author_hidden(venue) -> bool:
    prof = venue.profile
    return prof is not None and venue.mode in prof.hides_authors


class IdentityRevealed(Check):
    code = "VN101"

    def run(self, doc, ctx):
        venue = review_venue(doc, ctx)
        if venue is None or doc.format != "latex":
            return
        hidden = Hidden(doc, venue)
        seen = set()
        names = None            # the authors' names, read when an account link needs them
        for node in doc.markup:
            if node.kind != "macro" or not node.in_body or not node.args or hidden.source(node.src):
                continue
            if node.name in ("url", "href", "burl", "nolinkurl"):
                rng = node.args[0]
                url = doc.source_text(rng)
                got = personal_link(url)
                if got is None or (rng.file, rng.start) in seen:
                    continue
                text = doc.files[rng.file].text
                if not _OWN_LINK.search(_window(text, node.src.start, node.src.end)):
                    continue
                seen.add((rng.file, rng.start))
                what, user = got
                fix = "Link an anonymised copy (anonymous.4open.science) or put the code in the supplementary material."
                if not user:        # a file-sharing link: its owner shows whatever the account is called
                    yield ctx.report(src=rng, what=f"{_strip_scheme(url)} is {what}", fix=fix)
                    continue
                if names is None:
                    names = author_names(doc)
                author = name_in_account(user, names)
                if author is not None:
                    yield ctx.report(src=rng, what=f"{_strip_scheme(url)} is {what} whose name matches the author {author}", fix=fix)
                else:               # an account made for the submission is fine: only its owner knows
                    yield ctx.report(src=rng, severity=Severity.INFO,
                                     message=f"{_strip_scheme(url)} is {what} the paper presents as its own. Unless '{user}' was made "
                                             f"for this anonymous submission, it tells reviewers who wrote the paper: {fix[0].lower()}{fix[1:]}")
        for block in doc.blocks:
            if block.kind not in ("paragraph", "item", "footnote", "caption"):
                continue
            for m in _EMAIL.finditer(block.text):
                src = doc.to_source(block.start + m.start(), block.start + m.end())
                if src is None or (src.file, src.start) in seen or hidden.source(src):
                    continue
                seen.add((src.file, src.start))
                yield ctx.report(src=src, what=f"The e-mail address {m.group()}", fix="Remove it from the submission.")
        for node in doc.markup:
            if node.kind == "macro" and node.name in ("hypersetup", "pdfinfo") and node.args:
                arg = node.args[0]
                text = doc.source_text(arg)
                m = _PDF_AUTHOR.search(text) if node.name == "hypersetup" else _PDFINFO_AUTHOR.search(text)
                if not m:
                    continue
                name = (m.group("braced") if node.name == "hypersetup" and m.group("braced") is not None
                        else m.group("plain") if node.name == "hypersetup" else m.group("name")) or ""
                if not name.strip() or _ANON_TEXT.search(name.strip()) or name.strip().startswith("\\"):
                    continue
                start = arg.start + m.start()
                yield ctx.report(src=type(arg)(arg.file, start, start + len(m.group())),
                                 what=f"The PDF's author field says '{name.strip()}'",
                                 fix="PDF viewers show it in the document's properties whatever the page shows: leave it empty until the camera-ready version.")
        yield from _names_in_pdf(doc, ctx)
        if not _author_hidden(venue):
            for node in doc.markup:
                if node.kind == "macro" and node.name in _AUTHOR_MACROS and node.args and not node.in_body:
                    arg = node.args[-1]
                    text = " ".join(doc.source_text(arg).split())
                    if len(re.sub(r"\\\w+|[^A-Za-z]", "", text)) < 3 or _ANON_TEXT.search(re.sub(r"\\\w+", " ", text)):
                        continue
                    cls = venue.profile.title if venue.profile is not None else "this document class"
                    yield ctx.report(src=node.src, what=f"\\{node.name} names the authors and {cls} prints it in review mode",
                                     fix="Replace it with 'Anonymous' until the camera-ready version.")


_NAME_MACROS = ("author", "icmlauthor", "IEEEauthorblockN", "aaaiAuthor")
_NAME = lazyre.compile(r"^[A-Z][\w'\u00c0-\u024f.-]*(?:\s+(?:[a-z]{1,3}\s+)?[A-Z][\w'\u00c0-\u024f.-]*){1,3}$")


def _plain(latex: str) -> str:
    """LaTeX author text as the PDF prints it: accents composed, commands and groups dropped."""
    import unicodedata

    from ...document.latex_parse import ACCENT_SYMBOLS, ACCENT_WORDS

    text = re.sub(r"\\(?:thanks|footnote|texttt|email|url|href|orcid|inst|IEEEauthorrefmark)\s*\{(?:[^{}]|\{[^{}]*\})*\}", " ", latex)
    text = re.sub(r"\\(['`\"^~=.])\s*\{?([A-Za-z])\}?", lambda m: m.group(2) + ACCENT_SYMBOLS[m.group(1)], text)
    text = re.sub(r"\\([cvHur])\s*\{([A-Za-z])\}", lambda m: m.group(2) + ACCENT_WORDS[m.group(1)], text)
    text = re.sub(r"\\(?:And|AND|and)\b|\\\\|\\newline\b|\$[^$]*\$|\^\{?[^}\s]*\}?", "\n", text)
    text = re.sub(r"\\[A-Za-z@]+\*?", " ", text)
    text = unicodedata.normalize("NFC", text.replace("{", "").replace("}", "").replace("~", " "))
    return text


def author_names(doc) -> list[str]:
    """The authors' names as the source types them (\\author, \\icmlauthor, IEEE blocks)."""
    names = []
    for node in doc.markup:
        if node.kind != "macro" or node.name not in _NAME_MACROS or not node.args:
            continue
        arg = node.args[0] if node.name != "author" else node.args[-1]
        for part in re.split(r"\n|,|;|\band\b", _plain(doc.source_text(arg))):
            part = " ".join(part.split()).strip(" .*")
            if 5 <= len(part) <= 60 and _NAME.match(part) and not _ANON_TEXT.search(part) and part not in names:
                names.append(part)
    return names


def _names_in_pdf(doc, ctx):
    """VN101 on the compiled PDF (--pdf): author names it shows in review mode."""
    pdf = getattr(ctx.settings, "pdf", None)
    if pdf is None:
        return
    from ...pdftext import PdfError, find_names, pages

    names = author_names(doc)
    if not names:
        return
    try:
        texts = pages(pdf)
    except PdfError:
        return                  # VN130 says why the PDF cannot be read
    where = next((n.src for n in doc.markup if n.kind == "macro" and n.name in _NAME_MACROS), None)
    for name, page in find_names(texts, names):
        yield ctx.report(src=where, what=f"{pdf.name} shows '{name}', from the author block, on page {page}",
                         fix="Compile the submission in the style's review mode (or remove the name) and check the PDF again.")


# -- VN102 ------------------------------------------------------------------------------------
_SELF_NOUN = r"(?:works?|papers?|stud(?:y|ies)|publications?|articles?|research|version|analys[ie]s|results?|findings|methods?|approach(?:es)?|systems?|models?|frameworks?|algorithms?|experiments?)"
_PRIOR = r"(?:previous|prior|earlier|recent|past|preliminary|companion|former|own|conference|workshop)"
#: wording that names a publication of the authors' own: reveals them even with no citation
_SELF_STRONG = lazyre.compile(
    rf"\b(?:in|from|see|of|by|extends|extending|extend|following|builds?\s+(?:up)?on|building\s+(?:up)?on)\s+our\s+(?:\w+\s+)?{_PRIOR}\s+(?:\w+\s+)?(?:works?|papers?|publications?|articles?|stud(?:y|ies)|research)\b"
    rf"|\bour\s+{_PRIOR}\s+(?:\w+\s+)?(?:works?|papers?|publications?|articles?)\b",
    re.I,
)
#: wording that says a cited result is the authors' own: reported with a citation in the sentence
_SELF_CITED = lazyre.compile(
    rf"\bas\s+we\s+(?:have\s+)?(?:previously\s+|already\s+|earlier\s+)?(?:showed|shown|demonstrated|proved|proven|proposed|reported|found|argued|introduced|described|discussed|established|observed)\b"
    rf"|\bwe\s+(?:have\s+)?(?:previously|earlier|recently|originally|already|first)\s+(?:showed|shown|demonstrated|proved|proposed|introduced|presented|developed|described|reported|studied|found|released|collected)\b"
    rf"|\bour\s+(?:\w+\s+)?{_PRIOR}\s+(?:\w+\s+)?{_SELF_NOUN}"
    rf"|\b(?:extends?|extending|extension\s+of|builds?\s+(?:up)?on|building\s+(?:up)?on)\s+our\s+(?:\w+\s+){{0,2}}?{_SELF_NOUN}",
    re.I,
)
#: a citation in the prose view: [12], [3, 4], (Doe, 2020), Doe et al. (2020)
_CITATION = lazyre.compile(r"\[\d+(?:\s*[,\u2013-]\s*\d+)*\]|\([A-Z][^()]{0,80}?\d{4}[a-z]?\)|\bet al\.?\s*\(?\d{4}")
#: what follows when the paper points at itself
_INTERNAL = lazyre.compile(r"^\W{0,3}(?:\w+\s+){0,3}?(?:in\s+|see\s+)?(?:Sections?|Sec\.|§|Tables?|Tab\.|Figures?|Figs?\.|Appendix|Appendices|Eq(?:uation)?s?\.?|Chapter|Theorem|Lemma|Algorithm|above|below)\b", re.I)


def self_citation(sentence: str) -> str | None:
    """The phrase of `sentence` that claims a cited work as the authors' own, or None."""
    for rx, needs_cite in ((_SELF_STRONG, False), (_SELF_CITED, True)):
        for m in rx.finditer(sentence):
            after = sentence[m.end():m.end() + 60]
            if _INTERNAL.match(after):
                continue
            if needs_cite and not _CITATION.search(sentence):
                continue
            return " ".join(m.group().split())
    return None


class SelfCitationRevealed(Check):
    code = "VN102"

    def run(self, doc, ctx):
        venue = review_venue(doc, ctx)
        if venue is None:
            return
        for sent, phrase in _matching_sentences(doc, Hidden(doc, venue), self_citation, ("paragraph", "item", "footnote", "caption"),
                                                lambda block: "our" in block.text.lower() or "we " in block.text.lower()):
            yield ctx.report(sent.start, sent.end, phrase=phrase)


# -- VN103 ------------------------------------------------------------------------------------
ACK_HEADING = lazyre.compile(r"^\W*(?:acknowledge?ments?|funding|funding\s+and\s+acknowledge?ments?|acknowledge?ments?\s+and\s+(?:disclosure\s+of\s+)?funding|disclosure\s+of\s+funding)\b", re.I)
_FUNDING = lazyre.compile(
    r"\b(?:this|the|our|present)\s+(?:\w+\s+){0,2}?(?:work|research|project|study|paper|material|article)\s+(?:was|is|has\s+been|have\s+been|were)\s+(?:\w+\s+){0,2}?(?:supported|funded|sponsored|financed|made\s+possible)\b"
    r"|\b(?:supported|funded|sponsored)\s+(?:in\s+part\s+|partly\s+|partially\s+)?by\s+(?:the\s+|an?\s+)?(?:[\w&.-]+\s+){0,8}?(?:grants?|awards?|fellowships?|scholarships?|contracts?|foundation|council|agency|program(?:me)?|NSF|NIH|ERC|DFG|DARPA|EPSRC|NSERC|JSPS|ANR|NWO|SNSF)\b"
    r"|\b(?:grant|award|contract)\s+(?:no\.|number|nos\.|agreement|#)\s*\S"
    r"|\bwe\s+(?:would\s+(?:also\s+)?like\s+to\s+|also\s+|further\s+|sincerely\s+|gratefully\s+)?(?:thank|acknowledge(?!\s+that)|are\s+(?:very\s+|deeply\s+|most\s+)?(?:grateful|indebted|thankful))\b"
    r"|\b(?:gratitude|(?:our|special|many|sincere|warm|deep)\s+thanks)\s+(?:go(?:es)?\s+|is\s+extended\s+)?to\b",
    re.I,
)
_REVIEWERS_ONLY = lazyre.compile(r"\b(?:anonymous\s+)?(?:reviewers?|referees?|area\s+chairs?|editors?)\b", re.I)


def funding_text(sentence: str) -> str | None:
    m = _FUNDING.search(sentence)
    if m is None:
        return None
    if re.search(r"\bthank|grateful|indebted|thankful|gratitude|acknowledge", m.group(), re.I) and _REVIEWERS_ONLY.search(sentence) \
            and not re.search(r"\b(?:and|,)\s+(?!the\s+(?:anonymous\s+)?reviewers)[A-Z][a-z]+", sentence[m.end():]):
        return None   # thanking the reviewers names no one
    return " ".join(m.group().split())


def forbidden_ack(venue) -> bool:
    """Whether the venue's profile forbids an acknowledgements section in this mode (VN111 reports it)."""
    prof = venue.profile
    return prof is not None and any(r.id == "acknowledgements" and r.status == "forbidden" and r.applies(venue) for r in prof.sections)


class AcknowledgementInReview(Check):
    code = "VN103"

    def run(self, doc, ctx):
        venue = review_venue(doc, ctx)
        if venue is None:
            return
        hidden = Hidden(doc, venue)
        by_vn111 = forbidden_ack(venue)
        for sec in doc.sections:
            if ACK_HEADING.match(sec.title) and not by_vn111 and sec.src is not None and not hidden.source(sec.src):
                yield ctx.report(src=sec.src, what=f"The '{sec.title}' section")
        # an acknowledgements section is reported whole (above, or by VN111), not sentence by sentence
        for sent, phrase in _matching_sentences(doc, hidden, funding_text, ("paragraph", "item", "footnote", "caption", "title"),
                                                lambda block: not _in_ack_section(block)):
            yield ctx.report(sent.start, sent.end, what=f"'{phrase}'")
        for node in doc.markup:   # \thanks in \title or \author, which the prose view does not read
            if node.kind == "macro" and node.name == "thanks" and node.args and not node.in_body \
                    and not _author_hidden(venue):
                text = " ".join(doc.source_text(node.args[0]).split())
                phrase = funding_text(text)
                if phrase is not None:
                    yield ctx.report(src=node.src, what=f"'{phrase}' in \\thanks")


def _in_ack_section(block) -> bool:
    sec = block.section
    while sec is not None and sec.kind == "section":
        if ACK_HEADING.match(sec.title):
            return True
        sec = sec.parent
    return False
