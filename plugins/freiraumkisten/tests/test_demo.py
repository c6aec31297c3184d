"""Demo content for Lörrach."""
from dialogplatform.plugin_api import Event, Municipality, db
from dialogplatform.testing import make_municipality
from dialogplatform_formats.freiraumkisten.models import ModerationEntry, Post, PostStatus, Station

from .helpers import cells


def _count(model):
    db.session.expire_all()
    return db.session.scalar(db.select(db.func.count(model.id)))


def _rows():
    return _count(Event), _count(Station), _count(Post), _count(ModerationEntry)


def test_demo_gives_loerrach_a_running_campaign_and_a_past_one_once(runner, client):
    assert runner.invoke(args=["demo"]).exit_code == 0
    rows = _rows()
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert _rows() == rows  # the second run adds nothing

    loerrach = db.session.scalars(db.select(Municipality).filter_by(slug="loerrach")).one()
    campaign, past = db.session.scalars(db.select(Event).filter_by(format_key="freiraumkisten").order_by(Event.id))
    assert campaign.municipality_id == loerrach.id and campaign.is_published and campaign.evaluation_published
    assert past.ends_at < campaign.starts_at and past.evaluation_published
    stations = db.session.scalars(db.select(Station).filter_by(event_id=campaign.id)).all()
    assert [s.name for s in stations] == ["Marktplatz", "Bahnhof", "Stadtbibliothek", "Grütt-Park"]
    statuses = [p.status for p in db.session.scalars(db.select(Post).filter_by(event_id=campaign.id))]
    assert len(statuses) >= 35 and statuses.count(PostStatus.PENDING) >= 3
    assert statuses.count(PostStatus.HIDDEN) == 1
    [hidden_log] = db.session.scalars(db.select(ModerationEntry).filter_by(action="hidden")).all()
    assert hidden_log.event_id == campaign.id
    assert hidden_log.reason and hidden_log.moderator_id is not None
    languages = {p.language for p in db.session.scalars(db.select(Post))}
    assert {"de", "ar", "tr"} <= languages

    html = client.get(f"/loerrach/e/{campaign.id}/evaluation").get_data(as_text=True)
    rows = cells(html)
    assert any(row[0] == "Grütt-Park" for row in rows)
    assert "Hier lungern" not in html  # the hidden post stays out of the public view
    page = client.get(f"/loerrach/e/{campaign.id}/").get_data(as_text=True)
    assert "Wo die Kiste steht" in page and "Grütt-Park" in page
    past_rows = cells(client.get(f"/loerrach/e/{past.id}/evaluation").get_data(as_text=True))
    assert any(row[0] == "Stetten, Hebelplatz" for row in past_rows)


def test_demo_leaves_other_municipalities_alone(db):
    from dialogplatform_formats.freiraumkisten.demo import load

    load(make_municipality("weinheim", "Weinheim"), db.session)
    db.session.commit()
    assert _rows() == (0, 0, 0, 0)
