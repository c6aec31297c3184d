"""Participation figures of the demo women's dialogue: counted like every
format's, shown only in bands (protected), never in the open-data events."""
from dialogplatform.plugin_api import Event, Registration, db, protection
from dialogplatform.testing import api_figures, load_demo_at, log_in_demo_organiser, report_figures
from dialogplatform_formats.frauendialog.models import Contribution


def test_the_womens_dialogue_counts_its_contributions_in_bands(client, clock, app):
    load_demo_at(clock)
    (event_id,) = db.session.scalars(db.select(Contribution.event_id).distinct())
    given = db.session.scalars(db.select(Contribution.source).where(Contribution.event_id == event_id)).all()
    registrations = db.session.scalars(db.select(Registration).where(Registration.event_id == event_id)).all()
    attended = sum(r.party_size for r in registrations if r.checked_in_at is not None)
    online = given.count("online")
    assert attended > 0 and len(given) > 0

    log_in_demo_organiser(client, "schwaebisch-gmuend")
    shown = report_figures(client, "schwaebisch-gmuend", event_id)
    with app.test_request_context("/?lang=de"):
        expected = {name: str(protection.count(number)) for name, number in (
            ("attended", attended), ("contributions", len(given)), ("anonymous_contributors", online),
            ("people", max(attended, online)))}
    assert {name: shown[name] for name in expected} == expected
    assert "–" in shown["contributions"]  # a band, not the exact number

    # Not an event of the open data: protected formats appear only as their banded evaluation.
    assert db.session.get(Event, event_id).is_published
    assert api_figures(client, "schwaebisch-gmuend", "frauendialog") == {}
