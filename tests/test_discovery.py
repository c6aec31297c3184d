"""Finding a dialogue: the municipality page, filters, ICS and Atom feeds."""
import xml.etree.ElementTree as ET
from datetime import timedelta
from zoneinfo import ZoneInfo

from conftest import make_event
from icalendar import Calendar

from dialogplatform.models.types import utcnow
from dialogplatform.services import signups

BERLIN = ZoneInfo("Europe/Berlin")


def test_municipality_page_shows_seats_and_waiting_list(client, people, app):
    make_event(people.municipality, "themenabend", capacity=12, title="Arbeit finden")
    full = make_event(people.municipality, "themenabend", capacity=1, title="Wohnen")
    with app.test_request_context():
        signups.register(full.id, signups.Person(name="A"), source="assisted")
    html = client.get("/testort/").get_data(as_text=True)
    roomy_part = html[html.index("Arbeit finden"):]
    assert "Noch 12 Plätze frei" in roomy_part.split("</article>")[0]
    full_part = html[html.index("Wohnen"):].split("</article>")[0]
    assert "Warteliste" in full_part or "Waiting list" in full_part


def test_filters_by_format_language_and_date(client, people):
    make_event(people.municipality, "themenabend", title="Abend mit Arabisch", interpreters=["ar"], days=3)
    make_event(people.municipality, "themenabend", title="Abend auf Türkisch", languages=["tr"], days=20)
    html = client.get("/testort/?language=ar").get_data(as_text=True)
    assert "Abend mit Arabisch" in html and "Abend auf Türkisch" not in html
    until = (utcnow().astimezone(BERLIN).date() + timedelta(days=10)).isoformat()
    html = client.get(f"/testort/?to={until}").get_data(as_text=True)
    assert "Abend mit Arabisch" in html and "Abend auf Türkisch" not in html
    html = client.get("/testort/?format=nothing").get_data(as_text=True)
    assert "Abend mit Arabisch" not in html
    # Nonsense in the filters is ignored, never an error.
    assert client.get("/testort/?from=kaputt&to=2024-99-99").status_code == 200


def test_drafts_and_other_municipalities_are_not_listed(client, people):
    make_event(people.municipality, "themenabend", title="Entwurf", status="draft")
    make_event(people.other_municipality, "themenabend", title="Anderswo-Abend")
    html = client.get("/testort/").get_data(as_text=True)
    assert "Entwurf" not in html and "Anderswo-Abend" not in html


def test_event_ics_is_valid_and_in_berlin_time(client, people):
    event = make_event(people.municipality, "themenabend")
    response = client.get(f"/testort/e/{event.id}/event.ics")
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Sicherheit und Nachbarschaft"
    assert vevent.decoded("DTSTART") == event.starts_at
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert calendar.walk("VTIMEZONE")


def test_calendar_and_atom_feeds_list_upcoming_published_events(client, people):
    make_event(people.municipality, "themenabend", title="Öffentlich")
    make_event(people.municipality, "themenabend", title="Entwurf", status="draft")
    ics = Calendar.from_ical(client.get("/testort/calendar.ics").data)
    assert [str(e["SUMMARY"]) for e in ics.walk("VEVENT")] == ["Öffentlich"]
    feed = ET.fromstring(client.get("/testort/feed.atom").data)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    titles = [entry.find("atom:title", ns).text for entry in feed.findall("atom:entry", ns)]
    assert titles == ["Öffentlich"]


def test_event_page_has_directions_and_calendar_links(client, people):
    event = make_event(people.municipality, "themenabend")
    html = client.get(f"/testort/e/{event.id}/").get_data(as_text=True)
    assert "openstreetmap.org/search?query=" in html
    assert f"/testort/e/{event.id}/event.ics" in html
    assert f"/testort/e/{event.id}/signup" in html


def test_unknown_event_is_not_found(client, people):
    assert client.get("/testort/e/99999/").status_code == 404
    assert client.get("/testort/e/99999/signup").status_code == 404


def test_long_lists_are_split_into_pages(client, people):
    for n in range(23):
        make_event(people.municipality, "themenabend", title=f"Termin {n:02d}", days=2 + n)
    first = client.get("/testort/").get_data(as_text=True)
    assert "Termin 00" in first and "Termin 19" in first and "Termin 20" not in first
    assert 'rel="next"' in first
    second = client.get("/testort/?page=2").get_data(as_text=True)
    assert "Termin 20" in second and "Termin 22" in second and 'rel="prev"' in second
