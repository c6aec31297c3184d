"""DSGVO: export, deletion, retention and consent versions."""
import json

from conftest import TEST_PASSWORD, log_in, make_event, submit

from dialogplatform.models import AuditEntry, Consent, Registration, User
from dialogplatform.services import attendance, privacy, signups


def _register(app, event, source="assisted", **person):
    with app.test_request_context():
        registration, _ = signups.register(event.id, signups.Person(**person), source=source,
                                           privacy_version=event.municipality.privacy_version)
    return registration


def test_participant_downloads_everything_and_deletes_the_account(client, people, app, db):
    event = make_event(people.municipality, "themenabend", capacity=1)
    log_in(client, people.participant)
    submit(client, f"/testort/e/{event.id}/signup", {"name": "Amal", "note": "Ich bringe Tee mit",
                                                     "childcare_count": "0", "consent": "y"})
    page = client.get("/account/privacy").get_data(as_text=True)
    assert "Ich bringe Tee mit" in page and people.participant.email in page
    data = json.loads(client.get("/account/privacy.json").data)
    assert data["account"]["email"] == people.participant.email
    assert data["registrations"][0]["note"] == "Ich bringe Tee mit"
    assert data["registrations"][0]["consents"][0]["privacy_version"] == 1
    waiting = _register(app, event, name="Next", email="next@example.org")
    assert waiting.status == "waitlisted"

    user_id = people.participant.id
    response = submit(client, "/account/delete", {"password": TEST_PASSWORD})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user_id) is None
    rows = db.session.scalars(db.select(Registration).order_by(Registration.id)).all()
    assert rows[0].name == "–" and rows[0].email is None and rows[0].note == ""
    assert rows[0].status == "cancelled"
    assert rows[1].status == "confirmed"  # the seat went to the waiting list
    assert db.session.query(Consent).filter(Consent.registration_id == rows[0].id).count() == 0
    assert client.get("/account/").status_code == 302  # logged out


def test_guest_exports_and_deletes_through_the_personal_link(client, people, app, db):
    event = make_event(people.municipality, "themenabend", capacity=5)
    registration = _register(app, event, name="Guest", email="guest@example.org", phone="0171 123")
    with app.test_request_context():
        link = signups.manage_url(registration).replace("http://localhost", "").split("?")[0]
    assert "0171 123" in client.get(link + "/data").get_data(as_text=True)
    assert json.loads(client.get(link + "/data?format=json").data)["registrations"][0]["phone"] == "0171 123"
    submit(client, link + "/delete", {})
    db.session.expire_all()
    row = db.session.get(Registration, registration.id)
    assert row.anonymised_at is not None and row.email is None and row.phone == ""
    assert client.get(link).status_code == 404  # the old link is gone with the data


def test_retention_anonymises_old_events_and_keeps_figures(people, app, db, runner):
    old = make_event(people.municipality, "themenabend", capacity=10, days=-200)
    recent = make_event(people.municipality, "themenabend", capacity=10, days=-10)
    for n in range(3):
        _register(app, old, "walk_in", name=f"P{n}", email=f"p{n}@example.org", interpreter_language="ar",
                  childcare_count=1)
    _register(app, recent, "walk_in", name="R", email="r@example.org")
    before = attendance.status_counts(old.id), attendance.needs_summary(old.id)

    result = runner.invoke(args=["anonymise"])
    assert "3 registrations anonymised" in result.output
    assert "0 registrations anonymised" in runner.invoke(args=["anonymise"]).output  # idempotent
    db.session.expire_all()
    assert {r.name for r in db.session.scalars(db.select(Registration).filter_by(event_id=old.id))} == {"–"}
    assert db.session.scalars(db.select(Registration).filter_by(event_id=recent.id)).one().name == "R"
    after = attendance.status_counts(old.id), attendance.needs_summary(old.id)
    assert after[0] == before[0]
    assert after[1].interpreters == before[1].interpreters and after[1].children == before[1].children


def test_municipality_sets_a_shorter_retention(people, app, db):
    people.municipality.retention_days = 7
    db.session.commit()
    event = make_event(people.municipality, "themenabend", capacity=10, days=-10)
    _register(app, event, "walk_in", name="P", email="p@example.org")
    assert privacy.anonymise_past_events() == 1


def test_changed_privacy_text_is_shown_at_the_next_visit(client, people, db):
    event = make_event(people.municipality, "themenabend", capacity=10)
    log_in(client, people.participant)
    submit(client, f"/testort/e/{event.id}/signup", {"name": "Amal", "childcare_count": "0", "consent": "y"})
    assert "hat sich geändert" not in client.get("/testort/").get_data(as_text=True)
    people.municipality.privacy_text = {"de": "<p>Neu</p>"}
    people.municipality.privacy_version = 2
    db.session.commit()
    html = client.get("/testort/").get_data(as_text=True)
    assert "/testort/privacy/seen" in html
    submit(client, "/testort/", {}, post_url="/testort/privacy/seen")
    assert "/testort/privacy/seen" not in client.get("/testort/").get_data(as_text=True)
    versions = sorted(c.privacy_version for c in db.session.scalars(db.select(Consent)))
    assert versions == [1, 2]  # the old consent keeps its version


def test_audit_log_records_admin_actions_without_participant_data(client, people, app, db):
    event = make_event(people.municipality, "themenabend", capacity=10)
    _register(app, event, name="Vertraulich Name", email="secret@example.org")
    log_in(client, people.organiser)
    submit(client, f"/testort/organise/events/{event.id}", {}, post_url=f"/testort/organise/events/{event.id}/cancel")
    admin = client.application.test_client()
    log_in(admin, people.admin)
    html = admin.get("/testort/admin/audit").get_data(as_text=True)
    assert "organiser" in html  # who
    entries = db.session.scalars(db.select(AuditEntry)).all()
    assert any(e.action == "event.cancelled" for e in entries)
    assert "Vertraulich" not in html and "secret@example.org" not in html
    assert client.get("/testort/admin/audit").status_code == 403  # organisers do not see it


def test_no_personal_data_in_logs(client, people, app, caplog):
    import logging

    event = make_event(people.municipality, "themenabend", capacity=10)
    with caplog.at_level(logging.DEBUG, logger="dialogplatform"):
        submit(client, f"/testort/e/{event.id}/signup", {"name": "Leyla Geheim", "email": "leyla@example.org",
                                                         "phone": "0151 999", "childcare_count": "0", "consent": "y"})
        submit(client, "/auth/login", {"email": "leyla@example.org", "password": "falsches passwort"})
    assert "Leyla" not in caplog.text and "leyla@example.org" not in caplog.text and "0151" not in caplog.text


def test_formats_take_part_in_export_erase_and_retention(people, sample_app, db):
    from conftest import enable
    from fixture_plugins import sample_format

    enable(people.municipality, "sampleformat")
    user = db.session.get(type(people.participant), people.participant.id)
    exported = privacy.export_user(user)
    assert exported["formats"]["sampleformat"]["notes"] == [f"a note written by {user.email}"]
    user_id = user.id
    privacy.erase_user(user)
    assert user_id in sample_format.ERASED_USERS
    event = make_event(people.municipality, "sampleformat", capacity=5, days=-400)
    _register(sample_app, event, "walk_in", name="Alt", email="alt@example.org")
    privacy.anonymise_past_events()
    assert event.id in sample_format.ANONYMISED_EVENTS


def test_retention_reaches_formats_without_sign_ups(people, sample_app, db):
    from conftest import enable
    from fixture_plugins import sample_format

    enable(people.municipality, "sampleformat")
    event = make_event(people.municipality, "sampleformat", days=-200)  # nobody signed up
    privacy.anonymise_past_events()
    assert event.id in sample_format.ANONYMISED_EVENTS
