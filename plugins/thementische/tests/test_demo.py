"""Demo content for Schwäbisch Gmünd."""
from dialogplatform.plugin_api import Event, Municipality, Registration, db
from dialogplatform.testing import make_municipality
from dialogplatform_formats.thementische.models import Assignment, Statement, ThemeTable


def _count(model):
    db.session.expire_all()
    return db.session.scalar(db.select(db.func.count(model.id)))


def _rows():
    return tuple(_count(model) for model in (Event, ThemeTable, Statement, Assignment, Registration))


def test_demo_gives_schwaebisch_gmuend_a_full_past_dialogue_once(runner, client):
    assert runner.invoke(args=["demo"]).exit_code == 0
    rows = _rows()
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert _rows() == rows

    gmuend = db.session.scalars(db.select(Municipality).filter_by(slug="schwaebisch-gmuend")).one()
    [event] = db.session.scalars(db.select(Event).filter_by(municipality_id=gmuend.id, format_key="thementische",
                                                            origin_event_id=None)).all()
    assert event.evaluation_published and event.settings["demo_key"] == "thementische-erster-dialog"
    assert _count(ThemeTable) == 5
    assert db.session.scalar(db.select(db.func.count(Registration.id)).filter_by(event_id=event.id)) == 30
    ideas = db.session.scalars(db.select(Statement).filter_by(event_id=event.id, is_idea=True)).all()
    assert 4 <= len(ideas) <= 5 and {i.status for i in ideas} == {"open", "in_progress", "done"}
    follow_up = db.session.get(Event, next(i.follow_up_event_id for i in ideas if i.follow_up_event_id))
    assert follow_up.title["de"].startswith("Runder Tisch: ") and follow_up.origin_event_id == event.id

    html = client.get(f"/schwaebisch-gmuend/e/{event.id}/evaluation").get_data(as_text=True)
    assert "Aussagen nach Tisch und Frage" in html and "Mietpatenschaft" in html
    assert "Thomas Wagner" not in html  # contacts are for organisers only
    assert "Platziert in Runde 2" in html


def test_demo_leaves_other_municipalities_alone(db):
    from dialogplatform_formats.thementische.demo import load

    load(make_municipality("testort", "Testort"), db.session)
    db.session.commit()
    assert _count(ThemeTable) == 0 and _count(Event) == 0
