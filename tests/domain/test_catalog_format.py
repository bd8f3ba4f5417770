import json

import pytest

from counter_app.domain.catalog_format import CatalogInvalid, parse_catalog, parse_catalog_text
from counter_app.i18n import Translator
from tests.conftest import MINI_CATALOG

ZH, EN = Translator("zh_CN"), Translator("en")


def _doc():
    return json.loads(MINI_CATALOG.read_text(encoding="utf-8"))


def _problems(doc_or_text):
    with pytest.raises(CatalogInvalid) as err:
        if isinstance(doc_or_text, str):
            parse_catalog_text(doc_or_text)
        else:
            parse_catalog(doc_or_text)
    return err.value.problems


def _lines(problems, tr=ZH):
    return [p.text(tr) for p in problems]


def test_duplicate_bundle_code_is_reported_with_its_place():
    doc = _doc()
    doc["bundles"].append({"code": "B01", "name": "另一个一件事", "items": ["000131128000"]})
    assert _lines(_problems(doc)) == ["bundles[B01].code：编码 B01 重复"]


def test_bundle_code_equal_to_an_item_code_is_refused():
    doc = _doc()
    doc["bundles"][0]["code"] = "000131128000"
    assert _lines(_problems(doc), EN) == ["bundles[000131128000].code: code 000131128000 is already an item's code"]


def test_missing_codes_are_reported_as_missing_not_as_duplicates():
    doc = _doc()
    for m in doc["items"][0]["materials"][:2]:
        del m["code"]
    del doc["items"][1]["legal_days"]
    del doc["items"][1]["promised_days"]
    del doc["items"][2]["kind"]
    assert _lines(_problems(doc)) == [
        "items[000131128000].materials[#1].code：缺少此字段",
        "items[000131128000].materials[#2].code：缺少此字段",
        "items[000131128001].legal_days：缺少此字段",
        "items[000131128001].promised_days：缺少此字段",
        "items[000131130000].kind：缺少此字段",
    ]


def test_a_wrong_type_is_still_named_as_such():
    doc = _doc()
    doc["items"][1]["legal_days"] = "十五"
    assert _lines(_problems(doc)) == ["items[000131128001].legal_days：应为整数"]


def test_json_error_place_and_message_read_naturally_in_both_languages():
    problems = _problems('{"format": "counter-catalog/1",\n "items": [')
    assert _lines(problems) == ["第2行第12列：此处应为一个值（文本、数字、列表或对象），文件可能不完整"]
    assert _lines(problems, EN) == ["line 2, column 12: a value was expected here (text, number, list or object); "
                                    "the file may be cut short"]
    (comma,) = _problems('{"format": "counter-catalog/1"\n "version": "1"}')
    assert comma.text(ZH) == "第2行第2列：此处应为英文逗号 , 或右括号"
    for text in _lines(_problems('[1, 2] x')) + _lines(_problems('{"a": "x\\q"}')) + _lines(_problems('{a: 1}')):
        assert "Expecting" not in text and "Invalid" not in text and "Extra" not in text and "line" not in text


def test_an_empty_file_says_it_is_empty():
    for text in ("", "  \n\t"):
        assert _lines(_problems(text)) == ["文件是空的，没有任何内容"]
        assert _lines(_problems(text), EN) == ["the file is empty"]


def test_deeply_nested_json_is_an_invalid_file_not_a_crash():
    assert _lines(_problems("[" * 200_000)) == ["列表或对象嵌套层级过深，不是有效的目录文件"]
    assert _lines(_problems('{"items": ' + "[" * 200_000), EN) == [
        "lists or objects are nested too deeply; this is not a valid catalog file"]


def test_a_document_that_is_not_an_object_names_the_whole_file():
    assert _lines(_problems("[]")) == ["整个文件：应为对象"]
