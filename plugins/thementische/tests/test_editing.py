"""A moderator corrects or deletes a statement from the live page; deleting
asks first; another municipality's staff reach neither page."""
from markupsafe import escape

from dialogplatform.testing import csrf_token_from, form_data_from
from dialogplatform_formats.thementische import services

from .helpers import live_url, statement_url, statements, url


def _record(client, dialogue, text="Die Kita-Plätze reichen nicht."):
    table, question = dialogue.tables[1], dialogue.questions[0]
    client.post(statement_url(dialogue.event, table, question), data={
        "csrf_token": csrf_token_from(client.get(live_url(dialogue.event, table)).get_data(as_text=True)),
        f"q{question.id}-text": text})
    return statements()[-1]


def test_moderator_edits_a_statement_from_the_live_page(logged_in, people, dialogue):
    client = logged_in(people.moderator)
    statement = _record(client, dialogue)
    edit = url(dialogue.event, f"statements/{statement.id}/edit")
    page = client.get(live_url(dialogue.event, dialogue.tables[1])).get_data(as_text=True)
    assert f'href="{edit}"' in page
    form = client.get(edit).get_data(as_text=True)
    assert "Die Kita-Plätze reichen nicht." in form  # prefilled
    data = {**form_data_from(form), "text": "Die Kita-Plätze reichen nicht, vor allem für unter Dreijährige.",
            "is_idea": "y", "contact_name": "Frau Demir"}
    response = client.post(edit, data=data)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/tables/{dialogue.tables[1].id}/live#question-"
                                                 f"{dialogue.questions[0].id}")
    [saved] = statements()
    assert saved.text.endswith("unter Dreijährige.") and saved.is_idea and saved.contact_name == "Frau Demir"
    assert client.post(edit, data={**data, "text": ""}).status_code == 422
    assert statements()[0].text.endswith("unter Dreijährige.")


def test_deleting_a_statement_asks_first(logged_in, people, dialogue):
    client = logged_in(people.moderator)
    statement = _record(client, dialogue)
    delete = url(dialogue.event, f"statements/{statement.id}/delete")
    assert f'href="{delete}"' in client.get(live_url(dialogue.event, dialogue.tables[1])).get_data(as_text=True)
    page = client.get(delete).get_data(as_text=True)
    assert "Die Kita-Plätze reichen nicht." in page and "Niemand bekommt eine Mail." in page
    assert len(statements()) == 1
    client.post(delete, data={"csrf_token": csrf_token_from(page)})
    assert statements() == []


def test_another_municipalitys_staff_reach_no_statement(logged_in, people, dialogue, app):
    statement = _record(logged_in(people.moderator), dialogue)
    stranger = logged_in(people.other_admin)
    for path in (f"statements/{statement.id}/edit", f"statements/{statement.id}/delete"):
        assert stranger.get(url(dialogue.event, path)).status_code in (403, 404)
        other = url(dialogue.event, path).replace("/testort/", "/anderswo/")
        assert stranger.get(other).status_code == 404
        assert stranger.post(other, data={"text": "x"}).status_code in (400, 404)
    assert [s.text for s in statements()] == ["Die Kita-Plätze reichen nicht."]


def test_removing_a_table_or_question_asks_first(logged_in, people, dialogue):
    client = logged_in(people.organiser)
    table, question = dialogue.tables[4], dialogue.questions[2]
    manage = client.get(url(dialogue.event, "manage")).get_data(as_text=True)
    for path in (f"tables/{table.id}/delete", f"questions/{question.id}/delete"):
        assert f'href="{url(dialogue.event, path)}"' in manage
    page = client.get(url(dialogue.event, f"tables/{table.id}/delete")).get_data(as_text=True)
    assert str(escape(table.theme)) in page and "(0)" in page and "Niemand bekommt eine Mail." in page
    assert len(services.tables_of(dialogue.event)) == 5
    client.post(url(dialogue.event, f"tables/{table.id}/delete"), data={"csrf_token": csrf_token_from(page)})
    assert len(services.tables_of(dialogue.event)) == 4
    page = client.get(url(dialogue.event, f"questions/{question.id}/delete")).get_data(as_text=True)
    assert str(escape(question.text)) in page
    client.post(url(dialogue.event, f"questions/{question.id}/delete"), data={"csrf_token": csrf_token_from(page)})
    assert len(services.questions_of(dialogue.event)) == 2
    # Another municipality's staff reach neither page.
    stranger = logged_in(people.other_admin)
    other_table = dialogue.tables[0]
    assert stranger.get(url(dialogue.event, f"tables/{other_table.id}/delete")).status_code in (403, 404)
    assert stranger.get(url(dialogue.event, f"tables/{other_table.id}/delete").replace(
        "/testort/", "/anderswo/")).status_code == 404
