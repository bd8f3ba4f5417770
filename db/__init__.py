"""Alembic migration chains (``client/``, ...), installed as the package ``counter_app.db`` so
``counter_app.paths.migrations`` finds them through importlib.resources. Not imported otherwise."""
