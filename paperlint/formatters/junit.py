"""JUnit XML, for the test tabs of GitLab, Jenkins and Azure Pipelines.

One ``<testsuite>`` per linted file, one ``<testcase>`` per enabled rule (``classname`` the
file, ``name`` the rule's code and name), and one ``<failure>`` per finding of that rule in
that file (``message`` the line, column and message; ``type`` the severity). A rule with no
finding is a passing test, so the tab shows what was checked, not only what failed. A root
that could not be read is a testsuite with one ``<error>``.
"""
from __future__ import annotations

from collections import defaultdict
from xml.sax.saxutils import quoteattr, escape

from ..registry import load_rules


def _attr(value) -> str:
    # XML 1.0 has no place for most control characters, even escaped
    text = "".join(ch for ch in str(value) if ch in "\t\n\r" or ord(ch) >= 0x20)
    return quoteattr(text)


def _text(value: str) -> str:
    return escape("".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 0x20))


def render(results, settings, **_) -> str:
    from ..config import all_rules

    rules = all_rules(settings) if settings is not None else load_rules()   # with Vale styles' rules
    enabled = sorted(c for c, r in rules.items() if settings is None or settings.enabled(r))
    by_file: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    files: list[str] = []
    errors = []
    for res in results:
        if res.error:
            errors.append(res)
            continue
        shown = [res.root] + [f.display for f in (res.document.files if res.document is not None else [])[1:]]
        for name in shown:
            if name not in by_file:
                files.append(name)
                by_file[name] = defaultdict(list)  # a file with no finding still gets its suite
        for d in res.diagnostics:
            if d.file not in by_file:
                files.append(d.file)
            by_file[d.file][d.code].append(d)
    suites = []
    total_tests = total_failures = 0
    for name in files:
        codes = sorted(set(enabled) | set(by_file[name]))
        cases = []
        failures = 0
        for code in codes:
            rule = rules.get(code)
            title = f"{code} {rule.name}" if rule is not None else code
            found = by_file[name].get(code, [])
            failures += len(found)
            if not found:
                cases.append(f"    <testcase classname={_attr(name)} name={_attr(title)}/>")
                continue
            body = "".join(
                f"\n      <failure message={_attr(f'{d.line}:{d.column}: {d.message}')} type={_attr(str(d.severity))}>"
                f"{_text(f'{d.file}:{d.line}:{d.column}: {d.code} [{d.severity}] {d.message}')}</failure>"
                for d in found)
            cases.append(f"    <testcase classname={_attr(name)} name={_attr(title)}>{body}\n    </testcase>")
        total_tests += len(codes)
        total_failures += failures
        suites.append(f"  <testsuite name={_attr(name)} tests=\"{len(codes)}\" failures=\"{failures}\" errors=\"0\">\n"
                      + "\n".join(cases) + "\n  </testsuite>")
    for res in errors:
        total_tests += 1
        suites.append(f"  <testsuite name={_attr(res.root)} tests=\"1\" failures=\"0\" errors=\"1\">\n"
                      f"    <testcase classname={_attr(res.root)} name=\"read\">\n"
                      f"      <error message={_attr(res.error)} type=\"read-error\"/>\n    </testcase>\n  </testsuite>")
    head = (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"paperlint\" tests=\"{total_tests}\" "
            f"failures=\"{total_failures}\" errors=\"{len(errors)}\">\n")
    return head + "\n".join(suites) + ("\n" if suites else "") + "</testsuites>\n"
