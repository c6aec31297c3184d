"""A moderator corrects or deletes an entry of a meeting; deleting asks
first; another municipality's staff reach neither page."""
from dialogplatform.testing import csrf_token_from, form_data_from
from dialogplatform_formats.dezentrale_dialoge.models import Entry

from .conftest import add_entries
from .helpers import entries_url, live_url, rows


def _entry(event):
    add_entries(event, [("concern", "Wohnen", "Zu wenig Platz im Zimmer.")])
    return rows(Entry)[0]


def test_moderator_edits_an_entry_with_a_free_topic(logged_in, world):
    event = world.meetings["Unterkunft Nord"]
    entry = _entry(event)
    client = logged_in(world.people.moderator)
    edit = entries_url(event) + f"/{entry.id}/edit"
    assert f'href="{edit}"' in client.get(live_url(event)).get_data(as_text=True)
    form = client.get(edit).get_data(as_text=True)
    assert "Zu wenig Platz im Zimmer.</textarea>" in form and '<option selected value="Wohnen">' in form
    data = {**form_data_from(form), "kind": "wish", "topic": _other_value(form), "other_topic": "Spielplatz",
            "text": "Ein Spielplatz neben der Unterkunft."}
    response = client.post(edit, data=data)
    assert response.status_code == 302
    [saved] = rows(Entry)
    assert (saved.kind, saved.topic, saved.text) == ("wish", "Spielplatz", "Ein Spielplatz neben der Unterkunft.")
    assert client.post(edit, data={**data, "topic": "Arbeit", "text": ""}).status_code == 422
    assert rows(Entry)[0].text == "Ein Spielplatz neben der Unterkunft."


def _other_value(form_html):
    """The value of the "Other topic" option of the topic list."""
    import re

    return re.search(r'<option (?:selected )?value="([^"]*)">Anderes Thema</option>', form_html).group(1)


def test_deleting_an_entry_asks_first(logged_in, world):
    event = world.meetings["Unterkunft Nord"]
    entry = _entry(event)
    client = logged_in(world.people.moderator)
    delete = entries_url(event) + f"/{entry.id}/delete"
    assert f'href="{delete}"' in client.get(live_url(event)).get_data(as_text=True)
    page = client.get(delete).get_data(as_text=True)
    assert "Zu wenig Platz im Zimmer." in page and "Niemand bekommt eine Mail." in page
    assert len(rows(Entry)) == 1
    client.post(delete, data={"csrf_token": csrf_token_from(page)})
    assert rows(Entry) == []


def test_another_municipalitys_staff_reach_no_entry(logged_in, world):
    event = world.meetings["Unterkunft Nord"]
    entry = _entry(event)
    stranger = logged_in(world.people.other_admin)
    for action in ("edit", "delete"):
        path = entries_url(event) + f"/{entry.id}/{action}"
        assert stranger.get(path).status_code in (403, 404)
        assert stranger.get(path.replace("/testort/", "/anderswo/")).status_code == 404
        assert stranger.post(path.replace("/testort/", "/anderswo/"), data={"text": "x"}).status_code in (400, 404)
    assert rows(Entry)[0].text == "Zu wenig Platz im Zimmer."
