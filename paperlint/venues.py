"""Which venue a draft is written for, and in which mode, read from its source.

The venue's style file or class says both: ``\\usepackage[final]{neurips_2024}`` is a NeurIPS
camera-ready, ``\\usepackage{icml2024}`` an ICML submission (``[accepted]`` is the camera-ready),
``\\usepackage[review]{acl}`` an ACL submission, ``\\documentclass[sigconf,review,anonymous]{acmart}``
an anonymous ACM submission. The configuration's ``venue`` and ``mode`` keys override what is
detected. Modes: ``review`` (anonymous submission), ``camera-ready``, ``preprint``, or None when
the source does not say (a journal class, a plain article).

This module only detects; the venue presets that rules apply (AB103's abstract limits) are
still chosen by the configuration's ``venue`` key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import lazyre

__all__ = ["Venue", "detect_in_texts", "detect_venue", "venue_json"]

_COMMENT = lazyre.compile(r"(?<!\\)%[^\n]*")
_DECL = lazyre.compile(r"\\(?P<cmd>documentclass|usepackage|RequirePackage)\s*(?:\[(?P<opts>[^\]]*)\])?\s*\{(?P<names>[^{}]*)\}")
_FINAL_SWITCH = lazyre.compile(r"\\(?P<name>iclrfinalcopy|aclfinalcopy|cvprfinalcopy|iccvfinalcopy|eccvfinalcopy|wacvfinalcopy|naaclfinalcopy|emnlpfinalcopy)\b")
_YEAR = r"(?:_?\d{2,4})?"


@dataclass(frozen=True)
class Venue:
    name: str                  # neurips, icml, iclr, acl, aaai, cvpr, iccv, eccv, ieee, acm, lncs, jmlr, tmlr, arxiv, joss
    mode: str | None           # review, camera-ready, preprint, or None
    evidence: str              # what decided it, as written: "\\usepackage[final]{neurips_2024}"
    file: int = 0              # where: file index and offset of the evidence
    offset: int = 0
    configured: bool = False   # set by the configuration rather than detected

    def describe(self) -> str:
        return f"{self.name} ({self.mode or 'mode not stated'})"


def _opts(text: str | None) -> set[str]:
    return {o.strip().lower() for o in (text or "").split(",") if o.strip()}


#: style name -> (venue, how its options give the mode)
_STYLES = [
    (re.compile(rf"^(?:neurips|nips){_YEAR}$", re.I), "neurips"),
    (re.compile(rf"^icml{_YEAR}(?:v\d+)?$", re.I), "icml"),
    (re.compile(rf"^iclr{_YEAR}(?:_conference)?$", re.I), "iclr"),
    (re.compile(rf"^(?:acl|acl_natbib|acl{_YEAR}|naaclhlt{_YEAR}|naacl{_YEAR}|emnlp{_YEAR}|eacl{_YEAR}|coling{_YEAR})$", re.I), "acl"),
    (re.compile(rf"^aaai{_YEAR}$", re.I), "aaai"),
    (re.compile(r"^(?:cvpr|iccv|wacv)$", re.I), "cvpr"),
    (re.compile(rf"^tmlr{_YEAR}?$", re.I), "tmlr"),
    (re.compile(r"^jmlr2e$", re.I), "jmlr"),
    (re.compile(r"^arxiv$", re.I), "arxiv"),
]
_CLASSES = {"ieeetran": "ieee", "ieeeconf": "ieee", "acmart": "acm", "sig-alternate": "acm", "llncs": "lncs", "jmlr": "jmlr",
            "arxiv": "arxiv"}


def _mode(venue: str, opts: set[str], switches: set[str]) -> str | None:
    if venue == "neurips":
        return "camera-ready" if "final" in opts else "preprint" if "preprint" in opts else "review"
    if venue == "icml":
        return "camera-ready" if "accepted" in opts else "preprint" if opts & {"arxiv", "preprint"} else "review"
    if venue == "iclr":
        return "camera-ready" if "iclrfinalcopy" in switches else "review"
    if venue == "acl":
        if "review" in opts:
            return "review"
        if "preprint" in opts:
            return "preprint"
        if "final" in opts or switches & {"aclfinalcopy", "naaclfinalcopy", "emnlpfinalcopy"}:
            return "camera-ready"
        return "camera-ready" if not opts else "review"
    if venue == "aaai":
        return "review" if "submission" in opts or "anonymous" in opts else "camera-ready"
    if venue == "cvpr":
        if "review" in opts:
            return "review"
        if "final" in opts or switches & {"cvprfinalcopy", "iccvfinalcopy", "wacvfinalcopy"}:
            return "camera-ready"
        return "review" if not opts else None
    if venue == "tmlr":
        return "camera-ready" if "accepted" in opts else "preprint" if "preprint" in opts else "review"
    if venue == "acm":
        return "review" if "anonymous" in opts else None
    if venue == "ieee":
        return "review" if "peerreview" in opts or "peerreviewca" in opts else None
    if venue == "arxiv":
        return "preprint"
    return None


def detect_venue(doc, settings=None) -> Venue | None:
    """The venue and mode of `doc`: the configuration's, else the first venue style or class in its source."""
    conf_venue = getattr(settings, "venue", None) if settings is not None else None
    conf_mode = getattr(settings, "mode", None) if settings is not None else None
    found = _detect(doc)
    if conf_venue:
        mode = conf_mode or (found.mode if found and found.name == conf_venue else None)
        return Venue(conf_venue, mode, "the configuration", configured=True)
    if found and conf_mode:
        return Venue(found.name, conf_mode, found.evidence + " (mode from the configuration)", found.file, found.offset, True)
    return found


def _detect(doc) -> Venue | None:
    if doc.format == "markdown":
        head = doc.files[0].text[:4000]
        if re.match(r"\A\ufeff?---", head) and re.search(r"^tags\s*:", head, re.M) and re.search(r"^affiliations\s*:", head, re.M):
            return Venue("joss", "camera-ready", "JOSS front matter (tags, authors, affiliations)")
        return None
    texts = []
    for fi, f in enumerate(doc.files):
        if not f.path.suffix.lower() in (".tex", ".ltx", ".sty", ".cls", ""):
            continue
        text = f.text
        for r in getattr(doc, "skipped", ()):  # the branch of a TeX conditional that is not taken
            if r.file == fi:
                text = text[:r.start] + " " * (r.end - r.start) + text[r.end:]
        texts.append((fi, text))
    return detect_in_texts(texts)


def detect_in_texts(texts) -> Venue | None:
    """The venue of LaTeX sources given as (file index, text) pairs, root first (comments are ignored)."""
    switches: set[str] = set()
    decls = []
    for fi, text in texts:
        text = _COMMENT.sub(lambda m: " " * len(m.group()), text)
        end = text.find("\\begin{document}")
        pre = text if end < 0 else text[:end]
        switches |= {m.group("name").lower() for m in _FINAL_SWITCH.finditer(pre)}
        decls += [(fi, m) for m in _DECL.finditer(pre)]
    cls_hit = None
    for fi, m in decls:
        opts = _opts(m.group("opts"))
        for name in (n.strip().rsplit("/", 1)[-1] for n in m.group("names").split(",")):
            if m.group("cmd") == "documentclass":
                venue = _CLASSES.get(name.lower())
                if venue and cls_hit is None:
                    cls_hit = Venue(venue, _mode(venue, opts, switches), " ".join(m.group().split()), fi, m.start())
                continue
            for rx, venue in _STYLES:
                if rx.match(name):
                    return Venue(venue, _mode(venue, opts, switches), " ".join(m.group().split()), fi, m.start())
    return cls_hit


def venue_json(doc, settings=None) -> dict | None:
    """The detected venue as the JSON outputs give it."""
    if doc is None:
        return None
    v = detect_venue(doc, settings)
    if v is None:
        return None
    out = {"name": v.name, "mode": v.mode, "evidence": v.evidence, "configured": v.configured, "file": None, "line": None}
    if v.evidence.startswith("\\"):
        f = doc.files[v.file]
        out["file"], out["line"] = f.display, f.line_col(v.offset)[0]
    return out
