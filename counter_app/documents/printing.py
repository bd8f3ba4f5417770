"""Render, archive and print a case's documents, without Qt.

The order is fixed: the case is already committed by the caller; each document is rendered,
then archived, then printed. A printer failure therefore never loses anything: the message
says what is wrong and the clerk reprints from the archive (``reprint``) later.

Back-end, from the station settings:

- ``escpos_target`` set: ESC/POS raster (:mod:`.escpos`) at 203 dpi on the roll's width;
- otherwise ``lp`` to the CUPS queue ``printer`` (empty: the default destination).

The GUI prints through Qt instead when no ESC/POS target is set (``gui/print_preview.py``),
using :func:`prepare` for rendering and archiving.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from counter_app.documents import TITLES, archive, escpos, render
from counter_app.documents.common import DocContext
from counter_app.documents.paper import THERMAL_DPI, paper as paper_spec
from counter_app.domain.case import CaseRecord
from counter_app.errors import UserError
from counter_app.settings import StationSettings

DEFAULT_ROLL_DOTS = 576


@dataclass(frozen=True)
class Prepared:
    kind: str
    title: str
    path: Path          # the archived PDF
    pdf: bytes


@dataclass(frozen=True)
class Printed:
    kind: str
    path: Path
    error: UserError | None = None    # None: sent to the printer

    @property
    def ok(self) -> bool:
        return self.error is None


def prepare(record: CaseRecord, kinds, settings: StationSettings, data_dir: Path, *,
            now: dt.datetime | None = None) -> list[Prepared]:
    """Render each kind for ``settings.paper`` and archive it with the case."""
    ctx = DocContext.from_settings(settings, now=now)
    out = []
    for kind in kinds:
        pdf = render(kind, record, ctx, paper=settings.paper)
        path = archive.store(data_dir, record.number, kind, pdf)
        out.append(Prepared(kind, f"{TITLES[kind]} {record.number}", path, pdf))
    return out


def print_pdf(pdf: bytes, settings: StationSettings, *, title: str = "") -> None:
    """Send one PDF to the station's printer; raises UserError with a ``printer.*`` key."""
    if settings.escpos_target:
        target = escpos.parse_target(settings.escpos_target)
        dots = paper_spec(settings.paper).printer_dots or DEFAULT_ROLL_DOTS
        escpos.send(target, escpos_bytes(pdf, dots))
    else:
        from counter_app.documents import cups

        cups.lp(settings.printer, pdf, title=title)


def escpos_bytes(pdf: bytes, width_dots: int) -> bytes:
    from counter_app.documents.raster import rasterize

    return escpos.encode(rasterize(pdf, dpi=THERMAL_DPI, width_dots=width_dots), width_dots=width_dots)


def issue(record: CaseRecord, kinds, settings: StationSettings, data_dir: Path, *,
          now: dt.datetime | None = None) -> list[Printed]:
    """Render, archive and print; one result per kind. Rendering/archiving errors raise."""
    results = []
    for doc in prepare(record, kinds, settings, data_dir, now=now):
        try:
            print_pdf(doc.pdf, settings, title=doc.title)
            results.append(Printed(doc.kind, doc.path))
        except UserError as exc:
            results.append(Printed(doc.kind, doc.path, exc))
    return results


def reprint(number: str, kind: str, settings: StationSettings, data_dir: Path) -> Path:
    """Print the archived document again, exactly as first printed."""
    pdf = archive.load(data_dir, number, kind)
    print_pdf(pdf, settings, title=f"{TITLES.get(kind, kind)} {number}")
    return archive.path_of(data_dir, number, kind)
