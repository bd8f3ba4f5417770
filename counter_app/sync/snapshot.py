"""A case as it travels to the central server and to the other windows of the hall: the columns of
``case_record`` with its items and materials, as JSON. Built from the tables (not from a hand list
of fields), so a column added by a later migration travels too. The card photo stays at the
window that read the card.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, select
from sqlalchemy.orm import Session

from counter_app.store.models import CaseItemRow, CaseMaterialRow, CaseRow

KEPT_LOCAL = {"card_photo"}
CHILD_SKIP = {"id", "case_id"}


def _out(value):
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def _in(column, value):
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return dt.date.fromisoformat(value)
    return value


def _columns(row, skip) -> dict:
    return {c.name: _out(getattr(row, c.key)) for c in row.__table__.columns if c.name not in skip}


def case_snapshot(row: CaseRow) -> dict:
    data = _columns(row, KEPT_LOCAL)
    data["items"] = [_columns(i, CHILD_SKIP) for i in row.items]
    data["materials"] = [_columns(m, CHILD_SKIP) for m in row.materials]
    return data


def _table_rows(s: Session, model, column, ids, skip) -> list[dict]:
    table = model.__table__
    cols = [c for c in table.columns if c.name not in skip]
    order = [table.c.position] if "position" in table.c else []
    rows = s.execute(select(*cols, column.label("_owner")).where(column.in_(ids)).order_by(*order))
    return [dict(r._mapping) for r in rows]


def snapshots(s: Session, case_ids) -> dict[str, dict]:
    """The snapshots of many cases in three queries (plain rows: no ORM objects to build)."""
    ids = list(case_ids)
    out = {}
    for r in _table_rows(s, CaseRow, CaseRow.__table__.c.id, ids, KEPT_LOCAL):
        r.pop("_owner")
        out[r["id"]] = {k: _out(v) for k, v in r.items()} | {"items": [], "materials": []}
    for model, key in ((CaseItemRow, "items"), (CaseMaterialRow, "materials")):
        for r in _table_rows(s, model, model.__table__.c.case_id, ids, CHILD_SKIP):
            out[r.pop("_owner")][key].append({k: _out(v) for k, v in r.items()})
    return out


def _build(model, data: dict, skip) -> object:
    cols = {c.name: c for c in model.__table__.columns if c.name not in skip}
    return model(**{name: _in(col, data[name]) for name, col in cols.items() if name in data})


def case_from_snapshot(data: dict) -> CaseRow:
    row = _build(CaseRow, data, KEPT_LOCAL)
    row.items = [_build(CaseItemRow, i, CHILD_SKIP) for i in data.get("items", [])]
    row.materials = [_build(CaseMaterialRow, m, CHILD_SKIP) for m in data.get("materials", [])]
    return row
