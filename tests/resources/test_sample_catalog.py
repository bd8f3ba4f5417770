"""The sample catalog shipped in resources/catalog: valid, realistic in scale, consistent."""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from counter_app.domain.catalog import IMMEDIATE, Catalog
from counter_app.domain.catalog_format import catalog_to_dict, parse_catalog_text

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "catalog" / "sample_catalog.json"
BUILDER = ROOT / "scripts" / "build_sample_catalog.py"

REQUIRED_BUNDLES = (
    "开办企业一件事", "个体工商户开业一件事", "新生儿出生一件事", "退休一件事",
    "不动产转移登记与水电气联动过户一件事", "身后一件事",
)

# Spellings of the three documents nearly every applicant brings. One name each, so the intake
# screen can merge them across items; a variant would make the applicant show it twice.
CANONICAL = {"居民身份证": "身份证", "户口簿": "户口", "营业执照": "营业执照"}
_ROLE = r"(?:本人|申请人|申请者|当事人|经营者|投资人)?"
_FORM = r"(?:原件|复印件|正本|副本|正、副本|正副本|（[^）]*）|\([^)]*\))*"
_VARIANTS = {
    "居民身份证": re.compile(rf"^{_ROLE}(?:居民身份证|身份证|二代身份证|第二代居民身份证){_FORM}$"),
    "户口簿": re.compile(rf"^{_ROLE}(?:户口簿|户口本|居民户口簿|常住人口登记卡){_FORM}$"),
    "营业执照": re.compile(rf"^{_ROLE}(?:营业执照|企业营业执照|营业执照副本){_FORM}$"),
}


def variant_names(catalog: Catalog) -> dict[str, set[str]]:
    """Material names that spell a shared document differently from its canonical name."""
    found: dict[str, set[str]] = {}
    for item in catalog.items:
        for m in item.materials:
            for canonical, pattern in _VARIANTS.items():
                if pattern.match(m.name) and m.name != canonical:
                    found.setdefault(canonical, set()).add(m.name)
    return found


@pytest.fixture(scope="module")
def text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def catalog(text) -> Catalog:
    return parse_catalog_text(text)


def test_parses_with_the_apps_validator(catalog):
    assert catalog.region == "330402"
    assert catalog.version


def test_file_is_canonical_export_form(text, catalog):
    # Exporting what was imported gives the same document: nothing is dropped or reshaped.
    assert catalog_to_dict(catalog) == json.loads(text)


def test_generator_output_is_up_to_date(text):
    spec = importlib.util.spec_from_file_location("build_sample_catalog", BUILDER)
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    assert builder.build_text() == text, "run: python scripts/build_sample_catalog.py"


def test_scale_of_a_county_hall(catalog):
    assert len(catalog.departments) >= 28
    assert len(catalog.items) >= 300
    assert len(catalog.bundles) >= 6


def test_named_bundles_present_with_existing_items(catalog):
    names = {b.name for b in catalog.bundles}
    missing = [n for n in REQUIRED_BUNDLES if n not in names]
    assert missing == []
    for bundle in catalog.bundles:
        assert len(bundle.items) >= 2, bundle.name
        assert len(set(bundle.items)) == len(bundle.items), bundle.name
        assert all(catalog.item(code) is not None for code in bundle.items), bundle.name


def test_every_department_has_at_least_three_items(catalog):
    per_department = Counter(item.department for item in catalog.items)
    thin = {d.name: per_department[d.code] for d in catalog.departments if per_department[d.code] < 3}
    assert thin == {}


def test_department_names_and_codes_are_distinct(catalog):
    assert len({d.name for d in catalog.departments}) == len(catalog.departments)
    assert len({d.code for d in catalog.departments}) == len(catalog.departments)


def test_id_card_has_one_name_across_many_items(catalog):
    with_id = [i for i in catalog.items if any(m.name == "居民身份证" for m in i.materials)]
    assert len(with_id) >= 100
    assert variant_names(catalog) == {}
    # the ID card is never a material that may be missing at intake
    assert not any(m.gap_allowed for i in with_id for m in i.materials if m.name == "居民身份证")


def test_variant_detector_catches_variants():
    raw = {"format": "counter-catalog/1", "version": "2026.11.01", "region": "330402",
           "departments": [{"code": "D1", "name": "民政局"}],
           "items": [{"code": "C1", "name": "结婚登记", "department": "D1", "kind": "immediate",
                      "legal_days": 1, "promised_days": 0,
                      "materials": [{"code": "M1", "name": "身份证原件"},
                                    {"code": "M2", "name": "申请人户口本"},
                                    {"code": "M3", "name": "监护人居民身份证"},
                                    {"code": "M4", "name": "营业执照副本复印件"}]}]}
    found = variant_names(parse_catalog_text(json.dumps(raw, ensure_ascii=False)))
    assert found == {"居民身份证": {"身份证原件"}, "户口簿": {"申请人户口本"},
                     "营业执照": {"营业执照副本复印件"}}


def test_items_look_like_published_items(catalog):
    for item in catalog.items:
        assert 12 <= len(item.code) <= 20 and item.code.isalnum(), item.code
        assert not re.search(r"(事项|测试|test|item)\s*\d*$", item.name, re.I), item.name
        assert len(item.aliases) <= 3 and item.name not in item.aliases, item.name
        assert 2 <= len(item.materials) <= 8, item.name
        names = [m.name for m in item.materials]
        assert len(set(names)) == len(names), item.name
        assert item.legal_days == 0 or item.promised_days <= item.legal_days, item.name
        if item.kind == IMMEDIATE:
            assert item.promised_days in (0, 1), item.name
        else:
            assert item.promised_days >= 1, item.name
    assert len({i.name for i in catalog.items}) == len(catalog.items)


def test_a_realistic_mix(catalog):
    kinds = Counter(i.kind for i in catalog.items)
    assert kinds["immediate"] >= 50 and kinds["promised"] >= 50
    assert 10 <= sum(1 for i in catalog.items if i.fee is not None) <= len(catalog.items) // 3
    assert all(i.fee.basis for i in catalog.items if i.fee is not None)
    types = Counter(tuple(i.applicant_types) for i in catalog.items)
    assert types[("person",)] and types[("legal_entity",)] and types[("person", "legal_entity")]
    materials = [m for i in catalog.items for m in i.materials]
    assert {m.form for m in materials} == {"original", "copy", "either", "electronic"}
    assert any(m.gap_allowed for m in materials) and any(not m.required for m in materials)
