"""Passers-by scan a station's QR code and leave feedback without an account."""
from datetime import timedelta

from dialogplatform.plugin_api import db, utcnow
from dialogplatform.testing import csrf_token_from, enable, make_event, submit
from dialogplatform_formats.freiraumkisten.models import PostSource, PostStatus, TimeWindow

from .conftest import make_campaign, open_station
from .helpers import feedback, posts, station_url


def test_passer_by_scans_submits_and_sees_thanks_without_account_or_tracking(client, campaign):
    url = station_url(campaign.event, campaign.station)
    page = client.get(url)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<h1>Marktplatz</h1>" in html and "Was fehlt auf diesem Platz?" in html
    for label in ("Gut", "Teils", "Schlecht"):  # the faces carry text, not only emoji
        assert f"</span> {label}</label>" in html
    assert '<span class="fk-emoji" aria-hidden="true">😊</span>' in html
    assert 'name="email"' not in html and 'name="name"' not in html

    token = csrf_token_from(html)
    response = client.post(url, data={"csrf_token": token, **feedback(topic="Begegnung", mood="mixed")})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/s/{campaign.station.code}/thanks")
    thanks = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Vielen Dank!" in thanks and "Ihre Rückmeldung ist angekommen." in thanks
    assert "sobald die Moderation sie gelesen hat" in thanks

    [stored] = posts()
    assert (stored.topic, stored.mood, stored.text) == ("Begegnung", "mixed", "Mehr Bänke im Schatten, bitte.")
    assert stored.status == PostStatus.PENDING and stored.source == PostSource.PHONE and stored.language == "de"
    cookies = [header for header in [*page.headers.getlist("Set-Cookie"), *response.headers.getlist("Set-Cookie")]]
    assert cookies and all(header.startswith("session=") for header in cookies)


def test_language_is_the_one_the_browser_asks_for(client, campaign):
    url = station_url(campaign.event, campaign.station)
    page = client.get(url, headers={"Accept-Language": "tr"}).get_data(as_text=True)
    token = csrf_token_from(page)
    client.post(url, data={"csrf_token": token, **feedback(text="Daha fazla bank lazım.")},
                headers={"Accept-Language": "tr"})
    assert posts()[0].language == "tr"


def test_topic_other_than_the_campaigns_is_refused(client, campaign):
    url = station_url(campaign.event, campaign.station)
    response = submit(client, url, feedback(topic="Erfunden"))
    assert response.status_code == 422
    assert "Bitte wählen Sie ein Thema." in response.get_data(as_text=True)
    assert posts() == []


def test_empty_text_gives_german_message_and_saves_nothing(client, campaign):
    response = submit(client, station_url(campaign.event, campaign.station), feedback(text="   "))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Bitte schreiben Sie ein paar Worte." in html and 'aria-invalid="true"' in html
    assert posts() == []


def test_overlong_text_gives_german_message_keeps_the_text_and_saves_nothing(client, campaign):
    text = "Zu laut. " * 56  # 504 characters
    response = submit(client, station_url(campaign.event, campaign.station), feedback(text=text))
    html = response.get_data(as_text=True)
    assert "Bitte schreiben Sie höchstens 500 Zeichen." in html
    assert text.strip() in html
    assert posts() == []


def test_exactly_500_characters_with_line_breaks_are_accepted(client, campaign):
    text = ("a" * 99 + "\r\n") * 4 + "b" * 100  # 500 characters as the browser counts them
    response = submit(client, station_url(campaign.event, campaign.station), feedback(text=text))
    assert response.status_code == 302
    assert len(posts()[0].text) == 500


def test_feedback_without_mood_is_refused(client, campaign):
    data = feedback()
    del data["mood"]
    response = submit(client, station_url(campaign.event, campaign.station), data)
    assert "Bitte wählen Sie, wie Sie es finden." in response.get_data(as_text=True)
    assert posts() == []


def test_station_outside_its_times_refuses_feedback_clearly(client, campaign):
    window = db.session.scalars(db.select(TimeWindow).filter_by(station_id=campaign.station.id)).one()
    window.starts_at, window.ends_at = utcnow() + timedelta(days=1), utcnow() + timedelta(days=1, hours=3)
    db.session.commit()
    url = station_url(campaign.event, campaign.station)
    html = client.get(url).get_data(as_text=True)
    assert "Die Kiste steht gerade nicht an diesem Ort" in html
    assert 'name="text"' not in html and "Wann die Kiste hier steht" in html
    other = client.get(station_url(campaign.event, campaign.other)).get_data(as_text=True)  # a form to get a token
    response = client.post(url, data={"csrf_token": csrf_token_from(other), **feedback()})
    assert response.status_code == 409
    assert "Die Kiste steht gerade nicht an diesem Ort" in response.get_data(as_text=True)
    assert posts() == []


def test_campaign_that_is_over_or_cancelled_refuses_feedback(client, campaign):
    url = station_url(campaign.event, campaign.station)
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    campaign.event.ends_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    response = client.post(url, data={"csrf_token": token, **feedback()})
    assert response.status_code == 409
    assert "Diese Aktion ist vorbei." in response.get_data(as_text=True)

    campaign.event.ends_at, campaign.event.status = utcnow() + timedelta(days=1), "cancelled"
    db.session.commit()
    response = client.post(url, data={"csrf_token": token, **feedback()})
    assert "Diese Aktion wurde abgesagt." in response.get_data(as_text=True)
    assert posts() == []


def test_draft_campaign_and_unknown_codes_are_not_found(client, campaign):
    draft = make_campaign(campaign.people.municipality, status="draft")
    draft_station = open_station(draft)
    assert client.get(station_url(draft, draft_station)).status_code == 404
    assert client.get(f"/testort/e/{campaign.event.id}/freiraumkisten/s/zzzzzz").status_code == 404
    # a code is only valid within its own campaign
    assert client.get(f"/testort/e/{campaign.event.id}/freiraumkisten/s/{draft_station.code}").status_code == 404


def test_other_municipality_and_disabled_format_answer_not_found(client, campaign):
    there = campaign.people.other_municipality
    assert client.get(
        f"/{there.slug}/e/{campaign.event.id}/freiraumkisten/s/{campaign.station.code}").status_code == 404
    themed = make_event(campaign.people.municipality, "themenabend")
    assert client.get(f"/testort/e/{themed.id}/freiraumkisten/s/{campaign.station.code}").status_code == 404
    elsewhere = make_campaign(there)  # format not enabled in Anderswo
    station = open_station(elsewhere)
    assert client.get(station_url(elsewhere, station)).status_code == 404
    enable(there, "freiraumkisten")
    assert client.get(station_url(elsewhere, station)).status_code == 200


def test_event_page_shows_places_times_and_the_link_while_the_box_is_there(client, campaign):
    html = client.get(f"/testort/e/{campaign.event.id}/").get_data(as_text=True)
    assert "Wo die Kiste steht" in html and "Marktplatz – jetzt hier" in html
    assert station_url(campaign.event, campaign.station) in html
    assert "Für das Team an der Kiste" not in html  # staff links only for staff
