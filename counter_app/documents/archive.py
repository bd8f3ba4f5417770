"""Every printed document is kept as PDF with its case: ``<data_dir>/archive/<case number>/<kind>.pdf``.

A reprint sends the archived file, so the applicant gets the very paper first printed. If a
document is rendered again with different content (say the delivery receipt after a second
issuing), the earlier file is kept as ``<kind>-1.pdf``, ``<kind>-2.pdf``, ... and nothing
handed out is ever overwritten. Handover sheets, which belong to no single case, go to
``archive/handover/<batch>.pdf``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from counter_app.errors import PERMANENT, TRANSIENT, UserError
from counter_app.store import sealed

ARCHIVE = "archive"
HANDOVER_DIR = "handover"
_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")


def _safe(name: str) -> str:
    if not _SAFE.match(name) or ".." in name:
        raise UserError("documents.bad_archive_name", kind=PERMANENT, name=name)
    return name


def case_dir(data_dir: Path, number: str) -> Path:
    return Path(data_dir) / ARCHIVE / _safe(number)


def path_of(data_dir: Path, number: str, kind: str) -> Path:
    return case_dir(data_dir, number) / f"{_safe(kind)}.pdf"


def _data_dir(path: Path) -> Path:
    """The station folder of an archive file (``<data dir>/archive/<folder>/<file>``)."""
    parents = Path(path).absolute().parents
    return parents[2] if len(parents) > 2 else parents[0]


def _write(path: Path, pdf: bytes) -> Path:
    data_dir = _data_dir(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            if sealed.read(data_dir, path) == pdf:
                return path
            n = 1
            while (older := path.with_name(f"{path.stem}-{n}.pdf")).exists():
                n += 1
            path.replace(older)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "wb") as fh:
            fh.write(sealed.seal(data_dir, pdf))
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
    except OSError as exc:
        raise UserError("documents.archive_failed", kind=TRANSIENT, path=str(path.parent)) from exc
    return path


def clean_leftovers(data_dir: Path) -> int:
    """Remove the temporary files a kill or a full disk left half-written (``<kind>.tmp``);
    they are never a document. Returns how many were removed."""
    folder = Path(data_dir) / ARCHIVE
    if not folder.is_dir():
        return 0
    removed = 0
    for tmp in folder.glob("*/*.tmp"):
        try:
            tmp.unlink()
            removed += 1
        except OSError:
            pass                  # read-only or gone meanwhile: still never read as a document
    return removed


def store(data_dir: Path, number: str, kind: str, pdf: bytes) -> Path:
    """Keep ``pdf`` as the case's document of ``kind``; returns its path."""
    return _write(path_of(data_dir, number, kind), pdf)


def store_handover(data_dir: Path, batch: str, pdf: bytes) -> Path:
    return _write(Path(data_dir) / ARCHIVE / HANDOVER_DIR / f"{_safe(batch)}.pdf", pdf)


def read_path(path: Path) -> bytes:
    """The PDF in an archive file (unsealed)."""
    return sealed.read(_data_dir(path), Path(path))


def all_files(data_dir: Path) -> list[Path]:
    folder = Path(data_dir) / ARCHIVE
    return sorted(folder.glob("*/*.pdf")) if folder.is_dir() else []     # handover/ too


SEALED_MARK = ".sealed-v1"


def seal_earlier_files(data_dir: Path) -> int:
    """Seal the files an earlier version archived in clear (once, at start; a mark file says it
    was done, so later starts read nothing); returns how many."""
    folder = Path(data_dir) / ARCHIVE
    if not folder.is_dir() or (folder / SEALED_MARK).exists():
        return 0
    try:
        done = sealed.seal_in_place(data_dir, all_files(data_dir))
        (folder / SEALED_MARK).write_text("archive files sealed (AES-GCM)\n", encoding="utf-8")
    except OSError as exc:
        raise UserError("documents.archive_failed", kind=TRANSIENT, path=str(folder)) from exc
    return done


def load(data_dir: Path, number: str, kind: str) -> bytes:
    path = path_of(data_dir, number, kind)
    try:
        return sealed.read(data_dir, path)
    except FileNotFoundError:
        raise UserError("documents.not_archived", kind=PERMANENT, number=number, doc_kind=kind) from None
    except OSError as exc:
        raise UserError("documents.archive_failed", kind=TRANSIENT, path=str(path.parent)) from exc


def archived_kinds(data_dir: Path, number: str) -> list[str]:
    """The kinds archived for a case (latest versions only), in the order they were written."""
    folder = case_dir(data_dir, number)
    if not folder.is_dir():
        return []
    files = sorted((p for p in folder.glob("*.pdf") if not re.search(r"-\d+$", p.stem)),
                   key=lambda p: p.stat().st_mtime)
    return [p.stem for p in files]
