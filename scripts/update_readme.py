"""Regenerate the rules table in README.md from rules/**/*.toml: python scripts/update_readme.py"""
from pathlib import Path

from paperlint.docs import update_readme

if __name__ == "__main__":
    readme = Path(__file__).resolve().parents[1] / "README.md"
    print("README.md updated" if update_readme(readme) else "README.md already up to date")
