"""Residents send questions before the evening; the public never sees names."""
from datetime import timedelta

from dialogplatform.plugin_api import db, utcnow
from dialogplatform.testing import csrf_token_from, make_event, submit
from dialogplatform_formats.themenabend.models import Question

from .helpers import ask_url, count, event_url, questions


def test_anonymous_question_appears_on_event_page_without_a_name(client, evening):
    response = submit(client, event_url(evening), {
        "question_text": "Wird die Straßenbeleuchtung am Bahnhof verbessert?", "author_name": "",
    }, post_url=ask_url(evening))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/e/{evening.id}/#themenabend-questions")

    page = client.get(event_url(evening)).get_data(as_text=True)
    assert "Danke. Ihre Frage ist gespeichert" in page
    assert "Wird die Straßenbeleuchtung am Bahnhof verbessert?" in page
    assert "Noch nicht beantwortet." in page
    [question] = questions()
    assert question.author_name == "" and question.language == "de"


def test_a_given_name_is_stored_but_never_published(client, evening):
    submit(client, event_url(evening), {
        "question_text": "Gibt es mehr Polizeistreifen am Abend?", "author_name": "Fatima Beispiel",
    }, post_url=ask_url(evening))
    page = client.get(event_url(evening)).get_data(as_text=True)
    assert "Gibt es mehr Polizeistreifen am Abend?" in page
    assert "Fatima Beispiel" not in page
    assert questions()[0].author_name == "Fatima Beispiel"


def test_too_long_question_gives_german_error_keeps_text_and_saves_nothing(client, evening):
    text = "Lärm " * 201  # 1005 characters
    response = submit(client, event_url(evening), {"question_text": text, "author_name": "Ali"},
                      post_url=ask_url(evening))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Bitte schreiben Sie höchstens 1000 Zeichen." in html
    assert 'aria-invalid="true"' in html
    assert text.strip() in html and 'value="Ali"' in html
    assert count(Question) == 0


def test_empty_question_gives_german_error_and_saves_nothing(client, evening):
    response = submit(client, event_url(evening), {"question_text": "   ", "author_name": ""},
                      post_url=ask_url(evening))
    assert "Bitte schreiben Sie Ihre Frage." in response.get_data(as_text=True)
    assert count(Question) == 0


def test_name_is_required_when_the_evening_takes_no_anonymous_questions(client, enabled):
    event = make_event(enabled.municipality, "themenabend", settings={"allow_anonymous": False})
    response = submit(client, event_url(event), {"question_text": "Wo ist das Jobcenter?", "author_name": ""},
                      post_url=ask_url(event))
    assert "Bitte geben Sie Ihren Namen an." in response.get_data(as_text=True)
    assert count(Question) == 0


def _token(client, event):
    """The CSRF token of the form as the resident loaded it."""
    return csrf_token_from(client.get(event_url(event)).get_data(as_text=True))


def test_question_sent_after_the_start_is_refused(client, evening):
    token = _token(client, evening)  # the resident opened the form before the start ...
    evening.starts_at = utcnow() - timedelta(minutes=5)  # ... and sends it once the evening began
    db.session.commit()
    response = client.post(ask_url(evening), data={"csrf_token": token, "question_text": "Zu spät?"},
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Der Abend hat begonnen" in html
    assert 'name="question_text"' not in html
    assert count(Question) == 0


def test_started_event_page_shows_no_form(client, enabled):
    event = make_event(enabled.municipality, "themenabend", days=-1)
    html = client.get(event_url(event)).get_data(as_text=True)
    assert "Der Abend hat begonnen" in html
    assert 'name="question_text"' not in html


def test_cancelled_evening_takes_no_questions(client, evening):
    token = _token(client, evening)
    evening.status = "cancelled"
    db.session.commit()
    response = client.post(ask_url(evening), data={"csrf_token": token, "question_text": "Noch offen?"},
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Der Abend wurde abgesagt" in html
    assert 'name="question_text"' not in html
    assert count(Question) == 0


def test_htmx_submission_swaps_the_panel(client, evening):
    token = _token(client, evening)
    assert 'hx-post="' in client.get(event_url(evening)).get_data(as_text=True)
    assert 'hx-post="' not in client.get(ask_url(evening)).get_data(as_text=True)  # no panel to swap there
    response = client.post(ask_url(evening), headers={"HX-Request": "true"},
                           data={"csrf_token": token, "question_text": "Wie melde ich Ruhestörung?"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="themenabend-questions">')
    assert "Wie melde ich Ruhestörung?" in html and "Danke." in html
    invalid = client.post(ask_url(evening), headers={"HX-Request": "true"},
                          data={"csrf_token": token, "question_text": ""})
    assert "Bitte schreiben Sie Ihre Frage." in invalid.get_data(as_text=True)
    assert count(Question) == 1


def test_draft_evening_takes_no_questions(client, enabled):
    event = make_event(enabled.municipality, "themenabend", status="draft")
    assert client.get(ask_url(event)).status_code == 404


def test_question_text_is_shown_as_text_never_as_markup(client, evening):
    submit(client, event_url(evening), {"question_text": "<script>alert(1)</script>\nZweite Zeile"},
           post_url=ask_url(evening))
    page = client.get(event_url(evening)).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Zweite Zeile" in page


def test_arabic_reader_gets_the_form_in_arabic(client, evening):
    page = client.get(event_url(evening) + "?lang=ar").get_data(as_text=True)
    assert 'dir="rtl"' in page
    assert "سؤالك أو ما يقلقك" in page and "اسمك (اختياري)" in page
