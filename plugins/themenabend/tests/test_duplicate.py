"""Duplicating an evening takes its themes along; the residents' questions
and their answers stay with the original."""
from dialogplatform.plugin_api import db
from dialogplatform.testing import duplicate_from_hub
from dialogplatform_formats.themenabend import services
from dialogplatform_formats.themenabend.models import Question

from .helpers import manage_url


def test_the_copy_has_the_themes_in_order_but_no_questions(logged_in, people, evening):
    safety, light = services.create_theme(evening, "Sicherheit"), services.create_theme(evening, "Beleuchtung")
    question = services.submit_question(evening, "Gibt es mehr Einbrüche?", "Jana", "de")
    services.assign_theme(question, safety)
    services.answer_question(question, "Nein, nicht mehr als im Vorjahr.", "Polizei")
    client = logged_in(people.organiser)

    copy = duplicate_from_hub(client, evening)

    html = client.get(manage_url(copy)).get_data(as_text=True)
    assert "Sicherheit" in html and "Beleuchtung" in html
    assert "Gibt es mehr Einbrüche?" not in html and "Jana" not in html and "nicht mehr als im Vorjahr" not in html
    assert "Gibt es mehr Einbrüche?" in client.get(manage_url(evening)).get_data(as_text=True)
    assert [(theme.name, theme.position) for theme in services.themes_of(copy)] == [
        ("Sicherheit", safety.position), ("Beleuchtung", light.position)]
    assert db.session.scalar(db.select(db.func.count(Question.id)).filter_by(event_id=copy.id)) == 0
