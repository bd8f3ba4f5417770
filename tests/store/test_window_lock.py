"""A second program running the same hall and window on one data folder is told so (issue 14)."""

import signal
import subprocess
import sys

import pytest

from counter_app.errors import UserError
from counter_app.i18n import Translator
from counter_app.store.window_lock import hold_window

HOLD = ("import sys, time\nfrom counter_app.store.window_lock import hold_window\n"
        "lock = hold_window(sys.argv[1], 'H1', 'W01')\nprint('held', flush=True)\ntime.sleep(600)\n")


@pytest.fixture
def other_program(tmp_path):
    p = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "held"
    yield p
    p.kill()
    p.wait()


def test_a_second_program_with_the_same_window_is_refused_by_name(tmp_path, other_program):
    with pytest.raises(UserError) as err:
        hold_window(tmp_path, "H1", "W01")
    assert err.value.key == "station.window_in_use"
    text = Translator("zh_CN").error(err.value)
    assert "H1" in text and "W01" in text and "另一个" in text
    assert "W01" in Translator("en").error(err.value)
    hold_window(tmp_path, "H1", "W02").release()          # another window code is another window


def test_a_killed_window_leaves_no_stale_lock(tmp_path, other_program):
    other_program.send_signal(signal.SIGKILL)
    other_program.wait()
    hold_window(tmp_path, "H1", "W01").release()


def test_the_lock_is_free_again_after_release(tmp_path):
    hold_window(tmp_path, "H1", "W01").release()
    hold_window(tmp_path, "H1", "W01").release()
