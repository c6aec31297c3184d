"""The outbox: each mail claimed before it is sent, one bad mail never
blocks the others, well-formed headers, and retention of sent mails."""
import os
import stat
from datetime import timedelta
from types import SimpleNamespace

import pytest
from conftest import make_event, submit

from dialogplatform import page_cache
from dialogplatform.models import AuditEntry, MailState, OutboxMessage, Registration
from dialogplatform.models.types import utcnow
from dialogplatform.services import audit, outbox, privacy


def _queue(app, db, *addresses, **fields):
    with app.test_request_context():
        messages = [outbox.queue(address, "reset_password", "de", user=SimpleNamespace(display_name="Amal"),
                                 link="http://localhost/auth/reset/abc") for address in addresses]
        for message in messages:
            for name, value in fields.items():
                setattr(message, name, value)
        db.session.commit()
    return messages


def _send(app):
    with app.test_request_context():
        return outbox.send_pending()


def _rows(db):
    db.session.expire_all()
    return db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).all()


def test_a_mail_that_cannot_be_built_is_failed_with_its_reason_and_the_others_go_out(app, db, smtp_server):
    first, broken, last = _queue(app, db, "a@example.org", "b@example.org", "c@example.org")
    # Queued before subjects were made one line (or written by other code).
    broken.subject = "Hallo\r\nBcc: everyone@example.org"
    db.session.commit()
    assert _send(app) == (2, 1)
    assert [m["To"] for m in smtp_server.messages] == ["a@example.org", "c@example.org"]
    rows = _rows(db)
    assert [row.state for row in rows] == [MailState.SENT, MailState.FAILED, MailState.SENT]
    assert rows[1].failed_at is not None and "linefeed" in rows[1].last_error
    assert _send(app) == (0, 0)  # failed for good, not retried on every run
    assert len(smtp_server.messages) == 2


def test_a_title_with_a_line_break_still_yields_a_valid_mail(client, people, db, smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=5, title="Sicherheit\r\nBcc: everyone@example.org")
    submit(client, f"/testort/e/{event.id}/signup",
           {"name": "Amal", "email": "amal@example.org", "childcare_count": "0", "consent": "y"})
    [mail] = smtp_server.to("amal@example.org")
    assert "\n" not in mail["Subject"] and "Sicherheit Bcc" in mail["Subject"]
    assert mail["Bcc"] is None
    assert _rows(db)[0].state == MailState.SENT


def test_mails_carry_date_a_fixed_message_id_and_a_utf8_calendar(app, db, smtp_server):
    [message] = _queue(app, db, "a@example.org", attachment_name="dialog.ics", attachment_type="text/calendar",
                       attachment="BEGIN:VCALENDAR\r\nSUMMARY:Begegnungscafé\r\nEND:VCALENDAR\r\n")
    _send(app)
    [mail] = smtp_server.messages
    assert mail["Date"] and mail["Date"].datetime.tzinfo is not None
    assert mail["Message-ID"] == message.message_id and message.message_id.endswith("@test.example>")
    [ics] = [part for part in mail.iter_attachments()]
    assert ics.get_content_type() == "text/calendar" and ics.get_content_charset() == "utf-8"
    assert "Begegnungscafé" in ics.get_content()


def test_a_claim_is_taken_once_and_a_dead_senders_claim_runs_out(app, db, smtp_server):
    fresh, abandoned, running = _queue(app, db, "new@example.org", "dead@example.org", "busy@example.org")
    # A sender died after claiming ``abandoned``; another is still sending ``running``.
    abandoned.state, abandoned.claim_token, abandoned.claimed_until = MailState.SENDING, "x" * 32, utcnow()
    running.state, running.claim_token = MailState.SENDING, "y" * 32
    running.claimed_until = utcnow() + timedelta(minutes=5)
    db.session.commit()
    with app.test_request_context():
        claimed = outbox._claim(10)
        assert [m.id for m in claimed] == [fresh.id, abandoned.id]
        assert outbox._claim(10) == []  # a second sender finds nothing to take
    assert _send(app) == (0, 0)  # still claimed: not sent by this run
    db.session.execute(db.update(OutboxMessage).values(claimed_until=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert _send(app) == (3, 0)
    assert sorted(m["To"] for m in smtp_server.messages) == ["busy@example.org", "dead@example.org",
                                                             "new@example.org"]
    assert {row.state for row in _rows(db)} == {MailState.SENT}


def test_a_claim_takes_a_batch_not_the_whole_outbox(app, db):
    db.session.add_all([OutboxMessage(to_address=f"p{n}@example.org", subject="s", body_text="b") for n in range(25)])
    db.session.commit()
    with app.test_request_context():
        assert [len(outbox._claim(10)) for _ in range(4)] == [10, 10, 5, 0]


def test_a_mail_refused_for_good_is_failed_at_once_and_the_others_go_out(app, db, refusing_smtp_server):
    _queue(app, db, "a@example.org", "refused@example.org", "c@example.org")
    port, app.config["MAIL_PORT"] = app.config["MAIL_PORT"], refusing_smtp_server.port
    try:
        assert _send(app) == (2, 1)
    finally:
        app.config["MAIL_PORT"] = port
    rows = _rows(db)
    assert [row.state for row in rows] == [MailState.SENT, MailState.FAILED, MailState.SENT]
    assert rows[1].attempts == 1 and "550" in rows[1].last_error
    assert len(refusing_smtp_server.handler.messages) == 2


def test_anonymise_clears_sent_mails_after_their_retention(app, db, people, runner, clock):
    now = utcnow()
    women = make_event(people.municipality, "frauendialog", days=3)
    evening = make_event(people.municipality, "themenabend", days=3)
    old, recent, protected, waiting = _queue(app, db, "old@example.org", "recent@example.org",
                                             "woman@example.org", "waiting@example.org")
    old.state, old.sent_at, old.event_id = MailState.FAILED, None, evening.id
    old.failed_at, old.last_error = now - timedelta(days=31), "SMTPRecipientsRefused: {'old@example.org': 550}"
    recent.state, recent.sent_at, recent.event_id = MailState.SENT, now - timedelta(days=10), evening.id
    protected.state, protected.sent_at, protected.event_id = MailState.SENT, now - timedelta(days=2), women.id
    waiting.created_at = now - timedelta(days=40)  # never sent: still goes out
    db.session.commit()

    result = runner.invoke(args=["anonymise"])
    assert "2 mails cleared" in result.output, result.output
    old, recent, protected, waiting = _rows(db)
    for cleared in (old, protected):
        assert (cleared.to_address, cleared.subject, cleared.body_text, cleared.body_html) == ("", "", "", "")
    assert "old@example.org" not in old.last_error and "550" in old.last_error
    assert recent.to_address == "recent@example.org" and "Amal" in recent.body_text
    assert waiting.to_address == "waiting@example.org"
    assert "0 mails cleared" in runner.invoke(args=["anonymise"]).output  # idempotent
    clock.set_time(now + timedelta(days=21))
    assert "1 mails cleared" in runner.invoke(args=["anonymise"]).output


def test_the_audit_log_refuses_personal_data(app, db, people):
    with app.test_request_context():
        with pytest.raises(ValueError):
            audit.record("member.invited", people.municipality, email="new@example.org")
        with pytest.raises(ValueError):
            audit.record("event.message_sent", people.municipality, subject="Liebe Amal Haddad")
        audit.record("member.role_changed", people.municipality, people.organiser, old="organiser", new="admin")
    assert db.session.scalars(db.select(AuditEntry)).one().details == {"old": "organiser", "new": "admin"}


def test_backups_are_readable_by_their_owner_only(runner, people, tmp_path):
    target = tmp_path / "backup.tar.gz"
    target.write_bytes(b"an older file of that name")
    os.chmod(target, 0o644)
    previous = os.umask(0o022)
    try:
        result = runner.invoke(args=["backup", str(target)])
        fresh = tmp_path / "fresh.tar.gz"
        runner.invoke(args=["backup", str(fresh)])
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600


def test_erasing_a_sign_up_clears_its_sent_mails(app, db, people, client, smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=5)
    submit(client, f"/testort/e/{event.id}/signup",
           {"name": "Amal", "email": "amal@example.org", "childcare_count": "0", "consent": "y"})
    assert [row.to_address for row in _rows(db)] == ["amal@example.org"]
    privacy.erase_registration(db.session.scalars(db.select(Registration)).one())
    assert [row.to_address for row in _rows(db) if row.state == MailState.SENT] == [""]


def test_sending_leaves_the_page_cache_alone(app, db, people, smtp_server, monkeypatch):
    _queue(app, db, "a@example.org")
    invalidated = []
    monkeypatch.setattr(app.extensions[page_cache.EXTENSION], "invalidate", lambda: invalidated.append(1))
    assert _send(app) == (1, 0)
    assert _send(app) == (0, 0)
    assert invalidated == []
