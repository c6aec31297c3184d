"""The projector wall: every table and question, updating itself, no names."""
from dialogplatform_formats.thementische import services

from .helpers import url


def test_wall_shows_all_tables_and_questions_without_contact_names(logged_in, people, dialogue):
    services.add_statement(dialogue.event, dialogue.tables[3], dialogue.questions[2],
                           "Ein Fahrradkurs für Frauen", True, "Leyla Hassan")
    services.add_statement(dialogue.event, dialogue.tables[0], dialogue.questions[0], "Die Wohnungsbörse hilft.")
    html = logged_in(people.moderator).get(url(dialogue.event, "wall")).get_data(as_text=True)
    assert 'class="wall"' in html and "hx-trigger=\"every" in html
    for table in dialogue.tables:
        assert table.theme.replace("&", "&amp;") in html
    assert html.count("Was braucht es?") == 5
    assert "Ein Fahrradkurs für Frauen" in html and "Die Wohnungsbörse hilft." in html
    assert "Leyla Hassan" not in html


def test_wall_content_fragment_is_what_htmx_swaps(logged_in, people, dialogue):
    html = logged_in(people.moderator).get(
        url(dialogue.event, "wall"), headers={"HX-Request": "true"}).get_data(as_text=True)
    assert 'id="wall-content"' in html
