"""The client's Alembic chain as its scripts in ``db/client/versions`` say, not as a constant
someone must remember to bump: the head revision and the full history, read once per process.

Imports Alembic: the window calls this from the writer thread when it opens the store, never
before its first paint.
"""

from __future__ import annotations

from functools import cache

from counter_app.store.sqlite_file import MIGRATIONS


@cache
def _scripts():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg)


def head_revision() -> str:
    """The newest client revision (the chain is linear: one head)."""
    return _scripts().get_current_head()


def known_revisions() -> tuple[str, ...]:
    """Every client revision, oldest first. A database at a revision not in here was written by
    a newer version of the app and is left untouched."""
    return tuple(reversed([r.revision for r in _scripts().walk_revisions()]))
