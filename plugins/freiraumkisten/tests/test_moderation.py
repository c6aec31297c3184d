"""Moderators approve and hide anonymous posts; nothing disappears silently."""
import re
from datetime import timedelta

from dialogplatform.plugin_api import Role, db, grant_role, utcnow
from dialogplatform.testing import make_user, submit
from dialogplatform_formats.freiraumkisten.models import PostSource, PostStatus

from .conftest import make_campaign, open_station
from .helpers import base, cells, feedback, log_entries, post, posts, station_url


def _helper(campaign):
    helper = make_user("helfer@testort.example")
    grant_role(helper, campaign.people.municipality, Role.HELPER)
    db.session.commit()
    return helper


def _evaluation(client, event):
    return client.get(f"/testort/e/{event.id}/evaluation").get_data(as_text=True)


def test_held_post_is_hidden_until_approved_then_hidden_with_reason_and_logged(client, logged_in, campaign):
    event = campaign.event
    event.evaluation_published = True
    pending = post(event, campaign.station, "Mehr Schatten am Brunnen.", approved=False)
    assert pending.status == PostStatus.PENDING
    assert "Mehr Schatten am Brunnen." not in _evaluation(client, event)  # the public sees nothing yet

    moderator = logged_in(campaign.people.moderator)
    page = f"{base(event)}/moderation"
    html = moderator.get(page).get_data(as_text=True)
    assert "Mehr Schatten am Brunnen." in html and "Wartet auf Prüfung (1)" in html
    response = submit(moderator, page, {}, post_url=f"{base(event)}/moderation/posts/{pending.id}/approve")
    assert response.status_code == 302
    assert posts()[0].status == PostStatus.APPROVED
    assert "Mehr Schatten am Brunnen." in _evaluation(client, event)

    response = submit(moderator, page, {f"p{pending.id}-reason": "Enthält einen Namen."},
                      post_url=f"{base(event)}/moderation/posts/{pending.id}/hide?status=approved")
    assert response.status_code == 302
    [stored] = posts()  # hidden, never deleted
    assert stored.status == PostStatus.HIDDEN and stored.text == "Mehr Schatten am Brunnen."
    assert "Mehr Schatten am Brunnen." not in _evaluation(client, event)

    approved, hidden = log_entries()
    assert (approved.action, approved.moderator_id) == ("approved", campaign.people.moderator.id)
    assert (hidden.action, hidden.reason, hidden.moderator_id) == ("hidden", "Enthält einen Namen.",
                                                                     campaign.people.moderator.id)
    log = moderator.get(f"{base(event)}/moderation/log").get_data(as_text=True)
    rows = cells(log)
    assert ["Wer", "Aktion", "Grund"] == rows[0][1:4]
    assert rows[1][1:4] == ["moderator", "Ausgeblendet", "Enthält einen Namen."]
    assert re.match(r"\d{2}\.\d{2}\.\d{2}, \d{2}:\d{2}", rows[1][0])  # when
    hidden_list = moderator.get(f"{page}?status=hidden").get_data(as_text=True)
    assert "Mehr Schatten am Brunnen." in hidden_list and "Beitrag wieder anzeigen" in hidden_list


def test_hiding_without_reason_is_refused_in_german(logged_in, campaign):
    target = post(campaign.event, campaign.station, "Beleidigung", approved=True)
    moderator = logged_in(campaign.people.moderator)
    page = f"{base(campaign.event)}/moderation?status=approved"
    response = submit(moderator, page, {f"p{target.id}-reason": "  "},
                      post_url=f"{base(campaign.event)}/moderation/posts/{target.id}/hide?status=approved")
    assert response.status_code == 422
    assert "Bitte geben Sie einen Grund an." in response.get_data(as_text=True)
    assert posts()[0].status == PostStatus.APPROVED and log_entries() == []


def test_without_review_a_post_is_public_at_once(client, campaign):
    event = make_campaign(campaign.people.municipality, hold_for_review=False, evaluation_published=True)
    station = open_station(event)
    submit(client, station_url(event, station), feedback(text="Toller Spielplatz!"))
    assert posts()[0].status == PostStatus.APPROVED
    thanks = client.get(f"{station_url(event, station)}/thanks").get_data(as_text=True)
    assert "Ihre Rückmeldung ist angekommen." in thanks and "sobald eine Moderatorin" not in thanks
    assert "Toller Spielplatz!" in _evaluation(client, event)


def test_staff_type_in_paper_cards_marked_as_such(client, logged_in, campaign):
    helper = _helper(campaign)
    card_url = f"{station_url(campaign.event, campaign.station)}/card"
    assert client.get(card_url).status_code == 302  # log in first

    staff = logged_in(helper)
    html = staff.get(card_url).get_data(as_text=True)
    assert "Papierkarte eingeben: Marktplatz" in html and 'name="language"' in html
    response = submit(staff, card_url, {**feedback(text="Mehr Mülleimer!"), "language": "ar"})
    assert response.status_code == 302
    assert "Die Papierkarte ist gespeichert." in staff.get(card_url).get_data(as_text=True)
    [card] = posts()
    assert (card.source, card.language, card.status) == (PostSource.PAPER, "ar", PostStatus.PENDING)


def test_a_moderators_paper_card_is_approved_and_may_come_after_the_box_left(logged_in, campaign):
    for window in campaign.station.windows:
        window.ends_at = utcnow() - timedelta(minutes=5)
        window.starts_at = utcnow() - timedelta(hours=3)
    db.session.commit()
    staff = logged_in(campaign.people.moderator)
    card_url = f"{station_url(campaign.event, campaign.station)}/card"
    assert submit(staff, card_url, {**feedback(), "language": "de"}).status_code == 302
    assert posts()[0].status == PostStatus.APPROVED and posts()[0].source == PostSource.PAPER


def test_moderation_pages_need_the_role_in_this_municipality(client, logged_in, campaign):
    target = post(campaign.event, campaign.station, approved=False)
    pages = [f"{base(campaign.event)}/moderation", f"{base(campaign.event)}/moderation/log"]
    for page in pages:
        assert client.get(page).status_code == 302  # anonymous: to the log-in
    participant = logged_in(campaign.people.participant)
    for page in pages:
        assert participant.get(page).status_code == 403
    assert participant.post(f"{base(campaign.event)}/moderation/posts/{target.id}/approve").status_code in (400, 403)
    assert posts()[0].status == PostStatus.PENDING


def test_another_municipalitys_admin_cannot_moderate(logged_in, campaign):
    other = logged_in(campaign.people.other_admin)
    assert other.get(f"{base(campaign.event)}/moderation").status_code == 403
    assert other.get(f"/anderswo/e/{campaign.event.id}/freiraumkisten/moderation").status_code == 404


def test_helper_may_not_moderate_and_moderator_may_not_manage_stations(logged_in, campaign):
    helper = _helper(campaign)
    assert logged_in(helper).get(f"{base(campaign.event)}/moderation").status_code == 403
    moderator = logged_in(campaign.people.moderator)
    for page in ("stations", f"stations/{campaign.station.id}/poster", "export.csv"):
        assert moderator.get(f"{base(campaign.event)}/{page}").status_code == 403
    assert moderator.get("/testort/organise/freiraumkisten/").status_code == 403
