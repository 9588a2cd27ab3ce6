"""Rewrite rules/index.json from the rule files (run after editing any rules/XX/*.toml).

paperlint reads the index instead of parsing every TOML file at start-up, but only while its
digest matches the files; tests/test_rule_metadata.py fails when it is out of date.
"""
from pathlib import Path

from paperlint.registry import write_index


def main() -> None:
    rules = Path(__file__).resolve().parents[1] / "rules"
    print(f"wrote {write_index(rules)}")


if __name__ == "__main__":
    main()
