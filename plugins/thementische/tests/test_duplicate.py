"""Duplicating a theme-table event takes its tables and guiding questions
along; statements, project ideas and seats stay with the original."""
from dialogplatform.plugin_api import db
from dialogplatform.testing import duplicate_from_hub
from dialogplatform_formats.thementische import services
from dialogplatform_formats.thementische.models import Assignment, Statement

from .helpers import sign_up, url


def test_the_copy_has_the_tables_and_questions_but_no_statements_or_seats(logged_in, people, dialogue):
    first = dialogue.tables[0]
    services.update_table(first, "Bauen & Wohnen", 12, people.moderator.id, "ar")
    dialogue.tables[1].moderator_id = people.other_admin.id  # no longer staff here: not taken along
    services.add_question(dialogue.event, "Wer kann helfen?")
    services.add_statement(dialogue.event, first, dialogue.questions[0], "Die Wohnungsbörse hilft.", True, "Jana")
    sign_up(dialogue.event, "Samira", first=first)
    services.assign_round(dialogue.event, 1)
    assert db.session.scalar(db.select(db.func.count(Assignment.id))) == 1
    client = logged_in(people.organiser)

    copy = duplicate_from_hub(client, dialogue.event)

    manage = client.get(url(copy, "manage")).get_data(as_text=True)
    for theme in ("Bauen &amp; Wohnen", "Ehrenamt &amp; Beteiligung", "Arbeit", "Frauen", "Bildung &amp; Ausbildung"):
        assert theme in manage
    for question in ("Was läuft gut?", "Was muss verbessert werden?", "Was braucht es?", "Wer kann helfen?"):
        assert question in manage
    first_copy, second_copy, *_rest = services.tables_of(copy)
    assert (first_copy.seats, first_copy.moderator_id, first_copy.language) == (12, people.moderator.id, "ar")
    assert second_copy.moderator_id is None
    assert [t.id for t in services.tables_of(dialogue.event)] != [t.id for t in services.tables_of(copy)]
    for page in ("wall", "ideas", "seating"):
        html = client.get(url(copy, page)).get_data(as_text=True)
        assert "Die Wohnungsbörse hilft." not in html and "Samira" not in html
    assert "Die Wohnungsbörse hilft." in client.get(url(dialogue.event, "wall")).get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Statement.id)).filter_by(event_id=copy.id)) == 0
    assert db.session.scalar(db.select(db.func.count(Assignment.id)).filter_by(event_id=copy.id)) == 0
