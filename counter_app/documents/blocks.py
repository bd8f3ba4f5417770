"""The blocks a :class:`~counter_app.documents.layout.Flow` is made of: each knows its height
before it is drawn, and draws itself with its top-left corner at (x, top).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from counter_app.documents import codes
from counter_app.documents.paper import FONT, text_width
from counter_app.documents.text import fit_size, wrap

BOLD_STROKE = 0.035       # stroke width per point of font size for the emulated bold

# A turned barcode has the roll's length to itself: three-dot modules scan after any half-dot
# misalignment of a printer driver's rasteriser, two-dot ones did not always (58 mm rolls).
TURNED_MODULE_DOTS = 3


def draw_text(c, text: str, x: float, baseline: float, size: float, *, bold: bool = False) -> None:
    if bold:                  # fill + thin stroke; Tr and line width are graphics state: save/restore
        c.saveState()
        c.setLineWidth(size * BOLD_STROKE)
    t = c.beginText(x, baseline)
    t.setFont(FONT, size)
    if bold:
        t.setTextRenderMode(2)
    t.textOut(text)
    c.drawText(t)
    if bold:
        c.restoreState()


class Block:
    height: float = 0.0
    keep_with_next: bool = False
    page_break: bool = False         # the next block starts a new page (A4); a gap on a roll
    repeat: Block | None = None      # drawn again at the top of a page this block starts

    def draw(self, c, x: float, top: float, width: float) -> None:
        raise NotImplementedError


@dataclass
class Line(Block):
    text: str
    size: float
    align: str = "left"
    bold: bool = False
    indent: float = 0.0
    leading: float = 0.0
    keep_with_next: bool = False

    def __post_init__(self) -> None:
        self.leading = self.leading or self.size * 1.45
        self.height = self.leading

    def draw(self, c, x, top, width):
        w = text_width(self.text, self.size)
        if self.align == "center":
            tx = x + (width - w) / 2
        elif self.align == "right":
            tx = x + width - w
        else:
            tx = x + self.indent
        baseline = top - (self.leading - self.size) / 2 - self.size * 0.86
        draw_text(c, self.text, tx, baseline, self.size, bold=self.bold)


@dataclass
class Space(Block):
    height: float

    def draw(self, c, x, top, width):
        pass


@dataclass
class PageBreak(Block):
    height: float
    page_break: bool = True

    def draw(self, c, x, top, width):
        pass


@dataclass
class Rule(Block):
    height: float
    dashed: bool = False
    weight: float = 0.6

    def draw(self, c, x, top, width):
        c.saveState()
        c.setLineWidth(self.weight)
        if self.dashed:
            c.setDash(2, 2)
        y = top - self.height / 2
        c.line(x, y, x + width, y)
        c.restoreState()


@dataclass
class Barcode(Block):
    """Code 128 with its caption.

    ``bleed`` lets the quiet zones run into the side margins (on a roll the page is the print
    head's width, so the margins print). Where even that leaves bars under two dots wide (a
    58 mm roll), the symbol is turned 90° and runs down the paper with two-dot modules:
    one-dot bars do not scan reliably off a thermal head.
    """
    value: str
    bar_height: float
    caption_size: float
    max_width: float
    bleed: float = 0.0
    may_turn: bool = False

    def __post_init__(self) -> None:
        self.fit = codes.fit_code128(self.value, self.max_width + 2 * self.bleed)
        self.turned = self.may_turn and self.fit.module < 2 * codes.DOT - 1e-6
        if self.turned:
            self.fit = codes.fit_code128(self.value, 10_000, max_dots=TURNED_MODULE_DOTS)
            self.length = codes.snap(min(self.max_width * 0.55, self.bar_height * 2.5))
        self.caption = self.caption_size > 0
        body = self.fit.width if self.turned else self.bar_height
        self.height = body + (self.caption_size * 1.5 if self.caption else 0) + 2

    def draw(self, c, x, top, width):
        if self.turned:
            codes.draw_code128_vertical(c, self.value, x + (width - self.length) / 2, top, self.fit, self.length)
            bars = self.fit.width
        else:
            codes.draw_code128(c, self.value, x + (width - self.fit.width) / 2, top - self.bar_height, self.fit,
                               self.bar_height)
            bars = self.bar_height
        if self.caption:
            size = fit_size(self.value, self.caption_size, width, minimum=self.caption_size * 0.6)
            w = text_width(self.value, size)
            draw_text(c, self.value, x + max(0.0, (width - w) / 2), top - bars - size * 1.15, size)


@dataclass
class QrCode(Block):
    data: str
    module: float
    align: str = "center"

    def __post_init__(self) -> None:
        self.height = codes.qr_size(self.data, self.module)

    def draw(self, c, x, top, width):
        qx = x + (width - self.height) / 2 if self.align == "center" else x
        if self.align == "right":
            qx = x + width - self.height
        codes.draw_qr(c, self.data, qx, top, self.module)


@dataclass
class Picture(Block):
    path: str
    max_height: float
    max_width: float

    def __post_init__(self) -> None:
        from reportlab.lib.utils import ImageReader

        self.image = ImageReader(self.path)
        iw, ih = self.image.getSize()
        scale = min(self.max_height / ih, self.max_width / iw)
        self.w, self.height = iw * scale, ih * scale

    def draw(self, c, x, top, width):
        c.drawImage(self.image, x + (width - self.w) / 2, top - self.height, self.w, self.height, mask="auto")


@dataclass
class Columns(Block):
    """Flows side by side; the tallest decides the height."""
    parts: list                  # [(Flow, x offset)]

    def __post_init__(self) -> None:
        self.height = max((sum(b.height for b in f.blocks) for f, _ in self.parts), default=0)

    def draw(self, c, x, top, width):
        for flow, dx in self.parts:
            y = top
            for b in flow.blocks:
                b.draw(c, x + dx, y, flow.width)
                y -= b.height


@dataclass
class Cell:
    text: str = ""
    size: float = 9
    align: str = "left"
    bold: bool = False
    barcode: str = ""            # draw this value as Code 128 above the text
    bar_height: float = 0


@dataclass
class TableRow(Block):
    cells: list
    widths: list
    pad: float
    header: bool = False
    lines_: list = field(default_factory=list)

    def __post_init__(self) -> None:
        heights = []
        self.lines_ = []
        for cell, w in zip(self.cells, self.widths):
            inner = w - 2 * self.pad
            lines = wrap(cell.text, cell.size, inner) if cell.text else []
            self.lines_.append(lines)
            bar = 0.0
            if cell.barcode:
                cell.fit = codes.fit_code128(cell.barcode, inner, max_dots=2)
                bar = cell.bar_height + 2
            heights.append(bar + len(lines) * cell.size * 1.35)
        self.height = max(heights, default=0) + 2 * self.pad

    def draw(self, c, x, top, width):
        c.saveState()
        c.setLineWidth(0.5)
        if self.header:
            c.setFillColorRGB(0.9, 0.9, 0.9)
            c.rect(x, top - self.height, sum(self.widths), self.height, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
        cx = x
        for cell, w, lines in zip(self.cells, self.widths, self.lines_):
            c.rect(cx, top - self.height, w, self.height, stroke=1, fill=0)
            y = top - self.pad
            if cell.barcode:
                codes.draw_code128(c, cell.barcode, cx + (w - cell.fit.width) / 2, y - cell.bar_height,
                                   cell.fit, cell.bar_height)
                y -= cell.bar_height + 2
            for text in lines:
                lead = cell.size * 1.35
                tw = text_width(text, cell.size)
                tx = cx + self.pad
                if cell.align == "center":
                    tx = cx + (w - tw) / 2
                elif cell.align == "right":
                    tx = cx + w - self.pad - tw
                draw_text(c, text, tx, y - (lead - cell.size) / 2 - cell.size * 0.86, cell.size, bold=cell.bold)
                y -= lead
            cx += w
        c.restoreState()


@dataclass
class SignLine(Block):
    label: str
    size: float
    width_: float

    def __post_init__(self) -> None:
        self.height = self.size * 1.8

    def draw(self, c, x, top, width):
        base = top - self.size * 1.3
        draw_text(c, self.label, x, base, self.size, bold=True)
        lx = x + text_width(self.label, self.size) + 2
        c.saveState()
        c.setLineWidth(0.6)
        c.line(lx, base - 2, x + self.width_, base - 2)
        c.restoreState()
