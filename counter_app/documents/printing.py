"""Render, archive and print a case's documents, without Qt: the one place printing is
orchestrated, for the command line and the window alike.

The order is fixed: the case is already committed by the caller; each document is rendered,
then archived, then printed. A printer failure therefore never loses anything: the report
says what is wrong and the clerk reprints from the archive later.

- :func:`prepare` renders and archives; :func:`archived` loads what the archive holds;
- :func:`send` hands prepared documents one by one to a ``deliver`` function and reports per
  document, never raising. The window passes Qt's silent printing (``gui/print_jobs.py``);
  everything else :func:`to_printer`, i.e. :func:`print_pdf`;
- :func:`print_pdf` is the back-end from the station settings: ``escpos_target`` set: ESC/POS
  raster (:mod:`.escpos`) at 203 dpi on the roll's width; otherwise ``lp`` to the CUPS queue
  ``printer`` (empty: the default destination).

Which documents a saved case still owes, and archiving them after a crash, is
``services.case_documents``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from counter_app.documents import TITLES, archive, escpos, render
from counter_app.documents.common import DocContext
from counter_app.documents.paper import THERMAL_DPI, paper as paper_spec
from counter_app.domain.case import CaseRecord
from counter_app.errors import PERMANENT, UserError
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


@dataclass(frozen=True)
class PrintReport:
    number: str
    results: tuple[Printed, ...]
    error: UserError | None = None     # rendering or archiving failed: nothing was printed

    @property
    def ok(self) -> bool:
        return self.error is None and all(r.ok for r in self.results)

    @property
    def errors(self) -> tuple[UserError, ...]:
        return ((self.error,) if self.error else ()) + tuple(r.error for r in self.results if r.error)


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


def archived(data_dir: Path, number: str, kinds=None) -> list[Prepared]:
    """The archived documents of a case (``kinds``, or every kind archived), as first printed."""
    kinds = tuple(kinds) if kinds else tuple(archive.archived_kinds(data_dir, number))
    if not kinds:
        raise UserError("documents.nothing_archived", kind=PERMANENT, number=number)
    return [Prepared(k, f"{TITLES.get(k, k)} {number}", archive.path_of(data_dir, number, k),
                     archive.load(data_dir, number, k)) for k in kinds]


def send(number: str, docs, deliver: Callable[[Prepared], None]) -> PrintReport:
    """Deliver each prepared document in turn; one result per document, whatever fails."""
    results = []
    for doc in docs:
        try:
            deliver(doc)
            results.append(Printed(doc.kind, doc.path))
        except UserError as exc:
            results.append(Printed(doc.kind, doc.path, exc))
        except Exception as exc:  # noqa: BLE001 - never lose the report: an unexpected error is shown too
            results.append(Printed(doc.kind, doc.path, UserError("error.unexpected", detail=type(exc).__name__)))
    return PrintReport(number, tuple(results))


def to_printer(settings: StationSettings) -> Callable[[Prepared], None]:
    """``deliver`` for :func:`send`: the station's printer through :func:`print_pdf`."""
    return lambda doc: print_pdf(doc.pdf, settings, title=doc.title)


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
    docs = prepare(record, kinds, settings, data_dir, now=now)
    return list(send(record.number, docs, to_printer(settings)).results)


def reprint(number: str, kind: str, settings: StationSettings, data_dir: Path) -> Path:
    """Print the archived document again, exactly as first printed; raises on failure."""
    (doc,) = archived(data_dir, number, [kind])
    print_pdf(doc.pdf, settings, title=doc.title)
    return doc.path
