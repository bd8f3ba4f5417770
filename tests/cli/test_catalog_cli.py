import json
import subprocess
import sys

from tests.conftest import MINI_CATALOG


def run(*args, check=True):
    p = subprocess.run([sys.executable, "-m", "counter_app", *map(str, args)], capture_output=True, text=True)
    if check:
        assert p.returncode == 0, p.stderr
    return p


def test_import_search_export(tmp_path):
    d = tmp_path / "st"
    out = run("catalog", "import", MINI_CATALOG, "--data-dir", d).stdout
    assert "6 个事项" in out
    hits = json.loads(run("catalog", "search", "gtgsh", "--json", "--data-dir", d).stdout)
    assert hits[0]["code"] == "000131128000"
    assert set(hits[0]) >= {"code", "name", "department", "score"}
    assert hits[0]["department"] == "市场监督管理局"
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    limited = json.loads(run("catalog", "search", "登记", "--json", "--limit", "1", "--data-dir", d).stdout)
    assert len(limited) == 1
    run("catalog", "export", tmp_path / "x.json", "--data-dir", d)
    assert json.loads((tmp_path / "x.json").read_text(encoding="utf-8")) == json.loads(MINI_CATALOG.read_text(encoding="utf-8"))


def test_bad_catalog_is_explained_in_chinese_and_english(tmp_path):
    d = tmp_path / "st"
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "counter-catalog/1", "version": "1", "departments": [], "items": [{"code": "A1"}]}',
                   encoding="utf-8")
    p = run("catalog", "import", bad, "--data-dir", d, check=False)
    assert p.returncode == 2
    assert "未做任何更改" in p.stderr and "items[A1].name" in p.stderr
    p = run("catalog", "import", bad, "--data-dir", d, "--lang", "en", check=False)
    assert "nothing was changed" in p.stderr


def test_search_before_import_and_empty_query(tmp_path):
    d = tmp_path / "st"
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert run("catalog", "import", bad, "--data-dir", d, check=False).returncode == 2   # creates the station
    p = run("catalog", "search", "gt", "--data-dir", d, check=False)
    assert p.returncode == 2 and "尚未导入事项目录" in p.stderr
    run("catalog", "import", MINI_CATALOG, "--data-dir", d)
    p = run("catalog", "search", "  ", "--data-dir", d, check=False)
    assert p.returncode == 2 and "请输入" in p.stderr


def test_read_only_commands_with_a_mistyped_data_dir_create_nothing(tmp_path):
    d = tmp_path / "st"
    run("catalog", "import", MINI_CATALOG, "--data-dir", d)
    typo = tmp_path / "sst"
    p = run("catalog", "search", "gt", "--data-dir", typo, check=False)
    assert p.returncode == 2 and "没有站点数据库" in p.stderr and str(typo) in p.stderr
    p = run("catalog", "export", tmp_path / "x.json", "--data-dir", typo, "--lang", "en", check=False)
    assert p.returncode == 2 and "no station database" in p.stderr
    assert not typo.exists() and not (tmp_path / "x.json").exists()


def test_no_match_is_not_an_error_in_text_or_json(tmp_path):
    d = tmp_path / "st"
    run("catalog", "import", MINI_CATALOG, "--data-dir", d)
    p = run("catalog", "search", "qqqqzzz", "--data-dir", d)
    assert "没有找到" in p.stdout
    assert json.loads(run("catalog", "search", "qqqqzzz", "--json", "--data-dir", d).stdout) == []


def test_broken_files_are_explained_without_a_traceback(tmp_path):
    d = tmp_path / "st"
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 200_000, encoding="utf-8")
    p = run("catalog", "import", deep, "--data-dir", d, check=False)
    assert p.returncode == 2 and "Traceback" not in p.stderr and "嵌套层级过深" in p.stderr
    cut = tmp_path / "cut.json"
    cut.write_text('{"format": "counter-catalog/1",\n "items": [', encoding="utf-8")
    p = run("catalog", "import", cut, "--data-dir", d, check=False)
    assert p.returncode == 2 and "第2行第12列" in p.stderr and "Expecting" not in p.stderr
    p = run("catalog", "import", cut, "--data-dir", d, "--lang", "en", check=False)
    assert "line 2, column 12: a value was expected" in p.stderr


def test_a_gbk_export_imports(tmp_path):
    gbk = tmp_path / "gbk.json"
    gbk.write_bytes(MINI_CATALOG.read_text(encoding="utf-8").encode("gbk"))
    d = tmp_path / "st"
    assert "6 个事项" in run("catalog", "import", gbk, "--data-dir", d).stdout
    assert json.loads(run("catalog", "search", "个体户开业", "--json", "--data-dir", d).stdout)[0]["name"] == "个体工商户设立登记"


def test_admin_adds_a_supervisor_whose_pin_is_stored_hashed_outside_station_json(tmp_path):
    import subprocess
    import sys

    d = tmp_path / "st"
    p = subprocess.run([sys.executable, "-m", "counter_app", "supervisor", "add", "王科长", "--pin-stdin",
                        "--data-dir", str(d)], input="246813\n", capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert "246813" not in (d / "supervisors.json").read_text(encoding="utf-8")
    assert not (d / "station.json").exists() or "王科长" not in (d / "station.json").read_text(encoding="utf-8")
    assert run("supervisor", "list", "--data-dir", d).stdout.split() == ["王科长"]
    p = subprocess.run([sys.executable, "-m", "counter_app", "supervisor", "add", "李", "--pin-stdin",
                        "--data-dir", str(d)], input="2468\n", capture_output=True, text=True)
    assert p.returncode == 2 and "至少 6 位数字" in p.stderr
