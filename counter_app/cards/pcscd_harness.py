"""A private pcscd with the vsmartcard-vpcd driver, for tests and ``bench/`` (not the product).

pcscd's socket and pid file are fixed at ``/run/pcscd``; a second pcscd (a station's own, or
another engineer's test run on the same machine) would collide with ours. So, when the
kernel allows it (root: ``unshare --mount``), pcscd runs in its own mount namespace with a
private directory bound over ``/run/pcscd``, and its vpcd readers listen on free ports from
a private ``reader.conf.d``. Clients find it through ``PCSCLITE_CSOCK_NAME``, which the
constructor sets: libpcsclite reads that variable once, at the first PC/SC call of the
process, so create the harness before anything else touches PC/SC.

Without namespaces it falls back to the shared ``/run/pcscd``, which only works when no
other pcscd runs; :class:`HarnessUnavailable` says why otherwise. A pcscd left over from an
earlier (killed) run is harmless: it lives in its own namespace on other ports, and it was
started with "die with my parent" so it normally does not outlive the run at all.
"""

from __future__ import annotations

import atexit
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
SYSTEM_RUN_DIR = Path("/run/pcscd")
READER_NAME = "Virtual PCD"
SLOTS = 2   # vpcd offers two readers per entry: port and port + 1


class HarnessUnavailable(RuntimeError):
    pass


def _die_with_parent() -> None:   # runs in the child before exec
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
    except OSError:
        pass


def _free_port_pair() -> int:
    for _ in range(200):
        with socket.socket() as s:
            s.bind(("0.0.0.0", 0))
            port = s.getsockname()[1]
        if port + 1 > 65535:
            continue
        try:
            with socket.socket() as s2:
                s2.bind(("0.0.0.0", port + 1))
            return port
        except OSError:
            continue
    raise HarnessUnavailable("no free port pair for vpcd")


def _can_unshare() -> bool:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    return subprocess.run(["unshare", "--mount", "true"], capture_output=True).returncode == 0


class Pcscd:
    """``start()``, ``stop()``, ``kill()`` (SIGKILL, like a crash), ``restart()``."""

    def __init__(self, workdir: Path | None = None) -> None:
        if shutil.which("pcscd") is None or not VPCD_DRIVER.exists():
            raise HarnessUnavailable("pcscd and vsmartcard-vpcd are not installed "
                                     "(apt-get install pcscd vsmartcard-vpcd)")
        self._own_workdir = workdir is None
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="pcscd-harness-"))
        self.private = _can_unshare()
        self.run_dir = self.workdir / "run" if self.private else SYSTEM_RUN_DIR
        self.conf_dir = self.workdir / "reader.conf.d"
        self.log_path = self.workdir / "pcscd.log"
        self.port = _free_port_pair()
        self.readers = tuple(f"{READER_NAME} 00 {i:02d}" for i in range(SLOTS))
        self.proc: subprocess.Popen | None = None
        self.conf_dir.mkdir(parents=True, exist_ok=True)
        (self.conf_dir / "vpcd").write_text(
            f'FRIENDLYNAME "{READER_NAME}"\nDEVICENAME /dev/null:0x{self.port:04X}\n'
            f"LIBPATH {VPCD_DRIVER}\nCHANNELID 0x{self.port:04X}\n", encoding="ascii")
        os.environ["PCSCLITE_CSOCK_NAME"] = str(self.run_dir / "pcscd.comm")
        atexit.register(self.close)

    @property
    def socket_path(self) -> Path:
        return self.run_dir / "pcscd.comm"

    def slot_port(self, slot: int = 0) -> int:
        return self.port + slot

    def _command(self) -> list[str]:
        pcscd = ["pcscd", "--foreground", "--info", "-c", str(self.conf_dir)]
        if not self.private:
            return pcscd
        script = 'mkdir -p /run/pcscd && mount --bind "$0" /run/pcscd && exec "$@"'
        return ["unshare", "--mount", "--propagation", "private", "sh", "-c", script,
                str(self.run_dir), *pcscd]

    def start(self, timeout: float = 10.0) -> None:
        if self.running:
            return
        if not self.private and (SYSTEM_RUN_DIR / "pcscd.comm").exists() and _pid_alive(SYSTEM_RUN_DIR):
            raise HarnessUnavailable("another pcscd is running and mount namespaces are not "
                                     "available to run a private one")
        if self.private:
            shutil.rmtree(self.run_dir, ignore_errors=True)
            self.run_dir.mkdir(parents=True)
            SYSTEM_RUN_DIR.mkdir(parents=True, exist_ok=True)   # the mount point
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(self._command(), stdout=log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent)
        log.close()
        self._wait_ready(timeout)

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise HarnessUnavailable(f"pcscd exited at start: {self.log_tail()}")
            if self.socket_path.exists() and _listening(self.port) and _listening(self.port + 1):
                return
            time.sleep(0.02)
        raise HarnessUnavailable(f"pcscd did not become ready: {self.log_tail()}")

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        self._end(signal.SIGTERM)

    def close(self) -> None:
        """Stop pcscd and remove the working directory the harness made."""
        self.stop()
        if self._own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def kill(self) -> None:
        self._end(signal.SIGKILL)

    def restart(self) -> None:
        self.kill()
        self.start()

    def _end(self, sig: int) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(sig)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)

    def log_tail(self, n: int = 2000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-n:]
        except OSError:
            return ""


def _listening(port: int) -> bool:
    """True when vpcd listens on ``port``; checked without connecting (that would place a card)."""
    suffix = f":{port:04X}"
    try:
        with open("/proc/net/tcp") as f:
            rows = [line.split() for line in f][1:]
        return any(r[1].endswith(suffix) and r[3] == "0A" for r in rows)
    except OSError:
        return True


def _pid_alive(run_dir: Path) -> bool:
    try:
        pid = int((run_dir / "pcscd.pid").read_text().strip())
        os.kill(pid, 0)
        return True
    except (OSError, ValueError):
        return False
