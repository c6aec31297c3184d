"""The women's dialogue under the core's protection: the threshold per topic,
numbers in bands, texts in an order that is not the order given, instance
admins without names, and moderation of contributions with a logged reason."""
import pytest

from dialogplatform.plugin_api import AuditEntry, db, protection
from dialogplatform.testing import submit
from dialogplatform_formats.frauendialog import services
from dialogplatform_formats.frauendialog.models import Contribution
from dialogplatform_formats.frauendialog.suppression import suppress_by_topic

from .helpers import NAMES, add_contributions, add_women, designate, plugin_url


def test_the_threshold_applies_per_topic_and_per_kind_only_when_every_kind_reaches_it():
    counts = {("Wohnen", "wish"): 3, ("Wohnen", "concern"): 3, ("Kita", "wish"): 5, ("Arbeit", "issue"): 6,
              ("Arbeit", "wish"): 5, ("Sicherheit", "concern"): 2}
    result = suppress_by_topic(counts, 5)
    assert result.groups == [(("Arbeit", "issue"), 6), (("Arbeit", "wish"), 5), (("Wohnen", ""), 6),
                             (("Kita", "wish"), 5)]
    assert result.other == 0 and result.total == 22  # Sicherheit (2) is dropped


def test_eleven_contributions_across_kinds_are_not_all_other_topics(client, dialogue):
    """The finding: 11 real contributions showed only as "Andere Themen: 11"."""
    dialogue.evaluation_published = True
    db.session.commit()
    for kind in ("issue", "wish", "concern"):
        add_contributions(dialogue, "Wohnen", kind, 2)
    for kind in ("wish", "concern"):
        add_contributions(dialogue, "Kinderbetreuung", kind, 2)
    add_contributions(dialogue, "Kinderbetreuung", "issue", 1)
    html = client.get(f"/testort/e/{dialogue.id}/evaluation").get_data(as_text=True)
    assert "Wohnen" in html and "Kinderbetreuung" in html and "Alle Arten" in html
    assert "Andere Themen" not in html and ">6<" not in html and ">11<" not in html


def test_contributions_are_listed_in_a_fixed_order_that_is_not_the_order_given(logged_in, dialogue, enabled):
    add_contributions(dialogue, "Wohnen", "wish", 12, text="Beitrag")
    client = logged_in(enabled.organiser)

    def order():
        html = client.get(plugin_url(dialogue, "contributions")).get_data(as_text=True)
        return [int(part.split("<", 1)[0]) for part in html.split("Beitrag ")[1:]]

    first = order()
    assert sorted(first) == list(range(12)) and first != list(range(12)) and first != list(range(11, -1, -1))
    assert order() == first  # the same on every visit
    add_contributions(dialogue, "Wohnen", "wish", 1, text="Neu")
    assert order() == first  # a new one goes somewhere in between, the others keep their places


def test_staff_links_name_contributions_by_handle_not_by_id(logged_in, dialogue, enabled):
    add_contributions(dialogue, "Wohnen", "wish", 5)
    html = logged_in(enabled.organiser).get(plugin_url(dialogue, "contributions")).get_data(as_text=True)
    ids = [c.id for c in db.session.scalars(db.select(Contribution))]
    for contribution_id in ids:
        assert f"contributions/{contribution_id}\"" not in html
        assert f"contributions/{protection.handle(dialogue, contribution_id)}" in html


@pytest.fixture
def five(dialogue, staff):
    designate(dialogue, staff["designated"])
    add_contributions(dialogue, "Wohnen", "wish", 4, text="Zu wenig Platz")
    db.session.add(Contribution(event_id=dialogue.id, topic="Wohnen", kind="wish", source="live",
                                text="Ich wohne als einzige Somalierin im Haus Lindenweg 4"))
    db.session.commit()
    secret = db.session.scalar(db.select(Contribution).where(Contribution.text.like("%Somalierin%")))
    return dialogue, protection.handle(dialogue, secret.id)


@pytest.mark.parametrize("action", ["hide", "redact", "delete"])
def test_a_designated_moderator_hides_redacts_or_deletes_with_a_logged_reason(logged_in, five, staff, action):
    dialogue, handle = five
    client = logged_in(staff["designated"])
    url = plugin_url(dialogue, f"contributions/{handle}")
    response = submit(client, url, {"action": action, "reason": "identifying", "text": "Ich wohne im Haus"})
    assert response.status_code == 302
    html = client.get(plugin_url(dialogue, "contributions")).get_data(as_text=True)
    assert "Somalierin" not in html and "Lindenweg" not in html
    db.session.expire_all()
    texts = [c.text for c in db.session.scalars(db.select(Contribution))]
    assert len(texts) == (4 if action == "delete" else 5)
    assert ("Ich wohne im Haus" in texts) == (action == "redact")
    [entry] = db.session.scalars(db.select(AuditEntry)).all()
    assert entry.action == f"frauendialog.contribution_{action}" and entry.details == {"reason": "identifying"}
    assert entry.actor_id == staff["designated"].id and entry.target_id == dialogue.id
    assert "Somalierin" not in str(entry.details) and "Ich wohne" not in str(entry.details)


def test_moderation_needs_the_form_token_a_reason_and_the_right_people(logged_in, client, five, staff, enabled):
    dialogue, handle = five
    url = plugin_url(dialogue, f"contributions/{handle}")
    assert client.post(url, data={"action": "delete", "reason": "identifying"}).status_code in (302, 400, 403)
    moderator = logged_in(staff["designated"])
    assert moderator.post(url, data={"action": "delete", "reason": "identifying"}).status_code == 400  # no CSRF
    assert submit(moderator, url, {"action": "delete", "reason": "because"}).status_code == 400
    assert submit(moderator, url, {"action": "redact", "reason": "offensive", "text": ""}).status_code == 400
    assert moderator.get(plugin_url(dialogue, "contributions/0123456789abcdef0123")).status_code == 404
    assert db.session.scalar(db.select(db.func.count(Contribution.id))) == 5
    for who in (staff["other_moderator"], staff["helper"], enabled.instance_admin):
        other = logged_in(who)
        assert other.get(url).status_code == 403
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id))) == 0


def test_instance_admin_sees_neither_names_nor_texts(logged_in, dialogue, enabled):
    add_women(dialogue)
    add_contributions(dialogue, "Wohnen", "wish", 5, text="Zu wenig Platz")
    client = logged_in(enabled.instance_admin)
    for path in ("participants", "contributions", "live"):
        assert client.get(plugin_url(dialogue, path)).status_code == 403, path
    counts = client.get(f"/testort/organise/events/{dialogue.id}/registrations").get_data(as_text=True)
    assert "weniger als 5" in counts and not any(name.split()[0] in counts for name in NAMES)
    assert services.may_see_participants(dialogue, enabled.organiser)
    assert not services.may_see_participants(dialogue, enabled.instance_admin)
