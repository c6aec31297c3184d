"""Participants choose a first and a second table when they sign up."""
from dialogplatform.plugin_api import Registration, db
from dialogplatform.testing import enable, make_event, submit
from dialogplatform_formats.thementische import services


def _signup_url(event):
    return f"/{event.municipality.slug}/e/{event.id}/signup"


def _data(first, second, email="amal@example.org"):
    return {"name": "Amal Haddad", "email": email, "consent": "y",
            "ext__thementische__first": first, "ext__thementische__second": second}


def test_sign_up_form_offers_the_tables_and_stores_both_choices(client, dialogue):
    page = client.get(_signup_url(dialogue.event)).get_data(as_text=True)
    assert "Erstwunsch-Tisch" in page and "Zweitwunsch-Tisch" in page and "Bildung &amp; Ausbildung" in page
    frauen, bildung = dialogue.tables[3], dialogue.tables[4]
    response = submit(client, _signup_url(dialogue.event), _data(frauen.id, bildung.id))
    assert response.status_code == 302
    registration = db.session.scalars(db.select(Registration)).one()
    assert services.choices_of(registration) == (frauen.id, bildung.id)


def test_the_same_table_twice_is_refused_with_a_german_message(client, dialogue):
    arbeit = dialogue.tables[2]
    response = submit(client, _signup_url(dialogue.event), _data(arbeit.id, arbeit.id))
    assert "Bitte wählen Sie zwei verschiedene Tische oder keinen Zweitwunsch." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Registration.id))) == 0


def test_a_first_choice_is_required_and_a_foreign_table_is_not_valid(client, dialogue, people):
    response = submit(client, _signup_url(dialogue.event), _data(0, 0))
    assert "Bitte wählen Sie einen Tisch." in response.get_data(as_text=True)
    other = make_event(people.municipality, "thementische", title="Anderer Dialog")
    foreign = services.add_table(other, "Arbeit")
    response = submit(client, _signup_url(dialogue.event), _data(foreign.id, 0))
    assert response.status_code == 200 and "Erstwunsch-Tisch" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Registration.id))) == 0


def test_without_tables_there_are_no_table_fields(client, people):
    enable(people.municipality, "thementische")
    event = make_event(people.municipality, "thementische")
    page = client.get(_signup_url(event)).get_data(as_text=True)
    assert "Erstwunsch-Tisch" not in page
