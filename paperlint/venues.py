"""Which venue a draft is written for, and in which mode, read from its source.

The venue's style file or class says both: ``\\usepackage[final]{neurips_2024}`` is a NeurIPS
camera-ready, ``\\usepackage{icml2024}`` an ICML submission (``[accepted]`` is the camera-ready),
``\\usepackage[review]{acl}`` an ACL submission, ``\\documentclass[sigconf,review,anonymous]{acmart}``
an anonymous ACM submission. The configuration's ``venue`` and ``mode`` keys override what is
detected. Modes: ``review`` (anonymous submission), ``camera-ready``, ``preprint``, or None when
the source does not say (a journal class, a plain article).

What a venue asks for is data: ``rules/venues/<name>.toml`` holds how to detect it, the
sections it requires or forbids in each mode, its abstract and page limits, and the rules
whose severity it changes. Adding a venue is adding a file.
"""
from __future__ import annotations

import re
from .records import dataclass, field, replace

from . import lazyre

__all__ = ["Profile", "SectionRule", "Venue", "detect_in_texts", "detect_venue", "is_venue_template", "profiles", "venue_json"]

_COMMENT = lazyre.compile(r"(?<!\\)%[^\n]*")
_DECL = lazyre.compile(r"\\(?P<cmd>documentclass|usepackage|RequirePackage)\s*(?:\[(?P<opts>[^\]]*)\])?\s*\{(?P<names>[^{}]*)\}")


@dataclass(frozen=True)
class Venue:
    name: str                  # a profile's name: neurips, icml, iclr, acl, aaai, cvpr, tmlr, jmlr, acm, ieee, lncs, arxiv, joss
    mode: str | None           # review, camera-ready, preprint, or None
    evidence: str              # what decided it, as written: "\\usepackage[final]{neurips_2024}"
    file: int = 0              # where: file index and offset of the evidence
    offset: int = 0
    configured: bool = False   # set by the configuration rather than detected
    year: int | None = None    # the year in the style's name (emnlp2020 -> 2020), when it has one

    def describe(self) -> str:
        if not self.name:
            return f"no venue ({self.mode})"
        return f"{self.name} ({self.mode or 'mode not stated'})"

    @property
    def profile(self) -> "Profile | None":
        return profiles().get(self.name)


@dataclass(frozen=True)
class SectionRule:
    """A section a venue requires, recommends or forbids (VN110, VN111)."""

    id: str
    status: str                # required | recommended | forbidden
    modes: tuple[str, ...]
    heading: re.Pattern
    title: str = ""
    where: str = ""
    after: str = ""            # the section it follows ("conclusion"): where VN110 points
    why: str = ""
    url: str = ""
    since: int | None = None   # the first year the venue asked for it
    except_years: tuple[int, ...] = ()   # years it did not (NeurIPS 2023 took its checklist on OpenReview)
    allowed_in: tuple[str, ...] = ()   # environments the style file hides in this mode (NeurIPS's ack)
    severity: tuple[tuple[str, str], ...] = ()   # rules whose severity changes where this rule applies

    def applies(self, venue: "Venue") -> bool:
        if venue.mode not in self.modes:
            return False
        if venue.year is not None and venue.year in self.except_years:
            return False
        return self.since is None or venue.year is None or venue.year >= self.since


@dataclass(frozen=True)
class Profile:
    """A venue's rules as data (rules/venues/<name>.toml)."""

    name: str
    title: str
    url: str
    detect: tuple[dict, ...] = ()
    hides_authors: tuple[str, ...] = ()     # modes in which the style prints no author names
    hidden_envs: tuple[str, ...] = ()       # environments it typesets only outside review mode
    abstract: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)
    pages_by_year: dict = field(default_factory=dict)   # {"2026": {"review": 9}}: a year's own limits
    severity: dict = field(default_factory=dict)
    sections: tuple[SectionRule, ...] = ()
    checklist: dict = field(default_factory=dict)
    path: str = ""

    def page_limit(self, venue: "Venue") -> int | None:
        """The page limit for the venue's mode (and year, when the profile has one for it)."""
        if venue.mode is None:
            return None
        year = self.pages_by_year.get(str(venue.year), {}) if venue.year is not None else {}
        return year.get(venue.mode, self.pages.get(venue.mode))


PROFILE_KEYS = {"name", "title", "url", "detect", "hides-authors", "hidden-envs", "abstract", "pages", "pages-by-year", "severity",
                "sections", "checklist"}
SECTION_KEYS = {"id", "status", "modes", "heading", "title", "where", "after", "why", "url", "since", "except-years", "allowed-in", "severity"}
DETECT_KEYS = {"package", "class", "default", "modes"}
MODES = ("review", "camera-ready", "preprint")


class ProfileError(Exception):
    pass


def _profile(path, data: dict) -> Profile:
    where = getattr(path, "name", str(path))
    unknown = set(data) - PROFILE_KEYS
    if unknown:
        raise ProfileError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
    for d in data.get("detect", []):
        if set(d) - DETECT_KEYS or not ({"package", "class"} & set(d)):
            raise ProfileError(f"{where}: a [[detect]] entry needs package or class, and only {', '.join(sorted(DETECT_KEYS))}")
    sections = []
    for sec in data.get("sections", []):
        if set(sec) - SECTION_KEYS:
            raise ProfileError(f"{where}: unknown section keys {', '.join(sorted(set(sec) - SECTION_KEYS))}")
        if sec.get("status") not in ("required", "recommended", "forbidden") or not set(sec.get("modes", ())) <= set(MODES):
            raise ProfileError(f"{where}: section {sec.get('id')!r} needs a status and modes among {', '.join(MODES)}")
        sections.append(SectionRule(sec["id"], sec["status"], tuple(sec["modes"]), re.compile(sec["heading"], re.I),
                                    sec.get("title", ""), sec.get("where", ""), sec.get("after", ""), sec.get("why", ""),
                                    sec.get("url", ""), sec.get("since"), tuple(sec.get("except-years", ())), tuple(sec.get("allowed-in", ())),
                                    tuple(sorted(sec.get("severity", {}).items()))))
    return Profile(data["name"], data.get("title", data["name"]), data.get("url", ""), tuple(data.get("detect", ())),
                   tuple(data.get("hides-authors", ())), tuple(data.get("hidden-envs", ())), dict(data.get("abstract", {})),
                   dict(data.get("pages", {})), {str(k): dict(v) for k, v in data.get("pages-by-year", {}).items()},
                   dict(data.get("severity", {})), tuple(sections), dict(data.get("checklist", {})), str(path))


_PROFILES: dict | None = None


def profiles() -> dict[str, Profile]:
    """Every venue profile by name (read once, from rules/index.json while it is current)."""
    global _PROFILES
    if _PROFILES is None:
        from .registry import venue_tables

        _PROFILES = {}
        for path, data in venue_tables():
            p = _profile(path, data)
            _PROFILES[p.name] = p
    return _PROFILES


def _detectors():
    """(compiled pattern, whether it names a class, the profile, the detect entry), in file order."""
    out = []
    for prof in profiles().values():
        for d in prof.detect:
            if "class" in d:
                out.append((re.compile(d["class"], re.I), True, prof, d))
            else:
                out.append((re.compile(d["package"], re.I), False, prof, d))
    return out


_SWITCHES = None


def _switch_pattern():
    """The macros that profiles read as switches (\\iclrfinalcopy, \\aclfinalcopy, \\cvprPaperID)."""
    global _SWITCHES
    if _SWITCHES is None:
        names = sorted({s for p in profiles().values() for d in p.detect for rule in d.get("modes", ()) for s in rule.get("switches", ())})
        _SWITCHES = re.compile(r"\\(?P<name>" + "|".join(map(re.escape, names)) + r")(?![A-Za-z@])" if names else r"(?!x)x")
    return _SWITCHES


def _opts(text: str | None) -> set[str]:
    return {o.strip().lower() for o in (text or "").split(",") if o.strip()}


def _mode_of(entry: dict, opts: set[str], switches: set[str]) -> str | None:
    """The mode a [[detect]] entry gives for these options and switches: its first matching
    rule, else its default. ``options = ["*"]`` matches any option; mode "none" is no mode."""
    for rule in entry.get("modes", ()):
        want = {o.lower() for o in rule.get("options", ())}
        if (want & opts) or ("*" in want and opts) or ({s.lower() for s in rule.get("switches", ())} & switches):
            return None if rule["mode"] == "none" else rule["mode"]
    return entry.get("default")


def _year(name: str) -> int | None:
    m = re.search(r"(\d{4}|\d{2})(?:v\d+)?(?:_conference|submit(?:_e)?)?$", name)
    if not m:
        return None
    y = int(m.group(1))
    y = y + 2000 if y < 100 else y
    return y if 1990 <= y <= 2100 else None


def detect_venue(doc, settings=None) -> Venue | None:
    """The venue and mode of `doc`: the configuration's, else the first venue style or class in its source."""
    conf_venue = getattr(settings, "venue", None) if settings is not None else None
    conf_mode = getattr(settings, "mode", None) if settings is not None else None
    cache = doc.__dict__.setdefault("_paperlint_venue", {})
    key = (conf_venue, conf_mode)
    if key not in cache:
        cache[key] = _decide(doc, conf_venue, conf_mode)
    return cache[key]


def is_joss(doc, settings=None) -> bool:
    """A JOSS software paper (its front matter, or the venue set to joss): no abstract, no results."""
    venue = detect_venue(doc, settings)
    return venue is not None and venue.name == "joss"


def _decide(doc, conf_venue, conf_mode) -> Venue | None:
    found = _detect(doc)
    if conf_venue:
        same = found is not None and found.name == conf_venue
        mode = conf_mode or (found.mode if same else None)
        return Venue(conf_venue, mode, "the configuration", configured=True, year=found.year if same else None)
    if found and conf_mode:
        return Venue(found.name, conf_mode, found.evidence + " (mode from the configuration)", found.file, found.offset, True,
                     found.year)
    if conf_mode:   # a mode with no venue: the review-mode checks run, no profile applies
        return Venue("", conf_mode, "the configuration", configured=True)
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
    found = detect_in_texts(texts)
    if found is not None and found.year is None:
        year = _style_year(doc, found)
        if year is not None:
            found = replace(found, year=year)
    return found


_STYLE_DATE = lazyre.compile(r"\\Provides(?:Package|Class)\s*\{[^}]*\}\s*\[\s*((?:19|20)\d\d)[/-]"
                             r"|\\typeout\s*\{[^}\n]*?\b((?:19|20)\d\d)\b")


def _style_year(doc, venue: Venue) -> int | None:
    """The year of the venue's style file when the project ships it (acl.sty says "Style for
    ACL 2023" or ``\\ProvidesPackage{acl}[2023/01/01]``): the year its rules are from."""
    m = re.search(r"\{([^{}]*)\}\s*$", venue.evidence)
    if not m:
        return None
    names = {n.strip().rsplit("/", 1)[-1].lower() for n in m.group(1).split(",")}
    texts = [f.text for f in doc.files if f.path.suffix.lower() in (".sty", ".cls") and f.path.stem.lower() in names]
    if not texts:   # venues' own style files are not read as the project's packages: look beside the root
        folder = doc.files[venue.file].path.parent
        for name in sorted(names):
            for suffix in (".sty", ".cls"):
                p = folder / (name + suffix)
                try:
                    if p.is_file() and p.stat().st_size < 500_000:
                        texts.append(p.read_text(encoding="utf-8", errors="replace"))
                except OSError:
                    pass
    for text in texts:
        hit = _STYLE_DATE.search(text[:20000])
        if hit:
            return int(hit.group(1) or hit.group(2))
    return None


def detect_in_texts(texts) -> Venue | None:
    """The venue of LaTeX sources given as (file index, text) pairs, root first (comments are ignored)."""
    switches: set[str] = set()
    decls = []
    for fi, text in texts:
        text = _COMMENT.sub(lambda m: " " * len(m.group()), text)
        end = text.find("\\begin{document}")
        pre = text if end < 0 else text[:end]
        switches |= {m.group("name").lower() for m in _switch_pattern().finditer(pre)}
        decls += [(fi, m) for m in _DECL.finditer(pre)]
    detectors = _detectors()
    cls_hit = None
    # options given to \documentclass are global: every package sees them too
    # (\documentclass[final]{article} with \usepackage{neurips_2025} is a camera-ready)
    global_opts = set().union(*(_opts(m.group("opts")) for _, m in decls if m.group("cmd") == "documentclass"))
    for fi, m in decls:
        is_class = m.group("cmd") == "documentclass"
        opts = _opts(m.group("opts")) | (set() if is_class else global_opts)
        for name in (n.strip().rsplit("/", 1)[-1] for n in m.group("names").split(",")):
            for rx, for_class, prof, entry in detectors:
                if for_class != is_class or not rx.match(name):
                    continue
                venue = Venue(prof.name, _mode_of(entry, opts, switches), " ".join(m.group().split()), fi, m.start(),
                              year=_year(name))
                if not is_class:
                    return venue        # a venue's style package decides over the document class
                if cls_hit is None:
                    cls_hit = venue
                break
    return cls_hit


_TEMPLATE_TITLE = lazyre.compile(
    r"^\W*(?:(?:submission\s+and\s+)?formatting\s+instructions|instructions|(?:latex\s+)?author\s+guidelines|"
    r"(?:lua)?latex(?:\s+and\s+xelatex)?\s+template|paper\s+template|template)\b[^\n]{0,80}?\b(?:for|of)\b", re.I)


def is_venue_template(doc) -> bool:
    """The venue's own example file, still under its title ("Instructions for *ACL Proceedings",
    "Formatting Instructions for ICLR 2023 Conference Submissions"): a template copied into a
    paper's repository, not the paper. Venue rules do not judge it."""
    return doc.title is not None and _TEMPLATE_TITLE.match(" ".join(doc.title.text.split())) is not None


def venue_json(doc, settings=None) -> dict | None:
    """The detected venue as the JSON outputs give it."""
    if doc is None:
        return None
    v = detect_venue(doc, settings)
    if v is None:
        return None
    out = {"name": v.name or None, "mode": v.mode, "evidence": v.evidence, "configured": v.configured, "file": None, "line": None}
    if v.evidence != "the configuration" and 0 <= v.file < len(doc.files):   # found in the draft (LaTeX or front matter)
        f = doc.files[v.file]
        out["file"], out["line"] = f.display, f.line_col(v.offset)[0]
    return out
