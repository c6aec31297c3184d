"""Live entry at the table: moderators record statements as they are said."""
import threading

from dialogplatform.plugin_api import Role, db, grant_role
from dialogplatform.testing import (
    TEST_PASSWORD,
    csrf_token_from,
    enable,
    log_in,
    make_event,
    make_user,
    submit,
)

from .helpers import live_url, statement_url, statements, url


def test_moderator_records_a_statement_without_javascript(logged_in, people, dialogue):
    client = logged_in(people.moderator)
    table, question = dialogue.tables[2], dialogue.questions[1]
    response = submit(client, live_url(dialogue.event, table), {
        f"q{question.id}-text": "Die Anerkennung von Abschlüssen dauert zu lange.",
    }, post_url=statement_url(dialogue.event, table, question))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/tables/{table.id}/live#question-{question.id}")
    page = client.get(live_url(dialogue.event, table)).get_data(as_text=True)
    assert "Die Aussage ist gespeichert." in page
    assert "Die Anerkennung von Abschlüssen dauert zu lange." in page
    [saved] = statements()
    assert (saved.table_id, saved.question_id, saved.is_idea) == (table.id, question.id, False)


def test_htmx_save_returns_the_list_with_the_new_statement(logged_in, people, dialogue):
    client = logged_in(people.moderator)
    table, question = dialogue.tables[0], dialogue.questions[2]
    page = client.get(live_url(dialogue.event, table)).get_data(as_text=True)
    assert "data-live-entry" in page and "data-live-status" in page
    response = client.post(statement_url(dialogue.event, table, question), headers={"HX-Request": "true"}, data={
        "csrf_token": csrf_token_from(page), f"q{question.id}-text": "Eine Mietpatenschaft für den ersten Vertrag.",
        f"q{question.id}-is_idea": "y", f"q{question.id}-contact_name": "Helga Maier",
    })
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<ul class="thementische-statements" id="statements-{table.id}-{question.id}"')
    assert "Eine Mietpatenschaft für den ersten Vertrag." in html and "Projektidee" in html
    [saved] = statements()
    assert saved.is_idea and saved.contact_name == "Helga Maier" and saved.status == "open"


def test_too_long_statement_is_refused_with_a_german_message_and_kept(logged_in, people, dialogue):
    client = logged_in(people.moderator)
    table, question = dialogue.tables[0], dialogue.questions[0]
    text = "Wohnung " * 63  # 504 characters
    response = submit(client, live_url(dialogue.event, table), {f"q{question.id}-text": text},
                      post_url=statement_url(dialogue.event, table, question))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Bitte schreiben Sie höchstens 500 Zeichen." in html
    assert text.strip() in html and 'aria-invalid="true"' in html
    assert statements() == []


def test_htmx_error_goes_next_to_the_form_with_422(logged_in, people, dialogue):
    client = logged_in(people.moderator)
    table, question = dialogue.tables[0], dialogue.questions[0]
    token = csrf_token_from(client.get(live_url(dialogue.event, table)).get_data(as_text=True))
    response = client.post(statement_url(dialogue.event, table, question), headers={"HX-Request": "true"},
                           data={"csrf_token": token, f"q{question.id}-text": "   "})
    assert response.status_code == 422
    assert response.headers["HX-Retarget"] == f"#entry-errors-{question.id}"
    assert "Bitte schreiben Sie die Aussage auf." in response.get_data(as_text=True)
    assert statements() == []


def test_statement_for_a_table_of_another_event_is_404(logged_in, people, dialogue):
    from dialogplatform_formats.thementische import services

    other = make_event(people.municipality, "thementische", title="Zweiter Dialog")
    foreign = services.add_table(other, "Arbeit")
    client = logged_in(people.moderator)
    token = csrf_token_from(client.get(live_url(dialogue.event, dialogue.tables[0])).get_data(as_text=True))
    question = dialogue.questions[0]
    response = client.post(statement_url(dialogue.event, foreign, question),
                           data={"csrf_token": token, f"q{question.id}-text": "Falscher Tisch"})
    assert response.status_code == 404
    assert statements() == []


def test_participant_gets_403_and_other_municipality_404(client, people, dialogue):
    table = dialogue.tables[0]
    assert client.get(live_url(dialogue.event, table)).status_code == 302  # to the login
    log_in(client, people.participant)
    assert client.get(live_url(dialogue.event, table)).status_code == 403
    assert client.get(url(dialogue.event, "wall")).status_code == 403
    enable(people.other_municipality, "thementische")
    log_in(client, people.other_admin)
    assert client.get(live_url(dialogue.event, table)).status_code == 403
    assert client.get(f"/anderswo/e/{dialogue.event.id}/thementische/tables/{table.id}/live").status_code == 404


def test_a_moderator_may_enter_at_any_table_of_the_event(logged_in, people, dialogue):
    from dialogplatform_formats.thementische import services

    table = dialogue.tables[4]
    services.update_table(table, table.theme, table.seats, people.organiser.id, "")  # someone else's table
    client = logged_in(people.moderator)
    question = dialogue.questions[0]
    response = submit(client, live_url(dialogue.event, table), {f"q{question.id}-text": "Gute Vorbereitungsklassen."},
                      post_url=statement_url(dialogue.event, table, question))
    assert response.status_code == 302
    assert len(statements()) == 1


def test_two_moderators_enter_statements_at_the_same_time(app, people, dialogue):
    """Two tablets at two tables send at once; every statement is stored once."""
    second = make_user("moderatorin2@testort.example")
    grant_role(second, people.municipality, Role.MODERATOR)
    db.session.commit()
    question = dialogue.questions[1]
    tablets = []
    for user, table in ((people.moderator, dialogue.tables[0]), (second, dialogue.tables[3])):
        client = app.test_client()
        log_in(client, user, TEST_PASSWORD)
        token = csrf_token_from(client.get(live_url(dialogue.event, table)).get_data(as_text=True))
        tablets.append((client, table, token))
    start, failures = threading.Barrier(2), []

    def enter(client, table, token):
        start.wait()
        for number in range(8):
            response = client.post(statement_url(dialogue.event, table, question), headers={"HX-Request": "true"},
                                   data={"csrf_token": token, f"q{question.id}-text": f"{table.theme} Nr. {number}"})
            if response.status_code != 200:
                failures.append(response.status_code)

    threads = [threading.Thread(target=enter, args=tablet) for tablet in tablets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    saved = statements()
    assert len(saved) == 16
    assert sorted(s.text for s in saved if s.table_id == dialogue.tables[0].id) == [
        f"Bauen & Wohnen Nr. {n}" for n in range(8)]
    wall = tablets[0][0].get(url(dialogue.event, "wall")).get_data(as_text=True)
    assert "Frauen Nr. 7" in wall and "Bauen &amp; Wohnen Nr. 7" in wall
