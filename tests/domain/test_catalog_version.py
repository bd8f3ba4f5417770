"""A catalog version is YYYY.MM.DD with an optional .N (the Nth edition of that day),
compared field by field."""

import json

import pytest

from counter_app.domain.catalog_format import CatalogInvalid, parse_catalog_text
from counter_app.domain.catalog_version import parse_version
from counter_app.i18n import Translator
from tests.conftest import MINI_CATALOG


@pytest.mark.parametrize("older, newer", [
    ("2026.11.01", "2026.12.20"),
    ("2026.12.20", "2026.12.20.1"),
    ("2026.12.20.2", "2026.12.20.10"),     # numbers, not text: 10 after 2
    ("2026.09.30", "2026.10.01"),
    ("2025.12.31.99", "2026.01.01"),
])
def test_versions_compare_field_by_field(older, newer):
    assert parse_version(older) < parse_version(newer)


@pytest.mark.parametrize("text", ["1e5", "1", "t", "2026", "2026.12", "2026.13.01", "2026.02.30", "2026.1.1",
                                  "2026.12.20.", "2026.12.20.x", "2026-12-20", " 2026.12.20", "２０２６.12.20",
                                  "2026.12.20.1.1", "2026.12.20.00001", "0000.01.01", "9" * 5000])
def test_anything_else_is_not_a_version(text):
    assert parse_version(text) is None


@pytest.mark.parametrize("text", ["1e5", "2026.13.01", "v3"])
def test_import_refuses_an_odd_version_with_its_place(text):
    doc = json.loads(MINI_CATALOG.read_text(encoding="utf-8"))
    doc["version"] = text
    with pytest.raises(CatalogInvalid) as err:
        parse_catalog_text(json.dumps(doc))
    (problem,) = err.value.problems
    assert problem.place == "version"
    message = problem.text(Translator("zh_CN"))
    assert "version" in message and "YYYY.MM.DD" in message and "2026.12.20" in message
    assert "YYYY.MM.DD" in problem.text(Translator("en"))
