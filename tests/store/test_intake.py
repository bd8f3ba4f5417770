from counter_app.store import sqlite_file
import datetime as dt
import json
import sqlite3

import pytest

from counter_app.domain.case import (
    ACCEPT, ACCEPT_WITH_GAPS, GAP, NOTICE, RECEIVED_COPY, RECEIVED_ORIGINAL, REJECT, REUSED, Applicant,
    MaterialCheck, material_key,
)
from counter_app.errors import UserError
from counter_app.services.catalog_io import import_catalog
from counter_app.services.catalog_view import CatalogView
from counter_app.services.holidays import load_calendar
from counter_app.services.intake import IntakeRequest, person_history, submit_intake
from counter_app.settings import StationSettings
from counter_app.store import case_repo
from counter_app.store.database import Store
from tests.conftest import MINI_CATALOG

PERSON = Applicant(name="张三", id_number="11010519491231002X", phone="13800000000", address="北京市朝阳区")
NOW = dt.datetime(2026, 11, 27, 9, 30)   # a Friday


def _all_received(view, codes, state=RECEIVED_ORIGINAL):
    """Everything handed in: as ``state`` where the item accepts it, the original where it must."""
    from counter_app.domain.case import merge_materials

    lines = merge_materials([view.item(c) for c in codes])
    return tuple((l.key, MaterialCheck(RECEIVED_ORIGINAL if l.form == "original" else state)) for l in lines)


def _submit(store, view, codes=("000131128000",), outcome=ACCEPT, checks=None, settings=None, now=NOW, **kw):
    req = IntakeRequest(applicant=kw.pop("applicant", PERSON), item_codes=tuple(codes),
                        checks=checks if checks is not None else _all_received(view, codes),
                        outcome=outcome, **kw)
    return submit_intake(store=store, settings=settings or StationSettings(), catalog=view, request=req,
                         calendar=load_calendar(), now=now)


def test_accepted_case_is_saved_with_number_and_deadline(store):
    view = CatalogView.load(store)
    rec = _submit(store, view, codes=("000131130000",), checks=_all_received(view, ["000131130000"]))
    assert rec.number == "330402001-W01-20261127-0001"
    # promised item, 10 working days from Friday 27 Nov 2026
    assert rec.promised_date == dt.date(2026, 12, 11)
    with store.session() as s:
        again = case_repo.load_case(s, rec.number)
    assert again.applicant.name == "张三" and again.outcome == ACCEPT
    assert [i.code for i in again.items] == ["000131130000"]


def test_numbers_never_collide_across_windows_and_days(tmp_path):
    numbers = set()
    for window in ("W01", "W02"):
        st = Store(tmp_path / window)
        import_catalog(store=st, path=MINI_CATALOG)
        view = CatalogView.load(st)
        settings = StationSettings(window=window)
        for day in (NOW, NOW + dt.timedelta(days=1)):
            for _ in range(3):
                numbers.add(_submit(st, view, settings=settings, now=day).number)
    assert len(numbers) == 12
    assert "330402001-W02-20261128-0003" in numbers


def test_materials_of_several_items_are_merged(store):
    view = CatalogView.load(store)
    rec = _submit(store, view, codes=("000131128000", "000145001000"),
                  checks=_all_received(view, ["000131128000", "000145001000"]))
    names = [m.line.name for m in rec.materials]
    assert names.count("居民身份证") == 1
    assert "营业执照" in names


def test_outcome_must_fit_the_checklist(store):
    view = CatalogView.load(store)
    with pytest.raises(UserError) as err:
        _submit(store, view, checks=())       # nothing received
    assert err.value.key == "intake.not_allowed.accept"
    rec = _submit(store, view, checks=(), outcome=NOTICE)
    assert rec.status == "notified" and rec.promised_date is None
    with pytest.raises(UserError) as err:
        _submit(store, view, outcome=REJECT)
    assert err.value.key == "intake.reason_needed"


def test_accept_with_gaps_needs_promised_date(store):
    view = CatalogView.load(store)
    checks = dict(_all_received(view, ["000131128000"]))
    checks[material_key("经营场所使用证明")] = MaterialCheck(GAP)
    with pytest.raises(UserError):
        _submit(store, view, checks=tuple(checks.items()), outcome=ACCEPT_WITH_GAPS)
    checks[material_key("经营场所使用证明")] = MaterialCheck(GAP, promised_date=dt.date(2026, 12, 4))
    rec = _submit(store, view, checks=tuple(checks.items()), outcome=ACCEPT_WITH_GAPS)
    gap = next(m for m in rec.materials if m.check.state == GAP)
    assert gap.check.promised_date == dt.date(2026, 12, 4)


def test_cases_keep_the_item_data_they_were_accepted_under(store, tmp_path):
    view = CatalogView.load(store)
    rec = _submit(store, view)
    doc = json.loads(MINI_CATALOG.read_text(encoding="utf-8"))
    doc["version"] = "2026.12.01"
    doc["items"][0]["name"] = "个体工商户登记（设立）"
    doc["items"][0]["materials"] = doc["items"][0]["materials"][:1]
    (tmp_path / "new.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    import_catalog(store=store, path=tmp_path / "new.json")
    with store.session() as s:
        old = case_repo.load_case(s, rec.number)
    assert old.items[0].name == "个体工商户设立登记"
    assert len(old.items[0].materials) == 3


def test_same_person_again_reuses_contact_and_kept_copies(store):
    view = CatalogView.load(store)
    codes = ["000131130000"]
    _submit(store, view, codes=codes, checks=_all_received(view, codes, RECEIVED_COPY))
    hist = person_history(store=store, id_number_text="11010519491231002x", today=NOW.date())
    assert len(hist.cases) == 1
    assert hist.phone == "13800000000"
    assert material_key("营业执照") in hist.reusable
    assert hist.reusable[material_key("营业执照")].case_number.endswith("-0001")
    # too old: nothing to reuse
    late = person_history(store=store, id_number_text=PERSON.id_number, today=NOW.date() + dt.timedelta(days=400))
    assert late.reusable == {}


def test_invalid_id_number_is_refused(store):
    view = CatalogView.load(store)
    bad = Applicant(name="李四", id_number="110105194912310021")
    with pytest.raises(UserError) as err:
        _submit(store, view, applicant=bad)
    assert err.value.key == "id.bad_check_digit"


def test_expired_card_needs_a_supervisors_pin(store):
    from counter_app import supervisors

    view = CatalogView.load(store)
    supervisors.add(store.data_dir, "王科长", "246813", iterations=1000)
    settings = StationSettings()
    expired = Applicant(name="张三", id_number=PERSON.id_number, card_expired=True)
    with pytest.raises(UserError) as err:
        _submit(store, view, applicant=expired, settings=settings)
    assert err.value.key == "intake.expired_needs_supervisor"
    with pytest.raises(UserError) as err:
        _submit(store, view, applicant=expired, settings=settings, supervisor="王科长", supervisor_pin="111111")
    assert err.value.key == "supervisor.wrong_pin"
    with pytest.raises(UserError) as err:        # anyone can type a name; only a supervisor knows the PIN
        _submit(store, view, applicant=expired, settings=settings, supervisor="随便谁", supervisor_pin="246813")
    assert err.value.key == "intake.supervisor_refused"
    rec = _submit(store, view, applicant=expired, settings=settings, supervisor="王科长", supervisor_pin="246813")
    with store.session() as s:
        assert case_repo.load_case(s, rec.number).supervisor == "王科长"
    with store.session() as s:
        assert case_repo.count_cases(s) == 1


def test_locked_database_says_so_and_loses_nothing(store):
    view = CatalogView.load(store)
    first = _submit(store, view)
    blocker = sqlite_file.connect(store.path, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(UserError) as err:
            _submit(store, view)
        assert err.value.key == "store.locked" and err.value.kind == "transient"
    finally:
        blocker.rollback()
        blocker.close()
    with store.session() as s:
        assert case_repo.count_cases(s) == 1
        assert case_repo.load_case(s, first.number) is not None
    assert _submit(store, view).number.endswith("-0002")


def test_read_only_database_file_says_so_and_keeps_the_cases(store, tmp_path):
    import subprocess

    view = CatalogView.load(store)
    first = _submit(store, view)
    store.close()
    # root ignores permission bits; the immutable flag stops root too
    files = [store.path, store.path.with_name(store.path.name + "-wal"), store.path.with_name(store.path.name + "-shm")]
    files = [f for f in files if f.exists()]
    if subprocess.run(["chattr", "+i", *map(str, files)], capture_output=True).returncode != 0:
        pytest.skip("the file system has no immutable flag")
    try:
        with pytest.raises(UserError) as err:
            st = Store(store.data_dir)
            _submit(st, CatalogView.load(st))
        assert err.value.key in ("store.read_only", "store.unreadable")
    finally:
        subprocess.run(["chattr", "-i", *map(str, files)], check=True)
    st = Store(store.data_dir)
    with st.session() as s:
        assert case_repo.load_case(s, first.number) is not None


COMPANY_A = Applicant(name="张三", id_number="11010519491231002X", kind="legal_entity", org_name="甲公司",
                      credit_code="91350100M000100Y43")
COMPANY_B = Applicant(name="张三", id_number="11010519491231002X", kind="legal_entity", org_name="乙公司",
                      credit_code="91110000600037341L")


def test_a_companys_papers_are_reused_only_for_that_company(store):
    view = CatalogView.load(store)
    codes = ["000131130000"]
    _submit(store, view, codes=codes, checks=_all_received(view, codes, RECEIVED_COPY), applicant=COMPANY_A)
    licence = material_key("营业执照")
    same = person_history(store=store, id_number_text=PERSON.id_number, credit_code=COMPANY_A.credit_code,
                          today=NOW.date())
    assert licence in same.reusable
    other = person_history(store=store, id_number_text=PERSON.id_number, credit_code=COMPANY_B.credit_code,
                           today=NOW.date())
    assert other.cases == () and other.reusable == {}
    as_person = person_history(store=store, id_number_text=PERSON.id_number, today=NOW.date())
    assert as_person.reusable == {}


def test_reusing_never_stretches_a_materials_validity(store):
    view = CatalogView.load(store)
    codes = ["000131130000"]
    first = _submit(store, view, codes=codes, checks=_all_received(view, codes, RECEIVED_COPY))
    licence = material_key("营业执照")
    later = NOW + dt.timedelta(days=150)
    hist = person_history(store=store, id_number_text=PERSON.id_number, today=later.date())
    checks = dict(_all_received(view, ["000145001000"], RECEIVED_COPY))
    checks[licence] = MaterialCheck(REUSED, reused_from=hist.reusable[licence].case_number)
    _submit(store, view, codes=["000145001000"], checks=tuple(checks.items()), now=later)
    # 190 days after the licence copy was handed in: too old, although it was reused 40 days ago
    hist = person_history(store=store, id_number_text=PERSON.id_number, today=(NOW + dt.timedelta(days=190)).date())
    assert licence not in hist.reusable
    hist = person_history(store=store, id_number_text=PERSON.id_number, today=(NOW + dt.timedelta(days=170)).date())
    assert hist.reusable[licence].case_number == first.number


def test_gap_promised_in_the_past_is_refused_and_due_date_waits_for_the_gap(store):
    view = CatalogView.load(store)
    codes = ["000112009000"]          # 失业保险金申领: promised item, 5 working days, contract may be a gap
    checks = dict(_all_received(view, codes))
    contract = material_key("解除劳动合同证明")
    checks[contract] = MaterialCheck(GAP, promised_date=dt.date(2020, 1, 1))
    with pytest.raises(UserError) as err:
        _submit(store, view, codes=codes, checks=tuple(checks.items()), outcome=ACCEPT_WITH_GAPS)
    assert err.value.key == "intake.not_allowed.accept_gaps"
    checks[contract] = MaterialCheck(GAP, promised_date=dt.date(2026, 12, 4))     # a Friday
    rec = _submit(store, view, codes=codes, checks=tuple(checks.items()), outcome=ACCEPT_WITH_GAPS)
    # five working days from the day the missing paper is promised, not from today
    assert rec.promised_date == dt.date(2026, 12, 11)
