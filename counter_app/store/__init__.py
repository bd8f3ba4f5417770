"""The window's local database: SQLAlchemy 2 on SQLite in WAL mode."""
