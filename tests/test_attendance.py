"""What organisers and helpers do with the people coming."""
import csv
import io
import re

from conftest import log_in, make_event, make_user, submit

from dialogplatform.extensions import db as _db
from dialogplatform.models import Registration, Role
from dialogplatform.services import signups
from dialogplatform.services.accounts import grant_role


def register(app, event, **person):
    with app.test_request_context():
        registration, _ = signups.register(event.id, signups.Person(**person), source="assisted")
    return registration


def test_needs_summary_counts_what_to_book(client, people, app):
    event = make_event(people.municipality, "themenabend", capacity=20, interpreters=["ar", "fa"], max_companions=2)
    register(app, event, name="A", interpreter_language="ar", childcare_count=2, childcare_ages="3, 5")
    register(app, event, name="B", interpreter_language="ar", accessibility=["wheelchair"])
    register(app, event, name="C", interpreter_language="fa", companions=2)
    gone = register(app, event, name="D", interpreter_language="ar", childcare_count=4, childcare_ages="1")
    gone.status = "cancelled"  # who no longer comes needs nothing booked
    _db.session.commit()
    log_in(client, people.organiser)
    html = client.get(f"/testort/organise/events/{event.id}/registrations").get_data(as_text=True)
    needs = html[html.index('id="needs-heading"'):]
    assert re.search(r"Arab\w*: 2", needs) and re.search(r"(Farsi|Persisch)\w*: 1", needs)
    assert "3, 5" in needs
    assert re.search(r"<dd>2", needs)  # children
    assert "Rollstuhl" in needs or "Wheelchair" in needs


def test_csv_export_opens_in_a_spreadsheet_and_cannot_run_formulas(client, people, app):
    event = make_event(people.municipality, "themenabend", capacity=20)
    register(app, event, name="=HYPERLINK(\"http://evil\")", note="Grüße, Ärger; und mehr")
    register(app, event, name="Ayşe Yılmaz")
    log_in(client, people.organiser)
    response = client.get(f"/testort/organise/events/{event.id}/registrations.csv")
    assert response.mimetype == "text/csv"
    body = response.get_data().decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    names = [row[0] for row in rows[1:]]
    assert "Ayşe Yılmaz" in names
    assert "'=HYPERLINK(\"http://evil\")" in names
    assert any("Grüße, Ärger; und mehr" in row for row in rows)


def test_check_in_with_htmx_and_without_javascript(client, people, app, db):
    event = make_event(people.municipality, "themenabend", capacity=20)
    amal = register(app, event, name="Amal Haddad")
    register(app, event, name="Yusuf Demir")
    log_in(client, people.organiser)
    page = client.get(f"/testort/organise/events/{event.id}/check-in?q=amal").get_data(as_text=True)
    assert "Amal Haddad" in page and "Yusuf Demir" not in page
    # htmx: the row comes back alone.
    fragment = submit(client, f"/testort/organise/events/{event.id}/check-in",
                      {"attended": "1"}, post_url=f"/testort/organise/events/{event.id}/check-in/{amal.id}",
                      headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert fragment.get_data(as_text=True).lstrip().startswith("<li")
    db.session.expire_all()
    assert db.session.get(Registration, amal.id).checked_in_at is not None
    # Plain form: redirect back to the list.
    response = submit(client, f"/testort/organise/events/{event.id}/check-in",
                      {"attended": "0"}, post_url=f"/testort/organise/events/{event.id}/check-in/{amal.id}")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Registration, amal.id).checked_in_at is None


def test_walk_in_is_added_and_checked_in(client, people, db):
    event = make_event(people.municipality, "themenabend", capacity=20)
    log_in(client, people.organiser)
    response = submit(client, f"/testort/organise/events/{event.id}/check-in", {"walkin-name": "Spontan"},
                      post_url=f"/testort/organise/events/{event.id}/walk-in")
    assert response.status_code == 302
    [registration] = db.session.scalars(db.select(Registration)).all()
    assert registration.source == "walk_in" and registration.checked_in_at is not None


def test_helper_signs_up_someone_with_just_a_name(client, people, db):
    helper = make_user("sozialarbeit@example.org")
    grant_role(helper, people.municipality, Role.HELPER)
    db.session.commit()
    event = make_event(people.municipality, "themenabend", capacity=20, interpreters=["ar"])
    log_in(client, helper)
    response = submit(client, f"/testort/organise/events/{event.id}/assisted",
                      {"name": "Mariam", "interpreter_language": "ar", "childcare_count": "1"})
    assert response.status_code == 302
    [registration] = db.session.scalars(db.select(Registration)).all()
    assert registration.status == "confirmed" and registration.email is None
    assert registration.interpreter_language == "ar" and registration.created_by_id == helper.id
    assert response.headers["Location"].endswith(f"/testort/organise/my-signups/{registration.id}/slip")
    # Helpers see the people they signed up, no list of everyone.
    assert client.get(f"/testort/organise/events/{event.id}/door-list").status_code == 403
    assert client.get(f"/testort/organise/events/{event.id}/registrations").status_code == 403


def test_message_reaches_confirmed_participants_in_their_language(client, people, app, smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=20)
    register(app, event, name="A", email="a@example.org", language="ar")
    register(app, event, name="B")  # no address: not reachable by mail
    log_in(client, people.organiser)
    response = submit(client, f"/testort/organise/events/{event.id}/message",
                      {"recipients": "confirmed", "subject": "Raumänderung", "body": "Wir treffen uns im Saal 2."})
    assert response.status_code == 302
    [mail] = [m for m in smtp_server.to("a@example.org") if m["Subject"] == "Raumänderung"]
    assert "Saal 2" in smtp_server.text_of(mail)


def test_other_municipality_cannot_see_registrations(client, people, app):
    event = make_event(people.municipality, "themenabend", capacity=20)
    register(app, event, name="Geheim")
    log_in(client, people.other_admin)
    for path in ("registrations", "registrations.csv", "door-list", "check-in", "assisted", "message"):
        assert client.get(f"/testort/organise/events/{event.id}/{path}").status_code == 403
        assert client.get(f"/anderswo/organise/events/{event.id}/{path}").status_code == 404


def test_registration_list_pages_through_large_events(client, people, app):
    event = make_event(people.municipality, "themenabend", capacity=500)
    with app.test_request_context():
        for n in range(105):
            signups.register(event.id, signups.Person(name=f"Person {n:03d}"), source="assisted")
    log_in(client, people.organiser)
    url = f"/testort/organise/events/{event.id}/registrations"
    first = client.get(url).get_data(as_text=True)
    assert "Person 099" in first and "Person 100" not in first
    assert "Person 104" in client.get(url + "?page=2").get_data(as_text=True)
    # The CSV has everyone.
    assert client.get(url + ".csv").get_data(as_text=True).count("Person ") == 105


def test_assisted_form_asks_the_name_first(client, people, db):
    event = make_event(people.municipality, "themenabend", capacity=20, interpreters=["ar"], max_companions=2)
    log_in(client, people.organiser)
    html = client.get(f"/testort/organise/events/{event.id}/assisted").get_data(as_text=True)
    start = html.index('<form method="post" novalidate')
    form = html[start:html.index("</form>", start)]
    asked = [name for name in re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', form)
             if name not in ("csrf_token", "submission_key")]
    # Name, its only required field, first; everything the form has is still asked.
    assert asked[0] == "name"
    assert asked.index("email") < asked.index("phone") < asked.index("childcare_count") < asked.index("note")
    assert {"language", "companions", "interpreter_language", "accessibility", "accessibility_other"} <= set(asked)
    assert form.index("Name oder Pseudonym") < form.index("Telefon")


def _row_of(html: str, name: str) -> str:
    start = html.index(f'<th scope="row">{name}</th>')
    return html[start:html.index("</tr>", start)]


def test_registration_list_labels_are_in_the_readers_language(client, people, app):
    """The list looks its labels up once per page: each row still gets the
    labels of its own status and needs, in the language of the page, and
    its own cancel link."""
    from flask_babel import force_locale

    from dialogplatform.templating import accessibility_label, language_label, registration_status_label

    event = make_event(people.municipality, "themenabend", capacity=1)
    first = register(app, event, name="Erste", email="erste@example.org", interpreter_language="fa",
                     accessibility=["wheelchair"])
    second = register(app, event, name="Zweite", email="zweite@example.org")
    assert (first.status, second.status) == ("confirmed", "waitlisted")
    english = {"confirmed": "Confirmed", "waitlisted": "Waiting list", "wheelchair": "Wheelchair access"}
    with app.test_request_context(), force_locale("ar"):
        arabic = {"confirmed": str(registration_status_label("confirmed")),
                  "waitlisted": str(registration_status_label("waitlisted")),
                  "wheelchair": str(accessibility_label("wheelchair")), "fa": language_label("fa")}
    assert not set(arabic.values()) & set(english.values())
    log_in(client, people.organiser)
    url = f"/testort/organise/events/{event.id}/registrations"
    for language, labels in (("ar", arabic), ("en", english), ("ar", arabic)):
        html = client.get(f"{url}?lang={language}").get_data(as_text=True)
        row = _row_of(html, "Erste")
        assert labels["confirmed"] in row and labels["wheelchair"] in row and labels["waitlisted"] not in row
        assert f"/registrations/{first.id}/cancel" in row
        row = _row_of(html, "Zweite")
        assert labels["waitlisted"] in row and labels["confirmed"] not in row
        assert f"/registrations/{second.id}/cancel" in row
    assert arabic["fa"] in _row_of(html, "Erste")
