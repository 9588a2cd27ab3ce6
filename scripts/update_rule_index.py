"""Rewrite rules/index.json from the rule files (run after editing any rules/XX/*.toml).

paperlint reads the index instead of parsing every TOML file at start-up, but only while its
digest matches the files; tests/test_rule_metadata.py fails when it is out of date.
"""
from pathlib import Path

from paperlint.kinds.builtin import INDEX_PART, index_part
from paperlint.registry import write_index


def main() -> None:
    rules = Path(__file__).resolve().parents[1] / "rules"
    target = write_index(rules)
    # the word-list specs of RD103, CL104 and ST140 (paperlint/kinds/builtin.py)
    import json

    data = json.loads(target.read_text(encoding="utf-8"))
    data[INDEX_PART] = index_part(rules)
    target.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
