"""Draw figures/plot.png for the markdown-paper sample (invented numbers).

Accuracy gain from averaging the last k epoch checkpoints, for three learning-rate
schedules. Colour-blind-safe colours (Okabe-Ito blue and orange, plus grey), and every
series also has its own marker and line style. Plain Pillow, no plotting library needed.
Run: python3 sample_papers/markdown-paper/figures/make_plot.py
"""
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).with_name("plot.png")
KS = [1, 2, 5, 10, 20, 30]
# name -> (colour, dash, marker, mean gain in points, std over 5 seeds)
SERIES = {
    "Constant": ("#0072B2", "solid", "circle", [0.0, 0.5, 1.0, 1.3, 1.4, 1.2], [0.0, 0.1, 0.2, 0.2, 0.2, 0.3]),
    "Step decay": ("#E69F00", "dashed", "square", [0.0, 0.2, 0.3, 0.4, -0.9, -2.6], [0.0, 0.1, 0.1, 0.1, 0.3, 0.4]),
    "Cosine to zero": ("#595959", "dotted", "triangle", [0.0, 0.0, 0.0, 0.0, -0.3, -1.1], [0.0, 0.1, 0.1, 0.1, 0.2, 0.3]),
}
YMIN, YMAX = -3.0, 2.0


def font(size):
    try:
        return ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default()


def main():
    W, H = 760, 480
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    small, normal = font(14), font(16)
    left, right, top, bottom = 90, W - 30, 30, H - 80

    def sx(i):
        return left + 30 + i * (right - left - 60) / (len(KS) - 1)

    def sy(v):
        return bottom - (v - YMIN) / (YMAX - YMIN) * (bottom - top)

    d.rectangle([left, top, right, bottom], outline="black")
    for v in range(int(YMIN), int(YMAX) + 1):
        d.line([(left, sy(v)), (right, sy(v))], fill="#E5E5E5" if v else "#000000", width=1)
        d.text((left - 8, sy(v)), f"{v:+d}" if v else "0", font=small, fill="black", anchor="rm")
    for i, k in enumerate(KS):
        d.line([(sx(i), bottom), (sx(i), bottom + 5)], fill="black")
        d.text((sx(i), bottom + 8), str(k), font=small, fill="black", anchor="mt")
    d.text(((left + right) / 2, H - 25), "Number of averaged checkpoints k (one per epoch)", font=normal, fill="black", anchor="mm")
    label = Image.new("RGBA", (320, 30), (255, 255, 255, 0))
    ImageDraw.Draw(label).text((160, 15), "Accuracy gain (points)", font=normal, fill="black", anchor="mm")
    label = label.rotate(90, expand=True)
    img.paste(label, (10, (top + bottom) // 2 - 160), label)

    def segment(p, q, colour, dash):
        if dash == "solid":
            d.line([p, q], fill=colour, width=3)
            return
        on, off = (10, 6) if dash == "dashed" else (3, 5)
        length = ((q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2) ** 0.5
        t = 0.0
        while t < length:
            a, b = t / length, min(t + on, length) / length
            d.line([(p[0] + a * (q[0] - p[0]), p[1] + a * (q[1] - p[1])),
                    (p[0] + b * (q[0] - p[0]), p[1] + b * (q[1] - p[1]))], fill=colour, width=3)
            t += on + off

    def marker(x, y, colour, kind):
        r = 6
        if kind == "circle":
            d.ellipse([x - r, y - r, x + r, y + r], fill=colour)
        elif kind == "square":
            d.rectangle([x - r, y - r, x + r, y + r], fill=colour)
        else:
            d.polygon([(x, y - r - 1), (x - r - 1, y + r), (x + r + 1, y + r)], fill=colour)

    for n, (name, (colour, dash, kind, mean, std)) in enumerate(SERIES.items()):
        pts = [(sx(i), sy(v)) for i, v in enumerate(mean)]
        for p, q in zip(pts, pts[1:]):
            segment(p, q, colour, dash)
        for (x, y), s in zip(pts, std):
            e = s / (YMAX - YMIN) * (bottom - top)
            d.line([(x, y - e), (x, y + e)], fill=colour, width=2)
            marker(x, y, colour, kind)
        ly = bottom - 80 + n * 24
        segment((left + 15, ly), (left + 55, ly), colour, dash)
        marker(left + 35, ly, colour, kind)
        d.text((left + 65, ly), name, font=small, fill="black", anchor="lm")
    img.save(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
