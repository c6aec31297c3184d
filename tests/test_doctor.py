"""``dialogplatform doctor``: one line per check, exit code 1 when one
failed; a stopped mail server, a cron job that never ran or ran long ago
and a mail stuck in the queue are reported."""
from datetime import timedelta

from conftest import free_port
from sqlalchemy import create_engine

from dialogplatform.models import OutboxMessage
from dialogplatform.models.types import utcnow

OTHER_JOBS = [["send-mail"], ["expire-holds"], ["send-reminders"], ["anonymise"]]


def _lines(output: str) -> dict[str, str]:
    """{check: "STATUS text"} of doctor's output (status, check and text in columns)."""
    return {line[6:28].strip(): f"{line[:4].strip()} {line[29:]}" for line in output.splitlines()}


def _run_jobs(runner, jobs, tmp_path):
    for args in jobs:
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output


def test_a_stopped_mail_server_and_jobs_that_did_not_run_fail_the_doctor(app, db, runner, clock, tmp_path,
                                                                         monkeypatch):
    now = utcnow()
    clock.set_time(now - timedelta(days=5))
    _run_jobs(runner, [["backup", str(tmp_path / "old.tar.gz")]], tmp_path)
    clock.set_time(now - timedelta(days=2))
    _run_jobs(runner, [["anonymise"]], tmp_path)
    clock.set_time(now)
    _run_jobs(runner, [["send-mail"], ["expire-holds"]], tmp_path)  # send-reminders never ran
    db.session.add(OutboxMessage(to_address="wartet@example.org", subject="s", body_text="b",
                                 created_at=now - timedelta(hours=2), next_attempt_at=now + timedelta(minutes=5)))
    db.session.commit()
    stopped = free_port()  # nothing listens there
    monkeypatch.setitem(app.config, "MAIL_PORT", stopped)

    result = runner.invoke(args=["doctor", "--backup-dir", str(tmp_path)])

    assert result.exit_code == 1, result.output
    lines = _lines(result.output)
    assert lines["mail server"].startswith("FAIL"), result.output
    assert f"127.0.0.1:{stopped}" in lines["mail server"] and "ConnectionRefused" in lines["mail server"]
    assert lines["job send-reminders"].startswith("FAIL") and "never ran" in lines["job send-reminders"]
    assert lines["job backup"].startswith("FAIL") and "5 days" in lines["job backup"]
    assert lines["job anonymise"].startswith("WARN") and "overdue" in lines["job anonymise"]
    assert lines["job send-mail"].startswith("OK") and lines["job expire-holds"].startswith("OK")
    assert lines["mail queue"].startswith("FAIL") and "2 h" in lines["mail queue"]
    assert lines["database"].startswith("OK") and db.engine.url.database in lines["database"]
    assert "wartet@example.org" not in result.output  # no personal data


def test_everything_in_order_is_ok_with_exit_code_0(app, db, runner, smtp_server, tmp_path):
    _run_jobs(runner, [*OTHER_JOBS, ["backup", str(tmp_path / "today.tar.gz")]], tmp_path)

    result = runner.invoke(args=["doctor", "--backup-dir", str(tmp_path)])

    assert result.exit_code == 0, result.output
    lines = _lines(result.output)
    assert not [line for line in lines.values() if line.startswith("FAIL")]
    assert lines["mail server"] == f"OK 127.0.0.1:{smtp_server.port}: EHLO accepted"
    for job in ("send-mail", "expire-holds", "send-reminders", "anonymise", "backup"):
        assert lines[f"job {job}"].startswith("OK"), result.output
    for check in ("database", "BASE_URL", "mail queue", "failed mails", "disk instance",
                  "disk backups"):
        assert lines[check].startswith("OK"), result.output
    assert str(tmp_path) in lines["disk backups"] and "GB free" in lines["disk backups"]
    # The tests' key is short: a warning, and the key itself is never printed.
    assert lines["secret key"].startswith("WARN") and app.config["SECRET_KEY"] not in result.output


def test_a_failing_job_records_its_error_and_the_doctor_names_it(app, db, runner, tmp_path, smtp_server):
    _run_jobs(runner, [*OTHER_JOBS], tmp_path)
    # The backup's folder does not exist: the job fails, and says so.
    failed = runner.invoke(args=["backup", str(tmp_path / "missing" / "b.tar.gz")])
    assert failed.exit_code != 0

    result = runner.invoke(args=["doctor", "--backup-dir", str(tmp_path / "missing")])

    assert result.exit_code == 1
    lines = _lines(result.output)
    assert lines["job backup"].startswith("FAIL") and "failed" in lines["job backup"], result.output
    assert lines["disk backups"].startswith("FAIL") and "no such folder" in lines["disk backups"]


def test_an_unreachable_database_is_named_with_its_password_masked(make_app):
    app = make_app(SQLALCHEMY_DATABASE_URI="postgresql+psycopg://dialog:geheim@127.0.0.1:1/dialog")
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["doctor"])
    assert result.exit_code == 1
    lines = _lines(result.output)
    assert lines["database"].startswith("FAIL") and "dialog:***@127.0.0.1:1/dialog" in lines["database"]
    assert "does not answer" in lines["database"] and "geheim" not in result.output


def test_an_empty_database_is_named_and_not_taken_for_a_working_one(make_app, empty_database_url):
    create_engine(empty_database_url).connect().close()  # exists (an SQLite file too), holds nothing
    app = make_app(SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["doctor"])
    assert result.exit_code == 1
    assert "no migration applied" in _lines(result.output)["database"], result.output


def test_a_missing_sqlite_file_is_reported_not_created(make_app, tmp_path):
    """Cron with the wrong settings must not end up with a second, empty database."""
    missing = tmp_path / "nowhere.sqlite"
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{missing}")
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["doctor"])
    assert result.exit_code == 1
    assert _lines(result.output)["database"] == f"FAIL sqlite:///{missing}: no such file (settings of the wrong " \
                                               "instance?)"
    assert not missing.exists()
