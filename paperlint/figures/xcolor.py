"""xcolor colours without TeX: names, ``\\definecolor`` models, mix expressions, hue classes.

Used by rule FG110 (red and green in a figure's source). Pure Python, no numpy.

* Names: xcolor's base colours, the ``dvipsnames`` option (values converted the
  way xcolor converts cmyk: r = 1 - min(1, c + k)) and the ``svgnames``/CSS
  colours that name red or green hues (plus a few common others).
* Expressions: ``red!50``, ``red!50!black``, ``blue!30!green!60``, ``-red``
  (the complement), ``.`` (the current colour: unknown).
* Models of ``\\definecolor``: rgb, RGB, HTML, cmyk, cmy, gray, Gray, hsb, HSB, wave (ignored).
* :func:`hue_class`: "red", "green" or None, judged on hue with floors on
  saturation and lightness, so pale tints, greys, browns-as-black and oranges
  do not count.
"""
from __future__ import annotations

import colorsys
import re

RGB = tuple[float, float, float]

BASE: dict[str, RGB] = {
    "red": (1, 0, 0), "green": (0, 1, 0), "blue": (0, 0, 1), "cyan": (0, 1, 1), "magenta": (1, 0, 1),
    "yellow": (1, 1, 0), "black": (0, 0, 0), "white": (1, 1, 1), "gray": (0.5, 0.5, 0.5),
    "darkgray": (0.25, 0.25, 0.25), "lightgray": (0.75, 0.75, 0.75), "brown": (0.75, 0.5, 0.25),
    "lime": (0.75, 1, 0), "olive": (0.5, 0.5, 0), "orange": (1, 0.5, 0), "pink": (1, 0.75, 0.75),
    "purple": (0.75, 0, 0.25), "teal": (0, 0.5, 0.5), "violet": (0.5, 0, 0.5),
}

# dvipsnames (xcolor's dvipsnam.def), cmyk.
_DVIPS_CMYK = {
    "GreenYellow": (0.15, 0, 0.69, 0), "Yellow": (0, 0, 1, 0), "Goldenrod": (0, 0.10, 0.84, 0),
    "Dandelion": (0, 0.29, 0.84, 0), "Apricot": (0, 0.32, 0.52, 0), "Peach": (0, 0.50, 0.70, 0),
    "Melon": (0, 0.46, 0.50, 0), "YellowOrange": (0, 0.42, 1, 0), "Orange": (0, 0.61, 0.87, 0),
    "BurntOrange": (0, 0.51, 1, 0), "Bittersweet": (0, 0.75, 1, 0.24), "RedOrange": (0, 0.77, 0.87, 0),
    "Mahogany": (0, 0.85, 0.87, 0.35), "Maroon": (0, 0.87, 0.68, 0.32), "BrickRed": (0, 0.89, 0.94, 0.28),
    "Red": (0, 1, 1, 0), "OrangeRed": (0, 1, 0.50, 0), "RubineRed": (0, 1, 0.13, 0),
    "WildStrawberry": (0, 0.96, 0.39, 0), "Salmon": (0, 0.53, 0.38, 0), "CarnationPink": (0, 0.63, 0, 0),
    "Magenta": (0, 1, 0, 0), "VioletRed": (0, 0.81, 0, 0), "Rhodamine": (0, 0.82, 0, 0),
    "Mulberry": (0.34, 0.90, 0, 0.02), "RedViolet": (0.07, 0.90, 0, 0.34), "Fuchsia": (0.47, 0.91, 0, 0.08),
    "Lavender": (0, 0.48, 0, 0), "Thistle": (0.12, 0.59, 0, 0), "Orchid": (0.32, 0.64, 0, 0),
    "DarkOrchid": (0.40, 0.80, 0.20, 0), "Purple": (0.45, 0.86, 0, 0), "Plum": (0.50, 1, 0, 0),
    "Violet": (0.79, 0.88, 0, 0), "RoyalPurple": (0.75, 0.90, 0, 0), "BlueViolet": (0.86, 0.91, 0, 0.04),
    "Periwinkle": (0.57, 0.55, 0, 0), "CadetBlue": (0.62, 0.57, 0.23, 0), "CornflowerBlue": (0.65, 0.13, 0, 0),
    "MidnightBlue": (0.98, 0.13, 0, 0.43), "NavyBlue": (0.94, 0.54, 0, 0), "RoyalBlue": (1, 0.50, 0, 0),
    "Blue": (1, 1, 0, 0), "Cerulean": (0.94, 0.11, 0, 0), "Cyan": (1, 0, 0, 0), "ProcessBlue": (0.96, 0, 0, 0),
    "SkyBlue": (0.62, 0, 0.12, 0), "Turquoise": (0.85, 0, 0.20, 0), "TealBlue": (0.86, 0, 0.34, 0.02),
    "Aquamarine": (0.82, 0, 0.30, 0), "BlueGreen": (0.85, 0, 0.33, 0), "Emerald": (1, 0, 0.50, 0),
    "JungleGreen": (0.99, 0, 0.52, 0), "SeaGreen": (0.69, 0, 0.50, 0), "Green": (1, 0, 1, 0),
    "ForestGreen": (0.91, 0, 0.88, 0.12), "PineGreen": (0.92, 0, 0.59, 0.25), "LimeGreen": (0.50, 0, 1, 0),
    "YellowGreen": (0.44, 0, 0.74, 0), "SpringGreen": (0.26, 0, 0.76, 0), "OliveGreen": (0.64, 0, 0.95, 0.40),
    "RawSienna": (0, 0.72, 1, 0.45), "Sepia": (0, 0.83, 1, 0.70), "Brown": (0, 0.81, 1, 0.60),
    "Tan": (0.14, 0.42, 0.56, 0), "Gray": (0, 0, 0, 0.50), "Black": (0, 0, 0, 1), "White": (0, 0, 0, 0),
}

# svgnames / CSS colours that authors actually write in TikZ and pgfplots options.
_SVG_HEX = {
    "DarkGreen": "006400", "DarkRed": "8B0000", "Crimson": "DC143C", "FireBrick": "B22222", "IndianRed": "CD5C5C",
    "Tomato": "FF6347", "LightGreen": "90EE90", "LawnGreen": "7CFC00", "Chartreuse": "7FFF00", "Lime": "00FF00",
    "MediumSeaGreen": "3CB371", "DarkSeaGreen": "8FBC8F", "DarkOliveGreen": "556B2F", "OliveDrab": "6B8E23",
    "PaleGreen": "98FB98", "LightCoral": "F08080", "DarkSalmon": "E9967A", "Coral": "FF7F50",
    "DarkOrange": "FF8C00", "Gold": "FFD700", "SteelBlue": "4682B4", "DodgerBlue": "1E90FF", "Navy": "000080",
    "DarkBlue": "00008B", "DeepSkyBlue": "00BFFF", "MediumBlue": "0000CD", "Indigo": "4B0082", "DarkViolet": "9400D3",
    "SlateGray": "708090", "DimGray": "696969", "Silver": "C0C0C0", "Teal": "008080", "Olive": "808000",
}


def _cmyk_to_rgb(c: float, m: float, y: float, k: float) -> RGB:
    return (1 - min(1.0, c + k), 1 - min(1.0, m + k), 1 - min(1.0, y + k))


NAMED: dict[str, RGB] = dict(BASE)
for _n, _v in _DVIPS_CMYK.items():
    NAMED.setdefault(_n, _cmyk_to_rgb(*_v))
for _n, _h in _SVG_HEX.items():
    NAMED.setdefault(_n, tuple(int(_h[i : i + 2], 16) / 255 for i in (0, 2, 4)))  # type: ignore[misc]
_LOWER = {k.lower(): v for k, v in reversed(list(NAMED.items()))}


def lookup(name: str, defined: dict[str, RGB] | None = None) -> RGB | None:
    """A colour name: the document's own definitions first, then xcolor's (exact case, then any case)."""
    if defined and name in defined:
        return defined[name]
    if name in NAMED:
        return NAMED[name]
    return _LOWER.get(name.lower()) if name[:1].isupper() else None


def from_model(model: str, spec: str) -> RGB | None:
    """The colour of ``\\definecolor{x}{model}{spec}``; None for models we do not convert."""
    model = model.strip()
    spec = spec.strip()
    try:
        if model == "HTML":
            h = spec.lstrip("#")
            if not re.fullmatch(r"[0-9A-Fa-f]{6}", h):
                return None
            return tuple(int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]
        values = [float(v) for v in re.split(r"[\s,]+", spec) if v]
        if model == "rgb" and len(values) == 3:
            return _clip(values)
        if model == "RGB" and len(values) == 3:
            return _clip([v / 255 for v in values])
        if model == "cmyk" and len(values) == 4:
            return _cmyk_to_rgb(*values)
        if model == "cmy" and len(values) == 3:
            return _clip([1 - v for v in values])
        if model == "gray" and len(values) == 1:
            return (values[0],) * 3  # type: ignore[return-value]
        if model == "Gray" and len(values) == 1:
            return (values[0] / 15,) * 3  # type: ignore[return-value]
        if model == "hsb" and len(values) == 3:
            return colorsys.hsv_to_rgb(*values)
        if model == "HSB" and len(values) == 3:
            return colorsys.hsv_to_rgb(*(v / 240 for v in values))
    except (ValueError, TypeError, ZeroDivisionError):
        return None
    return None


def _clip(values) -> RGB:
    return tuple(min(1.0, max(0.0, float(v))) for v in values)  # type: ignore[return-value]


def parse_expression(expr: str, defined: dict[str, RGB] | None = None) -> RGB | None:
    """An xcolor colour expression (``red!50!black``), or None when a part is unknown."""
    expr = expr.strip()
    complement = False
    while expr.startswith("-"):
        complement = not complement
        expr = expr[1:].strip()
    parts = [p.strip() for p in expr.split("!")]
    if not parts or not parts[0]:
        return None
    colour = lookup(parts[0], defined)
    if colour is None:
        return None
    i = 1
    while i < len(parts):
        try:
            pct = min(100.0, max(0.0, float(parts[i]))) / 100
        except ValueError:
            return None
        other: RGB | None = (1.0, 1.0, 1.0)
        if i + 1 < len(parts) and parts[i + 1]:
            other = lookup(parts[i + 1], defined)
            if other is None:
                return None
        colour = tuple(pct * a + (1 - pct) * b for a, b in zip(colour, other))  # type: ignore[assignment]
        i += 2
    if complement:
        colour = tuple(1 - v for v in colour)  # type: ignore[assignment]
    return colour


#: Hue windows in degrees (HSV hue of sRGB): red wraps around 0.
RED_HUES = ((342.0, 360.0), (0.0, 18.0))
GREEN_HUES = ((75.0, 165.0),)
MIN_SATURATION = 0.25
MIN_VALUE = 0.2


def hue_class(rgb: RGB) -> str | None:
    """'red', 'green' or None (another hue, a grey, or a tint too pale to read as either)."""
    h, s, v = colorsys.rgb_to_hsv(*rgb)
    if s < MIN_SATURATION or v < MIN_VALUE:
        return None
    deg = h * 360
    if any(lo <= deg < hi for lo, hi in RED_HUES):
        return "red"
    if any(lo <= deg < hi for lo, hi in GREEN_HUES):
        return "green"
    return None


def to_hex(rgb: RGB) -> str:
    return "#" + "".join(f"{round(min(1, max(0, c)) * 255):02x}" for c in rgb)


def describe(rgb: RGB) -> str:
    """A rough everyday name for a colour (for messages): 'red', 'dark green', 'orange'..."""
    h, s, v = colorsys.rgb_to_hsv(*rgb)
    if s < 0.15 or v < 0.12:
        return "black" if v < 0.2 else "white" if v > 0.92 and s < 0.08 else "grey"
    deg = h * 360
    names = ((15, "red"), (40, "orange"), (70, "yellow"), (80, "yellow-green"), (160, "green"), (190, "teal"),
             (250, "blue"), (285, "purple"), (335, "magenta"), (361, "red"))
    name = next(n for limit, n in names if deg < limit)
    if name == "orange" and v < 0.65:
        name = "brown"
    elif v < 0.45:
        name = "dark " + name
    elif s < 0.45 and v > 0.8:
        name = "light " + name
    return name
