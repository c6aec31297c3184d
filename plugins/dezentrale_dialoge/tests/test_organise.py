"""Organisers set up series, stages, sites and meetings; nobody else can."""
from dialogplatform.plugin_api import Event, db
from dialogplatform.testing import csrf_token_from, enable, make_event, submit
from dialogplatform_formats.dezentrale_dialoge.models import Meeting, Series, Site, Stage

from .helpers import ORGANISE, count, rows


def test_organiser_creates_a_series_with_topics_and_stages_in_order(logged_in, enabled):
    client = logged_in(enabled.organiser)
    response = submit(client, f"{ORGANISE}/series/new", {
        "name": "Dezentrale Dialoge Testort", "description": "In allen Stadtteilen.",
        "topics": "Wohnen\nSprachkurse\n\nwohnen\n  Arbeit  ", "published": "y",
    })
    assert response.status_code == 302
    [series] = rows(Series)
    assert series.topics == ["Wohnen", "Sprachkurse", "Arbeit"]  # blank lines and repeats dropped
    assert series.published and series.municipality_id == enabled.municipality.id

    page = f"{ORGANISE}/series/{series.id}"
    for name in ["1. Unterkünfte", "2. Mehrgenerationenhäuser"]:
        assert submit(client, page, {"new-name": name}, post_url=f"{page}/stages").status_code == 302
    stages = sorted(rows(Stage), key=lambda s: s.position)
    assert [s.name for s in stages] == ["1. Unterkünfte", "2. Mehrgenerationenhäuser"]

    # Moving the second stage first reorders the public list.
    first, second = stages
    response = submit(client, page, {f"stage{second.id}-name": "2. Mehrgenerationenhäuser",
                                     f"stage{second.id}-position": "0"}, post_url=f"{ORGANISE}/stages/{second.id}")
    assert response.status_code == 302
    html = client.get(f"/testort/f/dezentrale_dialoge/series/{series.id}").get_data(as_text=True)
    assert html.index("2. Mehrgenerationenhäuser") < html.index("1. Unterkünfte")


def test_duplicate_stage_name_gives_german_error_and_saves_nothing(logged_in, world):
    client = logged_in(world.people.organiser)
    page = f"{ORGANISE}/series/{world.series.id}"
    response = submit(client, page, {"new-name": "1. unterkünfte"}, post_url=f"{page}/stages")
    assert response.status_code == 200
    assert "Dieser Name ist schon vergeben." in response.get_data(as_text=True)
    assert count(Stage) == 2


def test_series_without_a_name_gives_german_error(logged_in, enabled):
    response = submit(logged_in(enabled.organiser), f"{ORGANISE}/series/new", {"name": " ", "topics": "Wohnen"})
    assert "Bitte geben Sie einen Namen ein." in response.get_data(as_text=True)
    assert count(Series) == 0


def test_too_long_topic_is_refused(logged_in, enabled):
    response = submit(logged_in(enabled.organiser), f"{ORGANISE}/series/new",
                      {"name": "Reihe", "topics": "Wohnen\n" + "x" * 121})
    assert "Ein Thema darf höchstens 120 Zeichen haben." in response.get_data(as_text=True)
    assert count(Series) == 0


def test_organiser_creates_and_edits_a_site_with_its_contact(logged_in, enabled):
    client = logged_in(enabled.organiser)
    response = submit(client, f"{ORGANISE}/sites/new", {
        "name": "Unterkunft Wolfbusch", "kind": "accommodation", "address": "Solitudestraße 250",
        "district": "Weilimdorf", "contact_name": "Petra Maier", "contact_phone": "0711 555 0101",
    })
    assert response.status_code == 302
    [site] = rows(Site)
    assert (site.kind, site.contact_name) == ("accommodation", "Petra Maier")
    index = client.get(f"{ORGANISE}/").get_data(as_text=True)
    assert "Petra Maier" in index and "Geflüchtetenunterkunft" in index

    response = submit(client, f"{ORGANISE}/sites/{site.id}", {
        "name": "Unterkunft Wolfbusch", "kind": "accommodation", "address": "Solitudestraße 250",
        "district": "Weilimdorf", "contact_name": "Jonas Weber", "contact_phone": "",
    })
    assert response.status_code == 302
    assert rows(Site)[0].contact_name == "Jonas Weber"


def test_site_with_unknown_kind_is_refused(logged_in, enabled):
    response = submit(logged_in(enabled.organiser), f"{ORGANISE}/sites/new", {"name": "Ort", "kind": "castle"})
    assert response.status_code == 200
    assert count(Site) == 0


def test_new_meeting_is_a_draft_event_linked_to_stage_and_site(logged_in, world):
    client = logged_in(world.people.organiser)
    stage, site = world.stages[1], world.sites["Treff Mitte"]
    url = f"{ORGANISE}/series/{world.series.id}/meetings/new"
    response = submit(client, url, {
        "stage": stage.id, "site": site.id, "title_de": "Dialog im Treff Mitte",
        "starts_at": "2031-05-04T17:00", "ends_at": "2031-05-04T19:00", "capacity": "25",
        "languages": ["de", "uk"], "interpreters": ["uk"], "max_companions": "0",
    })
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    [event] = [e for e in rows(Event) if e.title.get("de") == "Dialog im Treff Mitte"]
    assert response.headers["Location"].endswith(f"/testort/organise/events/{event.id}")
    assert event.status == "draft" and event.format_key == "dezentrale_dialoge"
    assert event.interpreters == ["uk"] and event.capacity == 25
    assert (event.place_name, event.address) == ("Treff Mitte", "Hauptstraße 1\n12345 Testort")  # from the site
    meeting = db.session.get(Meeting, event.id)
    assert (meeting.series_id, meeting.stage_id, meeting.site_id) == (world.series.id, stage.id, site.id)


def test_meeting_with_end_before_start_saves_nothing(logged_in, world):
    client = logged_in(world.people.organiser)
    events_before = count(Event)
    response = submit(client, f"{ORGANISE}/series/{world.series.id}/meetings/new", {
        "stage": world.stages[0].id, "site": world.sites["Unterkunft Nord"].id, "title_de": "Dialog",
        "starts_at": "2031-05-04T17:00", "ends_at": "2031-05-04T16:00",
    })
    assert response.status_code == 200
    assert "Das Ende muss nach dem Beginn liegen." in response.get_data(as_text=True)
    assert count(Event) == events_before and count(Meeting) == 3


def test_meeting_with_a_site_of_another_municipality_is_refused(logged_in, world, db):
    foreign = Site(municipality_id=world.people.other_municipality.id, name="Fremder Ort")
    db.session.add(foreign)
    db.session.commit()
    response = submit(logged_in(world.people.organiser), f"{ORGANISE}/series/{world.series.id}/meetings/new", {
        "stage": world.stages[0].id, "site": foreign.id, "title_de": "Dialog",
        "starts_at": "2031-05-04T17:00", "ends_at": "2031-05-04T19:00",
    })
    assert response.status_code == 200
    assert count(Meeting) == 3


def test_event_from_the_core_form_can_be_linked_to_a_series(logged_in, world):
    event = make_event(world.people.municipality, "dezentrale_dialoge", status="draft")
    client = logged_in(world.people.organiser)
    page = client.get(f"/testort/e/{event.id}/").get_data(as_text=True)
    assert "gehört noch zu keiner Reihe" in page
    url = f"{ORGANISE}/meetings/{event.id}"
    response = submit(client, url, {"stage": world.stages[1].id, "site": world.sites["Treff Mitte"].id})
    assert response.status_code == 302
    assert db.session.get(Meeting, event.id).stage_id == world.stages[1].id


def test_moderator_and_participant_cannot_organise(logged_in, world):
    for user in (world.people.moderator, world.people.participant):
        client = logged_in(user)
        assert client.get(f"{ORGANISE}/").status_code == 403
        assert client.get(f"{ORGANISE}/series/{world.series.id}").status_code == 403
        client.post("/auth/logout",
                    data={"csrf_token": csrf_token_from(client.get("/testort/").get_data(as_text=True))})


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(f"{ORGANISE}/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_other_municipalitys_admin_sees_nothing_here(logged_in, world):
    client = logged_in(world.people.other_admin)
    assert client.get(f"{ORGANISE}/series/{world.series.id}").status_code == 403
    # ... and in their own municipality this series does not exist.
    enable(world.people.other_municipality, "dezentrale_dialoge")
    assert client.get(f"/anderswo/organise/dezentrale_dialoge/series/{world.series.id}").status_code == 404
    site = world.sites["Unterkunft Nord"]
    assert client.get(f"/anderswo/organise/dezentrale_dialoge/sites/{site.id}").status_code == 404
    event = world.meetings["Unterkunft Nord"]
    assert client.get(f"/anderswo/organise/dezentrale_dialoge/meetings/{event.id}").status_code == 404


def test_pages_are_404_when_the_format_is_off(logged_in, people):
    client = logged_in(people.organiser)
    assert client.get(f"{ORGANISE}/").status_code == 404
    assert client.get("/testort/f/dezentrale_dialoge/").status_code == 404
