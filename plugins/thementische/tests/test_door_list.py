"""The door list says at which table each person sits, by the table's number."""
import re

from dialogplatform.testing import enable
from dialogplatform_formats.thementische import services

from .helpers import sign_up


def _door_list(event):
    return f"/testort/organise/events/{event.id}/door-list"


def _rows(html):
    body = html.split("<tbody>", 1)[1]
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_door_list_shows_the_table_number_and_theme(logged_in, people, dialogue):
    wohnen, arbeit = dialogue.tables[0], dialogue.tables[2]
    sign_up(dialogue.event, "Amal Haddad", arbeit)
    sign_up(dialogue.event, "Boris Klein", wohnen)
    sign_up(dialogue.event, "Chen Li")  # no wish: the emptiest table
    services.assign_round(dialogue.event, 1)
    html = logged_in(people.moderator).get(_door_list(dialogue.event)).get_data(as_text=True)
    assert '<th scope="col">Tisch</th>' in html
    rows = {row[1]: row[2] for row in _rows(html)}
    assert rows["Amal Haddad"] == "3 · Arbeit"
    assert rows["Boris Klein"] == "1 · Bauen &amp; Wohnen"
    assert re.fullmatch(r"\d · .+", rows["Chen Li"])


def test_door_list_has_a_column_per_round(logged_in, people, dialogue):
    dialogue.event.settings = {"rounds": 2}
    amal = sign_up(dialogue.event, "Amal Haddad", dialogue.tables[2], dialogue.tables[4])
    services.assign_round(dialogue.event, 1)
    services.assign_round(dialogue.event, 2)
    html = logged_in(people.organiser).get(_door_list(dialogue.event)).get_data(as_text=True)
    assert "Tisch, Runde 1" in html and "Tisch, Runde 2" in html
    assert _rows(html)[0][1:4] == [amal.name, "3 · Arbeit", "5 · Bildung &amp; Ausbildung"]


def test_door_list_without_seating_has_empty_table_cells(logged_in, people, dialogue):
    sign_up(dialogue.event, "Amal Haddad")
    html = logged_in(people.moderator).get(_door_list(dialogue.event)).get_data(as_text=True)
    assert _rows(html)[0][1:3] == ["Amal Haddad", ""]


def test_door_list_and_wall_are_closed_to_another_municipality(logged_in, people, dialogue, other_moderator):
    enable(people.other_municipality, "thementische")
    client = logged_in(other_moderator)
    for path in (_door_list(dialogue.event), f"/testort/e/{dialogue.event.id}/thementische/wall"):
        assert client.get(path).status_code == 403, path
        assert client.get(path.replace("/testort/", "/anderswo/")).status_code == 404, path


def test_door_list_queries_do_not_grow_with_the_people(logged_in, people, dialogue):
    from sqlalchemy import event as sa_event

    from dialogplatform.plugin_api import db

    client = logged_in(people.moderator)
    statements = []

    def counted(*args):
        statements.append(args[2])

    def queries():
        statements.clear()
        sa_event.listen(db.engine, "before_cursor_execute", counted)
        try:
            assert client.get(_door_list(dialogue.event)).status_code == 200
        finally:
            sa_event.remove(db.engine, "before_cursor_execute", counted)
        return len(statements)

    sign_up(dialogue.event, "Amal Haddad", dialogue.tables[0])
    services.assign_round(dialogue.event, 1)
    one = queries()
    for number in range(12):
        sign_up(dialogue.event, f"Person {number}", dialogue.tables[number % 5])
    services.assign_round(dialogue.event, 1)
    assert queries() == one
