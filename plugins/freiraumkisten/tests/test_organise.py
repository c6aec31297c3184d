"""Organisers set up a campaign: its settings, places, times and posters."""
from datetime import timedelta
from zoneinfo import ZoneInfo

from dialogplatform.plugin_api import Event, db, utcnow
from dialogplatform.testing import enable, submit
from dialogplatform_formats.freiraumkisten.models import Station, TimeWindow

from .helpers import base

BERLIN = ZoneInfo("Europe/Berlin")


def test_organiser_creates_a_campaign_with_question_topics_and_review_on(logged_in, people):
    enable(people.municipality, "freiraumkisten")
    client = logged_in(people.organiser)
    page = client.get("/testort/organise/new/freiraumkisten").get_data(as_text=True)
    assert "Neue Beiträge bis zur Prüfung durch die Moderation zurückhalten" in page
    assert '<input checked id="ext__freiraumkisten__hold_for_review"' in page  # on by default
    response = submit(client, "/testort/organise/new/freiraumkisten", {
        "title_de": "Freiraum Nordstadt", "starts_at": "2030-06-01T09:00", "ends_at": "2030-06-14T19:00",
        "place_name": "Nordstadt", "address": "", "ext__freiraumkisten__question_de": "Was wünschen Sie sich?",
        "ext__freiraumkisten__topics_de": "Spielplatz\r\n\r\nVerkehr\r\nSpielplatz",
        "ext__freiraumkisten__hold_for_review": "y",
    })
    assert response.status_code == 302
    event = db.session.scalars(db.select(Event)).one()
    from dialogplatform_formats.freiraumkisten.services import settings_of

    settings = settings_of(event)
    assert (settings["question"], settings["topics"], settings["hold_for_review"]) == (
        "Was wünschen Sie sich?", ["Spielplatz", "Verkehr"], True)
    assert event.settings["question"] == {"de": "Was wünschen Sie sich?"}


def test_organiser_adds_place_and_times_and_sees_short_url(logged_in, campaign):
    client = logged_in(campaign.people.organiser)
    page = f"{base(campaign.event)}/stations"
    response = submit(client, page, {"name": "Grütt-Park", "address": "Wiesentalstraße", "latitude": "47.6226",
                                     "longitude": "7.6683"})
    assert response.status_code == 302
    station = db.session.scalars(db.select(Station).filter_by(name="Grütt-Park")).one()
    assert len(station.code) == 6 and station.latitude == 47.6226

    tomorrow = (utcnow() + timedelta(days=1)).astimezone(BERLIN).date()
    prefix = f"s{station.id}-"
    window_url = f"{page}/{station.id}/windows"
    response = submit(client, page, {f"{prefix}day": tomorrow.isoformat(), f"{prefix}starts": "15:00",
                                     f"{prefix}ends": "19:00"}, post_url=window_url)
    assert response.status_code == 302
    [window] = db.session.scalars(db.select(TimeWindow).filter_by(station_id=station.id)).all()
    assert window.starts_at.astimezone(BERLIN).hour == 15 and window.ends_at.astimezone(BERLIN).hour == 19

    html = client.get(page).get_data(as_text=True)
    assert f"Kurzadresse: <a href=\"http://localhost/testort/k/{station.code}\">" in html
    assert "15:00–19:00" in html

    # a time after the campaign, or ending before it starts, is refused in German
    late = (campaign.event.ends_at + timedelta(days=2)).astimezone(BERLIN).date()
    response = submit(client, page, {f"{prefix}day": late.isoformat(), f"{prefix}starts": "15:00",
                                     f"{prefix}ends": "19:00"}, post_url=window_url)
    assert "Die Zeit muss im Zeitraum der Aktion liegen." in response.get_data(as_text=True)
    response = submit(client, page, {f"{prefix}day": tomorrow.isoformat(), f"{prefix}starts": "15:00",
                                     f"{prefix}ends": "14:00"}, post_url=window_url)
    assert "Das Ende muss nach dem Beginn liegen." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(TimeWindow.id)).filter_by(station_id=station.id)) == 1

    response = submit(client, page, {}, post_url=f"{window_url}/{window.id}/delete")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.scalars(db.select(TimeWindow).filter_by(station_id=station.id)).all() == []


def test_place_needs_a_name_and_both_coordinates(logged_in, campaign):
    client = logged_in(campaign.people.organiser)
    response = submit(client, f"{base(campaign.event)}/stations", {"name": "", "latitude": "47.6"})
    html = response.get_data(as_text=True)
    assert "Bitte nennen Sie den Ort." in html
    assert "Bitte geben Sie Breiten- und Längengrad an – oder keinen von beiden." in html
    assert db.session.scalar(db.select(db.func.count(Station.id))) == 2  # only the fixture's


def test_organiser_edits_a_place_and_lists_campaigns_with_counts(logged_in, campaign):
    from .helpers import post

    post(campaign.event, campaign.station, approved=False)
    client = logged_in(campaign.people.organiser)
    url = f"{base(campaign.event)}/stations/{campaign.station.id}"
    assert submit(client, url, {"name": "Alter Marktplatz", "address": "Marktplatz 1"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Station, campaign.station.id).name == "Alter Marktplatz"

    overview = client.get("/testort/organise/freiraumkisten/").get_data(as_text=True)
    assert "Freiraum Innenstadt" in overview
    from .helpers import cells

    assert ["Freiraum Innenstadt", cells(overview)[1][1], "Veröffentlicht", "2", "0", "1", "0"] == cells(overview)[1]
    dashboard = client.get("/testort/organise/").get_data(as_text=True)  # the formats' links are on the dashboard
    assert 'href="/testort/organise/freiraumkisten/">Freiraumkisten</a>' in dashboard


def test_stations_of_another_campaign_cannot_be_reached(logged_in, campaign):
    from .conftest import make_campaign, open_station

    other = make_campaign(campaign.people.municipality)
    foreign = open_station(other, "Rathaus")
    client = logged_in(campaign.people.organiser)
    assert client.get(f"{base(campaign.event)}/stations/{foreign.id}").status_code == 404
    assert client.get(f"{base(campaign.event)}/stations/{foreign.id}/poster").status_code == 404
