"""统一出件: found by receipt, number or card; ready or when due; the applicant or an authorised agent
takes it, or it is posted; the case closes (出件) once, with the delivery recorded."""

import datetime as dt
import subprocess

import pytest

from counter_app.domain import case_status as cs
from counter_app.domain.issuing import AGENT, APPLICANT, Collector, Posting
from counter_app.errors import UserError
from counter_app.services import issuing
from counter_app.services.catalog_view import CatalogView
from counter_app.services.holidays import load_calendar
from counter_app.services.lifecycle import transition
from counter_app.store import case_events
from tests.conftest import set_up_station
from tests.store.test_intake import PERSON, _all_received, _submit

FOOD = "000131130000"
AT = dt.datetime(2026, 11, 27, 9, 30)
LATER = dt.datetime(2026, 12, 7, 10, 0)
AGENT_CARD = Collector("李四", "110105194912310021", card_read=True, authorisation="授权委托书一份，已核对签名")


def promised(store, now=AT):
    view = CatalogView.load(store)
    return _submit(store, view, codes=[FOOD], checks=_all_received(view, [FOOD]), now=now, settings=set_up_station())


def make_ready(store, number, at=LATER):
    for step in ("review", "approve", "conclude", "result_ready"):
        transition(store, number, step, who="back", window="HB1", at=at)


def find(store, text, today=LATER.date()):
    return issuing.find(store=store, settings=set_up_station(), calendar=load_calendar(), text=text, today=today)


def test_found_by_receipt_number_its_end_or_the_applicants_id(store):
    case = promised(store)
    other = promised(store, AT + dt.timedelta(minutes=5))
    make_ready(store, other.number)
    assert [c.record.number for c in find(store, case.number)] == [case.number]
    assert [c.record.number for c in find(store, case.number[-13:])] == [case.number]     # 20261127-0001
    by_card = find(store, PERSON.id_number.lower())
    assert [c.record.number for c in by_card] == [other.number, case.number]               # the ready one first
    assert by_card[0].ready and not by_card[1].ready
    assert find(store, "nothing-like-it") == [] and find(store, "01") == []


def test_a_result_not_ready_says_when_it_is_due(store):
    case = promised(store)
    found, = find(store, case.number)
    assert not found.ready and found.state == cs.ACCEPTED
    assert found.due == case.promised_date == dt.date(2026, 12, 11)
    transition(store, case.number, "review", who="back", window="HB1", at=LATER)
    transition(store, case.number, "suspend", who="back", window="HB1", reason="专家评审",
               payload={"procedure": "expert_review"}, at=LATER)
    later, = find(store, case.number, today=dt.date(2026, 12, 9))
    assert later.due > case.promised_date                       # 特别程序 moves it out
    with pytest.raises(UserError) as err:
        issuing.hand_over(store=store, settings=set_up_station(), number=case.number,
                          collector=Collector(PERSON.name, PERSON.id_number, card_read=True), now=LATER)
    assert err.value.key == "lifecycle.stale"


def test_the_applicant_takes_it_on_their_own_card_and_the_case_closes_once(store, tmp_path):
    case = promised(store)
    make_ready(store, case.number)
    settings = set_up_station()
    delivery = issuing.hand_over(store=store, settings=settings, number=case.number,
                                 collector=Collector(PERSON.name, PERSON.id_number, card_read=True), now=LATER)
    assert delivery.role == APPLICANT
    found, = find(store, case.number)
    assert found.issued and found.issued_method == "pickup" and found.delivery.collector.card_read
    with store.session() as s:
        event = case_events.of_case(s, case.id)[-1]
    assert event.kind == cs.ISSUE and event.window == settings.window
    text = repr(dict(event.payload))
    assert PERSON.id_number not in text and PERSON.name not in text                 # no personal data in the event
    assert event.payload["collector"] == APPLICANT and event.payload["card_read"] is True
    with pytest.raises(UserError):                                                  # not twice
        issuing.hand_over(store=store, settings=settings, number=case.number,
                          collector=Collector(PERSON.name, PERSON.id_number, card_read=True), now=LATER)


def test_an_agent_needs_the_written_authorisation_recorded(store, tmp_path):
    case = promised(store)
    make_ready(store, case.number)
    settings = set_up_station()
    with pytest.raises(UserError) as err:
        issuing.hand_over(store=store, settings=settings, number=case.number,
                          collector=Collector("李四", "110105194912310021", card_read=True), now=LATER)
    assert err.value.key == "issuing.authorisation_needed"
    assert not find(store, case.number)[0].issued                                   # nothing written
    delivery = issuing.hand_over(store=store, settings=settings, number=case.number, collector=AGENT_CARD, now=LATER)
    assert delivery.role == AGENT
    receipt = issuing.delivery_receipt(store=store, settings=settings, data_dir=store.data_dir, number=case.number)
    assert receipt.path.exists()
    pdf = tmp_path / "d.pdf"
    pdf.write_bytes(receipt.pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "代领" in text and "李四" in text and "授权委托书一份" in text
    assert "110105194912310021" not in text and "110105**********21" in text     # masked on the paper


def test_posted_with_courier_and_tracking_number(store, tmp_path):
    case = promised(store)
    make_ready(store, case.number)
    settings = set_up_station()
    posting = Posting("张三", "13800000000", "北京市朝阳区建国路88号院3号楼", "sf", "", "100022")
    with pytest.raises(UserError) as err:
        issuing.post(store=store, settings=settings, number=case.number, posting=posting, now=LATER)
    assert err.value.key == "issuing.tracking_needed"
    import dataclasses

    issuing.post(store=store, settings=settings, number=case.number,
                 posting=dataclasses.replace(posting, tracking_number="SF1234567890123"), now=LATER)
    found, = find(store, case.number)
    assert found.issued and found.delivery.posting.tracking_number == "SF1234567890123"
    with store.session() as s:
        payload = dict(case_events.of_case(s, case.id)[-1].payload)
    assert payload == {"method": "post", "courier": "sf", "tracking_number": "SF1234567890123",
                       "number": case.number, "status": cs.ISSUED}
    receipt = issuing.delivery_receipt(store=store, settings=settings, data_dir=store.data_dir, number=case.number)
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(receipt.pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "邮寄送达" in text and "顺丰速运" in text and "SF1234567890123" in text and "建国路88号院" in text
    from tests.documents.conftest import png_pages, zbar

    codes = {data for page in png_pages(pdf) for kind, data in zbar(page) if kind == "CODE-128"}
    assert codes == {case.number, "SF1234567890123"}          # the case and the waybill, as zbar reads them
