"""Fixtures for the Dezentrale Dialoge tests.

The core's fixtures (app, db, client, people, as_user, ...) live in
``tests/conftest.py``; they are imported here so plugin tests reuse them.
This package has an ``__init__.py`` so its conftest is not another
top-level ``conftest`` module.
"""
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from tests.conftest import (  # noqa: F401  (fixtures)
    app, as_user, base_config, browser, client, db, live_server, make_app, page, people, runner, smtp_server,
)
from tests.conftest import enable, make_event

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
KEY = "dezentrale_dialoge"


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


@pytest.fixture
def enabled(people):
    enable(people.municipality, KEY)
    return people


@dataclass
class World:
    """A series in Testort with two stages, three sites and a meeting at each."""

    people: object
    series: object
    stages: list
    sites: dict
    meetings: dict  # site name -> event


@pytest.fixture
def world(enabled, db):
    from plugins.dezentrale_dialoge.models import Meeting, Series, Site, Stage

    m = enabled.municipality
    series = Series(municipality_id=m.id, name="Dialoge Testort", description="Überall im Ort.",
                    topics=["Wohnen", "Sprachkurse", "Arbeit"], published=True)
    db.session.add(series)
    db.session.flush()
    stages = [Stage(series_id=series.id, name="1. Unterkünfte", position=1),
              Stage(series_id=series.id, name="2. Nachbarschaftstreffs", position=2)]
    sites = {name: Site(municipality_id=m.id, name=name, kind=kind, address="Hauptstraße 1\n12345 Testort",
                        contact_name=f"Kontakt {name}", contact_phone="0711 123456")
             for name, kind in [("Unterkunft Nord", "accommodation"), ("Unterkunft Süd", "accommodation"),
                                ("Treff Mitte", "neighbourhood_meeting")]}
    db.session.add_all([*stages, *sites.values()])
    db.session.commit()
    meetings = {}
    for name, stage, days in [("Unterkunft Nord", stages[0], -20), ("Unterkunft Süd", stages[0], -10),
                              ("Treff Mitte", stages[1], 7)]:
        event = make_event(m, KEY, days=days, title=f"Dialog {name}", capacity=30,
                           languages=["de", "ar"], interpreters=["ar"])
        db.session.add(Meeting(event_id=event.id, series_id=series.id, stage_id=stage.id,
                               site_id=sites[name].id, walk_ins=0))
        meetings[name] = event
    db.session.commit()
    return World(enabled, series, stages, sites, meetings)


def add_entries(event, entries):
    """``entries``: (kind, topic, text) tuples stored for ``event``."""
    from dialogplatform.extensions import db
    from plugins.dezentrale_dialoge.models import Entry

    for kind, topic, text in entries:
        db.session.add(Entry(event_id=event.id, kind=kind, topic=topic, text=text))
    db.session.commit()
