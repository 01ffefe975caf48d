"""Persistence: SQLAlchemy 2 (async) models and Alembic migrations."""
