"""A meeting is created through the core's ``events.create``: refused when the
format is off in the municipality, and written to the audit log."""
from datetime import datetime

import pytest

from dialogplatform.plugin_api import AuditEntry, Event, events, set_enabled
from dialogplatform.testing import submit
from dialogplatform_formats.dezentrale_dialoge import services
from dialogplatform_formats.dezentrale_dialoge.models import Meeting

from .helpers import ORGANISE, count, rows

FORM_DATA = {
    "title_de": "Dialog im Treff Mitte", "starts_at": datetime(2031, 5, 4, 17), "ends_at": datetime(2031, 5, 4, 19),
    "online": False, "capacity": 25, "languages": ["de"], "interpreters": [], "max_companions": 0,
}


def test_creating_a_meeting_is_refused_when_the_format_is_off(app, world, db):
    set_enabled(world.people.municipality, "dezentrale_dialoge", False)
    db.session.commit()
    events_before = count(Event)
    with app.test_request_context(), pytest.raises(events.FormatNotEnabled):
        services.create_meeting(world.people.municipality, world.stages[1], world.sites["Treff Mitte"],
                                FORM_DATA, world.people.organiser)
    db.session.rollback()
    assert count(Event) == events_before and count(Meeting) == 3
    assert not [entry for entry in rows(AuditEntry) if entry.action == "event.created"]


def test_a_new_meeting_is_in_the_audit_log_with_its_organiser(logged_in, world):
    response = submit(logged_in(world.people.organiser), f"{ORGANISE}/series/{world.series.id}/meetings/new", {
        "stage": world.stages[1].id, "site": world.sites["Treff Mitte"].id, "title_de": "Dialog im Treff Mitte",
        "starts_at": "2031-05-04T17:00", "ends_at": "2031-05-04T19:00", "max_companions": "0",
    })
    assert response.status_code == 302
    [event] = [e for e in rows(Event) if e.title.get("de") == "Dialog im Treff Mitte"]
    [entry] = [entry for entry in rows(AuditEntry) if entry.action == "event.created"]
    assert (entry.target_type, entry.target_id) == ("event", event.id)
    assert entry.actor_id == world.people.organiser.id
    assert entry.municipality_id == world.people.municipality.id
    assert entry.details == {"format": "dezentrale_dialoge"}
