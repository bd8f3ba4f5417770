"""A throwaway PostgreSQL cluster for the tests and ``bench/`` (not the product).

Debian's ``postgresql`` package puts its programs under ``/usr/lib/postgresql/<version>/bin``.
The cluster lives in a fresh temporary folder, listens on a free loopback port and on a Unix
socket in that folder only, trusts local connections (nothing else can reach it), and is removed
when stopped. PostgreSQL refuses to run as root, so as root the server runs as the ``postgres``
user (or ``nobody``) that owns the folder.

The postmaster is our direct child with "die with my parent" set, so a killed test run does not
leave a server behind; :meth:`Cluster.stop` (also registered with ``atexit``) shuts it down cleanly.
"""

from __future__ import annotations

import atexit
import ctypes
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SUPERUSER = "counter"


class ClusterUnavailable(RuntimeError):
    pass


def pg_bin_dir() -> Path:
    """The newest installed PostgreSQL's programs, or $COUNTER_PG_BIN."""
    if os.environ.get("COUNTER_PG_BIN"):
        return Path(os.environ["COUNTER_PG_BIN"])
    root = Path("/usr/lib/postgresql")
    versions = sorted((p for p in root.glob("*/bin") if (p / "initdb").exists()),
                      key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
    if not versions:
        raise ClusterUnavailable("PostgreSQL is not installed (apt-get install postgresql; scripts/setup.sh --test)")
    return versions[-1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as() -> pwd.struct_passwd | None:
    """The account the server runs under when we are root; None when we are not."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise ClusterUnavailable("running as root and neither a 'postgres' nor a 'nobody' user exists")


def _child_setup(user: pwd.struct_passwd | None, die_with_parent: bool):
    def setup() -> None:   # runs in the child between fork and exec
        if user is not None:
            os.setgroups([])
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)
        if die_with_parent:   # after setuid: changing credentials clears the parent-death signal
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
    return setup


class Cluster:
    def __init__(self, *, fsync: bool = False) -> None:
        self.bin = pg_bin_dir()
        self.user = _run_as()
        self.fsync = fsync
        self.dir: Path | None = None
        self.port = 0
        self.proc: subprocess.Popen | None = None

    @property
    def host(self) -> str:
        return "127.0.0.1"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["LC_ALL"] = env["LANG"] = "C.UTF-8"
        return env

    def start(self, timeout: float = 30.0) -> "Cluster":
        if self.proc is not None:
            return self
        self.dir = Path(tempfile.mkdtemp(prefix="counter-pg-"))
        data = self.dir / "data"
        if self.user is not None:
            os.chown(self.dir, self.user.pw_uid, self.user.pw_gid)
        setup = _child_setup(self.user, die_with_parent=False)
        done = subprocess.run([str(self.bin / "initdb"), "-D", str(data), "-U", SUPERUSER, "-A", "trust",
                               "-E", "UTF8", "--no-instructions", "-N"],
                              cwd=self.dir, env=self._env(), preexec_fn=setup,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise ClusterUnavailable(f"initdb failed: {done.stderr.strip()[-500:]}")
        self.port = _free_port()
        args = [str(self.bin / "postgres"), "-D", str(data), "-p", str(self.port), "-k", str(self.dir),
                "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200",
                "-c", f"fsync={'on' if self.fsync else 'off'}",
                "-c", "synchronous_commit=" + ("on" if self.fsync else "off"),
                "-c", "full_page_writes=" + ("on" if self.fsync else "off")]
        log = open(self.dir / "server.log", "wb")
        self.proc = subprocess.Popen(args, cwd=self.dir, env=self._env(), stdout=log, stderr=log,
                                     preexec_fn=_child_setup(self.user, die_with_parent=True))
        log.close()
        atexit.register(self.stop)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                text = (self.dir / "server.log").read_text(errors="replace")[-800:]
                self.stop()
                raise ClusterUnavailable(f"postgres exited: {text}")
            if self._ready():
                return self
            time.sleep(0.05)
        self.stop()
        raise ClusterUnavailable("postgres did not accept connections in time")

    def _ready(self) -> bool:
        import psycopg

        try:
            with psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres",
                                 connect_timeout=2):
                return True
        except psycopg.OperationalError:
            return False

    def execute(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, dbname=database,
                             autocommit=True) as con:
            con.execute(sql)

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGINT)     # fast shutdown: roll back open work, exit
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None
