"""The app keeps serving when mail, Redis or the database fail."""
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from conftest import free_port, log_in, make_event, submit

from dialogplatform.models import OutboxMessage
from dialogplatform.services import outbox

PG_BIN = next((p for p in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None) \
    if Path("/usr/lib/postgresql").exists() else None


def test_signup_succeeds_while_the_mail_server_is_down_and_mail_follows(make_app, people, smtp_server, db):
    down = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    with down.app_context():
        event = make_event(people.municipality, "themenabend", capacity=5)
        client = down.test_client()
        response = submit(client, f"/testort/e/{event.id}/signup", {
            "name": "Amal", "email": "amal@example.org", "childcare_count": "0", "consent": "y"})
        assert response.status_code == 302
        [message] = db.session.scalars(db.select(OutboxMessage)).all()
        assert message.sent_at is None and message.attempts == 1 and message.last_error
    assert smtp_server.to("amal@example.org") == []
    # The server is back: the worker sends it once, and never again.
    db.session.execute(db.update(OutboxMessage).values(next_attempt_at=OutboxMessage.created_at))
    db.session.commit()
    from flask import current_app

    with current_app.test_request_context():
        assert outbox.send_pending() == (1, 0)
        assert outbox.send_pending() == (0, 0)
    assert len(smtp_server.to("amal@example.org")) == 1


def test_mail_that_keeps_failing_is_marked(app, db):
    app.config["MAIL_PORT"], port = free_port(), app.config["MAIL_PORT"]
    try:
        with app.test_request_context():
            db.session.add(OutboxMessage(to_address="x@example.org", subject="s", body_text="b"))
            db.session.commit()
            for _ in range(outbox.MAX_ATTEMPTS):
                db.session.execute(db.update(OutboxMessage).values(next_attempt_at=OutboxMessage.created_at))
                db.session.commit()
                outbox.send_pending()
        row = db.session.scalars(db.select(OutboxMessage)).one()
        assert row.failed_at is not None and row.attempts == outbox.MAX_ATTEMPTS
    finally:
        app.config["MAIL_PORT"] = port


def test_configured_but_dead_redis_falls_back_and_logs(make_app, people, caplog):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{free_port()}/0")
    with app.app_context():
        client = app.test_client()
        assert client.get("/").status_code == 200
        response = log_in(client, people.participant)
        assert response.status_code == 302


@pytest.mark.skipif(PG_BIN is None, reason="PostgreSQL server binaries are not installed")
def test_healthz_reports_a_stopped_database_and_recovers(make_app):
    """A private PostgreSQL server is started, stopped and started again."""
    tmp_path = Path(tempfile.mkdtemp(prefix="dialog-pg-"))  # pytest's tmp is closed to other users
    data = tmp_path / "pgdata"
    data.mkdir()
    port = free_port()
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(tmp_path, "postgres")
        shutil.chown(data, "postgres")
    run = lambda *args: subprocess.run([*as_postgres, *args], check=True, capture_output=True, timeout=60)  # noqa: E731
    run(str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres")
    start = [str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", f"-p {port} -k {tmp_path} -c listen_addresses=127.0.0.1",
             "-w", "-l", str(tmp_path / "log"), "start"]
    stop = [str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]
    run(*start)
    try:
        app = make_app(SQLALCHEMY_DATABASE_URI=f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres")
        with app.app_context():
            client = app.test_client()
            assert client.get("/healthz").status_code == 200
            run(*stop)
            response = client.get("/healthz")
            assert response.status_code == 503 and response.json["database"] == "down"
            page = client.get("/")  # a "try again in a moment" page, not a crash
            assert page.status_code == 503 and page.headers["Retry-After"]
            run(*start)
            deadline = time.time() + 20
            while client.get("/healthz").status_code != 200:
                assert time.time() < deadline, "did not recover"
                time.sleep(0.5)
    finally:
        subprocess.run([*as_postgres, *stop], capture_output=True, timeout=60)
        shutil.rmtree(tmp_path, ignore_errors=True)
