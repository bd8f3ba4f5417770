"""Errors a person must read.

Core code never formats user text itself: it raises :class:`UserError` with a message
key and named parameters; the presenter (GUI or CLI) translates it with
:class:`counter_app.i18n.Translator`. The ``kind`` follows DESIGN.md rule 5.
"""

from __future__ import annotations

from typing import Any

TRANSIENT = "transient"      # retry later (locked database, dead network)
NEEDS_USER = "needs_user"    # the person must fix something (bad input, sign in again)
PERMANENT = "permanent"      # will not succeed as it is


class Label(str):
    """A message key passed as a parameter (a state's or an action's name): the presenter
    translates it into the user's language before putting it into the message."""


class UserError(Exception):
    def __init__(self, key: str, *, kind: str = NEEDS_USER, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.kind = kind
        self.params = params

    def __repr__(self) -> str:  # never include params: they may carry personal data
        return f"UserError({self.key!r}, kind={self.kind!r})"
