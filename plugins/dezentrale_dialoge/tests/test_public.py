"""The public series page: meetings with sign-up, the comparison, no contacts."""
import re

from dialogplatform.plugin_api import db
from dialogplatform.testing import enable

from .conftest import add_entries
from .helpers import series_url


def test_series_page_lists_meetings_with_sign_up_links_and_hides_contacts(client, world):
    add_entries(world.meetings["Unterkunft Nord"], [("concern", "Wohnen", "Zu eng.")])
    html = client.get(series_url(world.series)).get_data(as_text=True)
    upcoming = world.meetings["Treff Mitte"]
    assert f'href="/testort/e/{upcoming.id}/signup"' in html
    assert "<td>30</td>" in html  # seats left of the upcoming meeting
    assert "Arabisch" in html  # languages and interpreters
    for past in ("Unterkunft Nord", "Unterkunft Süd"):
        event = world.meetings[past]
        assert f'href="/testort/e/{event.id}/signup"' not in html  # past: no sign-up
    assert "Vergangene Treffen" in html
    assert "Kontakt " not in html and "0711 123456" not in html
    assert '<th scope="colgroup" colspan="1">1. Unterkünfte</th>' in html


def test_drafts_are_not_listed(client, world):
    draft = world.meetings["Treff Mitte"]
    draft.status = "draft"
    db.session.commit()
    html = client.get(series_url(world.series)).get_data(as_text=True)
    assert f"/e/{draft.id}/" not in html
    assert "Zurzeit sind keine Treffen geplant." in html


def test_unpublished_series_is_404_publicly_but_organisers_preview_it(client, logged_in, world):
    world.series.published = False
    db.session.commit()
    assert client.get(series_url(world.series)).status_code == 404
    assert "Dialoge Testort" not in client.get("/testort/f/dezentrale_dialoge/").get_data(as_text=True)
    html = logged_in(world.people.organiser).get(series_url(world.series)).get_data(as_text=True)
    assert "Vorschau" in html


def test_series_is_not_found_under_another_municipality(client, world):
    enable(world.people.other_municipality, "dezentrale_dialoge")
    assert client.get(series_url(world.series, slug="anderswo")).status_code == 404
    assert client.get("/testort/f/dezentrale_dialoge/series/99999").status_code == 404


def test_public_index_lists_published_series(client, world):
    html = client.get("/testort/f/dezentrale_dialoge/").get_data(as_text=True)
    assert re.search(rf'href="{series_url(world.series)}">Dialoge Testort</a>', html)


def test_meeting_without_capacity_has_no_seat_limit(client, world):
    meeting = world.meetings["Treff Mitte"]
    meeting.capacity = None
    db.session.commit()
    html = client.get(series_url(world.series)).get_data(as_text=True)
    assert "Keine Begrenzung" in html
