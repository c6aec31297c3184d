"""Participation figures of the demo evenings: the questions residents sent
in (hidden ones left out, as in the evaluation), one asker each."""
from dialogplatform.plugin_api import db
from dialogplatform.testing import api_figures, load_demo_at, log_in_demo_organiser, report_figures
from dialogplatform_formats.themenabend.models import Question


def test_the_weinheim_evenings_count_the_questions_sent_in(client, clock):
    load_demo_at(clock)
    questions = dict(db.session.execute(db.select(Question.event_id, db.func.count()).where(
        Question.hidden.is_(False)).group_by(Question.event_id)).all())
    published = api_figures(client, "weinheim", "themenabend")
    assert published and set(questions) >= set(published)
    for event_id, figures in published.items():
        assert figures["contributions"] == figures["anonymous_contributors"] == questions[event_id] > 0
        assert figures["people"] == max(figures["attended"] + figures["walk_ins"], questions[event_id])

    log_in_demo_organiser(client, "weinheim")
    most = max(published, key=lambda event_id: questions[event_id])
    shown = report_figures(client, "weinheim", most)
    assert shown["contributions"] == str(questions[most])
    assert shown["people"] == str(published[most]["people"])
