from counter_app.store import sqlite_file
import json

import pytest

from counter_app.domain.catalog_format import CatalogInvalid
from counter_app.errors import UserError
from counter_app.i18n import Translator
from counter_app.services.catalog_io import export_catalog, import_catalog
from counter_app.services.catalog_view import CatalogView
from counter_app.store import catalog_read
from counter_app.store.database import Store
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
        assert catalog_read.current_version(catalog_read.session_rows(s))[0] == "2026.11.01"
    assert len(CatalogView.load(store).catalog.items) == 6


def test_unreadable_json_reports_line(store, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "counter-catalog/1",\n "items": [', encoding="utf-8")
    with pytest.raises(CatalogInvalid) as err:
        import_catalog(store=store, path=path)
    assert err.value.problems[0].line == 2
    assert err.value.problems[0].text(Translator("zh_CN")).startswith("第2行第")


def _assert_unchanged(store):
    with store.session() as s:
        assert catalog_read.current_version(catalog_read.session_rows(s))[0] == "2026.11.01"
    assert len(CatalogView.load(store).catalog.items) == 6


def test_duplicate_bundle_codes_are_a_catalog_problem_not_a_database_failure(store, tmp_path):
    doc = _doc()
    doc["version"] = "2026.12.01"
    doc["bundles"].append(dict(doc["bundles"][0]))
    with pytest.raises(CatalogInvalid) as err:
        import_catalog(store=store, path=_write(tmp_path / "dup.json", doc))
    assert [(p.place, p.key) for p in err.value.problems] == [("bundles[B01].code", "catalog.duplicate_code")]
    _assert_unchanged(store)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_gbk_and_utf8_files_import_alike(data_dir, tmp_path, encoding):
    doc = _doc()
    path = tmp_path / "c.json"
    path.write_bytes(json.dumps(doc, ensure_ascii=False).encode(encoding))
    store = Store(data_dir)
    try:
        assert import_catalog(store=store, path=path).items == 6
        assert CatalogView.load(store).catalog.item("000131128000").name == "个体工商户设立登记"
    finally:
        store.close()


def test_an_encoding_that_is_neither_utf8_nor_gbk_is_named(store, tmp_path):
    path = tmp_path / "utf16.json"
    path.write_bytes(json.dumps(_doc(), ensure_ascii=False).encode("utf-16"))
    with pytest.raises(UserError) as err:
        import_catalog(store=store, path=path)
    message = Translator("zh_CN").error(err.value)
    assert "UTF-8" in message and "GBK" in message and "编码" in message
    assert "GBK" in Translator("en").error(err.value)
    _assert_unchanged(store)


def test_an_empty_file_says_it_is_empty(store, tmp_path):
    path = tmp_path / "empty.json"
    path.write_bytes(b"")
    with pytest.raises(UserError) as err:
        import_catalog(store=store, path=path)
    assert "空的" in Translator("zh_CN").error(err.value)
    assert "empty" in Translator("en").error(err.value)
    _assert_unchanged(store)


def test_deeply_nested_file_is_reported_invalid(store, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000, encoding="utf-8")
    with pytest.raises(CatalogInvalid) as err:
        import_catalog(store=store, path=path)
    assert [p.key for p in err.value.problems] == ["catalog.json.too_deep"]
    _assert_unchanged(store)


def test_failed_export_leaves_no_temporary_file(store, tmp_path):
    out = tmp_path / "exports"
    target = out / "out.json"
    target.mkdir(parents=True)           # the file cannot replace a folder
    with pytest.raises(UserError) as err:
        export_catalog(store=store, path=target)
    assert err.value.key == "catalog.cannot_write"
    assert sorted(p.name for p in out.iterdir()) == ["out.json"]


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


def test_a_stored_odd_version_never_blocks_a_valid_one(store, tmp_path):
    """Builds before the version format was defined let "1e5" in; it compared above every date."""
    import sqlite3

    con = sqlite_file.connect(store.path)
    con.execute("UPDATE catalog_version SET version = '1e5'")
    con.commit()
    con.close()
    doc = _doc()
    doc["version"] = "2026.12.20"
    summary = import_catalog(store=store, path=_write(tmp_path / "new.json", doc))
    assert summary.replaced == "1e5"
    with store.session() as s:
        assert catalog_read.current_version(catalog_read.session_rows(s))[0] == "2026.12.20"


def test_same_day_editions_import_in_order(store, tmp_path):
    doc = _doc()
    for version in ("2026.12.20", "2026.12.20.1", "2026.12.20.2", "2026.12.20.10"):
        doc["version"] = version
        import_catalog(store=store, path=_write(tmp_path / "c.json", doc))
    doc["version"] = "2026.12.20.9"
    with pytest.raises(UserError) as err:
        import_catalog(store=store, path=_write(tmp_path / "c.json", doc))
    assert err.value.key == "catalog.older_version"
