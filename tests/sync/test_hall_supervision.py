"""The hall's supervision on the central server (POST /api/v1/halls/{hall}/supervision): the figures
of every window that synced, equal to the sum of each window's own report; supervisors only."""

import datetime as dt
import json
from collections import Counter

from counter_app.central import admin
from tests.central.conftest import enrol


def _local(station, capsys, start, end) -> dict:
    capsys.readouterr()
    assert station.run("report", "--from", start, "--to", end, "--json") == 0
    return json.loads(capsys.readouterr().out)


def test_the_hall_report_sums_every_windows_report_and_only_a_supervisor_reads_it(station, db, live, capsys):
    w1, w2 = station("W01"), station("W02")
    assert w1.run("demo", "cases", "--count", 12, "--days-back", 4, "--seed", 1, "--ratings") == 0
    assert w2.run("demo", "cases", "--count", 7, "--days-back", 2, "--seed", 2, "--ratings") == 0
    w1.sync(capsys)
    w2.sync(capsys)
    today = dt.date.today()
    start, end = (today - dt.timedelta(days=10)).isoformat(), today.isoformat()
    mine = [_local(w, capsys, start, end) for w in (w1, w2)]
    assert [m["cases"] for m in mine] == [12, 7]

    admin.add_clerk(db, "wang", hall="330402001", role="supervisor", password="super-pass-1", name="王主任")
    admin.add_clerk(db, "li", hall="330402001", role="clerk", password="clerk-pass-1", name="李")
    client = enrol(db, live.url, window="W09")
    ask = {"from": start, "to": end}
    url = "/api/v1/halls/330402001/supervision"
    assert client.post(url, json={**ask, "login": "li", "password": "clerk-pass-1"}).status_code == 403
    assert client.post(url, json={**ask, "login": "wang", "password": "wrong"}).status_code == 401
    other = enrol(db, live.url, hall="330411002")
    assert other.post(url, json={**ask, "login": "wang", "password": "super-pass-1"}).status_code == 403
    reply = client.post(url, json={**ask, "login": "wang", "password": "super-pass-1"})
    assert reply.status_code == 200, reply.text
    hall = reply.json()
    assert hall["cases"] == 19 and hall["by_window"] == {"W01": 12, "W02": 7}
    for key in ("by_outcome", "by_department", "ratings"):
        assert hall[key] == dict(sum((Counter(m[key]) for m in mine), Counter())) | \
            {k: 0 for k in hall[key] if not any(m[key].get(k) for m in mine)}, key
    assert hall["overdue"] == sum(m["overdue"] for m in mine)
    assert sum(hall["ratings"].values()) > 10
    assert client.post(url, json={"from": end, "to": start, "login": "wang",
                                  "password": "super-pass-1"}).status_code == 400
