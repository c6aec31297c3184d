"""Demo content for Weinheim."""
from dialogplatform.plugin_api import Event, Municipality, db
from dialogplatform.testing import make_municipality
from dialogplatform_formats.themenabend.models import Question, Theme

from . import helpers


def _rows():
    """Themed evenings, their themes and questions (other formats add their own demo events)."""
    evenings = db.session.scalar(db.select(db.func.count(Event.id)).filter_by(format_key="themenabend"))
    return evenings, helpers.count(Theme), helpers.count(Question)


def test_demo_gives_weinheim_a_past_and_an_upcoming_evening_and_loerrach_one_once(runner, client):
    assert runner.invoke(args=["demo"]).exit_code == 0
    rows = _rows()
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert _rows() == rows  # the second run adds nothing

    weinheim = db.session.scalars(db.select(Municipality).filter_by(slug="weinheim")).one()
    evenings = {e.settings["demo_key"]: e for e in db.session.scalars(
        db.select(Event).filter_by(municipality_id=weinheim.id, format_key="themenabend"))}
    assert set(evenings) == {"themenabend-sicherheit", "themenabend-arbeit"}
    loerrach = db.session.scalars(db.select(Municipality).filter_by(slug="loerrach")).one()
    [answers_to_boxes] = db.session.scalars(
        db.select(Event).filter_by(municipality_id=loerrach.id, format_key="themenabend"))
    assert answers_to_boxes.settings["demo_key"] == "themenabend-loerrach-plaetze"
    assert rows[0] == 3  # no other pilot got a themed evening

    safety = evenings["themenabend-sicherheit"]
    evaluation = client.get(f"/weinheim/e/{safety.id}/evaluation").get_data(as_text=True)
    assert "Polizeipräsidium Mannheim" in evaluation and "Sicherheit im Alltag" in evaluation
    work = evenings["themenabend-arbeit"]
    page = client.get(f"/weinheim/e/{work.id}/").get_data(as_text=True)
    assert "Noch nicht beantwortet." in page and 'name="question_text"' in page
    assert "Arbeit" in client.get("/weinheim/").get_data(as_text=True)


def test_demo_leaves_other_municipalities_alone(db):
    from dialogplatform_formats.themenabend.demo import load

    load(make_municipality("testort", "Testort"), db.session)
    db.session.commit()
    assert _rows() == (0, 0, 0)
