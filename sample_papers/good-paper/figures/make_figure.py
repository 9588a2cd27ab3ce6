"""Draw figures/results.png for the good-paper sample (invented numbers).

Two panels: training-step time and peak memory against sequence length for
full attention, a sliding-window baseline and SortWin. The palette is
colour-blind safe (Okabe-Ito blue and orange, plus grey), and the series also
differ in line style and marker, so colour is never the only cue.

Uses matplotlib when it is installed and falls back to plain Pillow drawing.
Run from anywhere:  python3 sample_papers/good-paper/figures/make_figure.py
"""
from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).with_name("results.png")

LENGTHS = [1024, 2048, 4096, 8192, 16384]
# name -> (colour, dash pattern, marker, step time ms, std ms, peak memory GB); None = out of memory
SERIES = {
    "Full attention": ("#7F7F7F", "dotted", "triangle",
                       [41, 118, 402, 1490, None], [1, 2, 5, 11, None], [2.1, 6.3, 21.8, 74.0, None]),
    "Sliding window": ("#E69F00", "dashed", "square",
                       [30, 58, 113, 224, 447], [1, 1, 2, 3, 5], [1.6, 3.1, 6.0, 11.9, 23.6]),
    "SortWin (ours)": ("#0072B2", "solid", "circle",
                       [35, 66, 131, 268, 552], [1, 1, 2, 4, 6], [1.7, 3.3, 6.5, 13.0, 26.1]),
}
PANELS = [("(a) Time per training step", "Time per step (ms)", 3, 4, 1600),
          ("(b) Peak memory", "Peak memory (GB)", 5, None, 80)]


def with_matplotlib() -> bool:
    try:
        import matplotlib
    except ImportError:
        return False
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    styles = {"dotted": ":", "dashed": "--", "solid": "-"}
    markers = {"triangle": "^", "square": "s", "circle": "o"}
    fig, axes = plt.subplots(1, 2, figsize=(8, 3.2), dpi=150)
    for ax, (title, ylabel, col, err, ymax) in zip(axes, PANELS):
        for name, row in SERIES.items():
            colour, dash, marker = row[0], row[1], row[2]
            xs = [x for x, y in zip(LENGTHS, row[col]) if y is not None]
            ys = [y for y in row[col] if y is not None]
            es = [e for e in row[err] if e is not None] if err is not None else None
            ax.errorbar(xs, ys, yerr=es, color=colour, linestyle=styles[dash], marker=markers[marker],
                        capsize=3, label=name)
        ax.set_xscale("log", base=2)
        ax.set_xticks(LENGTHS, [f"{n // 1024}K" for n in LENGTHS])
        if SERIES["Full attention"][col][-1] is None:
            ax.annotate("full attention:\nout of memory\nat 16K", xy=(0.97, 0.62), xycoords="axes fraction",
                        ha="right", va="top", color="#595959", fontsize=8)
        ax.set_ylim(0, ymax)
        ax.set_title(title)
        ax.set_xlabel("Sequence length (tokens)")
        ax.set_ylabel(ylabel)
        ax.grid(alpha=0.3)
    axes[0].legend(frameon=False)
    fig.tight_layout()
    fig.savefig(OUT)
    return True


def with_pillow() -> None:
    from PIL import Image, ImageDraw, ImageFont

    def font(size, bold=False):
        name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
        for base in ("/usr/share/fonts/truetype/dejavu/", ""):
            try:
                return ImageFont.truetype(base + name, size)
            except OSError:
                continue
        return ImageFont.load_default()

    W, H = 1200, 480
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    small, normal, bold = font(15), font(17), font(18, True)

    def dashed_line(p, q, colour, dash):
        if dash == "solid":
            d.line([p, q], fill=colour, width=3)
            return
        on, off = (10, 6) if dash == "dashed" else (3, 5)
        (x0, y0), (x1, y1) = p, q
        length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        t = 0.0
        while t < length:
            a, b = t / length, min(t + on, length) / length
            d.line([(x0 + a * (x1 - x0), y0 + a * (y1 - y0)), (x0 + b * (x1 - x0), y0 + b * (y1 - y0))], fill=colour, width=3)
            t += on + off

    def marker(x, y, colour, kind):
        r = 6
        if kind == "circle":
            d.ellipse([x - r, y - r, x + r, y + r], fill=colour)
        elif kind == "square":
            d.rectangle([x - r, y - r, x + r, y + r], fill=colour)
        else:
            d.polygon([(x, y - r - 1), (x - r - 1, y + r), (x + r + 1, y + r)], fill=colour)

    panel_w = W // 2
    for p, (title, ylabel, col, err, ymax) in enumerate(PANELS):
        left, right = p * panel_w + 95, (p + 1) * panel_w - 25
        top, bottom = 50, H - 75
        d.text(((left + right) // 2, 22), title, font=bold, fill="black", anchor="mm")
        d.rectangle([left, top, right, bottom], outline="black", width=1)

        def sx(i):
            return left + 30 + i * (right - left - 60) / (len(LENGTHS) - 1)

        def sy(v):
            return bottom - v / ymax * (bottom - top)

        step = ymax // 4
        for v in range(0, ymax + 1, step):
            y = sy(v)
            d.line([(left, y), (right, y)], fill="#E5E5E5")
            d.line([(left - 5, y), (left, y)], fill="black")
            d.text((left - 8, y), str(v), font=small, fill="black", anchor="rm")
        for i, n in enumerate(LENGTHS):
            d.line([(sx(i), bottom), (sx(i), bottom + 5)], fill="black")
            d.text((sx(i), bottom + 8), f"{n // 1024}K", font=small, fill="black", anchor="mt")
        d.text(((left + right) // 2, H - 22), "Sequence length (tokens)", font=normal, fill="black", anchor="mm")
        label = Image.new("RGBA", (300, 30), (255, 255, 255, 0))
        ImageDraw.Draw(label).text((150, 15), ylabel, font=normal, fill="black", anchor="mm")
        label = label.rotate(90, expand=True)
        img.paste(label, (p * panel_w + 12, (top + bottom) // 2 - 150), label)

        for name, row in SERIES.items():
            colour, dash, kind = row[0], row[1], row[2]
            pts = [(sx(i), sy(v), i) for i, v in enumerate(row[col]) if v is not None]
            for (x0, y0, _), (x1, y1, _) in zip(pts, pts[1:]):
                dashed_line((x0, y0), (x1, y1), colour, dash)
            for x, y, i in pts:
                if err is not None:
                    e = row[err][i] / ymax * (bottom - top)
                    d.line([(x, y - e), (x, y + e)], fill=colour, width=2)
                marker(x, y, colour, kind)
            if row[col][-1] is None:  # note where the series stops
                d.multiline_text((right - 8, sy(ymax * 0.62)), f"{name.lower()}:\nout of memory\nat 16K",
                                 font=small, fill="#595959", anchor="ra", align="right")

        if p == 0:  # legend
            for k, (name, row) in enumerate(SERIES.items()):
                y = top + 20 + k * 24
                dashed_line((left + 15, y), (left + 55, y), row[0], row[1])
                marker(left + 35, y, row[0], row[2])
                d.text((left + 65, y), name, font=small, fill="black", anchor="lm")
    img.save(OUT)


if __name__ == "__main__":
    if not with_matplotlib():
        with_pillow()
    print(f"wrote {OUT}")
