#!/usr/bin/env python3
"""Render a figure next to its protanopia and deuteranopia simulations.

Usage:
    python scripts/cvd_preview.py FIG [--out preview.png] [--size 480] [--page 1]

FIG is a PNG, JPEG, GIF or PDF (first page unless --page). The output PNG has
three panels (normal vision, protanopia, deuteranopia; Machado et al. 2009 at
severity 1.0) and, below them, the figure's dominant palette and every colour
pair rule FG120 reports, as swatches drawn in each vision. It is meant for
humans checking whether a finding is real; the linter does not use it.

Needs the optional dependencies: pip install 'paperlint[figures]'.
"""

from __future__ import annotations

import argparse
import os
import sys

# Allow running from a source checkout without installing.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from paperlint.figures import colorvision as cv  # noqa: E402
from paperlint.figures.imageload import ImageError, load_image  # noqa: E402

PAD = 8
LABEL_H = 18
SWATCH = 22


def _hex_to_rgb(h: str) -> tuple[float, float, float]:
    h = h.lstrip("#")
    return tuple(int(h[i : i + 2], 16) / 255.0 for i in (0, 2, 4))  # type: ignore[return-value]


def _to_u8(np, arr):
    return (np.clip(arr, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)


def render(path: str, out: str, size: int = 480, page: int = 0) -> list[cv.ColourPair]:
    import numpy as np
    from PIL import Image, ImageDraw

    findings = cv.analyse_image(path, page=page)
    palette = cv.extract_palette(load_image(path, max_side=cv.ANALYSIS_SIDE, page=page, antialias=False))
    rgb = load_image(path, max_side=size, page=page)
    h, w, _ = rgb.shape
    views = [("normal vision", rgb)]
    views += [(d, cv.simulate_cvd(rgb.reshape(-1, 3), d).reshape(h, w, 3)) for d in cv.DEFICIENCIES]

    # Rows below the panels: the palette, then one row per finding.
    rows = 1 + len(findings)
    info_h = rows * (SWATCH + 6) + PAD
    canvas_w = 3 * w + 4 * PAD
    canvas_h = LABEL_H + h + 2 * PAD + info_h + LABEL_H
    canvas = Image.new("RGB", (canvas_w, canvas_h), (255, 255, 255))
    draw = ImageDraw.Draw(canvas)
    title = f"{os.path.basename(path)}: {len(findings)} FG120 finding(s)"
    draw.text((PAD, 2), title, fill=(0, 0, 0))
    y0 = LABEL_H + PAD
    for k, (name, arr) in enumerate(views):
        x0 = PAD + k * (w + PAD)
        canvas.paste(Image.fromarray(_to_u8(np, arr), "RGB"), (x0, y0))
        draw.rectangle([x0 - 1, y0 - 1, x0 + w, y0 + h], outline=(160, 160, 160))
        draw.text((x0, y0 + h + 2), name, fill=(0, 0, 0))

    def sw(colour_rgb, deficiency):
        arr = np.asarray([colour_rgb], dtype=float)
        if deficiency is not None:
            arr = cv.simulate_cvd(arr, deficiency)
        return tuple(int(v) for v in _to_u8(np, arr[0]))

    y = y0 + h + LABEL_H + PAD
    for k, deficiency in enumerate((None,) + cv.DEFICIENCIES):
        x = PAD + k * (w + PAD)
        for pc in palette:
            if x + SWATCH > PAD + k * (w + PAD) + w:
                break
            draw.rectangle([x, y, x + SWATCH, y + SWATCH], fill=sw(pc.rgb, deficiency), outline=(0, 0, 0))
            x += SWATCH + 4
    y += SWATCH + 6
    for f in findings:
        for k, deficiency in enumerate((None,) + cv.DEFICIENCIES):
            x = PAD + k * (w + PAD)
            for hx in (f.colour_a, f.colour_b):
                draw.rectangle(
                    [x, y, x + SWATCH, y + SWATCH], fill=sw(_hex_to_rgb(hx), deficiency), outline=(0, 0, 0)
                )
                x += SWATCH + 2
            if deficiency is None:
                text = (
                    f"{f.colour_a} {f.share_a:.1%} / {f.colour_b} {f.share_b:.1%}  dE={f.normal_distance:.0f}"
                )
            elif deficiency == f.deficiency:
                text = f"<- collapses: dE={f.simulated_distance:.1f}"
            else:
                text = ""
            draw.text((x + 4, y + 5), text, fill=(0, 0, 0))
        y += SWATCH + 6
    canvas.save(out)
    return findings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("figure")
    ap.add_argument("--out", default="preview.png", help="output PNG (default: preview.png)")
    ap.add_argument("--size", type=int, default=480, help="longest side of each panel in pixels")
    ap.add_argument("--page", type=int, default=1, help="PDF page, 1-based (default 1)")
    args = ap.parse_args(argv)
    try:
        findings = render(args.figure, args.out, size=args.size, page=args.page - 1)
    except ImageError as exc:
        print(f"{args.figure}: {exc}", file=sys.stderr)
        return 2
    for f in findings:
        print(
            f"{f.colour_a} ({f.share_a:.1%}) vs {f.colour_b} ({f.share_b:.1%}): "
            f"{f.deficiency} dE {f.normal_distance:.1f} -> {f.simulated_distance:.1f}"
        )
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
