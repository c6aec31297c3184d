"""Mails about a sign-up are queued as a reference (template, language,
sign-up, flags) and rendered by the sender when it takes them: the sign-up's
transaction writes one short row, and the mail says what holds when it goes out."""
import pytest
from conftest import log_in, make_event, submit
from test_outbox_screen import _section
from test_signup import mail_links, registrations, sign_up

from dialogplatform.models import MailState, OutboxMessage
from dialogplatform.services import outbox, privacy


@pytest.fixture
def held_back(app, monkeypatch):
    """Queued mails wait for ``send()`` instead of going out after the request."""
    monkeypatch.setitem(app.config, "MAIL_SEND_AFTER_REQUEST", False)

    def send():
        with app.test_request_context():
            return outbox.send_pending()

    return send


def _rows(db):
    db.session.expire_all()
    return db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).all()


def test_the_sender_renders_language_links_position_and_calendar(client, people, db, smtp_server, held_back):
    event = make_event(people.municipality, "themenabend", capacity=1)
    client.get("/?lang=fr")
    sign_up(client, event)
    sign_up(client, event, name="Birgit", email="birgit@example.org")
    assert [(row.template, row.language, row.body_text) for row in _rows(db)] == [
        ("signup_pending", "fr", ""), ("signup_waitlisted", "fr", "")]
    assert held_back() == (2, 0)
    [pending] = smtp_server.to("amal@example.org")
    assert 'lang="fr"' in pending.get_body(preferencelist=("html",)).get_content()
    links = [link for link in smtp_server.links_in(pending) if "/r/" in link or "/confirm/" in link]
    assert {"/r/", "/confirm/"} <= {part for link in links for part in ("/r/", "/confirm/") if part in link}
    assert all("lang=fr" in link for link in links)
    confirm_link, _personal_link = mail_links(smtp_server, pending)
    assert not list(pending.iter_attachments())
    [waiting] = smtp_server.to("birgit@example.org")
    assert " 1 " in waiting.get_body(preferencelist=("plain",)).get_content()  # number 1 on the waiting list
    # The subject is kept for the outbox screen; the texts are not.
    assert all(row.subject and row.body_text == "" for row in _rows(db))

    assert submit(client, confirm_link, {}).status_code == 302
    assert held_back() == (1, 0)
    confirmed = smtp_server.to("amal@example.org")[-1]
    assert 'lang="fr"' in confirmed.get_body(preferencelist=("html",)).get_content()
    [ics] = [part for part in confirmed.iter_attachments() if part.get_content_type() == "text/calendar"]
    assert "BEGIN:VEVENT" in ics.get_content()


def test_a_mail_waiting_for_an_erased_sign_up_is_withdrawn(client, people, db, smtp_server, held_back):
    event = make_event(people.municipality, "themenabend", capacity=5)
    sign_up(client, event)
    privacy.erase_registration(registrations(db)[0])
    db.session.commit()
    assert held_back() == (0, 0)
    assert smtp_server.messages == []
    [row] = _rows(db)
    assert row.state == MailState.DISCARDED and row.to_address == "" and row.failed_at is not None
    assert held_back() == (0, 0)


def test_the_queued_mail_holds_no_personal_data_but_the_address(app, client, people, db, held_back):
    event = make_event(people.municipality, "themenabend", capacity=5)
    personal = {"name": "Amal Haddad", "phone": "0171 5550123", "note": "Rollstuhl, bitte Rampe",
                "accessibility_other": "Gebärdensprache", "childcare_ages": "3 und 5"}
    sign_up(client, event, childcare_count="2", **personal)
    [row] = _rows(db)
    assert row.to_address == "amal@example.org"
    assert row.params == {"calendar": True}
    stored = " ".join(str(getattr(row, column.key)) for column in OutboxMessage.__table__.columns
                      if column.key != "to_address")
    for value in [*personal.values(), "amal@example.org", "amal"]:
        assert value not in stored
    # The outbox screen still names the mail by its subject before it is sent.
    with app.test_request_context():
        assert outbox.subject_of(row).startswith("Bitte bestätigen")


def test_the_outbox_screen_names_a_referenced_mail_by_its_subject(client, people, db, smtp_server, held_back):
    event = make_event(people.municipality, "themenabend", capacity=5, title="Wohnen im Quartier")
    sign_up(client, event)
    log_in(client, people.admin)
    subject = "Bitte bestätigen Sie Ihre Anmeldung: Wohnen im Quartier"
    assert subject in _section(client.get("/testort/admin/outbox/").get_data(as_text=True), "queued-heading")
    held_back()
    assert subject in _section(client.get("/testort/admin/outbox/").get_data(as_text=True), "sent-heading")
