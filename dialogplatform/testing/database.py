"""The test database: chosen by ``DIALOGPLATFORM_TEST_DATABASE_URL``
(e.g. ``postgresql+psycopg://postgres@127.0.0.1:5432/test``), a fresh
SQLite file when unset. Built by the real Alembic migrations once per run,
emptied after every test."""
import os

from sqlalchemy import text

from dialogplatform.extensions import db


def database_url(tmp_path_factory) -> str:
    url = os.environ.get("DIALOGPLATFORM_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


def build_schema():
    """Every migration (core and each installed format's branch) applied to
    an empty database. PostgreSQL keeps its database between runs, so its
    schema is dropped first; SQLite gets a fresh file per run."""
    from dialogplatform.cli import upgrade_database

    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    upgrade_database()


def empty_tables():
    tables = list(reversed(db.metadata.sorted_tables))
    with db.engine.begin() as connection:
        if db.engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())
