"""What is published leaves out staff-only parts, people behind
recommendations and private addresses (issue 14, finding 10), from inside:
the HTML a PDF report is rendered from, the mails, the validator, the
upgrade of existing data."""
import secrets

import pytest
from conftest import enable, log_in, make_event, submit
from flask_migrate import upgrade
from sqlalchemy import text

from dialogplatform.extensions import db as _db
from dialogplatform.models import Registration
from dialogplatform.process_forms import PERSON_PATTERN
from dialogplatform.services import calendar, outbox
from dialogplatform.services.publication import participant_sees_address
from dialogplatform.views import reports as report_views

STAFF_NOTE = "Call Bernd M., 0170-123"


@pytest.fixture
def sample_event(people, sample_app):
    enable(people.municipality, "sampleformat")
    return make_event(people.municipality, "sampleformat", title="Auftakt", days=-3, evaluation_published=True)


def test_the_html_of_a_pdf_report_has_no_staff_only_section(people, sample_app, sample_event, monkeypatch):
    rendered = []
    monkeypatch.setattr(report_views, "html_to_pdf", lambda html: rendered.append(html) or b"%PDF-1.7")
    client = sample_app.test_client()
    log_in(client, people.organiser)
    assert client.get(f"/testort/e/{sample_event.id}/report.pdf").status_code == 200
    page = client.get(f"/testort/e/{sample_event.id}/report").get_data(as_text=True)
    for html in (rendered[0], page):
        assert "Sample results" in html
        assert "Sample staff notes" not in html and STAFF_NOTE not in html


def test_the_evaluation_shows_staff_only_parts_to_organisers_only(people, sample_app, sample_event):
    anonymous = sample_app.test_client().get(f"/testort/e/{sample_event.id}/evaluation").get_data(as_text=True)
    assert "Sample results" in anonymous and STAFF_NOTE not in anonymous
    api = sample_app.test_client().get("/api/v1/evaluations").get_data(as_text=True)
    assert "Sample results" in api and "Sample staff notes" not in api
    organiser = sample_app.test_client()
    log_in(organiser, people.organiser)  # even an organiser's API call gets the published view
    assert "Sample staff notes" not in organiser.get("/api/v1/evaluations").get_data(as_text=True)
    page = organiser.get(f"/testort/e/{sample_event.id}/evaluation").get_data(as_text=True)
    assert STAFF_NOTE in page and "Diesen Teil sieht nur das Team. Er wird nie veröffentlicht." in page


@pytest.mark.parametrize("body", ["Amt für Wohnen, Frau K., 0170-123", "Herrn Maier", "wohnen@stadt.example",
                                  "Jobcenter, Tel. 0711 555 0101", "Hr. Schulz (Ordnungsamt)"])
def test_a_responsible_body_names_no_person(body):
    assert PERSON_PATTERN.search(body)


@pytest.mark.parametrize("body", ["Amt für Wohnen", "Polizei (Polizeipräsidium Aalen, Verkehrsprävention)",
                                  "Referat Frau und Beruf", "Staatliches Schulamt Nürtingen (Land Baden-Württemberg)",
                                  "Ministerium für Soziales, Referat 42"])
def test_a_body_passes(body):
    assert not PERSON_PATTERN.search(body)


def test_an_organiser_makes_an_address_private_with_a_district(people, client, logged_in):
    event = make_event(people.municipality, "themenabend", title="Treffen in der Unterkunft")
    organiser = logged_in(people.organiser)
    form = f"/testort/organise/events/{event.id}"
    data = {"title_de": "Treffen in der Unterkunft", "starts_at": "2030-05-04T17:00", "ends_at": "2030-05-04T19:00",
            "place_name": "Unterkunft Nord", "address": "Hafenstraße 3", "address_private": "y",
            "max_companions": "0"}
    refused = submit(organiser, form, data)
    assert refused.status_code == 200 and "Bitte geben Sie den Stadtteil an" in refused.get_data(as_text=True)
    assert submit(organiser, form, {**data, "district": "Nordstadt"}).status_code == 302
    _db.session.refresh(event)
    assert event.address_private and event.district == "Nordstadt"
    page = client.get(f"/testort/e/{event.id}/").get_data(as_text=True)
    assert "Hafenstraße" in page  # the organiser still sees it
    anonymous = client.application.test_client().get(f"/testort/e/{event.id}/").get_data(as_text=True)
    assert "Hafenstraße" not in anonymous and "Nordstadt" in anonymous and "openstreetmap" not in anonymous


def test_mails_carry_a_private_address_only_with_a_seat(people, app):
    event = make_event(people.municipality, "themenabend", title="Treffen in der Unterkunft", address_private=True,
                       district="Nordstadt")
    for status, sees in (("pending", False), ("waitlisted", False), ("confirmed", True)):
        registration = Registration(event_id=event.id, name="Samira", email=f"{status}@example.org",
                                    status=status, token_nonce=secrets.token_hex(8))
        _db.session.add(registration)
        _db.session.flush()
        with app.test_request_context("/"):
            mail = outbox.queue(registration.email, f"signup_{status}", "de", event=event,
                                registration=registration, link="https://example.org/r/x", position=1)
            ics = calendar.event_ics(event, "de", with_address=participant_sees_address(event, registration))
        for text_ in (mail.body_text, mail.body_html, ics):
            assert ("Obertorstraße" in text_) is sees, (status, text_)
        assert "Nordstadt" in mail.body_text or sees
    _db.session.rollback()


def test_upgrade_moves_old_details_into_the_contact_and_hides_accommodations(make_app, empty_database_url):
    app = make_app(SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        upgrade(revision="0006_landscape")
        upgrade(revision="0001_dezentrale_dialoge")
        with _db.engine.begin() as connection:
            for statement in OLD_ROWS:
                connection.execute(text(statement))
        upgrade(revision="heads")
        with _db.engine.connect() as connection:
            body, contact = connection.execute(text("SELECT responsible_body, contact FROM recommendation")).one()
            private = dict(connection.execute(text("SELECT place_name, address_private FROM event")).all())
        _db.session.remove()
        _db.engine.dispose()
    assert (body, contact) == ("", "Amt für Wohnen, Frau K., 0170-123")
    assert private == {"Unterkunft": True, "Treff": False}


OLD_ROWS = [
    "INSERT INTO municipality (slug, name, default_language, languages, contact_email, contact_phone, "
    "contact_address, imprint, privacy_text, privacy_version, colour, retention_days, created_at) VALUES "
    "('altstadt', 'Altstadt', 'de', '[\"de\"]', '', '', '', '', '', 1, '#1d4f91', 180, '2025-01-01 10:00:00')",
    "INSERT INTO recommendation (municipality_id, text, topic, addressee, addressee_detail, status, source_kind, "
    "created_at, updated_at) SELECT id, 'Mehr Wohnungen', '', 'municipality', 'Amt für Wohnen, Frau K., 0170-123', "
    "'open', '', '2025-01-01 10:00:00', '2025-01-01 10:00:00' FROM municipality",
    *(
        "INSERT INTO event (municipality_id, format_key, title, description, starts_at, ends_at, timezone, online, "
        f"online_url, place_name, address, capacity, max_companions, languages, interpreters, status, "
        "evaluation_published, settings, origin_note, created_at, updated_at) SELECT id, 'dezentrale_dialoge', "
        "'{}', '{}', '2025-02-01 17:00:00', '2025-02-01 19:00:00', 'Europe/Berlin', false, '', "
        f"'{place}', 'Hafenstraße 3', 30, 0, '[]', '[]', 'published', false, '{{}}', '', '2025-01-01 10:00:00', "
        "'2025-01-01 10:00:00' FROM municipality"
        for place in ("Unterkunft", "Treff")
    ),
    "INSERT INTO dezentrale_dialoge_series (municipality_id, name, description, topics, published) "
    "SELECT id, 'Reihe', '', '[]', true FROM municipality",
    "INSERT INTO dezentrale_dialoge_stage (series_id, name, position) SELECT id, 'Stufe', 1 "
    "FROM dezentrale_dialoge_series",
    *(
        "INSERT INTO dezentrale_dialoge_site (municipality_id, name, kind, address, contact_name, contact_phone) "
        f"SELECT id, '{place}', '{kind}', 'Hafenstraße 3', '', '' FROM municipality"
        for place, kind in (("Unterkunft", "accommodation"), ("Treff", "neighbourhood_meeting"))
    ),
    "INSERT INTO dezentrale_dialoge_meeting (event_id, series_id, stage_id, site_id, walk_ins) "
    "SELECT event.id, stage.series_id, stage.id, site.id, 0 FROM event JOIN dezentrale_dialoge_site site "
    "ON site.name = event.place_name, dezentrale_dialoge_stage stage",
]
