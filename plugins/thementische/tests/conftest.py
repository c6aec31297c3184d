"""Fixtures for the Thementische tests.

The platform's fixtures (app, db, client, people, browser, ...) and
helpers are those of the testing kit, ``dialogplatform.testing``.
"""
from dataclasses import dataclass

import pytest

from dialogplatform.testing import enable, make_event


@dataclass
class Setup:
    event: object
    tables: list
    questions: list


@pytest.fixture
def dialogue(people):
    """A published theme-table event in Testort with the five default tables
    (30 seats each) and the three default questions."""
    from dialogplatform_formats.thementische import services

    enable(people.municipality, "thementische")
    event = make_event(people.municipality, "thementische", title="Erster Flüchtlingsdialog", capacity=150)
    services.add_default_tables(event)
    services.add_default_questions(event)
    return Setup(event, services.tables_of(event), services.questions_of(event))
