"""Fixtures for the Themenabend tests.

The platform's fixtures (app, db, client, people, browser, ...) and
helpers are those of the testing kit, ``dialogplatform.testing``.
"""

import pytest

from dialogplatform.testing import enable, make_event


@pytest.fixture
def enabled(people):
    enable(people.municipality, "themenabend")
    return people


@pytest.fixture
def evening(enabled):
    """An upcoming, published evening in Testort that takes questions."""
    return make_event(enabled.municipality, "themenabend",
                      settings={"answering_bodies": "Polizei, Ordnungsamt", "allow_anonymous": True})
