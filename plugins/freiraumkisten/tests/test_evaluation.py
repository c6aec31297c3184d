"""The evaluation counts approved feedback by place, topic and mood over time;
organisers also see what is pending or hidden; CSV, posters, privacy."""
import csv
import io
from datetime import timedelta

from dialogplatform.plugin_api import db, utcnow
from dialogplatform.testing import make_user
from dialogplatform_formats.freiraumkisten import plugin, privacy, services
from dialogplatform_formats.freiraumkisten.models import ModerationEntry

from .helpers import base, cells, log_entries, post


def _feedback_set(campaign):
    """Marktplatz: 2 good, 1 partly (one of them yesterday); Bahnhof: 1 bad;
    plus one pending and one hidden post that must not count."""
    event, market, station = campaign.event, campaign.station, campaign.other
    post(event, market, "Schöne Bänke.", "good", "Begegnung")
    post(event, market, "Sauber heute.", "good", "Sauberkeit", created_at=utcnow() - timedelta(days=1))
    post(event, market, "Es ist laut.", "mixed", "Sauberkeit")
    post(event, station, "Zu dunkel.", "bad", "")
    post(event, station, "Noch nicht geprüft.", "bad", "Sauberkeit", approved=False)
    services.hide(post(event, station, "Beleidigung.", "bad", "Sauberkeit"), campaign.people.moderator, "Beleidigend")


def test_evaluation_numbers_by_place_topic_mood_and_day(client, campaign):
    _feedback_set(campaign)
    campaign.event.evaluation_published = True
    db.session.commit()
    html = client.get(f"/testort/e/{campaign.event.id}/evaluation").get_data(as_text=True)
    rows = cells(html)
    assert ["Ort", "Gut", "Teils", "Schlecht", "Gesamt"] in rows
    assert ["Marktplatz", "2", "1", "0", "3"] in rows  # the comparison of places
    assert ["Bahnhof", "0", "0", "1", "1"] in rows
    assert ["Sauberkeit", "1", "1", "0", "2"] in rows and ["Begegnung", "1", "0", "0", "1"] in rows
    assert ["Etwas anderes", "0", "0", "1", "1"] in rows
    assert ["Tag", "Gut", "Teils", "Schlecht", "Gesamt"] in rows and ["Tag", "Marktplatz", "Bahnhof", "Gesamt"] in rows
    day_rows = [row for row in rows if len(row) == 4 and row[0][:2].isdigit()]
    assert [row[1:] for row in day_rows] == [["1", "0", "1"], ["2", "1", "3"]]  # yesterday, today
    assert html.count('class="chart-image"') == 4  # every table but the texts has its chart
    assert "Schöne Bänke." in html and "Zu dunkel." in html
    assert "Noch nicht geprüft." not in html and "Beleidigung." not in html
    assert "Moderation (nur für das Organisationsteam sichtbar)" not in html


def test_organiser_sees_pending_and_hidden_counts(logged_in, campaign):
    _feedback_set(campaign)
    html = logged_in(campaign.people.organiser).get(f"/testort/e/{campaign.event.id}/evaluation").get_data(as_text=True)
    rows = cells(html)
    assert ["Freigegeben", "4"] in rows and ["Wartet auf Prüfung", "1"] in rows and ["Ausgeblendet", "1"] in rows
    assert "Beleidigung." not in html  # counted, never shown


def test_unpublished_evaluation_is_not_public(client, campaign):
    assert client.get(f"/testort/e/{campaign.event.id}/evaluation").status_code == 404


def test_evaluation_without_feedback_says_so(logged_in, campaign):
    html = logged_in(campaign.people.organiser).get(f"/testort/e/{campaign.event.id}/evaluation").get_data(as_text=True)
    assert "Es wurden noch keine Rückmeldungen veröffentlicht." in html


def test_csv_export_has_approved_feedback_only(logged_in, campaign):
    _feedback_set(campaign)
    post(campaign.event, campaign.station, "=HYPERLINK(\"x\")", "good", "Begegnung")
    response = logged_in(campaign.people.organiser).get(f"{base(campaign.event)}/export.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Datum", "Ort", "Thema", "Stimmung", "Sprache", "Quelle", "Text"]
    texts = [row[6] for row in rows[1:]]
    assert sorted(texts) == sorted(["Sauber heute.", "Schöne Bänke.", "Es ist laut.", "Zu dunkel.",
                                    "'=HYPERLINK(\"x\")"])
    assert texts[0] == "Sauber heute."  # oldest first
    assert ["Bahnhof", "Etwas anderes", "Schlecht", "de", "Handy (QR-Code)"] == rows[4][1:6]


def test_poster_has_qr_code_short_url_and_every_language(logged_in, campaign):
    html = logged_in(campaign.people.organiser).get(
        f"{base(campaign.event)}/stations/{campaign.station.id}/poster").get_data(as_text=True)
    url = f"http://localhost/testort/k/{campaign.station.code}"
    assert '<svg' in html and 'class="qr-code"' in html
    assert f'<p class="fk-poster-url">{url}</p>' in html
    assert len(campaign.station.code) == 6 and len(url) < 40
    assert "Was fehlt auf diesem Platz?" in html  # the campaign's question
    assert '<section class="fk-poster-language" lang="de" dir="ltr">' in html
    assert "Sagen Sie uns Ihre Meinung!" in html
    assert '<section class="fk-poster-language" lang="ar" dir="rtl">' in html and "شاركنا رأيك!" in html
    assert "Have your say!" in html  # Testort offers de, en, ar


def test_recommendation_sources_are_approved_texts(app, campaign):
    _feedback_set(campaign)
    with app.test_request_context("/", headers={"Accept-Language": "de"}):  # called from an organiser's page
        sources = plugin.recommendation_sources(campaign.event)
    assert sorted(source.text for source in sources) == ["Es ist laut.", "Sauber heute.", "Schöne Bänke.", "Zu dunkel."]
    assert {source.kind for source in sources} == {"Rückmeldung"}
    assert {source.topic for source in sources} == {"Begegnung", "Sauberkeit", "Etwas anderes"}
    assert all(source.ref.startswith("post:") for source in sources)


def test_privacy_touches_only_the_moderator_link(campaign):
    _feedback_set(campaign)
    moderator = campaign.people.moderator
    exported = plugin.privacy_export(moderator)
    assert [(item["action"], item["reason"]) for item in exported["moderation_log"]] == [("hidden", "Beleidigend")]
    assert plugin.privacy_export(make_user("nobody@example.org")) is None

    plugin.privacy_erase(moderator)
    db.session.commit()
    [entry] = log_entries()
    assert entry.moderator_id is None and entry.reason == "Beleidigend"  # the log stays


def test_anonymise_event_unlinks_moderators_keeps_counts_and_is_idempotent(logged_in, campaign):
    _feedback_set(campaign)
    for _ in range(2):
        privacy.anonymise_event(campaign.event)
        db.session.commit()
        assert db.session.scalar(db.select(db.func.count(ModerationEntry.id)).where(
            ModerationEntry.moderator_id.is_not(None))) == 0
        assert services.status_counts(campaign.event) == {"approved": 4, "pending": 1, "hidden": 1}
    log = logged_in(campaign.people.moderator).get(f"{base(campaign.event)}/moderation/log").get_data(as_text=True)
    assert "Gelöschtes Konto" in log and "Beleidigend" in log
