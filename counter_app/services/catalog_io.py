"""Catalog import and export (the hall admin's actions)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from counter_app.domain.catalog import Catalog
from counter_app.domain.catalog_version import is_older
from counter_app.domain.catalog_format import catalog_to_dict, parse_catalog_text
from counter_app.errors import PERMANENT, UserError
from counter_app.store import catalog_read, catalog_repo
from counter_app.store.database import Store


@dataclass(frozen=True)
class ImportSummary:
    version: str
    departments: int
    items: int
    bundles: int
    replaced: str | None    # the version it replaced


# Halls export from provincial systems that write UTF-8 (with or without a BOM) or GBK;
# GB18030 is the superset of GBK, so every GBK file decodes with it.
ENCODINGS = ("utf-8-sig", "gb18030")


def decode_catalog_bytes(raw: bytes, path: Path) -> str:
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError("catalog.unknown_encoding", kind=PERMANENT, path=str(path))


def read_catalog_file(path: Path) -> Catalog:
    try:
        raw = Path(path).read_bytes()
    except OSError:
        raise UserError("catalog.unreadable_file", kind=PERMANENT, path=str(path)) from None
    text = decode_catalog_bytes(raw, path)
    if not text.strip():
        raise UserError("catalog.empty_file", kind=PERMANENT, path=str(path))
    return parse_catalog_text(text)


def import_catalog(*, store: Store, path: Path, force: bool = False,
                   now: dt.datetime | None = None) -> ImportSummary:
    cat = read_catalog_file(path)          # fully validated before anything is touched
    rows = catalog_repo.catalog_rows(cat)  # search keys too: the write below holds the lock briefly
    now = now or dt.datetime.now()
    with store.transaction() as s:
        current = catalog_read.current_version(catalog_read.session_rows(s))
        old = current[0] if current else None
        if not force and is_older(cat.version, old):
            raise UserError("catalog.older_version", new=cat.version, old=old)
        catalog_repo.replace_catalog(s, rows, now=now)
    return ImportSummary(cat.version, len(cat.departments), len(cat.items), len(cat.bundles), old)


def export_catalog(*, store: Store, path: Path) -> int:
    with store.session() as s:
        found = catalog_read.read_catalog(catalog_read.session_rows(s))
    if found is None:
        raise UserError("catalog.empty_store")
    cat = found[0]
    data = json.dumps(catalog_to_dict(cat), ensure_ascii=False, indent=1)
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(data, encoding="utf-8")
        tmp.replace(path)          # the old file stays whole until the new one is complete
    except BaseException as exc:
        try:
            tmp.unlink(missing_ok=True)     # no half-written <file>.tmp left behind
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise UserError("catalog.cannot_write", kind=PERMANENT, path=str(path)) from None
        raise
    return len(cat.items)
