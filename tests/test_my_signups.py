"""A helper sees and manages only the sign-ups they made: "My sign-ups",
a slip in the resident's language, cancelling; no list of everyone."""
import pytest
from conftest import csrf_token_from, log_in, make_event, make_user, submit

from dialogplatform.models import AuditEntry, Registration, Role
from dialogplatform.services import signups
from dialogplatform.services.accounts import grant_role

MINE = "/testort/organise/my-signups/"


@pytest.fixture
def helpers(people, db):
    one, two = make_user("helferin@testort.example"), make_user("helfer2@testort.example")
    grant_role(one, people.municipality, Role.HELPER)
    grant_role(two, people.municipality, Role.HELPER)
    db.session.commit()
    return one, two


def _assisted(client, event, **data):
    return submit(client, f"/testort/organise/events/{event.id}/assisted", {"name": "Mariam", **data})


def _only(db, **where) -> Registration:
    db.session.expire_all()
    [registration] = db.session.scalars(db.select(Registration).filter_by(**where)).all()
    return registration


def test_the_slip_is_in_the_residents_language_with_date_place_and_needs(client, people, db, helpers):
    event = make_event(people.municipality, "themenabend", capacity=20, interpreters=["ar"], max_companions=2)
    event.title = {"de": "Sicherheit und Nachbarschaft", "ar": "الأمن والجوار"}
    people.municipality.contact_phone = "06201 82-0"
    db.session.commit()
    log_in(client, helpers[0])
    response = _assisted(client, event, name="Mariam <b>A.</b>", language="ar", interpreter_language="ar",
                         childcare_count="2", childcare_ages="3, 5", companions="1", accessibility="wheelchair")
    registration = _only(db, event_id=event.id)
    assert registration.language == "ar" and registration.created_by_id == helpers[0].id
    slip = client.get(response.headers["Location"])
    html = slip.get_data(as_text=True)
    assert slip.status_code == 200
    article = html[html.index('<article class="slip"'):html.index("</article>")]
    assert 'lang="ar" dir="rtl"' in article
    assert "الأمن والجوار" in article and "Rathaus" in article and "Obertorstraße 9" in article
    assert "مرحبًا" in article and "يرجى إحضار هذه الورقة معك" in article  # greeting, "bring this slip"
    assert "3, 5" in article and "06201 82-0" in article
    assert "Mariam &lt;b&gt;A.&lt;/b&gt;" in article and "<b>A.</b>" not in html
    # Around the slip, the helper's own language.
    assert "Zettel" in html and "Meine Anmeldungen" in html


def test_my_signups_lists_only_what_this_helper_made(client, app, people, db, helpers):
    event = make_event(people.municipality, "themenabend", capacity=20)
    other_event = make_event(people.other_municipality, "themenabend", capacity=20)
    log_in(client, helpers[1])
    _assisted(client, event, name="Von Helfer zwei")
    client.post("/auth/logout", data={"csrf_token": csrf_token_from(client.get("/").get_data(as_text=True))})
    with app.test_request_context():
        signups.register(event.id, signups.Person(name="Selbst Angemeldet", email="selbst@example.org"))
        elsewhere, _ = signups.register(other_event.id, signups.Person(name="Anderswo"), source="assisted",
                                        created_by=helpers[0])
    log_in(client, helpers[0])
    _assisted(client, event, name="Von Helferin eins")
    page = client.get(MINE).get_data(as_text=True)
    assert "Von Helferin eins" in page
    assert "Von Helfer zwei" not in page and "Selbst Angemeldet" not in page and "Anderswo" not in page
    theirs = _only(db, name="Von Helfer zwei")
    own = _only(db, name="Selbst Angemeldet")
    for registration in (theirs, own):
        assert client.get(f"{MINE}{registration.id}/slip").status_code == 403
        assert client.get(f"{MINE}{registration.id}/cancel").status_code == 403
    assert client.get(f"{MINE}{elsewhere.id}/slip").status_code == 404  # another municipality's
    assert client.get(f"/anderswo/organise/my-signups/{elsewhere.id}/slip").status_code == 403  # not a helper there
    assert client.get(f"{MINE}999999/slip").status_code == 404


def test_the_menu_leads_to_my_signups(client, people, db, helpers):
    make_event(people.municipality, "themenabend")
    log_in(client, helpers[0])
    # Public pages: one "Verwaltung" link; the staff navigation there has "My sign-ups".
    assert 'href="/testort/organise/"' in client.get("/testort/").get_data(as_text=True)
    assert f'href="{MINE}"' in client.get("/testort/organise/").get_data(as_text=True)


def test_cancel_asks_once_needs_csrf_and_moves_the_waiting_list_up(client, app, people, db, helpers):
    event = make_event(people.municipality, "themenabend", capacity=1)
    log_in(client, helpers[0])
    _assisted(client, event, name="Erste")
    with app.test_request_context():
        waiting, _ = signups.register(event.id, signups.Person(name="Wartend"), source="assisted")
    first = _only(db, name="Erste")
    assert waiting.status == "waitlisted"
    page = client.get(f"{MINE}{first.id}/cancel")
    assert page.status_code == 200 and "Erste" in page.get_data(as_text=True)
    assert client.post(f"{MINE}{first.id}/cancel").status_code == 400  # no CSRF token: nothing done
    assert _only(db, name="Erste").status == "confirmed"
    response = submit(client, f"{MINE}{first.id}/cancel", {})
    assert response.status_code == 302 and response.headers["Location"].endswith(MINE)
    assert _only(db, name="Erste").status == "cancelled"
    assert _only(db, name="Wartend").status == "confirmed"
    assert db.session.scalar(db.select(AuditEntry).filter_by(action="registration.cancelled_by_staff",
                                                             target_id=first.id)) is not None


@pytest.mark.parametrize("path", ["door-list", "check-in", "registrations", "registrations.csv", "message"])
def test_a_helper_opens_no_list_of_everyone(client, people, db, helpers, path):
    event = make_event(people.municipality, "themenabend", capacity=20)
    log_in(client, helpers[0])
    assert client.get(f"/testort/organise/events/{event.id}/{path}").status_code == 403


def test_a_helper_cannot_add_walk_ins_or_check_people_in(client, app, people, db, helpers):
    event = make_event(people.municipality, "themenabend", capacity=20)
    with app.test_request_context():
        someone, _ = signups.register(event.id, signups.Person(name="Jemand"), source="assisted")
    log_in(client, helpers[0])
    page = f"/testort/organise/events/{event.id}/assisted"
    assert submit(client, page, {"walkin-name": "X"}, post_url=f"/testort/organise/events/{event.id}/walk-in"
                  ).status_code == 403
    assert submit(client, page, {}, post_url=f"/testort/organise/events/{event.id}/check-in/{someone.id}"
                  ).status_code == 403
    assert _only(db, event_id=event.id).checked_in_at is None


def test_an_address_already_signed_up_shows_the_helper_nothing_of_that_person(client, app, people, db, helpers):
    event = make_event(people.municipality, "themenabend", capacity=20)
    with app.test_request_context():
        signups.register(event.id, signups.Person(name="Schon Angemeldet", email="schon@example.org"))
    log_in(client, helpers[0])
    response = _assisted(client, event, name="Anderer Name", email="schon@example.org")
    assert response.status_code == 302 and "/my-signups/" not in response.headers["Location"]
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Schon Angemeldet" not in html
    assert "Schon Angemeldet" not in client.get(MINE).get_data(as_text=True)
