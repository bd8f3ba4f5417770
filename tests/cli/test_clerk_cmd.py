"""``counter-app clerk add/remove/list``: a station without a central server gets sign-in accounts."""

import io
import stat

from counter_app.cli import main
from counter_app.sync import clerk_signin


def test_add_list_remove_and_the_window_then_asks_for_a_sign_in(tmp_path, monkeypatch, capsys):
    d = str(tmp_path)
    assert not clerk_signin.needs_sign_in(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["clerk", "add", "zhang", "--password-stdin", "--data-dir", d]) == 2
    assert "8" in capsys.readouterr().err                     # too short: said why
    monkeypatch.setattr("sys.stdin", io.StringIO("zhang-pass-1\n"))
    assert main(["clerk", "add", "zhang", "--name", "张敏", "--password-stdin", "--data-dir", d]) == 0
    assert clerk_signin.needs_sign_in(tmp_path)
    path = tmp_path / clerk_signin.FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and "zhang-pass-1" not in path.read_text(encoding="utf-8")
    assert clerk_signin.sign_in(tmp_path, "zhang", "zhang-pass-1").name == "张敏"
    capsys.readouterr()
    assert main(["clerk", "list", "--data-dir", d]) == 0
    assert capsys.readouterr().out.split() == ["zhang", "张敏", "clerk"]
    assert main(["clerk", "remove", "zhang", "--data-dir", d]) == 0
    assert main(["clerk", "remove", "zhang", "--data-dir", d]) == 2
    assert not clerk_signin.needs_sign_in(tmp_path)
