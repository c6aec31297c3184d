"""Only women sign up: the statement is required, and nothing is stored without it."""
from dialogplatform.plugin_api import Registration, db, signups
from dialogplatform.testing import submit

from .helpers import count, event_url


def _signup_url(event):
    return f"/{event.municipality.slug}/e/{event.id}/signup"


def _form(**extra):
    return {"name": "Layla Beispiel", "email": "layla@example.org", "consent": "y", "childcare_count": "0",
            "submission_key": "k1", **extra}


def test_signup_without_the_statement_is_refused_in_german_and_nothing_is_saved(client, dialogue):
    response = submit(client, _signup_url(dialogue), _form())
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Dieser Dialog ist nur für Frauen. Bitte bestätigen Sie, dass Sie eine Frau sind." in html
    assert 'aria-invalid="true"' in html
    assert count(Registration) == 0


def test_signup_with_the_statement_stores_the_answers(client, dialogue):
    page = client.get(_signup_url(dialogue)).get_data(as_text=True)
    assert "Ich bin eine Frau" in page and "Ich wünsche mir eine Dolmetscherin" in page
    response = submit(client, _signup_url(dialogue), _form(**{
        "ext__frauendialog__is_woman": "y", "ext__frauendialog__female_interpreter": "y",
        "interpreter_language": "fa"}))
    assert response.status_code == 302 and response.headers["Location"].endswith("/signup/sent")
    registration = db.session.scalars(db.select(Registration)).one()
    assert registration.answers == {"frauendialog": {"is_woman": True, "female_interpreter": True}}
    assert registration.interpreter_language == "fa"


def test_signing_up_with_her_address_again_does_not_tell_she_is_signed_up(client, app, dialogue):
    """Someone who knows a woman's address learns nothing by sending the form with it."""
    statement = {"ext__frauendialog__is_woman": "y"}
    stranger = app.test_client()
    first = submit(stranger, _signup_url(dialogue), _form(email="other@example.org", submission_key="k0", **statement))
    first_page = stranger.get(first.headers["Location"]).get_data(as_text=True)
    submit(client, _signup_url(dialogue), _form(**statement))
    again = submit(stranger, _signup_url(dialogue), _form(name="Someone", submission_key="k2", **statement))
    again_page = stranger.get(again.headers["Location"]).get_data(as_text=True)
    assert again.headers["Location"] == first.headers["Location"]
    assert again_page.replace("l•••@", "o•••@") == first_page and "Layla" not in again_page
    assert count(Registration) == 2


def test_signup_service_refuses_without_the_statement(app, dialogue):
    """Any path into the core's sign-up (not only the form) is checked."""
    with app.test_request_context(headers={"Accept-Language": "de"}):
        try:
            signups.register(dialogue.id, signups.Person(name="A"), {"frauendialog": {}}, source="assisted")
        except signups.SignupRefused as refused:
            assert "nur für Frauen" in refused.reason
        else:
            raise AssertionError("sign-up without the statement was stored")
        registration, created = signups.register(dialogue.id, signups.Person(name="B"),
                                                 {"frauendialog": {"is_woman": True}}, source="assisted")
    assert created and registration.status == "confirmed"
    assert count(Registration) == 1


def test_walk_ins_give_the_statement_at_the_door(logged_in, enabled, dialogue):
    """The walk-in form at the door asks the format's question too."""
    client = logged_in(enabled.organiser)
    base = f"/{dialogue.municipality.slug}/organise/events/{dialogue.id}"
    page = client.get(f"{base}/check-in").get_data(as_text=True)
    assert "walkin-ext__frauendialog__is_woman" in page
    refused = submit(client, f"{base}/check-in", {"walkin-name": "Rosa Tür", "walkin-submission_key": "w1"},
                     post_url=f"{base}/walk-in")
    assert refused.status_code == 400 and count(Registration) == 0
    response = submit(client, f"{base}/check-in", {"walkin-name": "Rosa Tür", "walkin-submission_key": "w2",
                                                   "walkin-ext__frauendialog__is_woman": "y"},
                      post_url=f"{base}/walk-in")
    assert response.status_code == 302
    assert count(Registration) == 1


def test_event_page_says_it_is_a_protected_space(client, dialogue):
    html = client.get(event_url(dialogue)).get_data(as_text=True)
    assert "geschützter Raum für Frauen" in html
