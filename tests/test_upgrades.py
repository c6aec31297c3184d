"""Upgrades keep data: from the first revision to the newest, and back one."""
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, inspect, select, text

from dialogplatform.demo import load_demo
from dialogplatform.extensions import db

FIRST_ROWS = [
    "INSERT INTO municipality (slug, name, default_language, languages, contact_email, contact_phone, "
    "contact_address, imprint, privacy_text, privacy_version, colour, created_at) VALUES ('altstadt', "
    "'Altstadt', 'de', '[\"de\", \"ar\"]', 'info@altstadt.example', '', '', '<p>Impressum</p>', '<p>DS</p>', 1, "
    "'#1d4f91', '2025-01-01 10:00:00')",
    "INSERT INTO user_account (email, password_hash, display_name, language, confirmed_at, is_instance_admin, "
    "created_at) VALUES ('alt@altstadt.example', NULL, 'Alt', 'de', '2025-01-01 10:00:00', false, "
    "'2025-01-01 10:00:00')",
    "INSERT INTO membership (user_id, municipality_id, role) SELECT u.id, m.id, 'admin' FROM user_account u, "
    "municipality m",
    "INSERT INTO event (municipality_id, format_key, title, description, starts_at, ends_at, timezone, online, "
    "online_url, place_name, address, capacity, languages, interpreters, status, evaluation_published, settings, "
    "created_at, updated_at) SELECT id, 'themenabend', '{\"de\": \"Alter Abend\"}', '{}', '2025-02-01 17:00:00', "
    "'2025-02-01 19:00:00', 'Europe/Berlin', false, '', 'Rathaus', 'Markt 1', 30, '[\"de\"]', '[]', 'published', "
    "false, '{}', '2025-01-01 10:00:00', '2025-01-01 10:00:00' FROM municipality",
]


def _counts():
    tables = inspect(db.engine).get_table_names()
    with db.engine.connect() as connection:
        return {name: connection.execute(select(func.count()).select_from(text(f'"{name}"'))).scalar()
                for name in tables if name != "alembic_version"}


def test_first_revision_to_newest_keeps_data_and_last_downgrade_works(make_app, empty_database_url):
    app = make_app(SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        upgrade(revision="0001_core")
        with db.engine.begin() as connection:
            for statement in FIRST_ROWS:
                connection.execute(text(statement))
        upgrade(revision="heads")
        with db.engine.connect() as connection:
            event = connection.execute(text("SELECT title, capacity, max_companions, status FROM event")).one()
            assert "Alter Abend" in str(event[0]) and event[1] == 30 and event[2] == 0 and event[3] == "published"
            assert connection.execute(text("SELECT role FROM membership")).scalar() == "admin"
        # The app works on the upgraded data, and the demo fills it further.
        assert app.test_client().get("/altstadt/").status_code == 200
        load_demo(password_factory=lambda: "demo-passwort-123")
        before = _counts()
        assert before["municipality"] == 6

        db.session.remove()
        downgrade(revision="core@-1")  # the newest core revision, undone
        upgrade(revision="heads")
        after = _counts()
        for table in ("municipality", "user_account", "membership", "event", "registration"):
            assert after[table] == before[table], table
        db.session.remove()
        db.engine.dispose()
