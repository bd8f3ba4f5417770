"""argparse's own words (``usage:``, ``options``, its error messages) in the user's language.

argparse translates through ``gettext``, but only process-wide and only from compiled ``.mo``
catalogs, which Python ships for no language. So while the command line is built and parsed,
:func:`localized` points argparse's ``_`` at our translations: each message id is a key
``argparse:<msgid>`` in ``resources/translations/cli.json``. An id without a translation (a
newer Python may word one differently) stays in English, which is what argparse prints anyway.
"""

from __future__ import annotations

import argparse
from contextlib import contextmanager

from counter_app.i18n import LANGUAGES, Translator


def language_in(argv: list[str]) -> str | None:
    """The ``--lang`` given on the command line, before parsing (help is printed while parsing)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            return arg[7:]
    return None


_current = [Translator()]


def word(key: str, **params) -> str:
    """A message of ours that argparse prints (a type check's complaint), in the language being parsed."""
    return _current[-1](key, **params)


@contextmanager
def localized(tr: Translator):
    def words(message):
        if message is None:
            return None
        key = "argparse:" + message
        return tr(key) if tr.language != "en" and tr.has(key) else message   # the ids are argparse's English

    before = argparse._
    argparse._ = words
    _current.append(tr)
    try:
        yield
    finally:
        argparse._ = before
        _current.pop()
