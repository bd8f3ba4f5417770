"""What a new hall admin hit at the command line: messages, not tracebacks; Chinese help."""

import json
import shutil
import socket
import subprocess
import sys

import pytest

from tests.conftest import MINI_CATALOG


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "counter_app", *map(str, args)], input=stdin,
                          capture_output=True, text=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_help_is_chinese_by_default_and_english_with_lang_en():
    zh = run("--help")
    assert zh.returncode == 0
    assert "用法：" in zh.stdout and "显示本帮助并退出" in zh.stdout and "站点数据目录" in zh.stdout
    assert "usage:" not in zh.stdout and "show this help" not in zh.stdout
    sub = run("catalog", "search", "--help")
    assert "最多显示几条" in sub.stdout and "选项" in sub.stdout
    en = run("catalog", "search", "--help", "--lang", "en")
    assert "usage:" in en.stdout and "at most this many results" in en.stdout
    assert not any("\u4e00" <= c <= "\u9fff" for c in en.stdout)
    err = run("catalog", "search")
    assert err.returncode == 2 and "缺少以下参数" in err.stderr and "错误" in err.stderr


@pytest.mark.parametrize("limit", ["0", "-1", "x"])
def test_search_limit_below_one_is_refused_not_one_result(tmp_path, limit):
    d = tmp_path / "st"
    assert run("catalog", "import", MINI_CATALOG, "--data-dir", d).returncode == 0
    p = run("catalog", "search", "登记", "--limit", limit, "--data-dir", d)
    assert p.returncode == 2 and "--limit" in p.stderr and "不小于 1" in p.stderr and p.stdout == ""
    p = run("catalog", "search", "登记", "--limit", "2", "--json", "--data-dir", d)
    assert len(json.loads(p.stdout)) == 2


def test_sample_out_to_an_existing_file_or_a_bad_path_is_a_message(tmp_path):
    f = tmp_path / "a.pdf"
    f.write_bytes(b"keep me")
    p = run("documents", "sample", "--out", f)
    assert p.returncode == 2 and "Traceback" not in p.stderr and "不是目录" in p.stderr
    assert f.read_bytes() == b"keep me"
    p = run("documents", "sample", "--out", f / "sub", "--lang", "en")
    assert p.returncode == 2 and "Traceback" not in p.stderr and "Cannot write" in p.stderr
    p = run("documents", "sample", "--out", "/proc/no-such-place")
    assert p.returncode == 2 and "Traceback" not in p.stderr and "无法写入" in p.stderr


def test_reprint_of_an_unknown_number_names_it_without_a_star(tmp_path):
    p = run("documents", "reprint", "330402001-W01-20261127-0777", "--data-dir", tmp_path)
    assert p.returncode == 2 and "330402001-W01-20261127-0777" in p.stderr and "*" not in p.stderr


def test_sample_print_without_a_printer_says_it_once_and_claims_no_saved_case(tmp_path):
    d = tmp_path / "st"
    d.mkdir()
    (d / "station.json").write_text(json.dumps({"escpos_target": f"tcp:127.0.0.1:{free_port()}", "paper": "80mm"}),
                                    encoding="utf-8")
    p = run("documents", "sample", "--out", tmp_path / "out", "--print", "--data-dir", d)
    assert p.returncode == 75
    assert p.stderr.count("无法连接打印机") == 1, p.stderr
    assert "办件已保存" not in p.stdout + p.stderr
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 6          # the PDFs are written all the same


def _read_only(folder, command: str):
    """Run ``command`` with ``folder`` mounted read-only (root ignores permission bits)."""
    if shutil.which("unshare") is None:
        pytest.skip("no unshare")
    script = f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && {command}"
    p = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True)
    if "mount:" in p.stderr or "unshare:" in p.stderr:
        pytest.skip("cannot mount read-only here: " + p.stderr.strip()[:100])
    return p


def test_a_read_only_data_folder_gets_the_same_message_from_the_window_and_the_command_line(tmp_path):
    d = tmp_path / "st"
    assert run("catalog", "import", MINI_CATALOG, "--data-dir", d).returncode == 0
    window = (f"{sys.executable} -c \"from counter_app.gui.app import open_context; from counter_app.i18n import "
              f"Translator; from counter_app.errors import UserError\ntry: open_context('{d}', Translator())\n"
              f"except UserError as e: print(Translator().error(e))\"")
    shown = _read_only(d, window).stdout.strip()
    assert "只读" in shown and "损坏" not in shown
    search = _read_only(d, f"{sys.executable} -m counter_app catalog search gtgsh --data-dir {d}")
    assert search.returncode == 2 and search.stderr.strip() == shown
    add = _read_only(d, f"echo 246813 | {sys.executable} -m counter_app supervisor add 王科长 --pin-stdin "
                        f"--data-dir {d}")
    assert add.returncode == 2 and add.stderr.strip() == shown and "Traceback" not in add.stderr
