"""A small flow layout on a reportlab canvas: every block is measured before anything is drawn.

Document modules describe their content with :class:`Flow` (paragraphs, label/value fields,
tables, barcodes, QR codes, signature lines); :func:`render` then either paginates it on A4
(table headers repeat, headings stay with what follows, footer and page numbers on every
page) or puts it on one roll page exactly as long as the content. Text is wrapped by
measured width (``text.wrap``), so nothing runs past the paper's edge.

Why not platypus: a receipt must render in a few milliseconds and its barcode must sit on the
thermal printer's dot grid; a hundred lines of explicit layout do both and stay readable.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.pdfgen import canvas as rl_canvas

from counter_app.documents import codes
from counter_app.documents.blocks import (
    Barcode, Block, Cell, Columns, Line, PageBreak, Picture, QrCode, Rule, SignLine, Space, TableRow, draw_text,
)
from counter_app.documents.paper import FONT, Paper, ensure_font, text_width
from counter_app.documents.text import wrap

__all__ = ["Cell", "Flow", "Meta", "render"]

# Binary (not ASCII85) streams: smaller files and a few milliseconds less per receipt.
rl_config.useA85 = 0


class Flow:
    """Content blocks at one width. Sizes default to the paper's body size."""

    def __init__(self, paper: Paper, width: float | None = None) -> None:
        ensure_font()
        self.paper = paper
        self.width = width if width is not None else paper.content_width
        self.blocks: list[Block] = []
        self.footer: list[str] = []

    def sub(self, width: float) -> Flow:
        return Flow(self.paper, width)

    def add(self, block: Block) -> Block:
        self.blocks.append(block)
        return block

    def para(self, text: str, *, size: float | None = None, bold: bool = False, align: str = "left",
             indent: float = 0.0, keep_with_next: bool = False, letter: bool = False) -> None:
        """A wrapped paragraph; ``letter``: first line indented by two characters (公文 style)."""
        size = size or self.paper.body
        first = 2 * size if letter else 0.0
        lines = wrap(text, size, self.width - indent, first_indent=first)
        for i, line in enumerate(lines):
            last = i == len(lines) - 1
            self.add(Line(line, size, align, bold, indent + (first if i == 0 else 0.0),
                          keep_with_next=keep_with_next or not last))

    def heading(self, text: str, *, size: float | None = None, align: str = "left") -> None:
        self.space(self.paper.body * 0.4)
        self.para(text, size=size or self.paper.heading, bold=True, align=align, keep_with_next=True)

    def hanging(self, label: str, text: str, *, size: float | None = None, bold_label: bool = False,
                label_width: float | None = None) -> None:
        """``label`` then ``text`` wrapped in the space after it (numbered lists, label: value)."""
        size = size or self.paper.body
        lw = label_width if label_width is not None else text_width(label, size)
        if lw > self.width * 0.45:          # a label too wide for a column: value goes under it
            self.para(label, size=size, bold=bold_label, keep_with_next=True)
            self.para(text, size=size, indent=size)
            return
        lines = wrap(text, size, self.width - lw) or [""]
        first = self.add(Line(label, size, bold=bold_label, keep_with_next=True))
        first.height = 0                    # the label shares the first value line
        for i, line in enumerate(lines):
            self.add(Line(line, size, indent=lw, keep_with_next=i < len(lines) - 1))

    def field(self, label: str, value: str, *, size: float | None = None) -> None:
        self.hanging(label + "：", value or "—", size=size, bold_label=True)

    def space(self, height: float) -> None:
        self.add(Space(height))

    def page_break(self) -> None:
        """A new page on A4 (several sheets in one PDF); on a roll, a gap to tear at."""
        self.add(PageBreak(self.paper.body * 3 if self.paper.roll else 0.0))

    def rule(self, *, dashed: bool = False, gap: float | None = None, weight: float = 0.6) -> None:
        self.add(Rule(gap if gap is not None else self.paper.body * 0.9, dashed, weight))

    def barcode(self, value: str, *, bar_height: float, caption_size: float | None = None) -> None:
        bleed = self.paper.margin_x if self.paper.roll and self.width == self.paper.content_width else 0.0
        self.add(Barcode(value, bar_height, self.paper.body if caption_size is None else caption_size,
                         self.width, bleed, may_turn=self.paper.roll))

    def qr(self, data: str, *, module: float, align: str = "center") -> None:
        self.add(QrCode(data, module, align))

    def picture(self, path: str, *, max_height: float) -> bool:
        try:
            self.add(Picture(path, max_height, self.width))
        except Exception:  # a missing or broken logo must not stop the receipt
            return False
        return True

    def columns(self, parts: list[tuple[Flow, float]]) -> None:
        self.add(Columns(parts))

    def table(self, headers: list[Cell], rows: list[list[Cell]], fractions: list[float]) -> None:
        total = sum(fractions)
        widths = [self.width * f / total for f in fractions]
        pad = self.paper.body * 0.35
        head = TableRow(headers, widths, pad, header=True)
        head.keep_with_next = True
        self.add(head)
        for cells in rows:
            row = TableRow(cells, widths, pad)
            row.repeat = head
            self.add(row)

    def signatures(self, labels: list[str], *, size: float | None = None) -> None:
        """Signature lines; two per line on wide paper, one per line on a roll."""
        size = size or self.paper.body
        per_line = 1 if self.paper.narrow else 2
        col = self.width / per_line
        if self.blocks:
            self.blocks[-1].keep_with_next = True     # never sign on a page of its own
        for i in range(0, len(labels), per_line):
            group = labels[i:i + per_line]
            self.add(Space(size * 1.2)).keep_with_next = True
            parts = []
            for j, label in enumerate(group):
                f = self.sub(col - size)
                f.add(SignLine(label + "：", size, col - size))
                parts.append((f, j * col))
            self.columns(parts)
            self.blocks[-1].keep_with_next = i + per_line < len(labels)

@dataclass(frozen=True)
class Meta:
    title: str
    author: str = ""
    subject: str = ""
    running_header: str = ""     # printed on A4 pages after the first


def render(flow: Flow, meta: Meta) -> bytes:
    """Lay the flow out on its paper and return the PDF."""
    paper = flow.paper
    buf = io.BytesIO()
    footer_lines = [ln for text in flow.footer for ln in wrap(text, paper.small, flow.width)]
    footer_h = len(footer_lines) * paper.small * 1.4
    if paper.roll:
        body_h = sum(b.height for b in flow.blocks)
        extra = paper.small if footer_lines else 0
        height = codes.snap(paper.margin_top + body_h + extra + footer_h + paper.margin_bottom + codes.DOT / 2)
        c = _canvas(buf, (paper.width, height), meta)
        y = _draw_blocks(c, flow.blocks, paper.margin_x, height - paper.margin_top, flow.width)
        _draw_footer(c, footer_lines, paper, y - extra)
        c.showPage()
    else:
        pages = _paginate(flow.blocks, paper, footer_h)
        c = _canvas(buf, (paper.width, paper.height), meta)
        for n, blocks in enumerate(pages, 1):
            top = paper.height - paper.margin_top
            if n > 1 and meta.running_header:
                draw_text(c, meta.running_header, paper.margin_x, top - paper.small, paper.small)
                top -= paper.small * 2.2
            _draw_blocks(c, blocks, paper.margin_x, top, flow.width)
            numbered = len(pages) > 1 and not any(b.page_break for b in flow.blocks)   # several sheets: each its own
            lines = footer_lines + ([f"第 {n} 页 / 共 {len(pages)} 页"] if numbered else [])
            _draw_footer(c, lines, paper, paper.margin_bottom + len(lines) * paper.small * 1.4)
            c.showPage()
    c.save()
    return buf.getvalue()


def _canvas(buf, size, meta: Meta):
    c = rl_canvas.Canvas(buf, pagesize=size, invariant=1, pageCompression=1, initialFontName=FONT,
                         initialFontSize=10)
    c.setTitle(meta.title)
    c.setAuthor(meta.author)
    c.setSubject(meta.subject)
    c.setCreator("OneWindow Counter 一窗通")
    return c


def _draw_blocks(c, blocks, x, top, width) -> float:
    y = top
    for b in blocks:
        b.draw(c, x, y, width)
        y -= b.height
    return y


def _draw_footer(c, lines, paper: Paper, top: float) -> None:
    y = top
    for line in lines:
        w = text_width(line, paper.small)
        draw_text(c, line, (paper.width - w) / 2, y - paper.small, paper.small)
        y -= paper.small * 1.4


def _paginate(blocks: list[Block], paper: Paper, footer_h: float) -> list[list[Block]]:
    first_h = paper.height - paper.margin_top - paper.margin_bottom - footer_h - paper.small * 2
    later_h = first_h - paper.small * 2.2
    pages: list[list[Block]] = [[]]
    room = first_h
    i = 0
    while i < len(blocks):
        if blocks[i].page_break:
            if pages[-1]:
                pages.append([])
                room = later_h
            i += 1
            continue
        # the run of blocks that must stay together with this one
        j = i
        need = blocks[i].height
        while blocks[j].keep_with_next and j + 1 < len(blocks) and need < later_h / 3:
            j += 1
            need += blocks[j].height
        if need > room and pages[-1]:
            pages.append([])
            room = later_h
            if blocks[i].repeat is not None:
                pages[-1].append(blocks[i].repeat)
                room -= blocks[i].repeat.height
        for b in blocks[i:j + 1]:
            pages[-1].append(b)
            room -= b.height
        i = j + 1
    return pages
