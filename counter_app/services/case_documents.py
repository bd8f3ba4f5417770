"""The documents saved cases owe, worked from the database rather than from memory.

``submit_intake`` writes one ``document_job`` row per document in the case's own transaction.
After the commit the screen calls :func:`archive_owed` for that case (render, archive, mark);
at every start :func:`recover` cleans what a kill left in the archive and archives whatever is
still owed. So a kill, a power cut or a full disk between saving a case and archiving its PDF
loses no document: it is rendered at the next start, from the case as saved, dated as the
case (the render uses the job's time, not the time of recovery).

Printing stays the screen's (Qt or a network printer, see ``gui/print_jobs.py``); what was
printed is recorded with :func:`mark_printed`. A document owed at a start is archived, not
printed: the applicant has long gone; the clerk reprints it from the archive when asked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from counter_app.documents import archive
from counter_app.documents.printing import Prepared, PrintReport, prepare
from counter_app.errors import UserError
from counter_app.settings import StationSettings
from counter_app.store import case_repo, document_jobs
from counter_app.store.database import Store


@dataclass(frozen=True)
class Archived:
    prepared: tuple[Prepared, ...]          # archived now (or found archived), oldest first
    errors: tuple[UserError, ...] = ()      # could not be archived: still owed


@dataclass(frozen=True)
class Recovery:
    archived: int       # owed documents archived at this start
    cleaned: int        # leftover temporary files removed
    failed: int         # still owed (the next start tries again)
    error: UserError | None = None      # why the first of those failed


def archive_owed(*, store: Store, settings: StationSettings, data_dir: Path, number: str | None = None,
                 now: dt.datetime | None = None) -> Archived:
    """Render and archive what is owed (only case ``number``'s documents, or all), marking each
    job archived once its PDF is in place. A document already archived (a kill came after the
    file, before the mark) is kept as it is: it may be the paper handed out."""
    with store.session() as s:
        jobs = document_jobs.of_case(s, number) if number else document_jobs.not_archived(s)
        jobs = [j for j in jobs if not j.archived]
        records = {n: case_repo.load_case(s, n) for n in {j.case_number for j in jobs}}
    done, errors = [], []
    for job in jobs:
        record = records[job.case_number]
        path = archive.path_of(data_dir, job.case_number, job.kind)
        try:
            try:
                if path.exists():
                    doc = Prepared(job.kind, f"{_title(job.kind)} {job.case_number}", path, archive.read_path(path))
                else:
                    doc = prepare(record, [job.kind], settings, data_dir, now=job.created_at)[0]
            except OSError:
                raise UserError("documents.archive_failed", path=str(path.parent)) from None
        except UserError as exc:
            errors.append(exc)
            with store.transaction() as s:
                document_jobs.mark_failed(s, job.id, exc.key)
            continue
        with store.transaction() as s:
            document_jobs.mark_archived(s, job.id, at=now or dt.datetime.now())
        done.append(doc)
    return Archived(tuple(done), tuple(errors))


def recover(*, store: Store, settings: StationSettings, data_dir: Path) -> Recovery:
    """At start: remove leftover temporary files, then archive every document still owed."""
    cleaned = archive.clean_leftovers(data_dir)
    archive.seal_earlier_files(data_dir)      # an earlier version's archive in clear: sealed now
    result = archive_owed(store=store, settings=settings, data_dir=data_dir)
    return Recovery(archived=len(result.prepared), cleaned=cleaned, failed=len(result.errors),
                    error=result.errors[0] if result.errors else None)


def mark_printed(*, store: Store, report: PrintReport, now: dt.datetime | None = None) -> None:
    """Record which of a case's documents reached the printer (and why the others did not)."""
    with store.transaction() as s:
        jobs = {j.kind: j for j in document_jobs.of_case(s, report.number) if j.print_wanted and not j.printed}
        for result in report.results:
            job = jobs.get(result.kind)
            if job is None:
                continue
            if result.ok:
                document_jobs.mark_printed(s, job.id, at=now or dt.datetime.now())
            else:
                document_jobs.mark_failed(s, job.id, result.error.key)


def _title(kind: str) -> str:
    from counter_app.documents import TITLES

    return TITLES.get(kind, kind)

