"""Push entries as a window sends them: a case's intake event carrying the case, then status events."""

import datetime as dt
import uuid

import uuid6


def uuid7() -> str:
    return str(uuid6.uuid7())


def new_case(n: int, *, hall="330402001", window="W01", day=dt.date(2026, 12, 1)) -> list[dict]:
    case_id = str(uuid.uuid4())
    number = f"{hall}-{window}-{day:%Y%m%d}-{n:04d}"
    at = dt.datetime.combine(day, dt.time(9, 0)).isoformat()
    snapshot = {"number": number, "hall": hall, "window": window, "status": "accepted", "created_at": at,
                "clerk": "zhang", "applicant": {"name": "张三", "id_number": "330402199001011234"},
                "items": [{"code": "X1", "name": "个体工商户设立登记"}]}
    return [{"id": uuid7(), "case_id": case_id, "kind": "received", "at": at, "clerk": "zhang", "window": window,
             "payload": {"status": "received"}, "case": snapshot},
            {"id": uuid7(), "case_id": case_id, "kind": "accepted", "at": at, "clerk": "zhang", "window": window,
             "payload": {"status": "accepted"}}]
