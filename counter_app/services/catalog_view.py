"""The catalog as the intake screen sees it: items, bundles and the search index, in memory."""

from __future__ import annotations

from counter_app.domain.catalog import Bundle, Catalog, ServiceItem
from counter_app.domain.pinyin_keys import item_keys
from counter_app.domain.search import Hit, SearchEntry, SearchIndex
from counter_app.errors import UserError
from counter_app.store import catalog_repo
from counter_app.store.database import Store


def bundle_entries(cat: Catalog) -> list[SearchEntry]:
    """Bundles (一件事) are found like items; their pinyin is cheap to compute at load."""
    return [SearchEntry(b.code, b.name, "", (), tuple(tuple(k) for k in item_keys(b.name, ())), kind="bundle")
            for b in cat.bundles]


class CatalogView:
    def __init__(self, catalog: Catalog, index: SearchIndex) -> None:
        self.catalog = catalog
        self.index = index
        self._bundles = {b.code: b for b in catalog.bundles}

    @classmethod
    def load(cls, store: Store) -> CatalogView:
        with store.session() as s:
            cat = catalog_repo.load_catalog(s)
            if cat is None:
                raise UserError("catalog.empty_store")
            entries = catalog_repo.search_entries(s) + bundle_entries(cat)
            index = SearchIndex(entries, catalog_repo.usage_counts(s))
        return cls(cat, index)

    def refresh_usage(self, store: Store) -> None:
        with store.session() as s:
            self.index.set_usage(catalog_repo.usage_counts(s))

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
