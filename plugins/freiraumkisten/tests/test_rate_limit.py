"""Anonymous feedback is limited per client address and station; staff
typing in paper cards are not. The limit is tested on its own app (same
database)."""
import pytest

from dialogplatform.plugin_api import limiter
from dialogplatform.testing import log_in, submit
from dialogplatform_formats.freiraumkisten.models import PostSource

from .helpers import feedback, posts, station_url

PHONE = {"User-Agent": "Mozilla/5.0 (Linux; Android 14) Mobile"}
OTHER_PHONE = {"User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Mobile"}
ANOTHER_ADDRESS = {"REMOTE_ADDR": "192.0.2.7"}


@pytest.fixture
def limited_client(make_app):
    """A client of an app with limits on: two posts per minute."""
    enabled = limiter.enabled
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_ANONYMOUS_POST="2 per minute")
    yield app.test_client()
    limiter.enabled = enabled  # the limiter is shared by every app of this process


def _send(client, url, headers, text="Mehr Bänke!", **kwargs):
    return submit(client, url, feedback(text=text), headers=headers, **kwargs)


def test_third_post_from_one_device_at_one_station_is_refused(limited_client, campaign):
    url = station_url(campaign.event, campaign.station)
    assert [_send(limited_client, url, PHONE).status_code for _ in range(2)] == [302, 302]
    refused = _send(limited_client, url, PHONE, text="Dritter Versuch")
    assert refused.status_code == 429
    assert "Zu viele Anfragen" in refused.get_data(as_text=True)
    assert "Dritter Versuch" not in [post.text for post in posts()] and len(posts()) == 2

    # a different User-Agent from the same address is no way around the limit
    assert _send(limited_client, url, OTHER_PHONE, text="Anderer Browser").status_code == 429
    # another address at the same station, and the same phone at another station, still get through
    assert _send(limited_client, url, OTHER_PHONE, environ_base=ANOTHER_ADDRESS).status_code == 302
    assert _send(limited_client, station_url(campaign.event, campaign.other), PHONE).status_code == 302
    assert len(posts()) == 4
    # reading the form is never limited
    assert limited_client.get(url, headers=PHONE).status_code == 200


def test_staff_typing_in_paper_cards_are_not_limited(limited_client, campaign):
    log_in(limited_client, campaign.people.moderator)
    url = f"{station_url(campaign.event, campaign.station)}/card"
    for number in range(4):
        response = submit(limited_client, url, {**feedback(text=f"Karte {number}"), "language": "de"}, headers=PHONE)
        assert response.status_code == 302
    assert [post.source for post in posts()] == [PostSource.PAPER] * 4
