"""Values nobody checked (issue 14): each bad catalog is a located message and changes nothing."""

import json

import pytest

from counter_app.domain.catalog_format import CatalogInvalid
from counter_app.errors import UserError
from counter_app.i18n import Translator
from counter_app.services.catalog_io import import_catalog
from counter_app.services.catalog_view import CatalogView
from counter_app.store import catalog_read
from tests.conftest import MINI_CATALOG

ZH, EN = Translator("zh_CN"), Translator("en")
ITEM = "items[000131128000]"


def _doc():
    doc = json.loads(MINI_CATALOG.read_text(encoding="utf-8"))
    doc["version"] = "2026.12.20"
    return doc


def _refused(store, tmp_path, text: str | bytes):
    path = tmp_path / "bad.json"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    with pytest.raises(CatalogInvalid) as err:
        import_catalog(store=store, path=path)
    with store.session() as s:      # nothing changed
        assert catalog_read.current_version(catalog_read.session_rows(s))[0] == "2026.11.01"
    assert len(CatalogView.load(store).catalog.items) == 6
    problems = err.value.problems
    for p in problems:            # every problem reads as a sentence in both languages, with its place
        for tr in (ZH, EN):
            assert p.key != tr(p.key) and p.where(tr)
    return [(p.place, p.key) for p in problems], problems


def test_a_number_with_5000_digits_is_named_with_its_place(store, tmp_path):
    text = json.dumps(_doc(), ensure_ascii=False).replace('"legal_days": 15', '"legal_days": ' + "9" * 5000, 1)
    found, problems = _refused(store, tmp_path, text)
    assert found == [(f"{ITEM}.legal_days", "catalog.too_large")]
    assert "1000" in problems[0].text(ZH)


def test_a_lone_surrogate_in_a_name_is_named_with_its_place(store, tmp_path):
    doc = _doc()
    doc["items"][0]["name"] = "个体工商户\ud800设立登记"
    found, _ = _refused(store, tmp_path, json.dumps(doc))           # written as the \ud800 escape
    assert found == [(f"{ITEM}.name", "catalog.bad_characters")]
    path = tmp_path / "raw.json"      # or as raw bytes: then the file is neither UTF-8 nor GBK, and says so
    path.write_bytes(json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    with pytest.raises(UserError) as err:
        import_catalog(store=store, path=path)
    assert err.value.key == "catalog.unknown_encoding"
    assert len(CatalogView.load(store).catalog.items) == 6


def test_control_characters_in_names_are_refused(store, tmp_path):
    doc = _doc()
    doc["items"][0]["aliases"] = ["个体\x07户"]
    found, _ = _refused(store, tmp_path, json.dumps(doc))
    assert found == [(f"{ITEM}.aliases", "catalog.bad_characters")]


@pytest.mark.parametrize("amount", ["1e5", "1e999999999", 1e999, "12.345", "-1", "1,000", "0x10", "１２", 1e20,
                                    "1000000000", "Infinity", "NaN", True, "", " "])
def test_a_fee_is_a_plain_decimal_amount(store, tmp_path, amount):
    doc = _doc()
    doc["items"][0]["fee"] = {"amount": amount, "basis": "依据"}
    found, _ = _refused(store, tmp_path, json.dumps(doc))
    assert found == [(f"{ITEM}.fee.amount", "catalog.bad_amount")]


@pytest.mark.parametrize("amount, stored", [("550.00", "550.00"), ("80", "80.00"), (12.5, "12.50"), (0, "0.00"),
                                            ("99999999.99", "99999999.99")])
def test_plain_amounts_import(store, tmp_path, amount, stored):
    doc = _doc()
    doc["items"][0]["fee"] = {"amount": amount, "basis": "依据"}
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    import_catalog(store=store, path=path)
    assert f"{CatalogView.load(store).item('000131128000').fee.amount:.2f}" == stored


@pytest.mark.parametrize("field, value, key", [
    ("legal_days", 1_000_000, "catalog.too_large"),
    ("promised_days", 10 ** 9, "catalog.too_large"),
    ("name", "登" * 301, "catalog.too_long"),
])
def test_item_values_have_sane_bounds(store, tmp_path, field, value, key):
    doc = _doc()
    doc["items"][0][field] = value
    if field == "promised_days":
        doc["items"][0]["legal_days"] = 10 ** 9
    found, _ = _refused(store, tmp_path, json.dumps(doc))
    assert (f"{ITEM}.{field}", key) in found


def test_copies_aliases_and_notes_have_sane_bounds(store, tmp_path):
    doc = _doc()
    item = doc["items"][0]
    item["materials"][0]["copies"] = 1000
    item["materials"][1]["note"] = "说" * 501
    item["aliases"] = ["个" * 1_000_000]
    found, _ = _refused(store, tmp_path, json.dumps(doc))
    assert sorted(found) == sorted([(f"{ITEM}.materials[M1].copies", "catalog.too_large"),
                                    (f"{ITEM}.materials[M2].note", "catalog.too_long"),
                                    (f"{ITEM}.aliases", "catalog.too_long")])


def test_bounds_are_generous_enough_for_real_catalogs(store, tmp_path):
    doc = _doc()
    item = doc["items"][0]
    item.update(legal_days=1000, promised_days=1000, name="登" * 300, aliases=["别名"] * 50)
    item["materials"][0].update(copies=50, note="说" * 500)
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert import_catalog(store=store, path=path).items == 6


TRADITIONAL = {"个体工商户设立登记": "個體工商戶設立登記", "居民身份证": "居民身份證", "市场监督管理局": "市場監督管理局",
               "结婚登记": "結婚登記", "营业执照": "營業執照", "不动产登记": "不動產登記"}


def test_a_big5_file_is_refused_as_garbled(store, tmp_path):
    """A Taiwan-style Big5 export decodes as GBK without error but into nonsense (砰坝め砞ミ祅癘)."""
    doc = _doc()
    for d in doc["departments"]:
        d["name"] = "市場監督管理局"
    for i in doc["items"]:
        i["name"], i["aliases"] = "個體工商戶設立登記", []
        for m in i["materials"]:
            m["name"], m["note"] = "居民身份證", ""
    for b in doc["bundles"]:
        b["name"] = "結婚登記"
    found, problems = _refused(store, tmp_path, json.dumps(doc, ensure_ascii=False).encode("big5", "replace"))
    assert {k for _, k in found} == {"catalog.garbled", "catalog.garbled_file"}
    assert len(found) == 4            # three examples with their place, one line for the file
    assert any("Big5" in p.text(ZH) and "Big5" in p.text(EN) for p in problems)


def test_doubly_encoded_utf8_is_refused_as_garbled(store, tmp_path):
    """UTF-8 read as Windows-1252 and saved as UTF-8 again: 个体 becomes ä¸ªä½“."""
    text = json.dumps(_doc(), ensure_ascii=False)
    double = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))
    found, problems = _refused(store, tmp_path, double.encode("utf-8"))
    assert found[:3] == [(f"departments[{d}].name", "catalog.garbled") for d in ("D01", "D02", "D03")]
    assert found[3] == ("$", "catalog.garbled_file")
    assert "å¸‚åœº" in problems[0].text(ZH)       # 市场 as the admin will see it in the file


def test_real_catalogs_are_not_taken_for_garbled(store, tmp_path):
    from counter_app.paths import resource

    assert import_catalog(store=store, path=resource("catalog/sample_catalog.json")).items > 300
    doc = _doc()
    doc["items"][0]["name"] = "鄞州区婺城区衢州嵊州个体工商户设立登记（Café 1号）"      # rare place names
    path = tmp_path / "rare.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="gbk")
    import_catalog(store=store, path=path)
