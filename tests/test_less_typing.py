"""Less typing for organisers: duplicate an event, delete a draft, the
event form's order (title, date, place first) and its process select."""
import logging
import secrets

from conftest import enable, log_in, make_event, submit
from process_helpers import make_process

from dialogplatform.extensions import db
from dialogplatform.models import AuditEntry, Event, EventTemplate, Registration
from dialogplatform.testing.helpers import csrf_token_from, form_data_from


def _organiser(client, people, format_key="themenabend"):
    enable(people.municipality, format_key)
    log_in(client, people.organiser)
    return client


def _sign_up(event):
    db.session.add(Registration(event_id=event.id, name="Samira", email="samira@example.org", status="confirmed",
                                token_nonce=secrets.token_hex(8)))
    db.session.commit()


def test_duplicate_is_a_draft_a_week_later_with_texts_settings_and_no_sign_ups(people, client):
    _organiser(client, people)
    event = make_event(people.municipality, "themenabend", capacity=30, languages=["de", "ar"],
                       step_free=True, settings={"moderation": True, "demo_key": "abend-1"})
    _sign_up(event)
    hub = f"/testort/organise/e/{event.id}/"
    assert "Als Entwurf duplizieren" in client.get(hub).get_data(as_text=True)
    response = submit(client, hub, {}, post_url=f"/testort/organise/events/{event.id}/duplicate")
    assert response.status_code == 302
    copy = db.session.scalars(db.select(Event).where(Event.id != event.id)).one()
    assert response.headers["Location"].endswith(f"/testort/organise/events/{copy.id}")
    assert copy.status == "draft"
    assert copy.title == {"de": "Sicherheit und Nachbarschaft", "en": "Safety and neighbourhood"}
    assert copy.description == event.description
    assert copy.settings == {"moderation": True}  # without the demo's marker
    assert (copy.capacity, copy.languages, copy.step_free, copy.place_name) == (30, ["de", "ar"], True, "Rathaus")
    assert copy.starts_at - event.starts_at == __import__("datetime").timedelta(weeks=1)
    assert db.session.scalar(db.select(db.func.count()).where(Registration.event_id == copy.id)) == 0
    page = client.get(f"/testort/organise/events/{copy.id}").get_data(as_text=True)
    assert "Sicherheit und Nachbarschaft" in page
    assert db.session.scalars(db.select(AuditEntry.action).where(AuditEntry.target_id == copy.id)).all() == [
        "event.duplicated"]


def test_duplicate_needs_the_csrf_token(people, client):
    _organiser(client, people)
    event = make_event(people.municipality, "themenabend")
    assert client.post(f"/testort/organise/events/{event.id}/duplicate").status_code == 400
    assert db.session.scalar(db.select(db.func.count(Event.id))) == 1


def test_format_that_fails_to_copy_its_set_up_leaves_the_copy_as_the_core_made_it(people, make_app, caplog):
    """A failing ``duplicate_event`` is logged; the copy stays, without what
    the hook half did, and the organiser is told to add the set-up by hand."""
    app = make_app(PLUGIN_MODULES=["fixture_plugins.broken_panels"])
    with app.app_context():
        enable(people.municipality, "brokenpanels")
        event = make_event(people.municipality, "brokenpanels")
        client = app.test_client()
        log_in(client, people.organiser)
        with caplog.at_level(logging.ERROR):
            response = submit(client, f"/testort/organise/e/{event.id}/", {},
                              post_url=f"/testort/organise/events/{event.id}/duplicate")
        assert response.status_code == 302
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        assert "konnte nicht mitkopiert werden" in page
        db.session.expire_all()
        copy = db.session.scalars(db.select(Event).where(Event.id != event.id)).one()
        assert (copy.status, copy.place_name) == ("draft", "Rathaus")
        assert "brokenpanels" in caplog.text and "duplicate_event" in caplog.text


def test_draft_without_sign_ups_is_deleted_after_confirmation(people, client):
    _organiser(client, people)
    event_id = make_event(people.municipality, "themenabend", status="draft").id
    url = f"/testort/organise/events/{event_id}/delete"
    page = client.get(url)
    assert page.status_code == 200 and "Ja, Entwurf löschen" in page.get_data(as_text=True)
    assert db.session.get(Event, event_id) is not None  # the GET only asks
    response = submit(client, url, {})
    assert response.status_code == 302 and response.headers["Location"].endswith("/testort/organise/events/")
    db.session.expire_all()
    assert db.session.get(Event, event_id) is None
    assert db.session.scalar(db.select(AuditEntry).filter_by(action="event.deleted", target_id=event_id))


def test_published_event_or_draft_with_sign_ups_is_not_deleted(people, client):
    _organiser(client, people)
    published = make_event(people.municipality, "themenabend")
    draft = make_event(people.municipality, "themenabend", status="draft")
    _sign_up(draft)
    token = csrf_token_from(client.get(f"/testort/organise/events/{published.id}").get_data(as_text=True))
    for event in (published, draft):
        url = f"/testort/organise/events/{event.id}/delete"
        assert client.get(url).status_code == 302
        assert client.post(url, data={"csrf_token": token}).status_code == 302
        db.session.expire_all()
        assert db.session.get(Event, event.id) is not None
    html = client.get(f"/testort/organise/events/{draft.id}").get_data(as_text=True)
    assert "Entwurf löschen" not in client.get(f"/testort/organise/events/{published.id}").get_data(as_text=True)
    assert "Entwurf löschen" in html  # the link is there; the page refuses with a reason
    assert "Nur ein Entwurf" in client.get(f"/testort/organise/events/{draft.id}/delete",
                                           follow_redirects=True).get_data(as_text=True)


def test_other_municipality_reaches_none_of_the_new_views(people, client):
    event = make_event(people.municipality, "themenabend", status="draft")
    enable(people.other_municipality, "themenabend")
    log_in(client, people.other_admin)
    base = f"/testort/organise/events/{event.id}"
    assert client.get(f"{base}/delete").status_code in (403, 404)
    assert client.post(f"{base}/delete").status_code in (400, 403, 404)
    assert client.post(f"{base}/duplicate").status_code in (400, 403, 404)
    # With its own token, through its own municipality's address: not found.
    token = csrf_token_from(client.get("/anderswo/organise/new/themenabend").get_data(as_text=True))
    assert client.post(f"/anderswo/organise/events/{event.id}/duplicate", data={"csrf_token": token}).status_code == 404
    assert client.post(f"/anderswo/organise/events/{event.id}/delete", data={"csrf_token": token}).status_code == 404
    assert db.session.scalar(db.select(db.func.count(Event.id))) == 1


def test_event_form_starts_with_title_then_date_then_place(people, client):
    _organiser(client, people)
    html = client.get("/testort/organise/new/themenabend").get_data(as_text=True)
    positions = [html.index(f'id="{name}"') for name in ("title_de", "starts_at", "place_name", "capacity",
                                                         "languages")]
    assert positions == sorted(positions)
    # The other languages' titles are collapsed; the summary names the missing ones.
    translations = html[html.index('id="title_de-translations"'):]
    assert translations.index('id="title_en"') < translations.index("</details>")
    assert "Übersetzungen (fehlt: Englisch und Arabisch)" in html


def test_event_is_put_into_a_process_from_its_own_form(people, client):
    _organiser(client, people)
    process = make_process(people.municipality)
    foreign = make_process(people.other_municipality, "Anderswo-Prozess")
    event = make_event(people.municipality, "themenabend")
    url = f"/testort/organise/events/{event.id}"
    html = client.get(url).get_data(as_text=True)
    assert "Flüchtlingsdialog Testort" in html and "Anderswo-Prozess" not in html
    data = form_data_from(html)
    data.update(process_id=str(process.id), process_step="2")
    assert client.post(url, data=data).status_code == 302
    db.session.expire_all()
    saved = db.session.get(Event, event.id)
    assert (saved.process_id, saved.process_step) == (process.id, 2)
    data.update(process_id=str(foreign.id))  # another municipality's process: not a choice
    assert client.post(url, data=data).status_code == 200
    db.session.expire_all()
    assert db.session.get(Event, event.id).process_id == process.id
    data.update(process_id="")
    client.post(url, data=data)
    db.session.expire_all()
    assert db.session.get(Event, event.id).process_id is None


def test_save_as_template_then_start_a_new_event_from_it_then_delete_it(people, client):
    _organiser(client, people)
    event = make_event(people.municipality, "themenabend", capacity=25, settings={"answering_bodies": "Polizei",
                                                                                  "demo_key": "x"})
    response = submit(client, f"/testort/organise/events/{event.id}/template", {"name": "Abend im Rathaus"})
    assert response.status_code == 302
    template = db.session.scalars(db.select(EventTemplate)).one()
    assert "demo_key" not in str(template.data) and "starts_at" not in template.data
    listing = client.get("/testort/organise/templates/").get_data(as_text=True)
    assert "Abend im Rathaus" in listing
    dashboard = client.get("/testort/organise/").get_data(as_text=True)
    start = f"/testort/organise/new/themenabend?template={template.id}"
    assert f"template={template.id}" in dashboard and "Abend im Rathaus" in dashboard
    form = client.get(start).get_data(as_text=True)
    assert 'value="Sicherheit und Nachbarschaft"' in form and 'value="Rathaus"' in form and 'value="25"' in form
    data = form_data_from(form)
    data.update(starts_at="2030-06-01T18:00", ends_at="2030-06-01T20:00")
    assert client.post(start, data=data).status_code == 302
    new = db.session.scalars(db.select(Event).where(Event.id != event.id)).one()
    assert (new.status, new.title["de"], new.capacity, new.settings.get("answering_bodies")) == (
        "draft", "Sicherheit und Nachbarschaft", 25, "Polizei")
    assert new.title["en"] == "Safety and neighbourhood"

    delete = f"/testort/organise/templates/{template.id}/delete"
    assert "Ja, Vorlage löschen" in client.get(delete).get_data(as_text=True)
    assert submit(client, delete, {}).status_code == 302
    assert db.session.scalars(db.select(EventTemplate)).all() == []
    assert db.session.get(Event, new.id) is not None


def test_templates_stay_in_their_municipality(people, client):
    _organiser(client, people)
    event = make_event(people.municipality, "themenabend")
    submit(client, f"/testort/organise/events/{event.id}/template", {"name": "Testort-Vorlage"})
    template_id = db.session.scalars(db.select(EventTemplate.id)).one()
    enable(people.other_municipality, "themenabend")
    other = client.application.test_client()
    log_in(other, people.other_admin)
    assert "Testort-Vorlage" not in other.get("/anderswo/organise/templates/").get_data(as_text=True)
    assert "Testort-Vorlage" not in other.get("/anderswo/organise/").get_data(as_text=True)
    assert other.get(f"/anderswo/organise/new/themenabend?template={template_id}").status_code == 404
    assert other.get(f"/anderswo/organise/templates/{template_id}/delete").status_code == 404
    token = csrf_token_from(other.get("/anderswo/organise/new/themenabend").get_data(as_text=True))
    assert other.post(f"/anderswo/organise/templates/{template_id}/delete",
                      data={"csrf_token": token}).status_code == 404
    assert other.get(f"/testort/organise/templates/{template_id}/delete").status_code in (403, 404)
    assert other.get("/testort/organise/templates/").status_code in (403, 404)
    assert other.get(f"/testort/organise/events/{event.id}/template").status_code in (403, 404)
    assert other.get(f"/anderswo/organise/events/{event.id}/template").status_code == 404
    assert db.session.scalar(db.select(db.func.count(EventTemplate.id))) == 1
    # A moderator of the same municipality does not manage templates.
    log_in(other, people.moderator)
    assert other.get("/testort/organise/templates/").status_code == 403
