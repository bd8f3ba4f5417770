"""Printing through CUPS with ``lp`` (Debian package cups-client; cups-bsd adds ``lpr``).

``lp(queue, data)`` submits a PDF (CUPS filters it for the printer's driver) or, with
``raw=True``, bytes the printer understands as they are (ESC/POS through a raw queue). An
empty queue name uses the system's default destination.

CUPS stops a queue whose printer failed (off, unplugged, out of paper) and keeps jobs
waiting; a job sent to a stopped queue would print at some unknown later moment and the
clerk would print again. So a stopped queue is reported *before* submitting, and the clerk
reprints from the archive once the printer is back.
"""

from __future__ import annotations

import os
import re
import subprocess

from counter_app.errors import NEEDS_USER, PERMANENT, TRANSIENT, UserError

TIMEOUT = 20


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["LC_ALL"] = "C"          # messages we parse
    return env


def _run(args: list[str], data: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(args, input=data, capture_output=True, timeout=TIMEOUT, env=_env())
    except FileNotFoundError:
        raise UserError("printer.cups_missing", kind=PERMANENT) from None
    except subprocess.TimeoutExpired:
        raise UserError("printer.cups_down", kind=TRANSIENT) from None


def queue_state(queue: str) -> str:
    """"idle", "printing", "disabled" or "unknown" (``lpstat -p``)."""
    proc = _run(["lpstat", "-p", queue])
    out = proc.stdout.decode("utf-8", "replace")
    m = re.search(rf"printer {re.escape(queue)} (?:is )?(idle|now printing|disabled)", out)
    if not m:
        return "unknown"
    return {"now printing": "printing"}.get(m.group(1), m.group(1))


def lp(queue: str, data: bytes, *, raw: bool = False, title: str = "", copies: int = 1) -> str:
    """Submit ``data`` to ``queue``; return the CUPS job id (e.g. ``testraw-12``)."""
    where = queue or "default"
    if queue and queue_state(queue) == "disabled":
        raise UserError("printer.cups_stopped", kind=NEEDS_USER, queue=queue)
    args = ["lp"]
    if queue:
        args += ["-d", queue]
    if title:
        args += ["-t", title]
    if copies > 1:
        args += ["-n", str(copies)]
    if raw:
        args += ["-o", "raw"]
    proc = _run(args, data)
    if proc.returncode == 0:
        m = re.search(r"request id is (\S+)", proc.stdout.decode("utf-8", "replace"))
        return m.group(1) if m else ""
    err = proc.stderr.decode("utf-8", "replace").strip()
    low = err.lower()
    if "does not exist" in low or "not found" in low and "destination" in low:
        raise UserError("printer.cups_unknown_queue", kind=NEEDS_USER, queue=where)
    if "no default destination" in low:
        raise UserError("printer.cups_no_default", kind=NEEDS_USER)
    if "not accepting" in low:
        raise UserError("printer.cups_stopped", kind=NEEDS_USER, queue=where)
    if "scheduler" in low or "connect" in low or "server" in low:
        raise UserError("printer.cups_down", kind=TRANSIENT)
    raise UserError("printer.cups_failed", kind=TRANSIENT, queue=where, detail=err.splitlines()[-1][:200]
                    if err else f"lp exit {proc.returncode}")
