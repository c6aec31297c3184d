"""The Alembic migrations (core and every plugin branch) match the models."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from dialogplatform.extensions import db


def test_models_and_migrations_do_not_differ(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_init_upgrades_an_empty_database(make_app, tmp_path, runner):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["init"])
        assert result.exit_code == 0, result.output
        with db.engine.connect() as connection:
            heads = MigrationContext.configure(connection).get_current_heads()
    assert "0007_outbox" in heads
    assert len(heads) == len(app.extensions["dialogplatform.plugins"].formats) + 1
