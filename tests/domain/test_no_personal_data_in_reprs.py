"""ID numbers, names, phones and addresses never show in a repr, so never in a log or traceback."""

import datetime as dt

from counter_app.domain import id_number
from counter_app.domain.case import Agent, Applicant, CaseRecord
from counter_app.services.intake import IntakeRequest, PersonHistory

SECRETS = ("11010519491231002X", "张晓梅", "13800001111", "中山路123号", "李四")


def test_reprs_carry_no_personal_data():
    a = Applicant(name="张晓梅", id_number="11010519491231002X", phone="13800001111", address="中山路123号")
    agent = Agent(name="李四", id_number="11010519491231002X", phone="13800001111")
    rec = CaseRecord(id="x", number="H-W-20261128-0001", hall="H", window="W", clerk="c",
                     created_at=dt.datetime(2026, 11, 28), outcome="accept", status="accepted", applicant=a,
                     items=(), materials=(), agent=agent, delivery_address="中山路123号")
    req = IntakeRequest(applicant=a, item_codes=("A",), checks=(), outcome="accept", agent=agent)
    hist = PersonHistory(phone="13800001111", address="中山路123号")
    for obj in (a, agent, rec, req, hist, id_number.check("11010519491231002X")):
        text = repr(obj)
        assert not any(secret in text for secret in SECRETS), text
