"""The outbox screen: a municipality's admin sees its own mails waiting,
failed with the reason and sent, sends a mail again through the SMTP
server or discards it (asked first, audited); the instance admin sees all
mails; nobody else sees them."""
import re

from conftest import free_port, log_in, submit

from dialogplatform.models import AuditEntry, MailState, OutboxMessage


def _invite(client, email):
    """The admin invites ``email``: a mail of Testort's, sent right after the request."""
    response = submit(client, "/testort/admin/members", {"email": email, "role": "helper"})
    assert response.status_code == 302


def _mail(db, address):
    db.session.expire_all()
    return db.session.scalars(db.select(OutboxMessage).filter_by(to_address=address)).one()


def _section(page: str, heading_id: str) -> str:
    """The HTML of one section of the screen (from its heading to the next)."""
    return re.search(rf'id="{heading_id}".*?(?=<h2|</main>|$)', page, re.S).group(0)


def test_a_refused_mail_shows_as_failed_with_its_reason_and_is_sent_again(client, app, db, people, smtp_server,
                                                                           refusing_smtp_server, monkeypatch):
    log_in(client, people.admin)
    monkeypatch.setitem(app.config, "MAIL_PORT", refusing_smtp_server.port)
    _invite(client, "refused@example.org")
    mail = _mail(db, "refused@example.org")
    assert mail.state == MailState.FAILED and mail.municipality_id == people.municipality.id

    page = client.get("/testort/admin/outbox/").get_data(as_text=True)
    failed = _section(page, "failed-heading")
    assert "refused@example.org" in failed and "550" in failed and "no such mailbox" in failed
    assert "Testort" in failed  # the invitation's subject

    # The server takes the address now: "Send again" sends it through it.
    monkeypatch.setitem(app.config, "MAIL_PORT", smtp_server.port)
    response = submit(client, "/testort/admin/outbox/", {}, post_url=f"/testort/admin/outbox/{mail.id}/retry")
    assert response.status_code == 302
    assert len(smtp_server.to("refused@example.org")) == 1
    page = client.get("/testort/admin/outbox/").get_data(as_text=True)
    assert "refused@example.org" in _section(page, "sent-heading")
    assert "refused@example.org" not in _section(page, "failed-heading")
    assert db.session.scalars(db.select(AuditEntry.action).filter_by(
        municipality_id=people.municipality.id, target_id=mail.id)).all() == ["mail.retried"]


def test_a_mail_to_a_server_nobody_listens_on_waits_with_its_reason_and_goes_out_on_retry(
        client, app, db, people, smtp_server, monkeypatch):
    log_in(client, people.admin)
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # nothing listens
    _invite(client, "neu@example.org")
    mail = _mail(db, "neu@example.org")
    assert mail.state == MailState.PENDING and mail.attempts == 1

    waiting = _section(client.get("/testort/admin/outbox/").get_data(as_text=True), "queued-heading")
    assert "neu@example.org" in waiting and "ConnectionRefusedError" in waiting

    monkeypatch.setitem(app.config, "MAIL_PORT", smtp_server.port)
    submit(client, "/testort/admin/outbox/", {}, post_url=f"/testort/admin/outbox/{mail.id}/retry")
    assert len(smtp_server.to("neu@example.org")) == 1
    assert _mail(db, "neu@example.org").state == MailState.SENT


def test_discarding_asks_first_and_keeps_no_recipient(client, app, db, people, monkeypatch):
    log_in(client, people.admin)
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())
    _invite(client, "weg@example.org")
    mail = _mail(db, "weg@example.org")

    question = client.get(f"/testort/admin/outbox/{mail.id}/discard")
    assert question.status_code == 200 and _mail(db, "weg@example.org").state == MailState.PENDING
    response = submit(client, f"/testort/admin/outbox/{mail.id}/discard", {})
    assert response.status_code == 302

    db.session.expire_all()
    discarded = db.session.get(OutboxMessage, mail.id)
    assert discarded.state == MailState.DISCARDED and discarded.to_address == ""
    page = client.get("/testort/admin/outbox/").get_data(as_text=True)
    assert "weg@example.org" not in page
    assert "Mail verworfen" in client.get("/testort/admin/audit").get_data(as_text=True)


def test_the_instance_admin_sees_every_municipalitys_mails_and_others_see_none(client, app, db, people,
                                                                              refusing_smtp_server, monkeypatch):
    log_in(client, people.admin)
    monkeypatch.setitem(app.config, "MAIL_PORT", refusing_smtp_server.port)
    _invite(client, "refused@example.org")
    mail = _mail(db, "refused@example.org")

    other = app.test_client()
    log_in(other, people.other_admin)
    assert other.get("/testort/admin/outbox/").status_code == 403
    own = other.get("/anderswo/admin/outbox/")
    assert own.status_code == 200 and "refused@example.org" not in own.get_data(as_text=True)
    assert other.get(f"/anderswo/admin/outbox/{mail.id}/discard").status_code == 404
    token_page = "/anderswo/admin/outbox/"
    assert submit(other, token_page, {}, post_url=f"/anderswo/admin/outbox/{mail.id}/retry").status_code == 404
    assert other.get("/admin/outbox/").status_code == 403

    for role in (people.organiser, people.moderator):
        staff = app.test_client()
        log_in(staff, role)
        assert staff.get("/testort/admin/outbox/").status_code == 403

    instance = app.test_client()
    log_in(instance, people.instance_admin)
    page = instance.get("/admin/outbox/").get_data(as_text=True)
    failed = _section(page, "failed-heading")
    assert "refused@example.org" in failed and "Testort" in failed
    assert 'href="/admin/outbox/"' in instance.get("/admin/").get_data(as_text=True)
    assert 'href="/testort/admin/outbox/"' in client.get("/testort/admin/").get_data(as_text=True)


def test_cleared_mails_show_no_recipient(client, db, people):
    from datetime import timedelta

    from dialogplatform.models.types import utcnow

    db.session.add(OutboxMessage(to_address="", subject="", body_text="", municipality_id=people.municipality.id,
                                 state=MailState.SENT, sent_at=utcnow() - timedelta(days=2)))
    db.session.commit()
    log_in(client, people.admin)
    sent = _section(client.get("/testort/admin/outbox/").get_data(as_text=True), "sent-heading")
    assert "gelöscht (Aufbewahrungsfrist)" in sent
