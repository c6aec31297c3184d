"""An answer given on the evening can be corrected on a page of its own;
another municipality's staff reach no such page."""
from dialogplatform.plugin_api import AuditEntry, db
from dialogplatform.testing import form_data_from
from dialogplatform_formats.themenabend import services

from .helpers import manage_url, question_url, questions


def _answered(evening):
    question = services.submit_question(evening, "Gibt es mehr Streifen am Bahnhof?", "Jonas")
    services.answer_question(question, "Ja, ab März.", "Polizei")
    return question


def test_organiser_edits_an_answer(logged_in, people, evening):
    question = _answered(evening)
    client = logged_in(people.organiser)
    edit = question_url(evening, question, "answer/edit")
    assert f'href="{edit}"' in client.get(manage_url(evening)).get_data(as_text=True)
    form = client.get(edit).get_data(as_text=True)
    assert "Ja, ab März.</textarea>" in form and 'value="Polizei"' in form
    assert "Gibt es mehr Streifen am Bahnhof?" in form
    answered_at = questions()[0].answered_at
    data = {**form_data_from(form), "answer": "Ja, ab März zweimal am Abend.", "answered_by": "Ordnungsamt"}
    response = client.post(edit, data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#question-{question.id}")
    [saved] = questions()
    assert (saved.answer, saved.answered_by, saved.answered_at) == (
        "Ja, ab März zweimal am Abend.", "Ordnungsamt", answered_at)
    assert "themenabend.answer_changed" in db.session.scalars(db.select(AuditEntry.action)).all()
    response = client.post(edit, data={**data, "answered_by": ""})
    assert response.status_code == 422 and questions()[0].answered_by == "Ordnungsamt"
    page = client.get(f"/testort/e/{evening.id}/").get_data(as_text=True)
    assert "Ja, ab März zweimal am Abend." in page


def test_another_municipalitys_staff_cannot_edit_an_answer(logged_in, people, evening):
    question = _answered(evening)
    stranger = logged_in(people.other_admin)
    edit = question_url(evening, question, "answer/edit")
    assert stranger.get(edit).status_code in (403, 404)
    assert stranger.get(edit.replace("/testort/", "/anderswo/")).status_code == 404
    assert stranger.post(edit.replace("/testort/", "/anderswo/"),
                         data={"answer": "x", "answered_by": "y"}).status_code == 404
    assert questions()[0].answer == "Ja, ab März."


def test_organiser_renames_a_theme(logged_in, people, evening):
    safety, _other = services.create_theme(evening, "Sicherheit"), services.create_theme(evening, "Arbeit")
    client = logged_in(people.organiser)
    edit = f"/testort/e/{evening.id}/themenabend/themes/{safety.id}/edit"
    assert f'href="{edit}"' in client.get(manage_url(evening)).get_data(as_text=True)
    form = client.get(edit).get_data(as_text=True)
    assert 'value="Sicherheit"' in form
    response = client.post(edit, data={**form_data_from(form), "name": "Arbeit"})
    assert response.status_code == 422
    assert client.post(edit, data={**form_data_from(form), "name": "Sicherheit am Bahnhof"}).status_code == 302
    db.session.expire_all()
    assert [t.name for t in services.themes_of(evening)] == ["Sicherheit am Bahnhof", "Arbeit"]
    stranger = logged_in(people.other_admin)
    assert stranger.get(edit).status_code in (403, 404)
    assert stranger.get(edit.replace("/testort/", "/anderswo/")).status_code == 404
