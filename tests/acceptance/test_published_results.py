"""Published results never carry personal or staff-only data (issue 14, finding 10).

An anonymous visitor reads everything the platform publishes about a
municipality — event pages, the municipality's list, published
evaluations, the recommendation tracker, ICS, Atom, the open-data API, the
series page of the Dezentrale Dialoge — and the organiser downloads the
documentation reports (web and PDF) that are handed to funders. None of it
may show a contact typed in live entry, the staff-only moderation block, a
person named as responsible for a recommendation, or the street address of
a refugee accommodation. Staff and confirmed participants still see the
address.
"""
import json
import secrets
import shutil
import subprocess
import urllib.request
from datetime import timedelta
from types import SimpleNamespace

import pytest
from conftest import TEST_PASSWORD, enable, make_event
from live_http import Visitor
from process_helpers import make_process

from dialogplatform.extensions import db
from dialogplatform.models import Registration
from dialogplatform.models.types import utcnow
from dialogplatform.services.signups import personal_token

IDEA_CONTACT = ("Bernd M.", "0170-123")
STAFF_BLOCK = "Moderation (nur für das Organisationsteam sichtbar)"
PERSON = "Frau K."
STREET = "Solitudestraße"
DISTRICT = "Stuttgart-Weilimdorf"


def _theme_tables(municipality, process):
    from dialogplatform_formats.thementische import services

    enable(municipality, "thementische")
    event = make_event(municipality, "thementische", title="Erster Flüchtlingsdialog", days=-3,
                       evaluation_published=True, process_id=process.id, process_step=2)
    services.add_default_tables(event)
    services.add_default_questions(event)
    table, question = services.tables_of(event)[0], services.questions_of(event)[0]
    services.add_statement(event, table, question, "Ein Runder Tisch mit Betrieben und Jobcenter.",
                           is_idea=True, contact_name=", ".join(IDEA_CONTACT))
    return event


def _pop_up_boxes(municipality, process):
    from dialogplatform_formats.freiraumkisten import services

    enable(municipality, "freiraumkisten")
    event = make_event(municipality, "freiraumkisten", title="Freiraum Innenstadt", days=-1,
                       evaluation_published=True, process_id=process.id, process_step=2,
                       settings={"question": "Was fehlt?", "topics": "Sauberkeit", "hold_for_review": True})
    event.ends_at = utcnow() + timedelta(days=5)
    db.session.commit()
    station = services.create_station(event, "Marktplatz", "Marktplatz 1")
    services.add_window(station, utcnow() - timedelta(hours=1), utcnow() + timedelta(hours=2))
    services.submit(event, station, topic="Sauberkeit", mood="good", text="Schöne Bänke.", language="de",
                    approved=True)
    services.submit(event, station, topic="Sauberkeit", mood="bad", text="Noch offen.", language="de")
    return event


def _meeting_at_accommodation(municipality):
    from dialogplatform_formats.dezentrale_dialoge import services
    from dialogplatform_formats.dezentrale_dialoge.models import Series, Site, Stage

    enable(municipality, "dezentrale_dialoge")
    series = Series(municipality_id=municipality.id, name="Dezentrale Dialoge Testort", topics=["Wohnen"],
                    published=True)
    db.session.add(series)
    db.session.flush()
    stage = Stage(series_id=series.id, name="1. Unterkünfte", position=1)
    site = Site(municipality_id=municipality.id, name="Unterkunft Wolfbusch", kind="accommodation",
                address=f"{STREET} 250\n70499 Stuttgart", district=DISTRICT)
    db.session.add_all([stage, site])
    db.session.commit()
    event = make_event(municipality, "dezentrale_dialoge", title="Dezentraler Dialog Wolfbusch", capacity=40)
    event.place_name, event.address = site.name, site.address
    services.link_meeting(event, stage, site)  # the plugin makes the address private
    return SimpleNamespace(event=event, series=series)


def _registration(event, name, status, user=None):
    registration = Registration(event_id=event.id, name=name, email=f"{name.lower()}@example.org", status=status,
                                token_nonce=secrets.token_hex(8), user_id=user.id if user else None,
                                email_confirmed_at=utcnow() if status == "confirmed" else None)
    db.session.add(registration)
    db.session.commit()
    return registration


@pytest.fixture
def published(people):
    municipality = people.municipality
    process = make_process(municipality)
    return SimpleNamespace(
        people=people, process=process, theme_tables=_theme_tables(municipality, process),
        pop_up_boxes=_pop_up_boxes(municipality, process), meeting=_meeting_at_accommodation(municipality))


def _pdf_text(visitor, path) -> str:
    """The PDF's text when poppler's pdftotext is there; else just its bytes checked."""
    with visitor.opener.open(urllib.request.Request(visitor.base_url + path), timeout=120) as response:
        assert response.status == 200 and response.headers["Content-Type"] == "application/pdf"
        pdf = response.read()
    assert pdf.startswith(b"%PDF-")
    if not shutil.which("pdftotext"):
        return ""  # the web page of the same report is checked instead (same body template)
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def _odt_text(visitor, path) -> str:
    """All text of the OpenDocument report (every XML part of the archive)."""
    import io
    import zipfile

    with visitor.opener.open(urllib.request.Request(visitor.base_url + path), timeout=120) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "application/vnd.oasis.opendocument.text"
        data = response.read()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".xml"))


def _read(visitor, path) -> str:
    """The answer's text as a reader sees it (JSON with its escapes undone)."""
    answer = visitor.get(path)
    assert answer.status == 200, path
    if answer.headers.get("Content-Type", "").startswith("application/json"):
        return json.dumps(json.loads(answer.text), ensure_ascii=False)
    return answer.text


def _assert_clean(text, where):
    for secret in (*IDEA_CONTACT, STAFF_BLOCK, PERSON, STREET, "70499"):
        assert secret not in text, f"{secret!r} published in {where}"


def test_the_organiser_enters_a_body_and_a_staff_only_contact(server, published):
    organiser = Visitor(server.url)
    organiser.log_in(published.people.organiser.email, TEST_PASSWORD)
    form = "/testort/organise/recommendations/new"
    recommendation = {"text": "Mehr Sozialwohnungen in der Innenstadt.", "topic": "Wohnen",
                      "addressee": "municipality", "process_id": str(published.process.id)}
    refused = organiser.submit(form, {**recommendation, "responsible_body": "Amt für Wohnen, Frau K., 0170-555"})
    assert refused.status == 200 and "Bitte nennen Sie eine Stelle, keine Person." in refused.text
    saved = organiser.submit(form, {**recommendation, "responsible_body": "Amt für Wohnen",
                                    "contact": "Frau K., 0170-555"})
    assert saved.status == 302
    show = saved.location.replace("/organise/recommendations/", "/recommendations/")
    assert PERSON in organiser.get(show).text  # staff still see the contact

    anonymous = Visitor(server.url)
    for path in ("/testort/recommendations", show, "/testort/recommendations/feed.atom",
                 f"/testort/p/{published.process.id}/recommendations", "/api/v1/recommendations"):
        text = _read(anonymous, path)
        assert "Amt für Wohnen" in text, path
        _assert_clean(text, path)
    for path in (f"/testort/p/{published.process.id}/report", f"/testort/p/{published.process.id}/report.pdf",
                 f"/testort/p/{published.process.id}/report.odt"):
        assert anonymous.get(path).status in (302, 403, 404)  # reports are made by staff
    report = organiser.get(f"/testort/p/{published.process.id}/report")
    assert report.status == 200 and "Amt für Wohnen" in report.text
    _assert_clean(report.text, "process report")
    _assert_clean(_pdf_text(organiser, f"/testort/p/{published.process.id}/report.pdf"), "process report PDF")


def test_anonymous_visitors_find_no_contact_no_staff_block_no_street(server, published):
    theme_tables, boxes, meeting = published.theme_tables.id, published.pop_up_boxes.id, published.meeting.event.id
    visitor = Visitor(server.url)
    pages = [
        "/testort/", f"/testort/e/{meeting}/", f"/testort/e/{meeting}/event.ics", "/testort/calendar.ics",
        "/testort/feed.atom", f"/testort/e/{meeting}/signup",
        f"/testort/f/dezentrale_dialoge/series/{published.meeting.series.id}",
        f"/testort/e/{theme_tables}/", f"/testort/e/{theme_tables}/evaluation",
        f"/testort/e/{boxes}/evaluation", f"/testort/p/{published.process.id}/",
        "/api/v1/events", "/api/v1/evaluations", "/api/v1/recommendations", "/overview",
    ]
    for path in pages:
        _assert_clean(_read(visitor, path), path)
    assert DISTRICT in visitor.get(f"/testort/e/{meeting}/").text
    assert DISTRICT in visitor.get(f"/testort/e/{meeting}/event.ics").text
    assert f'"district": "{DISTRICT}"' in _read(visitor, "/api/v1/events")
    assert "Ein Runder Tisch mit Betrieben und Jobcenter." in visitor.get(f"/testort/e/{theme_tables}/evaluation").text


def test_documentation_reports_leave_out_contacts_and_staff_blocks(server, published):
    organiser = Visitor(server.url)
    organiser.log_in(published.people.organiser.email, TEST_PASSWORD)
    # The staff pages still show what is theirs ...
    assert IDEA_CONTACT[0] in organiser.get(f"/testort/e/{published.theme_tables.id}/evaluation").text
    assert STAFF_BLOCK in organiser.get(f"/testort/e/{published.pop_up_boxes.id}/evaluation").text
    # ... the reports, which are handed out, do not.
    for event in (published.theme_tables, published.pop_up_boxes):
        page = organiser.get(f"/testort/e/{event.id}/report")
        assert page.status == 200
        _assert_clean(page.text, f"report of event {event.id}")
        _assert_clean(_pdf_text(organiser, f"/testort/e/{event.id}/report.pdf"), f"PDF report of event {event.id}")
    process_report = organiser.get(f"/testort/p/{published.process.id}/report").text
    assert "Ein Runder Tisch mit Betrieben und Jobcenter." in process_report
    _assert_clean(process_report, "process report")
    process_odt = _odt_text(organiser, f"/testort/p/{published.process.id}/report.odt")
    assert "Ein Runder Tisch mit Betrieben und Jobcenter." in process_odt
    _assert_clean(process_odt, "process report ODT")


def test_staff_and_confirmed_participants_see_the_address(server, published):
    people, event = published.people, published.meeting.event
    _registration(event, "Waiting", "waitlisted", user=people.other_admin)
    confirmed_guest = _registration(event, "Samira", "confirmed")
    pending_guest = _registration(event, "Unconfirmed", "pending")
    _registration(event, "Resident", "confirmed", user=people.participant)

    organiser = Visitor(server.url)
    organiser.log_in(people.organiser.email, TEST_PASSWORD)
    assert STREET in organiser.get(f"/testort/e/{event.id}/").text

    participant = Visitor(server.url)
    participant.log_in(people.participant.email, TEST_PASSWORD)
    assert STREET in participant.get(f"/testort/e/{event.id}/").text
    assert STREET in participant.get(f"/testort/e/{event.id}/event.ics").text

    guest = Visitor(server.url)
    assert STREET in guest.get(f"/testort/r/{personal_token(confirmed_guest)}").text
    assert STREET not in guest.get(f"/testort/r/{personal_token(pending_guest)}").text

    moderator = Visitor(server.url)
    moderator.log_in(people.moderator.email, TEST_PASSWORD)  # a moderator of the municipality is staff ...
    assert STREET in moderator.get(f"/testort/e/{event.id}/").text
    # ... another municipality's admin, only on the waiting list here, is neither staff nor participant.
    outsider = Visitor(server.url)
    outsider.log_in(people.other_admin.email, TEST_PASSWORD)
    page = outsider.get(f"/testort/e/{event.id}/")
    assert page.status == 200 and STREET not in page.text and DISTRICT in page.text
    assert STREET not in outsider.get(f"/testort/e/{event.id}/event.ics").text
