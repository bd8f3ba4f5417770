"""Reading the catalog with plain SQL, so the window can start without importing SQLAlchemy.

Every function takes ``rows(sql, params) -> list[tuple]``: :func:`sqlite_rows` for a bare
DB-API connection (SQLCipher's, keyed) at startup, :func:`session_rows` inside a SQLAlchemy session. One
reader serves both, so the two paths cannot drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from counter_app.domain.catalog import Bundle, Catalog, Department
from counter_app.domain.catalog_format import item_from_dict
from counter_app.domain.search import SearchEntry

Rows = Callable[[str, tuple], list]


def sqlite_rows(con) -> Rows:
    return lambda sql, params=(): con.execute(sql, params).fetchall()


def session_rows(session) -> Rows:
    def rows(sql: str, params: tuple = ()) -> list:
        return session.connection().exec_driver_sql(sql, params).fetchall()

    return rows


def open_readonly(path: Path):
    from counter_app.store.sqlite_file import connect

    return connect(path, mode="ro", timeout=3)


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def current_version(rows: Rows) -> tuple[str, str] | None:
    found = rows("SELECT version, region FROM catalog_version ORDER BY id DESC LIMIT 1", ())
    return tuple(found[0]) if found else None


def catalog_stamp(rows: Rows) -> int | None:
    """The id of the latest import: changes with every import, also of the same version."""
    found = rows("SELECT max(id) FROM catalog_version", ())
    return found[0][0] if found else None


def read_catalog(rows: Rows) -> tuple[Catalog, list[SearchEntry]] | None:
    """The current catalog and its search entries (items, then bundles), or None if none imported."""
    version = current_version(rows)
    if version is None:
        return None
    departments = tuple(Department(c, n) for c, n in rows("SELECT code, name FROM department ORDER BY position", ()))
    items, entries = [], []
    for data, keys in rows("SELECT data, search_keys FROM service_item ORDER BY position", ()):
        item = item_from_dict(_json(data))
        items.append(item)
        entries.append(SearchEntry(item.code, item.name, item.department, item.aliases,
                                   tuple(tuple(k) for k in _json(keys))))
    bundles = []
    for code, name, members, keys in rows("SELECT code, name, items, search_keys FROM bundle ORDER BY position", ()):
        bundles.append(Bundle(code, name, tuple(_json(members))))
        entries.append(SearchEntry(code, name, "", (), tuple(tuple(k) for k in _json(keys)), kind="bundle"))
    cat = Catalog(version=version[0], region=version[1], departments=departments, items=tuple(items),
                  bundles=tuple(bundles))
    return cat, entries


def usage_counts(rows: Rows) -> dict[str, int]:
    return dict(rows("SELECT item_code, count FROM item_usage", ()))
