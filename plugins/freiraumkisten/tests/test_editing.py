"""Removing a station's time asks first; another municipality's staff
reach no such page."""
from dialogplatform.plugin_api import db
from dialogplatform.testing import csrf_token_from
from dialogplatform_formats.freiraumkisten.models import TimeWindow

from .helpers import base


def _windows():
    db.session.expire_all()
    return db.session.scalars(db.select(TimeWindow)).all()


def test_removing_a_time_asks_first(logged_in, campaign):
    client = logged_in(campaign.people.organiser)
    window = campaign.station.windows[0]
    url = f"{base(campaign.event)}/stations/{campaign.station.id}/windows/{window.id}/delete"
    assert f'href="{url}"' in client.get(f"{base(campaign.event)}/stations").get_data(as_text=True)
    page = client.get(url).get_data(as_text=True)
    assert "Marktplatz" in page and "Niemand bekommt eine Mail." in page
    assert len(_windows()) == 2
    client.post(url, data={"csrf_token": csrf_token_from(page)})
    assert [w.station_id for w in _windows()] == [campaign.other.id]
    stranger = logged_in(campaign.people.other_admin)
    other = campaign.other.windows[0]
    path = f"{base(campaign.event)}/stations/{campaign.other.id}/windows/{other.id}/delete"
    assert stranger.get(path).status_code in (403, 404)
    assert stranger.get(path.replace("/testort/", "/anderswo/")).status_code == 404
    assert len(_windows()) == 1
