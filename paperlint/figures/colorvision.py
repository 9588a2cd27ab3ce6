"""Colour-vision analysis of figure images: the engine of rule FG120.

What it does
------------
``analyse_image(path)`` loads a figure (PNG, JPEG, GIF or the first page of a
PDF) at reduced size, extracts its few dominant colours, and reports every pair
of those colours that is clearly distinct in normal colour vision but becomes
hard to tell apart for a reader with protanopia or deuteranopia (red-green
colour blindness, about 1 in 12 men of North-European descent when anomalous
trichromats are counted).

Pipeline, all in our own code from the published mathematics:

1. sRGB (IEC 61966-2-1) -> linear RGB -> CIE XYZ (D65).
2. Simulation of colour-vision deficiency: Machado, Oliveira & Fernandes
   (2009), "A Physiologically-based Model for Simulation of Color Vision
   Deficiency", IEEE TVCG 15(6):1291-1298, severity 1.0. The model acts as
   one 3x3 matrix on linear RGB.
3. Perceptual distance: CIECAM02 (CIE 159:2004; Moroney et al. 2002) under
   the sRGB reference viewing conditions (64 lux ambient: L_A = 64/pi/5
   cd/m^2, background Y_b = 20, average surround, D65 white), followed by the
   uniform colour space CAM02-UCS of Luo, Cui & Li (2006), "Uniform colour
   spaces based on CIECAM02 colour appearance model", Color Res. Appl. 31(4).
   Euclidean distance in (J', a', b') approximates perceived difference
   (a distance of 1 is roughly the smallest visible difference).
4. Palette extraction (our own heuristic, see :func:`extract_palette`).
5. Pairs with distance > :data:`NORMAL_MIN_DISTANCE` in normal vision and
   < :data:`SIMULATED_MAX_DISTANCE` under a simulation are reported.

Why Machado 2009 rather than Vienot, Brettel & Mollon 1999
----------------------------------------------------------
* Vienot 1999 (and Brettel 1997) model *dichromats* only: a projection onto
  the plane of colours a dichromat can see. Most red-green deficient readers
  are anomalous trichromats (protanomaly, deuteranomaly: about three times as
  common as dichromacy). Machado models them by shifting the L or M cone
  sensitivity with a continuous *severity*; severity 1.0 approximates
  dichromacy, so one model covers the whole range and lets us choose the
  strictness with one number.
* At severity 1.0 Machado's protan/deutan results broadly agree with
  Vienot's, so little is lost for dichromats.
* It is the model shipped by colorspacious (``"sRGB1+CVD"``) and daltonlens,
  and the one used by viscm, the tool that designed matplotlib's viridis.
  Our verdicts therefore agree with the tools authors use to check palettes,
  and our tests check our matrices and results against both libraries.
* It is a single matrix on linear RGB: trivial and fast (we only simulate the
  handful of palette colours, not every pixel).

We use severity 1.0, the worst case: the simulation moves smoothly with
severity, so in practice a pair that stays distinct for a dichromat also
stays distinct for the milder anomalous trichromacies. Tritanopia
(blue-yellow, rare: of the order of 1 in 10 000) is not checked.

Only numpy is needed at run time for this module; loading files needs Pillow
and pypdfium2 (see :mod:`paperlint.figures.imageload`). All three are
imported lazily so that ``import paperlint.figures.colorvision`` always works.
"""

from __future__ import annotations

import math
import os
from ..records import asdict, dataclass
from typing import Any

from paperlint.figures.imageload import ImageError, load_image

__all__ = [
    "ANALYSIS_VERSION",
    "ColourPair",
    "DEFICIENCIES",
    "ImageError",
    "NORMAL_MIN_DISTANCE",
    "SIMULATED_MAX_DISTANCE",
    "PaletteColour",
    "analyse_array",
    "analyse_image",
    "cam02ucs_distance",
    "extract_palette",
    "simulate_cvd",
    "srgb_to_cam02ucs",
    "srgb_to_linear",
    "linear_to_srgb",
]

#: Bump whenever anything below changes results (the cache keys on it).
ANALYSIS_VERSION = "fg120-3"

# --------------------------------------------------------------------------
# Thresholds (CAM02-UCS units)
# --------------------------------------------------------------------------

#: A pair must be at least this far apart in normal vision to count as two
#: colours that the author meant to be told apart.
NORMAL_MIN_DISTANCE = 20.0
#: ... and closer than this under simulation to count as collapsed.
SIMULATED_MAX_DISTANCE = 12.0

# Palette extraction parameters.
#: Longest side, in pixels, at which figures are analysed.
ANALYSIS_SIDE = 320
#: A pixel is near-white background when all three sRGB channels are >= this.
BACKGROUND_MIN = 0.92
#: Pixels with sRGB max-min below this are greys (pre-filter; fast).
GREY_PIXEL_SPREAD = 0.06
#: Palette colours with CIECAM02 colourfulness M below this are greys.
GREY_MAX_COLOURFULNESS = 8.0
#: A pixel whose saturation is this much lower than a 4-neighbour's is an
#: anti-aliasing fringe (a blend of that neighbour's colour with another).
FRINGE_DROP = 0.05
#: Histogram bins closer than this (CAM02-UCS) to a cluster seed are merged.
MERGE_RADIUS = 9.0
#: A colour that is a blend of a more saturated palette colour with white within this
#: sRGB tolerance (per channel) is folded into it (tints, AA residue).
TINT_TOLERANCE = 0.035
#: Minimum share of the non-background pixels for a palette colour.
MIN_SHARE = 0.005
#: Colour-scale guard: a pair is not reported when the pixels whose colours
#: lie between the two (within this CAM02-UCS radius of the segment joining
#: them) number at least RAMP_MIN_RATIO times the smaller colour's pixels:
#: the two are then steps of one continuous scale (heat map, shaded surface),
#: read against a colour bar and ordered by lightness, not categories.
RAMP_TUBE_RADIUS = 6.0
RAMP_MIN_RATIO = 0.25
#: At most this many palette colours are compared.
MAX_COLOURS = 8
#: More distinct colours than this (quantised bins of the chromatic pixels) and the image is a
#: photograph, a heat map or a collage of panels: its colours are scene content or a continuous
#: scale, not a handful of categories, and a colliding pair says little. On the development
#: corpus (bench/corpus) every flagged figure with more than 180 bins was a false alarm read by
#: hand (photographs, replicate runs in arbitrary colours, colour bars); every right one had 110
#: or fewer.
MAX_DISTINCT_COLOURS = 180
#: Only the largest this-many histogram bins may found a cluster.
_MAX_SEED_BINS = 400
#: Below this many non-background pixels there is nothing to analyse.
MIN_FOREGROUND_PIXELS = 50

DEFICIENCIES = ("protanopia", "deuteranopia")

# --------------------------------------------------------------------------
# Published constants
# --------------------------------------------------------------------------

# IEC 61966-2-1 (sRGB): the normative XYZ -> linear RGB matrix (Y of white
# = 1). We use its exact inverse for RGB -> XYZ rather than the commonly
# quoted 4-digit forward matrix (0.4124, 0.3576, ...), so that the two
# directions agree (colorspacious does the same).
_XYZ_TO_SRGB = (
    (3.2406, -1.5372, -0.4986),
    (-0.9689, 1.8758, 0.0415),
    (0.0557, -0.2040, 1.0570),
)

# Machado, Oliveira & Fernandes 2009, precomputed matrices, severity 1.0,
# acting on linear RGB.
MACHADO_2009 = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
}

# CIECAM02 (CIE 159:2004).
_M_CAT02 = (
    (0.7328, 0.4296, -0.1624),
    (-0.7036, 1.6975, 0.0061),
    (0.0030, 0.0136, 0.9834),
)
_M_HPE = (
    (0.38971, 0.68898, -0.07868),
    (-0.22981, 1.18340, 0.04641),
    (0.0, 0.0, 1.0),
)
# CIE D65 white, XYZ scaled so that Y = 100.
_D65_XYZ100 = (95.047, 100.0, 108.883)
# sRGB reference viewing conditions.
_L_A = 64.0 / math.pi / 5.0
_Y_B = 20.0
_SURROUND_F, _SURROUND_C, _SURROUND_NC = 1.0, 0.69, 1.0
# CAM02-UCS coefficients (Luo, Cui & Li 2006).
_UCS_KL, _UCS_C1, _UCS_C2 = 1.0, 0.007, 0.0228


# --------------------------------------------------------------------------
# Data types
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ColourPair:
    """Two palette colours that collapse under simulated colour blindness."""

    colour_a: str  # '#d62728'
    colour_b: str
    share_a: float  # fraction of non-background pixels
    share_b: float
    deficiency: str  # 'protanopia' | 'deuteranopia'
    normal_distance: float  # CAM02-UCS distance, normal vision
    simulated_distance: float  # CAM02-UCS distance under the simulation

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ColourPair:
        return cls(
            colour_a=str(data["colour_a"]),
            colour_b=str(data["colour_b"]),
            share_a=float(data["share_a"]),
            share_b=float(data["share_b"]),
            deficiency=str(data["deficiency"]),
            normal_distance=float(data["normal_distance"]),
            simulated_distance=float(data["simulated_distance"]),
        )


@dataclass(frozen=True)
class PaletteColour:
    """One dominant colour of a figure."""

    hex: str
    share: float  # fraction of non-background pixels
    rgb: tuple[float, float, float]  # sRGB in [0, 1]


# --------------------------------------------------------------------------
# Colour science
# --------------------------------------------------------------------------


def _np() -> Any:
    try:
        import numpy
    except ImportError as exc:  # pragma: no cover - depends on environment
        raise ImageError(
            "numpy is not installed; paperlint depends on it to check figure colours: pip install numpy pillow pypdfium2",
            cacheable=False,
        ) from exc
    return numpy


def srgb_to_linear(rgb: Any) -> Any:
    """sRGB values in [0, 1] to linear light (IEC 61966-2-1 transfer function)."""
    np = _np()
    c = np.asarray(rgb, dtype=np.float64)
    return np.where(c <= 0.04045, c / 12.92, ((np.abs(c) + 0.055) / 1.055) ** 2.4 * np.sign(c))


def linear_to_srgb(lin: Any) -> Any:
    """Inverse of :func:`srgb_to_linear`."""
    np = _np()
    c = np.asarray(lin, dtype=np.float64)
    a = np.abs(c)
    return np.where(a <= 0.0031308, c * 12.92, np.sign(c) * (1.055 * a ** (1 / 2.4) - 0.055))


def simulate_cvd(rgb: Any, deficiency: str, *, clip: bool = True) -> Any:
    """Simulate ``deficiency`` on sRGB colours (array (..., 3) in [0, 1]).

    Machado 2009 at severity 1.0, applied in linear RGB; the result is
    clipped to the sRGB gamut (as a display would) unless ``clip=False``.
    """
    np = _np()
    try:
        m = np.asarray(MACHADO_2009[deficiency])
    except KeyError:
        raise ValueError(f"unknown deficiency {deficiency!r}; expected one of {DEFICIENCIES}") from None
    lin = srgb_to_linear(rgb) @ m.T
    if clip:
        lin = np.clip(lin, 0.0, 1.0)
    return linear_to_srgb(lin)


class _Cam02:
    """CIECAM02 forward model for fixed (sRGB reference) viewing conditions."""

    def __init__(self) -> None:
        np = _np()
        self.m_cat02 = np.asarray(_M_CAT02)
        self.m_hpe = np.asarray(_M_HPE)
        xyz_w = np.asarray(_D65_XYZ100)
        self.y_w = xyz_w[1]
        la = _L_A
        self.D = float(np.clip(_SURROUND_F * (1 - (1 / 3.6) * math.exp((-la - 42) / 92)), 0, 1))
        k = 1 / (5 * la + 1)
        self.F_L = 0.2 * k**4 * (5 * la) + 0.1 * (1 - k**4) ** 2 * (5 * la) ** (1 / 3)
        self.n = _Y_B / self.y_w
        self.z = 1.48 + math.sqrt(self.n)
        self.N_bb = self.N_cb = 0.725 * (1 / self.n) ** 0.2
        rgb_w = self.m_cat02 @ xyz_w
        self.d_rgb = self.D * self.y_w / rgb_w + 1 - self.D
        # Chromatic adaptation then Hunt-Pointer-Estevez, as one matrix.
        self.m_full = self.m_hpe @ np.linalg.inv(self.m_cat02) @ np.diag(self.d_rgb) @ self.m_cat02
        rgb_aw = self._compress(self.m_full @ xyz_w)
        self.A_w = (2 * rgb_aw[0] + rgb_aw[1] + rgb_aw[2] / 20 - 0.305) * self.N_bb

    def _compress(self, rgb_p: Any) -> Any:
        np = _np()
        t = (self.F_L * np.abs(rgb_p) / 100) ** 0.42
        return np.sign(rgb_p) * 400 * t / (t + 27.13) + 0.1

    def jmh(self, xyz100: Any) -> tuple[Any, Any, Any]:
        """CIECAM02 lightness J, colourfulness M and hue angle h (radians)."""
        np = _np()
        xyz = np.asarray(xyz100, dtype=np.float64)
        rgb_a = self._compress(xyz @ self.m_full.T)
        ra, ga, ba = rgb_a[..., 0], rgb_a[..., 1], rgb_a[..., 2]
        a = ra - 12 * ga / 11 + ba / 11
        b = (ra + ga - 2 * ba) / 9
        h = np.arctan2(b, a)
        h_deg = np.degrees(h) % 360
        e_t = 0.25 * (np.cos(np.radians(h_deg) + 2) + 3.8)
        A = (2 * ra + ga + ba / 20 - 0.305) * self.N_bb
        J = 100 * np.maximum(A / self.A_w, 0) ** (_SURROUND_C * self.z)
        t = (50000 / 13 * _SURROUND_NC * self.N_cb * e_t * np.hypot(a, b)) / (ra + ga + 21 / 20 * ba)
        C = np.maximum(t, 0) ** 0.9 * np.sqrt(J / 100) * (1.64 - 0.29**self.n) ** 0.73
        M = C * self.F_L**0.25
        return J, M, h


_CAM: _Cam02 | None = None
_SRGB_TO_XYZ: Any = None


def _srgb_to_xyz() -> Any:
    global _SRGB_TO_XYZ
    if _SRGB_TO_XYZ is None:
        np = _np()
        _SRGB_TO_XYZ = np.linalg.inv(np.asarray(_XYZ_TO_SRGB))
    return _SRGB_TO_XYZ


def _cam() -> _Cam02:
    global _CAM
    if _CAM is None:
        _CAM = _Cam02()
    return _CAM


def srgb_to_cam02ucs(rgb: Any) -> Any:
    """sRGB in [0, 1] (array (..., 3)) to CAM02-UCS (J', a', b')."""
    np = _np()
    xyz100 = srgb_to_linear(rgb) @ _srgb_to_xyz().T * 100.0
    J, M, h = _cam().jmh(xyz100)
    J_p = (1 + 100 * _UCS_C1) * J / (1 + _UCS_C1 * J)
    M_p = np.log1p(_UCS_C2 * M) / _UCS_C2
    return np.stack([J_p / _UCS_KL, M_p * np.cos(h), M_p * np.sin(h)], axis=-1)


def cam02ucs_distance(rgb_a: Any, rgb_b: Any) -> Any:
    """Perceptual distance between sRGB colours (CAM02-UCS Euclidean)."""
    np = _np()
    return np.linalg.norm(srgb_to_cam02ucs(rgb_a) - srgb_to_cam02ucs(rgb_b), axis=-1)


# --------------------------------------------------------------------------
# Palette extraction
# --------------------------------------------------------------------------


def _as_rgb_float(rgb: Any) -> Any:
    np = _np()
    arr = np.asarray(rgb)
    if arr.ndim != 3 or arr.shape[2] not in (3, 4):
        raise ValueError(f"expected an (H, W, 3) RGB array, got shape {arr.shape}")
    if arr.dtype == np.uint8:
        arr = arr.astype(np.float32) / 255.0
    else:
        arr = arr.astype(np.float32, copy=False)
    if arr.shape[2] == 4:  # composite on white
        alpha = np.clip(arr[:, :, 3:4], 0, 1)
        arr = arr[:, :, :3] * alpha + (1 - alpha)
    return np.clip(arr, 0.0, 1.0)


def _to_hex(rgb: Any) -> str:
    r, g, b = (int(round(float(v) * 255)) for v in rgb)
    return f"#{r:02x}{g:02x}{b:02x}"


@dataclass
class _Extraction:
    palette: list[PaletteColour]
    bin_ucs: Any = None  # CAM02-UCS of every occupied histogram bin (core pixels)
    bin_counts: Any = None  # pixels per bin
    n_foreground: int = 0


def extract_palette(rgb: Any) -> list[PaletteColour]:
    """The dominant chromatic colours of an image, largest share first.

    1. Near-white pixels (all channels >= :data:`BACKGROUND_MIN`) are the
       background; shares are fractions of the remaining pixels.
    2. Near-grey pixels (black text, axes, grey fills) are ignored.
    3. Anti-aliasing fringes are ignored: a blend of two colours is never more
       saturated (sRGB max - min) than the more saturated of the two, so a
       pixel clearly less saturated than one of its 4-neighbours is a fringe.
       Flat areas and line cores survive.
    4. The survivors are quantised to 4 bits per channel (4096 bins); bins
       are merged greedily, largest first, into clusters of radius
       :data:`MERGE_RADIUS` in CAM02-UCS, each represented by its largest
       bin's mean colour.
    5. A cluster that is a tint of another (a blend of that more saturated
       colour with white, as left by thin anti-aliased lines, markers and
       transparent fills) is folded into it, so a thin line's pixels count
       towards its own colour; near-greys (CAM02 colourfulness below
       :data:`GREY_MAX_COLOURFULNESS`) are dropped.
    6. Clusters covering at least :data:`MIN_SHARE` of the non-background
       pixels are kept, at most :data:`MAX_COLOURS`.
    """
    return _extract(rgb).palette


def _extract(rgb: Any) -> _Extraction:
    np = _np()
    empty = _Extraction([])
    img = _as_rgb_float(rgb)
    if img.size == 0:
        return empty
    r, g, b = img[:, :, 0], img[:, :, 1], img[:, :, 2]
    # (np.max(axis=2) over a length-3 axis is several times slower.)
    mx = np.maximum(np.maximum(r, g), b)
    mn = np.minimum(np.minimum(r, g), b)
    foreground = mn < BACKGROUND_MIN
    n_fg = int(foreground.sum())
    if n_fg < MIN_FOREGROUND_PIXELS:
        return empty
    sat = mx - mn
    chromatic = foreground & (sat >= GREY_PIXEL_SPREAD)
    if not chromatic.any():
        return empty

    # Fringe test against the four neighbours (edge-padded: borders compare
    # with themselves).
    pad = np.pad(sat, 1, mode="edge")
    neigh_max = np.maximum(
        np.maximum(pad[:-2, 1:-1], pad[2:, 1:-1]), np.maximum(pad[1:-1, :-2], pad[1:-1, 2:])
    )
    core = chromatic & (sat >= neigh_max - FRINGE_DROP)
    pixels = img[core]
    if pixels.shape[0] == 0:
        return empty

    q = np.rint(pixels * 15.0).astype(np.int32)
    codes = (q[:, 0] << 8) | (q[:, 1] << 4) | q[:, 2]
    counts = np.bincount(codes, minlength=4096)
    sums = np.stack([np.bincount(codes, weights=pixels[:, c], minlength=4096) for c in range(3)], axis=1)
    occupied = np.nonzero(counts)[0]
    # Largest bins first.
    order = occupied[np.argsort(-counts[occupied], kind="stable")]
    means = sums[order] / counts[order][:, None]
    bin_counts = counts[order].astype(np.float64)
    ucs = srgb_to_cam02ucs(means)

    # Greedy seeding over the larger bins (largest first), then a vectorised
    # assignment of every bin to its nearest seed within MERGE_RADIUS. Bins
    # too small to found a cluster, and not near any, are ignored.
    seed_min = MIN_SHARE * n_fg * 0.1
    n_big = min(int(np.count_nonzero(bin_counts >= seed_min)), _MAX_SEED_BINS)
    seeds: list[int] = []
    seed_ucs = np.empty((0, 3))
    for i in range(n_big):
        if seeds and float(np.min(np.linalg.norm(seed_ucs - ucs[i], axis=1))) < MERGE_RADIUS:
            continue
        seeds.append(i)
        seed_ucs = np.vstack([seed_ucs, ucs[i]])
    if not seeds:
        return empty
    dist = np.linalg.norm(ucs[:, None, :] - seed_ucs[None, :, :], axis=2)
    nearest = np.argmin(dist, axis=1)
    near = dist[np.arange(len(order)), nearest] < MERGE_RADIUS
    cl_count = np.bincount(nearest[near], weights=bin_counts[near], minlength=len(seeds)).tolist()

    colours = [means[i] for i in seeds]
    counts_f = list(cl_count)

    # Fold tints (blends with white) into a more saturated cluster, smallest
    # clusters first.
    alive = [True] * len(colours)
    by_size = sorted(range(len(colours)), key=lambda k: counts_f[k])
    for k in by_size:
        c = colours[k]
        best = None
        for p in range(len(colours)):
            if p == k or not alive[p]:
                continue
            parent = colours[p]
            # c ~= alpha * parent + (1 - alpha) * white  =>  1 - c ~= alpha * (1 - parent)
            u = 1.0 - parent
            v = 1.0 - c
            uu = float(u @ u)
            if uu < 1e-6:
                continue
            alpha = float(u @ v) / uu
            if not 0.0 < alpha < 0.97:
                continue
            resid = float(np.max(np.abs(v - alpha * u)))
            if resid <= TINT_TOLERANCE and (best is None or resid < best[0]):
                best = (resid, p)
        if best is not None:
            alive[k] = False
            counts_f[best[1]] += counts_f[k]

    keep = [k for k in range(len(colours)) if alive[k]]
    if not keep:
        return empty
    kept_rgb = np.asarray([colours[k] for k in keep])
    _, M, _ = _cam().jmh(srgb_to_linear(kept_rgb) @ _srgb_to_xyz().T * 100.0)
    palette = [
        PaletteColour(
            hex=_to_hex(colours[k]),
            share=counts_f[k] / n_fg,
            rgb=(float(colours[k][0]), float(colours[k][1]), float(colours[k][2])),
        )
        for k, m in zip(keep, M.tolist(), strict=True)
        if m >= GREY_MAX_COLOURFULNESS and counts_f[k] / n_fg >= MIN_SHARE
    ]
    palette.sort(key=lambda pc: (-pc.share, pc.hex))
    return _Extraction(palette[:MAX_COLOURS], ucs, bin_counts, n_fg)


# --------------------------------------------------------------------------
# Analysis
# --------------------------------------------------------------------------


def _on_one_ramp(ex: _Extraction, ucs_a: Any, ucs_b: Any, smaller_share: float) -> bool:
    """True if many pixels have colours strictly between ``a`` and ``b``.

    Two steps of one continuous colour scale (a heat map, a shaded surface, a
    colour bar) are joined by a ramp of intermediate colours; two categorical
    colours are not (their blends are anti-aliasing fringes, already removed).
    We count the pixels whose colour lies inside a tube of radius
    :data:`RAMP_TUBE_RADIUS` around the segment a-b in CAM02-UCS, away from
    both ends, and compare with the smaller colour's pixel count.
    """
    np = _np()
    if ex.bin_ucs is None or ex.n_foreground <= 0:
        return False
    ab = ucs_b - ucs_a
    length2 = float(ab @ ab)
    if length2 <= 0:
        return False
    rel = ex.bin_ucs - ucs_a
    t = rel @ ab / length2
    perp = np.linalg.norm(rel - np.outer(t, ab), axis=1)
    far_a = np.linalg.norm(rel, axis=1) > MERGE_RADIUS
    far_b = np.linalg.norm(ex.bin_ucs - ucs_b, axis=1) > MERGE_RADIUS
    between = (t > 0) & (t < 1) & (perp < RAMP_TUBE_RADIUS) & far_a & far_b
    share_between = float(ex.bin_counts[between].sum()) / ex.n_foreground
    return share_between >= RAMP_MIN_RATIO * smaller_share


def _pairs(ex: _Extraction) -> list[ColourPair]:
    np = _np()
    palette = ex.palette
    if len(palette) < 2 or (ex.bin_counts is not None and len(ex.bin_counts) > MAX_DISTINCT_COLOURS):
        return []
    rgb = np.asarray([pc.rgb for pc in palette])
    normal = srgb_to_cam02ucs(rgb)
    sims = {d: srgb_to_cam02ucs(simulate_cvd(rgb, d)) for d in DEFICIENCIES}
    found: list[ColourPair] = []
    for i in range(len(palette)):
        for j in range(i + 1, len(palette)):
            dn = float(np.linalg.norm(normal[i] - normal[j]))
            if dn <= NORMAL_MIN_DISTANCE:
                continue
            ramp: bool | None = None  # computed lazily, only for collapsing pairs
            for d in DEFICIENCIES:
                ds = float(np.linalg.norm(sims[d][i] - sims[d][j]))
                if ds >= SIMULATED_MAX_DISTANCE:
                    continue
                if ramp is None:
                    ramp = _on_one_ramp(ex, normal[i], normal[j], min(palette[i].share, palette[j].share))
                if not ramp:
                    found.append(
                        ColourPair(
                            colour_a=palette[i].hex,
                            colour_b=palette[j].hex,
                            share_a=round(palette[i].share, 4),
                            share_b=round(palette[j].share, 4),
                            deficiency=d,
                            normal_distance=round(dn, 2),
                            simulated_distance=round(ds, 2),
                        )
                    )
    # Most prominent pairs first (smaller share of the pair, descending).
    found.sort(key=lambda p: (-min(p.share_a, p.share_b), p.simulated_distance, p.deficiency))
    return found


def analyse_array(rgb: Any) -> list[ColourPair]:
    """Colour pairs that collapse under protanopia/deuteranopia in an image.

    ``rgb`` is an (H, W, 3) array, float in [0, 1] or uint8 (an alpha
    channel, if present, is composited on white). Analyse it at about
    :data:`ANALYSIS_SIDE` pixels for speed; larger arrays work but are slower.
    """
    return _pairs(_extract(rgb))


def analyse_image(path: str | os.PathLike[str], page: int = 0) -> list[ColourPair]:
    """Load a figure file and analyse it; raises :class:`ImageError`.

    PDF pages are rendered without anti-aliasing so that vector colours stay
    pure; raster files are area-averaged down to :data:`ANALYSIS_SIDE`.
    """
    rgb = load_image(path, max_side=ANALYSIS_SIDE, page=page, antialias=False)
    return analyse_array(rgb)
