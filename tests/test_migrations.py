"""The Alembic migrations (core and every plugin branch) match the models."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

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
        script = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())
    # Every branch is at its head (a plugin revision may depend on the core's
    # latest one, which the database then does not list as a head of its own).
    applied = {revision.revision for revision in script.iterate_revisions(heads, "base")}
    assert set(script.get_heads()) <= applied and "0011_outbox" in applied
    assert {f"0001_{key}" for key in app.extensions["dialogplatform.plugins"].formats} <= applied
