"""The central API over real HTTP on 127.0.0.1, on SQLite and on PostgreSQL."""

import httpx
import pytest
from sqlalchemy import func, select

from counter_app.central import admin
from counter_app.central.models import CaseEvent
from tests.central.conftest import enrol
from tests.central.entries import new_case


def event_count(db) -> int:
    with db.transaction() as s:
        return s.scalar(select(func.count()).select_from(CaseEvent))


def test_openapi_lists_the_versioned_routes(live):
    paths = httpx.get(f"{live.url}/openapi.json").json()["paths"]
    assert {"/api/v1/enrol", "/api/v1/events", "/api/v1/changes", "/api/v1/signin"} <= set(paths)
    assert all(p.startswith("/api/v1/") for p in paths)


def test_enrolment_code_works_once_and_every_call_needs_the_credential(db, live):
    code, _ = admin.new_enrolment_code(db, hall="330402001", window="W02")
    first = httpx.post(f"{live.url}/api/v1/enrol", json={"code": code.lower().replace("-", " ")})
    assert first.status_code == 200
    assert first.json()["hall_code"] == "330402001" and first.json()["window_code"] == "W02"
    assert httpx.post(f"{live.url}/api/v1/enrol", json={"code": code}).status_code == 403
    assert httpx.get(f"{live.url}/api/v1/changes").status_code == 401
    assert httpx.get(f"{live.url}/api/v1/changes", headers={"Authorization": "Bearer nope"}).status_code == 401
    me = httpx.get(f"{live.url}/api/v1/me", headers={"Authorization": f"Bearer {first.json()['token']}"})
    assert me.json()["window_code"] == "W02"


def test_push_applies_then_a_resend_is_duplicate_and_nothing_is_stored_twice(db, live):
    client = enrol(db, live.url)
    entries = new_case(1) + new_case(2)
    first = client.post("/api/v1/events", json={"entries": entries}).json()
    assert [r["result"] for r in first["results"]] == ["applied"] * 4
    again = client.post("/api/v1/events", json={"entries": entries}).json()
    assert (again["applied"], again["duplicates"], again["rejected"]) == (0, 4, 0)
    assert event_count(db) == 4
    cases = admin.cases_of_hall(db, "330402001")
    assert [c["number"] for c in cases] == ["330402001-W01-20261201-0001", "330402001-W01-20261201-0002"]
    assert {c["status"] for c in cases} == {"accepted"}


def test_a_reused_event_id_with_other_content_is_rejected_with_a_reason(db, live):
    client = enrol(db, live.url)
    entries = new_case(1)
    client.post("/api/v1/events", json={"entries": entries})
    forged = dict(entries[1], payload={"status": "withdrawn"})
    reply = client.post("/api/v1/events", json={"entries": [forged]}).json()
    assert reply["results"] == [{"id": forged["id"], "result": "rejected", "reason": "id_reused"}]
    assert admin.cases_of_hall(db, "330402001")[0]["status"] == "accepted"


def test_bad_entries_are_rejected_one_by_one_and_the_rest_applied(db, live):
    client = enrol(db, live.url)
    good = new_case(1)
    orphan = dict(new_case(2)[1])           # a status event for a case the server never got
    other_hall = new_case(3, hall="330411002")[0]
    reply = client.post("/api/v1/events", json={"entries": [*good, orphan, other_hall, {"id": "x"}]}).json()
    assert [(r["result"], r.get("reason")) for r in reply["results"]] == [
        ("applied", None), ("applied", None), ("rejected", "unknown_case"), ("rejected", "wrong_hall"),
        ("rejected", "bad_id")]
    assert event_count(db) == 2


def test_idempotency_key_replays_the_stored_reply_and_refuses_another_body(db, live):
    client = enrol(db, live.url)
    entries = new_case(1)
    headers = {"Idempotency-Key": "batch-1"}
    first = client.post("/api/v1/events", json={"entries": entries}, headers=headers)
    replay = client.post("/api/v1/events", json={"entries": entries}, headers=headers)
    assert replay.status_code == 200 and replay.json() == first.json()
    assert replay.headers.get("Idempotent-Replayed") == "true"
    assert [r["result"] for r in replay.json()["results"]] == ["applied", "applied"]
    other = client.post("/api/v1/events", json={"entries": new_case(2)}, headers=headers)
    assert other.status_code == 422
    assert event_count(db) == 2
    assert len(admin.cases_of_hall(db, "330402001")) == 1


def test_idempotency_key_still_in_progress_is_409(db, live):
    client = enrol(db, live.url)
    device = client.get("/api/v1/me").json()["device_id"]
    keeper = live.server.config.app.state.keeper
    with keeper.hold(device, "batch-1"), db.transaction() as s:   # another request of this window, running
        keeper.claim(s, device, "batch-1")
        busy = client.post("/api/v1/events", json={"entries": new_case(1)}, headers={"Idempotency-Key": "batch-1"})
    assert busy.status_code == 409
    assert event_count(db) == 0
    done = client.post("/api/v1/events", json={"entries": new_case(1)}, headers={"Idempotency-Key": "batch-1"})
    assert done.status_code == 200 and done.json()["applied"] == 2


def test_a_device_of_one_hall_is_refused_another_halls_cases(db, live):
    nanhu = enrol(db, live.url, hall="330402001")
    xiuzhou = enrol(db, live.url, hall="330411002")
    nanhu.post("/api/v1/events", json={"entries": new_case(1)})
    xiuzhou.post("/api/v1/events", json={"entries": new_case(1, hall="330411002")})
    assert xiuzhou.get("/api/v1/halls/330402001/cases").status_code == 403
    own = xiuzhou.get("/api/v1/halls/330411002/cases").json()["cases"]
    assert [c["number"] for c in own] == ["330411002-W01-20261201-0001"]
    xiuzhou2 = enrol(db, live.url, hall="330411002", window="W02")
    pulled = xiuzhou2.get("/api/v1/changes").json()["changes"]
    assert {c["number"] for c in pulled} == {"330411002-W01-20261201-0001"}
    forged = new_case(2)[0]      # Xiuzhou trying to write into Nanhu's hall
    assert xiuzhou.post("/api/v1/events", json={"entries": [forged]}).json()["rejected"] == 1


def test_pull_pages_through_every_change_once_and_leaves_out_the_windows_own(db, live):
    writer = enrol(db, live.url)
    client = enrol(db, live.url, window="W02")
    for n in range(1, 8):
        writer.post("/api/v1/events", json={"entries": new_case(n)})
    assert writer.get("/api/v1/changes").json()["changes"] == []
    seen, cursor = [], ""
    while True:
        page = client.get("/api/v1/changes", params={"cursor": cursor, "limit": 3}).json()
        seen += [c["event"]["id"] for c in page["changes"]]
        cursor = page["cursor"]
        if not page["more"]:
            break
    assert len(seen) == len(set(seen)) == 14
    assert client.get("/api/v1/changes", params={"cursor": cursor}).json()["changes"] == []


def test_sign_in_returns_an_offline_verifier_never_the_password(db, live):
    from counter_app.secrets_hash import check_verifier

    admin.add_clerk(db, "zhang", hall="330402001", role="clerk", password="s3cret-pass", name="张敏")
    client = enrol(db, live.url)
    assert client.post("/api/v1/signin", json={"login": "zhang", "password": "wrong-pass"}).status_code == 401
    reply = client.post("/api/v1/signin", json={"login": "zhang", "password": "s3cret-pass"})
    body = reply.json()
    assert body["name"] == "张敏" and body["role"] == "clerk"
    assert "s3cret-pass" not in reply.text
    assert check_verifier(body["verifier"], "s3cret-pass") and not check_verifier(body["verifier"], "s3cret-pasS")
    other = enrol(db, live.url, hall="330411002")   # a clerk signs in only in their own hall
    assert other.post("/api/v1/signin", json={"login": "zhang", "password": "s3cret-pass"}).status_code == 401
