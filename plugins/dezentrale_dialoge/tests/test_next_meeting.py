""""Next meeting like the last one": one click from the series opens the
new-meeting form filled from the series' latest meeting, one week later;
the organiser only confirms."""
from datetime import timedelta
from zoneinfo import ZoneInfo

from dialogplatform.plugin_api import Event
from dialogplatform.testing import form_data_from, log_in
from dialogplatform_formats.dezentrale_dialoge.models import Meeting

from .helpers import ORGANISE, rows


def test_next_meeting_like_the_last_one(logged_in, world):
    client = logged_in(world.people.organiser)
    series_page = client.get(f"{ORGANISE}/series/{world.series.id}").get_data(as_text=True)
    url = f"{ORGANISE}/series/{world.series.id}/meetings/new?like=last"
    assert "meetings/new?like=last" in series_page
    last = world.meetings["Treff Mitte"]
    html = client.get(url).get_data(as_text=True)
    starts = (last.starts_at + timedelta(weeks=1)).astimezone(ZoneInfo("Europe/Berlin")).strftime("%Y-%m-%dT%H:%M")
    assert 'value="Dialog Treff Mitte"' in html and f'value="{starts}"' in html
    data = form_data_from(html)
    assert (data["stage"], data["site"]) == (str(world.stages[1].id), str(world.sites["Treff Mitte"].id))
    response = client.post(url, data=data)
    assert response.status_code == 302
    [new] = [e for e in rows(Event) if e.id not in {e.id for e in world.meetings.values()}]
    assert (new.status, new.title["de"], new.capacity, sorted(new.languages)) == (
        "draft", "Dialog Treff Mitte", 30, ["ar", "de"])
    assert new.starts_at - last.starts_at.replace(second=0) == timedelta(weeks=1)  # the form has minutes
    [meeting] = [m for m in rows(Meeting) if m.event_id == new.id]
    assert (meeting.stage_id, meeting.site_id) == (world.stages[1].id, world.sites["Treff Mitte"].id)


def test_next_meeting_is_not_reached_from_another_municipality(client, world):
    log_in(client, world.people.other_admin)
    url = f"/anderswo/organise/dezentrale_dialoge/series/{world.series.id}/meetings/new?like=last"
    assert client.get(url).status_code == 404
    assert client.get(f"{ORGANISE}/series/{world.series.id}/meetings/new?like=last").status_code in (403, 404)


def test_a_draft_meeting_is_deleted_with_its_link_to_the_series(logged_in, world):
    client = logged_in(world.people.organiser)
    url = f"{ORGANISE}/series/{world.series.id}/meetings/new?like=last"
    client.post(url, data=form_data_from(client.get(url).get_data(as_text=True)))
    [new_id] = [e.id for e in rows(Event) if e.status == "draft"]
    delete = f"/testort/organise/events/{new_id}/delete"
    page = client.get(delete).get_data(as_text=True)
    assert client.post(delete, data=form_data_from(page)).status_code == 302
    assert [m for m in rows(Meeting) if m.event_id == new_id] == []
    assert len(rows(Meeting)) == 3 and len(rows(Event)) == 3
