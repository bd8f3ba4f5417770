"""``counter-app station set KEY VALUE``: a station configured from a shell, checked like station.json."""

import json

from tests.cli.test_catalog_cli import run


def test_set_hall_window_and_printer_then_show(tmp_path):
    d = tmp_path / "st"
    assert "hall.code = 330402009" in run("station", "set", "hall.code", "330402009", "--data-dir", d).stdout
    run("station", "set", "window", "W07", "--data-dir", d)
    run("station", "set", "printer", "HP LaserJet M406", "--data-dir", d)
    run("station", "set", "demo", "false", "--data-dir", d)
    saved = json.loads((d / "station.json").read_text(encoding="utf-8"))
    assert saved["hall"]["code"] == "330402009" and saved["window"] == "W07"
    assert saved["printer"] == "HP LaserJet M406" and saved["version"] >= 2
    shown = json.loads(run("station", "show", "--json", "--data-dir", d).stdout)
    assert shown["hall.code"] == "330402009" and shown["window"] == "W07"


def test_keys_it_does_not_know_are_kept(tmp_path):
    d = tmp_path / "st"
    d.mkdir()
    (d / "station.json").write_text(json.dumps({"version": 2, "central_url": "https://c.example"}), encoding="utf-8")
    run("station", "set", "window", "W02", "--data-dir", d)
    assert json.loads((d / "station.json").read_text(encoding="utf-8"))["central_url"] == "https://c.example"


def test_a_bad_value_or_key_changes_nothing_and_says_why(tmp_path):
    d = tmp_path / "st"
    run("station", "set", "window", "W03", "--data-dir", d)
    before = (d / "station.json").read_text(encoding="utf-8")
    bad = run("station", "set", "window", "W 3/x", "--data-dir", d, check=False)
    assert bad.returncode == 2 and "window" in bad.stderr and "设置未改变" in bad.stderr
    paper = run("station", "set", "paper", "a3", "--data-dir", d, "--lang", "en", check=False)
    assert paper.returncode == 2 and "nothing was changed" in paper.stderr
    unknown = run("station", "set", "colour", "red", "--data-dir", d, check=False)
    assert unknown.returncode == 2 and "hall.code" in unknown.stderr and "Traceback" not in unknown.stderr
    assert (d / "station.json").read_text(encoding="utf-8") == before
