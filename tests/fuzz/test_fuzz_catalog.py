"""Fuzzing the catalog import (issue 14, "how to keep finding these").

Documents are built from the counter-catalog/1 schema, then mutated: a value anywhere replaced by
junk (huge or odd numbers, exponent fees, lone surrogates, control characters, mojibake, long
text, wrong types), a key dropped, an entry duplicated, or the file's bytes flipped, cut or
re-encoded. The property: every input is imported or refused with a UserError that reads as a
message in both languages; never another exception; after a refusal the station's catalog is
exactly what it was; after an import the window can take a case on it (or says why not).

CI: FUZZ_EXAMPLES (default 60) examples per test, derandomized by the "ci" profile. The
hardening run used FUZZ_EXAMPLES=1500.
"""

from __future__ import annotations

from counter_app.store import sqlite_file
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.domain.catalog_format import FORMAT, CatalogInvalid, parse_catalog_text
from counter_app.errors import UserError
from counter_app.i18n import Translator

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
ZH, EN = Translator("zh_CN"), Translator("en")
HUGE = "__HUGE_NUMBER__"          # replaced in the JSON text: Python cannot even dump such an int

HANZI = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
NAME = st.text(HANZI, min_size=1, max_size=12)
CODE = st.from_regex(r"[A-Z0-9]{1,12}", fullmatch=True)
FORMS = st.sampled_from(["original", "copy", "either", "electronic"])
VERSION = st.builds(lambda y, m, d, n: f"{y}.{m:02d}.{d:02d}" + (f".{n}" if n else ""),
                    st.integers(2020, 2030), st.integers(1, 12), st.integers(1, 28), st.integers(0, 20))


@st.composite
def materials(draw):
    return {"code": draw(CODE), "name": draw(NAME), "required": draw(st.booleans()), "form": draw(FORMS),
            "copies": draw(st.integers(0, 5)), "gap_allowed": draw(st.booleans()), "note": draw(st.text(HANZI, max_size=8))}


@st.composite
def documents(draw):
    """A valid counter-catalog/1 document, as the schema describes it."""
    departments = draw(st.lists(st.fixed_dictionaries({"code": CODE, "name": NAME}), min_size=1, max_size=3,
                                unique_by=lambda d: d["code"]))
    items = []
    for code in draw(st.lists(st.from_regex(r"[0-9]{12}", fullmatch=True), min_size=1, max_size=4, unique=True)):
        legal = draw(st.integers(1, 60))
        mats = draw(st.lists(materials(), max_size=4, unique_by=lambda m: m["code"]))
        items.append({"code": code, "name": draw(NAME), "aliases": draw(st.lists(NAME, max_size=2)),
                      "department": draw(st.sampled_from(departments))["code"],
                      "kind": draw(st.sampled_from(["immediate", "promised"])), "legal_days": legal,
                      "promised_days": draw(st.integers(0, legal)),
                      "fee": draw(st.none() | st.builds(lambda a: {"amount": a, "basis": "依据"},
                                                        st.from_regex(r"[0-9]{1,5}(\.[0-9]{2})?", fullmatch=True))),
                      "applicant_types": draw(st.sampled_from([["person"], ["legal_entity"], ["person", "legal_entity"]])),
                      "materials": mats})
    bundles = []
    if len(items) > 1 and draw(st.booleans()):
        bundles.append({"code": "B" + draw(CODE), "name": draw(NAME), "items": [i["code"] for i in items[:2]]})
    return {"format": FORMAT, "version": draw(VERSION), "region": "330402", "departments": departments,
            "items": items, "bundles": bundles}


JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(10 ** 9, 10 ** 30), st.just(HUGE),
    st.floats(), st.just(1e308), st.sampled_from(["1e5", "1e999999999", "-1", "0x10", "NaN", "1,000", "１２"]),
    st.text(max_size=20), st.just("\ud800"), st.just("名\x00称\x07"), st.just("ä¸ªä½“å·¥å•†æˆ·"),
    st.just("砰坝め砞ミ祅癘"), st.builds(lambda n: "登" * n, st.integers(250, 3000)),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, path + (k,))
    elif isinstance(node, list):
        for n, v in enumerate(node):
            yield from _paths(v, path + (n,))


@st.composite
def mutated_texts(draw):
    doc = draw(documents())
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p]
        path = draw(st.sampled_from(paths))
        parent = doc
        for k in path[:-1]:
            parent = parent[k]
        how = draw(st.sampled_from(["replace", "replace", "drop", "duplicate"]))
        if how == "replace":
            parent[path[-1]] = draw(JUNK)
        elif how == "drop":
            del parent[path[-1]]
        elif isinstance(parent, list):
            parent.append(parent[path[-1]])
        else:
            parent[path[-1]] = [parent[path[-1]]] * 2
        if not paths:
            break
    text = json.dumps(doc, ensure_ascii=draw(st.booleans()))
    return text.replace(json.dumps(HUGE), "9" * draw(st.sampled_from([19, 5000])))


@st.composite
def mutated_bytes(draw):
    text = json.dumps(draw(documents()), ensure_ascii=False)
    raw = bytearray(text.encode(draw(st.sampled_from(["utf-8", "gb18030", "utf-8-sig", "utf-16", "big5"])),
                                errors="replace"))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, max(0, len(raw) - 1)))
        how = draw(st.sampled_from(["flip", "insert", "cut"]))
        if how == "flip" and raw:
            raw[at] ^= draw(st.integers(1, 255))
        elif how == "insert":
            raw[at:at] = draw(st.binary(min_size=1, max_size=4))
        else:
            del raw[at:]
    return bytes(raw)


def _assert_message(exc: UserError) -> None:
    """A refusal a person can read: translated in both languages, each problem with its place."""
    for tr in (ZH, EN):
        assert tr.error(exc) != exc.key
    for p in getattr(exc, "problems", ()):
        for tr in (ZH, EN):
            assert p.key != tr(p.key), p.key
            assert p.text(tr)


@settings(max_examples=EXAMPLES * 4, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_texts())
def test_any_mutated_document_parses_or_is_a_located_message(text):
    from counter_app.store.catalog_repo import catalog_rows

    try:
        cat = parse_catalog_text(text)
    except CatalogInvalid as exc:
        assert exc.problems
        _assert_message(exc)
        return
    except UserError as exc:
        _assert_message(exc)
        return
    catalog_rows(cat)           # what the import stores next: search keys, item snapshots


@pytest.fixture(scope="module")
def station(tmp_path_factory):
    from counter_app.services.catalog_io import import_catalog
    from counter_app.store.database import Store
    from tests.conftest import MINI_CATALOG

    store = Store(tmp_path_factory.mktemp("fuzz") / "station")
    import_catalog(store=store, path=MINI_CATALOG)
    yield store
    store.close()


def _state(store):
    """What a refusal must not change: the rows of the stored catalog."""
    import sqlite3

    con = sqlite_file.connect(store.path)
    try:
        return (con.execute("SELECT id, version FROM catalog_version ORDER BY id").fetchall(),
                con.execute("SELECT code, data FROM service_item ORDER BY position").fetchall(),
                con.execute("SELECT code, name FROM department ORDER BY position").fetchall(),
                con.execute("SELECT code, items FROM bundle ORDER BY position").fetchall())
    finally:
        con.close()


def _take_a_case(store, view):
    """After an import the window can take a case on any item, or says why not (never a traceback)."""
    import datetime as dt

    from counter_app.domain.case import RECEIVED_ORIGINAL, Applicant, MaterialCheck, merge_materials
    from counter_app.services.holidays import load_calendar
    from counter_app.services.intake import IntakeRequest, submit_intake
    from counter_app.settings import StationSettings

    item = view.catalog.items[0]
    checks = tuple((line.key, MaterialCheck(RECEIVED_ORIGINAL)) for line in merge_materials([item]))
    person = Applicant(name="张三", id_number="11010519491231002X", phone="13800000000", address="北京市朝阳区")
    try:
        submit_intake(store=store, settings=StationSettings(), catalog=view, calendar=load_calendar(),
                      request=IntakeRequest(applicant=person, item_codes=(item.code,), checks=checks, outcome="accept"),
                      now=dt.datetime(2026, 11, 27, 9, 30))
    except UserError as exc:
        _assert_message(exc)


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(st.one_of(mutated_texts().map(lambda t: t.encode("utf-8", "surrogatepass")), mutated_bytes()))
def test_import_of_any_file_succeeds_or_changes_nothing(station, tmp_path, raw):
    from counter_app.services.catalog_io import import_catalog
    from counter_app.services.catalog_view import CatalogView

    path = tmp_path / "catalog.json"
    path.write_bytes(raw)
    before = _state(station)
    try:
        import_catalog(store=station, path=path, force=True)
    except UserError as exc:
        _assert_message(exc)
        assert _state(station) == before
        return
    view = CatalogView.load(station)
    _take_a_case(station, view)
