"""Fixtures for the Thementische tests.

The core's fixtures (app, db, client, people, browser, ...) come from the
repository's root ``conftest.py``; helpers are imported from it.
"""
from dataclasses import dataclass

import pytest

from conftest import enable, make_event


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
