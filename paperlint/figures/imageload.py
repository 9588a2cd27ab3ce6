"""Load a figure file (PNG, JPEG, GIF, first page of a PDF) as a small RGB array.

The colour-vision check (rule FG120) only needs the *colours* of a figure, not
its detail, so every file is decoded at reduced size: JPEG through Pillow's
``draft()`` (the decoder itself downscales by 1/2, 1/4 or 1/8), other raster
formats through ``thumbnail()`` with area averaging, and PDF pages rendered by
PDFium (via pypdfium2) at a scale that yields about ``max_side`` pixels.

Transparency is composited on white, as the figure would appear on paper.

Every failure is reported as :class:`ImageError` with a short plain-English
reason (missing file, corrupt file, unsupported format such as EPS, image too
large, a dependency not installed). Callers never see a raw exception
from Pillow or PDFium.

numpy, Pillow and pypdfium2 are dependencies imported only here (an install with ``--no-deps`` may lack them)
and are imported lazily inside the functions, so that importing this module
never fails.
"""

from __future__ import annotations

import os
import struct
import warnings
from typing import Any

__all__ = [
    "ImageError",
    "MAX_PIXELS",
    "SUPPORTED_FORMATS",
    "load_image",
    "sniff_format",
]

#: Largest raster we agree to decode, in pixels actually decoded (for JPEG:
#: after the decoder's own downscaling). 40 megapixels is a 7300 x 5500 image,
#: far beyond anything a paper needs; beyond it decoding costs seconds and
#: hundreds of megabytes, so we refuse from the header alone.
MAX_PIXELS = 40_000_000

#: Content-sniffed formats we can analyse.
SUPPORTED_FORMATS = ("PNG", "JPEG", "GIF", "PDF", "WEBP", "BMP", "TIFF")

_INSTALL_HINT = "paperlint depends on numpy, Pillow and pypdfium2 to check figure colours: pip install numpy pillow pypdfium2"


class ImageError(Exception):
    """A figure file that cannot be analysed; ``reason`` is a plain message.

    ``cacheable`` is False for errors that depend on the environment rather
    than on the file's content (a missing optional dependency, no memory).
    """

    def __init__(
        self, reason: str, path: str | os.PathLike[str] | None = None, *, cacheable: bool = True
    ) -> None:
        self.reason = reason
        self.path = None if path is None else os.fspath(path)
        self.cacheable = cacheable
        super().__init__(reason)


def _require_numpy() -> Any:
    try:
        import numpy
    except ImportError as exc:  # pragma: no cover - depends on environment
        raise ImageError(f"numpy is not installed; {_INSTALL_HINT}", cacheable=False) from exc
    return numpy


def _require_pil() -> Any:
    try:
        from PIL import Image
    except ImportError as exc:  # pragma: no cover - depends on environment
        raise ImageError(f"Pillow is not installed; {_INSTALL_HINT}", cacheable=False) from exc
    return Image


def _require_pdfium() -> Any:
    try:
        import pypdfium2
    except ImportError as exc:  # pragma: no cover - depends on environment
        raise ImageError(f"pypdfium2 is not installed; {_INSTALL_HINT}", cacheable=False) from exc
    return pypdfium2


def sniff_format(head: bytes, filename: str = "") -> str:
    """Name the format of a file from its first bytes.

    Returns one of :data:`SUPPORTED_FORMATS`, or raises :class:`ImageError`
    for empty, unsupported (EPS, PostScript, SVG) and unrecognised content.
    """
    if not head:
        raise ImageError("the file is empty")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WEBP"
    if head.startswith(b"BM"):
        return "BMP"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "TIFF"
    # PDF readers accept the header anywhere in the first 1024 bytes.
    if b"%PDF-" in head[:1024]:
        return "PDF"
    if head.startswith((b"%!PS", b"\xc5\xd0\xd3\xc6")):
        raise ImageError(
            "EPS/PostScript figures are not supported; convert the figure to PDF "
            "(for example with epstopdf) to have its colours checked"
        )
    lowered = head[:1024].lstrip().lower()
    if lowered.startswith(b"<?xml") or lowered.startswith(b"<svg") or b"<svg" in lowered:
        raise ImageError("SVG figures are not supported; export the figure as PDF or PNG")
    ext = os.path.splitext(filename)[1].lower()
    if ext in (".eps", ".ps"):
        raise ImageError(
            "EPS/PostScript figures are not supported (and this file does not look like one either)"
        )
    raise ImageError("unrecognised file format (expected PNG, JPEG, GIF or PDF)")


def load_image(
    path: str | os.PathLike[str],
    max_side: int = 256,
    *,
    page: int = 0,
    antialias: bool = True,
) -> Any:
    """Decode ``path`` to a float32 array of shape (H, W, 3) with values in [0, 1].

    The longer side of the result is about ``max_side`` pixels (never larger;
    smaller images are not enlarged, except PDF pages which are rendered at
    that size). ``page`` selects the PDF page (0-based). ``antialias=False``
    renders PDF paths and text without anti-aliasing, which keeps vector
    colours pure (no blended fringe pixels); it has no effect on raster files.

    Raises :class:`ImageError` for anything that cannot be analysed.
    """
    fspath = os.fspath(path)
    if max_side < 8:
        raise ValueError("max_side must be at least 8 pixels")
    try:
        with open(fspath, "rb") as fh:
            head = fh.read(1024)
    except FileNotFoundError:
        raise ImageError("file not found", fspath) from None
    except IsADirectoryError:
        raise ImageError("path is a directory, not an image file", fspath) from None
    except PermissionError:
        raise ImageError("permission denied when reading the file", fspath) from None
    except OSError as exc:
        raise ImageError(f"cannot read the file ({exc.strerror or exc})", fspath) from None
    try:
        fmt = sniff_format(head, fspath)
    except ImageError as exc:
        raise ImageError(exc.reason, fspath) from None
    if fmt == "PDF":
        return _load_pdf(fspath, max_side, page, antialias)
    if page != 0:
        raise ImageError(f"page {page + 1} requested but a {fmt} file has only one page", fspath)
    return _load_raster(fspath, fmt, max_side)


def _load_raster(fspath: str, fmt: str, max_side: int) -> Any:
    np = _require_numpy()
    Image = _require_pil()
    try:
        with warnings.catch_warnings():
            # Pillow warns about damaged metadata (EXIF, TIFF tags) and about
            # decompression bombs (we apply our own, lower, limit below): noise
            # for a linter, which reports only whether it could read the pixels.
            warnings.simplefilter("ignore")
            with Image.open(fspath, formats=[fmt]) as im:
                width, height = im.size
                if width <= 0 or height <= 0:
                    raise ImageError("the image has zero width or height (corrupt header)", fspath)
                if fmt == "JPEG":
                    # Let the JPEG decoder downscale (by up to 8) while decoding.
                    im.draft("RGB", (max_side, max_side))
                dw, dh = im.size
                if dw * dh > MAX_PIXELS:
                    raise ImageError(
                        f"image is too large to check ({width} x {height} pixels; "
                        f"the limit is {MAX_PIXELS // 1_000_000} megapixels)",
                        fspath,
                    )
                im.load()
                arr = _to_rgb_array(np, Image, im, max_side)
    except ImageError:
        raise
    except Image.DecompressionBombError:
        raise ImageError(
            f"image is too large to check (its header claims more than {MAX_PIXELS // 1_000_000} megapixels)",
            fspath,
        ) from None
    except MemoryError:
        raise ImageError("not enough memory to decode the image", fspath, cacheable=False) from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, TypeError, struct.error) as exc:
        raise ImageError(f"corrupt or truncated {fmt} file ({_short(exc)})", fspath) from None
    except Exception as exc:  # Pillow plug-ins raise a wide variety of errors.
        raise ImageError(f"cannot decode the {fmt} file ({_short(exc)})", fspath) from None
    return arr


def _short(exc: BaseException) -> str:
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return msg[:120]


def _to_rgb_array(np: Any, Image: Any, im: Any, max_side: int) -> Any:
    """Convert an opened, loaded Pillow image to float RGB on white, thumbnailed."""
    mode = im.mode
    if mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        # 16-bit / float greyscale: Pillow's convert("L") clips instead of
        # scaling, so normalise by hand.
        grey = np.asarray(im, dtype=np.float32)
        peak = float(grey.max()) if grey.size else 0.0
        scale = 65535.0 if peak > 255.0 else 255.0
        if mode == "F" and peak <= 1.0:
            scale = 1.0
        grey = np.clip(grey / scale, 0.0, 1.0)
        small = Image.fromarray((grey * 255.0 + 0.5).astype(np.uint8), "L")
        small.thumbnail((max_side, max_side), Image.Resampling.BOX)
        g = np.asarray(small, dtype=np.float32) / 255.0
        return np.repeat(g[:, :, None], 3, axis=2)

    has_alpha = mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        mode in ("P", "L", "RGB") and "transparency" in im.info
    )
    target = "RGBA" if has_alpha else "RGB"
    if mode != target:
        im = im.convert(target)
    # Area averaging (BOX) creates only convex mixtures of existing colours, no
    # ringing; RGBA is resized premultiplied by Pillow. A large image is first
    # shrunk by an integer factor with reduce() (also a box average, several
    # times faster than a fractional resize of the full image: 30 ms instead of
    # 200 ms for a 21-megapixel PNG).
    factor = max(im.size) // (2 * max_side)
    if factor >= 2:
        if target == "RGBA":  # average premultiplied, as resize() does
            im = im.convert("RGBa").reduce(factor).convert("RGBA")
        else:
            im = im.reduce(factor)
    im.thumbnail((max_side, max_side), Image.Resampling.BOX)
    arr = np.asarray(im, dtype=np.float32) / 255.0
    if target == "RGBA":
        alpha = arr[:, :, 3:4]
        arr = arr[:, :, :3] * alpha + (1.0 - alpha)
    return np.ascontiguousarray(arr[:, :, :3])


def _load_pdf(fspath: str, max_side: int, page: int, antialias: bool) -> Any:
    np = _require_numpy()
    pdfium = _require_pdfium()
    doc = None
    try:
        try:
            doc = pdfium.PdfDocument(fspath)
        except pdfium.PdfiumError as exc:
            text = str(exc).lower()
            if "password" in text:
                raise ImageError("the PDF is password-protected", fspath) from None
            raise ImageError(f"corrupt or unreadable PDF file ({_short(exc)})", fspath) from None
        n_pages = len(doc)
        if n_pages == 0:
            raise ImageError("the PDF has no pages", fspath)
        if not 0 <= page < n_pages:
            raise ImageError(f"page {page + 1} requested but the PDF has {n_pages} page(s)", fspath)
        pg = doc[page]
        width, height = pg.get_size()
        if not (width > 0.5 and height > 0.5):
            raise ImageError(f"the PDF page has a degenerate size ({width:g} x {height:g} pt)", fspath)
        scale = max_side / max(width, height)
        if min(width, height) * scale < 1.0:
            raise ImageError(f"the PDF page is too elongated to render ({width:g} x {height:g} pt)", fspath)
        bitmap = pg.render(
            scale=scale,
            fill_color=(255, 255, 255, 255),
            may_draw_forms=False,
            draw_annots=True,
            no_smoothpath=not antialias,
            no_smoothtext=not antialias,
            rev_byteorder=True,
            prefer_bgrx=False,
        )
        arr = bitmap.to_numpy()
        if arr.ndim == 2:  # greyscale bitmap
            arr = np.repeat(arr[:, :, None], 3, axis=2)
        out = np.asarray(arr[:, :, :3], dtype=np.float32) / 255.0
        return np.ascontiguousarray(out)
    except ImageError:
        raise
    except MemoryError:
        raise ImageError("not enough memory to render the PDF page", fspath, cacheable=False) from None
    except Exception as exc:
        raise ImageError(f"cannot render the PDF page ({_short(exc)})", fspath) from None
    finally:
        if doc is not None:
            try:
                doc.close()
            except Exception:
                pass
