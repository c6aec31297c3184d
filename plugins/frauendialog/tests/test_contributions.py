"""Contributions are anonymous: sent on the event page or entered live by a moderator."""
from sqlalchemy import inspect

from dialogplatform.plugin_api import db, limiter
from dialogplatform.testing import csrf_token_from, disable, make_event, submit
from dialogplatform_formats.frauendialog.models import Contribution

from .helpers import count, designate, event_url, plugin_url


def test_anonymous_contribution_from_the_event_page(client, dialogue):
    response = submit(client, event_url(dialogue), {
        "kind": "wish", "topic": "Kinderbetreuung", "text": "Betreuung während der Deutschkurse"},
        post_url=plugin_url(dialogue, "contribute"))
    assert response.status_code == 302
    assert "Danke. Ihr Beitrag ist anonym gespeichert." in client.get(event_url(dialogue)).get_data(as_text=True)
    [contribution] = db.session.scalars(db.select(Contribution)).all()
    assert (contribution.kind, contribution.topic, contribution.source) == ("wish", "Kinderbetreuung", "online")


def test_a_logged_in_woman_stays_anonymous(logged_in, dialogue, enabled):
    client = logged_in(enabled.participant)
    submit(client, event_url(dialogue), {"kind": "concern", "topic": "Wohnen", "text": "Zu wenig Platz"},
           post_url=plugin_url(dialogue, "contribute"))
    # The table has nothing that could point to a person: no account, address, name or time.
    columns = {column["name"] for column in inspect(db.engine).get_columns("frauendialog_contribution")}
    assert columns == {"id", "event_id", "kind", "topic", "text", "source", "hidden"}
    row = db.session.execute(db.select(Contribution.__table__)).one()
    assert enabled.participant.email not in str(tuple(row))


def test_empty_contribution_gives_a_german_error_and_saves_nothing(client, dialogue):
    response = submit(client, plugin_url(dialogue, "contribute"), {"kind": "wish", "topic": "", "text": "  "})
    assert response.status_code == 400
    assert "Bitte schreiben Sie Ihren Beitrag." in response.get_data(as_text=True)
    assert count(Contribution) == 0


def test_unknown_topic_is_refused(client, dialogue):
    response = submit(client, plugin_url(dialogue, "contribute"), {"kind": "wish", "topic": "Erfunden", "text": "x"})
    assert response.status_code == 400
    assert count(Contribution) == 0


def test_public_form_closes_when_the_dialogue_starts(client, enabled):
    event = make_event(enabled.municipality, "frauendialog", days=-1)
    page = client.get(event_url(event)).get_data(as_text=True)
    assert "Der Dialog hat begonnen" in page and 'name="text"' not in page
    response = submit(client, "/auth/login", {"kind": "wish", "topic": "", "text": "spät"},
                      post_url=plugin_url(event, "contribute"))
    assert response.status_code == 302
    assert count(Contribution) == 0


def test_drafts_take_no_contributions_and_stay_hidden(client, enabled):
    event = make_event(enabled.municipality, "frauendialog", status="draft")
    assert client.get(plugin_url(event, "contribute")).status_code == 404


def test_live_entry_by_a_designated_moderator_with_htmx(logged_in, dialogue, staff):
    designate(dialogue, staff["designated"])
    client = logged_in(staff["designated"])
    page = client.get(plugin_url(dialogue, "live")).get_data(as_text=True)
    assert "data-live-entry" in page and "data-unsaved" in page and 'role="status"' in page
    response = submit(client, plugin_url(dialogue, "live"), {"kind": "issue", "topic": "Gesundheit",
                                                            "text": "Dolmetscherin beim Arzt"},
                      headers={"HX-Request": "true"})
    assert response.status_code == 204
    bad = submit(client, plugin_url(dialogue, "live"), {"kind": "issue", "topic": "", "text": ""},
                 headers={"HX-Request": "true"})
    assert bad.status_code == 422
    [contribution] = db.session.scalars(db.select(Contribution)).all()
    assert contribution.source == "live" and contribution.text == "Dolmetscherin beim Arzt"


def test_live_entry_without_javascript_redirects(logged_in, dialogue, enabled):
    client = logged_in(enabled.organiser)
    response = submit(client, plugin_url(dialogue, "live"), {"kind": "wish", "topic": "", "text": "Frauencafé"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/frauendialog/live")
    assert count(Contribution) == 1


def test_live_entry_is_refused_to_moderators_who_are_not_designated(logged_in, dialogue, staff):
    client = logged_in(staff["other_moderator"])
    assert client.get(plugin_url(dialogue, "live")).status_code == 403


def test_public_form_is_rate_limited(make_app, dialogue):
    enabled = limiter.enabled
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_ANONYMOUS_POST="3 per minute")
    try:
        client = app.test_client()
        token = csrf_token_from(client.get(plugin_url(dialogue, "contribute")).get_data(as_text=True))
        statuses = [client.post(plugin_url(dialogue, "contribute"), data={
            "csrf_token": token, "kind": "wish", "topic": "", "text": f"Wunsch {n}"}).status_code for n in range(4)]
    finally:
        limiter.enabled = enabled  # the limiter is shared by every app of this process
        limiter.reset()
    assert statuses == [302, 302, 302, 429]
    assert count(Contribution) == 3


def test_format_off_means_404(client, dialogue):
    disable(dialogue.municipality, "frauendialog")
    assert client.get(plugin_url(dialogue, "contribute")).status_code == 404
