"""RD105 (opt-in): words that are not in the Hunspell dictionary, the paper's own vocabulary
or the project's word list.

The spelling code and the dictionary (paperlint/spelling) are imported and read only here,
when RD105 runs, so a default run pays nothing for them.
"""
from __future__ import annotations

from ..base import Check


class Misspelling(Check):
    code = "RD105"

    def run(self, doc, ctx):
        from ...spelling import bundled, dictionary, science_words
        from ...spelling.paper import Accepted, Speller, misspelled, project_words, suggestions

        opts = ctx.options
        folder = opts.get("dictionary-path") or ""
        language = opts["dictionary"]
        languages = ["en-US", "en-GB"] if language == "en" else [language]
        if folder:
            dicts = [dictionary(str(folder), lang.replace("-", "_")) for lang in languages]
        else:
            dicts = [bundled(lang) for lang in languages]
        vale = getattr(ctx.settings, "vale", None)
        accepted = Accepted(list(opts.get("words") or []) + project_words(doc) + list(science_words()),
                            list(vale.accepted) if vale is not None else [])
        speller = Speller(dicts, accepted, compounds=opts["compounds"])
        shown = "en-US or en-GB" if language == "en" else language
        for vs, ve, word, count in misspelled(doc, speller, skip_upper=opts["skip-uppercase"], names=opts["names"],
                                              skip_mixed=opts["skip-mixed-case"], back_matter=opts["back-matter"]):
            found = suggestions(dicts[0], word)
            hint = (" Did you mean " + " or ".join(f"'{s}'" for s in found) + "?") if found else ""
            times = f" (written so {count} times)" if count > 1 else ""
            # the suggestions are fixes for the word's first place (the prose view shows it as typed)
            yield ctx.report(vs, ve, word=word, dictionary=shown, hint=hint, times=times, fixes=found)
