"""Duplicating a campaign takes its stations along, each with a new short
code and its times moved like the campaign; the posts stay behind."""
from dialogplatform.plugin_api import db
from dialogplatform.testing import duplicate_from_hub
from dialogplatform_formats.freiraumkisten import services
from dialogplatform_formats.freiraumkisten.models import ModerationEntry, Post

from .helpers import base, post


def test_the_copy_has_the_stations_and_moved_times_but_no_posts(logged_in, campaign):
    people, event = campaign.people, campaign.event
    post(event, campaign.station, "Mehr Bänke im Schatten, bitte.", approved=False)
    services.approve(post(event, campaign.other, "Der Bahnhof ist zu dunkel.", approved=False), people.moderator)
    client = logged_in(people.organiser)

    copy = duplicate_from_hub(client, event)

    shift = copy.starts_at - event.starts_at
    html = client.get(f"{base(copy)}/stations").get_data(as_text=True)
    originals = services.stations_of(event)
    copies = services.stations_of(copy)
    assert [(s.name, s.address, s.latitude, s.position) for s in copies] == [
        (s.name, s.address, s.latitude, s.position) for s in originals]
    for original, station in zip(originals, copies, strict=True):
        assert station.name in html and station.code != original.code and f"/testort/k/{station.code}" in html
        assert f"/testort/k/{original.code}" not in html  # a poster of the old campaign keeps leading there
        [window] = station.windows
        assert (window.starts_at, window.ends_at) == (original.windows[0].starts_at + shift,
                                                     original.windows[0].ends_at + shift)
        assert f'datetime="{window.starts_at.isoformat()}"' in html
    for page in ("moderation", "moderation/log"):
        response = client.get(f"{base(copy)}/{page}")
        assert response.status_code == 200
        text = response.get_data(as_text=True)
        assert "Bänke im Schatten" not in text and "zu dunkel" not in text
    assert "Bänke im Schatten" in client.get(f"{base(event)}/moderation").get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Post.id)).filter_by(event_id=copy.id)) == 0
    assert db.session.scalar(db.select(db.func.count(ModerationEntry.id)).filter_by(event_id=copy.id)) == 0
