"""On the evening: the projector shows one question at a time, moderators
mark questions answered from their phone, and an evening may review
questions before they go public."""
import re

import pytest

from dialogplatform.testing import enable, make_event, submit
from dialogplatform_formats.themenabend import services

from .helpers import ask_url, event_url, manage_url, question_url, questions


def _base(event):
    return f"/{event.municipality.slug}/e/{event.id}/themenabend"


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def three(evening):
    """Three questions, the second one in the theme "Sicherheit"."""
    first, second, third = (services.submit_question(evening, text, "Jana", "de") for text in (
        "Wann kommt die Laterne am Fußweg?", "Gibt es mehr Einbrüche?", "Wo melde ich Lärm?"))
    theme = services.create_theme(evening, "Sicherheit")
    services.assign_theme(second, theme)
    return first, second, third


def test_projector_shows_one_question_at_a_time_with_plain_links(logged_in, people, evening, three):
    first, second, third = three
    client = logged_in(people.moderator)
    html = client.get(f"{_base(evening)}/present").get_data(as_text=True)
    # Theme by theme: "Sicherheit" first, then the questions without a theme.
    assert "Frage 1 von 3 · Sicherheit" in _text(html)
    assert "Gibt es mehr Einbrüche?" in html and "Wann kommt die Laterne" not in html
    assert "Jana" not in html  # names never reach the projector
    next_link = re.search(r'<a rel="next" href="([^"]+)"', html).group(1)
    assert next_link == f"{_base(evening)}/present/{first.id}"
    assert 'rel="prev"' not in html
    assert 'http-equiv="refresh"' in html and "hx-trigger=\"every" in html  # updates itself, with or without JS

    html = client.get(next_link).get_data(as_text=True)
    assert "Frage 2 von 3" in html and "Wann kommt die Laterne am Fußweg?" in html
    assert f'href="{_base(evening)}/present/{second.id}"' in html
    assert f'href="{_base(evening)}/present/{third.id}"' in html

    services.answer_question(second, "", "Polizei")
    html = client.get(f"{_base(evening)}/present").get_data(as_text=True)
    assert "Wann kommt die Laterne am Fußweg?" in html  # it opens at the first open question
    assert "Beantwortet von Polizei" in client.get(f"{_base(evening)}/present/{second.id}").get_data(as_text=True)


def test_projector_never_shows_a_hidden_question(logged_in, people, evening, three):
    services.set_hidden(three[0], True)
    client = logged_in(people.moderator)
    assert client.get(f"{_base(evening)}/present/{three[0].id}").status_code == 404
    assert "Frage 1 von 2" in client.get(f"{_base(evening)}/present").get_data(as_text=True)


def test_moderator_marks_a_question_answered_from_the_phone(logged_in, people, evening, three):
    first = three[0]
    client = logged_in(people.moderator)
    phone = f"{_base(evening)}/phone"
    html = client.get(phone).get_data(as_text=True)
    assert "Als beantwortet markieren" in html and 'list="themenabend-bodies"' in html
    response = submit(client, phone, {f"q{first.id}-quick-answered_by": "Ordnungsamt"},
                      post_url=question_url(evening, first, "answered"))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/phone#question-{first.id}")
    stored = questions()[0]
    assert stored.is_answered and stored.answered_by == "Ordnungsamt"
    assert "Am Abend beantwortet von Ordnungsamt." in client.get(event_url(evening)).get_data(as_text=True)


def test_phone_form_refuses_a_person_as_answering_body(logged_in, people, evening, three):
    first = three[0]
    client = logged_in(people.moderator)
    response = submit(client, f"{_base(evening)}/phone", {f"q{first.id}-quick-answered_by": "Herr Maier, 0621 293 0"},
                      post_url=question_url(evening, first, "answered"))
    assert response.status_code == 422
    assert "Bitte nennen Sie eine Stelle, keine Person" in response.get_data(as_text=True)
    assert not questions()[0].is_answered


def test_marking_answered_without_the_form_token_is_refused(logged_in, people, evening, three):
    client = logged_in(people.moderator)
    response = client.post(question_url(evening, three[0], "answered"), data={
        f"q{three[0].id}-quick-answered_by": "Polizei"})
    assert response.status_code in (400, 422)
    assert not questions()[0].is_answered


def test_moderator_answers_on_the_full_page_but_adds_no_themes(logged_in, people, evening, three):
    first = three[0]
    client = logged_in(people.moderator)
    html = client.get(manage_url(evening)).get_data(as_text=True)
    assert "Antwort speichern" in html and "Thema hinzufügen" not in html
    response = submit(client, manage_url(evening), {
        f"q{first.id}-answer-answer": "Im Frühjahr.", f"q{first.id}-answer-answered_by": "Bauamt",
    }, post_url=question_url(evening, first, "answer"))
    assert response.status_code == 302
    assert questions()[0].answer == "Im Frühjahr."
    response = submit(client, manage_url(evening), {"name": "Bauen"}, post_url=f"{_base(evening)}/themes")
    assert response.status_code == 403
    assert client.get("/testort/organise/themenabend/").status_code == 403


def test_review_keeps_new_questions_from_the_public_until_approved(client, logged_in, people, enabled):
    event = make_event(enabled.municipality, "themenabend", settings={"review_questions": True})
    response = submit(client, ask_url(event), {"question_text": "Warum ist das Bad geschlossen?"},
                      follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "sobald die Moderation sie geprüft hat" in page
    assert "Warum ist das Bad geschlossen?" not in page
    spam = services.submit_question(event, "Werbung für Kredite")
    [question, _spam] = questions()

    moderator = logged_in(people.moderator)
    phone = moderator.get(f"{_base(event)}/phone").get_data(as_text=True)
    assert "Zur Prüfung (2)" in phone and "Warum ist das Bad geschlossen?" in phone
    assert moderator.get(f"{_base(event)}/present/{question.id}").status_code == 404  # not public yet
    response = submit(moderator, f"{_base(event)}/phone", {"back": "phone"},
                      post_url=question_url(event, question, "approve"))
    assert response.status_code == 302 and "/phone#question-" in response.headers["Location"]
    submit(moderator, f"{_base(event)}/phone", {"back": "phone"}, post_url=question_url(event, spam, "visibility"))

    public = client.get(event_url(event)).get_data(as_text=True)
    assert "Warum ist das Bad geschlossen?" in public and "Werbung für Kredite" not in public
    stored = questions()
    assert [q.hidden for q in stored] == [False, True] and not any(q.awaiting_review for q in stored)
    assert "Zur Prüfung" not in moderator.get(f"{_base(event)}/phone").get_data(as_text=True)


def test_overview_of_evenings_counts_questions_awaiting_review(logged_in, people, enabled):
    event = make_event(enabled.municipality, "themenabend", settings={"review_questions": True})
    for text in ("Eins", "Zwei"):
        services.submit_question(event, text)
    html = logged_in(people.organiser).get("/testort/organise/themenabend/").get_data(as_text=True)
    row = re.search(r"<tbody>.*?</tbody>", html, re.S).group(0)
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
    assert cells[3:] == ["0", "0", "0", "2"]  # nothing public yet, two to review
    assert f'href="{_base(event)}/phone">2</a>' in row


def test_without_review_questions_are_public_at_once(client, evening):
    services.submit_question(evening, "Gibt es mehr Streifen?")
    assert "Gibt es mehr Streifen?" in client.get(event_url(evening)).get_data(as_text=True)


def test_review_setting_is_on_the_event_form(logged_in, enabled):
    client = logged_in(enabled.organiser)
    html = client.get("/testort/organise/new/themenabend").get_data(as_text=True)
    assert "Fragen vor Veröffentlichung prüfen" in html
    assert 'name="ext__themenabend__review_questions"' in html


@pytest.mark.parametrize("page", ["present", "phone", "manage"])
def test_evening_pages_are_for_this_municipality_s_staff_only(client, logged_in, people, evening, three,
                                                             other_moderator, page):
    url = f"{_base(evening)}/{page}"
    assert logged_in(people.moderator).get(url).status_code == 200
    assert logged_in(people.participant).get(url).status_code == 403
    assert logged_in(other_moderator).get(url).status_code == 403
    enable(people.other_municipality, "themenabend")
    assert logged_in(other_moderator).get(url.replace("/testort/", "/anderswo/")).status_code == 404


def test_other_municipality_s_moderator_cannot_mark_answered(logged_in, people, evening, three, other_moderator):
    client = logged_in(other_moderator)
    for action, data in (("answered", {f"q{three[0].id}-quick-answered_by": "Polizei"}), ("approve", {})):
        response = submit(client, event_url(evening), data, post_url=question_url(evening, three[0], action))
        assert response.status_code == 403
    assert not questions()[0].is_answered
