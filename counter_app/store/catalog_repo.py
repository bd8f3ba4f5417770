"""Reading and replacing the catalog in the local database."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from counter_app.domain.catalog import Bundle, Catalog, Department
from counter_app.domain.catalog_format import item_from_dict, item_to_dict
from counter_app.domain.pinyin_keys import item_keys
from counter_app.domain.search import SearchEntry
from counter_app.store.models import BundleRow, CatalogVersionRow, DepartmentRow, ItemRow, ItemUsageRow


def current_version(s: Session) -> CatalogVersionRow | None:
    return s.scalars(select(CatalogVersionRow).order_by(CatalogVersionRow.id.desc()).limit(1)).first()


def replace_catalog(s: Session, cat: Catalog, *, now: dt.datetime) -> None:
    """Replace the whole catalog inside the caller's transaction (all or nothing)."""
    s.execute(delete(ItemRow))
    s.execute(delete(DepartmentRow))
    s.execute(delete(BundleRow))
    s.add_all(DepartmentRow(code=d.code, name=d.name, position=n) for n, d in enumerate(cat.departments))
    s.add_all(ItemRow(code=i.code, name=i.name, department=i.department, position=n,
                      data=item_to_dict(i), search_keys=item_keys(i.name, i.aliases))
              for n, i in enumerate(cat.items))
    s.add_all(BundleRow(code=b.code, name=b.name, position=n, items=list(b.items))
              for n, b in enumerate(cat.bundles))
    s.add(CatalogVersionRow(version=cat.version, region=cat.region, imported_at=now, item_count=len(cat.items)))


def load_catalog(s: Session) -> Catalog | None:
    version = current_version(s)
    if version is None:
        return None
    departments = tuple(Department(r.code, r.name)
                        for r in s.scalars(select(DepartmentRow).order_by(DepartmentRow.position)))
    items = tuple(item_from_dict(r.data) for r in s.scalars(select(ItemRow).order_by(ItemRow.position)))
    bundles = tuple(Bundle(r.code, r.name, tuple(r.items))
                    for r in s.scalars(select(BundleRow).order_by(BundleRow.position)))
    return Catalog(version=version.version, region=version.region, departments=departments,
                   items=items, bundles=bundles)


def search_entries(s: Session) -> list[SearchEntry]:
    rows = s.execute(select(ItemRow.code, ItemRow.name, ItemRow.department, ItemRow.data, ItemRow.search_keys)
                     .order_by(ItemRow.position))
    return [SearchEntry(code, name, dept, tuple(data.get("aliases", ())), tuple(tuple(k) for k in keys))
            for code, name, dept, data, keys in rows]


def usage_counts(s: Session) -> dict[str, int]:
    return dict(s.execute(select(ItemUsageRow.item_code, ItemUsageRow.count)).all())


def bump_usage(s: Session, codes: list[str], *, now: dt.datetime) -> None:
    for code in codes:
        row = s.get(ItemUsageRow, code)
        if row is None:
            s.add(ItemUsageRow(item_code=code, count=1, last_used=now))
        else:
            row.count += 1
            row.last_used = now
