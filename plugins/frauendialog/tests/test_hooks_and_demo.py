"""Data protection hooks, demo data and the format's registration."""
from dialogplatform.plugin_api import Event, Municipality, Registration, db, utcnow
from dialogplatform.plugin_system.enabling import enabled_format_keys, plugin_manager
from dialogplatform.testing import make_municipality
from dialogplatform_formats.frauendialog import demo, plugin
from dialogplatform_formats.frauendialog.models import Contribution, Designation

from .helpers import add_contributions, add_women, count, designate


def test_format_anonymises_after_thirty_days(app):
    info = plugin_manager().info("frauendialog")
    assert info.retention_days == 30
    assert plugin.format_info().retention_days == 30


def test_anonymise_event_drops_the_statements_and_keeps_the_evaluation(app, dialogue, staff):
    add_women(dialogue)
    add_contributions(dialogue, "Wohnen", "wish", 5)
    designate(dialogue, staff["designated"])
    with app.test_request_context(headers={"Accept-Language": "de"}):
        before = [section.table for section in plugin.evaluation(dialogue)]
        plugin_manager().call_each("anonymise_event", event=dialogue)
        plugin.anonymise_event(dialogue)  # idempotent
        db.session.commit()
        db.session.expire_all()
        assert all("frauendialog" not in (r.answers or {}) for r in db.session.scalars(db.select(Registration)))
        assert [section.table for section in plugin.evaluation(dialogue)] == before
    assert count(Contribution) == 5 and count(Designation) == 1


def test_privacy_export_and_erase_of_a_designated_moderator(app, dialogue, staff):
    designate(dialogue, staff["designated"])
    exported = plugin.privacy_export(staff["designated"])
    assert exported["designated_moderator_for"][0]["event_id"] == dialogue.id
    assert exported["designated_moderator_for"][0]["event"] == "Frauendialog im Stadtteil"
    assert plugin.privacy_export(staff["helper"]) is None
    plugin.privacy_erase(staff["designated"])
    db.session.commit()
    assert count(Designation) == 0


def test_demo_fills_schwaebisch_gmuend_once(app, db):
    gmuend = make_municipality("schwaebisch-gmuend", "Schwäbisch Gmünd")
    other = make_municipality("weinheim", "Weinheim")
    for _run in range(2):
        for municipality in (gmuend, other):
            plugin_manager().call_each("demo_data", keys={"frauendialog"}, municipality=municipality,
                                       session=db.session)
        db.session.commit()
    assert "frauendialog" in enabled_format_keys(gmuend)
    assert "frauendialog" not in enabled_format_keys(other)
    event, upcoming = db.session.scalars(db.select(Event).filter_by(format_key="frauendialog").order_by(Event.id))
    assert event.municipality_id == gmuend.id and event.evaluation_published and event.ends_at < utcnow()
    assert upcoming.municipality_id == gmuend.id and upcoming.starts_at > utcnow()
    assert not upcoming.evaluation_published and "Kinderbetreuung" in upcoming.description["de"]
    assert db.session.scalar(db.select(db.func.count(Registration.id)).filter_by(event_id=event.id)) == 25
    assert count(Contribution) == 40
    assert sum(1 for r in db.session.scalars(db.select(Registration)) if r.interpreter_language) >= 5


def test_demo_evaluation_shows_suppression(app, db, client):
    gmuend = make_municipality("schwaebisch-gmuend", "Schwäbisch Gmünd")
    demo.load(gmuend, db.session)
    db.session.commit()
    event = db.session.scalars(db.select(Event).filter_by(format_key="frauendialog").order_by(Event.id)).first()
    html = client.get(f"/schwaebisch-gmuend/e/{event.id}/evaluation").get_data(as_text=True)
    assert "Deutschkurse und Sprache" in html and "Andere Themen (jeweils weniger als 5 Beiträge)" in html
    assert "Sicherheit im Alltag" not in html
    public = client.get(f"/schwaebisch-gmuend/e/{event.id}/").get_data(as_text=True)
    assert "Amira" not in public and "Haddad" not in public
    assert db.session.scalar(db.select(db.func.count(Municipality.id))) == 1
