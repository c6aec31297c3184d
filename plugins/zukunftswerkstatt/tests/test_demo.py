"""Demo content for Ostfildern."""
from dialogplatform.plugin_api import Event, Municipality, db, utcnow
from dialogplatform.testing import make_municipality
from dialogplatform_formats.zukunftswerkstatt.models import Card, Measure, Theme, Vote


def _count(model):
    db.session.expire_all()
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def _rows():
    return tuple(_count(model) for model in (Event, Theme, Card, Vote, Measure))


def test_demo_gives_ostfildern_a_past_published_workshop_and_an_upcoming_one_once(runner, client):
    assert runner.invoke(args=["demo"]).exit_code == 0
    rows = _rows()
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert _rows() == rows  # the second run adds nothing

    ostfildern = db.session.scalars(db.select(Municipality).filter_by(slug="ostfildern")).one()
    event, upcoming = db.session.scalars(db.select(Event).filter_by(format_key="zukunftswerkstatt").order_by(Event.id))
    assert event.municipality_id == ostfildern.id and event.is_published and event.evaluation_published
    assert event.ends_at < utcnow()
    assert upcoming.municipality_id == ostfildern.id and upcoming.is_published and upcoming.starts_at > utcnow()
    assert [t.name for t in db.session.scalars(
        db.select(Theme).filter_by(event_id=event.id).order_by(Theme.position))] == [
        "Bauen & Wohnen", "Sprache & Bildung", "Sorgen & Bedenken"]
    for phase in ("critique", "fantasy", "realisation"):
        assert 18 <= db.session.scalar(
            db.select(db.func.count(Card.id)).filter_by(event_id=event.id, phase=phase)) <= 22
    measures = db.session.scalars(db.select(Measure).filter_by(event_id=event.id)).all()
    assert 5 <= len(measures) <= 6 and any(m.addressee == "land" for m in measures)

    evaluation = client.get(f"/ostfildern/e/{event.id}/evaluation").get_data(as_text=True)
    assert "bekommt auf Anzeigen meist gar keine Antwort" in evaluation
    assert "Mehr Vorbereitungsklassen an den Schulen in Ostfildern einrichten" in evaluation
    assert client.get(f"/ostfildern/e/{event.id}/zukunftswerkstatt/evaluation.csv").status_code == 200


def test_demo_leaves_other_municipalities_alone(db):
    from dialogplatform_formats.zukunftswerkstatt.demo import load

    load(make_municipality("testort", "Testort"), db.session)
    db.session.commit()
    assert _rows() == (0, 0, 0, 0, 0)
