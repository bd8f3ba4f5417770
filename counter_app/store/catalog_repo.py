"""Replacing the catalog in the local database (reading is in ``catalog_read``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from counter_app.domain.catalog import Catalog
from counter_app.domain.catalog_format import item_to_dict
from counter_app.domain.pinyin_keys import item_keys
from counter_app.store.models import BundleRow, CatalogVersionRow, DepartmentRow, ItemRow, ItemUsageRow


@dataclass(frozen=True)
class CatalogRows:
    """A catalog as the rows it is stored in, search keys included: built before the write so
    the write lock is held only for the inserts (issue 14: building 10,000 items' pinyin keys
    under the lock made intakes at the window fail)."""
    catalog: Catalog
    departments: list[dict]
    items: list[dict]
    bundles: list[dict]


def catalog_rows(cat: Catalog) -> CatalogRows:
    return CatalogRows(
        cat,
        [dict(code=d.code, name=d.name, position=n) for n, d in enumerate(cat.departments)],
        [dict(code=i.code, name=i.name, department=i.department, position=n, data=item_to_dict(i),
              search_keys=item_keys(i.name, i.aliases)) for n, i in enumerate(cat.items)],
        [dict(code=b.code, name=b.name, position=n, items=list(b.items), search_keys=item_keys(b.name, ()))
         for n, b in enumerate(cat.bundles)])


def replace_catalog(s: Session, rows: CatalogRows, *, now: dt.datetime) -> None:
    """Replace the whole catalog inside the caller's transaction (all or nothing)."""
    cat = rows.catalog
    s.execute(delete(ItemRow))
    s.execute(delete(DepartmentRow))
    s.execute(delete(BundleRow))
    for model, values in ((DepartmentRow, rows.departments), (ItemRow, rows.items), (BundleRow, rows.bundles)):
        if values:
            s.execute(insert(model), values)
    s.add(CatalogVersionRow(version=cat.version, region=cat.region, imported_at=now, item_count=len(cat.items)))


def bump_usage(s: Session, codes: list[str], *, now: dt.datetime) -> None:
    for code in codes:
        row = s.get(ItemUsageRow, code)
        if row is None:
            s.add(ItemUsageRow(item_code=code, count=1, last_used=now))
        else:
            row.count += 1
            row.last_used = now
