"""The ASGI application uvicorn's worker processes build (``counter-central serve --workers N``).

The database URL comes from ``COUNTER_CENTRAL_DATABASE_URL``; ``serve`` migrated it already,
once, before starting the workers.
"""

from __future__ import annotations

import os

from fastapi import FastAPI

URL_VARIABLE = "COUNTER_CENTRAL_DATABASE_URL"


def create_from_env() -> FastAPI:
    from counter_app.central.app import create_app
    from counter_app.central.database import Database

    return create_app(Database(os.environ[URL_VARIABLE], migrate=False))
