"""Write a new client migration by comparing the models with a database at the current head.

    python -m counter_app.store.new_migration REV_ID "what changed"
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config

from counter_app.store.database import MIGRATIONS, upgrade


def main(argv: list[str]) -> int:
    rev_id, message = argv[0], argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "head.db"
        if any((MIGRATIONS / "versions").glob("*.py")):
            upgrade(path)
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
        command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
