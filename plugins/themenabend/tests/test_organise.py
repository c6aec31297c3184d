"""Organisers group, answer and hide questions; the evaluation counts them."""
import re

import pytest

from dialogplatform.plugin_api import Event, db
from dialogplatform.testing import disable, enable, make_event, submit
from dialogplatform_formats.themenabend import services
from dialogplatform_formats.themenabend.models import Question, Theme

from .helpers import count, event_url, manage_url, question_url, questions, themes


def _ask(event, *texts, name=""):
    return [services.submit_question(event, text, name, "de") for text in texts]


def _cells(html):
    """Table rows of a page as lists of cell texts."""
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in rows]


def test_organiser_groups_answers_hides_and_the_evaluation_counts(logged_in, people, evening):
    burglary, lighting, insult = _ask(
        evening, "Gibt es mehr Einbrüche?", "Wann kommt die Laterne am Fußweg?", "Beleidigender Text", name="Jana")
    client = logged_in(people.organiser)
    page = manage_url(evening)
    html = client.get(page).get_data(as_text=True)
    assert "Frage von Jana" in html  # organisers see the name the resident gave

    assert submit(client, page, {"name": "Sicherheit"},
                  post_url=f"/testort/e/{evening.id}/themenabend/themes").status_code == 302
    [theme] = themes()
    for question in (burglary, lighting):
        response = submit(client, page, {f"q{question.id}-assign-theme": theme.id},
                          post_url=question_url(evening, question, "theme"))
        assert response.status_code == 302
    response = submit(client, page, {
        f"q{burglary.id}-answer-answer": "Nein, die Zahl der Einbrüche ist nicht gestiegen.",
        f"q{burglary.id}-answer-answered_by": "Polizeipräsidium Mannheim",
    }, post_url=question_url(evening, burglary, "answer"))
    assert response.status_code == 302
    assert submit(client, page, {}, post_url=question_url(evening, insult, "visibility")).status_code == 302

    stored = {q.id: q for q in questions()}
    assert stored[burglary.id].theme_id == theme.id and stored[burglary.id].is_answered
    assert stored[insult.id].hidden and count(Question) == 3  # hidden, never deleted

    public = client.get(event_url(evening)).get_data(as_text=True)
    assert "Antwort von Polizeipräsidium Mannheim:" in public
    assert "Beleidigender Text" not in public and "Jana" not in public

    evaluation = client.get(f"/testort/e/{evening.id}/evaluation").get_data(as_text=True)
    rows = _cells(evaluation)
    assert ["Thema", "Fragen", "Beantwortet", "Offen"] in rows
    assert ["Sicherheit", "2", "1", "1"] in rows
    assert ["Gesamt", "2", "1", "1"] in rows
    assert ["Polizeipräsidium Mannheim", "1"] in rows
    assert "1 vom Organisationsteam ausgeblendete Frage wird nicht mitgezählt." in evaluation
    assert "Jana" not in evaluation


def test_answer_without_answering_body_is_refused_in_german(logged_in, people, evening):
    [question] = _ask(evening, "Wo melde ich Lärm?")
    client = logged_in(people.organiser)
    response = submit(client, manage_url(evening), {
        f"q{question.id}-answer-answer": "Beim Ordnungsamt.", f"q{question.id}-answer-answered_by": "",
    }, post_url=question_url(evening, question, "answer"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Bitte geben Sie an, wer geantwortet hat." in html
    assert "Beim Ordnungsamt." in html  # what was typed is kept
    assert not questions()[0].is_answered


def test_answering_body_that_names_a_person_is_refused(logged_in, people, evening):
    """The answering body is published in the evaluation: a body, never a person."""
    [question] = _ask(evening, "Wo melde ich Lärm?")
    response = submit(logged_in(people.organiser), manage_url(evening), {
        f"q{question.id}-answer-answer": "Beim Ordnungsamt.",
        f"q{question.id}-answer-answered_by": "Ordnungsamt, Herr Maier, 0621 293 0",
    }, post_url=question_url(evening, question, "answer"))
    assert response.status_code == 200
    assert "Bitte nennen Sie eine Stelle, keine Person" in response.get_data(as_text=True)
    assert not questions()[0].is_answered


def test_duplicate_theme_is_refused(logged_in, people, evening):
    client = logged_in(people.organiser)
    url = f"/testort/e/{evening.id}/themenabend/themes"
    submit(client, manage_url(evening), {"name": "Arbeit"}, post_url=url)
    response = submit(client, manage_url(evening), {"name": "Arbeit"}, post_url=url)
    assert "Dieses Thema gibt es schon." in response.get_data(as_text=True)
    assert len(themes()) == 1


def test_theme_of_another_evening_cannot_be_assigned(logged_in, people, evening):
    other = make_event(evening.municipality, "themenabend", title="Arbeit")
    foreign = services.create_theme(other, "Jobcenter")
    [question] = _ask(evening, "Frage")
    client = logged_in(people.organiser)
    response = submit(client, manage_url(evening), {f"q{question.id}-assign-theme": foreign.id},
                      post_url=question_url(evening, question, "theme"))
    assert response.status_code == 200
    assert questions()[0].theme_id is None


def test_question_of_another_evening_is_not_found(logged_in, people, evening):
    other = make_event(evening.municipality, "themenabend", title="Arbeit")
    [foreign] = _ask(other, "Frage zum anderen Abend")
    client = logged_in(people.organiser)
    response = submit(client, manage_url(evening), {}, post_url=question_url(evening, foreign, "visibility"))
    assert response.status_code == 404
    assert not questions()[0].hidden


@pytest.mark.parametrize("who", ["participant", "other_admin"])
def test_only_staff_of_the_municipality_may_manage(logged_in, people, evening, who):
    [question] = _ask(evening, "Frage")
    client = logged_in(getattr(people, who))
    assert client.get(manage_url(evening)).status_code == 403
    assert client.get("/testort/organise/themenabend/").status_code == 403
    # A forged post with a valid token from a page the user may see.
    response = submit(client, event_url(evening), {}, post_url=question_url(evening, question, "visibility"))
    assert response.status_code == 403
    response = submit(client, event_url(evening), {"name": "X"},
                      post_url=f"/testort/e/{evening.id}/themenabend/themes")
    assert response.status_code == 403
    assert not questions()[0].hidden and themes() == []


def test_anonymous_visitor_is_sent_to_log_in(client, evening):
    response = client.get(manage_url(evening))
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_other_municipality_url_for_the_event_is_not_found(logged_in, evening, people):
    enable(people.other_municipality, "themenabend")
    client = logged_in(people.other_admin)
    assert client.get(f"/anderswo/e/{evening.id}/themenabend/manage").status_code == 404


def test_disabled_format_hides_every_plugin_url(logged_in, evening, people):
    [question] = _ask(evening, "Frage")
    disable(people.municipality, "themenabend")
    client = logged_in(people.organiser)
    for url in (manage_url(evening), f"/testort/e/{evening.id}/themenabend/questions/new",
                "/testort/organise/themenabend/"):
        assert client.get(url).status_code == 404, url
    response = submit(client, event_url(evening), {}, post_url=question_url(evening, question, "visibility"))
    assert response.status_code == 404
    assert "Fragen und Anliegen" not in client.get(event_url(evening)).get_data(as_text=True)


def test_overview_lists_evenings_with_counts_without_a_query_per_evening(logged_in, people, evening):
    from sqlalchemy import event as sa_event

    _ask(evening, "Eins", "Zwei")
    services.answer_question(questions()[0], "Antwort", "Polizei")
    client = logged_in(people.organiser)
    assert "Themenabende" in client.get("/testort/organise/").get_data(as_text=True)  # navigation link

    statements = []

    def counted(*args):
        statements.append(args[2])

    def queries_for_overview():
        statements.clear()
        sa_event.listen(db.engine, "before_cursor_execute", counted)
        try:
            html = client.get("/testort/organise/themenabend/").get_data(as_text=True)
        finally:
            sa_event.remove(db.engine, "before_cursor_execute", counted)
        return html, len(statements)

    html, one_evening = queries_for_overview()
    assert ["Sicherheit und Nachbarschaft"] == [row[0] for row in _cells(html)[1:]]
    assert _cells(html)[1][3:] == ["2", "1", "1", "0"]
    for title in ("Arbeit", "Wohnen", "Schule"):
        other = make_event(people.municipality, "themenabend", title=title)
        _ask(other, "Frage")
    html, four_evenings = queries_for_overview()
    assert len(_cells(html)) == 5
    assert four_evenings == one_evening


def test_moderator_sees_no_navigation_link_to_all_evenings(logged_in, people, evening):
    client = logged_in(people.moderator)
    assert "Themenabende" not in client.get("/testort/organise/").get_data(as_text=True)


def test_settings_form_is_part_of_the_event_form(logged_in, enabled):
    client = logged_in(enabled.organiser)
    page = "/testort/organise/new/themenabend"
    html = client.get(page).get_data(as_text=True)
    assert 'name="ext__themenabend__answering_bodies"' in html
    response = submit(client, page, {
        "title_de": "Arbeit", "starts_at": "2031-05-06T19:00", "ends_at": "2031-05-06T21:00",
        "place_name": "Rathaus", "ext__themenabend__answering_bodies": "Jobcenter, Agentur für Arbeit",
    })
    assert response.status_code == 302
    event = db.session.scalars(db.select(Event)).one()
    assert event.settings["answering_bodies"] == "Jobcenter, Agentur für Arbeit"
    assert event.settings["allow_anonymous"] is False  # an unticked box


def test_deleting_an_event_deletes_its_questions_and_themes(evening):
    _ask(evening, "Frage")
    services.create_theme(evening, "Thema")
    db.session.execute(db.delete(type(evening)).where(type(evening).id == evening.id))
    db.session.commit()
    assert count(Question) == 0 and count(Theme) == 0
