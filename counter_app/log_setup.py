"""The app's log, configured once per process: a rotating file ``logs/counter.log`` in the data
folder (1 MB, five old files kept), made only when something is first written.

Personal data is never logged in the first place (modules log case numbers, kinds and counts,
never a person). As a safety net for messages made from exceptions (a driver's or a library's
text may quote a value), every record passes a filter that masks what looks like a resident ID
number or a mainland mobile number before it is written.
"""

from __future__ import annotations

import logging
import re
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from counter_app.domain import id_number

LOG_DIR, LOG_FILE = "logs", "counter.log"
MAX_BYTES, BACKUPS = 1_000_000, 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_ID = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}[01]\d[0-3]\d{4}[\dXx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_handler: logging.Handler | None = None


def redact(text: str) -> str:
    """``11010519491231002X`` → ``110105**********2X`` (as on receipts), ``13800000000`` → ``138****0000``."""
    text = _ID.sub(lambda m: id_number.mask(m.group(0)), text)
    return _MOBILE.sub(lambda m: m.group(0)[:3] + "****" + m.group(0)[-4:], text)


class _Redacting(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args = redact(message), None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class _FolderOnFirstWrite(RotatingFileHandler):
    """Opens (and makes the folder of) the file at the first record, not at start."""

    def _open(self):
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()


def configure(data_dir: Path, *, level: int = logging.INFO) -> Path:
    """Sends this process's log to ``<data_dir>/logs/counter.log``; a second call moves it (the
    demo's data folder is known only after start). Returns the file's path."""
    global _handler
    path = Path(data_dir) / LOG_DIR / LOG_FILE
    root = logging.getLogger()
    if _handler is not None:
        if Path(_handler.baseFilename) == path.resolve():
            return path
        root.removeHandler(_handler)
        _handler.close()
    _handler = _FolderOnFirstWrite(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
    _handler.setFormatter(logging.Formatter(FORMAT))
    _handler.addFilter(_Redacting())
    root.addHandler(_handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.WARNING)     # not a line per migration step at every start
    logging.captureWarnings(True)
    if sys.excepthook is sys.__excepthook__:
        sys.excepthook = _log_uncaught
    return path


def _log_uncaught(kind, value, tb) -> None:
    """An exception nobody caught (a Qt slot's, or the program's end) goes to the log too."""
    logging.getLogger("counter_app").error("uncaught", exc_info=(kind, value, tb))
    sys.__excepthook__(kind, value, tb)
