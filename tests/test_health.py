"""/healthz tells a load balancer or monitor whether the database answers,
and how long the oldest unsent mail has waited."""
from datetime import timedelta

from dialogplatform.models import MailState, OutboxMessage
from dialogplatform.models.types import utcnow

# A port where nothing listens: the database is "down".
UNREACHABLE_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:1/none"


def test_healthz_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.is_json
    assert response.get_json()["status"] == "ok"


def test_healthz_is_503_when_the_database_does_not_answer(make_app):
    # Building the app must not touch the database, or a site whose database
    # is briefly down could not even start.
    app = make_app(SQLALCHEMY_DATABASE_URI=UNREACHABLE_DATABASE)

    response = app.test_client().get("/healthz")

    assert response.status_code == 503
    assert response.is_json
    assert response.get_json()["status"] != "ok"


def test_healthz_tells_how_long_the_oldest_unsent_mail_waits(client, db, clock):
    assert client.get("/healthz").get_json()["mail_queue_age_seconds"] == 0
    now = utcnow()
    clock.set_time(now)
    db.session.add_all([
        OutboxMessage(to_address="a@example.org", subject="s", body_text="b", created_at=now - timedelta(minutes=7)),
        OutboxMessage(to_address="b@example.org", subject="s", body_text="b", created_at=now - timedelta(days=3),
                      state=MailState.SENT, sent_at=now - timedelta(days=3))])
    db.session.commit()
    body = client.get("/healthz").get_json()
    assert 7 * 60 <= body["mail_queue_age_seconds"] < 7 * 60 + 30
    assert "a@example.org" not in str(body)
