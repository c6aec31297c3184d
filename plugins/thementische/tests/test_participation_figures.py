"""Participation figures of the Schwäbisch Gmünd theme tables: the people
checked in at the door and the statements the moderators recorded."""
from dialogplatform.plugin_api import Registration, db
from dialogplatform.testing import api_figures, load_demo_at, log_in_demo_organiser, report_figures
from dialogplatform_formats.thementische.models import Statement


def test_the_theme_tables_count_who_came_and_what_was_said(client, clock):
    load_demo_at(clock)
    (event_id,) = db.session.scalars(db.select(Statement.event_id).distinct())
    statements = db.session.scalar(
        db.select(db.func.count()).select_from(Statement).where(Statement.event_id == event_id))
    registrations = db.session.scalars(db.select(Registration).where(Registration.event_id == event_id)).all()
    checked_in = sum(r.party_size for r in registrations if r.checked_in_at is not None)
    figures = api_figures(client, "schwaebisch-gmuend", "thementische")[event_id]
    assert figures["signed_up"] == sum(r.party_size for r in registrations if r.status == "confirmed")
    assert figures["attended"] == figures["people"] == checked_in > 0
    assert figures["contributions"] == statements > 0
    assert figures["anonymous_contributors"] == figures["walk_ins"] == 0

    log_in_demo_organiser(client, "schwaebisch-gmuend")
    shown = report_figures(client, "schwaebisch-gmuend", event_id)
    assert (shown["attended"], shown["contributions"]) == (str(checked_in), str(statements))
