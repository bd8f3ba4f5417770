"""The catalog as the intake screen sees it: items, bundles and the search index, in memory.

Loaded with plain SQL (``store.catalog_read``) so the window starts without SQLAlchemy.
"""

from __future__ import annotations

from pathlib import Path

from counter_app.domain.catalog import Bundle, Catalog, ServiceItem
from counter_app.domain.search import Hit, SearchIndex
from counter_app.errors import UserError
from counter_app.store import catalog_read


class CatalogView:
    def __init__(self, catalog: Catalog, index: SearchIndex) -> None:
        self.catalog = catalog
        self.index = index
        self._bundles = {b.code: b for b in catalog.bundles}
        self.stamp: int | None = None      # the import it was read from (catalog_version.id)

    @classmethod
    def load(cls, store) -> CatalogView:
        """From an open Store (or anything with a ``path`` to the database file)."""
        return cls.load_file(store.path)

    @classmethod
    def load_file(cls, db_path: Path) -> CatalogView:
        from counter_app.store.sqlite_file import DB_ERRORS, classify

        try:
            con = catalog_read.open_readonly(db_path)
            try:
                con.execute("BEGIN")      # one snapshot: an import committing meanwhile is all or nothing here
                rows = catalog_read.sqlite_rows(con)
                found = catalog_read.read_catalog(rows)
                usage = catalog_read.usage_counts(rows) if found else {}
                stamp = catalog_read.catalog_stamp(rows) if found else None
            finally:
                con.close()
        except DB_ERRORS as exc:
            if "no such table" in str(exc):
                found = None
            else:
                raise classify(exc) from None
        if found is None:
            raise UserError("catalog.empty_store")
        cat, entries = found
        view = cls(cat, SearchIndex(entries, usage))
        view.stamp = stamp
        return view

    @staticmethod
    def current_stamp(db_path: Path) -> int | None:
        """Which import the database holds now (compare with ``stamp`` to see a newer one)."""
        con = catalog_read.open_readonly(db_path)
        try:
            return catalog_read.catalog_stamp(catalog_read.sqlite_rows(con))
        finally:
            con.close()

    def refresh_usage(self, store) -> None:
        con = catalog_read.open_readonly(store.path)
        try:
            self.index.set_usage(catalog_read.usage_counts(catalog_read.sqlite_rows(con)))
        finally:
            con.close()

    def search(self, query: str, limit: int = 20, *, items_only: bool = False) -> list[Hit]:
        if not query.strip():
            raise UserError("search.empty_query")
        return self.index.search(query, limit, kinds=("item",) if items_only else ("item", "bundle"))

    def item(self, code: str) -> ServiceItem | None:
        return self.catalog.item(code)

    def bundle(self, code: str) -> Bundle | None:
        return self._bundles.get(code)

    def department_name(self, code: str) -> str:
        return self.catalog.department_name(code)
