"""Catalog import and export (the hall admin's actions)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from counter_app.domain.catalog import Catalog
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


def version_key(version: str) -> tuple:
    """Versions like 2026.11.01 compare part by part, numbers as numbers."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in version.replace("-", ".").split("."))


def read_catalog_file(path: Path) -> Catalog:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise UserError("catalog.unreadable_file", kind=PERMANENT, path=str(path)) from None
    return parse_catalog_text(text)


def import_catalog(*, store: Store, path: Path, force: bool = False,
                   now: dt.datetime | None = None) -> ImportSummary:
    cat = read_catalog_file(path)          # fully validated before anything is touched
    now = now or dt.datetime.now()
    with store.transaction() as s:
        current = catalog_repo.current_version(s)
        old = current.version if current else None
        if old and not force and version_key(cat.version) < version_key(old):
            raise UserError("catalog.older_version", new=cat.version, old=old)
        catalog_repo.replace_catalog(s, cat, now=now)
    return ImportSummary(cat.version, len(cat.departments), len(cat.items), len(cat.bundles), old)


def export_catalog(*, store: Store, path: Path) -> int:
    with store.session() as s:
        found = catalog_read.read_catalog(catalog_read.session_rows(s))
    if found is None:
        raise UserError("catalog.empty_store")
    cat = found[0]
    data = json.dumps(catalog_to_dict(cat), ensure_ascii=False, indent=1)
    path = Path(path)
    try:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(data, encoding="utf-8")
        tmp.replace(path)
    except OSError:
        raise UserError("catalog.cannot_write", kind=PERMANENT, path=str(path)) from None
    return len(cat.items)
