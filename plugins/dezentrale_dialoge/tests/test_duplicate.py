"""Duplicating a meeting keeps it in its series, stage and site; the
concerns, wishes and walk-ins recorded there stay with the original."""
from dialogplatform.plugin_api import db
from dialogplatform.testing import duplicate_from_hub
from dialogplatform_formats.dezentrale_dialoge import services
from dialogplatform_formats.dezentrale_dialoge.models import Entry

from .conftest import add_entries
from .helpers import ORGANISE, live_url


def test_the_copy_is_a_meeting_of_the_same_series_stage_and_site_without_entries(logged_in, world):
    origin = world.meetings["Unterkunft Süd"]
    add_entries(origin, [("concern", "Wohnen", "Die Zimmer sind zu klein.")])
    services.set_walk_ins(services.meeting_of(origin), 7)
    client = logged_in(world.people.organiser)

    copy = duplicate_from_hub(client, origin)

    live = client.get(live_url(copy))
    assert live.status_code == 200  # a meeting of the series: there is something to record against
    html = live.get_data(as_text=True)
    assert "Sprachkurse" in html  # the series' topics to pick from
    assert "Die Zimmer sind zu klein." not in html and "<dd>7</dd>" not in html
    assert "Die Zimmer sind zu klein." in client.get(live_url(origin)).get_data(as_text=True)
    link = client.get(f"{ORGANISE}/meetings/{copy.id}").get_data(as_text=True)
    stage, site = world.stages[0], world.sites["Unterkunft Süd"]
    assert f'<option selected value="{stage.id}">' in link and f'<option selected value="{site.id}">' in link
    meeting = services.meeting_of(copy)
    assert (meeting.series_id, meeting.stage_id, meeting.site_id, meeting.walk_ins) == (
        world.series.id, stage.id, site.id, 0)
    assert db.session.scalar(db.select(db.func.count(Entry.id)).filter_by(event_id=copy.id)) == 0
