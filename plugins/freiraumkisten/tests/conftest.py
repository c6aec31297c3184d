"""Fixtures for the Freiraumkisten tests.

The core's fixtures (app, db, client, people, as_user, ...) live in
``tests/conftest.py``, which pytest only applies below ``tests/``; they are
imported here so plugin tests reuse them. This package has an
``__init__.py`` so its conftest is not another top-level ``conftest``.
"""
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from dialogplatform.extensions import db as _db
from dialogplatform.models.types import utcnow
from tests.conftest import (  # noqa: F401  (fixtures; fast_password_hashing is autouse)
    app, as_user, base_config, browser, client, db, fast_password_hashing, live_server, make_app, people, runner,
    smtp_server,
)
from tests.conftest import enable, make_event

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
KEY = "freiraumkisten"


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs():
    """Compile the plugin's catalogs like the install step does, so German
    messages can be asserted (the .mo files are not in git)."""
    for po_path in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file)
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalog)


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
    from plugins.freiraumkisten import services

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
