"""`dialogplatform backup` and `restore` round-trip every table."""
from sqlalchemy import select

from dialogplatform.extensions import db
from dialogplatform.models import JobRun


def _snapshot(app):
    """Every table's rows, but the cron jobs' last runs (each instance's own)."""
    with app.app_context():
        with db.engine.connect() as connection:
            return {table.name: [dict(row._mapping) for row in connection.execute(
                select(table).order_by(*table.primary_key.columns))] for table in db.metadata.sorted_tables
                if table.name != "job_run"}


def test_backup_restores_the_demo_into_an_empty_instance(app, runner, make_app, empty_database_url, tmp_path):
    assert runner.invoke(args=["demo"]).exit_code == 0
    archive = tmp_path / "backup.tar.gz"
    result = runner.invoke(args=["backup", str(archive)])
    assert result.exit_code == 0, result.output
    before = _snapshot(app)
    assert sum(len(rows) for rows in before.values()) > 20

    target = make_app(SQLALCHEMY_DATABASE_URI=empty_database_url)
    with target.app_context():
        result = target.test_cli_runner().invoke(args=["restore", str(archive)])
        assert result.exit_code == 0, result.output
        # A second restore into the now filled instance is refused.
        again = target.test_cli_runner().invoke(args=["restore", str(archive)])
        assert again.exit_code != 0 and "not empty" in again.output
    assert _snapshot(target) == before
    with target.app_context():  # the restored instance has run no job yet
        assert db.session.scalars(select(JobRun.name)).all() == []
    with target.app_context():
        # New rows get fresh ids after the restore (sequences moved on).
        from dialogplatform.models import Municipality

        municipality = Municipality(slug="neu", name="Neu", default_language="de", languages=["de"])
        db.session.add(municipality)
        db.session.commit()
        assert municipality.id > max(row["id"] for row in before["municipality"])
        db.session.remove()
        db.engine.dispose()
