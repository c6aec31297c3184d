"""Demo content for Stuttgart."""
from dialogplatform.plugin_api import Event, Municipality, db
from dialogplatform.testing import make_municipality
from dialogplatform_formats.dezentrale_dialoge.models import Entry, Meeting, Series, Site, Stage

from .helpers import count


def _counts():
    return tuple(count(model) for model in (Series, Stage, Site, Meeting, Entry))


def test_demo_gives_stuttgart_a_published_series_once(runner, client):
    assert runner.invoke(args=["demo"]).exit_code == 0
    counts = _counts()
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert _counts() == counts  # the second run adds nothing
    assert counts[:4] == (1, 3, 7, 10) and counts[4] >= 80

    stuttgart = db.session.scalars(db.select(Municipality).filter_by(slug="stuttgart")).one()
    series = db.session.scalars(db.select(Series)).one()
    assert series.municipality_id == stuttgart.id and series.published
    assert {e.municipality_id for e in db.session.scalars(
        db.select(Event).filter_by(format_key="dezentrale_dialoge"))} == {stuttgart.id}

    html = client.get(f"/stuttgart/f/dezentrale_dialoge/series/{series.id}").get_data(as_text=True)
    assert html.count("/signup\"") == 2  # the two upcoming meetings
    rows = html.split('<table id="dd-comparison">')[1].split("<tbody>")[1]
    assert rows.index("Sprachkurse") < rows.index("Kinderbetreuung")  # at every site vs. some
    assert "Petra Maier" not in html


def test_demo_leaves_other_municipalities_alone(db):
    from dialogplatform_formats.dezentrale_dialoge.demo import load

    load(make_municipality("testort", "Testort"), db.session)
    db.session.commit()
    assert _counts() == (0, 0, 0, 0, 0)
