"""The Qt binding must survive a working day of signals.

PySide6 6.12.0 on Python 3.11 drops a reference to ``True`` on every SignalInstance.emit()
and disconnect() called from Python; after a few hundred the interpreter aborts. The window
emits on every keystroke, so such a binding would crash a clerk's session within minutes.
"""

import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QObject, Signal
class A(QObject):
    s = Signal(str)
a = A()
before = sys.getrefcount(True)
for _ in range(5000):
    a.s.connect(print)
    a.s.disconnect(print)
    a.s.emit("x")
print(sys.getrefcount(True) - before)
"""


def test_signals_do_not_leak_references_to_true():
    p = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, "the Qt binding aborted the interpreter: " + p.stderr[-300:]
    assert abs(int(p.stdout.strip())) < 50
