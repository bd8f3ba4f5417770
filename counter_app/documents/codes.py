"""The case number as Code 128 and the progress-query link as a QR code, drawn on whole dots.

Bars and QR modules are whole multiples of a 203 dpi dot and start on the dot grid, so a
thermal printer (or pdftoppm at 203 dpi) reproduces them without smeared edges.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.graphics.barcode.code128 import Code128

from counter_app.documents.paper import DOT

QUIET_MODULES = 10        # Code 128 quiet zone on each side, in modules
QR_QUIET_MODULES = 4


def query_link(base_url: str, number: str, query_code: str) -> str:
    """``{base}?n=<case number>&c=<query code>`` (``&`` if the base already has a query)."""
    sep = "&" if "?" in base_url else "?"
    return base_url + sep + urlencode({"n": number, "c": query_code})


def snap(value: float) -> float:
    """Round a length or position in points to the 203 dpi dot grid."""
    return round(value / DOT) * DOT


@lru_cache(maxsize=64)
def code128_modules(value: str) -> int:
    """Width of the symbol in modules, without quiet zones."""
    return int(round(Code128(value, barWidth=1, quiet=False).width))


@dataclass(frozen=True)
class BarcodeFit:
    module: float      # points per module
    width: float       # symbol width with quiet zones, points


def fit_code128(value: str, max_width: float, *, max_dots: int = 3) -> BarcodeFit:
    """The widest whole-dot module (up to ``max_dots``) at which the symbol fits ``max_width``."""
    modules = code128_modules(value) + 2 * QUIET_MODULES
    dots = min(max_dots, int(max_width / (modules * DOT)))
    module = dots * DOT if dots >= 1 else max_width / modules   # below one dot: still all of it
    return BarcodeFit(module, modules * module)


def draw_code128(c, value: str, x: float, y: float, fit: BarcodeFit, height: float) -> None:
    """Draw with its quiet zone starting at ``x``; ``y`` is the bottom of the bars."""
    x0 = snap(x + QUIET_MODULES * fit.module)
    bc = Code128(value, barWidth=fit.module, barHeight=height, quiet=False)
    c.saveState()
    c.setFillColorRGB(0, 0, 0)
    bc.drawOn(c, x0, y)
    c.restoreState()


def draw_code128_vertical(c, value: str, x: float, y_top: float, fit: BarcodeFit, length: float) -> None:
    """Draw turned 90°, reading top to bottom: bars run across the paper from ``x`` for ``length``.

    For narrow rolls where the symbol does not fit across with two-dot modules."""
    y0 = snap(y_top - QUIET_MODULES * fit.module)
    bc = Code128(value, barWidth=fit.module, barHeight=length, quiet=False)
    c.saveState()
    c.setFillColorRGB(0, 0, 0)
    c.translate(snap(x), y0)
    c.rotate(-90)                 # the symbol's x axis now points down the page
    bc.drawOn(c, 0, 0)
    c.restoreState()


@lru_cache(maxsize=64)
def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    qr.add_data(data)
    qr.make(fit=True)
    return tuple(tuple(row) for row in qr.get_matrix())


def qr_size(data: str, module: float) -> float:
    """Side of the symbol with its quiet zone, in points."""
    return (len(qr_matrix(data)) + 2 * QR_QUIET_MODULES) * module


def qr_module_for(data: str, target: float) -> float:
    """A whole-dot module giving a symbol (with quiet zone) close to ``target`` points, at least 2 dots."""
    n = len(qr_matrix(data)) + 2 * QR_QUIET_MODULES
    return max(2, int(target / (n * DOT))) * DOT


def draw_qr(c, data: str, x: float, y_top: float, module: float) -> float:
    """Draw with the quiet zone's top-left corner at (x, y_top); return the side drawn."""
    matrix = qr_matrix(data)
    x0 = snap(x + QR_QUIET_MODULES * module)
    y0 = snap(y_top - QR_QUIET_MODULES * module)
    c.saveState()
    c.translate(x0, y0)
    c.scale(module, module)           # one unit = one module: integer rectangles, short PDF code
    path = c.beginPath()
    for r, row in enumerate(matrix):
        col = 0
        n = len(row)
        while col < n:
            if row[col]:
                start = col
                while col < n and row[col]:
                    col += 1
                path.rect(start, -(r + 1), col - start, 1)
            else:
                col += 1
    c.setFillColorRGB(0, 0, 0)
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()
    return (len(matrix) + 2 * QR_QUIET_MODULES) * module
