"""``counter-app card decode`` and ``card read --reader simulator``: JSON out, or exit 1 with one line."""

import io
import json

from counter_app.cards.samples import sample, variant
from counter_app.cli import main


def run(capsys, *argv, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_decode_file_prints_json(tmp_path, capsys):
    f = tmp_path / "card.hex"
    f.write_text(sample("foreign_2023").text.hex(), encoding="ascii")
    code, out, err = run(capsys, "card", "decode", str(f))
    assert code == 0 and err == ""
    j = json.loads(out)
    assert j["card_type"] == "foreign_2023"
    assert j["nationality"] == "西班牙" and j["sex"] == "女"
    assert j["birth_date"] == "1990-03-12"


def test_decode_from_standard_input(capsys, monkeypatch):
    code, out, _ = run(capsys, "card", "decode", "-", stdin=sample("resident").text.hex(" "),
                       monkeypatch=monkeypatch)
    assert code == 0
    j = json.loads(out)
    assert (j["name"], j["ethnicity"], j["valid_until"]) == ("李秀英", "汉", None)


def test_undecodable_record_exits_1_with_one_line(capsys, monkeypatch):
    broken = variant(sample("resident"), id_number="110105194912310021").text   # check digit off by one
    code, out, err = run(capsys, "card", "decode", "-", stdin=broken.hex(), monkeypatch=monkeypatch)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "校验位" in err


def test_truncated_record_in_english(capsys, monkeypatch):
    code, _, err = run(capsys, "card", "decode", "--lang", "en", "-",
                       stdin=sample("resident").text[:100].hex(), monkeypatch=monkeypatch)
    assert code == 1
    assert err.strip() == "The card record has the wrong length (100 bytes, expected 256); " \
                          "the read may be incomplete. Place the card again."


def test_missing_file_exits_1(tmp_path, capsys):
    code, _, err = run(capsys, "card", "decode", str(tmp_path / "nope.hex"))
    assert code == 1 and "nope.hex" in err


def test_read_from_the_simulator(tmp_path, capsys):
    code, out, _ = run(capsys, "card", "read", "--reader", "simulator:expired", "--data-dir", str(tmp_path))
    assert code == 0
    j = json.loads(out)
    assert j["name"] == "陈志强" and j["warnings"] == ["expired"]


def test_read_with_a_missing_profile_folder_says_so(tmp_path, capsys):
    code, _, err = run(capsys, "card", "read", "--reader-profiles", str(tmp_path / "none"),
                       "--data-dir", str(tmp_path))
    assert code == 1
    assert "读卡器配置目录不存在" in err
