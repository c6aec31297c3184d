"""The platform's database listeners belong to its own app: other databases
in the same process (a second app, a script's own SQLite file) keep their
settings, and their commits do not touch the platform's stored pages."""
from conftest import make_event
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session


def pragmas(connection) -> tuple:
    return (connection.exec_driver_sql("PRAGMA journal_mode").scalar(),
            connection.exec_driver_sql("PRAGMA foreign_keys").scalar())


def test_only_the_apps_own_sqlite_databases_get_its_pragmas(app, make_app, tmp_path):
    second = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'second.sqlite'}")
    with second.app_context():
        from dialogplatform.extensions import db

        with db.engine.connect() as connection:
            assert pragmas(connection) == ("wal", 1)

    # A script's own database: switching it to WAL would leave a -wal file
    # beside it for good, and foreign keys would start to fail its inserts.
    other = create_engine(f"sqlite:///{tmp_path / 'other.sqlite'}")
    with other.connect() as connection:
        assert pragmas(connection) == ("delete", 0)
    other.dispose()


def test_a_commit_to_another_database_leaves_the_stored_pages(app, db, people, tmp_path):
    make_event(people.municipality, "themenabend")
    visitor = app.test_client
    visitor().get("/testort/")
    assert visitor().get("/testort/").headers.get("X-Page-Cache") == "hit"

    other = create_engine(f"sqlite:///{tmp_path / 'other.sqlite'}")
    with Session(other) as session:
        session.execute(text("CREATE TABLE note (body TEXT)"))
        session.execute(text("INSERT INTO note VALUES ('a script of its own')"))
        session.commit()
    other.dispose()
    assert visitor().get("/testort/").headers.get("X-Page-Cache") == "hit"

    people.municipality.name = "Neustadt am Test"
    db.session.commit()
    after = visitor().get("/testort/")
    assert "X-Page-Cache" not in after.headers
    assert "Neustadt am Test" in after.get_data(as_text=True)
