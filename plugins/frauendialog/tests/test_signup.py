"""Only women sign up: the statement is required, and nothing is stored without it."""
from dialogplatform.extensions import db
from dialogplatform.models import Registration
from dialogplatform.services.signups import Person
from plugins.frauendialog import plugin
from tests.conftest import submit

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
    assert response.status_code == 302
    registration = db.session.scalars(db.select(Registration)).one()
    assert registration.answers == {"frauendialog": {"is_woman": True, "female_interpreter": True}}
    assert registration.interpreter_language == "fa"


def test_can_register_checks_answers_when_a_core_path_hands_them_over(app, dialogue):
    """``signups.Person`` carries no answers today, so the form's validator is
    the guard; a future path that passes ``person.answers`` is checked too."""
    assert plugin.can_register(dialogue, Person(name="A")) is None
    with_answers = Person(name="A")
    with_answers.answers = {}
    with app.test_request_context(headers={"Accept-Language": "de"}):
        assert "nur für Frauen" in str(plugin.can_register(dialogue, with_answers))
    with_answers.answers = {"frauendialog": {"is_woman": True}}
    assert plugin.can_register(dialogue, with_answers) is None


def test_core_walk_in_form_does_not_show_the_statement_so_walk_ins_are_refused(as_user, enabled, dialogue):
    """Documents current core behaviour for the lead: the check-in page builds
    its walk-in form without the format's fields, but the walk-in POST
    validates them, so a walk-in at a women's dialogue is refused (nothing is
    stored). Assisted sign-up shows the statement and works."""
    client = as_user(enabled.organiser)
    base = f"/{dialogue.municipality.slug}/organise/events/{dialogue.id}"
    page = client.get(f"{base}/check-in").get_data(as_text=True)
    assert "ext__frauendialog__is_woman" not in page
    response = submit(client, f"{base}/check-in", {"walkin-name": "Rosa Tür", "walkin-submission_key": "w1"},
                      post_url=f"{base}/walk-in")
    assert response.status_code == 400
    assert count(Registration) == 0
    assisted = submit(client, f"{base}/assisted", {"name": "Rosa Tür", "submission_key": "a1",
                                                     "childcare_count": "0", "ext__frauendialog__is_woman": "y"})
    assert assisted.status_code == 302
    assert count(Registration) == 1


def test_event_page_says_it_is_a_protected_space(client, dialogue):
    html = client.get(event_url(dialogue)).get_data(as_text=True)
    assert "geschützter Raum für Frauen" in html
