"""Paper sizes and the bundled Chinese font.

Thermal rolls are laid out on their *printable* width (576 dots on 80 mm paper, 384 dots on
58 mm paper at 203 dpi): the printer keeps its own side margins, and a page exactly as wide
as the print head maps one PDF dot to one printer dot, so barcodes rendered at 203 dpi keep
whole-dot bars. A roll page is as long as its content; A4 is paginated.

The font is WenQuanYi Micro Hei from ``resources/fonts`` (a TrueType collection reportlab can
embed; the OpenType CJK fonts it cannot). It has no bold face: headings are drawn with a thin
stroke around the glyphs instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from counter_app.errors import PERMANENT, UserError
from counter_app.paths import resource

FONT = "WQYMicroHei"
FONT_FILE = "wqy-microhei.ttc"
THERMAL_DPI = 203
DOT = 72.0 / THERMAL_DPI          # one thermal dot in points

A4, ROLL80, ROLL58 = "a4", "80mm", "58mm"
PAPERS = (A4, ROLL80, ROLL58)


@dataclass(frozen=True)
class Paper:
    name: str
    width: float                 # points
    height: float | None         # points; None for a roll (as long as the content)
    margin_x: float
    margin_top: float
    margin_bottom: float
    body: float                  # font sizes in points
    small: float
    heading: float
    title: float
    printer_dots: int = 0        # printable width in dots for thermal printers

    @property
    def roll(self) -> bool:
        return self.height is None

    @property
    def narrow(self) -> bool:
        """Too narrow for tables: lists one entry under the other."""
        return self.width < 300

    @property
    def content_width(self) -> float:
        return self.width - 2 * self.margin_x

    @property
    def leading(self) -> float:
        return self.body * 1.45


PAPER_SPECS = {
    A4: Paper(A4, 210 * mm, 297 * mm, 20 * mm, 16 * mm, 16 * mm,
              body=10.5, small=8.5, heading=12, title=20),
    ROLL80: Paper(ROLL80, 576 * DOT, None, 8 * DOT, 16 * DOT, 40 * DOT,
                  body=9, small=7.5, heading=10, title=14, printer_dots=576),
    ROLL58: Paper(ROLL58, 384 * DOT, None, 6 * DOT, 16 * DOT, 40 * DOT,
                  body=8, small=7, heading=9, title=12, printer_dots=384),
}


def paper(name: str) -> Paper:
    spec = PAPER_SPECS.get((name or A4).lower())
    if spec is None:
        raise UserError("documents.bad_paper", paper=name, choices=" | ".join(PAPERS))
    return spec


_registered = False


def ensure_font() -> str:
    """Register the bundled font with reportlab once per process; return its name."""
    global _registered
    if not _registered:
        path = resource("fonts", FONT_FILE)
        try:
            pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
        except (OSError, Exception) as exc:  # reportlab raises its own TTFError
            raise UserError("documents.font_missing", kind=PERMANENT, path=str(path)) from exc
        _registered = True
    return FONT


def text_width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, FONT, size)
