import json

import pytest

from counter_app.domain.catalog_format import CatalogInvalid
from counter_app.errors import UserError
from counter_app.services.catalog_io import export_catalog, import_catalog
from counter_app.services.catalog_view import CatalogView
from counter_app.store import catalog_repo
from tests.conftest import MINI_CATALOG


def _doc():
    return json.loads(MINI_CATALOG.read_text(encoding="utf-8"))


def _write(path, doc):
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_bad_file_changes_nothing_and_lists_every_problem(store, tmp_path):
    doc = _doc()
    doc["version"] = "2026.12.01"
    doc["items"][0]["kind"] = "someday"
    doc["items"][2]["materials"][1]["form"] = "photocopy"
    doc["items"][3]["department"] = "D99"
    doc["bundles"][0]["items"].append("NOPE")
    with pytest.raises(CatalogInvalid) as err:
        import_catalog(store=store, path=_write(tmp_path / "bad.json", doc))
    places = {p.place for p in err.value.problems}
    assert places == {"items[000131128000].kind", "items[000131130000].materials[M2].form",
                      "items[000112004000].department", "bundles[B01].items"}
    with store.session() as s:
        assert catalog_repo.current_version(s).version == "2026.11.01"
    assert len(CatalogView.load(store).catalog.items) == 6


def test_unreadable_json_reports_line(store, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "counter-catalog/1",\n "items": [', encoding="utf-8")
    with pytest.raises(CatalogInvalid) as err:
        import_catalog(store=store, path=path)
    assert err.value.problems[0].place.startswith("line 2")


def test_newer_version_replaces_older_is_refused(store, tmp_path):
    doc = _doc()
    doc["version"] = "2026.12.01"
    doc["items"] = doc["items"][:4]
    doc["bundles"] = []
    summary = import_catalog(store=store, path=_write(tmp_path / "new.json", doc))
    assert summary.replaced == "2026.11.01"
    assert len(CatalogView.load(store).catalog.items) == 4
    with pytest.raises(UserError) as err:
        import_catalog(store=store, path=MINI_CATALOG)
    assert err.value.key == "catalog.older_version"
    import_catalog(store=store, path=MINI_CATALOG, force=True)
    assert len(CatalogView.load(store).catalog.items) == 6


def test_export_round_trips(store, tmp_path):
    out = tmp_path / "out.json"
    assert export_catalog(store=store, path=out) == 6
    assert json.loads(out.read_text(encoding="utf-8")) == _doc()
