"""Organisers set up tables (theme, moderator, language, seats) and questions."""
from dialogplatform.plugin_api import db
from dialogplatform.testing import enable, log_in, make_event, submit
from dialogplatform_formats.thementische import services
from dialogplatform_formats.thementische.models import ThemeTable

from .helpers import url


def test_one_click_adds_the_five_default_tables_and_three_questions_once(logged_in, people):
    enable(people.municipality, "thementische")
    event = make_event(people.municipality, "thementische", capacity=150)
    client = logged_in(people.organiser)
    manage = url(event, "manage")
    response = submit(client, manage, {}, post_url=url(event, "tables/defaults"), follow_redirects=True)
    assert "5 Tische sind hinzugefügt." in response.get_data(as_text=True)
    submit(client, manage, {}, post_url=url(event, "tables/defaults"))
    assert [(t.theme, t.seats) for t in services.tables_of(event)] == [
        ("Bauen & Wohnen", 30), ("Ehrenamt & Beteiligung", 30), ("Arbeit", 30), ("Frauen", 30),
        ("Bildung & Ausbildung", 30)]
    submit(client, manage, {}, post_url=url(event, "questions/defaults"))
    assert [q.text for q in services.questions_of(event)] == [
        "Was läuft gut?", "Was muss verbessert werden?", "Was braucht es?"]


def test_moderator_choices_are_the_municipalitys_staff(logged_in, people, dialogue):
    html = logged_in(people.organiser).get(url(dialogue.event, "manage")).get_data(as_text=True)
    assert f'<option value="{people.moderator.id}">' in html and f'<option value="{people.organiser.id}">' in html
    assert f'<option value="{people.participant.id}">' not in html
    assert f'<option value="{people.other_admin.id}">' not in html


def test_organiser_edits_a_table_with_moderator_language_and_seats(logged_in, people, dialogue):
    table = dialogue.tables[3]
    client = logged_in(people.organiser)
    response = submit(client, url(dialogue.event, "manage"), {
        f"t{table.id}-theme": "Frauen", f"t{table.id}-moderator": people.moderator.id,
        f"t{table.id}-language": "ar", f"t{table.id}-seats": 12,
    }, post_url=url(dialogue.event, f"tables/{table.id}"))
    assert response.status_code == 302
    db.session.expire_all()
    services_table = services.table_of(dialogue.event, table.id)
    assert (services_table.moderator_id, services_table.language, services_table.seats) == (
        people.moderator.id, "ar", 12)


def test_bad_table_input_gives_german_messages_and_saves_nothing(logged_in, people, dialogue):
    client = logged_in(people.organiser)
    manage = url(dialogue.event, "manage")
    response = submit(client, manage, {"new-theme": "", "new-moderator": 0, "new-language": "", "new-seats": 0},
                      post_url=url(dialogue.event, "tables"))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Bitte geben Sie ein Thema ein." in html and "Zwischen 1 und 500." in html
    response = submit(client, manage, {"new-theme": "Arbeit", "new-moderator": 0, "new-language": "",
                                       "new-seats": 10}, post_url=url(dialogue.event, "tables"))
    assert "Einen Tisch mit diesem Thema gibt es schon." in response.get_data(as_text=True)
    response = submit(client, manage, {"new-theme": "Gesundheit", "new-moderator": people.participant.id,
                                       "new-language": "", "new-seats": 10}, post_url=url(dialogue.event, "tables"))
    assert response.status_code == 422
    assert len(services.tables_of(dialogue.event)) == 5


def test_a_table_with_statements_cannot_be_removed(logged_in, people, dialogue):
    table = dialogue.tables[0]
    services.add_statement(dialogue.event, table, dialogue.questions[0], "Die Wohnungsbörse hilft.")
    client = logged_in(people.organiser)
    response = submit(client, url(dialogue.event, "manage"), {},
                      post_url=url(dialogue.event, f"tables/{table.id}/delete"), follow_redirects=True)
    assert "An diesem Tisch gibt es Aussagen; er kann nicht entfernt werden." in response.get_data(as_text=True)
    empty = dialogue.tables[1]
    submit(client, url(dialogue.event, "manage"), {}, post_url=url(dialogue.event, f"tables/{empty.id}/delete"))
    assert [t.theme for t in services.tables_of(dialogue.event)] == [
        "Bauen & Wohnen", "Arbeit", "Frauen", "Bildung & Ausbildung"]


def test_organiser_edits_a_guiding_question(logged_in, people, dialogue):
    question = dialogue.questions[2]
    client = logged_in(people.organiser)
    response = submit(client, url(dialogue.event, "manage"), {f"q{question.id}-text": "Was brauchen wir konkret?"},
                      post_url=url(dialogue.event, f"questions/{question.id}"), follow_redirects=True)
    assert "Die Frage ist gespeichert." in response.get_data(as_text=True)
    db.session.expire_all()
    assert services.questions_of(dialogue.event)[2].text == "Was brauchen wir konkret?"
    response = submit(client, url(dialogue.event, "manage"), {f"q{question.id}-text": ""},
                      post_url=url(dialogue.event, f"questions/{question.id}"))
    assert "Bitte geben Sie eine Frage ein." in response.get_data(as_text=True)


def test_set_up_is_for_organisers_of_this_municipality(client, people, dialogue):
    log_in(client, people.moderator)
    assert client.get(url(dialogue.event, "manage")).status_code == 403
    enable(people.other_municipality, "thementische")
    log_in(client, people.other_admin)
    assert client.get(f"/anderswo/e/{dialogue.event.id}/thementische/manage").status_code == 404
    assert client.get("/anderswo/organise/thementische/").status_code == 200


def test_overview_lists_the_events_with_counts(logged_in, people, dialogue):
    services.add_statement(dialogue.event, dialogue.tables[0], dialogue.questions[0], "Gute Nachbarschaft.", True)
    html = logged_in(people.organiser).get("/testort/organise/thementische/").get_data(as_text=True)
    assert "Erster Flüchtlingsdialog" in html
    assert "<td>5</td>" in html and "<td>1</td>" in html


def test_deleting_the_event_removes_its_tables(db, dialogue):
    db.session.delete(dialogue.event)
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count(ThemeTable.id))) == 0


def test_the_event_form_asks_for_the_number_of_rounds_and_seating_offers_them(logged_in, people, dialogue):
    client = logged_in(people.organiser)
    form = client.get("/testort/organise/new/thementische").get_data(as_text=True)
    assert "Runden" in form and 'name="ext__thementische__rounds"' in form
    dialogue.event.settings = {"rounds": 2}
    db.session.commit()
    seating = client.get(url(dialogue.event, "seating?round=2")).get_data(as_text=True)
    assert "Runde 1" in seating and "<h2>Runde 2</h2>" in seating


def test_a_participant_sees_their_table_on_the_event_page(logged_in, people, dialogue):
    from .helpers import sign_up

    registration = sign_up(dialogue.event, "Resident", dialogue.tables[3], None)
    registration.user_id = people.participant.id
    db.session.commit()
    services.assign_round(dialogue.event, 1)
    html = logged_in(people.participant).get(f"/testort/e/{dialogue.event.id}/").get_data(as_text=True)
    assert "Ihr Tisch in Runde 1: Frauen" in html
    assert "Live-Erfassung" not in html
