"""Fixtures for the Freiraumkisten tests.

The platform's fixtures (app, db, client, people, browser, ...) and
helpers are those of the testing kit, ``dialogplatform.testing``.
"""
from datetime import timedelta
from types import SimpleNamespace

import pytest

from dialogplatform.plugin_api import db as _db
from dialogplatform.plugin_api import utcnow
from dialogplatform.testing import enable, make_event

KEY = "freiraumkisten"


def make_campaign(municipality, *, hold_for_review=True, status="published", started_days_ago=1, **fields):
    """A campaign running from ``started_days_ago`` until five days from now."""
    event = make_event(municipality, KEY, status=status, days=-started_days_ago, title="Freiraum Innenstadt",
                       settings={"question": "Was fehlt auf diesem Platz?", "topics": "Sauberkeit\nBegegnung",
                                 "hold_for_review": hold_for_review}, **fields)
    event.ends_at = utcnow() + timedelta(days=5)
    _db.session.commit()
    return event


def open_station(event, name="Marktplatz"):
    """A station of ``event`` where the box stands now."""
    from dialogplatform_formats.freiraumkisten import services

    station = services.create_station(event, name, "Marktplatz 1, Lörrach", 47.6147, 7.6616)
    services.add_window(station, utcnow() - timedelta(hours=1), utcnow() + timedelta(hours=2))
    return station


@pytest.fixture
def campaign(people):
    """Testort with the format on, a running campaign and two open stations."""
    enable(people.municipality, KEY)
    event = make_campaign(people.municipality)
    return SimpleNamespace(event=event, station=open_station(event), other=open_station(event, "Bahnhof"),
                           people=people)
