"""Nobody but the organisers and the designated moderators learns who takes part."""
import re

import pytest

from dialogplatform.plugin_api import Membership, Role, db
from dialogplatform.testing import log_in, make_event, submit
from dialogplatform_formats.frauendialog.models import Designation

from .helpers import NAMES, add_women, count, designate, event_url, plugin_url

SEATS = re.compile(r"(\d+) (?:seats? left|Plätze frei|Platz frei)")


def _no_names(html):
    return not any(name in html or name.split()[1] in html for name in NAMES)


@pytest.fixture
def signed_up(dialogue, staff):
    add_women(dialogue)
    designate(dialogue, staff["designated"])
    return dialogue


def test_public_pages_and_feeds_never_show_participants(client, signed_up):
    slug = signed_up.municipality.slug
    for url in (f"/{slug}/", event_url(signed_up), f"/{slug}/feed.atom", f"/{slug}/calendar.ics",
                f"/{slug}/e/{signed_up.id}/event.ics", plugin_url(signed_up, "contribute")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _no_names(response.get_data(as_text=True)), url
    # No participation figure either (the event has no capacity, so the core shows no seats).
    html = client.get(event_url(signed_up)).get_data(as_text=True)
    assert not SEATS.search(html)


def test_participant_list_asks_anonymous_visitors_to_log_in(client, signed_up):
    response = client.get(plugin_url(signed_up, "participants"))
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


@pytest.mark.parametrize("who", ["other_moderator", "helper"])
def test_participant_list_is_forbidden_for_staff_who_are_not_designated(logged_in, signed_up, staff, who):
    client = logged_in(staff[who])
    for path in ("participants", "contributions", "live"):
        response = client.get(plugin_url(signed_up, path))
        assert response.status_code == 403, path
        assert _no_names(response.get_data(as_text=True))
    event_page = client.get(event_url(signed_up)).get_data(as_text=True)
    assert _no_names(event_page) and "Teilnehmerinnenliste" not in event_page


def test_residents_and_other_municipalities_are_refused(logged_in, signed_up, enabled):
    assert logged_in(enabled.participant).get(plugin_url(signed_up, "participants")).status_code == 403


def test_admin_of_another_municipality_gets_nothing(logged_in, signed_up, enabled):
    client = logged_in(enabled.other_admin)
    assert client.get(plugin_url(signed_up, "participants")).status_code == 403
    # The event through the other municipality's address does not exist.
    assert client.get(plugin_url(signed_up, "participants", slug="anderswo")).status_code == 404


@pytest.mark.parametrize("who", ["organiser", "designated"])
def test_organiser_and_designated_moderator_see_the_list(logged_in, signed_up, staff, enabled, who):
    user = enabled.organiser if who == "organiser" else staff["designated"]
    client = logged_in(user)
    html = client.get(plugin_url(signed_up, "participants")).get_data(as_text=True)
    assert all(name in html for name in NAMES)
    assert "<td>Farsi</td>" in html and "<td>ja</td>" in html  # interpreter, wish for a female interpreter
    assert "Teilnehmerinnenliste" in client.get(event_url(signed_up)).get_data(as_text=True)


def test_designation_ends_with_the_moderator_role(logged_in, signed_up, staff):
    membership = db.session.scalars(db.select(Membership).filter_by(user_id=staff["designated"].id)).one()
    membership.role = Role.HELPER
    db.session.commit()
    assert logged_in(staff["designated"]).get(plugin_url(signed_up, "participants")).status_code == 403


def test_designated_for_one_dialogue_is_not_designated_for_another(logged_in, signed_up, staff, enabled):
    other = make_event(enabled.municipality, "frauendialog", title="Zweiter Frauendialog")
    add_women(other, ["Samira Zweitfrau"])
    html = logged_in(staff["designated"]).get(plugin_url(other, "participants"))
    assert html.status_code == 403


def test_organiser_designates_moderators(logged_in, dialogue, staff, enabled):
    client = logged_in(enabled.organiser)
    url = plugin_url(dialogue, "moderators")
    page = client.get(url).get_data(as_text=True)
    assert "designiert@testort.example" in page
    assert "helferin@testort.example" not in page  # only moderators can be designated
    response = submit(client, url, {"moderators": [str(staff["designated"].id), str(staff["helper"].id)]})
    assert response.status_code == 200  # a helper's id is not a valid choice: nothing is saved
    assert count(Designation) == 0
    response = submit(client, url, {"moderators": [str(staff["designated"].id)]})
    assert response.status_code == 302
    assert [d.user_id for d in db.session.scalars(db.select(Designation))] == [staff["designated"].id]
    submit(client, url, {})
    assert count(Designation) == 0


def test_only_organisers_designate(logged_in, dialogue, staff):
    assert logged_in(staff["designated"]).get(plugin_url(dialogue, "moderators")).status_code == 403


def test_door_list_and_check_in_are_for_organisers_only(client, signed_up, staff, logged_in, enabled):
    """The core keeps a protected format's names from helpers and
    moderators at the door too (they use the format's own pages)."""
    log_in(client, staff["helper"])
    base = f"/{signed_up.municipality.slug}/organise/events/{signed_up.id}"
    for page in ("door-list", "check-in", "assisted", "registrations"):
        response = client.get(f"{base}/{page}")
        assert response.status_code == 403
        assert NAMES[0] not in response.get_data(as_text=True)
    organiser = logged_in(enabled.organiser)
    assert NAMES[0] in organiser.get(f"{base}/door-list").get_data(as_text=True)


def test_public_pages_show_no_seat_counts(client, enabled):
    """Seats left would tell how many women signed up."""
    event = make_event(enabled.municipality, "frauendialog", capacity=20)
    add_women(event)
    for url in (event_url(event), f"/{event.municipality.slug}/", f"/{event.municipality.slug}/e/{event.id}/signup"):
        assert SEATS.search(client.get(url).get_data(as_text=True)) is None
