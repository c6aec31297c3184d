"""What the evening leaves behind: recommendation candidates, the process
report section, the evaluation page, and names forgotten after the
retention period."""
from dialogplatform.plugin_api import Process, db
from dialogplatform.plugin_system.enabling import plugin_manager
from dialogplatform.testing import make_event, process_report, recommendation_candidates
from dialogplatform_formats.themenabend import services

from .helpers import questions


def _ask(event, *texts, name=""):
    return [services.submit_question(event, text, name, "de") for text in texts]


def test_open_questions_come_first_as_recommendation_candidates(app, evening):
    answered, still_open, hidden = _ask(evening, "Mehr Licht am Bahnhof?", "Mehr Deutschkurse am Abend?", "Beleidigung")
    theme = services.create_theme(evening, "Sicherheit")
    services.assign_theme(answered, theme)
    services.answer_question(answered, "Die Stadt prüft das.", "Ordnungsamt")
    services.set_hidden(hidden, True)
    with app.test_request_context("/?lang=de"):
        sources, failures = recommendation_candidates(evening)
    assert failures == []
    assert [(s.ref, s.text, s.topic, s.kind) for s in sources] == [
        (f"question:{still_open.id}", "Mehr Deutschkurse am Abend?", "", "Offene Frage"),
        (f"question:{answered.id}", "Mehr Licht am Bahnhof?", "Sicherheit", "Beantwortete Frage"),
    ]


def test_process_report_counts_questions_of_its_evenings(app, evening):
    process = Process(municipality_id=evening.municipality_id, title={"de": "Dialog Weststadt"})
    db.session.add(process)
    db.session.flush()
    later = make_event(evening.municipality, "themenabend", title="Arbeit", days=14, process_id=process.id)
    evening.process_id = process.id
    make_event(evening.municipality, "themenabend", title="Entwurf", status="draft", process_id=process.id)
    db.session.commit()
    first, _second = _ask(evening, "Eins", "Zwei")
    services.answer_question(first, "Antwort", "Polizei")
    _ask(later, "Drei")
    with app.test_request_context("/?lang=de"):
        sections = dict(process_report(process).format_sections)["themenabend"]
    [section] = sections
    assert section.title == "Themenabende"
    assert [[str(cell) for cell in row] for row in section.table] == [
        ["Abend", "Fragen", "Beantwortet", "Offen"],
        ["Sicherheit und Nachbarschaft", "2", "1", "1"],
        ["Arbeit", "1", "0", "1"],
        ["Gesamt", "3", "1", "2"],
    ]


def test_anonymising_the_evening_forgets_names_and_keeps_questions(evening):
    _ask(evening, "Wer räumt den Schnee?", name="Ayşe Beispiel")
    other = make_event(evening.municipality, "themenabend", title="Arbeit")
    _ask(other, "Wann öffnet das Jobcenter?", name="Omar Beispiel")
    _results, failures = plugin_manager().call_each("anonymise_event", keys={"themenabend"}, event=evening)
    db.session.commit()
    assert failures == []
    assert [(q.text, q.author_name) for q in questions()] == [
        ("Wer räumt den Schnee?", ""), ("Wann öffnet das Jobcenter?", "Omar Beispiel")]


def test_evaluation_of_an_evening_without_questions_says_so(logged_in, people, municipality_with):
    event = make_event(municipality_with("themenabend"), "themenabend")
    html = logged_in(people.organiser).get(f"/testort/e/{event.id}/evaluation").get_data(as_text=True)
    assert "Es wurden keine Fragen eingesandt." in html
