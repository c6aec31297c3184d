"""Organisers create, edit, publish and cancel events of enabled formats."""
from conftest import enable, log_in, make_event, submit

from dialogplatform.models import Event

EVENT = {
    "title_de": "Wohnen in Testort", "title_en": "Housing in Testort", "title_ar": "",
    "description_de": "Wir sprechen über Wohnraum.", "description_en": "", "description_ar": "",
    "starts_at": "2030-05-04T18:00", "ends_at": "2030-05-04T20:30",
    "place_name": "Rathaus", "address": "Marktplatz 1", "capacity": "40",
    "languages": ["de", "ar"], "interpreters": ["ar"],
    "ext__sampleformat__motto": "Gemeinsam",
}


def test_organiser_creates_edits_and_publishes_an_event(people, sample_app, db):
    enable(people.municipality, "sampleformat")
    client = sample_app.test_client()
    log_in(client, people.organiser)
    response = submit(client, "/testort/organise/new/sampleformat", EVENT)
    assert response.status_code == 302
    event = db.session.scalars(db.select(Event)).one()
    assert event.status == "draft"
    assert event.settings == {"motto": "Gemeinsam"}
    assert event.starts_at.isoformat() == "2030-05-04T16:00:00+00:00"  # 18:00 in Berlin summer time
    assert event.title == {"de": "Wohnen in Testort", "en": "Housing in Testort"}

    # Drafts are hidden from the public.
    anonymous = sample_app.test_client()
    assert anonymous.get(f"/testort/e/{event.id}/").status_code == 404

    submit(client, f"/testort/organise/events/{event.id}", {}, post_url=f"/testort/organise/events/{event.id}/publish")
    html = anonymous.get("/testort/").get_data(as_text=True)
    assert "Wohnen in Testort" in html
    page = anonymous.get(f"/testort/e/{event.id}/?lang=en").get_data(as_text=True)
    assert "Housing in Testort" in page
    assert "Motto: Gemeinsam" in page  # the format's panel
    # Arabic title missing: falls back to the municipality's default language.
    assert "Wohnen in Testort" in anonymous.get(f"/testort/e/{event.id}/?lang=ar").get_data(as_text=True)


def test_invalid_event_form_shows_errors_and_saves_nothing(people, sample_app, db):
    enable(people.municipality, "sampleformat")
    client = sample_app.test_client()
    log_in(client, people.organiser)
    page = submit(client, "/testort/organise/new/sampleformat", {
        **EVENT, "title_de": "", "ends_at": "2030-05-04T17:00", "ext__sampleformat__motto": "x" * 60})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Bitte geben Sie einen Titel ein." in html
    assert "Das Ende muss nach dem Beginn liegen." in html
    assert db.session.scalars(db.select(Event)).all() == []


def test_disabled_format_gets_no_new_events(people, sample_app):
    client = sample_app.test_client()
    log_in(client, people.organiser)
    assert client.get("/testort/organise/new/sampleformat").status_code == 404


def test_cancelled_event_says_so(people, client, db):
    event = make_event(people.municipality, "themenabend")
    log_in(client, people.organiser)
    submit(client, f"/testort/organise/events/{event.id}", {}, post_url=f"/testort/organise/events/{event.id}/cancel")
    html = client.get(f"/testort/e/{event.id}/").get_data(as_text=True)
    assert "abgesagt" in html


def test_roles_on_organiser_pages(people, client):
    event = make_event(people.municipality, "themenabend")
    urls = ["/testort/organise/new/themenabend", f"/testort/organise/events/{event.id}"]
    assert client.get("/testort/organise/").status_code == 302  # anonymous: to log-in
    log_in(client, people.participant)
    assert client.get("/testort/organise/").status_code == 403
    fresh = client.application.test_client()
    log_in(fresh, people.moderator)
    assert fresh.get("/testort/organise/").status_code == 200
    assert all(fresh.get(url).status_code == 403 for url in urls)
    other = client.application.test_client()
    log_in(other, people.other_admin)
    assert other.get("/testort/organise/").status_code == 403
    assert other.get(f"/anderswo/organise/events/{event.id}").status_code == 404


def test_evaluation_is_for_organisers_until_published(people, sample_app, db):
    enable(people.municipality, "sampleformat")
    event = make_event(people.municipality, "sampleformat")
    anonymous = sample_app.test_client()
    assert anonymous.get(f"/testort/e/{event.id}/evaluation").status_code == 404
    organiser = sample_app.test_client()
    log_in(organiser, people.organiser)
    assert "Wohnen" in organiser.get(f"/testort/e/{event.id}/evaluation").get_data(as_text=True)
    submit(organiser, f"/testort/organise/events/{event.id}", {},
           post_url=f"/testort/organise/events/{event.id}/evaluation")
    assert "Sample results" in anonymous.get(f"/testort/e/{event.id}/evaluation").get_data(as_text=True)
