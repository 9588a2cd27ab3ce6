#!/usr/bin/env python3
"""Run the VN rules on every paper built into bench/venues/papers/ and compare venue detection.

    python bench/venues/build.py    # first (needs the mirrors; see README.md)
    python bench/venues/run.py      # table of expected vs detected venue/mode, and every VN finding
"""
import csv
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    with open(HERE / "MANIFEST.tsv", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    venue_ok = mode_ok = 0
    for row in rows:
        main = HERE / "papers" / row["id"] / row["main_file"]
        if not main.exists():
            print(f"{row['id']}: not built")
            continue
        out = subprocess.run([sys.executable, "-m", "paperlint", "check", str(main), "--select", "VN",
                              "--format", "json"], capture_output=True, text=True)
        data = json.loads(out.stdout)
        v = data["roots"][0].get("venue") or {}
        got = (v.get("name"), v.get("mode"))
        venue_ok += got[0] == row["venue"]
        mode_ok += got == (row["venue"], row["mode_expected"])
        flag = "" if got == (row["venue"], row["mode_expected"]) else "   <-- differs"
        print(f"{row['id']:20s} expected {row['venue']}/{row['mode_expected']:12s} detected {got[0]}/{got[1]}{flag}")
        for d in data["diagnostics"]:
            rel = Path(d["file"]).resolve().relative_to(main.parents[len(Path(row['main_file']).parts) - 1])
            print(f"    {d['code']} {rel}:{d['line']}  {d['message'][:110]}")
    print(f"\nvenue right {venue_ok}/{len(rows)}, venue and mode right {mode_ok}/{len(rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
