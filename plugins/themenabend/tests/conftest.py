"""Fixtures for the Themenabend tests.

The core's fixtures (app, db, client, people, browser, ...) come from the
repository's root ``conftest.py``; helpers are imported from it.
"""

import pytest

from conftest import make_event


@pytest.fixture
def enabled(people, db):
    from dialogplatform.plugin_system.enabling import set_enabled

    set_enabled(people.municipality, "themenabend", True)
    db.session.commit()
    return people


@pytest.fixture
def evening(enabled):
    """An upcoming, published evening in Testort that takes questions."""
    return make_event(enabled.municipality, "themenabend",
                      settings={"answering_bodies": "Polizei, Ordnungsamt", "allow_anonymous": True})
