"""Fixtures for the Dezentrale Dialoge tests.

The platform's fixtures (app, db, client, people, browser, ...) and
helpers are those of the testing kit, ``dialogplatform.testing``.
"""
from dataclasses import dataclass

import pytest

from dialogplatform.plugin_api import db
from dialogplatform.testing import enable, make_event

KEY = "dezentrale_dialoge"


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
    from dialogplatform_formats.dezentrale_dialoge.models import Meeting, Series, Site, Stage

    m = enabled.municipality
    series = Series(municipality_id=m.id, name="Dialoge Testort", description="Überall im Ort.",
                    topics=["Wohnen", "Sprachkurse", "Arbeit"], published=True)
    db.session.add(series)
    db.session.flush()
    stages = [Stage(series_id=series.id, name="1. Unterkünfte", position=1),
              Stage(series_id=series.id, name="2. Nachbarschaftstreffs", position=2)]
    sites = {name: Site(municipality_id=m.id, name=name, kind=kind, address="Hauptstraße 1\n12345 Testort",
                        district=f"Bezirk {name}", contact_name=f"Kontakt {name}", contact_phone="0711 123456")
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
    from dialogplatform_formats.dezentrale_dialoge.models import Entry

    for kind, topic, text in entries:
        db.session.add(Entry(event_id=event.id, kind=kind, topic=topic, text=text))
    db.session.commit()
